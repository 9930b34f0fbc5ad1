//! The environment's `state()`: the umpire's full picture (the true state, every unit) as a
//! fixed-length `float32` vector, for centralised training. Layout (see docs/python.md):
//!
//! - 3 header values: turn played, turns in the game, ended (0/1);
//! - per pair of sides (S x S): their relation, one-hot over allied / neutral / hostile;
//! - per zone (Z): its controller, one-hot over nobody, side 0, ..., side S-1;
//! - per unit (N), 9 + S + Z values: on the map, strength, readiness one-hot (3), posture one-hot
//!   (4), its side one-hot (S), its zone one-hot (Z);
//! - per track (T): its value.

use whitecell::model::{Compiled, SideId, State};
use whitecell::scenario::{Posture, Readiness, Relation};

/// The state vector's length for a scenario.
pub fn len(c: &Compiled) -> usize {
    let (s, z, n, t) = (c.side_count(), c.zones.len(), c.units.len(), c.tracks.len());
    3 + 3 * s * s + z * (s + 1) + n * (9 + s + z) + t
}

/// Writes `st` into `out` (of [`len`] values; zeroed first).
pub fn encode(c: &Compiled, st: &State, ended: bool, out: &mut [f32]) {
    out.fill(0.0);
    let (s, z) = (c.side_count(), c.zones.len());
    out[0] = st.turn as f32;
    out[1] = c.turns as f32;
    out[2] = f32::from(u8::from(ended));
    let rel = 3;
    for a in 0..s {
        for b in 0..s {
            let r = match st.relations.get(SideId(a as u16), SideId(b as u16)) {
                Relation::Allied => 0,
                Relation::Neutral => 1,
                Relation::Hostile => 2,
            };
            out[rel + 3 * (a * s + b) + r] = 1.0;
        }
    }
    let ctl = rel + 3 * s * s;
    for (zi, owner) in st.control.iter().enumerate() {
        out[ctl + zi * (s + 1) + owner.map_or(0, |o| o.index() + 1)] = 1.0;
    }
    let units = ctl + z * (s + 1);
    let per = 9 + s + z;
    for u in &st.units {
        let at = units + u.id.index() * per;
        out[at] = 1.0;
        out[at + 1] = f32::from(u.strength);
        out[at
            + 2
            + match u.readiness {
                Readiness::Fresh => 0,
                Readiness::Worn => 1,
                Readiness::Spent => 2,
            }] = 1.0;
        out[at
            + 5
            + match u.posture {
                Posture::Normal => 0,
                Posture::Defensive => 1,
                Posture::Patrol => 2,
                Posture::Aggressive => 3,
            }] = 1.0;
        out[at + 9 + u.side.index()] = 1.0;
        out[at + 9 + s + u.zone.index()] = 1.0;
    }
    let tracks = units + c.units.len() * per;
    for (i, v) in st.tracks.iter().enumerate() {
        out[tracks + i] = *v as f32;
    }
}
