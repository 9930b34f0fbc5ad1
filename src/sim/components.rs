//! ECS components and resources of a game. Every unit of the scenario (those on the map at the
//! start and those events may bring on) is one entity for the whole game, spawned in id order;
//! leaving the map clears its [`Location::on_map`] instead of despawning it, so entities never move
//! between archetypes during play and a new game of the same scenario reuses them. Everything else
//! that changes is a resource. None of these is hashed or saved directly: see [`super::hash`] and
//! [`crate::model::State`].

use crate::dice::Dice;
use crate::log::event::{Cmd, Ending, Log, Msg};
use crate::model::{Compiled, Relations, SideId, Sighting, UnitId, UnitState, ZoneId};
use crate::orders::SideOrders;
use crate::orders::file::Unresolved;
use crate::policy::PolicySpec;
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

/// Where a unit is (where it will appear, while it is off the map: see [`Status::on_map`]).
#[derive(Component, Debug, Clone, Copy)]
pub struct Location(pub ZoneId);

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

/// The unit query the engine reads.
pub type UnitRow<'a> = (&'a UnitKey, &'a Location, &'a Strength, &'a Disposition);

/// A unit row as plain state.
pub fn unit_state((k, l, s, d): UnitRow) -> UnitState {
    UnitState {
        id: k.id,
        side: k.side,
        kind: k.kind,
        zone: l.0,
        strength: s.0,
        readiness: d.readiness,
        posture: d.posture,
    }
}

/// The scenario being played.
#[derive(Resource, Clone)]
pub struct Game(pub Arc<Compiled>);

/// Track values and which thresholds have been reached.
#[derive(Debug, Clone, Default)]
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
#[derive(Debug, Clone, Default)]
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
#[derive(Debug, Clone, Default)]
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
    #[inline]
    pub fn sees(&self, side: SideId, unit: UnitId) -> bool {
        self.current[side.index() * self.units + unit.index()]
    }

    /// The last sighting of `unit` by `side`.
    #[inline]
    pub fn sighting(&self, side: SideId, unit: UnitId) -> Option<Sighting> {
        self.last_seen[side.index() * self.units + unit.index()]
    }
}

impl crate::model::Sees for Contacts {
    fn sees(&self, side: SideId, unit: UnitId) -> bool {
        Contacts::sees(self, side, unit)
    }

    fn row(&self, side: SideId) -> Option<&[bool]> {
        let n = self.units;
        self.current.get(side.index() * n..(side.index() + 1) * n)
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
#[derive(Debug, Clone, Default)]
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
    /// The rules revision whose hash encoding to use (1 for games saved under revision 1).
    pub hash_rules: u32,
}

/// The game's dice.
#[derive(Resource, Debug, Clone)]
pub struct DiceBox(pub Dice);

/// This turn's accepted orders and who has fought, per unit id.
#[derive(Debug, Clone, Default)]
pub struct ThisTurn {
    /// The accepted order of each unit, if any.
    pub order: Vec<Option<Cmd>>,
    /// Each unit has fought this turn.
    pub fought: Vec<bool>,
}

/// Everything of a game that is not a unit's own state, in one resource (every phase reads most
/// of it, and one resource is one fetch): the clock, control, relations, tracks, history, what each
/// side has seen, which units are on the map, this turn's orders, the log, the units grouped by
/// zone, and the phases' working buffers.
#[derive(Resource, Debug, Clone, Default)]
pub struct Status {
    /// The turn being played (0 before the first).
    pub clock: u32,
    /// Control of each zone.
    pub control: Vec<Option<SideId>>,
    /// Relations between sides.
    pub relations: Relations,
    /// Tracks.
    pub tracks: Tracks,
    /// History.
    pub history: History,
    /// What each side has detected.
    pub contacts: Contacts,
    /// Per unit id, on the map (not yet arrived, destroyed and removed units are not).
    pub on_map: Vec<bool>,
    /// This turn's orders.
    pub turn: ThisTurn,
    /// The entity of each unit, by unit id.
    pub index: Vec<Entity>,
    /// The units on the map grouped by zone: rebuilt at the end of every phase that changed a
    /// unit, so each phase sees the units as the phases before it left them.
    pub places: Placement,
    /// A unit changed since `places` was built.
    pub dirty: bool,
    /// The log.
    pub journal: Journal,
    /// The phases' working buffers.
    pub scratch: super::scratch::Scratch,
}
