//! `whitecell batch SCENARIO --runs N ...`: many headless games with bot policies, over seeds and
//! parameter sweeps, on all cores, one shard of a cluster array job at a time.

use super::CliError;
use crate::batch::{self, BatchError, Done, Edit, Format, Options, Plan, Shard, Sweep};
use crate::model::Compiled;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

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
    /// Play only shard I of N (0-based), e.g. `3/16`; default from SLURM_ARRAY_TASK_ID /
    /// SLURM_ARRAY_TASK_COUNT or JOB_COMPLETION_INDEX, else the whole batch.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// The number of shards, when the index comes from JOB_COMPLETION_INDEX (or to override
    /// SLURM_ARRAY_TASK_COUNT).
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
}

fn parse_all<T>(
    flags: &[String],
    f: impl Fn(&str) -> Result<T, String>,
    what: &str,
) -> Result<Vec<T>, CliError> {
    flags
        .iter()
        .map(|s| f(s).map_err(|e| CliError::rejected(format!("error: {what} {e}"))))
        .collect()
}

fn shard(a: &BatchArgs) -> Result<Shard, CliError> {
    if let Some(s) = &a.shard {
        if a.shards.is_some() {
            return Err(CliError::rejected(
                "error: give either --shard I/N or --shards N (with the index from the scheduler), not both",
            ));
        }
        return Shard::parse(s).map_err(|e| CliError::rejected(format!("error: {e}")));
    }
    let env = |k: &str| std::env::var(k).ok();
    match Shard::from_env(&env, a.shards) {
        Ok(Some(s)) => Ok(s),
        Ok(None) => match a.shards {
            Some(_) => Err(CliError::rejected(
                "error: --shards N needs the shard index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX; or give --shard I/N",
            )),
            None => Ok(Shard::default()),
        },
        Err(e) => Err(CliError::rejected(format!("error: {e}"))),
    }
}

/// Checks everything, plays the shard, prints the summary.
pub fn run(out: &mut dyn Write, a: &BatchArgs) -> Result<(), CliError> {
    if a.runs == 0 || a.runs > 1_000_000_000 {
        return Err(CliError::rejected("error: --runs must be 1 to 1000000000"));
    }
    let format = Format::parse(&a.format).map_err(|e| CliError::rejected(format!("error: {e}")))?;
    let threads = match a.threads {
        Some(0) => return Err(CliError::rejected("error: --threads must be at least 1")),
        Some(t) => t,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let shard = shard(a)?;
    let sets = parse_all(&a.sets, Edit::parse, "--set")?;
    let sweeps = parse_all(&a.sweeps, Sweep::parse, "--sweep")?;
    let loaded =
        crate::scenario::load_file(&a.scenario).map_err(|r| CliError::rejected(r.to_string()))?;
    // The plan's errors get one `error: ` below: take the policies' own off.
    let policies = |c: &Compiled| {
        super::policies(c, &a.policies).map_err(|e| match e.message.strip_prefix("error: ") {
            Some(m) => m.to_string(),
            None => e.message,
        })
    };
    let plan = Plan::new(&loaded, a.master_seed, a.runs, sets, sweeps, &policies)
        .map_err(|e| CliError::rejected(format!("error: {e}")))?;
    let opt = Options {
        shard,
        threads,
        format,
        out: a.out.clone(),
    };
    let range = shard.range(plan.total());
    let (part, manifest) = batch::paths(&opt);
    let tty = !a.quiet && std::io::stderr().is_terminal();
    // A failing game is recorded in its row; the CLI's panic hook keeps its message off the
    // terminal (see `cli::panic`).
    let started = Instant::now();
    let mut bar = Progress::new(tty);
    let done = batch::run_shard(&plan, &opt, &mut |d, of| bar.update(d, of));
    bar.clear();
    let done = done.map_err(|e| match e {
        BatchError::Conflict(m) => CliError::rejected(m),
        BatchError::Io(m) => CliError::error(m),
    })?;
    let secs = started.elapsed().as_secs_f64();
    match done {
        Done::AlreadyDone(m) => {
            writeln!(
                out,
                "shard {}/{} is already complete: {} rows in {} (manifest {}); nothing to do",
                shard.index,
                shard.count,
                m.rows,
                part.display(),
                manifest.display()
            )?;
        }
        Done::Played {
            manifest: m,
            summary,
        } => {
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
                "wrote {} rows ({} failed) to {} in {secs:.2} s ({rate:.0} games/s); manifest {}",
                m.rows,
                m.failed,
                part.display(),
                manifest.display()
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

/// A progress bar with rate and time left, on stderr, only on a terminal.
struct Progress {
    on: bool,
    start: Instant,
    last: Option<Instant>,
}

impl Progress {
    fn new(on: bool) -> Progress {
        Progress {
            on,
            start: Instant::now(),
            last: None,
        }
    }

    fn update(&mut self, done: u64, of: u64) {
        if !self.on {
            return;
        }
        let now = Instant::now();
        if done < of
            && self
                .last
                .is_some_and(|t| now - t < Duration::from_millis(100))
        {
            return;
        }
        self.last = Some(now);
        let secs = (now - self.start).as_secs_f64().max(1e-9);
        let rate = done as f64 / secs;
        let left = if rate > 0.0 {
            (of - done) as f64 / rate
        } else {
            0.0
        };
        let frac = if of == 0 {
            1.0
        } else {
            done as f64 / of as f64
        };
        let width = 30;
        let filled = ((frac * width as f64) as usize).min(width);
        eprint!(
            "\r[{}{}] {done}/{of} {:3.0}% {rate:.0} games/s, {} left   ",
            "#".repeat(filled),
            ".".repeat(width - filled),
            frac * 100.0,
            clock(left)
        );
    }

    fn clear(&self) {
        if self.on && self.last.is_some() {
            eprint!("\r{}\r", " ".repeat(78));
        }
    }
}

fn clock(secs: f64) -> String {
    let s = secs.round() as u64;
    if s >= 3600 {
        format!("{}h{:02}m", s / 3600, (s % 3600) / 60)
    } else if s >= 60 {
        format!("{}m{:02}s", s / 60, s % 60)
    } else {
        format!("{s}s")
    }
}
