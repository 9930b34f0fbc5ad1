//! The turn sequence of ruleset v1 as chained system sets. Each phase's system reads the world
//! through [`Read`], calls [`crate::rules`], and writes events to the log; the
//! [`super::apply::apply_pending`] that follows it is the only thing that changes state. The units
//! are grouped by zone again ([`place_units`]) after the three steps that move them: the start of
//! the turn (units brought on), movement, and engagements (retreats and losses).

mod engagement;
mod movement;
mod orders;
mod plan;
mod script;
mod sense;
mod upkeep;

pub use movement::{Leg, posture_for};

use super::apply::apply_pending;
use super::changes::{Changes, Working};
use super::components::*;
use crate::model::{UnitId, UnitState};
use crate::report::event::{Cmd, Log};
use crate::rules::Board;
use bevy_ecs::prelude::*;
use bevy_ecs::schedule::{LogLevel, ScheduleBuildSettings};
use bevy_ecs::system::SystemParam;

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

/// What every phase reads: the state of the game, and the units grouped by zone.
#[derive(SystemParam)]
pub struct Read<'w, 's> {
    /// The scenario.
    pub game: Res<'w, Game>,
    /// The turn.
    pub clock: Res<'w, Clock>,
    /// Zone control.
    pub control: Res<'w, Control>,
    /// Relations.
    pub diplomacy: Res<'w, Diplomacy>,
    /// Tracks.
    pub tracks: Res<'w, Tracks>,
    /// History.
    pub history: Res<'w, History>,
    /// Units by zone.
    pub places: Res<'w, Places>,
    /// Unit entities by id.
    pub index: Res<'w, UnitIndex>,
    /// Units.
    pub units: Query<'w, 's, UnitRow<'static>>,
}

impl Read<'_, '_> {
    /// The board of this moment, over the placement.
    pub fn board(&self) -> Board<'_> {
        Board::over(
            &self.game.0,
            &self.places.0,
            &self.diplomacy.0,
            &self.control.0,
            self.clock.0,
        )
    }

    /// What a unit does this turn.
    pub fn tasking(&self, u: UnitId) -> Tasking {
        self.units
            .get(self.index.0[u.index()])
            .map(|row| *row.4)
            .unwrap_or_default()
    }

    /// A unit's accepted order this turn.
    pub fn order(&self, u: UnitId) -> Option<Cmd> {
        self.tasking(u).order
    }

    /// Whether a unit is on the map.
    pub fn on_map(&self) -> impl Fn(UnitId) -> bool + '_ {
        |u| {
            self.units
                .get(self.index.0[u.index()])
                .is_ok_and(|row| row.1.on_map)
        }
    }

    /// A working copy (already loaded into `w`) whose events go to `log`.
    pub fn changes<'a>(
        &'a self,
        w: &'a mut Working,
        on_map: &'a dyn Fn(UnitId) -> bool,
        log: &'a mut Log,
    ) -> Changes<'a> {
        Changes {
            c: &self.game.0,
            w,
            was_on_map: on_map,
            log,
        }
    }
}

/// Groups the units on the map by zone.
pub fn place_units(
    game: Res<Game>,
    index: Res<UnitIndex>,
    units: Query<UnitRow<'static>>,
    mut places: ResMut<Places>,
) {
    let p = &mut places.0;
    p.begin();
    for row in units.iter_many(&index.0).flatten() {
        if row.1.on_map {
            p.push(unit_state(row));
        }
    }
    p.finish(game.0.zones.len(), game.0.units.len());
}

/// Every unit on the map, in id order, from a world outside the schedule.
pub fn units_of(world: &mut World, out: &mut Vec<UnitState>) {
    let index = std::mem::take(&mut world.resource_mut::<UnitIndex>().0);
    let mut q = world.query::<UnitRow>();
    out.clear();
    for row in q.iter_many(world, &index).flatten() {
        if row.1.on_map {
            out.push(unit_state(row));
        }
    }
    world.resource_mut::<UnitIndex>().0 = index;
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
    s.add_systems(
        (script::start_turn, apply_pending, place_units)
            .chain()
            .in_set(Phase::Start),
    );
    s.add_systems(
        (orders::check_orders, apply_pending)
            .chain()
            .in_set(Phase::Orders),
    );
    s.add_systems(
        (movement::move_units, apply_pending, place_units)
            .chain()
            .in_set(Phase::Movement),
    );
    s.add_systems(
        (sense::detect, apply_pending)
            .chain()
            .in_set(Phase::Detection),
    );
    s.add_systems(
        (engagement::engage, apply_pending, place_units)
            .chain()
            .in_set(Phase::Engagement),
    );
    s.add_systems(
        (upkeep::control, apply_pending)
            .chain()
            .in_set(Phase::Control),
    );
    s.add_systems(
        (upkeep::readiness, apply_pending)
            .chain()
            .in_set(Phase::Readiness),
    );
    s.add_systems(
        (script::events, apply_pending)
            .chain()
            .in_set(Phase::Events),
    );
    s.add_systems(
        (script::victory, apply_pending)
            .chain()
            .in_set(Phase::Victory),
    );
    s.add_systems(super::hash::end_turn.in_set(Phase::End));
    s
}
