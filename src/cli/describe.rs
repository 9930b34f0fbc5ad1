//! `whitecell describe SCENARIO [--side SIDE]`: a readable summary of a scenario, for the white cell
//! or (with `--side`) only what one side knows at the start. The text is built by
//! [`crate::report::describe`]; this prints it.

use super::CliError;
use crate::report::describe::{Audience, describe};
use std::io::Write;
use std::path::Path;

/// Prints the summary.
pub fn run(out: &mut dyn Write, path: &Path, side: Option<&str>) -> Result<(), CliError> {
    let c = super::load(path)?;
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
