//! The turn sequence of ruleset v1 as chained system sets, one system a phase. Each reads the game
//! through a [`View`], calls [`crate::rules`], writes events to the log, and ends by applying them
//! ([`super::apply::Writer::end_phase`]): applying events is the only way state changes.

mod engagement;
mod movement;
mod orders;
mod plan;
mod script;
mod sense;
mod upkeep;

pub use movement::{Leg, posture_for};

use super::changes::{Changes, Working};
use super::components::*;
use crate::log::event::{Cmd, Log};
use crate::model::{Compiled, Relations, SideId, UnitId};
use crate::rules::{Board, Placement};
use bevy_ecs::prelude::*;
use bevy_ecs::schedule::{LogLevel, ScheduleBuildSettings};

/// The phases of a turn, in order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Bots give the orders of the sides they play.
    Plan,
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

/// What every phase reads: the game as it stands, with the units grouped by zone.
pub struct View<'a> {
    /// The scenario.
    pub c: &'a Compiled,
    /// The turn.
    pub clock: u32,
    /// Zone control.
    pub control: &'a [Option<SideId>],
    /// Relations.
    pub relations: &'a Relations,
    /// Tracks.
    pub tracks: &'a Tracks,
    /// History.
    pub history: &'a History,
    /// What each side detected.
    pub contacts: &'a Contacts,
    /// Per unit id, on the map.
    pub on_map: &'a [bool],
    /// This turn's orders.
    pub turn: &'a ThisTurn,
    /// Units on the map by zone.
    pub places: &'a Placement,
}

impl View<'_> {
    /// The board of this moment, over the placement.
    pub fn board(&self) -> Board<'_> {
        Board::over(
            self.c,
            self.places,
            self.relations,
            self.control,
            self.clock,
        )
    }

    /// A unit's accepted order this turn.
    #[inline]
    pub fn order(&self, u: UnitId) -> Option<Cmd> {
        self.turn.order[u.index()]
    }

    /// Whether a unit has fought this turn.
    #[inline]
    pub fn fought(&self, u: UnitId) -> bool {
        self.turn.fought[u.index()]
    }

    /// Whether a unit is on the map.
    pub fn on_map(&self) -> impl Fn(UnitId) -> bool + '_ {
        |u| self.on_map[u.index()]
    }

    /// A working copy loaded from the state as it stands, whose events go to `log`.
    pub fn changes<'a>(
        &'a self,
        w: &'a mut Working,
        on_map: &'a dyn Fn(UnitId) -> bool,
        log: &'a mut Log,
    ) -> Changes<'a> {
        w.load(
            &self.tracks.values,
            self.relations,
            self.control,
            &self.history.fired,
        );
        Changes {
            c: self.c,
            w,
            was_on_map: on_map,
            log,
        }
    }
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
            Phase::Plan,
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
    s.add_systems(plan::plan_bots.in_set(Phase::Plan));
    s.add_systems(script::start_turn.in_set(Phase::Start));
    s.add_systems(orders::check_orders.in_set(Phase::Orders));
    s.add_systems(movement::move_units.in_set(Phase::Movement));
    s.add_systems(sense::detect.in_set(Phase::Detection));
    s.add_systems(engagement::engage.in_set(Phase::Engagement));
    s.add_systems(upkeep::control.in_set(Phase::Control));
    s.add_systems(upkeep::readiness.in_set(Phase::Readiness));
    s.add_systems(script::events.in_set(Phase::Events));
    s.add_systems(script::victory.in_set(Phase::Victory));
    s.add_systems(super::hash::end_turn.in_set(Phase::End));
    s
}
