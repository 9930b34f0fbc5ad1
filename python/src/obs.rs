//! The environment's observation: what a side knows, laid out as a fixed-length `float32` vector.
//! [`encode`] reads the side's [`Knowledge`] of the state (the derivation `whitecell view --side`
//! words its view from) and its score as it may judge it, with no names, text or view built;
//! [`encode_view`] lays out a built [`View`] the same way, reading the view and nothing else, and
//! a test holds the two equal. The layout (see docs/python.md):
//!
//! - 4 header values: turn played, turns in the game, ended (0/1), the side's score as it knows it;
//! - per side (S): its relation to this side, one-hot over allied / neutral / hostile;
//! - per zone (Z): its controller as the view shows it, one-hot over nobody, side 0, ..., side S-1;
//! - per unit of the scenario (N, in unit order), [`UNIT`] + Z values: known now, last seen only,
//!   own, allied, other, strength, readiness one-hot (fresh/worn/spent, own and allied only),
//!   posture one-hot (normal/defensive/patrol/aggressive, own and allied only), turns since last
//!   seen (0 when known now), then its zone one-hot (all zero when unknown);
//! - per track (T): shown to this side (0/1) and its value.

use whitecell::game::score::total;
use whitecell::game::views::knowledge::Knowledge;
#[cfg(test)]
use whitecell::game::views::view::View;
use whitecell::model::{Compiled, Sighting, UnitState};
use whitecell::scenario::{Posture, Readiness, Relation};

/// Values per unit before its zone one-hot.
pub const UNIT: usize = 14;

/// The observation's length for a scenario.
pub fn len(c: &Compiled) -> usize {
    let (s, z, n, t) = (c.side_count(), c.zones.len(), c.units.len(), c.tracks.len());
    4 + 3 * s + z * (s + 1) + n * (UNIT + z) + 2 * t
}

fn relation(r: Relation) -> usize {
    match r {
        Relation::Allied => 0,
        Relation::Neutral => 1,
        Relation::Hostile => 2,
    }
}

fn readiness(r: Readiness) -> usize {
    match r {
        Readiness::Fresh => 0,
        Readiness::Worn => 1,
        Readiness::Spent => 2,
    }
}

fn posture(p: Posture) -> usize {
    match p {
        Posture::Normal => 0,
        Posture::Defensive => 1,
        Posture::Patrol => 2,
        Posture::Aggressive => 3,
    }
}

/// Where the blocks begin: relations, control, units, tracks.
fn blocks(c: &Compiled) -> (usize, usize, usize, usize) {
    let (s, z) = (c.side_count(), c.zones.len());
    let rel = 4;
    let ctl = rel + 3 * s;
    let units = ctl + z * (s + 1);
    (rel, ctl, units, units + c.units.len() * (UNIT + z))
}

/// Writes the side's knowledge `k` into `out` (of [`len`] values; zeroed first): the layout of
/// [`encode_view`] for the view built from the same state, value for value.
pub fn encode(k: &Knowledge, out: &mut [f32]) {
    out.fill(0.0);
    let (c, state, side) = (k.c, k.state, k.side);
    let z = c.zones.len();
    let (rel, ctl, units, tracks) = blocks(c);
    out[0] = state.turn as f32;
    out[1] = c.turns as f32;
    out[2] = f32::from(u8::from(state.outcome.is_some()));
    out[3] = total(c, state, side, Some(side)) as f32;
    for s in c.side_ids() {
        // Its own side reads as allied.
        out[rel + 3 * s.index() + relation(k.relation(s))] = 1.0;
    }
    for (zi, owner) in state.control.iter().enumerate() {
        out[ctl + zi * (c.side_count() + 1) + owner.map_or(0, |o| o.index() + 1)] = 1.0;
    }
    let per = UNIT + z;
    let friend = |u: &UnitState, own: bool, out: &mut [f32]| {
        let at = units + u.id.index() * per;
        out[at] = 1.0;
        out[at + if own { 2 } else { 3 }] = 1.0;
        out[at + 5] = f32::from(u.strength);
        out[at + 6 + readiness(u.readiness)] = 1.0;
        out[at + 9 + posture(u.posture)] = 1.0;
        out[at + UNIT + u.zone.index()] = 1.0;
    };
    for u in k.own() {
        friend(u, true, out);
    }
    for u in k.allied_units() {
        friend(u, false, out);
    }
    for u in k.contacts() {
        let at = units + u.id.index() * per;
        out[at] = 1.0;
        out[at + 4] = 1.0;
        out[at + 5] = f32::from(u.strength);
        out[at + UNIT + u.zone.index()] = 1.0;
    }
    for (id, s) in k.last_seen() {
        let Sighting {
            zone,
            turn,
            strength,
        } = *s;
        let at = units + id.index() * per;
        out[at + 1] = 1.0;
        out[at + 4] = 1.0;
        out[at + 5] = f32::from(strength);
        out[at + 13] = state.turn.saturating_sub(turn) as f32;
        out[at + UNIT + zone.index()] = 1.0;
    }
    for (ti, v) in k.tracks() {
        out[tracks + 2 * ti] = 1.0;
        out[tracks + 2 * ti + 1] = v as f32;
    }
}

/// Writes `v` into `out` (of [`len`] values; zeroed first).
#[cfg(test)]
pub fn encode_view(c: &Compiled, v: &View, out: &mut [f32]) {
    out.fill(0.0);
    let (s, z) = (c.side_count(), c.zones.len());
    out[0] = v.turn as f32;
    out[1] = c.turns as f32;
    out[2] = f32::from(u8::from(v.outcome.is_some()));
    out[3] = v.score.total as f32;
    let rel = 4;
    for (side, r) in &v.relations {
        if let Some(id) = c.side(side) {
            out[rel + 3 * id.index() + relation(*r)] = 1.0;
        }
    }
    let me = c.side(&v.side);
    if let Some(me) = me {
        out[rel + 3 * me.index()] = 1.0;
    }
    let ctl = rel + 3 * s;
    for (zone, owner) in &v.control {
        if let Some(zi) = c.zone(zone) {
            let k = owner
                .as_deref()
                .and_then(|o| c.side(o))
                .map_or(0, |o| o.index() + 1);
            out[ctl + zi.index() * (s + 1) + k] = 1.0;
        }
    }
    let units = ctl + z * (s + 1);
    let per = UNIT + z;
    let slot = |id: &str| c.unit(id).map(|u| units + u.index() * per);
    let zone_at = |at: usize, zone: &str, out: &mut [f32]| {
        if let Some(zi) = c.zone(zone) {
            out[at + UNIT + zi.index()] = 1.0;
        }
    };
    for (own, list) in [(true, &v.own), (false, &v.allied)] {
        for u in list {
            let Some(at) = slot(&u.id) else { continue };
            out[at] = 1.0;
            out[at + if own { 2 } else { 3 }] = 1.0;
            out[at + 5] = f32::from(u.strength);
            out[at + 6 + readiness(u.readiness)] = 1.0;
            out[at + 9 + posture(u.posture)] = 1.0;
            zone_at(at, &u.zone, out);
        }
    }
    for u in &v.detected {
        let Some(at) = slot(&u.id) else { continue };
        out[at] = 1.0;
        out[at + 4] = 1.0;
        out[at + 5] = f32::from(u.strength);
        zone_at(at, &u.zone, out);
    }
    for u in &v.last_seen {
        let Some(at) = slot(&u.id) else { continue };
        out[at + 1] = 1.0;
        out[at + 4] = 1.0;
        out[at + 5] = f32::from(u.strength);
        out[at + 13] = v.turn.saturating_sub(u.turn) as f32;
        zone_at(at, &u.zone, out);
    }
    let tracks = units + c.units.len() * per;
    for t in &v.tracks {
        if let Some(ti) = c.track(&t.id) {
            out[tracks + 2 * ti.index()] = 1.0;
            out[tracks + 2 * ti.index() + 1] = t.value as f32;
        }
    }
}
