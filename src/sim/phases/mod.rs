//! The turn sequence of ruleset v1 as chained system sets. Each phase's system reads the world,
//! calls [`crate::rules`], and writes events to the [`super::components::Outbox`]; the exclusive
//! [`super::apply::apply_outbox`] that follows it is the only thing that changes state.

mod engagement;
mod movement;
mod orders;
mod script;
mod sense;
mod upkeep;

use super::apply::apply_outbox;
use bevy_ecs::prelude::*;
use bevy_ecs::schedule::{LogLevel, ScheduleBuildSettings};

/// The phases of a turn, in order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// The turn begins; scheduled injects fire.
    Start,
    /// Orders are checked; signals are sent.
    Orders,
    /// Units move, simultaneously.
    Movement,
    /// Sides look for each other's units.
    Detection,
    /// Shows of force and engagements.
    Engagement,
    /// Zones change hands.
    Control,
    /// Readiness, supply and attrition.
    Readiness,
    /// Track thresholds and conditional events.
    Events,
    /// Sudden death and the end of the game.
    Victory,
    /// The state hash.
    End,
}

/// Builds the turn schedule. Ambiguity detection is an error: no two systems may touch the same
/// data without an order between them.
pub fn schedule() -> Schedule {
    let mut s = Schedule::default();
    s.set_build_settings(ScheduleBuildSettings {
        ambiguity_detection: LogLevel::Error,
        ..Default::default()
    });
    s.configure_sets(
        (
            Phase::Start,
            Phase::Orders,
            Phase::Movement,
            Phase::Detection,
            Phase::Engagement,
            Phase::Control,
            Phase::Readiness,
            Phase::Events,
            Phase::Victory,
            Phase::End,
        )
            .chain(),
    );
    s.add_systems(
        (script::start_turn, apply_outbox)
            .chain()
            .in_set(Phase::Start),
    );
    s.add_systems(
        (orders::check_orders, apply_outbox)
            .chain()
            .in_set(Phase::Orders),
    );
    s.add_systems(
        (movement::move_units, apply_outbox)
            .chain()
            .in_set(Phase::Movement),
    );
    s.add_systems(
        (sense::detect, apply_outbox)
            .chain()
            .in_set(Phase::Detection),
    );
    s.add_systems(
        (engagement::engage, apply_outbox)
            .chain()
            .in_set(Phase::Engagement),
    );
    s.add_systems(
        (upkeep::control, apply_outbox)
            .chain()
            .in_set(Phase::Control),
    );
    s.add_systems(
        (upkeep::readiness, apply_outbox)
            .chain()
            .in_set(Phase::Readiness),
    );
    s.add_systems((script::events, apply_outbox).chain().in_set(Phase::Events));
    s.add_systems(
        (script::victory, apply_outbox)
            .chain()
            .in_set(Phase::Victory),
    );
    s.add_systems(super::engine::end_turn.in_set(Phase::End));
    s
}
