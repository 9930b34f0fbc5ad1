//! The state hash: SHA-256 over a canonical byte encoding of the state, written out field by field
//! in a fixed order (ids ascending; never an `Entity`, never a hash map's order), so it is the same
//! on every machine, thread count and build.
//!
//! The encoding is built in a buffer kept between turns and hashed at once. [`state_hash`] encodes
//! a [`State`]; the engine encodes its world directly ([`Source`]) with the same pieces, and the
//! tests hold the two to each other.

use super::components::*;
use super::apply::Writer;
use crate::model::{Compiled, Relations, SideId, State, UnitState};
use crate::model::compiled::Fx;
use crate::report::event::{Event, Msg, Notes};
use crate::report::render;
use bevy_ecs::prelude::*;
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// The encoder: bytes appended to a buffer.
#[derive(Resource, Debug, Clone, Default)]
pub struct Enc(pub Vec<u8>);

impl std::fmt::Write for Enc {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

impl Enc {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn i32(&mut self, v: i32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
    /// Writes a placeholder for a count and returns where, for [`Enc::patch`].
    fn count(&mut self) -> usize {
        self.u32(0);
        self.0.len() - 4
    }
    fn patch(&mut self, at: usize, v: u32) {
        self.0[at..at + 4].copy_from_slice(&v.to_le_bytes());
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
    fn begin(&mut self, turn: u32) {
        self.0.clear();
        self.str("whitecell-state-v1");
        self.u32(turn);
    }
    fn unit(&mut self, u: &UnitState) {
        self.u32(u.id.0);
        self.u32(u32::from(u.side.0));
        self.u32(u32::from(u.kind.0));
        self.u32(u.zone.0);
        self.u8(u.strength);
        self.u8(u.readiness as u8);
        self.u8(u.posture as u8);
    }
    fn board(&mut self, control: &[Option<SideId>], relations: &Relations) {
        self.u32(control.len() as u32);
        for c in control {
            self.opt(c.map(|x| u32::from(x.0)));
        }
        let n = relations.len();
        for a in 0..n {
            for b in 0..n {
                self.u8(relations.get(SideId(a as u16), SideId(b as u16)) as u8);
            }
        }
    }
    fn progress(&mut self, tracks: &[i32], reached: &[Vec<bool>], fired: &[bool], lost: &[u32]) {
        for (v, r) in tracks.iter().zip(reached) {
            self.i32(*v);
            r.iter().for_each(|x| self.u8(u8::from(*x)));
        }
        fired.iter().for_each(|x| self.u8(u8::from(*x)));
        lost.iter().for_each(|x| self.u32(*x));
    }
    fn message(&mut self, turn: u32, to: &[SideId], from: &str, text: &str) {
        // The same bytes as the world's messages in `world_hash`.
        self.u32(turn);
        to.iter().for_each(|x| self.u32(u32::from(x.0)));
        self.str(from);
        self.str(text);
    }
    fn outcome(&mut self, summary: Option<&str>) {
        match summary {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }
    /// The hash of what was encoded: the first 64 bits of its SHA-256, big-endian.
    fn finish(&self) -> u64 {
        let d = Sha256::digest(&self.0);
        u64::from_be_bytes(d[..8].try_into().expect("8 bytes"))
    }
}

/// The hash of a state, as 16 hex digits.
pub fn state_hash(s: &State) -> String {
    let mut e = Enc::default();
    e.begin(s.turn);
    e.u32(s.units.len() as u32);
    s.units.iter().for_each(|u| e.unit(u));
    e.board(&s.control, &s.relations);
    e.progress(&s.tracks, &s.reached, &s.fired, &s.steps_lost);
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
        e.message(m.turn, &m.to, &m.from, &m.text);
    }
    e.outcome(s.outcome.as_ref().map(|o| o.summary()).as_deref());
    render::hex(e.finish())
}

/// The state of a world, as the hash reads it.
pub struct Source<'a> {
    /// The scenario.
    pub c: &'a Compiled,
    /// The turn.
    pub turn: u32,
    /// Control.
    pub control: &'a [Option<SideId>],
    /// Relations.
    pub relations: &'a Relations,
    /// Tracks.
    pub tracks: &'a Tracks,
    /// History.
    pub history: &'a History,
    /// Contacts.
    pub contacts: &'a Contacts,
    /// Notes written messages come from.
    pub notes: &'a Notes,
}

/// The hash of a world's state (the same as [`state_hash`] of its [`State`]) with `units` (on the
/// map, by id), encoded in `e`.
pub fn world_hash(s: &Source, units: impl Iterator<Item = UnitState>, e: &mut Enc) -> u64 {
    e.begin(s.turn);
    let at = e.count();
    let mut k = 0;
    for u in units {
        e.unit(&u);
        k += 1;
    }
    e.patch(at, k);
    e.board(s.control, s.relations);
    e.progress(
        &s.tracks.values,
        &s.tracks.reached,
        &s.history.fired,
        &s.history.steps_lost,
    );
    let n = s.contacts.units;
    for side in 0..s.c.side_count() {
        let row = side * n..(side + 1) * n;
        let at = e.count();
        let mut k = 0;
        for (u, seen) in s.contacts.current[row.clone()].iter().enumerate() {
            if *seen {
                e.u32(u as u32);
                k += 1;
            }
        }
        e.patch(at, k);
        let at = e.count();
        let mut k = 0;
        for (u, sg) in s.contacts.last_seen[row].iter().enumerate() {
            if let Some(sg) = sg {
                e.u32(u as u32);
                e.u32(sg.zone.0);
                e.u32(sg.turn);
                e.u8(sg.strength);
                k += 1;
            }
        }
        e.patch(at, k);
    }
    e.u32(s.history.messages.len() as u32);
    for m in &s.history.messages {
        e.u32(m.turn);
        match m.msg {
            Msg::Signal { from, to, kind } => {
                e.u32(u32::from(to.0));
                e.str(s.c.side_name(from));
                let at = e.count();
                let start = e.0.len();
                let _ = write!(e, "{}", render::SignalText(s.c, from, kind));
                let len = (e.0.len() - start) as u32;
                e.patch(at, len);
            }
            Msg::Scenario { event, fx } => {
                if let Fx::Message(to, text) = &s.c.events[event.index()].effects[usize::from(fx)] {
                    to.iter().for_each(|x| e.u32(u32::from(x.0)));
                    e.str("scenario");
                    e.str(text);
                }
            }
            Msg::Written(i) => {
                let w = &s.notes.messages[i as usize];
                w.to.iter().for_each(|x| e.u32(u32::from(x.0)));
                e.str(&w.from);
                e.str(&w.text);
            }
        }
    }
    let summary = s
        .history
        .ending
        .map(|end| render::outcome(s.c, end, &s.history.scores).summary());
    e.outcome(summary.as_deref());
    e.finish()
}

/// The last step of every turn: the state hash, when the engine hashes every turn, into the log.
pub fn end_turn(mut w: Writer, settings: Res<Settings>, mut enc: ResMut<Enc>) {
    let (r, j, _) = w.split();
    let hash = settings.hash_every_turn.then(|| {
        let src = Source {
            c: r.c,
            turn: r.clock,
            control: r.control,
            relations: r.relations,
            tracks: r.tracks,
            history: r.history,
            contacts: r.contacts,
            notes: &j.log.notes,
        };
        world_hash(&src, r.places.units().iter().copied(), &mut enc)
    });
    j.log.events.push(Event::TurnEnded {
        turn: r.clock,
        hash,
    });
    j.applied = j.log.events.len();
}
