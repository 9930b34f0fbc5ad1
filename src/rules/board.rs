//! The read-only picture of the game the rules work on: the compiled scenario plus the units,
//! relations and control of one moment, with the units grouped by zone.
//!
//! [`Placement`] is that grouping: a counting sort of the units on the map by zone (id order within
//! a zone), rebuilt in place when positions change, so it costs nothing to allocate once warm. The
//! engine keeps one and lends it to a [`Board`]; a caller with a plain list of units (a view, the
//! prompt, a test) gets a board that builds its own.

use crate::model::{Compiled, KindDef, Relations, SideId, UnitId, UnitState, ZoneId};
use std::borrow::Cow;

const NONE: u32 = u32::MAX;

/// Units grouped by zone.
#[derive(Debug, Clone, Default)]
pub struct Placement {
    /// Units in the order pushed (id order).
    pushed: Vec<UnitState>,
    /// Per zone, the start of its units in `members` (one more entry than zones).
    start: Vec<u32>,
    /// Units sorted by zone, then id.
    members: Vec<UnitState>,
    /// Per unit index, its position in `members`, or [`NONE`].
    slot: Vec<u32>,
    /// Per zone, a bit for each side with units there (sides 0..64).
    present: Vec<u64>,
    /// Some unit's side is 64 or above: `present` cannot be used.
    wide: bool,
}

impl Placement {
    /// Starts a rebuild: pushes follow, in unit id order, then [`Placement::finish`].
    pub fn begin(&mut self) {
        self.pushed.clear();
    }

    /// Adds a unit on the map.
    pub fn push(&mut self, u: UnitState) {
        self.pushed.push(u);
    }

    /// Groups the pushed units by zone, for a scenario of `zones` zones and `units` unit ids. The
    /// units may have been pushed in any order; within a zone they are kept in id order.
    pub fn finish(&mut self, zones: usize, units: usize) {
        if !self.pushed.is_sorted_by_key(|u| u.id) {
            self.pushed.sort_unstable_by_key(|u| u.id);
        }
        self.present.clear();
        self.present.resize(zones, 0);
        self.wide = false;
        self.start.clear();
        self.start.resize(zones + 1, 0);
        for u in &self.pushed {
            self.start[u.zone.index() + 1] += 1;
        }
        for z in 0..zones {
            self.start[z + 1] += self.start[z];
        }
        self.members.clear();
        self.members.resize(self.pushed.len(), UnitState::default());
        self.slot.clear();
        self.slot.resize(units, NONE);
        // `start[z]` walks forward as zone z fills, then is walked back.
        for u in &self.pushed {
            let at = self.start[u.zone.index()];
            self.members[at as usize] = *u;
            self.slot[u.id.index()] = at;
            self.start[u.zone.index()] += 1;
            match 1u64.checked_shl(u32::from(u.side.0)) {
                Some(bit) if u.side.0 < 64 => self.present[u.zone.index()] |= bit,
                _ => self.wide = true,
            }
        }
        for z in (0..zones).rev() {
            self.start[z + 1] = self.start[z];
        }
        self.start[0] = 0;
    }

    /// Becomes the units of `full` that `keep` keeps (as it returns them; it must keep their zone),
    /// grouped the same way — one pass, no sort.
    pub fn filter_of(
        &mut self,
        full: &Placement,
        mut keep: impl FnMut(&UnitState) -> Option<UnitState>,
    ) {
        let zones = full.start.len().saturating_sub(1);
        self.start.clear();
        self.members.clear();
        self.present.clear();
        self.present.resize(zones, 0);
        self.slot.clear();
        self.slot.resize(full.slot.len(), NONE);
        self.wide = false;
        for z in 0..zones {
            self.start.push(self.members.len() as u32);
            let (a, b) = (full.start[z] as usize, full.start[z + 1] as usize);
            for u in &full.members[a..b] {
                if let Some(k) = keep(u) {
                    debug_assert_eq!(k.zone, u.zone, "a kept unit stays in its zone");
                    self.slot[k.id.index()] = self.members.len() as u32;
                    self.members.push(k);
                    match 1u64.checked_shl(u32::from(k.side.0)) {
                        Some(bit) if k.side.0 < 64 => self.present[z] |= bit,
                        _ => self.wide = true,
                    }
                }
            }
        }
        self.start.push(self.members.len() as u32);
        self.pushed.clear();
        for u in &full.pushed {
            let at = self.slot[u.id.index()];
            if at != NONE {
                self.pushed.push(self.members[at as usize]);
            }
        }
    }

    /// Builds a placement of `units` (sorted by id).
    pub fn of(c: &Compiled, units: &[UnitState]) -> Placement {
        debug_assert!(
            units.windows(2).all(|w| w[0].id < w[1].id),
            "units must be sorted by id"
        );
        let mut p = Placement::default();
        p.begin();
        units.iter().for_each(|u| p.push(*u));
        p.finish(c.zones.len(), c.units.len());
        p
    }

    /// Units in a zone, in id order.
    pub fn units_in(&self, z: ZoneId) -> &[UnitState] {
        let (a, b) = (self.start[z.index()], self.start[z.index() + 1]);
        &self.members[a as usize..b as usize]
    }

    /// A unit by id, if on the map.
    pub fn unit(&self, id: UnitId) -> Option<&UnitState> {
        match self.slot.get(id.index()) {
            Some(&at) if at != NONE => Some(&self.members[at as usize]),
            _ => None,
        }
    }

    /// Every unit on the map, in id order.
    pub fn units(&self) -> &[UnitState] {
        &self.pushed
    }

    /// The sides with units in zone `z`, as a bit mask (`None` with sides numbered 64 or above).
    pub fn sides_in(&self, z: ZoneId) -> Option<u64> {
        (!self.wide).then(|| self.present[z.index()])
    }

    /// Changes a unit's strength, readiness or posture where it stands (not its zone or side:
    /// those need a rebuild). Does nothing for a unit not placed.
    pub fn patch(&mut self, id: UnitId, f: impl Fn(&mut UnitState)) {
        if let Some(&at) = self.slot.get(id.index())
            && at != NONE
        {
            f(&mut self.members[at as usize]);
            if let Ok(i) = self.pushed.binary_search_by_key(&id, |u| u.id) {
                f(&mut self.pushed[i]);
            }
        }
    }

    /// Whether units of `side` are in zone `z`.
    pub fn has_side(&self, z: ZoneId, side: SideId) -> bool {
        if self.wide {
            self.units_in(z).iter().any(|u| u.side == side)
        } else {
            side.0 < 64 && self.present[z.index()] & (1 << side.0) != 0
        }
    }
}

/// A moment of the game, for the rules to read.
pub struct Board<'a> {
    /// The scenario.
    pub c: &'a Compiled,
    place: Cow<'a, Placement>,
    /// Relations now.
    pub relations: &'a Relations,
    /// Control per zone now.
    pub control: &'a [Option<SideId>],
    /// The turn being played.
    pub turn: u32,
}

impl<'a> Board<'a> {
    /// A board of `units` (sorted by id), grouping them by zone itself.
    pub fn new(
        c: &'a Compiled,
        units: &[UnitState],
        relations: &'a Relations,
        control: &'a [Option<SideId>],
        turn: u32,
    ) -> Self {
        Board {
            c,
            place: Cow::Owned(Placement::of(c, units)),
            relations,
            control,
            turn,
        }
    }

    /// A board over a placement kept elsewhere (the engine's, or a policy's).
    pub fn over(
        c: &'a Compiled,
        place: &'a Placement,
        relations: &'a Relations,
        control: &'a [Option<SideId>],
        turn: u32,
    ) -> Self {
        Board {
            c,
            place: Cow::Borrowed(place),
            relations,
            control,
            turn,
        }
    }

    /// A unit by id.
    pub fn unit(&self, id: UnitId) -> Option<&UnitState> {
        self.place.unit(id)
    }

    /// Every unit on the board, in id order.
    pub fn units(&self) -> &[UnitState] {
        self.place.units()
    }

    /// Units in a zone, in id order.
    pub fn units_in(&self, z: ZoneId) -> &[UnitState] {
        self.place.units_in(z)
    }

    /// The type of a unit.
    pub fn kind(&self, u: &UnitState) -> &'a KindDef {
        &self.c.kinds[u.kind.index()]
    }

    /// A unit of a side hostile to `side` is in the zone.
    pub fn hostile_in(&self, z: ZoneId, side: SideId) -> bool {
        match self.relations.hostile_mask(side) {
            Some(m) if !self.place.wide => self.place.present[z.index()] & m != 0,
            _ => self
                .units_in(z)
                .iter()
                .any(|u| self.relations.hostile(u.side, side)),
        }
    }

    /// Units of `side` are in zone `z`.
    pub fn has_side(&self, z: ZoneId, side: SideId) -> bool {
        self.place.has_side(z, side)
    }

    /// The sides with units in zone `z`, as a bit mask, when there are at most 64 sides.
    pub fn sides_in(&self, z: ZoneId) -> Option<u64> {
        (self.relations.len() <= 64)
            .then_some(())
            .and(self.place.sides_in(z))
    }

    /// Zone `z` is friendly to `side`: controlled by it or an ally, or one of its supply sources.
    pub fn friendly_zone(&self, z: ZoneId, side: SideId) -> bool {
        let zd = &self.c.zones[z.index()];
        zd.supply == Some(side)
            || self.control[z.index()]
                .is_some_and(|o| self.relations.get(o, side) == crate::scenario::Relation::Allied)
    }
}
