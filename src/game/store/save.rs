//! The instructor's save: an input journal, not a state dump. A game is a pure function of its
//! scenario, seed, and each turn's orders and umpire actions, so the save holds exactly those (with
//! the scenario and ruleset texts copied in, so editing the original later changes nothing) and the
//! state hash after every step; opening a game replays the journal and checks each hash.
//!
//! On disk: one header line `whitecell-game format=N sha256=HEX`, then the body (JSON: the log's
//! events are internally tagged, which JSON round-trips exactly). The checksum covers the body, so a
//! flipped bit or a truncated file is caught. Every write keeps the previous save as `game.save.bak`
//! and is atomic ([`crate::disk::atomic`]).

use super::crypto::sha256_hex;
use crate::disk::atomic;
use crate::log::LogEvent;
use crate::orders::OrdersFile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The save format this build writes and reads.
pub const FORMAT: u32 = 1;
/// The save's file name in a game folder.
pub const SAVE_FILE: &str = "game.save";
/// The previous save, kept before every write.
pub const BACKUP_FILE: &str = "game.save.bak";
/// The name the scenario text is stored under.
pub const SCENARIO_FILE: &str = "scenario.ron";
const MAGIC: &str = "whitecell-game";

/// The whole save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Save {
    /// Save format version.
    pub format: u32,
    /// The whitecell version that created the game.
    pub engine: String,
    /// The game id every orders file must name.
    pub game: String,
    /// The scenario file the game was created from (for the record only).
    pub origin: String,
    /// The scenario hash (scenario and ruleset texts).
    pub scenario_hash: String,
    /// The scenario text under [`SCENARIO_FILE`], and each ruleset file it names, by relative path.
    pub files: BTreeMap<String, String>,
    /// The game seed. Secret until the game is over.
    pub seed: u64,
    /// The salt of the published seed commitment.
    pub salt: String,
    /// Each side's key (hex), by side id.
    pub keys: BTreeMap<String, String>,
    /// Everything that happened, in order.
    pub journal: Vec<Record>,
}

/// One journal entry, and whether a rollback discarded it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Set to the turn rolled back to when a rollback discarded this entry (kept for the record,
    /// skipped on replay).
    #[serde(default)]
    pub discarded: Option<u32>,
    /// The entry.
    pub entry: Entry,
}

/// A step of the game.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Entry {
    /// A side's accepted orders for a turn (replacing any it sent before for that turn).
    Orders {
        /// The orders file as accepted, signature included.
        file: OrdersFile,
        /// The receipt given to the team.
        receipt: String,
    },
    /// A white-cell action: the `Umpire` event and the concrete events it applied.
    Umpire {
        /// The events, applied in order.
        events: Vec<LogEvent>,
        /// The state hash after them.
        hash: String,
        /// The SHA-256 of the events it logged ([`events_hash`]); saves made before it was
        /// recorded have none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        events_hash: Option<String>,
    },
    /// A turn adjudicated.
    Turn {
        /// Its number.
        turn: u32,
        /// The policy that played each side that sent no orders (`hold`, `random`...).
        filled: BTreeMap<String, String>,
        /// The state hash at its end.
        hash: String,
        /// The SHA-256 of the events it logged ([`events_hash`]): the state hash covers the
        /// results, this covers every word of the account too.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        events_hash: Option<String>,
    },
    /// A rollback to the end of a turn; the entries it discarded are marked.
    Rollback {
        /// The turn rolled back to (0: the start).
        to_turn: u32,
        /// Why.
        reason: String,
        /// The SHA-256 of the note it logged ([`events_hash`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        events_hash: Option<String>,
        /// How many records it discarded, so none can go missing from the record unseen.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        discards: Option<u32>,
    },
}

impl Entry {
    /// The events hash the entry recorded, if any.
    pub fn events_hash(&self) -> Option<&str> {
        match self {
            Entry::Orders { .. } => None,
            Entry::Umpire { events_hash, .. }
            | Entry::Turn { events_hash, .. }
            | Entry::Rollback { events_hash, .. } => events_hash.as_deref(),
        }
    }
}

/// The SHA-256 of events as the log writes them (JSON Lines), hex.
pub fn events_hash(events: &[LogEvent]) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail but for an event that does not serialize: hash what there is.
    let _ = crate::report::jsonl::write(&mut out, events);
    sha256_hex(&out)
}

/// Why a save cannot be read. Every kind but [`SaveError::Unreadable`] is a bad save, refused as
/// rejected input (exit 1) with the way back; an unreadable file is an error of the system (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// No save file.
    Missing(PathBuf),
    /// The file cannot be read.
    Unreadable(PathBuf, String),
    /// The header line is not a whitecell save header.
    NotASave(PathBuf),
    /// Written by a newer whitecell.
    Newer {
        /// The file.
        path: PathBuf,
        /// Its format.
        format: u32,
    },
    /// The checksum does not match or the header is damaged: what is wrong.
    Corrupted(PathBuf, String),
    /// The checksum matches but the body does not decode.
    Undecodable(PathBuf, String),
}

impl SaveError {
    /// Whether this is a bad save (rejected input) rather than a failure to read it.
    pub fn is_rejected(&self) -> bool {
        !matches!(self, SaveError::Unreadable(..))
    }
}

/// How many turns a save's live line has played.
fn turns_played(s: &Save) -> usize {
    s.live().filter(|e| matches!(e, Entry::Turn { .. })).count()
}

/// The way back from a bad save `path`: what its folder's backup holds and the command that
/// restores it.
pub fn restore_hint(path: &Path) -> String {
    let dir = path.parent().unwrap_or(Path::new("."));
    let (save, bak) = (dir.join(SAVE_FILE), dir.join(BACKUP_FILE));
    if path.file_name() == bak.file_name() {
        return format!("the game's save itself is {}", save.display());
    }
    match Save::read_file(&bak) {
        Ok(b) => format!(
            "the previous save {} reads correctly (game {}, {} turn(s) played); to go back to it, losing only the last action, run: cp {} {}",
            bak.display(),
            b.game,
            turns_played(&b),
            bak.display(),
            save.display()
        ),
        Err(SaveError::Missing(_)) => format!(
            "there is no backup ({} is missing): restore the folder from a copy of your own",
            bak.display()
        ),
        Err(_) => format!(
            "the backup {} is damaged too: restore the folder from a copy of your own",
            bak.display()
        ),
    }
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Missing(p) => {
                let bak = p.with_file_name(BACKUP_FILE);
                if bak.exists() {
                    write!(
                        f,
                        "error: no save at {}, but its backup {} is there (the save was deleted or moved); {}",
                        p.display(),
                        bak.display(),
                        restore_hint(p)
                    )
                } else {
                    write!(
                        f,
                        "error: no save at {}: is this a game folder? Create one with `whitecell new SCENARIO GAME_DIR`",
                        p.display()
                    )
                }
            }
            SaveError::Unreadable(p, e) => write!(f, "error: cannot read {}: {e}", p.display()),
            SaveError::NotASave(p) => write!(
                f,
                "error: {} is not a whitecell save (its first line should start with `{MAGIC} format=`); {}",
                p.display(),
                restore_hint(p)
            ),
            SaveError::Newer { path, format } => write!(
                f,
                "error: {} is save format {format}, newer than this whitecell {} reads (format {FORMAT}); install a newer whitecell to open it. If this folder was made by this whitecell, the save is damaged: {}",
                path.display(),
                crate::VERSION,
                restore_hint(path)
            ),
            SaveError::Corrupted(p, why) => write!(
                f,
                "error: {} is corrupted: {why}; {}",
                p.display(),
                restore_hint(p)
            ),
            SaveError::Undecodable(p, e) => write!(
                f,
                "error: {} does not decode: {e}; {}",
                p.display(),
                restore_hint(p)
            ),
        }
    }
}

impl std::error::Error for SaveError {}

impl From<SaveError> for crate::game::GameError {
    fn from(e: SaveError) -> Self {
        if e.is_rejected() {
            crate::game::GameError::rejected(e.to_string())
        } else {
            crate::game::GameError::error(e.to_string())
        }
    }
}

impl Save {
    /// The save as file bytes: header line with checksum, then the body.
    pub fn encode(&self) -> Result<Vec<u8>, String> {
        let body = serde_json::to_string_pretty(self).map_err(|e| e.to_string())?;
        let mut out = format!(
            "{MAGIC} format={} sha256={}\n",
            self.format,
            sha256_hex(body.as_bytes())
        );
        out.push_str(&body);
        out.push('\n');
        Ok(out.into_bytes())
    }

    /// Decodes file bytes read from `path` (named in errors). The header must be exactly the line
    /// [`Save::encode`] writes, so no byte of the file is outside the check: the magic and the
    /// layout are fixed, the format is checked against the body's, and the checksum covers the body.
    pub fn decode(path: &Path, bytes: &[u8]) -> Result<Save, SaveError> {
        let bad = |why: &str| SaveError::Corrupted(path.into(), why.to_string());
        if !bytes.starts_with(MAGIC.as_bytes()) {
            return Err(SaveError::NotASave(path.into()));
        }
        let text = std::str::from_utf8(bytes)
            .map_err(|_| bad("it holds bytes that are not text (UTF-8)"))?;
        let (header, body) = text
            .split_once('\n')
            .ok_or_else(|| bad("it is cut short after its first line"))?;
        let mut parts = header.split(' ');
        parts.next();
        let format = parts
            .next()
            .and_then(|p| p.strip_prefix("format="))
            .and_then(|n| n.parse::<u32>().ok())
            .ok_or_else(|| bad("its header line is damaged (the format)"))?;
        if format > FORMAT {
            return Err(SaveError::Newer {
                path: path.into(),
                format,
            });
        }
        let sum = parts
            .next()
            .and_then(|p| p.strip_prefix("sha256="))
            .filter(|h| h.len() == 64 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
            .ok_or_else(|| bad("its header line is damaged (the checksum)"))?;
        if format == 0 || header != format!("{MAGIC} format={format} sha256={sum}") {
            return Err(bad(
                "its header line is damaged (it is not the line whitecell writes)",
            ));
        }
        let body = body
            .strip_suffix('\n')
            .ok_or_else(|| bad("it does not end with a line end (cut short, or added to)"))?;
        if !super::crypto::same(sum, &sha256_hex(body.as_bytes())) {
            return Err(bad(
                "its checksum does not match (a changed byte, or a file cut short or added to)",
            ));
        }
        let save: Save = serde_json::from_str(body)
            .map_err(|e| SaveError::Undecodable(path.into(), e.to_string()))?;
        if save.format != format {
            return Err(SaveError::Undecodable(
                path.into(),
                format!(
                    "the header says format {format} but the body says {}",
                    save.format
                ),
            ));
        }
        Ok(save)
    }

    /// Reads the save of a game folder.
    pub fn read(dir: &Path) -> Result<Save, SaveError> {
        Save::read_file(&dir.join(SAVE_FILE))
    }

    /// Reads a save file.
    pub fn read_file(path: &Path) -> Result<Save, SaveError> {
        match std::fs::read(path) {
            Ok(b) => Save::decode(path, &b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(SaveError::Missing(path.into()))
            }
            Err(e) => Err(SaveError::Unreadable(path.into(), e.to_string())),
        }
    }

    /// Writes the save into a game folder atomically, first keeping the current save (if it is a
    /// good one) as the backup.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        let path = dir.join(SAVE_FILE);
        if let Ok(old) = std::fs::read(&path)
            && Save::decode(&path, &old).is_ok()
        {
            atomic::write_private(&dir.join(BACKUP_FILE), &old)?;
        }
        let bytes = self.encode().map_err(std::io::Error::other)?;
        atomic::write_private(&path, &bytes)
    }

    /// The journal entries a replay plays: those no rollback discarded.
    pub fn live(&self) -> impl Iterator<Item = &Entry> {
        self.journal
            .iter()
            .filter(|r| r.discarded.is_none())
            .map(|r| &r.entry)
    }
}
