//! The command line: clap definitions, then a validated configuration, then calls into the library.
//! `main` prints one error once and maps it to the exit code: 0 success, 1 rejected input (an invalid
//! scenario or orders), 2 any other error.

#![allow(clippy::print_stdout, clippy::print_stderr)]

mod account;
mod adjudicate;
mod amend;
pub mod batch;
mod bench;
mod describe;
mod fork;
mod init;
mod inject;
mod lint;
mod merge;
mod new;
mod orders;
mod panic;
mod play;
mod progress;
mod replay;
mod report;
mod rollback;
mod run;
mod status;
mod validate;
mod view;

use clap::{Parser, Subcommand};
use std::fmt;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// An error to show the user once, with the exit code it maps to.
#[derive(Debug)]
pub struct CliError {
    /// 1: rejected input; 2: other error.
    pub code: u8,
    /// What to print.
    pub message: String,
}

impl CliError {
    /// Rejected input (exit 1).
    pub fn rejected(message: impl Into<String>) -> Self {
        CliError {
            code: 1,
            message: message.into(),
        }
    }

    /// Any other error (exit 2).
    pub fn error(message: impl Into<String>) -> Self {
        CliError {
            code: 2,
            message: message.into(),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::error(format!("error: {e}"))
    }
}

/// whitecell: a wargame adjudication engine for education.
#[derive(Parser, Debug)]
#[command(name = "whitecell", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Write a small commented scenario that validates and plays, to grow a new one from.
    Init {
        /// The new scenario file (`.ron`); never overwritten.
        file: PathBuf,
    },
    /// Check scenario files: every problem, with file, line and column.
    Validate {
        /// Scenario files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// What validates but is probably a mistake: warnings found statically and by play.
    Lint(lint::Args),
    /// Summarise a scenario: sides, zones, units, tracks, events, victory.
    Describe {
        /// The scenario file.
        scenario: PathBuf,
        /// Show only what this side knows at the start.
        #[arg(long, conflicts_with = "map")]
        side: Option<String>,
        /// Also write the map at the start (every zone, link, unit and controller) to this HTML
        /// file, drawn as the after-action report draws it.
        #[arg(long, value_name = "FILE.html")]
        map: Option<PathBuf>,
    },
    /// Play one game headless with bot policies, printing each turn.
    Run {
        /// The scenario file.
        scenario: PathBuf,
        /// The game seed.
        #[arg(long)]
        seed: u64,
        /// A side's policy, e.g. `red=hold` (repeatable; default: the scenario's, else `random`).
        #[arg(long = "policy", value_name = "SIDE=NAME")]
        policies: Vec<String>,
        /// Write every event as JSON Lines to this file.
        #[arg(long, value_name = "FILE.jsonl")]
        log: Option<PathBuf>,
        /// Print only the outcome and the final hash.
        #[arg(long, short)]
        quiet: bool,
        /// Change a scenario value first, e.g. `tracks.tension.start=4` (repeatable), as `batch` does.
        #[arg(long = "set", value_name = "PATH=VALUE")]
        sets: Vec<String>,
    },
    /// Play a scenario many times with bot policies, over seeds and parameter sweeps, into CSV or
    /// Parquet parts with a manifest, and summarise the outcomes.
    Batch(batch::BatchArgs),
    /// Check a batch's parts (one batch, every shard, every run once) and write them as one
    /// Parquet file in run order, with the provenance.
    Merge(merge::Args),
    /// Create the instructor's game folder: the save, one key and one view per side.
    New(new::Args),
    /// Show a side's view of a game (only what that side knows), or the white cell's (--umpire).
    View(view::Args),
    /// Check, sign or hand in an orders file.
    #[command(subcommand)]
    Orders(orders::Cmd),
    /// The team's orders prompt: units, legal orders, odds, undo, show, submit.
    Play(play::Args),
    /// The turn, which sides have sent orders, what is waiting.
    Status(status::Args),
    /// Resolve the coming turn and print the umpire's account.
    Adjudicate(adjudicate::Args),
    /// Reprint a past turn's account: the umpire's, or what one side was told (--side).
    Account(account::Args),
    /// Fire a scenario event now (umpire), with a reason.
    Inject(inject::Args),
    /// Change a result (umpire): a unit, a track, a relation, control; with a reason.
    Amend(amend::Args),
    /// Return the game to the end of a turn; discarded steps are kept, marked.
    Rollback(rollback::Args),
    /// Re-adjudicate the game from its scenario, seed and journal; check every hash.
    Replay(replay::Args),
    /// Play a classroom game out K times from turn N with bots: where does the actual outcome fall?
    Fork(fork::Args),
    /// Write an after-action report as one HTML file: a game's (map, timeline, charts), or a batch's.
    Report(report::Args),
    /// Play a fixed set of games and print games per second and their signature hash.
    Bench(bench::Args),
}

/// Runs the command line and returns the exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let name = command_name(&cli.command);
    let r = panic::catch(|| run_command(cli))
        .unwrap_or_else(|bug| Err(CliError::error(panic::message(name, &bug))));
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A closed stderr (`validate bad.ron 2>&1 | head`) must not panic: ignore write errors.
            // Control characters from a file or a flag are shown escaped, never echoed raw.
            let shown = crate::scenario::diag::escape_controls(&e.message);
            let _ = writeln!(std::io::stderr(), "{shown}");
            ExitCode::from(e.code)
        }
    }
}

/// The subcommand's name as typed, e.g. `orders`, for messages.
fn command_name(c: &Command) -> &'static str {
    match c {
        Command::Init { .. } => "init",
        Command::Validate { .. } => "validate",
        Command::Lint(_) => "lint",
        Command::Describe { .. } => "describe",
        Command::Run { .. } => "run",
        Command::Batch(_) => "batch",
        Command::Merge(_) => "merge",
        Command::New(_) => "new",
        Command::View(_) => "view",
        Command::Orders(_) => "orders",
        Command::Play(_) => "play",
        Command::Status(_) => "status",
        Command::Adjudicate(_) => "adjudicate",
        Command::Inject(_) => "inject",
        Command::Amend(_) => "amend",
        Command::Rollback(_) => "rollback",
        Command::Replay(_) => "replay",
        Command::Fork(_) => "fork",
        Command::Report(_) => "report",
        Command::Bench(_) => "bench",
        Command::Account(_) => "account",
    }
}

fn run_command(cli: Cli) -> Result<(), CliError> {
    // A command that has to wait for another's lock on a game says so, on stderr.
    crate::game::store::lock::on_wait(command_name(&cli.command), |m| eprintln!("note: {m}"));
    let mut out = std::io::stdout().lock();
    let r = match cli.command {
        Command::Init { file } => init::run(&mut out, &file),
        Command::Validate { files } => validate::run(&mut out, &files),
        Command::Lint(a) => lint::run(&mut out, &a),
        Command::Describe {
            scenario,
            side,
            map,
        } => describe::run(&mut out, &scenario, side.as_deref(), map.as_deref()),
        Command::Run {
            scenario,
            seed,
            policies,
            log,
            quiet,
            sets,
        } => run::run(
            &mut out,
            &run::RunArgs {
                scenario,
                seed,
                policies,
                log,
                quiet,
                sets,
            },
        ),
        Command::Batch(a) => batch::run(&mut out, &a),
        Command::Merge(a) => merge::run(&mut out, &a),
        Command::New(a) => new::run(&mut out, &a),
        Command::View(a) => view::run(&mut out, &a),
        Command::Orders(c) => orders::run(&mut out, &c),
        Command::Play(a) => play::run(&mut out, &a),
        Command::Status(a) => status::run(&mut out, &a),
        Command::Adjudicate(a) => adjudicate::run(&mut out, &a),
        Command::Account(a) => account::run(&mut out, &a),
        Command::Inject(a) => inject::run(&mut out, &a),
        Command::Amend(a) => amend::run(&mut out, &a),
        Command::Rollback(a) => rollback::run(&mut out, &a),
        Command::Replay(a) => replay::run(&mut out, &a),
        Command::Fork(a) => fork::run(&mut out, &a),
        Command::Report(a) => report::run(&mut out, &a),
        Command::Bench(a) => bench::run(&mut out, &a),
    };
    match r {
        // A closed pipe (`whitecell run ... | head`) is not an error.
        Err(e) if e.message.contains("Broken pipe") => Ok(()),
        r => r,
    }
}

/// Loads and compiles a scenario, or the loader's report as rejected input.
pub fn load(path: &std::path::Path) -> Result<std::sync::Arc<crate::model::Compiled>, CliError> {
    load_with_sets(path, &[])
}

/// Loads a scenario with `--set` edits ([`crate::batch::load`]).
pub fn load_with_sets(
    path: &std::path::Path,
    sets: &[String],
) -> Result<std::sync::Arc<crate::model::Compiled>, CliError> {
    crate::batch::load::load(path, sets).map_err(|e| match e.rejected() {
        true => CliError::rejected(e.to_string()),
        false => CliError::error(e.to_string()),
    })
}

/// The policy of every side: the scenario's defaults with `SIDE=NAME` flags applied
/// ([`crate::policy::assign`]).
pub fn policies(
    c: &crate::model::Compiled,
    flags: &[String],
) -> Result<Vec<crate::policy::PolicySpec>, CliError> {
    crate::policy::assign::assign(c, flags).map_err(CliError::rejected)
}

/// `side=policy` for every side, as the run headers print them.
pub fn policy_names(
    c: &crate::model::Compiled,
    policies: &[crate::policy::PolicySpec],
) -> Vec<String> {
    crate::policy::assign::names(c, policies)
}
