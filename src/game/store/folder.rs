//! The instructor's game folder: the open game, creating a folder, and what a side sees of it.
//! Opening and replaying a save is [`super::playback`]; the white cell's actions — accepting
//! orders, adjudicating, injecting, amending, rolling back — are [`crate::game::umpire::actions`], each recorded
//! in the journal and written out with the views and the log ([`super::derived`]).
//!
//! Layout: `game.save` (the authoritative journal), `game.save.bak` (the save before the last
//! write), `keys/SIDE.key` (hand each team its own), `views/SIDE.txt` and `views/SIDE.json` (hand
//! each team its own), `log.jsonl` (every event of the game as played), `rolled-back-N.jsonl` (the
//! events each rollback discarded). Only the save is the truth: the views, the log and the
//! rolled-back files are derived from it, and opening a game rewrites any that a stopped command
//! left behind ([`super::derived`]).

use super::crypto;
use super::intake::SideKey;
use super::save::{SAVE_FILE, SCENARIO_FILE, Save};
use crate::disk::atomic;
use crate::game::error::{GameError, io};
use crate::game::views::build;
use crate::game::views::redact::Picture;
use crate::game::views::view::{Header, View};
use crate::log::LogEvent;
use crate::model::{Compiled, SideId};
use crate::orders::file::Unresolved;
use crate::orders::{OrdersFile, SideOrders};
use crate::scenario::RulesetRef;
use crate::sim::Engine;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One turn's hash check on replay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashCheck {
    /// What was checked, e.g. `turn 3` or `umpire: inject crisis`.
    pub what: String,
    /// The hash the save recorded.
    pub recorded: String,
    /// The hash the replay reached.
    pub replayed: String,
}

/// An open game.
pub struct Game {
    /// The folder.
    pub dir: PathBuf,
    /// The save.
    pub save: Save,
    /// The scenario.
    pub c: Arc<Compiled>,
    /// The engine, at the latest state.
    pub engine: Engine,
    /// Orders accepted for the coming turn, by side id: the file and its receipt.
    pub pending: BTreeMap<String, (OrdersFile, String)>,
    /// The hash checks the replay made.
    pub checks: Vec<HashCheck>,
    /// The folder's lock, held while the game is open for writing.
    pub(in crate::game) lock: Option<super::lock::Lock>,
    /// What opening the folder repaired (stale views or log rewritten, stray temporary files
    /// removed), for the command to tell the instructor.
    pub repairs: Vec<String>,
}

/// Compiles the scenario stored in a save, checking it is the one the game was created with.
pub fn compile(save: &Save) -> Result<Arc<Compiled>, GameError> {
    let text = save
        .files
        .get(SCENARIO_FILE)
        .ok_or_else(|| GameError::rejected("error: the save holds no scenario text"))?;
    let read = |p: &Path| {
        let key = p.to_string_lossy().replace('\\', "/");
        save.files
            .get(&key)
            .cloned()
            .ok_or_else(|| std::io::Error::other("not stored in the save"))
    };
    let loaded =
        crate::scenario::load::load_str(Path::new(SCENARIO_FILE), text, &read).map_err(|r| {
            GameError::rejected(format!(
                "error: the scenario stored in the save does not load:\n{r}"
            ))
        })?;
    if loaded.hash != save.scenario_hash {
        return Err(GameError::rejected(format!(
            "error: the scenario stored in the save hashes to {}, but the save recorded {}: the save was edited",
            loaded.hash, save.scenario_hash
        )));
    }
    Compiled::new(&loaded)
        .map(Arc::new)
        .map_err(GameError::error)
}

impl Game {
    /// The rules revision this game's save was made under (its hashes are in that revision's
    /// encoding).
    pub fn rules(&self) -> u32 {
        crate::rules_of(&self.save.engine).unwrap_or(crate::RULES)
    }

    /// The state hash now, in the encoding of the save's rules revision (the engine is set to it
    /// when the game is opened).
    pub fn hash(&mut self) -> String {
        self.engine.state_hash()
    }
}

impl Game {
    /// Creates a game folder from a scenario file. Refuses a folder that already holds a game.
    pub fn create(scenario: &Path, dir: &Path, seed: Option<u64>) -> Result<Game, GameError> {
        Game::create_with_sets(scenario, &[], dir, seed)
    }

    /// Creates a game folder from a scenario file with `sets` (`PATH=VALUE`, as `--set` takes
    /// them) made: the folder stores the edited scenario's text (as `--set` writes it out) and
    /// its hash, and its origin records the edits.
    pub fn create_with_sets(
        scenario: &Path,
        sets: &[String],
        dir: &Path,
        seed: Option<u64>,
    ) -> Result<Game, GameError> {
        if dir.join(SAVE_FILE).exists() {
            return Err(GameError::rejected(format!(
                "error: {} already holds a game; pick a new folder (whitecell never overwrites a game)",
                dir.display()
            )));
        }
        let loaded =
            crate::scenario::load_file(scenario).map_err(|r| GameError::rejected(r.to_string()))?;
        let (loaded, text) = if sets.is_empty() {
            let text = std::fs::read_to_string(scenario).map_err(io("read", scenario))?;
            (loaded, text)
        } else {
            let edits = crate::batch::load::parse_sets(sets)
                .map_err(|e| GameError::rejected(e.to_string()))?;
            crate::batch::edit::edited(&loaded, &edits)
                .map_err(|e| GameError::rejected(format!("error: {e}")))?
        };
        let mut origin = scenario.display().to_string();
        for s in sets {
            origin.push_str(&format!(" --set {s}"));
        }
        let mut files = BTreeMap::new();
        files.insert(SCENARIO_FILE.to_string(), text);
        if let RulesetRef::File(rel) = &loaded.scenario.ruleset {
            let p = scenario.parent().unwrap_or(Path::new(".")).join(rel);
            let t = std::fs::read_to_string(&p).map_err(io("read", &p))?;
            files.insert(rel.replace('\\', "/"), t);
        }
        let rng = |e: std::io::Error| {
            GameError::error(format!(
                "error: cannot read the operating system's randomness for keys and the seed: {e}"
            ))
        };
        let id = format!(
            "{}-{}",
            loaded.scenario.meta.id,
            crypto::random_hex(4).map_err(rng)?
        );
        let keys = loaded
            .scenario
            .sides
            .iter()
            .map(|s| Ok((s.id.clone(), crypto::random_hex(32)?)))
            .collect::<std::io::Result<_>>()
            .map_err(rng)?;
        let seed = match seed {
            Some(s) => s,
            None => crypto::random_seed().map_err(rng)?,
        };
        let salt = crypto::random_hex(16).map_err(rng)?;
        let save = Save {
            format: super::save::FORMAT,
            engine: crate::VERSION.to_string(),
            game: id,
            origin,
            scenario_hash: loaded.hash.clone(),
            files,
            seed,
            salt,
            keys,
            journal: Vec::new(),
        };
        std::fs::create_dir_all(dir.join("keys")).map_err(io("create", dir))?;
        std::fs::create_dir_all(dir.join("views")).map_err(io("create", dir))?;
        let lock = super::lock::Lock::take(dir).map_err(GameError::error)?;
        let mut g = Game::from_save(dir, save)?;
        g.lock = Some(lock);
        for (side, key) in &g.save.keys {
            let k = SideKey {
                game: g.save.game.clone(),
                side: side.clone(),
                key: key.clone(),
            };
            let p = dir.join("keys").join(format!("{side}.key"));
            // Written readable by the instructor's account only.
            atomic::write_private(&p, super::keyfile::to_text(&k).as_bytes())
                .map_err(io("write", &p))?;
        }
        g.commit()?;
        Ok(g)
    }

    /// The turn orders are due for.
    pub fn next_turn(&self) -> u32 {
        self.engine.turn() + 1
    }

    /// The published commitment to the seed.
    pub fn commitment(&self) -> String {
        crypto::seed_commitment(self.save.seed, &self.save.salt)
    }

    /// A side by id, or a message listing the sides.
    pub fn side(&self, name: &str) -> Result<SideId, GameError> {
        self.c.side(name).ok_or_else(|| {
            let all: Vec<&str> = self
                .c
                .scenario
                .sides
                .iter()
                .map(|s| s.id.as_str())
                .collect();
            let hint = crate::scenario::de::closest(name, &all)
                .map(|c| format!(" (did you mean `{c}`?)"))
                .unwrap_or_default();
            GameError::rejected(format!(
                "error: no side `{name}`{hint}; the sides are: {}",
                all.join(", ")
            ))
        })
    }

    /// How many events the game has logged.
    pub(in crate::game) fn log_len(&self) -> usize {
        self.engine.journal().events.len()
    }

    /// The events logged since the first `from`, with names.
    pub(in crate::game) fn log_since(&self, from: usize) -> Vec<LogEvent> {
        let events = &self.engine.journal().events;
        self.engine.named(&events[from.min(events.len())..])
    }

    /// A side's view now.
    pub fn view(&mut self, side: SideId) -> View {
        let state = self.engine.state();
        let commitment = self.commitment();
        let key = self.save.keys.get(self.c.side_name(side));
        let h = Header {
            game: &self.save.game,
            commitment: &commitment,
            key: key.map(String::as_str).unwrap_or_default(),
        };
        build::build(&self.c, &state, &self.engine.log(), side, &h)
    }

    /// What `side` knows, to check orders on.
    pub fn picture(&mut self, side: SideId) -> Picture {
        let state = self.engine.state();
        Picture::from_state(self.c.clone(), &state, side, &self.save.game)
    }
}

/// What one side was given to play a turn: its orders, and those that named unknown things.
pub type Submitted = (SideId, SideOrders, Vec<Unresolved>);

/// Submits every side's orders for the coming turn as the game folder does: a side's handed-in file
/// (`pending`), or the orders of the policy `filled` names for it (`hold` if none). Opening a game,
/// adjudicating and forking all play turns through here, so they cannot drift apart.
pub fn submit_turn<'p>(
    c: &Compiled,
    engine: &mut Engine,
    pending: &dyn Fn(&str) -> Option<&'p OrdersFile>,
    filled: &BTreeMap<String, String>,
) -> Result<Vec<Submitted>, GameError> {
    let state = engine.state();
    let dice = engine.dice().clone();
    let mut out = Vec::new();
    for side in c.side_ids() {
        let name = c.side_name(side);
        let (orders, unresolved) = match pending(name) {
            Some(file) => file.resolve(c),
            None => {
                let spec = filled.get(name).map(String::as_str).unwrap_or("hold");
                let p = crate::policy::PolicySpec::parse(spec).map_err(|e| {
                    GameError::rejected(format!("error: the save names a policy for {name}: {e}"))
                })?;
                (p.orders(c, &state, side, &dice), Vec::new())
            }
        };
        engine.submit(side, orders.clone(), unresolved.clone());
        out.push((side, orders, unresolved));
    }
    Ok(out)
}
