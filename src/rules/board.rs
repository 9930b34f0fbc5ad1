//! The read-only picture of the game the rules work on: the compiled scenario plus the units,
//! relations and control of one moment, with units indexed by zone.

use crate::model::{Compiled, KindDef, Relations, SideId, UnitId, UnitState, ZoneId};

/// A moment of the game, for the rules to read.
pub struct Board<'a> {
    /// The scenario.
    pub c: &'a Compiled,
    /// Units on the map, sorted by id.
    pub units: &'a [UnitState],
    /// Relations now.
    pub relations: &'a Relations,
    /// Control per zone now.
    pub control: &'a [Option<SideId>],
    /// The turn being played.
    pub turn: u32,
    by_zone: Vec<Vec<u32>>,
}

impl<'a> Board<'a> {
    /// Indexes the units by zone.
    pub fn new(
        c: &'a Compiled,
        units: &'a [UnitState],
        relations: &'a Relations,
        control: &'a [Option<SideId>],
        turn: u32,
    ) -> Self {
        debug_assert!(
            units.windows(2).all(|w| w[0].id < w[1].id),
            "units must be sorted by id"
        );
        let mut by_zone = vec![Vec::new(); c.zones.len()];
        for (i, u) in units.iter().enumerate() {
            by_zone[u.zone.index()].push(i as u32);
        }
        Board {
            c,
            units,
            relations,
            control,
            turn,
            by_zone,
        }
    }

    /// A unit by id.
    pub fn unit(&self, id: UnitId) -> Option<&UnitState> {
        self.units
            .binary_search_by_key(&id, |u| u.id)
            .ok()
            .map(|i| &self.units[i])
    }

    /// Units in a zone, in id order.
    pub fn units_in(&self, z: ZoneId) -> impl Iterator<Item = &UnitState> {
        self.by_zone[z.index()]
            .iter()
            .map(|&i| &self.units[i as usize])
    }

    /// The type of a unit.
    pub fn kind(&self, u: &UnitState) -> &'a KindDef {
        &self.c.kinds[u.kind.index()]
    }

    /// A unit of a side hostile to `side` is in the zone.
    pub fn hostile_in(&self, z: ZoneId, side: SideId) -> bool {
        self.units_in(z)
            .any(|u| self.relations.hostile(u.side, side))
    }

    /// Zone `z` is friendly to `side`: controlled by it or an ally, or one of its supply sources.
    pub fn friendly_zone(&self, z: ZoneId, side: SideId) -> bool {
        let zd = &self.c.zones[z.index()];
        zd.supply == Some(side)
            || self.control[z.index()]
                .is_some_and(|o| self.relations.get(o, side) == crate::scenario::Relation::Allied)
    }
}
