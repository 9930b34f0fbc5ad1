//! The white cell's actions on an open game: accepting a team's orders, adjudicating the turn,
//! umpire actions (inject, amend) and rollback. Each is tried before it is recorded, appended to
//! the journal and written out with the views and the log.

use crate::game::GameError;
use crate::game::store::derived::rolled_back_file;
use crate::game::store::folder::Game;
use crate::game::store::journal;
use crate::game::store::save::{Entry, Record, events_hash};
use crate::log::LogEvent;
use crate::orders::OrdersFile;
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
    /// Records accepted orders (already checked by [`crate::game::store::intake`]); returns the receipt.
    pub fn accept(&mut self, file: OrdersFile) -> Result<String, GameError> {
        let receipt = crate::game::store::intake::receipt(&file);
        let e = Entry::Orders {
            file,
            receipt: receipt.clone(),
        };
        self.play(&e)?;
        self.save.journal.push(Record {
            discarded: None,
            entry: e,
        });
        crate::disk::testhook::panic_point("accept");
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
        let before = self.log_len();
        let turn = self.next_turn();
        self.play(&Entry::Turn {
            turn,
            filled: filled.clone(),
            hash: String::new(),
            events_hash: None,
        })?;
        let hash = self.hash();
        self.save.journal.push(Record {
            discarded: None,
            entry: Entry::Turn {
                turn,
                filled: filled.clone(),
                hash,
                events_hash: Some(events_hash(&self.log_since(before))),
            },
        });
        crate::disk::testhook::panic_point("adjudicate");
        self.commit()?;
        Ok(Adjudicated {
            events: self.log_since(before),
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
        let hash = trial.hash();
        let mut e = Entry::Umpire {
            events,
            hash,
            events_hash: None,
        };
        let before = self.log_len();
        self.play(&e)?;
        if let Entry::Umpire { events_hash: h, .. } = &mut e {
            *h = Some(events_hash(&self.log_since(before)));
        }
        self.save.journal.push(Record {
            discarded: None,
            entry: e,
        });
        crate::disk::testhook::panic_point("umpire");
        self.commit()
    }

    /// Rolls back to the end of `to_turn`: every later step is marked discarded (kept in the save)
    /// and, if any had events, they are written to `rolled-back-K.jsonl`. Returns what was
    /// discarded.
    pub fn rollback(&mut self, to_turn: u32, reason: &str) -> Result<RolledBack, GameError> {
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
        let j = &self.save.journal;
        let live: Vec<usize> = (0..j.len()).filter(|&i| j[i].discarded.is_none()).collect();
        let cut = journal::cut(j, &live, to_turn).ok_or_else(|| {
            GameError::error(format!("error: the save has no record of turn {to_turn}"))
        })?;
        let dropped = journal::dropped(j, &live, cut);
        if dropped.is_empty() {
            return Err(GameError::rejected(format!(
                "error: nothing to roll back: the game is at the end of turn {to_turn} already, with no orders or umpire actions since"
            )));
        }
        let discarded: Vec<String> = dropped
            .iter()
            .map(|&i| journal::describe(&j[i].entry))
            .collect();
        let has_events = dropped
            .iter()
            .any(|&i| !matches!(j[i].entry, Entry::Orders { .. }));
        let mut save = self.save.clone();
        for &i in &dropped {
            save.journal[i].discarded = Some(to_turn);
        }
        save.journal.push(Record {
            discarded: None,
            entry: Entry::Rollback {
                to_turn,
                reason: reason.to_string(),
                events_hash: None,
                discards: Some(dropped.len() as u32),
            },
        });
        let rollbacks = save
            .journal
            .iter()
            .filter(|r| matches!(r.entry, Entry::Rollback { .. }))
            .count();
        let mut rebuilt = Game::from_save(&self.dir, save)?;
        // The rollback's note is the last event of the rebuilt log.
        let note = events_hash(&rebuilt.log_since(rebuilt.log_len().saturating_sub(1)));
        if let Some(Record {
            entry: Entry::Rollback { events_hash: h, .. },
            ..
        }) = rebuilt.save.journal.last_mut()
        {
            *h = Some(note);
        }
        let lock = self.lock.take();
        *self = rebuilt;
        self.lock = lock;
        crate::disk::testhook::panic_point("rollback");
        // The save first, then the derived files: the rolled-back events among them.
        self.commit()?;
        Ok(RolledBack {
            discarded,
            file: has_events.then(|| rolled_back_file(rollbacks)),
        })
    }
}

/// What a rollback discarded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolledBack {
    /// Each discarded step as the instructor reads it (a side's orders, an umpire action, a turn).
    pub discarded: Vec<String>,
    /// The file holding the discarded events, if they had any (orders alone have none).
    pub file: Option<String>,
}
