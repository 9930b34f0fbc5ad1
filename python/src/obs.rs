//! The environment's observation: a side's [`View`] (the same derivation as `whitecell view
//! --side`) laid out as a fixed-length `float32` vector. It reads the view and nothing else; the
//! compiled scenario only numbers the names the view holds. The layout (see docs/python.md):
//!
//! - 4 header values: turn played, turns in the game, ended (0/1), the side's score as it knows it;
//! - per side (S): its relation to this side, one-hot over allied / neutral / hostile;
//! - per zone (Z): its controller as the view shows it, one-hot over nobody, side 0, ..., side S-1;
//! - per unit of the scenario (N, in unit order), [`UNIT`] + Z values: known now, last seen only,
//!   own, allied, other, strength, readiness one-hot (fresh/worn/spent, own and allied only),
//!   posture one-hot (normal/defensive/patrol/aggressive, own and allied only), turns since last
//!   seen (0 when known now), then its zone one-hot (all zero when unknown);
//! - per track (T): shown to this side (0/1) and its value.

use whitecell::game::views::view::View;
use whitecell::model::Compiled;
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

/// Writes `v` into `out` (of [`len`] values; zeroed first).
pub fn encode(c: &Compiled, v: &View, out: &mut [f32]) {
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
