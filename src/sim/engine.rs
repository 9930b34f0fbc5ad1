//! The engine facade: one game in one World and Schedule, reusable for the next game.
//!
//! `Engine::new` builds a world and schedule; `reset` starts another game in the same ones (a batch
//! thread keeps one engine for all its games). Orders go in with `submit` (or bots play sides:
//! `set_bots`), a turn is played with `step` (or `step_turn`, which also gives the turn's events
//! with names), and everything that happened is in the journal. By default the engine keeps every
//! turn's events and hashes the state at the end of every turn, as the classroom and `replay`
//! need; a batch turns both off (`keep_log`, `hash_every_turn`) and hashes once at the end.

use super::apply::Writer;
use super::components::*;
use super::hash::{Enc, Source, world_hash};
use super::phases;
use super::state::state_of;
use super::world::UnitsMut;
use crate::dice::Dice;
use crate::log::event::{Event, Log};
use crate::log::{LogEvent, render};
use crate::model::{Compiled, Outcome, SideId, State, UnitState};
use crate::orders::SideOrders;
use crate::orders::file::Unresolved;
use crate::policy::PolicySpec;
use bevy_ecs::prelude::*;
use bevy_ecs::system::SystemState;
use std::sync::Arc;

/// Why a turn could not be played.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepError {
    /// The game has ended.
    GameOver,
}

impl std::fmt::Display for StepError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StepError::GameOver => write!(f, "the game is over: no more turns can be played"),
        }
    }
}

impl std::error::Error for StepError {}

/// One game.
pub struct Engine {
    pub(super) world: World,
    schedule: Schedule,
    pub(super) units: QueryState<UnitsMut>,
    read: QueryState<UnitRow<'static>>,
    writer: SystemState<Writer<'static, 'static>>,
    rows: Vec<UnitState>,
}

impl Engine {
    /// A new game of `c` with these dice.
    pub fn new(c: Arc<Compiled>, dice: Dice) -> Engine {
        let mut world = World::new();
        super::world::insert_resources(&mut world, &c, dice.clone());
        let mut units = world.query::<UnitsMut>();
        super::world::setup(&mut world, &mut units, c, dice);
        let writer = SystemState::new(&mut world);
        let read = world.query::<UnitRow>();
        Engine {
            world,
            schedule: phases::schedule(),
            units,
            read,
            writer,
            rows: Vec::new(),
        }
    }

    /// Starts a new game in the same World and Schedule (keeping the bots, and whether the log is
    /// kept and every turn hashed).
    pub fn reset(&mut self, c: Arc<Compiled>, dice: Dice) {
        super::world::setup(&mut self.world, &mut self.units, c, dice);
    }

    /// The scenario.
    pub fn compiled(&self) -> &Arc<Compiled> {
        &self.world.resource::<Game>().0
    }

    /// The dice.
    pub fn dice(&self) -> &Dice {
        &self.world.resource::<DiceBox>().0
    }

    /// Plays the rest of the game with other dice: the same position, another roll of luck (what
    /// a fork of a game from turn N does).
    pub fn set_dice(&mut self, dice: Dice) {
        self.world.resource_mut::<DiceBox>().0 = dice;
    }

    /// Keep every turn's events (the default), or only the current turn's.
    pub fn keep_log(&mut self, keep: bool) {
        self.world.resource_mut::<Status>().journal.keep = keep;
    }

    /// Hash the state at the end of every turn (the default), or only when asked.
    pub fn hash_every_turn(&mut self, on: bool) {
        self.world.resource_mut::<Settings>().hash_every_turn = on;
    }

    /// Lets bots play every side (`policies` in side order) whenever nothing was handed in.
    pub fn set_bots(&mut self, policies: &[PolicySpec]) {
        let mut bots = self.world.resource_mut::<Bots>();
        bots.0.clear();
        bots.0.extend(policies.iter().cloned().map(Some));
    }

    /// No bots: sides that hand nothing in hold.
    pub fn clear_bots(&mut self) {
        self.world.resource_mut::<Bots>().0.clear();
    }

    /// Hands in a side's orders for the coming turn (replacing any it handed in before).
    /// `unresolved` are orders that named unknown things; they are logged as rejected.
    pub fn submit(&mut self, side: SideId, orders: SideOrders, unresolved: Vec<Unresolved>) {
        let mut sub = self.world.resource_mut::<Submitted>();
        let slot = &mut sub.0[side.index()];
        slot.orders = orders;
        slot.unresolved = unresolved;
        slot.pending = true;
    }

    /// Plays one turn.
    pub fn step(&mut self) -> Result<(), StepError> {
        if self.ended() {
            return Err(StepError::GameOver);
        }
        self.schedule.run(&mut self.world);
        Ok(())
    }

    /// Plays one turn and returns its events with names.
    pub fn step_turn(&mut self) -> Result<Vec<LogEvent>, StepError> {
        self.step()?;
        Ok(self.named(self.turn_events()))
    }

    /// The events of the turn last played (or being played).
    pub fn turn_events(&self) -> &[Event] {
        let j = &self.world.resource::<Status>().journal;
        &j.log.events[j.turn_start.min(j.log.events.len())..]
    }

    /// Events of this game's log, with names.
    pub fn named(&self, events: &[Event]) -> Vec<LogEvent> {
        let c = self.compiled();
        let log = &self.world.resource::<Status>().journal.log;
        events.iter().map(|e| render::render(c, log, e)).collect()
    }

    /// The journal: the events and their arenas.
    pub fn journal(&self) -> &Log {
        &self.world.resource::<Status>().journal.log
    }

    /// The turn last played (0 before the first).
    pub fn turn(&self) -> u32 {
        self.world.resource::<Status>().clock
    }

    /// Whether the game has ended.
    pub fn ended(&self) -> bool {
        self.world.resource::<Status>().history.ending.is_some()
    }

    /// How the game ended, if it has.
    pub fn outcome(&self) -> Option<Outcome> {
        let h = &self.world.resource::<Status>().history;
        h.ending
            .map(|e| render::outcome(self.compiled(), e, &h.scores))
    }

    /// Steps lost so far, per side.
    pub fn steps_lost(&self) -> &[u32] {
        &self.world.resource::<Status>().history.steps_lost
    }

    /// Track values now.
    pub fn tracks(&self) -> &[i32] {
        &self.world.resource::<Status>().tracks.values
    }

    /// Engagements fought so far.
    pub fn engagements(&self) -> u32 {
        self.world.resource::<Status>().history.engagements
    }

    /// Every event so far, with names (all of the game when the log is kept).
    pub fn log(&self) -> Vec<LogEvent> {
        self.named(&self.journal().events)
    }

    /// The units on the map now, by id, without building the rest of the state.
    pub(super) fn units_on_map(&mut self) -> &[UnitState] {
        self.load_units();
        &self.rows
    }

    /// Gathers the units on the map, by id.
    fn load_units(&mut self) {
        self.rows.clear();
        let st = self.world.resource::<Status>();
        for row in self.read.iter_many(&self.world, &st.index).flatten() {
            if st.on_map[row.0.id.index()] {
                self.rows.push(unit_state(row));
            }
        }
    }

    /// The full, sorted state, with names where the state has them.
    pub fn state(&mut self) -> State {
        self.load_units();
        let w = &self.world;
        state_of(
            &w.resource::<Game>().0,
            w.resource::<Status>(),
            self.rows.clone(),
        )
    }

    /// The state hash now, as a number (in the encoding of the engine's hash rules revision: see
    /// [`Engine::set_hash_rules`]).
    pub fn hash(&mut self) -> u64 {
        if self.world.resource::<Settings>().hash_rules <= 1 {
            let s = self.state();
            return u64::from_str_radix(&super::hash::state_hash_v1(&s), 16).unwrap_or(0);
        }
        self.load_units();
        let mut enc = std::mem::take(&mut *self.world.resource_mut::<Enc>());
        let w = &self.world;
        let st = w.resource::<Status>();
        let src = Source {
            c: &w.resource::<Game>().0,
            turn: st.clock,
            control: &st.control,
            relations: &st.relations,
            tracks: &st.tracks,
            history: &st.history,
            contacts: &st.contacts,
            notes: &st.journal.log.notes,
        };
        let h = world_hash(&src, self.rows.iter().copied(), &mut enc);
        *self.world.resource_mut::<Enc>() = enc;
        h
    }

    /// The state hash now, as 16 hex digits.
    pub fn state_hash(&mut self) -> String {
        render::hex(self.hash())
    }

    /// Hash states in the encoding of rules revision `rules` (1: the old encoding, for games saved
    /// under revision 1; the default is [`crate::RULES`]'s): every turn's hash and [`Engine::hash`].
    pub fn set_hash_rules(&mut self, rules: u32) {
        self.world.resource_mut::<Settings>().hash_rules = rules;
    }

    /// Applies events from outside the turn (umpire actions, or a replayed log), logging them.
    /// Stops at the first that does not apply, leaving the ones before it applied.
    pub fn apply_events(&mut self, events: Vec<LogEvent>) -> Result<(), String> {
        let c = self.compiled().clone();
        let mut w = self
            .writer
            .get_mut(&mut self.world)
            .map_err(|e| format!("engine bug: the world cannot be written: {e}"))?;
        for e in &events {
            let ev = crate::log::resolve::resolve(&c, &mut w.st.journal.log, e)?;
            w.apply(&ev)?;
            let j = &mut w.st.journal;
            j.log.events.push(ev);
            j.applied = j.log.events.len();
        }
        self.writer.apply(&mut self.world);
        Ok(())
    }

    /// Works out the events of firing a scenario event now (for the umpire's `inject`).
    pub fn inject_events(&mut self, event: crate::model::EventId, reason: &str) -> Vec<LogEvent> {
        let w = &self.world;
        let c = w.resource::<Game>().0.clone();
        let st = w.resource::<Status>();
        let on_map = &st.on_map;
        let mut work = super::changes::Working::default();
        work.load(
            &st.tracks.values,
            &st.relations,
            &st.control,
            &st.history.fired,
        );
        let mut log = Log::default();
        let was = |u: crate::model::UnitId| on_map[u.index()];
        let mut ch = super::changes::Changes {
            c: &c,
            w: &mut work,
            was_on_map: &was,
            log: &mut log,
        };
        let cause = crate::log::event::Cause::Note(ch.log.notes.note(format!("umpire: {reason}")));
        ch.fire(event, cause);
        log.events
            .iter()
            .map(|e| render::render(&c, &log, e))
            .collect()
    }

    /// Read access to the world, for tests and tools.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// The schedule, for tests (e.g. of ambiguities).
    pub fn schedule_mut(&mut self) -> (&mut Schedule, &mut World) {
        (&mut self.schedule, &mut self.world)
    }
}
