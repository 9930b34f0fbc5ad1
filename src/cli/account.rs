//! `whitecell account GAME_DIR [--turn N] [--side SIDE]`: reprints a past turn's account from the
//! game's log: the umpire's whole account, or only what one side was told of it (its results, the
//! events announced to all). The account of the last turn of a finished game says which objectives
//! each side met and how the points add up.

use super::CliError;
use crate::game::views::build::{results, turn_events};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `account`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The game folder.
    pub game_dir: PathBuf,
    /// The turn (default: the last one played).
    #[arg(long)]
    pub turn: Option<u32>,
    /// Only what this side was told of the turn.
    #[arg(long)]
    pub side: Option<String>,
}

/// Prints the account.
pub fn run(out: &mut dyn Write, a: &Args) -> Result<(), CliError> {
    // Reading needs no lock.
    let mut g = super::new::open_read(&a.game_dir)?;
    let played = g.engine.turn();
    if played == 0 {
        return Err(CliError::rejected(format!(
            "error: no turn has been played yet in {}: `whitecell adjudicate` plays one",
            a.game_dir.display()
        )));
    }
    let n = a.turn.unwrap_or(played);
    if n == 0 || n > played {
        return Err(CliError::rejected(format!(
            "error: --turn {n}: turns 1 to {played} have been played"
        )));
    }
    let c = g.c.clone();
    let state = g.engine.state();
    let log = g.engine.log();
    let events = turn_events(&log, n);
    match &a.side {
        None => {
            write!(out, "{}", crate::report::text::turn_summary_of(&c, events))?;
            if n == played && state.outcome.is_some() {
                write!(out, "{}", crate::game::score::account(&c, &state))?;
            }
        }
        Some(s) => {
            let side = g.side(s)?;
            writeln!(out, "turn {n} ({}) as {s} was told it:", c.turn_label(n))?;
            let r = results(&c, &state, events, side);
            let more = crate::game::views::told::besides_results(&c, events, s);
            if r.is_empty() && more.is_empty() {
                writeln!(out, "  (nothing concerned {s})")?;
            }
            for x in r {
                writeln!(out, "  {}", x.text)?;
            }
            for x in more {
                writeln!(out, "  {x}")?;
            }
        }
    }
    Ok(())
}
