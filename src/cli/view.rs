//! `whitecell view GAME_DIR --side SIDE [--json]`: writes a side's view files (`views/SIDE.txt`,
//! `views/SIDE.json`) and prints the view.

use super::CliError;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `view`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The game folder.
    pub game_dir: PathBuf,
    /// The side whose view to show.
    #[arg(long)]
    pub side: String,
    /// Print the view as JSON (the `views/SIDE.json` file) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Prints the view.
pub fn run(out: &mut dyn Write, a: &Args) -> Result<(), CliError> {
    let mut g = super::new::open(&a.game_dir)?;
    let side = g.side(&a.side)?;
    let v = g.write_view(side)?;
    if a.json {
        let j = serde_json::to_string_pretty(&v).map_err(|e| CliError::error(e.to_string()))?;
        writeln!(out, "{j}")?;
    } else {
        write!(out, "{}", crate::game::view_report::text(&v))?;
    }
    Ok(())
}
