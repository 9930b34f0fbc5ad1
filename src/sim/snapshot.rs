//! A game's whole state at the end of a turn, copied out of the engine and written back into
//! another (or the same) engine: what a fork of a classroom game starts every replicate from,
//! instead of adjudicating turns 1..N again for each.

use super::Engine;
use super::components::*;
use crate::dice::Dice;
use crate::log::event::Notes;
use crate::model::Compiled;
use std::sync::Arc;

/// The state of a game: the units' components and the rest of the status, and the texts its
/// messages name.
#[derive(Debug, Clone)]
pub struct Snapshot {
    c: Arc<Compiled>,
    units: Vec<(Location, Strength, Disposition)>,
    st: Status,
    notes: Notes,
}

impl Engine {
    /// The game's state now (between turns).
    pub fn snapshot(&mut self) -> Snapshot {
        let c = self.compiled().clone();
        let blank = (
            Location(crate::model::ZoneId(0)),
            Strength(0),
            Disposition {
                readiness: Default::default(),
                posture: Default::default(),
            },
        );
        let mut units = vec![blank; c.units.len()];
        for (k, l, s, d) in self.units.iter_mut(&mut self.world) {
            units[k.id.index()] = (*l, *s, *d);
        }
        let world = &self.world;
        let st = world.resource::<Status>();
        let snap = Status {
            clock: st.clock,
            control: st.control.clone(),
            relations: st.relations.clone(),
            tracks: st.tracks.clone(),
            history: st.history.clone(),
            contacts: st.contacts.clone(),
            on_map: st.on_map.clone(),
            turn: st.turn.clone(),
            ..Default::default()
        };
        Snapshot {
            notes: st.journal.log.notes.clone(),
            c,
            units,
            st: snap,
        }
    }

    /// Puts this engine in the state of `s`, with `dice` for what follows: the same game from the
    /// same position. The engine keeps its bots and its log and hash settings; its log starts empty.
    pub fn restore(&mut self, s: &Snapshot, dice: Dice) {
        self.reset(s.c.clone(), dice);
        for (k, mut l, mut st, mut d) in self.units.iter_mut(&mut self.world) {
            (*l, *st, *d) = s.units[k.id.index()];
        }
        let mut status = self.world.resource_mut::<Status>();
        let st = &mut *status;
        st.clock = s.st.clock;
        st.control.clone_from(&s.st.control);
        st.relations.copy_from(&s.st.relations);
        st.tracks.clone_from(&s.st.tracks);
        st.history.clone_from(&s.st.history);
        st.contacts.clone_from(&s.st.contacts);
        st.on_map.clone_from(&s.st.on_map);
        st.turn.clone_from(&s.st.turn);
        st.journal.log.notes.clone_from(&s.notes);
        st.dirty = true;
    }
}
