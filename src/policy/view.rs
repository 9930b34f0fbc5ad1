//! What a side knows, for its bot: its own and allied units, the units it detected this turn,
//! public tracks, control and relations — and a board of only those units, so that every legality
//! test and odds estimate a policy makes uses its side's knowledge and nothing else. Also the
//! helpers the policies share: which zones matter to a side, how far each zone is from them, and the
//! odds a group of units would fight at.
//!
//! A [`Situation`] is the game as the policies read it, borrowed from the engine's world (or from a
//! [`State`]); [`Scratch`] holds every buffer a policy needs, kept between calls so a warm game
//! allocates nothing.

use crate::model::compiled::Cond;
use crate::model::{Compiled, KindDef, Relations, Sees, SideId, State, UnitState, ZoneId};
use crate::orders::Command;
use crate::rules::movement::Search;
use crate::rules::{Board, Placement, combat};
use crate::scenario::{Posture, Relation};

/// Distance value for a zone that cannot reach any target.
pub const FAR: u32 = u32::MAX;

/// The game as a policy reads it, between turns.
pub struct Situation<'a> {
    /// The scenario.
    pub c: &'a Compiled,
    /// The turn last played (0 before the first).
    pub turn: u32,
    /// Every unit on the map, grouped by zone.
    pub place: &'a Placement,
    /// Relations.
    pub relations: &'a Relations,
    /// Control per zone.
    pub control: &'a [Option<SideId>],
    /// Track values.
    pub tracks: &'a [i32],
    /// What each side detected this turn.
    pub sees: &'a dyn Sees,
}

impl<'a> Situation<'a> {
    /// The situation a [`State`] describes (`place` is the placement of its units, built here).
    pub fn of_state(c: &'a Compiled, s: &'a State, place: &'a mut Placement) -> Situation<'a> {
        *place = Placement::of(c, &s.units);
        Situation {
            c,
            turn: s.turn,
            place,
            relations: &s.relations,
            control: &s.control,
            tracks: &s.tracks,
            sees: &s.intel,
        }
    }

    /// Whether `side` and `other` stand in relation `Allied` (a side is allied with itself).
    pub fn allied(&self, side: SideId, other: SideId) -> bool {
        self.relations.get(side, other) == Relation::Allied
    }
}

/// The buffers of the policies.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    /// The side's picture: the units it knows, grouped by zone (built by [`Scratch::know`]).
    pub place: Placement,
    /// The side's own units.
    pub own: Vec<UnitState>,
    /// Legal orders of every own unit, one after another; `legal_at[i]..legal_at[i + 1]` are unit i's.
    pub legal: Vec<Command<ZoneId, SideId>>,
    /// See `legal`.
    pub legal_at: Vec<usize>,
    /// One unit's legal orders.
    pub one: Vec<Command<ZoneId, SideId>>,
    /// Search space for legal orders.
    pub search: Search,
    /// Zones that matter to the side.
    pub targets: Vec<ZoneId>,
    /// Distances to the targets, per way of moving: (enter mask, distances).
    pub dist: Vec<(u8, Vec<u32>)>,
    /// How many of `dist` are for the current targets.
    pub dist_live: usize,
    /// Breadth-first queue.
    pub queue: Vec<ZoneId>,
    /// Units of a group (attackers, defenders).
    pub att: Vec<UnitState>,
    /// Defenders.
    pub def: Vec<UnitState>,
    /// Zones to choose from.
    pub options: Vec<ZoneId>,
    /// Groups of (zone, side, own unit index).
    pub groups: Vec<(ZoneId, SideId, usize)>,
    /// Ranked targets: (column, zone value, zone, side).
    pub ranked: Vec<(usize, u8, ZoneId, SideId)>,
    /// Per own unit, its chosen order.
    pub chosen: Vec<Option<Command<ZoneId, SideId>>>,
    /// Sides.
    pub sides: Vec<SideId>,
    /// Per zone, the sides the side knows to have units there (see [`Scratch::know_masks`]).
    pub masks: Vec<u64>,
}

impl Scratch {
    /// Makes room for a scenario of `units` units and `zones` zones, so the first games do not grow
    /// the buffers a step at a time.
    pub fn reserve(&mut self, units: usize, zones: usize) {
        let r = |n: usize, len: usize| n.saturating_sub(len);
        self.own.reserve(r(units, self.own.len()));
        self.legal.reserve(r(16 * units, self.legal.len()));
        self.legal_at.reserve(r(units + 1, self.legal_at.len()));
        self.one.reserve(r(64, self.one.len()));
        self.targets.reserve(r(zones, self.targets.len()));
        self.queue.reserve(r(zones, self.queue.len()));
        self.att.reserve(r(units, self.att.len()));
        self.def.reserve(r(units, self.def.len()));
        self.options.reserve(r(zones, self.options.len()));
        self.groups.reserve(r(8 * units, self.groups.len()));
        self.ranked.reserve(r(4 * units, self.ranked.len()));
        self.chosen.reserve(r(units, self.chosen.len()));
        self.sides.reserve(r(64, self.sides.len()));
        self.masks.reserve(r(zones, self.masks.len()));
    }

    /// The side's picture as [`Scratch::know`] builds it, but only as much of it as legal orders
    /// read: its own units (`own`) and, per zone, the sides it knows to have units there (`masks`:
    /// its own and its allies', and the units it detected this turn). False, doing nothing, when
    /// there are more than 64 sides (the masks cannot hold them: use [`Scratch::know`]). `place`
    /// is left as it was.
    pub fn know_masks(&mut self, s: &Situation, side: SideId) -> bool {
        let k = Knowledge::of(s, side);
        let Some(allies) = k.allies else {
            return false;
        };
        self.own.clear();
        self.masks.clear();
        self.masks.resize(s.c.zones.len(), 0);
        for u in s.place.units() {
            let bit = 1u64 << u.side.0;
            if allies & bit != 0 || k.seen(u) {
                self.masks[u.zone.index()] |= bit;
            }
            if u.side == side {
                self.own.push(*u);
            }
        }
        self.dist_live = 0;
        true
    }

    /// Builds the side's picture: the units it knows and their placement. Of a detected enemy a side
    /// knows where it is and how strong, not its readiness or posture (which would tell its
    /// orders): it plans as if they were fresh and in the normal posture.
    pub fn know(&mut self, s: &Situation, side: SideId) {
        self.own.clear();
        let k = Knowledge::of(s, side);
        self.place.filter_of(s.place, |u| {
            if k.allied(u) {
                Some(*u)
            } else if k.seen(u) {
                Some(UnitState {
                    readiness: Default::default(),
                    posture: Default::default(),
                    ..*u
                })
            } else {
                None
            }
        });
        self.own
            .extend(self.place.units().iter().filter(|u| u.side == side));
        self.dist_live = 0;
    }
}

/// What a side knows of a unit: whether it is its own or an ally's, and whether it detected it this
/// turn — with the allies as a bit mask and the detections as one flag per unit, when they are
/// kept so.
struct Knowledge<'a> {
    s: &'a Situation<'a>,
    side: SideId,
    allies: Option<u64>,
    row: Option<&'a [bool]>,
}

impl<'a> Knowledge<'a> {
    fn of(s: &'a Situation<'a>, side: SideId) -> Self {
        Knowledge {
            s,
            side,
            allies: s.relations.allied_mask(side),
            row: s.sees.row(side),
        }
    }

    /// The unit is the side's own or an ally's.
    #[inline]
    fn allied(&self, u: &UnitState) -> bool {
        match self.allies {
            Some(m) => (m >> u.side.0) & 1 != 0,
            None => self.s.allied(self.side, u.side),
        }
    }

    /// The side detected the unit this turn.
    #[inline]
    fn seen(&self, u: &UnitState) -> bool {
        match self.row {
            Some(r) => r[u.id.index()],
            None => self.s.sees.sees(self.side, u.id),
        }
    }
}

/// The board of the coming turn as the side sees it (only the known units on it: `place` is the
/// side's picture, as [`Scratch::know`] builds it).
pub fn board<'a>(s: &Situation<'a>, place: &'a Placement) -> Board<'a> {
    Board::over(s.c, place, s.relations, s.control, s.turn + 1)
}

/// The board of the coming turn with **every** unit on it, hidden ones included. Only for reading
/// what is public (the map, control, relations) beside a picture given another way, as
/// [`crate::orders::legal::Known::Masks`] does: never read its units on a side's behalf.
pub fn true_board<'a>(s: &Situation<'a>) -> Board<'a> {
    Board::over(s.c, s.place, s.relations, s.control, s.turn + 1)
}

/// The units `side` knows of: its own, its allies', and those it detected this turn, by id (as
/// [`Scratch::know`] gathers them).
pub fn known_units(state: &State, side: SideId) -> Vec<UnitState> {
    state
        .units
        .iter()
        .filter_map(|u| {
            if state.relations.get(side, u.side) == Relation::Allied {
                Some(*u)
            } else if state.intel.sees(side, u.id) {
                Some(UnitState {
                    readiness: Default::default(),
                    posture: Default::default(),
                    ..*u
                })
            } else {
                None
            }
        })
        .collect()
}

/// Zones that matter to `side`: every zone with a victory value, and every zone its objectives ask
/// it to control; sorted, no repeats.
pub fn valuable_zones(c: &Compiled, side: SideId, out: &mut Vec<ZoneId>) {
    out.clear();
    out.extend(
        (0..c.zones.len() as u32)
            .map(ZoneId)
            .filter(|z| c.zones[z.index()].value > 0),
    );
    if let Some(objs) = c.objectives.get(side.index()) {
        for o in objs {
            controls_in(&o.when, side, out);
        }
    }
    out.sort();
    out.dedup();
}

fn controls_in(cond: &Cond, side: SideId, out: &mut Vec<ZoneId>) {
    match cond {
        Cond::Controls(s, z) if *s == side => out.push(*z),
        Cond::All(v) | Cond::Any(v) => v.iter().for_each(|c| controls_in(c, side, out)),
        _ => {}
    }
}

/// Per zone, the number of moves a unit of `kind` needs to reach the nearest of the scratch's
/// targets (a target it cannot enter counts as reached from its neighbours); [`FAR`] where none
/// can be reached. Worked out once per way of moving until the targets change; returns the index
/// of the distances in `s.dist`.
pub fn distances(c: &Compiled, kind: &KindDef, s: &mut Scratch) -> usize {
    let live = s.dist_live;
    if let Some(i) = s.dist[..live].iter().position(|(m, _)| *m == kind.mask) {
        return i;
    }
    if s.dist.len() == live {
        s.dist.push((0, Vec::new()));
    }
    let (mask, dist) = &mut s.dist[live];
    *mask = kind.mask;
    dist.clear();
    dist.resize(c.zones.len(), FAR);
    s.queue.clear();
    for &t in &s.targets {
        dist[t.index()] = 0;
        s.queue.push(t);
    }
    let mut head = 0;
    while head < s.queue.len() {
        let z = s.queue[head];
        head += 1;
        let d = dist[z.index()];
        for &n in &c.zones[z.index()].neighbours {
            if dist[n.index()] == FAR && kind.can_enter(c.zones[n.index()].kind) {
                dist[n.index()] = d + 1;
                s.queue.push(n);
            }
        }
    }
    s.dist_live += 1;
    live
}

/// The odds column `attackers` would fight at against the units of `target` that `b` shows in
/// `zone`, with the attackers in the aggressive posture an `Engage` order gives them. `None` if no
/// defender is known there. `att` and `def` are scratch.
pub fn column(
    b: &Board,
    attackers: impl Iterator<Item = UnitState>,
    zone: ZoneId,
    target: SideId,
    (att, def): (&mut Vec<UnitState>, &mut Vec<UnitState>),
) -> Option<usize> {
    def.clear();
    def.extend(b.units_in(zone).iter().filter(|u| u.side == target));
    att.clear();
    att.extend(attackers.map(|u| UnitState {
        zone,
        posture: Posture::Aggressive,
        ..u
    }));
    if def.is_empty() || att.is_empty() {
        return None;
    }
    Some(combat::column(b.c, att, def, b.c.zones[zone.index()].kind))
}

/// Whether `b` shows units of a side not allied to `side` in `zone`.
pub fn others_in(b: &Board, side: SideId, zone: ZoneId) -> bool {
    b.units_in(zone)
        .iter()
        .any(|u| b.relations.get(side, u.side) != Relation::Allied)
}
