//! The state hash: SHA-256 over a canonical byte encoding of [`State`], written out field by field
//! in a fixed order (ids ascending; never an `Entity`, never a hash map's order), so it is the same
//! on every machine, thread count and build.

use crate::model::State;
use sha2::{Digest, Sha256};

struct Enc(Sha256);

impl Enc {
    fn u8(&mut self, v: u8) {
        self.0.update([v]);
    }
    fn u32(&mut self, v: u32) {
        self.0.update(v.to_le_bytes());
    }
    fn i32(&mut self, v: i32) {
        self.0.update(v.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.update(s.as_bytes());
    }
    fn opt(&mut self, v: Option<u32>) {
        match v {
            None => self.u8(0),
            Some(x) => {
                self.u8(1);
                self.u32(x);
            }
        }
    }
}

/// The hash of a state, as 16 hex digits (the first 64 bits of the SHA-256).
pub fn state_hash(s: &State) -> String {
    let mut e = Enc(Sha256::new());
    e.str("whitecell-state-v1");
    e.u32(s.turn);
    e.u32(s.units.len() as u32);
    for u in &s.units {
        e.u32(u.id.0);
        e.u32(u32::from(u.side.0));
        e.u32(u32::from(u.kind.0));
        e.u32(u.zone.0);
        e.u8(u.strength);
        e.u8(u.readiness as u8);
        e.u8(u.posture as u8);
    }
    e.u32(s.control.len() as u32);
    for c in &s.control {
        e.opt(c.map(|x| u32::from(x.0)));
    }
    let n = s.relations.len();
    for a in 0..n {
        for b in 0..n {
            e.u8(s.relations.get(
                crate::model::SideId(a as u16),
                crate::model::SideId(b as u16),
            ) as u8);
        }
    }
    for (v, r) in s.tracks.iter().zip(&s.reached) {
        e.i32(*v);
        r.iter().for_each(|x| e.u8(u8::from(*x)));
    }
    s.fired.iter().for_each(|x| e.u8(u8::from(*x)));
    s.steps_lost.iter().for_each(|x| e.u32(*x));
    for (cur, seen) in s.intel.current.iter().zip(&s.intel.last_seen) {
        e.u32(cur.len() as u32);
        cur.iter().for_each(|u| e.u32(u.0));
        e.u32(seen.len() as u32);
        for (u, sg) in seen {
            e.u32(u.0);
            e.u32(sg.zone.0);
            e.u32(sg.turn);
            e.u8(sg.strength);
        }
    }
    e.u32(s.messages.len() as u32);
    for m in &s.messages {
        e.u32(m.turn);
        m.to.iter().for_each(|x| e.u32(u32::from(x.0)));
        e.str(&m.from);
        e.str(&m.text);
    }
    match &s.outcome {
        None => e.u8(0),
        Some(o) => {
            e.u8(1);
            e.str(&o.summary());
        }
    }
    let d = e.0.finalize();
    d[..8].iter().map(|b| format!("{b:02x}")).collect()
}
