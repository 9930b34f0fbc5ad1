//! The state hash: SHA-256 over a canonical byte encoding of the state, written out field by field
//! in a fixed order (ids ascending; never an `Entity`, never a hash map's order), so it is the same
//! on every machine, thread count and build.
//!
//! The encoding (version 2, from rules revision 2) holds canonical data only — ids, numbers and
//! enum tags, every list prefixed by its length — never a text made for people: rewording an
//! outcome or a signal's message cannot change a hash. The engine encodes its world directly
//! ([`world_hash`]) into a buffer kept between turns, hashed at once.
//!
//! Version 1 (rules revision 1) also hashed display text (messages' words, the outcome's summary)
//! and left some lists unprefixed. [`state_hash_v1`] keeps it, from a [`State`], so that games
//! saved under rules revision 1 — whose results are the same — still open and check.

use super::apply::Writer;
use super::components::*;
use crate::log::event::{Ending, Event, Msg, Notes};
use crate::log::render;
use crate::model::{Compiled, Relations, SideId, State, UnitState};
use bevy_ecs::prelude::*;
use sha2::{Digest, Sha256};

/// The encoder: bytes appended to a buffer.
#[derive(Resource, Debug, Clone, Default)]
pub struct Enc(pub Vec<u8>);

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
    fn begin(&mut self, version: &str, turn: u32) {
        self.0.clear();
        self.str(version);
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

/// The version-1 hash of a state (rules revision 1: see the module), as 16 hex digits.
pub fn state_hash_v1(s: &State) -> String {
    let mut e = Enc::default();
    e.begin("whitecell-state-v1", s.turn);
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

/// The hash (version 2) of a world's state with `units` (on the map, by id), encoded in `e`.
pub fn world_hash(s: &Source, units: impl Iterator<Item = UnitState>, e: &mut Enc) -> u64 {
    e.begin("whitecell-state-v2", s.turn);
    let at = e.count();
    let mut k = 0;
    for u in units {
        e.unit(&u);
        k += 1;
    }
    e.patch(at, k);
    e.board(s.control, s.relations);
    let (tracks, reached) = (&s.tracks.values, &s.tracks.reached);
    e.u32(tracks.len() as u32);
    for (v, r) in tracks.iter().zip(reached) {
        e.i32(*v);
        e.u32(r.len() as u32);
        r.iter().for_each(|x| e.u8(u8::from(*x)));
    }
    let h = s.history;
    e.u32(h.fired.len() as u32);
    h.fired.iter().for_each(|x| e.u8(u8::from(*x)));
    e.u32(h.steps_lost.len() as u32);
    h.steps_lost.iter().for_each(|x| e.u32(*x));
    let n = s.contacts.units;
    e.u32(s.c.side_count() as u32);
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
    e.u32(h.messages.len() as u32);
    for m in &h.messages {
        e.u32(m.turn);
        match m.msg {
            Msg::Signal { from, to, kind } => {
                e.u8(0);
                e.u32(u32::from(from.0));
                e.u32(u32::from(to.0));
                e.u8(kind as u8);
            }
            Msg::Scenario { event, fx } => {
                e.u8(1);
                e.u32(u32::from(event.0));
                e.u32(u32::from(fx));
            }
            Msg::Written(i) => {
                // Written outside the rules: its words are its data.
                let w = &s.notes.messages[i as usize];
                e.u8(2);
                e.u32(w.to.len() as u32);
                w.to.iter().for_each(|x| e.u32(u32::from(x.0)));
                e.str(&w.from);
                e.str(&w.text);
            }
        }
    }
    match h.ending {
        None => e.u8(0),
        Some(Ending::SuddenDeath(i)) => {
            e.u8(1);
            e.u32(u32::from(i));
        }
        Some(Ending::Points { winner, scores }) => {
            e.u8(2);
            e.opt(winner.map(|w| u32::from(w.0)));
            let scores = scores.of(&h.scores);
            e.u32(scores.len() as u32);
            scores.iter().for_each(|x| e.u32(*x));
        }
    }
    e.finish()
}

/// The last step of every turn: the state hash, when the engine hashes every turn, into the log.
pub fn end_turn(mut w: Writer, settings: Res<Settings>, mut enc: ResMut<Enc>) {
    // Games saved under rules revision 1 keep its encoding (made from the state with names).
    let v1 = (settings.hash_every_turn && settings.hash_rules <= 1).then(|| w.hash_v1());
    let (r, j, _) = w.split();
    let hash = settings.hash_every_turn.then(|| {
        if let Some(h) = v1 {
            return h;
        }
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
