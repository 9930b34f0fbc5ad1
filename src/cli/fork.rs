//! `whitecell fork GAME_DIR --from-turn N --runs K [--policy SIDE=NAME]... [--master-seed S]
//! [--threads T]`: takes a classroom game folder at the end of turn N (0: the start), plays it out
//! K times from there with bot policies and other dice, and says where the actual outcome falls
//! among them — for the instructor's hotwash. Reads the folder only; writes nothing there (with
//! `--out FILE.json`, the forks' rows go to that file, for `whitecell report --fork`).

use super::CliError;
use crate::batch::fork;
use crate::game::store::save::Save;
use crate::game::umpire::recorded::recorded;
use std::io::Write;
use std::path::PathBuf;

/// The most forks one command plays (each is kept in memory for the ranking).
const MAX_RUNS: u64 = 1_000_000;

/// Arguments of `fork`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The game folder.
    pub game_dir: PathBuf,
    /// Fork at the end of this turn (0: from the start).
    #[arg(long, value_name = "N")]
    pub from_turn: u32,
    /// How many times to play the game out from there.
    #[arg(long, value_name = "K")]
    pub runs: u64,
    /// A side's bot for the forks, e.g. `red=cautious` (repeatable; default: the scenario's, else
    /// `random`).
    #[arg(long = "policy", value_name = "SIDE=NAME")]
    pub policies: Vec<String>,
    /// The master seed the forks' dice are derived from (with the game seed).
    #[arg(long, default_value_t = 0)]
    pub master_seed: u64,
    /// Worker threads (default: every core). The report does not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Also write every fork's result to this file, for `whitecell report GAME_DIR --fork FILE`.
    #[arg(long, value_name = "FILE.json")]
    pub out: Option<PathBuf>,
}

/// Forks the game and prints the report.
pub fn run(out: &mut dyn Write, a: &Args) -> Result<(), CliError> {
    if a.runs == 0 || a.runs > MAX_RUNS {
        return Err(CliError::rejected(format!(
            "error: --runs {}: give 1 to {MAX_RUNS} forks",
            a.runs
        )));
    }
    let threads = match a.threads {
        Some(0) => return Err(CliError::rejected("error: --threads must be at least 1")),
        Some(t) => t,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    // A bad save is rejected input (exit 1), as in every command.
    let save = Save::read(&a.game_dir).map_err(crate::game::GameError::from)?;
    let (c, game) = recorded(&save)?;
    let played = game.turns.len() as u32;
    if a.from_turn > played {
        return Err(CliError::rejected(format!(
            "error: --from-turn {}: the game in {} has played {played} turn(s); fork from 0 (the start) to {played}",
            a.from_turn,
            a.game_dir.display()
        )));
    }
    let policies = super::policies(&c, &a.policies)?;
    let actual = fork::actual(&c, &game).map_err(|m| CliError::error(format!("error: {m}")))?;
    let bar = super::progress::bar(true, "forks");
    let f = fork::fork_with_progress(
        &c,
        &game,
        (a.from_turn, a.runs, a.master_seed),
        &policies,
        threads,
        &mut |done, of| {
            bar.set_length(of);
            bar.set_position(done);
        },
    );
    bar.finish_and_clear();
    let f = f.map_err(|m| CliError::error(format!("error: {m}")))?;
    let names = super::policy_names(&c, &policies);
    writeln!(
        out,
        "game {} ({}): {played} turn(s) played, {}",
        save.game,
        c.scenario.meta.title,
        if actual.is_some() {
            "ended"
        } else {
            "not ended"
        }
    )?;
    writeln!(
        out,
        "forks play on from the end of turn {} with bots {} and other dice (master seed {})",
        a.from_turn,
        names.join(" "),
        a.master_seed
    )?;
    write!(out, "{}", fork::render(&c, &f, actual.as_ref()))?;
    if let Some(p) = &actual {
        let st = f.standing(p);
        writeln!(out, "{}", reading(st.same_winner, st.runs, a.from_turn))?;
    }
    if let Some(p) = &a.out {
        crate::html::fork::write(p, &save.game, &c, &f, &names, a.master_seed)
            .map_err(|e| CliError::error(format!("error: cannot write {}: {e}", p.display())))?;
        writeln!(out, "forks written to {}", p.display())?;
    }
    Ok(())
}

/// What the share of forks with the actual winner suggests, in a sentence for the hotwash.
fn reading(same: u64, runs: u64, turn: u32) -> String {
    let share = same as f64 / runs.max(1) as f64;
    let what = if share >= 0.8 {
        format!(
            "the actual result was largely settled by the end of turn {turn}: most replays of the rest reach it"
        )
    } else if share <= 0.2 {
        format!(
            "the actual result was rare from the end of turn {turn}: it came from what happened after it (the teams' later decisions, or the dice)"
        )
    } else {
        format!(
            "the result was still open at the end of turn {turn}: luck and later decisions both mattered"
        )
    };
    format!("reading: {what} (the bots stand in for the teams; compare with how the teams played)")
}
