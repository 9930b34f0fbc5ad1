//! ECS components and resources of a game. Every unit of the scenario (those on the map at the
//! start and those events may bring on) is one entity for the whole game, spawned in id order;
//! leaving the map clears its [`Location::on_map`] instead of despawning it, so entities never move
//! between archetypes during play and a new game of the same scenario reuses them. Everything else
//! that changes is a resource. None of these is hashed or saved directly: see [`super::hash`] and
//! [`crate::model::State`].

use crate::dice::Dice;
use crate::model::{Compiled, Relations, Sighting, SideId, UnitId, UnitState, ZoneId};
use crate::orders::SideOrders;
use crate::orders::file::Unresolved;
use crate::policy::PolicySpec;
use crate::report::event::{Cmd, Ending, Log, Msg};
use crate::rules::Placement;
use crate::scenario::{Posture, Readiness};
use bevy_ecs::prelude::*;
use std::sync::Arc;

/// Who a unit is: never changes.
#[derive(Component, Debug, Clone, Copy)]
pub struct UnitKey {
    /// Stable id.
    pub id: UnitId,
    /// Owner.
    pub side: SideId,
    /// Type.
    pub kind: crate::model::KindId,
}

/// Where a unit is, and whether it is on the map at all.
#[derive(Component, Debug, Clone, Copy)]
pub struct Location {
    /// Its zone (where it will appear, while off the map).
    pub zone: ZoneId,
    /// On the map (not yet arrived, destroyed and removed units are not).
    pub on_map: bool,
}

/// A unit's strength in steps.
#[derive(Component, Debug, Clone, Copy)]
pub struct Strength(pub u8);

/// A unit's readiness and posture.
#[derive(Component, Debug, Clone, Copy)]
pub struct Disposition {
    /// Readiness.
    pub readiness: Readiness,
    /// Posture.
    pub posture: Posture,
}

/// What a unit does this turn: its accepted order and whether it has fought.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct Tasking {
    /// The accepted order, if any.
    pub order: Option<Cmd>,
    /// It fought this turn.
    pub fought: bool,
}

/// The unit query phases read.
pub type UnitRow<'a> = (
    &'a UnitKey,
    &'a Location,
    &'a Strength,
    &'a Disposition,
    &'a Tasking,
);

/// A unit row as plain state.
pub fn unit_state((k, l, s, d, _): UnitRow) -> UnitState {
    UnitState {
        id: k.id,
        side: k.side,
        kind: k.kind,
        zone: l.zone,
        strength: s.0,
        readiness: d.readiness,
        posture: d.posture,
    }
}

/// The scenario being played.
#[derive(Resource, Clone)]
pub struct Game(pub Arc<Compiled>);

/// The turn being played (0 before the first).
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct Clock(pub u32);

/// Control of each zone.
#[derive(Resource, Debug, Clone, Default)]
pub struct Control(pub Vec<Option<SideId>>);

/// Relations between sides.
#[derive(Resource, Debug, Clone)]
pub struct Diplomacy(pub Relations);

/// Track values and which thresholds have been reached.
#[derive(Resource, Debug, Clone, Default)]
pub struct Tracks {
    /// Value per track.
    pub values: Vec<i32>,
    /// Per track, per threshold (ascending), reached yet.
    pub reached: Vec<Vec<bool>>,
}

/// A message delivered, in ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delivered {
    /// The turn it came.
    pub turn: u32,
    /// The message.
    pub msg: Msg,
}

/// What has happened so far that later rules look at.
#[derive(Resource, Debug, Clone, Default)]
pub struct History {
    /// Per event, fired yet.
    pub fired: Vec<bool>,
    /// Per side, steps lost in all.
    pub steps_lost: Vec<u32>,
    /// Messages delivered.
    pub messages: Vec<Delivered>,
    /// The end, once reached (a points ending's scores are in `scores`).
    pub ending: Option<Ending>,
    /// The final scores, per side.
    pub scores: Vec<u32>,
    /// Engagements fought (not part of the state: a count for batch rows).
    pub engagements: u32,
}

/// What each side has detected, per side and unit id.
#[derive(Resource, Debug, Clone, Default)]
pub struct Contacts {
    /// Units per side's row.
    pub units: usize,
    /// `side * units + unit`: detected in this turn's detection phase.
    pub current: Vec<bool>,
    /// `side * units + unit`: the last sighting.
    pub last_seen: Vec<Option<Sighting>>,
}

impl Contacts {
    /// Empty contacts for `sides` sides and `units` unit ids.
    pub fn reset(&mut self, sides: usize, units: usize) {
        self.units = units;
        self.current.clear();
        self.current.resize(sides * units, false);
        self.last_seen.clear();
        self.last_seen.resize(sides * units, None);
    }

    /// `side` detected `unit` this turn.
    pub fn sees(&self, side: SideId, unit: UnitId) -> bool {
        self.current[side.index() * self.units + unit.index()]
    }

    /// The last sighting of `unit` by `side`.
    pub fn sighting(&self, side: SideId, unit: UnitId) -> Option<Sighting> {
        self.last_seen[side.index() * self.units + unit.index()]
    }
}

impl crate::model::Sees for Contacts {
    fn sees(&self, side: SideId, unit: UnitId) -> bool {
        Contacts::sees(self, side, unit)
    }
}

/// One side's orders for the coming turn, while waiting.
#[derive(Debug, Clone, Default)]
pub struct Slot {
    /// Handed in and not yet checked.
    pub pending: bool,
    /// The orders (the buffers are kept between turns).
    pub orders: SideOrders,
    /// Orders that named unknown things.
    pub unresolved: Vec<Unresolved>,
}

/// Orders handed in for the coming turn, by side.
#[derive(Resource, Debug, Clone, Default)]
pub struct Submitted(pub Vec<Slot>);

/// The bot policy of each side that has one: it plays the side whenever no orders were handed in.
#[derive(Resource, Debug, Clone, Default)]
pub struct Bots(pub Vec<Option<PolicySpec>>);

/// The log: every event of the game (or, in a game that keeps only the current turn, of this turn).
#[derive(Resource, Debug, Clone, Default)]
pub struct Journal {
    /// Events and arenas.
    pub log: Log,
    /// Events applied so far.
    pub applied: usize,
    /// Where the current turn's events begin.
    pub turn_start: usize,
    /// Keep every turn's events (else each turn starts a fresh log).
    pub keep: bool,
}

/// How the engine runs.
#[derive(Resource, Debug, Clone, Copy)]
pub struct Settings {
    /// Hash the state at the end of every turn (else only on request).
    pub hash_every_turn: bool,
}

/// The game's dice.
#[derive(Resource, Debug, Clone)]
pub struct DiceBox(pub Dice);

/// The entity of each unit, by unit id.
#[derive(Resource, Debug, Clone, Default)]
pub struct UnitIndex(pub Vec<Entity>);

/// Units on the map grouped by zone: rebuilt at the end of every phase that changed a unit, so each
/// phase sees the units as the phases before it left them.
#[derive(Resource, Debug, Clone, Default)]
pub struct Places {
    /// The grouping.
    pub place: Placement,
    /// A unit changed since it was built.
    pub dirty: bool,
}
