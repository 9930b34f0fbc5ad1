//! The files a game folder derives from its save, and keeping them true to it. The save is the
//! only truth; the views (`views/SIDE.json`, `.txt`), the log (`log.jsonl`) and the events of each
//! rollback (`rolled-back-K.jsonl`) are worked out from it. A command writes the save first — that
//! write is the commit point — then every derived file that differs. A command stopped between the
//! two leaves derived files behind the save, so opening a game compares each with what the save
//! gives and rewrites any that differ, and removes the temporary files the stopped command left;
//! each repair is reported, so a team is never handed a view of another turn without a word.

use super::folder::Game;
use super::journal::RollbackLine;
use super::save::SAVE_FILE;
use crate::game::error::{GameError, io};
use crate::game::views::view::View;
use crate::log::LogEvent;
use crate::model::SideId;
use std::path::{Path, PathBuf};

/// The log's file name.
pub const LOG_FILE: &str = "log.jsonl";

/// The file of the events the `k`-th rollback (from 1) discarded.
pub fn rolled_back_file(k: usize) -> String {
    format!("rolled-back-{k}.jsonl")
}

fn jsonl(events: &[LogEvent]) -> Result<Vec<u8>, GameError> {
    let mut out = Vec::new();
    crate::report::jsonl::write(&mut out, events).map_err(|e| GameError::error(e.to_string()))?;
    Ok(out)
}

/// A file and the bytes it should hold.
type File = (PathBuf, Vec<u8>);

/// What a derived file held before it was rewritten.
enum Was {
    Missing,
    Other(Vec<u8>),
}

impl Game {
    /// Writes the save (keeping the previous one as the backup), then every derived file that
    /// differs from what the save gives.
    pub fn commit(&mut self) -> Result<(), GameError> {
        self.save
            .write(&self.dir)
            .map_err(io("write the save in", &self.dir))?;
        self.sync_derived(false)
    }

    /// Writes `side`'s view files, `views/SIDE.json` and `views/SIDE.txt`, where they differ;
    /// returns the view.
    pub fn write_view(&mut self, side: SideId) -> Result<View, GameError> {
        let (v, files) = self.view_files(side)?;
        for (p, bytes) in files {
            self.put(&p, &bytes)?;
        }
        Ok(v)
    }

    /// Repairs the folder of a game just opened (its lock held): removes temporary files of
    /// stopped commands, rewrites damaged key copies and stale derived files, and says so in
    /// `repairs`.
    pub(in crate::game) fn repair(&mut self) -> Result<(), GameError> {
        self.sweep_temporary_files();
        self.repair_key_files()?;
        self.sync_derived(true)
    }

    fn view_files(&mut self, side: SideId) -> Result<(View, [File; 2]), GameError> {
        let views = self.dir.join("views");
        std::fs::create_dir_all(&views).map_err(io("create", &views))?;
        let v = self.view(side);
        let name = self.c.side_name(side).to_string();
        let json = serde_json::to_string_pretty(&v).map_err(|e| GameError::error(e.to_string()))?;
        let text = crate::game::views::view_report::text(&v);
        let files = [
            (views.join(format!("{name}.json")), json.into_bytes()),
            (views.join(format!("{name}.txt")), text.into_bytes()),
        ];
        Ok((v, files))
    }

    /// Sets `p` to `bytes` unless it holds them already; returns what it held if it changed.
    fn put(&self, p: &Path, bytes: &[u8]) -> Result<Option<Was>, GameError> {
        let was = match std::fs::read(p) {
            Ok(old) if old == bytes => return Ok(None),
            Ok(old) => Was::Other(old),
            Err(_) => Was::Missing,
        };
        crate::disk::atomic::write(p, bytes).map_err(io("write", p))?;
        Ok(Some(was))
    }

    /// Brings the views, the log and the rolled-back files in line with the save; with `report`,
    /// says in `repairs` what was rewritten.
    fn sync_derived(&mut self, report: bool) -> Result<(), GameError> {
        let mut fixed = Vec::new();
        let turn = self.engine.turn();
        // Per side, what its view files were; sides grouped by it in the note.
        let mut views: Vec<(String, Vec<String>)> = Vec::new();
        for side in self.c.side_ids() {
            let (_, files) = self.view_files(side)?;
            let mut why = None;
            for (p, bytes) in files {
                if let Some(was) = self.put(&p, &bytes)? {
                    let w = match was {
                        Was::Missing => "missing".to_string(),
                        Was::Other(old) => match view_turn(&old) {
                            Some(t) if t != turn => format!("of turn {t}"),
                            _ => "stale".to_string(),
                        },
                    };
                    why.get_or_insert(w);
                }
            }
            if let Some(w) = why {
                let name = self.c.side_name(side).to_string();
                match views.iter_mut().find(|(x, _)| *x == w) {
                    Some((_, sides)) => sides.push(name),
                    None => views.push((w, vec![name])),
                }
            }
        }
        for (why, sides) in views {
            fixed.push(format!("the views of {} ({why})", sides.join(", ")));
        }
        let p = self.dir.join(LOG_FILE);
        let log = jsonl(&self.engine.log())?;
        if let Some(was) = self.put(&p, &log)? {
            let n = log.iter().filter(|&&b| b == b'\n').count();
            fixed.push(match was {
                Was::Missing => format!("{LOG_FILE} (was missing)"),
                Was::Other(old) => format!(
                    "{LOG_FILE} (held {} event(s), the save's game has {n})",
                    old.iter().filter(|&&b| b == b'\n').count()
                ),
            });
        }
        fixed.extend(self.sync_rolled_back()?);
        if report && !fixed.is_empty() {
            self.repairs.push(format!(
                "rewrote from {SAVE_FILE}, which is at turn {turn}: {} — left behind by a command that was stopped before it finished, by a save put back from its backup, or written by another version of whitecell",
                fixed.join(", ")
            ));
        }
        Ok(())
    }

    /// Writes the events of each rollback whose file is missing (rollbacks that discarded only
    /// orders have none).
    fn sync_rolled_back(&mut self) -> Result<Vec<String>, GameError> {
        let lines = super::journal::rollbacks(&self.save).map_err(GameError::rejected)?;
        let mut fixed = Vec::new();
        for (k, line) in lines.iter().enumerate() {
            let name = rolled_back_file(k + 1);
            let p = self.dir.join(&name);
            if !line.has_events(&self.save.journal) || p.exists() {
                continue;
            }
            let events = self.discarded_events(line)?;
            crate::disk::atomic::write(&p, &jsonl(&events)?).map_err(io("write", &p))?;
            fixed.push(format!("{name} (was missing)"));
        }
        Ok(fixed)
    }

    /// The events of the records a rollback discarded, replayed on the line of play it cut.
    fn discarded_events(&self, line: &RollbackLine) -> Result<Vec<LogEvent>, GameError> {
        let mut g = self.restart();
        let mut out = Vec::new();
        for &i in &line.before {
            let from = g.log_len();
            g.play(&self.save.journal[i].entry)?;
            if line.dropped.contains(&i) {
                out.extend(g.log_since(from));
            }
        }
        Ok(out)
    }

    /// Removes the temporary files ([`crate::disk::atomic`]) of other processes. Called with the lock
    /// held: every command that writes in the folder holds it, so these are a stopped command's.
    fn sweep_temporary_files(&mut self) {
        let mine = format!(".tmp-{}", std::process::id());
        let mut gone = Vec::new();
        for d in [
            self.dir.clone(),
            self.dir.join("views"),
            self.dir.join("keys"),
        ] {
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with('.')
                    && name.contains(".tmp-")
                    && !name.ends_with(&mine)
                    && std::fs::remove_file(e.path()).is_ok()
                {
                    crate::disk::testhook::step(|| format!("removed {}", e.path().display()));
                    gone.push(self.rel(&e.path()));
                }
            }
        }
        if !gone.is_empty() {
            gone.sort();
            self.repairs.push(format!(
                "removed {} temporary file(s) left by a whitecell command that was stopped: {}",
                gone.len(),
                gone.join(", ")
            ));
        }
    }

    /// Rewrites the folder's copy of a side key that no longer reads (the save holds every key);
    /// one that reads but differs from the save was refused by [`Game::audit`].
    fn repair_key_files(&mut self) -> Result<(), GameError> {
        for (side, key) in &self.save.keys {
            let p = self.dir.join("keys").join(format!("{side}.key"));
            let Ok(bytes) = std::fs::read(&p) else {
                // Missing: the instructor may have moved the keys away after handing them out.
                continue;
            };
            let reads = std::str::from_utf8(&bytes).is_ok_and(|t| super::keyfile::parse(t).is_ok());
            if reads {
                continue;
            }
            let k = super::intake::SideKey {
                game: self.save.game.clone(),
                side: side.clone(),
                key: key.clone(),
            };
            crate::disk::atomic::write_private(&p, super::keyfile::to_text(&k).as_bytes())
                .map_err(io("write", &p))?;
            let rel = self.rel(&p);
            self.repairs.push(format!(
                "{rel} was damaged: rewritten from {SAVE_FILE} (the key is the same, so copies handed out stay good)"
            ));
        }
        Ok(())
    }

    fn rel(&self, p: &Path) -> String {
        p.strip_prefix(&self.dir)
            .unwrap_or(p)
            .to_string_lossy()
            .into_owned()
    }
}

/// The turn a view file says it shows, if it reads as one.
fn view_turn(bytes: &[u8]) -> Option<u32> {
    let v: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    v.get("turn")?.as_u64().map(|t| t as u32)
}
