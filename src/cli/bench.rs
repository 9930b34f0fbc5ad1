//! `whitecell bench [--games N] [--threads T]`: plays the fixed set of [`crate::batch::bench`], prints
//! games per second, µs per game and the signature over the set's final hashes.

use super::CliError;
use crate::batch::bench;
use std::io::Write;

/// The arguments of `bench`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Games to play, going round the fixed set of 200.
    #[arg(long, default_value_t = bench::DEFAULT_GAMES)]
    pub games: u64,
    /// Worker threads (default: every core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Play only the games of one group of the set (for profiling), e.g. `eastern-med/default`.
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
}

/// Runs the bench and prints its figures.
pub fn run(out: &mut dyn Write, a: &Args) -> Result<(), CliError> {
    if a.games == 0 {
        return Err(CliError::rejected(
            "error: --games 0: give at least 1 (the fixed set is 200 games; fewer play part of it)",
        ));
    }
    let threads = a
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if threads == 0 {
        return Err(CliError::rejected("error: --threads 0: give at least 1"));
    }
    let only = match &a.group {
        None => None,
        Some(name) => {
            let names = bench::GROUPS;
            let g = names.iter().position(|n| n == name).ok_or_else(|| {
                CliError::rejected(format!(
                    "error: --group {name}: no such group; the groups are: {}",
                    names.join(", ")
                ))
            })?;
            Some(g)
        }
    };
    let m = bench::run(a.games, threads, only)
        .map_err(|e| CliError::error(format!("error: {e}")))?;
    writeln!(
        out,
        "whitecell {} bench: {} games on {} thread(s)",
        crate::VERSION,
        m.games,
        m.threads
    )?;
    for (name, n, took) in &m.groups {
        if *n > 0 {
            writeln!(
                out,
                "  {name:<22} {n:>9} games {:>10.1} µs/game",
                took.as_secs_f64() * 1e6 / *n as f64
            )?;
        }
    }
    let busy: f64 = m.groups.iter().map(|g| g.2.as_secs_f64()).sum();
    writeln!(
        out,
        "total: {:.3} s, {:.0} games/s, {:.1} µs per game per thread",
        m.wall.as_secs_f64(),
        m.games_per_second(),
        busy * 1e6 / m.games as f64
    )?;
    let verdict = if let Some(g) = &a.group {
        format!("(over the games of {g} only)")
    } else if !m.whole_set {
        format!(
            "(over the first {} games of the set only; the recorded signature needs --games {} or more)",
            m.games,
            bench::SET_SIZE
        )
    } else if m.signature == bench::SIGNATURE {
        "(matches this rules revision)".to_string()
    } else {
        format!(
            "(DIFFERS from {}, the signature of this rules revision: the results of games have changed)",
            bench::SIGNATURE
        )
    };
    writeln!(out, "signature: {} {verdict}", m.signature)?;
    if m.whole_set && m.signature != bench::SIGNATURE {
        return Err(CliError::error(
            "error: the bench signature does not match this build's rules revision",
        ));
    }
    Ok(())
}
