//! The scenario compiled to stable numeric ids: what the engine plays. Built once per scenario and
//! shared (behind an `Arc`) by every game a thread plays.

use super::ids::*;
use super::reach::Reach;
use super::state::Relations;
use crate::scenario::{self as sc, Loaded, Ruleset, Scenario};
use std::collections::HashMap;

/// Name-to-id tables: looked up, never iterated, so a hash map's order cannot reach any result.
type Names<T> = HashMap<String, T>;

mod build;
mod defs;
mod tables;

pub use defs::*;
pub use tables::RuleTables;

/// A whole scenario in ids.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The scenario as written.
    pub scenario: Scenario,
    /// The ruleset.
    pub ruleset: Ruleset,
    /// Hash of the scenario and ruleset texts.
    pub hash: String,
    /// Zones.
    pub zones: Vec<ZoneDef>,
    /// Unit types.
    pub kinds: Vec<KindDef>,
    /// Units (initial, then event-added).
    pub units: Vec<UnitDef>,
    /// Tracks.
    pub tracks: Vec<TrackDef>,
    /// Events.
    pub events: Vec<EventDef>,
    /// Escalation table.
    pub escalation: Option<EscalationDef>,
    /// Objectives per side.
    pub objectives: Vec<Vec<ObjectiveDef>>,
    /// Sudden-death conditions.
    pub sudden_death: Vec<SuddenDeathDef>,
    /// Relations at the start.
    pub relations: Relations,
    /// Number of turns.
    pub turns: u32,
    /// Who can reach what, per way of moving.
    pub reach: Reach,
    /// The ruleset's modifiers, as tables.
    pub tables: RuleTables,
    side_ix: Names<SideId>,
    zone_ix: Names<ZoneId>,
    unit_ix: Names<UnitId>,
    track_ix: Names<TrackId>,
    event_ix: Names<EventId>,
}

impl Compiled {
    /// Compiles a checked scenario. Fails only if given a scenario the loader did not pass.
    pub fn new(l: &Loaded) -> Result<Compiled, String> {
        Self::from_parts(l.scenario.clone(), l.ruleset.clone(), l.hash.clone())
    }

    /// Number of sides.
    pub fn side_count(&self) -> usize {
        self.scenario.sides.len()
    }

    /// Every side id, in order.
    pub fn side_ids(&self) -> impl Iterator<Item = SideId> + use<> {
        (0..self.scenario.sides.len() as u16).map(SideId)
    }

    /// A side's string id.
    pub fn side_name(&self, s: SideId) -> &str {
        &self.scenario.sides[s.index()].id
    }

    /// A zone's string id.
    pub fn zone_name(&self, z: ZoneId) -> &str {
        &self.zones[z.index()].id
    }

    /// A unit's string id.
    pub fn unit_name(&self, u: UnitId) -> &str {
        &self.units[u.index()].id
    }

    /// A track's string id.
    pub fn track_name(&self, t: TrackId) -> &str {
        &self.tracks[t.index()].id
    }

    /// Looks up a side by string id.
    pub fn side(&self, id: &str) -> Option<SideId> {
        self.side_ix.get(id).copied()
    }

    /// Looks up a zone by string id.
    pub fn zone(&self, id: &str) -> Option<ZoneId> {
        self.zone_ix.get(id).copied()
    }

    /// Looks up a unit by string id.
    pub fn unit(&self, id: &str) -> Option<UnitId> {
        self.unit_ix.get(id).copied()
    }

    /// Looks up a track by string id.
    pub fn track(&self, id: &str) -> Option<TrackId> {
        self.track_ix.get(id).copied()
    }

    /// Looks up an event by string id.
    pub fn event(&self, id: &str) -> Option<EventId> {
        self.event_ix.get(id).copied()
    }

    /// The turn's label, e.g. "Day 3".
    pub fn turn_label(&self, turn: u32) -> String {
        self.scenario.turns.label.replace("{n}", &turn.to_string())
    }

    /// The type of a unit.
    pub fn kind_of(&self, u: UnitId) -> &KindDef {
        &self.kinds[self.units[u.index()].kind.index()]
    }
}
