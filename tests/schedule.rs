//! The turn schedule has no ambiguities: no two systems touch the same data without an order between
//! them, so the turn is the same whatever the executor does.

mod common;

use whitecell::dice::Dice;
use whitecell::sim::Engine;

#[test]
fn the_turn_schedule_has_zero_ambiguities() {
    let c = common::compile("scenarios/tutorial.ron");
    let mut e = Engine::new(c, Dice::seeded(1));
    let (schedule, world) = e.schedule_mut();
    // Ambiguity detection is set to error: initialising fails if any pair is ambiguous.
    schedule
        .initialize(world)
        .expect("the schedule builds with ambiguity detection as an error");
    let ambiguous = schedule.graph().conflicting_systems();
    assert!(
        ambiguous.is_empty(),
        "{} ambiguous pair(s)",
        ambiguous.len()
    );
    // One system a phase: plan, start, orders, movement, detection, engagement, control,
    // readiness, events, victory, end.
    assert_eq!(schedule.systems_len(), 11, "every phase is in the schedule");
}
