//! `whitecell adjudicate GAME_DIR [--missing hold|policy]`: resolves the coming turn, writes the
//! save, the views and the log, and prints the umpire's account of the turn.

use super::CliError;
use std::io::Write;
use std::path::PathBuf;

/// Who plays a side that sent no orders.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    /// Its units hold.
    Hold,
    /// Its scenario bot policy plays it.
    Policy,
}

/// Arguments of `adjudicate`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The game folder.
    pub game_dir: PathBuf,
    /// A side that sent no orders holds, or its scenario policy plays it.
    #[arg(long, value_enum, default_value = "hold")]
    pub missing: Missing,
}

/// Adjudicates and prints the account.
pub fn run(out: &mut dyn Write, a: &Args) -> Result<(), CliError> {
    let mut g = super::new::open(&a.game_dir)?;
    let missing = match a.missing {
        Missing::Hold => Some("hold"),
        Missing::Policy => None,
    };
    let done = g.adjudicate(missing)?;
    for (side, how) in &done.filled {
        writeln!(out, "note: {side} sent no orders; played by policy `{how}`")?;
    }
    write!(out, "{}", crate::report::text::turn_summary(&done.events))?;
    let d = a.game_dir.display();
    writeln!(
        out,
        "saved; views rewritten in {d}/views; log in {d}/log.jsonl"
    )?;
    Ok(())
}
