//! `whitecell adjudicate GAME_DIR [--missing hold|policy] [--yes]`: resolves the coming turn, writes
//! the save, the views and the log, and prints the umpire's account of the turn (at game over, how
//! each side's points add up). Before it plays, it says which bot plays each silent side and warns
//! when one is about to attack a side it is not at war with (asking first on a terminal).

use super::CliError;
use crate::game::umpire::silent;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

/// Who plays a side that sent no orders.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    /// Its units hold.
    Hold,
    /// Its scenario bot policy plays it.
    Policy,
}

impl From<Missing> for crate::scenario::Missing {
    fn from(m: Missing) -> Self {
        match m {
            Missing::Hold => crate::scenario::Missing::Hold,
            Missing::Policy => crate::scenario::Missing::Policy,
        }
    }
}

/// Arguments of `adjudicate`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The game folder.
    pub game_dir: PathBuf,
    /// Every side that sent no orders holds, or its scenario bot plays it (default: each side's
    /// `missing` in the scenario, else hold).
    #[arg(long, value_enum)]
    pub missing: Option<Missing>,
    /// Do not ask before a bot attacks a side it is not at war with.
    #[arg(long)]
    pub yes: bool,
}

/// Adjudicates and prints the account.
pub fn run(out: &mut dyn Write, a: &Args) -> Result<(), CliError> {
    // The turn asked for is the one due now: if another command plays it while this one waits
    // for the lock, this one changes nothing (it would play the next turn with no team's orders).
    let asked = turns_played(&a.game_dir).map(|n| n + 1);
    let mut g = super::new::open(&a.game_dir)?;
    if let Some(asked) = asked
        && g.next_turn() != asked
    {
        return Err(CliError::rejected(format!(
            "error: turn {asked} was played by another command while this one waited for the game; nothing changed (turn {} is next: run `whitecell adjudicate` again to play it)",
            g.next_turn()
        )));
    }
    let filled = silent::fill(&g, a.missing.map(Into::into));
    let warnings = silent::bot_warnings(&mut g, &filled);
    for w in &warnings {
        writeln!(out, "warning: {w}")?;
    }
    let stdin = std::io::stdin();
    if !warnings.is_empty() && !a.yes && stdin.is_terminal() {
        write!(out, "adjudicate anyway? [y/N] ")?;
        out.flush()?;
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        if !matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
            return Err(CliError::rejected(
                "not adjudicated: hand in orders for that side, or play it as holding with --missing hold",
            ));
        }
    }
    let done = g.adjudicate_filled(filled)?;
    for (side, how) in &done.filled {
        writeln!(out, "note: {side} sent no orders; played by policy `{how}`")?;
    }
    write!(
        out,
        "{}",
        crate::report::text::turn_summary_of(&g.c, &done.events)
    )?;
    if g.engine.outcome().is_some() {
        let state = g.engine.state();
        write!(out, "{}", crate::game::score::account(&g.c, &state))?;
    }
    let d = a.game_dir.display();
    writeln!(
        out,
        "saved; views rewritten in {d}/views; log in {d}/log.jsonl"
    )?;
    Ok(())
}

/// How many turns the save in `dir` records as played, read without the lock (`None` if it
/// cannot be read: opening the game then says why).
fn turns_played(dir: &std::path::Path) -> Option<u32> {
    use crate::game::store::save::{Entry, Save};
    let save = Save::read(dir).ok()?;
    Some(
        save.journal
            .iter()
            .filter(|r| r.discarded.is_none())
            .filter_map(|r| match &r.entry {
                Entry::Turn { turn, .. } => Some(*turn),
                _ => None,
            })
            .max()
            .unwrap_or(0),
    )
}
