//! `whitecell describe SCENARIO [--side SIDE]`: a readable summary of a scenario.

use super::CliError;
use std::io::Write;
use std::path::Path;

/// Prints the summary.
pub fn run(out: &mut dyn Write, path: &Path, side: Option<&str>) -> Result<(), CliError> {
    let c = super::load(path)?;
    let s = &c.scenario;
    if let Some(sd) = side
        && c.side(sd).is_none()
    {
        let sides: Vec<&str> = s.sides.iter().map(|x| x.id.as_str()).collect();
        return Err(CliError::rejected(format!(
            "error: no side `{sd}`; the sides are: {}",
            sides.join(", ")
        )));
    }
    writeln!(
        out,
        "{}\n{}",
        s.meta.title,
        "=".repeat(s.meta.title.chars().count())
    )?;
    writeln!(out, "{}\n", s.meta.summary)?;
    writeln!(
        out,
        "{} turns ({} ... {})",
        c.turns,
        c.turn_label(1),
        c.turn_label(c.turns)
    )?;
    writeln!(out, "\nSides")?;
    for x in &s.sides {
        writeln!(out, "  {} — {}", x.id, x.name)?;
    }
    Ok(())
}
