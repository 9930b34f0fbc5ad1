//! The instructor's game folder: creating it, opening it (rebuilding the engine by replaying the
//! journal), and every white-cell action — accepting orders, adjudicating, injecting, amending,
//! rolling back — each recorded in the journal and written out with the views and the log.
//!
//! Layout: `game.save` (the authoritative journal), `game.save.bak` (the save before the last
//! write), `keys/SIDE.key` (hand each team its own), `views/SIDE.txt` and `views/SIDE.json` (hand
//! each team its own), `log.jsonl` (every event of the game as played), `rolled-back-N.jsonl` (the
//! events each rollback discarded).

use super::atomic;
use super::crypto;
use super::intake::SideKey;
use super::redact::Picture;
use super::save::{Entry, SCENARIO_FILE, Save};
use super::view::{self, Header, View};
use crate::dice::Dice;
use crate::model::{Compiled, SideId};
use crate::orders::file::Unresolved;
use crate::orders::{OrdersFile, SideOrders};
use crate::report::LogEvent;
use crate::scenario::RulesetRef;
use crate::sim::Engine;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A white-cell failure: `rejected` marks bad input (exit 1), otherwise an error (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GameError {
    /// Bad input rather than a failure.
    pub rejected: bool,
    /// What to tell the instructor.
    pub message: String,
}

impl GameError {
    /// Bad input.
    pub fn rejected(m: impl Into<String>) -> Self {
        GameError {
            rejected: true,
            message: m.into(),
        }
    }
    /// Any other failure.
    pub fn error(m: impl Into<String>) -> Self {
        GameError {
            rejected: false,
            message: m.into(),
        }
    }
}

impl std::fmt::Display for GameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

pub(super) fn io(what: &str, p: &Path) -> impl Fn(std::io::Error) -> GameError {
    let m = format!("error: cannot {what} {}", p.display());
    move |e| GameError::error(format!("{m}: {e}"))
}

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
    pub(super) lock: Option<super::lock::Lock>,
}

/// Compiles the scenario stored in a save, checking it is the one the game was created with.
pub fn compile(save: &Save) -> Result<Arc<Compiled>, GameError> {
    let text = save
        .files
        .get(SCENARIO_FILE)
        .ok_or_else(|| GameError::error("error: the save holds no scenario text"))?;
    let read = |p: &Path| {
        let key = p.to_string_lossy().replace('\\', "/");
        save.files
            .get(&key)
            .cloned()
            .ok_or_else(|| std::io::Error::other("not stored in the save"))
    };
    let loaded =
        crate::scenario::load::load_str(Path::new(SCENARIO_FILE), text, &read).map_err(|r| {
            GameError::error(format!(
                "error: the scenario stored in the save does not load:\n{r}"
            ))
        })?;
    if loaded.hash != save.scenario_hash {
        return Err(GameError::error(format!(
            "error: the scenario stored in the save hashes to {}, but the save recorded {}: the save was edited",
            loaded.hash, save.scenario_hash
        )));
    }
    Compiled::new(&loaded)
        .map(Arc::new)
        .map_err(GameError::error)
}

impl Game {
    /// Creates a game folder from a scenario file. Refuses a folder that already holds a game.
    pub fn create(scenario: &Path, dir: &Path, seed: Option<u64>) -> Result<Game, GameError> {
        if dir.join(super::save::SAVE_FILE).exists() {
            return Err(GameError::rejected(format!(
                "error: {} already holds a game; pick a new folder (whitecell never overwrites a game)",
                dir.display()
            )));
        }
        let loaded =
            crate::scenario::load_file(scenario).map_err(|r| GameError::rejected(r.to_string()))?;
        let mut files = BTreeMap::new();
        let text = std::fs::read_to_string(scenario).map_err(io("read", scenario))?;
        files.insert(SCENARIO_FILE.to_string(), text);
        if let RulesetRef::File(rel) = &loaded.scenario.ruleset {
            let p = scenario.parent().unwrap_or(Path::new(".")).join(rel);
            let t = std::fs::read_to_string(&p).map_err(io("read", &p))?;
            files.insert(rel.replace('\\', "/"), t);
        }
        let rng = |e: std::io::Error| {
            GameError::error(format!(
                "error: cannot read the system's randomness (/dev/urandom) for keys and the seed: {e}"
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
            origin: scenario.display().to_string(),
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
            atomic::write_private(&p, k.to_text().as_bytes()).map_err(io("write", &p))?;
        }
        g.commit()?;
        Ok(g)
    }

    /// Opens a game folder to change it: takes its lock, reads the save and replays it, checking
    /// every recorded hash.
    pub fn open(dir: &Path) -> Result<Game, GameError> {
        let lock = super::lock::Lock::take(dir).map_err(GameError::error)?;
        let mut g = Game::open_read_only(dir)?;
        g.lock = Some(lock);
        Ok(g)
    }

    /// Opens a game folder to read it, without its lock: the save is only ever replaced whole, so a
    /// reader sees the old save or the new one, never a mix. Must not be used to write.
    pub fn open_read_only(dir: &Path) -> Result<Game, GameError> {
        let save = Save::read(dir).map_err(|e| GameError::error(e.to_string()))?;
        let g = Game::from_save(dir, save)?;
        if let Some(bad) = g.checks.iter().find(|c| c.recorded != c.replayed) {
            return Err(GameError::error(format!(
                "error: the save does not replay: after {} the state hash is {} but the save recorded {}; run `whitecell replay {}` for the full account (was the save made by another whitecell? it says {})",
                bad.what,
                bad.replayed,
                bad.recorded,
                dir.display(),
                g.save.engine
            )));
        }
        Ok(g)
    }

    /// Rebuilds a game from a save by replaying its journal (hash mismatches are recorded in
    /// `checks`, not refused).
    pub fn from_save(dir: &Path, save: Save) -> Result<Game, GameError> {
        let c = compile(&save)?;
        let engine = Engine::new(c.clone(), Dice::seeded(save.seed));
        let mut g = Game {
            dir: dir.to_path_buf(),
            save,
            c,
            engine,
            pending: BTreeMap::new(),
            checks: Vec::new(),
            lock: None,
        };
        let entries: Vec<Entry> = g.save.live().cloned().collect();
        for e in entries {
            g.play(&e)?;
        }
        Ok(g)
    }

    /// Plays one journal entry on the engine.
    pub(super) fn play(&mut self, e: &Entry) -> Result<(), GameError> {
        match e {
            Entry::Orders { file, receipt } => {
                self.pending
                    .insert(file.side.clone(), (file.clone(), receipt.clone()));
            }
            Entry::Umpire { events, hash } => {
                let what = match events.first() {
                    Some(LogEvent::Umpire { action, .. }) => format!("umpire: {action}"),
                    _ => "umpire action".into(),
                };
                self.engine.apply_events(events.clone()).map_err(|m| {
                    GameError::error(format!("error: the save's {what} does not apply: {m}"))
                })?;
                let replayed = self.engine.state_hash();
                self.checks.push(HashCheck {
                    what,
                    recorded: hash.clone(),
                    replayed,
                });
            }
            Entry::Turn { turn, filled, hash } => {
                self.step(filled)?;
                let replayed = self.engine.state_hash();
                self.checks.push(HashCheck {
                    what: format!("turn {turn}"),
                    recorded: hash.clone(),
                    replayed,
                });
            }
            Entry::Rollback { to_turn, reason } => {
                let note = LogEvent::Umpire {
                    action: format!(
                        "rollback to the end of turn {to_turn} (the discarded steps are kept in the save, marked)"
                    ),
                    reason: reason.clone(),
                };
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
        view::build(&self.c, &state, &self.engine.log(), side, &h)
    }

    /// What `side` knows, to check orders on.
    pub fn picture(&mut self, side: SideId) -> Picture {
        let state = self.engine.state();
        Picture::from_state(self.c.clone(), &state, side, &self.save.game)
    }

    /// Writes the save (keeping the previous one as the backup), every side's view and the log.
    pub fn commit(&mut self) -> Result<(), GameError> {
        self.save
            .write(&self.dir)
            .map_err(io("write the save in", &self.dir))?;
        for side in self.c.side_ids() {
            self.write_view(side)?;
        }
        let p = self.dir.join("log.jsonl");
        atomic::write_with(&p, |w| crate::report::jsonl::write(w, &self.engine.log()))
            .map_err(io("write", &p))
    }

    /// Writes `side`'s view files, `views/SIDE.json` and `views/SIDE.txt`; returns the view.
    pub fn write_view(&mut self, side: SideId) -> Result<View, GameError> {
        let views = self.dir.join("views");
        std::fs::create_dir_all(&views).map_err(io("create", &views))?;
        let v = self.view(side);
        let name = self.c.side_name(side).to_string();
        let json = serde_json::to_string_pretty(&v).map_err(|e| GameError::error(e.to_string()))?;
        let p = views.join(format!("{name}.json"));
        atomic::write(&p, json.as_bytes()).map_err(io("write", &p))?;
        let p = views.join(format!("{name}.txt"));
        atomic::write(&p, super::view_report::text(&v).as_bytes()).map_err(io("write", &p))?;
        Ok(v)
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
                    GameError::error(format!("error: the save names a policy for {name}: {e}"))
                })?;
                (p.orders(c, &state, side, &dice), Vec::new())
            }
        };
        engine.submit(side, orders.clone(), unresolved.clone());
        out.push((side, orders, unresolved));
    }
    Ok(out)
}
