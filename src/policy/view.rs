//! What a side knows, for its bot: its own and allied units, the units it detected this turn
//! (`state.intel.current`), public tracks, control and relations — and a [`Board`] built from only
//! those units, so that every legality test and odds estimate a policy makes uses its side's
//! knowledge and nothing else. Also the helpers the policies share: which zones matter to a side,
//! how far each zone is from them, and the odds a group of units would fight at.

use crate::model::compiled::Cond;
use crate::model::{Compiled, KindDef, SideId, State, UnitState, ZoneId};
use crate::rules::{Board, combat};
use crate::scenario::{Posture, Relation};

/// Distance value for a zone that cannot reach any target.
pub const FAR: u32 = u32::MAX;

/// The units `side` knows of: its own, its allies', and those it detected this turn, by id.
pub fn known_units(state: &State, side: SideId) -> Vec<UnitState> {
    state
        .units
        .iter()
        .filter_map(|u| {
            if state.relations.get(side, u.side) == Relation::Allied {
                Some(*u)
            } else if state.intel.sees(side, u.id) {
                // Of a detected enemy a side knows where it is and how strong, not its readiness or
                // posture (which would tell its orders): plan as if it were fresh and unposted.
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

/// The board of the coming turn as `side` sees it (only `known` units on it).
pub fn board<'a>(c: &'a Compiled, state: &'a State, known: &'a [UnitState]) -> Board<'a> {
    Board::new(c, known, &state.relations, &state.control, state.turn + 1)
}

/// Whether `side` and `other` stand in relation `Allied` (a side is allied with itself).
pub fn allied(state: &State, side: SideId, other: SideId) -> bool {
    state.relations.get(side, other) == Relation::Allied
}

/// Zones that matter to `side`: every zone with a victory value, and every zone its objectives ask
/// it to control; sorted, no repeats.
pub fn valuable_zones(c: &Compiled, side: SideId) -> Vec<ZoneId> {
    let mut out: Vec<ZoneId> = (0..c.zones.len() as u32)
        .map(ZoneId)
        .filter(|z| c.zones[z.index()].value > 0)
        .collect();
    if let Some(objs) = c.objectives.get(side.index()) {
        for o in objs {
            controls_in(&o.when, side, &mut out);
        }
    }
    out.sort();
    out.dedup();
    out
}

fn controls_in(cond: &Cond, side: SideId, out: &mut Vec<ZoneId>) {
    match cond {
        Cond::Controls(s, z) if *s == side => out.push(*z),
        Cond::All(v) | Cond::Any(v) => v.iter().for_each(|c| controls_in(c, side, out)),
        _ => {}
    }
}

/// Per zone, the number of moves a unit of `kind` needs to reach the nearest of `targets` (a
/// target it cannot enter counts as reached from its neighbours). [`FAR`] where none can be reached.
pub fn distances(c: &Compiled, kind: &KindDef, targets: &[ZoneId]) -> Vec<u32> {
    let mut dist = vec![FAR; c.zones.len()];
    let mut frontier = std::collections::VecDeque::new();
    for &t in targets {
        dist[t.index()] = 0;
        frontier.push_back(t);
    }
    while let Some(z) = frontier.pop_front() {
        let d = dist[z.index()];
        for &n in &c.zones[z.index()].neighbours {
            if dist[n.index()] == FAR && kind.can_enter(c.zones[n.index()].kind) {
                dist[n.index()] = d + 1;
                frontier.push_back(n);
            }
        }
    }
    dist
}

/// The odds column `attackers` would fight at against the units of `target` that `b` shows in
/// `zone`, with the attackers in the zone in the aggressive posture an `Engage` order gives them.
/// `None` if no defender is known there.
pub fn column(b: &Board, attackers: &[UnitState], zone: ZoneId, target: SideId) -> Option<usize> {
    let defenders: Vec<UnitState> = b
        .units_in(zone)
        .filter(|u| u.side == target)
        .copied()
        .collect();
    if defenders.is_empty() || attackers.is_empty() {
        return None;
    }
    let att: Vec<UnitState> = attackers
        .iter()
        .map(|u| UnitState {
            zone,
            posture: Posture::Aggressive,
            ..*u
        })
        .collect();
    Some(combat::odds(b, &att, &defenders, b.c.zones[zone.index()].kind).column_index)
}

/// Whether `b` shows units of a side not allied to `side` in `zone`.
pub fn others_in(b: &Board, state: &State, side: SideId, zone: ZoneId) -> bool {
    b.units_in(zone).any(|u| !allied(state, side, u.side))
}
