//! `whitecell run SCENARIO --seed N`: one headless game with bot policies.

use super::CliError;
use crate::dice::Dice;
use crate::report::{jsonl, text};
use crate::sim::Engine;
use crate::sim::autoplay::play_to_end;
use std::io::Write;
use std::path::PathBuf;

/// The validated arguments of `run`.
pub struct RunArgs {
    /// Scenario file.
    pub scenario: PathBuf,
    /// Seed.
    pub seed: u64,
    /// `SIDE=NAME` flags.
    pub policies: Vec<String>,
    /// JSON Lines output.
    pub log: Option<PathBuf>,
    /// Outcome only.
    pub quiet: bool,
    /// `PATH=VALUE` edits to the scenario, as `batch --set` makes them.
    pub sets: Vec<String>,
}

/// Plays the game and prints it.
pub fn run(out: &mut dyn Write, a: &RunArgs) -> Result<(), CliError> {
    let c = super::load_with_sets(&a.scenario, &a.sets)?;
    let policies = super::policies(&c, &a.policies)?;
    if let Some(p) = &a.log {
        check_log_path(p)?;
    }
    let names = super::policy_names(&c, &policies);
    writeln!(
        out,
        "{} — seed {}, policies {}",
        c.scenario.meta.title,
        a.seed,
        names.join(" ")
    )?;
    let mut engine = Engine::new(c.clone(), Dice::seeded(a.seed));
    let mut io_err = None;
    play_to_end(&mut engine, &policies, |events| {
        if !a.quiet
            && let Err(e) = write!(out, "{}", text::turn_summary(events))
        {
            io_err.get_or_insert(e);
        }
    });
    if let Some(e) = io_err {
        return Err(e.into());
    }
    let outcome = engine
        .outcome()
        .map(|o| o.summary())
        .unwrap_or_else(|| "unfinished".into());
    let hash = engine.state_hash();
    writeln!(out, "outcome: {outcome}")?;
    writeln!(out, "turns played: {}", engine.turn())?;
    writeln!(out, "final state hash: {hash}")?;
    if let Some(p) = &a.log {
        crate::disk::atomic::write_with(p, |w| jsonl::write(w, &engine.log())).map_err(|e| {
            CliError::error(format!("error: cannot write the log {}: {e}", p.display()))
        })?;
        writeln!(
            out,
            "log: {} events written to {}",
            engine.log().len(),
            p.display()
        )?;
    }
    Ok(())
}

/// Refuses a log path before the game is played: it must be a `.jsonl` file in an existing folder,
/// and anything already there must be a regular file (never a device, folder or link).
fn check_log_path(p: &std::path::Path) -> Result<(), CliError> {
    let bad = |why: &str| {
        Err(CliError::rejected(format!(
            "error: --log {}: {why}",
            p.display()
        )))
    };
    if p.extension().is_none_or(|e| e != "jsonl") {
        return bad("the log is JSON Lines; name a file ending in `.jsonl`");
    }
    if let Ok(m) = std::fs::symlink_metadata(p)
        && !m.file_type().is_file()
    {
        return bad("exists and is not a regular file; name a new file");
    }
    let dir = p
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    if !dir.is_dir() {
        return bad(&format!("the folder {} does not exist", dir.display()));
    }
    Ok(())
}
