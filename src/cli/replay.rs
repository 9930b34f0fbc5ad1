//! `whitecell replay GAME_DIR`: re-adjudicates the whole game from the scenario, the seed and the
//! journal, and checks every recorded state hash; reports the first step that differs.

use super::CliError;
use crate::game::Game;
use crate::game::store::save::Save;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `replay`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The game folder.
    pub game_dir: PathBuf,
}

/// Replays and reports.
pub fn run(out: &mut dyn Write, a: &Args) -> Result<(), CliError> {
    let save = Save::read(&a.game_dir).map_err(crate::game::GameError::from)?;
    let g = Game::from_save(&a.game_dir, save)?;
    g.audit()?;
    let mut first_bad = None;
    for c in &g.checks {
        let ok = c.recorded == c.replayed;
        writeln!(
            out,
            "  {:<40} {} {}",
            c.what,
            if ok { "ok  " } else { "DIFF" },
            c.replayed
        )?;
        if !ok && first_bad.is_none() {
            first_bad = Some(c.clone());
        }
    }
    let discarded = g
        .save
        .journal
        .iter()
        .filter(|r| r.discarded.is_some())
        .count();
    writeln!(
        out,
        "{} step(s) replayed ({} discarded by rollback, skipped)",
        g.checks.len(),
        discarded
    )?;
    match first_bad {
        None => {
            writeln!(out, "every hash matches: the game reproduces exactly")?;
            // The save is sound: any view or log a stopped command left stale is rewritten from
            // it, and said so, as every other command does.
            drop(g);
            super::new::open_read(&a.game_dir)?;
            Ok(())
        }
        Some(c) => {
            let save = a.game_dir.join(crate::game::store::save::SAVE_FILE);
            Err(CliError::rejected(format!(
                "error: {}: the replay differs first at {}: the save recorded {} but the replay reached {}; {}",
                save.display(),
                c.what,
                c.recorded,
                c.replayed,
                crate::game::store::save::restore_hint(&save)
            )))
        }
    }
}
