//! `whitecell validate FILE...`

use super::CliError;
use std::io::Write;
use std::path::PathBuf;

/// Checks each file; prints every problem; exit 1 if any file is invalid.
pub fn run(out: &mut dyn Write, files: &[PathBuf]) -> Result<(), CliError> {
    let mut bad = 0;
    let mut report = String::new();
    for f in files {
        match crate::scenario::load_file(f) {
            Ok(l) => writeln!(
                out,
                "ok: {} ({}, {} units, {} zones, {} turns)",
                f.display(),
                l.scenario.meta.title,
                l.scenario.units.len(),
                l.scenario.zones.len(),
                l.scenario.turns.count
            )?,
            Err(r) => {
                bad += 1;
                report.push_str(&format!("{r}\n"));
            }
        }
    }
    if bad > 0 {
        let n = files.len();
        return Err(CliError::rejected(format!(
            "{}{bad} of {n} file(s) invalid",
            report
        )));
    }
    Ok(())
}
