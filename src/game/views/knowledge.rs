//! What a side knows of the state, without names or text: its own units, its allies', the other
//! units it detected this turn, the last sightings of those it no longer sees, and the public
//! tracks. [`super::build`] words a view from exactly these, and a learning environment encodes
//! them into numbers without building the view; both read the state through this one derivation.

use crate::model::{Compiled, SideId, Sighting, State, UnitId, UnitState};
use crate::scenario::Relation;

/// A side's knowledge of one state (borrowed, nothing copied).
#[derive(Debug, Clone, Copy)]
pub struct Knowledge<'a> {
    /// The scenario.
    pub c: &'a Compiled,
    /// The state.
    pub state: &'a State,
    /// The side.
    pub side: SideId,
}

impl<'a> Knowledge<'a> {
    /// `side`'s knowledge of `state`.
    pub fn of(c: &'a Compiled, state: &'a State, side: SideId) -> Knowledge<'a> {
        Knowledge { c, state, side }
    }

    /// Whether `s` is another side allied to this one.
    pub fn allied(&self, s: SideId) -> bool {
        s != self.side && self.state.relations.get(self.side, s) == Relation::Allied
    }

    /// The units this side detected this turn (any side's).
    pub fn detected(&self) -> &'a [UnitId] {
        &self.state.intel.current[self.side.index()]
    }

    /// Its own units on the map, in unit order.
    pub fn own(&self) -> impl Iterator<Item = &'a UnitState> + '_ {
        self.state.units.iter().filter(move |u| u.side == self.side)
    }

    /// Its allies' units on the map, in unit order.
    pub fn allied_units(&self) -> impl Iterator<Item = &'a UnitState> + '_ {
        self.state.units.iter().filter(move |u| self.allied(u.side))
    }

    /// The units of other (neutral or hostile) sides it detected this turn, in unit order.
    pub fn contacts(&self) -> impl Iterator<Item = &'a UnitState> + '_ {
        let detected = self.detected();
        self.state.units.iter().filter(move |u| {
            detected.contains(&u.id) && u.side != self.side && !self.allied(u.side)
        })
    }

    /// The last sighting of each unit it once detected and does not see this turn, by unit id.
    pub fn last_seen(&self) -> impl Iterator<Item = (UnitId, &'a Sighting)> + '_ {
        let detected = self.detected();
        self.state.intel.last_seen[self.side.index()]
            .iter()
            .filter(move |(id, _)| !detected.contains(id))
            .map(|(id, s)| (*id, s))
    }

    /// The public tracks: each one's index and value now.
    pub fn tracks(&self) -> impl Iterator<Item = (usize, i32)> + 'a {
        self.c
            .tracks
            .iter()
            .zip(&self.state.tracks)
            .enumerate()
            .filter(|(_, (t, _))| t.public)
            .map(|(i, (_, v))| (i, *v))
    }

    /// Its relation to `s` (allied to itself).
    pub fn relation(&self, s: SideId) -> Relation {
        self.state.relations.get(self.side, s)
    }
}
