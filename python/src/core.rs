//! One environment game: the engine playing a scenario, the sides a learner plays (the agents)
//! handing in orders chosen from the order table, every other side played by its bot policy, and
//! what each agent is given back (observation, action mask, reward, the turn's account). Shared
//! by the single environment and the vector environment.

use crate::table::Table;
use crate::told::{Told, TurnLog};
use crate::{obs, umpire};
use std::sync::Arc;
use whitecell::dice::Dice;
use whitecell::game::score::total;
use whitecell::game::umpire::transcribe::PlayedTurn;
use whitecell::game::views::build::build;
use whitecell::game::views::knowledge::Knowledge;
use whitecell::game::views::view::{Header, View};
use whitecell::log::event::Event;
use whitecell::log::render::hex;
use whitecell::model::{Compiled, Outcome, SideId, State, UnitId};
use whitecell::orders::{Order, SideOrders};
use whitecell::policy::legal::each_unit;
use whitecell::policy::{PolicySpec, Scratch, Situation};
use whitecell::rules::board::Placement;
use whitecell::sim::Engine;

/// How rewards are given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reward {
    /// Each turn, the change in the side's score; at the end, `+win` to the winner and `-win` to
    /// every other agent (a draw on points gives 0; a sudden death without winner `-win` to all).
    Points {
        /// The win/loss term.
        win: f32,
    },
    /// Only at the end: +1 win, -1 loss, 0 draw.
    Sparse,
}

/// One game.
pub struct Core {
    /// The scenario.
    pub c: Arc<Compiled>,
    /// The engine.
    pub engine: Engine,
    /// The sides a learner plays.
    pub agents: Vec<SideId>,
    /// Every side's bot policy (the agents' are never used: they always hand in orders).
    pub policies: Vec<PolicySpec>,
    /// The order table.
    pub table: Table,
    /// Per agent, its side's units in unit order: the rows of its action.
    pub units: Vec<Vec<UnitId>>,
    /// The reward rule.
    pub reward: Reward,
    /// Stop (truncate) after this many turns, if given.
    pub max_turns: Option<u32>,
    /// The seed of the game being played.
    pub seed: u64,
    /// Each agent's true score after the last turn.
    scores: Vec<u32>,
    /// The state after the last turn (shared with the turn's [`Told`]).
    pub state: Arc<State>,
    /// What the last turn (or the setup) told each side, kept to be worded when read.
    told: Arc<TurnLog>,
    /// The orders handed in, per turn played (index turn-1), per agent.
    pub history: Vec<Vec<SideOrders>>,
    /// The state hash after each turn played.
    pub hashes: Vec<String>,
    /// The scenario file and the edits applied, when known (to save the game as a folder).
    pub source: Option<(std::path::PathBuf, Vec<String>)>,
    scratch: Scratch,
    place: Placement,
    /// Keep no record (see [`Core::lean`]).
    lean: bool,
}

/// What one turn gave each agent.
pub struct Stepped {
    /// Rewards, per agent.
    pub rewards: Vec<f32>,
    /// Whether the game ended.
    pub terminated: bool,
    /// Whether the turn limit stopped it.
    pub truncated: bool,
}

impl Core {
    /// A game of `c` for `agents`, the other sides played by `policies`.
    pub fn new(
        c: Arc<Compiled>,
        agents: Vec<SideId>,
        policies: Vec<PolicySpec>,
        reward: Reward,
        max_turns: Option<u32>,
    ) -> Core {
        let table = Table::of(&c);
        let units = agents
            .iter()
            .map(|s| {
                (0..c.units.len())
                    .map(|i| UnitId(i as u32))
                    .filter(|u| c.units[u.index()].side == *s)
                    .collect()
            })
            .collect();
        let mut engine = Engine::new(c.clone(), Dice::seeded(0));
        // Only the current turn's events are kept: accounts and views read no further back.
        engine.keep_log(false);
        let state = Arc::new(engine.state());
        let told = Arc::new(TurnLog::of(&engine, state.clone()));
        let mut core = Core {
            c,
            engine,
            agents,
            policies,
            table,
            units,
            reward,
            max_turns,
            seed: 0,
            scores: Vec::new(),
            state,
            told,
            history: Vec::new(),
            hashes: Vec::new(),
            source: None,
            scratch: Scratch::default(),
            place: Placement::default(),
            lean: false,
        };
        core.reset(0);
        core
    }

    /// Starts a new game with `seed`.
    pub fn reset(&mut self, seed: u64) {
        self.seed = seed;
        self.engine.reset(self.c.clone(), Dice::seeded(seed));
        self.engine.set_bots(&self.policies);
        self.history.clear();
        self.hashes.clear();
        self.refresh();
        self.scores = self.true_scores();
    }

    fn refresh(&mut self) {
        self.state = Arc::new(self.engine.state());
        if !self.lean {
            self.told = Arc::new(TurnLog::of(&self.engine, self.state.clone()));
        }
    }

    /// Keeps no record of the game (orders, per-turn hashes, accounts) and has the engine hash
    /// only when asked: for the vector environment, which gives none of them back. The game
    /// played is the same, hash for hash.
    pub fn lean(&mut self) {
        self.lean = true;
        self.engine.hash_every_turn(false);
    }

    fn true_scores(&self) -> Vec<u32> {
        self.agents
            .iter()
            .map(|s| total(&self.c, &self.state, *s, None))
            .collect()
    }

    /// What the last turn told agent `a`, worded when read.
    pub fn told(&self, a: usize) -> Told {
        Told {
            turn: self.told.clone(),
            side: self.agents[a],
        }
    }

    /// The state hash now: the last turn's, as recorded when it was played.
    pub fn hash_now(&mut self) -> String {
        match self.hashes.last() {
            Some(h) => h.clone(),
            None => self.engine.state_hash(),
        }
    }

    /// Whether the game is over (ended or truncated).
    pub fn done(&self) -> bool {
        self.engine.ended() || self.max_turns.is_some_and(|m| self.engine.turn() >= m)
    }

    /// Agent `a`'s view, as `whitecell view --side` derives it.
    pub fn view(&self, a: usize) -> View {
        let h = Header {
            game: "",
            commitment: "",
            key: "",
        };
        build(&self.c, &self.state, &self.told.named(), self.agents[a], &h)
    }

    /// Agent `a`'s observation into `out` (of [`obs::len`] values), read from its knowledge of
    /// the state (no view is built).
    pub fn observe(&self, a: usize, out: &mut [f32]) {
        obs::encode(&Knowledge::of(&self.c, &self.state, self.agents[a]), out);
    }

    /// The umpire's picture into `out` (of [`umpire::len`] values).
    pub fn umpire(&self, out: &mut [f32]) {
        umpire::encode(&self.c, &self.state, self.engine.ended(), out);
    }

    /// Agent `a`'s action mask into `out` (units x actions, row-major; 1 where legal). A unit not
    /// on the map (yet, or any more) may only hold, which hands in nothing for it.
    pub fn mask(&mut self, a: usize, out: &mut [u8]) {
        out.fill(0);
        let n = self.table.len();
        let rows = &self.units[a];
        for r in 0..rows.len() {
            out[r * n] = 1;
        }
        let s = Situation::of_state(&self.c, &self.state, &mut self.place);
        let table = self.table;
        each_unit(&s, self.agents[a], &mut self.scratch, |u, legal| {
            if let Ok(r) = rows.binary_search(&u.id) {
                for cmd in legal {
                    out[r * n + table.index(cmd)] = 1;
                }
            }
        });
    }

    /// Every agent's action mask (as [`Core::mask`]), agent `a`'s rows at `out[at(a)..]`, the
    /// situation worked out once for them all.
    pub fn masks(&mut self, out: &mut [u8], at: impl Fn(usize) -> usize) {
        let n = self.table.len();
        let table = self.table;
        let s = Situation::of_state(&self.c, &self.state, &mut self.place);
        for (a, rows) in self.units.iter().enumerate() {
            let o = &mut out[at(a)..at(a) + rows.len() * n];
            o.fill(0);
            for r in 0..rows.len() {
                o[r * n] = 1;
            }
            each_unit(&s, self.agents[a], &mut self.scratch, |u, legal| {
                if let Ok(r) = rows.binary_search(&u.id) {
                    for cmd in legal {
                        o[r * n + table.index(cmd)] = 1;
                    }
                }
            });
        }
    }

    /// The orders agent `a`'s action (one table index per unit row) stands for, for the units on
    /// the map. An index outside the table is an error.
    pub fn orders(&self, a: usize, action: &[i64]) -> Result<SideOrders, String> {
        let rows = &self.units[a];
        if action.len() != rows.len() {
            return Err(format!(
                "side `{}` has {} unit(s): give one action per unit, not {}",
                self.c.side_name(self.agents[a]),
                rows.len(),
                action.len()
            ));
        }
        let mut out = SideOrders::default();
        for (u, &i) in rows.iter().zip(action) {
            let cmd = usize::try_from(i)
                .ok()
                .and_then(|i| self.table.command(i))
                .ok_or_else(|| {
                    format!(
                        "action {i} for unit `{}` is not in the order table (0..{})",
                        self.c.unit_name(*u),
                        self.table.len()
                    )
                })?;
            if self.state.units.iter().any(|x| x.id == *u) {
                out.orders.push(Order {
                    unit: *u,
                    command: cmd,
                });
            }
        }
        Ok(out)
    }

    /// Plays one turn with these orders per agent (the other sides by their bots).
    pub fn step(&mut self, orders: Vec<SideOrders>) -> Stepped {
        if self.lean {
            for (a, o) in orders.into_iter().enumerate() {
                self.engine.submit(self.agents[a], o, Vec::new());
            }
            let _ = self.engine.step();
        } else {
            for (a, o) in orders.iter().enumerate() {
                self.engine.submit(self.agents[a], o.clone(), Vec::new());
            }
            self.history.push(orders);
            let _ = self.engine.step();
            // The hash the engine took at the end of the turn (the state has not moved since).
            let hash = self
                .engine
                .turn_events()
                .iter()
                .rev()
                .find_map(|e| match e {
                    Event::TurnEnded { hash: Some(h), .. } => Some(hex(*h)),
                    _ => None,
                });
            let hash = hash.unwrap_or_else(|| self.engine.state_hash());
            self.hashes.push(hash);
        }
        self.refresh();
        let now = self.true_scores();
        let terminated = self.engine.ended();
        let truncated = !terminated && self.max_turns.is_some_and(|m| self.engine.turn() >= m);
        let outcome = self.engine.outcome();
        let rewards = (0..self.agents.len())
            .map(|a| self.reward_of(a, now[a], terminated, outcome.as_ref()))
            .collect();
        self.scores = now;
        Stepped {
            rewards,
            terminated,
            truncated,
        }
    }

    /// The turns played so far, for [`transcribe`](whitecell::game::umpire::transcribe).
    pub fn played_turns(&self) -> Vec<PlayedTurn> {
        self.history
            .iter()
            .zip(&self.hashes)
            .map(|(orders, hash)| PlayedTurn {
                orders: self
                    .agents
                    .iter()
                    .zip(orders)
                    .map(|(s, o)| (self.c.side_name(*s).to_string(), o.clone()))
                    .collect(),
                hash: hash.clone(),
            })
            .collect()
    }

    fn reward_of(&self, a: usize, now: u32, ended: bool, outcome: Option<&Outcome>) -> f32 {
        let end = if ended {
            let me = self.c.side_name(self.agents[a]);
            match outcome.and_then(|o| o.winner()) {
                Some(w) if w == me => 1.0,
                Some(_) => -1.0,
                None if matches!(outcome, Some(Outcome::SuddenDeath { .. })) => -1.0,
                None => 0.0,
            }
        } else {
            0.0
        };
        match self.reward {
            Reward::Points { win } => now as f32 - self.scores[a] as f32 + win * end,
            Reward::Sparse => end,
        }
    }
}
