//! `whitecell rollback GAME_DIR --to-turn N`: returns the game to the end of turn N and says what
//! it discarded — each side's handed-in orders, each umpire action, each turn. The discarded steps
//! stay in the save, marked, and their events (if they had any) go to `rolled-back-K.jsonl`.

use super::CliError;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `rollback`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The game folder.
    pub game_dir: PathBuf,
    /// The turn to return to the end of (0: the start).
    #[arg(long)]
    pub to_turn: u32,
    /// Why (recorded in the log).
    #[arg(long, default_value = "rolled back by the white cell")]
    pub reason: String,
    /// Roll back a game that has ended, although `status` may have revealed its seed.
    #[arg(long)]
    pub reopen: bool,
}

/// Rolls back.
pub fn run(out: &mut dyn Write, a: &Args) -> Result<(), CliError> {
    let mut g = super::new::open(&a.game_dir)?;
    if g.engine.outcome().is_some() && !a.reopen {
        return Err(CliError::rejected(
            "error: the game has ended, and `status` reveals the seed of an ended game: anyone who has \
             seen it can foresee every roll of a reopened game. Pass --reopen to roll back anyway (and \
             play on knowing that), or fork the game instead (`whitecell fork`)",
        ));
    }
    let done = g.rollback(a.to_turn, &a.reason)?;
    writeln!(
        out,
        "rolled back to the end of turn {}; discarded {} step(s), kept in the save, marked:",
        a.to_turn,
        done.discarded.len()
    )?;
    for d in &done.discarded {
        writeln!(out, "  - {d}")?;
    }
    match &done.file {
        Some(f) => writeln!(out, "their events are in {}", a.game_dir.join(f).display())?,
        None => writeln!(
            out,
            "they had no events yet (orders only), so no rolled-back file was written"
        )?,
    }
    writeln!(
        out,
        "state hash now {}; orders are due for turn {}",
        g.hash(),
        g.next_turn()
    )?;
    Ok(())
}
