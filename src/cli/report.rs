//! `whitecell report GAME_DIR --out aar.html [--side SIDE] [--fork FILE]...` and
//! `whitecell report --batch RESULTS_DIR --out batch.html`: the hotwash's after-action reports as
//! one self-contained HTML file each. A game's report reads only the game's log (re-adjudicated
//! from the save); a batch's streams the parts of one batch. Both write the file atomically,
//! print one line with its path, and open nothing.

use super::CliError;
use crate::html;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `report`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The game folder.
    #[arg(required_unless_present = "batch", conflicts_with = "batch")]
    pub game_dir: Option<PathBuf>,
    /// Report on a batch's results folder instead (its parts and manifests).
    #[arg(long, value_name = "RESULTS_DIR")]
    pub batch: Option<PathBuf>,
    /// The HTML file to write.
    #[arg(long, value_name = "FILE.html")]
    pub out: PathBuf,
    /// Only what this side was allowed to know (by the rule of its views).
    #[arg(long, conflicts_with = "batch")]
    pub side: Option<String>,
    /// Fork results to show (`whitecell fork ... --out FILE.json`; repeatable).
    #[arg(long = "fork", value_name = "FILE.json", conflicts_with = "batch")]
    pub forks: Vec<PathBuf>,
}

/// Writes the report and prints its path.
pub fn run(out: &mut dyn Write, a: &Args) -> Result<(), CliError> {
    let (page, what) = match (&a.batch, &a.game_dir) {
        (Some(dir), _) => batch(dir)?,
        (None, Some(dir)) => game(dir, a)?,
        (None, None) => {
            return Err(CliError::rejected(
                "error: give a game folder, or --batch RESULTS_DIR",
            ));
        }
    };
    crate::disk::atomic::write(&a.out, page.as_bytes())
        .map_err(|e| CliError::error(format!("error: cannot write {}: {e}", a.out.display())))?;
    writeln!(out, "wrote {what} to {}", a.out.display())?;
    Ok(())
}

fn game(dir: &std::path::Path, a: &Args) -> Result<(String, String), CliError> {
    let mut forks = Vec::new();
    for p in &a.forks {
        forks.push((p.clone(), html::fork::read(p).map_err(CliError::rejected)?));
    }
    // Reading needs no lock.
    let mut g = super::new::open_read(dir)?;
    let side = match &a.side {
        Some(s) => Some(g.side(s)?),
        None => None,
    };
    let h = html::game_model(&mut g, side, &forks)?;
    let whose = match &a.side {
        Some(s) => format!("{s}'s after-action report"),
        None => "the white cell's after-action report".into(),
    };
    Ok((html::game_page(&h), whose))
}

fn batch(dir: &std::path::Path) -> Result<(String, String), CliError> {
    let b = html::batch_read::open(dir)?;
    let stats = html::batch_stats::tally(&b).map_err(CliError::rejected)?;
    let look = html::batch_page::look(&b, &stats);
    Ok((
        html::batch_page::page(&b, &stats, &look),
        format!("the report of {} game(s)", stats.rows),
    ))
}
