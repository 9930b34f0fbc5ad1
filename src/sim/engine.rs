//! The engine facade: one game in one World and Schedule, reusable for the next game.
//!
//! `Engine::new` builds a world and schedule; `reset` starts another game in the same ones (a batch
//! thread keeps one engine for all its games). Orders go in with `submit`, a turn is played with
//! `step_turn`, and everything that happened is in `log`.

use super::apply;
use super::components::*;
use super::hash::state_hash;
use super::phases;
use super::snapshot;
use crate::dice::Dice;
use crate::model::{Compiled, Outcome, SideId, State};
use crate::orders::SideOrders;
use crate::orders::file::Unresolved;
use crate::report::LogEvent;
use bevy_ecs::prelude::*;
use std::sync::Arc;

/// Writes the turn's state hash to the log: the last step of every turn.
pub fn end_turn(world: &mut World) {
    let s = snapshot::state(world);
    let hash = state_hash(&s);
    world
        .resource_mut::<Log>()
        .0
        .push(LogEvent::TurnEnded { turn: s.turn, hash });
}

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
    world: World,
    schedule: Schedule,
}

impl Engine {
    /// A new game of `c` with these dice.
    pub fn new(c: Arc<Compiled>, dice: Dice) -> Engine {
        let mut world = World::new();
        super::world::setup(&mut world, c, dice);
        Engine {
            world,
            schedule: phases::schedule(),
        }
    }

    /// Starts a new game in the same World and Schedule.
    pub fn reset(&mut self, c: Arc<Compiled>, dice: Dice) {
        super::world::setup(&mut self.world, c, dice);
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
        self.world.insert_resource(DiceBox(dice));
    }

    /// Hands in a side's orders for the coming turn (replacing any it handed in before).
    /// `unresolved` are orders that named unknown things; they are logged as rejected.
    pub fn submit(&mut self, side: SideId, orders: SideOrders, unresolved: Vec<Unresolved>) {
        let mut sub = self.world.resource_mut::<Submitted>();
        sub.0.retain(|x| x.0 != side);
        sub.0.push((side, orders, unresolved));
    }

    /// Plays one turn; returns the events it produced.
    pub fn step_turn(&mut self) -> Result<&[LogEvent], StepError> {
        if self.outcome().is_some() {
            return Err(StepError::GameOver);
        }
        let before = self.world.resource::<Log>().0.len();
        self.schedule.run(&mut self.world);
        Ok(&self.world.resource::<Log>().0[before..])
    }

    /// The turn last played (0 before the first).
    pub fn turn(&self) -> u32 {
        self.world.resource::<Clock>().0
    }

    /// How the game ended, if it has.
    pub fn outcome(&self) -> Option<&Outcome> {
        self.world.resource::<History>().outcome.as_ref()
    }

    /// Every event so far.
    pub fn log(&self) -> &[LogEvent] {
        &self.world.resource::<Log>().0
    }

    /// The full, sorted state.
    pub fn state(&mut self) -> State {
        snapshot::state(&mut self.world)
    }

    /// The state hash now.
    pub fn state_hash(&mut self) -> String {
        state_hash(&self.state())
    }

    /// Applies events from outside the turn (umpire actions, or a replayed log), logging them.
    /// Stops at the first that does not apply, leaving the ones before it applied.
    pub fn apply_events(&mut self, events: Vec<LogEvent>) -> Result<(), String> {
        let mut result = Ok(());
        for e in events {
            if let Err(m) = apply::apply(&mut self.world, &e) {
                result = Err(m);
                break;
            }
            self.world.resource_mut::<Log>().0.push(e);
        }
        apply::normalize(&mut self.world);
        result
    }

    /// Works out the events of firing a scenario event now (for the umpire's `inject`).
    pub fn inject_events(&self, event: crate::model::EventId, reason: &str) -> Vec<LogEvent> {
        let mut ch = super::changes::from_world(&self.world);
        ch.fire(event, &format!("umpire: {reason}"));
        ch.out
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
