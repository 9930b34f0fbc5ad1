//! The turn schedule has no ambiguities: no two systems touch the same data without an order between
//! them, so the turn is the same whatever the executor does. The turn is one system a phase, so
//! there is nothing inside a phase to run in shuffled orders; what could still let an order into
//! the results — how the ECS stores and iterates the units, the order bots are planned and orders
//! handed in — is shuffled here (and over generated games in `tests/properties/schedule.rs`).

mod common;

use std::sync::Arc;
use whitecell::dice::Dice;
use whitecell::model::{Compiled, SideId};
use whitecell::orders::SideOrders;
use whitecell::policy::PolicySpec;
use whitecell::scenario::{generate, load};
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

/// The orders of every side for the coming turn, planned by `policies` outside the engine in the
/// side order `plan`, handed in in the side order `hand`.
fn hand_in(e: &mut Engine, policies: &[PolicySpec], plan: &[usize], hand: &[usize]) {
    let c = e.compiled().clone();
    let state = e.state();
    let dice = e.dice().clone();
    let mut planned = vec![None; policies.len()];
    for &i in plan {
        planned[i] = Some(policies[i].orders(&c, &state, SideId(i as u16), &dice));
    }
    for &i in hand {
        let mut o: SideOrders = planned[i].take().expect("each side planned once");
        o.orders.reverse();
        e.submit(SideId(i as u16), o, Vec::new());
    }
}

/// Results do not depend on the order the ECS stores and iterates the units (entity ids, table
/// order), nor on the order bots are planned or orders handed in: the shipped scenarios and a
/// generated one, each over seeds, played by bots inside the engine on units spawned in id order,
/// and again on units spawned in reverse and in a scrambled order with other entity ids, the bots'
/// orders planned outside in reverse side order and handed in scrambled, each side's list reversed
/// — the same state after every turn, and the same hashes.
#[test]
fn results_do_not_depend_on_unit_storage_planning_or_hand_in_order() {
    let generated = {
        let path = common::root().join("scenarios/rulesets/default.ron");
        let text = std::fs::read_to_string(&path).unwrap();
        let rules = load::load_ruleset_text(&path, &text, &mut Vec::new()).unwrap();
        let s = generate::generated(60, rules.clone());
        Arc::new(Compiled::from_parts(s, rules, "generated-60".into()).unwrap())
    };
    let games = [
        common::compile("scenarios/tutorial.ron"),
        common::compile("scenarios/eastern-med-2018.ron"),
        generated,
    ];
    let mut turns = 0;
    for c in games {
        let n = c.side_count();
        let policies: Vec<PolicySpec> = (0..n)
            .map(|i| PolicySpec::parse(["random", "aggressive", "cautious"][i % 3]).unwrap())
            .collect();
        let units = c.units.len();
        let reverse: Vec<usize> = (0..units).rev().collect();
        let scrambled: Vec<usize> = (0..units).map(|i| (i * 7 + 3) % units).collect();
        let scrambled = if units % 7 == 0 {
            reverse.clone()
        } else {
            scrambled
        };
        for seed in 1..=3u64 {
            let dice = Dice::seeded(seed);
            let mut inside = Engine::new(c.clone(), dice.clone());
            inside.set_bots(&policies);
            let mut outside = Engine::new(c.clone(), dice.clone());
            let order = if seed % 2 == 0 { &reverse } else { &scrambled };
            whitecell::sim::world::respawn_units(outside.schedule_mut().1, order, seed as usize);
            let plan: Vec<usize> = (0..n).rev().collect();
            let hand: Vec<usize> = (0..n).map(|i| (i * 5 + seed as usize) % n).collect();
            let hand = if n % 5 == 0 { plan.clone() } else { hand };
            while !inside.ended() {
                hand_in(&mut outside, &policies, &plan, &hand);
                inside.step().unwrap();
                outside.step().unwrap();
                turns += 1;
                assert_eq!(
                    inside.state(),
                    outside.state(),
                    "{} seed {seed} turn {}",
                    c.scenario.meta.id,
                    inside.turn()
                );
                assert_eq!(inside.state_hash(), outside.state_hash());
            }
            assert!(outside.ended());
        }
    }
    assert!(turns > 30, "the games were played ({turns} turns)");
}
