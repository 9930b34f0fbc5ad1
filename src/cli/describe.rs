//! `whitecell describe SCENARIO [--side SIDE | --map FILE.html]`: a readable summary of a scenario,
//! for the white cell or (with `--side`) only what one side knows at the start. The text is built by
//! [`crate::report::describe`]; this prints it. `--map` also writes the map at the start
//! ([`crate::html::preview`]).

use super::CliError;
use crate::report::describe::{Audience, describe};
use std::io::Write;
use std::path::Path;

/// Prints the summary.
pub fn run(
    out: &mut dyn Write,
    path: &Path,
    side: Option<&str>,
    map: Option<&Path>,
) -> Result<(), CliError> {
    let c = super::load(path)?;
    if let Some(file) = map {
        let page = crate::html::preview::page(&c).map_err(CliError::error)?;
        crate::disk::atomic::write(file, page.as_bytes())
            .map_err(|e| CliError::error(format!("error: cannot write {}: {e}", file.display())))?;
        writeln!(out, "wrote the map at the start to {}\n", file.display())?;
    }
    let who = match side {
        None => Audience::Umpire,
        Some(sd) => match c.side(sd.trim()) {
            Some(id) => Audience::Side(id),
            None => {
                let sides: Vec<&str> = c.scenario.sides.iter().map(|x| x.id.as_str()).collect();
                let hint = crate::scenario::de::closest(sd, &sides)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                return Err(CliError::rejected(format!(
                    "error: --side `{sd}`: no such side{hint}; the sides are: {}",
                    sides.join(", ")
                )));
            }
        },
    };
    out.write_all(describe(&c, who).as_bytes())?;
    Ok(())
}
