//! `whitecell status GAME_DIR`: the turn, which sides have sent orders, what is waiting.

use super::CliError;
use crate::game::store::save::Entry;
use crate::game::umpire::silent;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `status`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The game folder.
    pub game_dir: PathBuf,
}

/// Prints the status.
pub fn run(out: &mut dyn Write, a: &Args) -> Result<(), CliError> {
    // Reading needs no lock: a team's prompt or an adjudication in progress does not block it.
    let g = super::new::open_read(&a.game_dir)?;
    let d = a.game_dir.display();
    writeln!(out, "game {} — {}", g.save.game, g.c.scenario.meta.title)?;
    if let Some((_, sets)) = g.save.origin.split_once(" --set ") {
        writeln!(out, "scenario edited: --set {sets}")?;
    }
    writeln!(out, "turns played: {} of {}", g.engine.turn(), g.c.turns)?;
    let umpire = g
        .save
        .live()
        .filter(|e| matches!(e, Entry::Umpire { .. }))
        .count();
    let rollbacks = g
        .save
        .journal
        .iter()
        .filter(|r| matches!(r.entry, Entry::Rollback { .. }))
        .count();
    writeln!(out, "umpire actions: {umpire}; rollbacks: {rollbacks}")?;
    if let Some(o) = g.engine.outcome() {
        writeln!(out, "GAME OVER: {}", o.summary())?;
        writeln!(
            out,
            "the seed can now be revealed: seed {} salt {} (commitment {})",
            g.save.seed,
            g.save.salt,
            g.commitment()
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "orders due for turn {} ({}):",
        g.next_turn(),
        g.c.turn_label(g.next_turn())
    )?;
    let mut waiting = Vec::new();
    let w =
        g.c.scenario
            .sides
            .iter()
            .map(|s| s.id.len())
            .max()
            .unwrap_or(0);
    let bot = |s: &crate::scenario::Side| s.policy.clone().unwrap_or_else(|| "random".into());
    for s in &g.c.scenario.sides {
        match g.pending.get(&s.id) {
            Some((f, r)) => writeln!(
                out,
                "  {:<w$}  received: {} order(s), {} signal(s), receipt {r}",
                s.id,
                f.orders.len(),
                f.signals.len()
            )?,
            None => {
                let now = match silent::filler(s, None).as_str() {
                    "hold" => "its units hold".to_string(),
                    p => format!("its bot `{p}` plays it"),
                };
                writeln!(
                    out,
                    "  {:<w$}  waiting; if silent: {now} ({}); with --missing policy: bot `{}`",
                    s.id,
                    silent::filler_reason(s),
                    bot(s)
                )?;
                waiting.push(s.id.clone());
            }
        }
    }
    if waiting.is_empty() {
        writeln!(
            out,
            "every side has sent orders: run `whitecell adjudicate {d}`"
        )?;
    } else {
        writeln!(
            out,
            "waiting for: {} (`whitecell adjudicate {d}` plays them as shown; `--missing hold` or `--missing policy` decides for all)",
            waiting.join(", ")
        )?;
    }
    Ok(())
}
