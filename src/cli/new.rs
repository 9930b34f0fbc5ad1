//! `whitecell new SCENARIO GAME_DIR [--seed N] [--set PATH=VALUE]...`: creates the instructor's
//! game folder.

use super::CliError;
use crate::game::{Game, GameError};
use std::io::Write;
use std::path::{Path, PathBuf};

impl From<GameError> for CliError {
    fn from(e: GameError) -> Self {
        if e.rejected {
            CliError::rejected(e.message)
        } else {
            CliError::error(e.message)
        }
    }
}

/// Arguments of `new`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The scenario file.
    pub scenario: PathBuf,
    /// The game folder to create.
    pub game_dir: PathBuf,
    /// The game seed (default: drawn from the operating system). It stays secret in the save;
    /// the views publish a commitment to it.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Change a scenario value first, e.g. `tracks.tension.start=4` (repeatable), as `run` and
    /// `batch` do: the class plays the edited scenario, which the folder keeps.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
}

/// Opens a game folder to change it, telling the instructor on stderr what opening repaired.
pub fn open(dir: &Path) -> Result<Game, CliError> {
    let g = Game::open(dir)?;
    tell_repairs(&g);
    Ok(g)
}

/// Opens a game folder to read it (no wait for another command's lock), telling the instructor
/// on stderr what opening repaired.
pub fn open_read(dir: &Path) -> Result<Game, CliError> {
    let g = Game::open_read_only(dir)?;
    tell_repairs(&g);
    Ok(g)
}

fn tell_repairs(g: &Game) {
    for r in &g.repairs {
        eprintln!("note: {}: {r}", g.dir.display());
    }
}

/// Creates the folder and says what to hand out.
pub fn run(out: &mut dyn Write, a: &Args) -> Result<(), CliError> {
    let g = Game::create_with_sets(&a.scenario, &a.sets, &a.game_dir, a.seed)?;
    let d = a.game_dir.display();
    writeln!(
        out,
        "created game {} ({}) in {d}",
        g.save.game, g.c.scenario.meta.title
    )?;
    if !a.sets.is_empty() {
        writeln!(
            out,
            "the scenario as edited: {} (the folder keeps the edited text; `status` says so)",
            a.sets.join(", ")
        )?;
    }
    writeln!(
        out,
        "seed commitment (published in every view): {}",
        g.commitment()
    )?;
    writeln!(
        out,
        "hand each team its key and its view, and nothing else:"
    )?;
    let w = crate::report::text::width(g.c.scenario.sides.iter().map(|s| s.id.as_str()));
    for s in &g.c.scenario.sides {
        writeln!(
            out,
            "  {:<w$}  {d}/keys/{}.key  {d}/views/{}.txt (and .json)",
            s.id, s.id, s.id
        )?;
    }
    writeln!(
        out,
        "orders are due for turn 1; `whitecell status {d}` shows who has sent them"
    )?;
    Ok(())
}
