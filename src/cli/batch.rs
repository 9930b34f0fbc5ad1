//! `whitecell batch SCENARIO --runs N ...`: many headless games with bot policies, over seeds and
//! parameter sweeps, on all cores, one shard of a cluster array job at a time.

use super::CliError;
use crate::batch::{self, BatchError, Done, Format, Options, Plan, Shard};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

/// The arguments of `batch`.
#[derive(clap::Args, Debug)]
pub struct BatchArgs {
    /// The scenario file.
    pub scenario: PathBuf,
    /// Games per sweep point.
    #[arg(long)]
    pub runs: u64,
    /// The master seed every game's seed is derived from.
    #[arg(long, default_value_t = 0)]
    pub master_seed: u64,
    /// A side's policy, e.g. `red=cautious` or `blue=aggressive:min_odds=3` (repeatable).
    #[arg(long = "policy", value_name = "SIDE=NAME")]
    pub policies: Vec<String>,
    /// Change a scenario value for every game, e.g. `units.b_frigates.strength=4` (repeatable).
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub sets: Vec<String>,
    /// Play every value of a scenario value, e.g. `tracks.tension.start=0,2,4` (repeatable:
    /// every combination).
    #[arg(long = "sweep", value_name = "PATH=V1,V2,...")]
    pub sweeps: Vec<String>,
    /// Worker threads (default: every core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Play only shard I of N (0-based), e.g. `3/16`; or `auto`: the index and count from the
    /// scheduler (SLURM_ARRAY_TASK_ID / SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX with
    /// --shards N). Without it, every run is played.
    #[arg(long, value_name = "I/N|auto")]
    pub shard: Option<String>,
    /// The number of shards with `--shard auto`, when the index comes from JOB_COMPLETION_INDEX
    /// (or to override SLURM_ARRAY_TASK_COUNT).
    #[arg(long, value_name = "N")]
    pub shards: Option<u64>,
    /// The folder for the parts and manifests.
    #[arg(long, default_value = "results")]
    pub out: PathBuf,
    /// `parquet` or `csv`.
    #[arg(long, default_value = "parquet")]
    pub format: String,
    /// Print only what was written: no summary, no progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Also write the history table (one row per game and turn: tracks, points, strength,
    /// engagements) into this folder (not the --out folder).
    #[arg(long, value_name = "DIR")]
    pub history: Option<PathBuf>,
    /// Print the columns of this batch's table (name, type, meaning) as JSON, and play nothing.
    #[arg(long)]
    pub schema: bool,
    /// Derive the seeds from the master seed alone, not from the scenario too, so that two
    /// versions of a scenario play the same dice (common random numbers, for before/after
    /// comparisons). Recorded in the manifest.
    #[arg(long)]
    pub common_seeds: bool,
    /// Rows per chunk, what an interrupted shard keeps (for tests; default 8192).
    #[arg(long, hide = true)]
    pub chunk_rows: Option<u64>,
}

fn shard(a: &BatchArgs) -> Result<(Shard, Option<String>), CliError> {
    let env = |k: &str| std::env::var(k).ok();
    Shard::resolve(a.shard.as_deref(), a.shards, &env)
        .map_err(|e| CliError::rejected(format!("error: {e}")))
}

/// Checks everything, plays the shard, prints the summary.
pub fn run(out: &mut dyn Write, a: &BatchArgs) -> Result<(), CliError> {
    let format = Format::parse(&a.format).map_err(|e| CliError::rejected(format!("error: {e}")))?;
    let threads = match a.threads {
        Some(0) => return Err(CliError::rejected("error: --threads must be at least 1")),
        Some(t) => t,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let (shard, note) = shard(a)?;
    let request = batch::request::Request {
        runs: a.runs,
        master_seed: a.master_seed,
        policies: &a.policies,
        sets: &a.sets,
        sweeps: &a.sweeps,
    };
    let mut plan = batch::request::plan(&a.scenario, &request)
        .map_err(|e| CliError::rejected(e.to_string()))?;
    plan.history = a.history.is_some();
    plan.common_seeds = a.common_seeds;
    if a.schema {
        let cols = serde_json::json!({
            "games": batch::table::columns(&plan),
            "history": batch::history::columns(&plan),
        });
        let text =
            serde_json::to_string_pretty(&cols).map_err(|e| CliError::error(e.to_string()))?;
        writeln!(out, "{text}")?;
        return Ok(());
    }
    let opt = Options {
        threads,
        command: std::env::args().collect(),
        chunk_rows: a.chunk_rows.unwrap_or(batch::parquet::GROUP as u64),
        history: a.history.clone(),
        ..Options::new(shard, format, a.out.clone())
    };
    let range = shard.range(plan.total());
    let part = batch::folder::part(&opt.out, shard, format);
    if let Some(n) = note
        && !a.quiet
    {
        let mut err = std::io::stderr();
        let _ = writeln!(err, "{n}");
    }
    // A failing game is recorded in its row; the CLI's panic hook keeps its message off the
    // terminal (see `cli::panic`).
    let started = Instant::now();
    let bar = super::progress::bar(!a.quiet, "games");
    let done = batch::run_shard(&plan, &opt, &mut |d, of| {
        bar.set_length(of);
        bar.set_position(d);
    });
    bar.finish_and_clear();
    let done = done.map_err(|e| match e {
        BatchError::Conflict(m) => CliError::rejected(m),
        BatchError::Io(m) => CliError::error(m),
    })?;
    let secs = started.elapsed().as_secs_f64();
    match done {
        Done::AlreadyDone(m) => {
            writeln!(
                out,
                "shard {}/{} is already complete: {} rows in {}; nothing to do",
                shard.index,
                shard.count,
                m.rows,
                part.display()
            )?;
        }
        Done::Played {
            manifest: m,
            summary,
            kept,
            unguarded,
        } => {
            if let Some(note) = unguarded {
                eprintln!("{note}");
            }
            if kept > 0 {
                writeln!(
                    out,
                    "resumed: {kept} rows of an interrupted run of this shard were kept; played on from run {}",
                    range.start + kept
                )?;
            }
            let rate = m.rows as f64 / secs.max(1e-9);
            writeln!(
                out,
                "{} — shard {}/{}: runs {}..{} of {} ({} point(s) x {} runs), {} thread(s)",
                plan.points[0].compiled.scenario.meta.title,
                shard.index,
                shard.count,
                range.start,
                range.end,
                plan.total(),
                plan.points.len(),
                plan.runs,
                threads.min((range.end - range.start).clamp(1, 4096) as usize)
            )?;
            writeln!(
                out,
                "wrote {} rows ({} failed) to {} in {secs:.2} s ({rate:.0} games/s)",
                m.rows,
                m.failed,
                part.display()
            )?;
            if !a.quiet {
                write!(out, "{}", summary.render())?;
                if range.start < range.end {
                    writeln!(out, "replay a row: {}", replay_hint(a, &plan, range.start))?;
                }
            }
        }
    }
    if shard.count > 1
        && !a.quiet
        && let Some(parts) = batch::merge::complete_parts(&plan, &opt)
    {
        let whole = batch::merge::summarise(&plan, &parts, format)
            .map_err(|e| CliError::error(format!("error: {e}")))?;
        writeln!(
            out,
            "all {} shards of this batch are complete in {}; the whole batch:",
            shard.count,
            a.out.display()
        )?;
        write!(out, "{}", whole.render())?;
    }
    Ok(())
}

/// The `whitecell run` command line that plays run `i` again alone.
pub fn replay_hint(a: &BatchArgs, plan: &Plan, i: u64) -> String {
    let mut s = format!(
        "whitecell run {} --seed {}",
        shell_word(&a.scenario.display().to_string()),
        plan.seed(i)
    );
    for p in &a.policies {
        s.push_str(&format!(" --policy {}", shell_word(p)));
    }
    for e in plan.edits(i) {
        s.push_str(&format!(" --set {}", shell_word(&e.to_string())));
    }
    s
}

/// A word as a POSIX shell reads it back: as is when it is plain, else in single quotes.
fn shell_word(w: &str) -> String {
    let plain = !w.is_empty()
        && w.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c));
    if plain {
        w.to_string()
    } else {
        format!("'{}'", w.replace('\'', "'\\''"))
    }
}
