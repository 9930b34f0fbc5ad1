//! The white cell's actions on an open game: accepting a team's orders, adjudicating the turn,
//! umpire actions (inject, amend) and rollback. Each is tried before it is recorded, appended to
//! the journal and written out with the views and the log.

use super::atomic;
use super::folder::{Game, GameError, io};
use super::save::{Entry, Record};
use crate::orders::OrdersFile;
use crate::report::LogEvent;
use std::collections::BTreeMap;

/// What an adjudication did.
#[derive(Debug, Clone)]
pub struct Adjudicated {
    /// The turn's events.
    pub events: Vec<LogEvent>,
    /// For each side that sent no orders, the policy that played it.
    pub filled: BTreeMap<String, String>,
}

impl Game {
    /// Records accepted orders (already checked by [`super::intake`]); returns the receipt.
    pub fn accept(&mut self, file: OrdersFile) -> Result<String, GameError> {
        let receipt = super::intake::receipt(&file);
        let e = Entry::Orders {
            file,
            receipt: receipt.clone(),
        };
        self.play(&e)?;
        self.save.journal.push(Record {
            discarded: None,
            entry: e,
        });
        self.commit()?;
        Ok(receipt)
    }

    /// Adjudicates the coming turn; sides with no orders are played by `missing` (a policy name)
    /// or, if `None`, by their scenario policy. Returns the turn's events and, for each side that
    /// sent no orders, the policy that played it.
    pub fn adjudicate(&mut self, missing: Option<&str>) -> Result<Adjudicated, GameError> {
        let mut filled = BTreeMap::new();
        for s in &self.c.scenario.sides {
            if !self.pending.contains_key(&s.id) {
                let p = missing
                    .map(str::to_string)
                    .unwrap_or_else(|| s.policy.clone().unwrap_or_else(|| "random".into()));
                filled.insert(s.id.clone(), p);
            }
        }
        self.adjudicate_filled(filled)
    }

    /// Adjudicates the coming turn, each side that sent no orders played by the policy `filled`
    /// names for it.
    pub fn adjudicate_filled(
        &mut self,
        filled: BTreeMap<String, String>,
    ) -> Result<Adjudicated, GameError> {
        if let Some(o) = self.engine.outcome() {
            return Err(GameError::rejected(format!(
                "error: the game is over ({}); nothing to adjudicate",
                o.summary()
            )));
        }
        let before = self.engine.log().len();
        let turn = self.next_turn();
        self.play(&Entry::Turn {
            turn,
            filled: filled.clone(),
            hash: String::new(),
        })?;
        let hash = self.engine.state_hash();
        self.save.journal.push(Record {
            discarded: None,
            entry: Entry::Turn {
                turn,
                filled: filled.clone(),
                hash,
            },
        });
        self.commit()?;
        Ok(Adjudicated {
            events: self.engine.log()[before..].to_vec(),
            filled,
        })
    }

    /// Applies a white-cell action: `events` must start with a `LogEvent::Umpire`.
    pub fn umpire(&mut self, events: Vec<LogEvent>) -> Result<(), GameError> {
        if !matches!(events.first(), Some(LogEvent::Umpire { .. })) {
            return Err(GameError::error(
                "error: an umpire action must start with its Umpire event",
            ));
        }
        // Try on a copy first, so a failing action leaves the game untouched.
        let mut trial = Game::from_save(&self.dir, self.save.clone())?;
        trial
            .engine
            .apply_events(events.clone())
            .map_err(|m| GameError::rejected(format!("error: {m}")))?;
        let hash = trial.engine.state_hash();
        let e = Entry::Umpire { events, hash };
        self.play(&e)?;
        self.save.journal.push(Record {
            discarded: None,
            entry: e,
        });
        self.commit()
    }

    /// Rolls back to the end of `to_turn`: every later step is marked discarded (kept in the save)
    /// and its events are written to `rolled-back-N.jsonl`. Returns how many steps were discarded.
    pub fn rollback(&mut self, to_turn: u32, reason: &str) -> Result<usize, GameError> {
        if reason.trim().is_empty() {
            return Err(GameError::rejected(
                "error: --reason is empty: every umpire action is logged with the instructor's reason",
            ));
        }
        let now = self.engine.turn();
        if to_turn > now {
            return Err(GameError::rejected(format!(
                "error: --to-turn {to_turn}: only {now} turn(s) have been played"
            )));
        }
        let live: Vec<usize> = (0..self.save.journal.len())
            .filter(|&i| self.save.journal[i].discarded.is_none())
            .collect();
        let cut = if to_turn == 0 {
            0
        } else {
            live.iter()
                .position(|&i| matches!(self.save.journal[i].entry, Entry::Turn { turn, .. } if turn == to_turn))
                .map(|p| p + 1)
                .ok_or_else(|| GameError::error(format!("error: the save has no record of turn {to_turn}")))?
        };
        let dropped: Vec<usize> = live[cut..]
            .iter()
            .copied()
            .filter(|&i| !matches!(self.save.journal[i].entry, Entry::Rollback { .. }))
            .collect();
        if dropped.is_empty() {
            return Err(GameError::rejected(format!(
                "error: nothing to roll back: the game is at the end of turn {to_turn} already"
            )));
        }
        let old_log = self.engine.log().to_vec();
        let rollbacks = self
            .save
            .journal
            .iter()
            .filter(|r| matches!(r.entry, Entry::Rollback { .. }))
            .count();
        let mut save = self.save.clone();
        for &i in &dropped {
            save.journal[i].discarded = Some(to_turn);
        }
        save.journal.push(Record {
            discarded: None,
            entry: Entry::Rollback {
                to_turn,
                reason: reason.to_string(),
            },
        });
        let rebuilt = Game::from_save(&self.dir, save)?;
        let kept = rebuilt
            .engine
            .log()
            .len()
            .saturating_sub(1)
            .min(old_log.len());
        let p = self
            .dir
            .join(format!("rolled-back-{}.jsonl", rollbacks + 1));
        atomic::write_with(&p, |w| crate::report::jsonl::write(w, &old_log[kept..]))
            .map_err(io("write", &p))?;
        let lock = self.lock.take();
        *self = rebuilt;
        self.lock = lock;
        self.commit()?;
        Ok(dropped.len())
    }
}
