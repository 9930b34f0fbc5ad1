//! `whitecell view GAME_DIR --side SIDE [--json]`: writes a side's view files (`views/SIDE.txt`,
//! `views/SIDE.json`) and prints the view. `whitecell view GAME_DIR --umpire`: the white cell's own
//! picture, the ground truth (every unit, every track, the orders handed in), written nowhere.

use super::CliError;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `view`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The game folder.
    pub game_dir: PathBuf,
    /// The side whose view to show (and write to views/SIDE.json and .txt).
    #[arg(long, required_unless_present = "umpire", conflicts_with = "umpire")]
    pub side: Option<String>,
    /// Show the white cell's view instead: every unit, every track, the orders handed in.
    #[arg(long, conflicts_with = "json")]
    pub umpire: bool,
    /// Print the view as JSON (the `views/SIDE.json` file) instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Prints the view.
pub fn run(out: &mut dyn Write, a: &Args) -> Result<(), CliError> {
    let Some(side) = a.side.as_deref().filter(|_| !a.umpire) else {
        // Reading needs no lock: the umpire may look while a team's prompt is open.
        let mut g = super::new::open_read(&a.game_dir)?;
        write!(out, "{}", crate::game::views::umpire_view::text(&mut g))?;
        return Ok(());
    };
    let mut g = super::new::open(&a.game_dir)?;
    let side = g.side(side)?;
    let v = g.write_view(side)?;
    if a.json {
        let j = serde_json::to_string_pretty(&v).map_err(|e| CliError::error(e.to_string()))?;
        writeln!(out, "{j}")?;
    } else {
        write!(out, "{}", crate::game::views::view_report::text(&v))?;
    }
    Ok(())
}
