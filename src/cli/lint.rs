//! `whitecell lint SCENARIO [--games N] [--deny-warnings]`: what validates but is probably a
//! mistake, each warning located in the file with why and what to do (see [`crate::lint`]). Exit 0
//! with warnings, unless `--deny-warnings`; 1 if the scenario does not load.

use super::CliError;
use crate::lint::{Options, explain, lint, locate};
use crate::scenario::diag::Labelled;
use std::io::Write;
use std::path::PathBuf;

/// The arguments of `lint`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The scenario file.
    pub scenario: PathBuf,
    /// Games to play with the scenario's own bots for the checks by play (0: static checks only).
    #[arg(long, default_value_t = Options::default().games)]
    pub games: u64,
    /// Exit 1 when any warning is not explained in the scenario.
    #[arg(long)]
    pub deny_warnings: bool,
}

/// Lints the scenario and prints every warning.
pub fn run(out: &mut dyn Write, a: &Args) -> Result<(), CliError> {
    let path = &a.scenario;
    let text = std::fs::read_to_string(path).map_err(|e| {
        CliError::rejected(format!(
            "error: {}: cannot read the file: {e}",
            path.display()
        ))
    })?;
    let loaded = crate::scenario::load_file(path).map_err(|r| CliError::rejected(r.to_string()))?;
    let found = lint(&loaded, &text, Options { games: a.games }).map_err(CliError::error)?;
    let given = explain::explanations(&text);
    let mut open = 0;
    let mut kept = 0;
    for w in &found.warnings {
        let d = locate(path, &text, w);
        match explain::reason(w, &given) {
            None => {
                open += 1;
                let label = format!("warning[{}]", w.code);
                writeln!(
                    out,
                    "{}\n  to keep it on purpose, explain it in the scenario: // lint: {} {}: WHY\n",
                    Labelled(&d, &label),
                    w.code,
                    w.subject
                )?;
            }
            Some(why) => {
                kept += 1;
                let label = format!("explained[{}]", w.code);
                writeln!(
                    out,
                    "{}\n  the scenario explains: {why}\n",
                    Labelled(&d, &label)
                )?;
            }
        }
    }
    for n in &found.notes {
        writeln!(out, "{n}")?;
    }
    let p = path.display();
    match (open, kept) {
        (0, 0) => writeln!(out, "{p}: no warnings")?,
        (0, k) => writeln!(out, "{p}: no warnings ({k} explained in the scenario)")?,
        (n, k) => writeln!(
            out,
            "{p}: {n} warning(s){}",
            if k > 0 {
                format!(", {k} explained in the scenario")
            } else {
                String::new()
            }
        )?,
    }
    if open > 0 && a.deny_warnings {
        return Err(CliError::rejected(format!(
            "error: {p}: {open} warning(s) and --deny-warnings; fix each, or explain it in the \
             scenario with `// lint: CODE SUBJECT: why`"
        )));
    }
    Ok(())
}
