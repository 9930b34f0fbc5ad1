//! Opening a game folder and rebuilding its game from the save: the journal is replayed record by
//! record, and each record is checked against the game it is played on — orders signed with their
//! side's key, for the turn they were due, with their own receipt; turns in order, played by the
//! policies of exactly the sides that sent nothing; each step's state hash and events hash — and
//! so is every line of play a rollback cut. A save that whitecell cannot have written is refused
//! as rejected input, with the way back.

use super::crypto;
use super::folder::{Game, HashCheck, compile, submit_turn};
use super::save::{Entry, SAVE_FILE, Save, SaveError, restore_hint};
use crate::dice::Dice;
use crate::game::GameError;
use crate::log::LogEvent;
use crate::sim::Engine;
use std::collections::BTreeMap;
use std::path::Path;

/// A save that is not what whitecell wrote: refused (exit 1) with the way back.
pub(in crate::game) fn bad_save(dir: &Path, why: &str) -> GameError {
    let p = dir.join(SAVE_FILE);
    GameError::rejected(format!(
        "error: {} is not a game whitecell wrote: {why}; {}",
        p.display(),
        restore_hint(&p)
    ))
}

impl Game {
    /// Opens a game folder to change it: takes its lock, reads the save and replays it, checking
    /// every recorded hash and the folder's keys and views against it, then rewrites any view or
    /// log a stopped command left stale and removes its temporary files (see `repairs`).
    pub fn open(dir: &Path) -> Result<Game, GameError> {
        let save = dir.join(SAVE_FILE);
        if !save.exists() {
            // Before the lock: a folder that holds no game gets no lock file either.
            return Err(SaveError::Missing(save).into());
        }
        let lock = super::lock::Lock::take(dir).map_err(GameError::error)?;
        let mut g = Game::open_unlocked(dir)?;
        g.lock = Some(lock);
        g.repair()?;
        crate::disk::testhook::panic_point("open");
        Ok(g)
    }

    /// Opens a game folder to read it: the save is only ever replaced whole, so a reader sees the
    /// old save or the new one, never a mix. If no other command holds the folder, it is repaired
    /// as [`Game::open`] does; otherwise it is left to that command. Must not be used to write.
    pub fn open_read_only(dir: &Path) -> Result<Game, GameError> {
        let mut g = Game::open_unlocked(dir)?;
        if let Some(lock) = super::lock::Lock::try_take(dir) {
            g.lock = Some(lock);
            g.repair()?;
            g.lock = None;
        }
        Ok(g)
    }

    fn open_unlocked(dir: &Path) -> Result<Game, GameError> {
        let save = Save::read(dir)?;
        let g = Game::from_save(dir, save)?;
        if let Some(bad) = g.checks.iter().find(|c| c.recorded != c.replayed) {
            return Err(GameError::rejected(format!(
                "error: the save does not replay: after {} the state hash is {} but the save recorded {}; run `whitecell replay {}` for the full account (was the save made by another whitecell? it says {}); {}",
                bad.what,
                bad.replayed,
                bad.recorded,
                dir.display(),
                g.save.engine,
                restore_hint(&dir.join(SAVE_FILE))
            )));
        }
        g.audit()?;
        Ok(g)
    }

    /// A game at the start of `save`'s scenario, with none of its journal played.
    pub(in crate::game) fn start(dir: &Path, save: Save) -> Result<Game, GameError> {
        let c = compile(&save).map_err(|e| match e.rejected {
            true => bad_save(dir, e.message.trim_start_matches("error: ")),
            false => e,
        })?;
        super::journal::check_keys(&save, &c).map_err(|m| bad_save(dir, &m))?;
        let mut engine = Engine::new(c.clone(), Dice::seeded(save.seed));
        engine.set_hash_rules(crate::rules_of(&save.engine).unwrap_or(crate::RULES));
        Ok(Game {
            dir: dir.to_path_buf(),
            save,
            c,
            engine,
            pending: BTreeMap::new(),
            checks: Vec::new(),
            lock: None,
            repairs: Vec::new(),
        })
    }

    /// The same game back at its start (the compiled scenario shared), to replay another line.
    pub(in crate::game) fn restart(&self) -> Game {
        let mut engine = Engine::new(self.c.clone(), Dice::seeded(self.save.seed));
        engine.set_hash_rules(self.rules());
        Game {
            dir: self.dir.clone(),
            save: self.save.clone(),
            c: self.c.clone(),
            engine,
            pending: BTreeMap::new(),
            checks: Vec::new(),
            lock: None,
            repairs: Vec::new(),
        }
    }

    /// Rebuilds a game from a save by replaying its journal (hash mismatches are recorded in
    /// `checks`, not refused). A journal that whitecell cannot have written — discard marks that
    /// are not its rollbacks', turns out of order, orders not signed with their side's key or not
    /// for the turn they were handed in for — is refused.
    pub fn from_save(dir: &Path, save: Save) -> Result<Game, GameError> {
        let lines = super::journal::rollbacks(&save).map_err(|m| bad_save(dir, &m))?;
        let live: Vec<usize> = (0..save.journal.len())
            .filter(|&i| save.journal[i].discarded.is_none())
            .collect();
        let mut g = Game::start(dir, save)?;
        for &i in &live {
            g.play_record(i)?;
        }
        if g.checks.iter().any(|c| c.recorded != c.replayed) {
            // The caller refuses it, or `replay` reports where it differs.
            return Ok(g);
        }
        // What each rollback discarded is kept in the save: it must replay as it was recorded.
        for line in &lines {
            let mut cut = g.restart();
            for &i in &line.before {
                cut.play_record(i)?;
                let played = matches!(
                    cut.save.journal[i].entry,
                    Entry::Turn { .. } | Entry::Umpire { .. }
                );
                if let Some(c) = cut.checks.last().filter(|_| played)
                    && c.recorded != c.replayed
                {
                    return Err(bad_save(
                        dir,
                        &format!(
                            "the steps a rollback discarded do not replay as recorded (after {} the state hash is {} but the save recorded {})",
                            c.what, c.replayed, c.recorded
                        ),
                    ));
                }
            }
        }
        Ok(g)
    }

    /// Checks journal record `i` against the game, plays it and checks the events it logged.
    fn play_record(&mut self, i: usize) -> Result<(), GameError> {
        let e = self.save.journal[i].entry.clone();
        self.check_entry(&e).map_err(|m| bad_save(&self.dir, &m))?;
        let from = self.log_len();
        self.play(&e)
            .map_err(|err| bad_save(&self.dir, err.message.trim_start_matches("error: ")))?;
        if let Some(want) = e.events_hash()
            && !crypto::same(want, &super::save::events_hash(&self.log_since(from)))
        {
            return Err(bad_save(
                &self.dir,
                &format!(
                    "the events of {} are not the ones it recorded (their words were changed)",
                    super::journal::describe(&e)
                ),
            ));
        }
        Ok(())
    }

    /// Checks one journal entry against the game it is played on.
    fn check_entry(&self, e: &Entry) -> Result<(), String> {
        let what = super::journal::describe(e);
        match e {
            Entry::Orders { file, receipt } => {
                if file.game != self.save.game {
                    return Err(format!("{what} are for game `{}`", file.game));
                }
                if file.turn != self.next_turn() {
                    return Err(format!(
                        "{what} stand where orders for turn {} were due",
                        self.next_turn()
                    ));
                }
                let key = self.save.keys.get(&file.side).ok_or_else(|| {
                    format!("{what} are for `{}`, which is not a side", file.side)
                })?;
                super::intake::check_signature(file, key).map_err(|m| format!("{what}: {m}"))?;
                if !crypto::same(receipt, &super::intake::receipt(file)) {
                    return Err(format!("{what} carry a receipt that is not theirs"));
                }
            }
            Entry::Turn { turn, .. } if *turn != self.next_turn() => {
                return Err(format!(
                    "{what} stands where turn {} was due",
                    self.next_turn()
                ));
            }
            Entry::Turn { filled, .. } => {
                // Every side that sent no orders was played by a named policy, and only those.
                let silent: std::collections::BTreeSet<&String> = self
                    .c
                    .scenario
                    .sides
                    .iter()
                    .map(|s| &s.id)
                    .filter(|s| !self.pending.contains_key(*s))
                    .collect();
                if !silent.iter().copied().eq(filled.keys()) {
                    return Err(format!(
                        "{what} names policies for other sides than those that sent no orders"
                    ));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Plays one journal entry on the engine.
    pub(in crate::game) fn play(&mut self, e: &Entry) -> Result<(), GameError> {
        match e {
            Entry::Orders { file, receipt } => {
                self.pending
                    .insert(file.side.clone(), (file.clone(), receipt.clone()));
            }
            Entry::Umpire { events, hash, .. } => {
                let what = match events.first() {
                    Some(LogEvent::Umpire { action, .. }) => format!("umpire: {action}"),
                    _ => "umpire action".into(),
                };
                self.engine.apply_events(events.clone()).map_err(|m| {
                    GameError::error(format!("error: the save's {what} does not apply: {m}"))
                })?;
                let replayed = self.hash();
                self.checks.push(HashCheck {
                    what,
                    recorded: hash.clone(),
                    replayed,
                });
            }
            Entry::Turn {
                turn, filled, hash, ..
            } => {
                self.step(filled)?;
                let replayed = self.hash();
                self.checks.push(HashCheck {
                    what: format!("turn {turn}"),
                    recorded: hash.clone(),
                    replayed,
                });
            }
            Entry::Rollback {
                to_turn, reason, ..
            } => {
                let note = super::journal::rollback_note(*to_turn, reason);
                self.engine
                    .apply_events(vec![note])
                    .map_err(GameError::error)?;
            }
        }
        Ok(())
    }

    /// Submits every side's orders (pending files, or the `filled` policy) and plays the turn.
    fn step(&mut self, filled: &BTreeMap<String, String>) -> Result<(), GameError> {
        let c = self.c.clone();
        let pending = &self.pending;
        submit_turn(
            &c,
            &mut self.engine,
            &|side| pending.get(side).map(|(f, _)| f),
            filled,
        )?;
        self.pending.clear();
        self.engine
            .step_turn()
            .map_err(|e| GameError::rejected(format!("error: {e}")))?;
        Ok(())
    }
}
