//! Checking a save against the folder it sits in. A save copied in from another game folder, or
//! one whose keys, seed or salt were edited (with its checksum recomputed), still decodes and may
//! even replay — but the folder's key files name the game and hold the keys the teams were given,
//! and every view publishes the game's seed commitment. A save that disagrees with them is refused
//! with the way back; a copy that no longer reads at all is repaired instead ([`super::derived`]).

use super::folder::Game;
use super::save::{SAVE_FILE, restore_hint};
use crate::game::GameError;

impl Game {
    /// Refuses a save that disagrees with the folder's key files or views.
    pub fn audit(&self) -> Result<(), GameError> {
        let save = self.dir.join(SAVE_FILE);
        let refuse = |file: &str, why: String| {
            GameError::rejected(format!(
                "error: {} does not belong with {file} in the same folder: {why}. Either the save was copied in from another game folder or edited, or {file} was; if the save is the stranger, {}",
                save.display(),
                restore_hint(&save)
            ))
        };
        for (rel, bytes) in files(&self.dir, "keys", ".key") {
            let Some(k) = std::str::from_utf8(&bytes)
                .ok()
                .and_then(|t| super::keyfile::parse(t).ok())
            else {
                // A copy that no longer reads is repaired, not evidence.
                continue;
            };
            if k.game != self.save.game {
                return Err(refuse(
                    &rel,
                    format!(
                        "the save is game `{}`, the key file game `{}`",
                        self.save.game, k.game
                    ),
                ));
            }
            match self.save.keys.get(&k.side) {
                None => {
                    return Err(refuse(
                        &rel,
                        format!(
                            "the key file is side `{}`'s, a side the save does not have",
                            k.side
                        ),
                    ));
                }
                Some(key)
                    if !super::crypto::same(&k.key, key)
                        || rel != format!("keys/{}.key", k.side) =>
                {
                    return Err(refuse(
                        &rel,
                        format!("the save holds another key for side `{}`", k.side),
                    ));
                }
                Some(_) => {}
            }
        }
        let commitment = self.commitment();
        for (rel, bytes) in files(&self.dir, "views", ".json") {
            let Ok(v) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
                continue;
            };
            let field = |name: &str| v.get(name).and_then(|x| x.as_str()).map(str::to_string);
            if let Some(game) = field("game")
                && game != self.save.game
            {
                return Err(refuse(
                    &rel,
                    format!(
                        "the save is game `{}`, the view game `{game}`",
                        self.save.game
                    ),
                ));
            }
            if let Some(c) = field("seed_commitment")
                && c != commitment
            {
                return Err(refuse(
                    &rel,
                    "the view published another seed commitment: the save's seed or salt is not the one the game was created with".into(),
                ));
            }
        }
        Ok(())
    }
}

/// The files `sub/*EXT` of a folder (not hidden ones), by relative path, sorted.
fn files(dir: &std::path::Path, sub: &str, ext: &str) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Vec<u8>)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || !name.ends_with(ext) {
                return None;
            }
            Some((format!("{sub}/{name}"), std::fs::read(e.path()).ok()?))
        })
        .collect();
    out.sort();
    out
}
