//! The hotwash: after-action reports as self-contained HTML pages (inline SVG, CSS and a little
//! plain JavaScript; nothing fetched, no external fonts) for the debrief after a game and for a
//! researcher's batch.
//!
//! A game's report reads only the game's event log, re-adjudicated from its save (so it is what
//! `replay` checks), and the compiled scenario: [`replay`] cuts the log into turns and rebuilds
//! the state after each; [`umpire`] (with [`timeline`]) extracts the white cell's [`model`] of it,
//! and [`side`] one side's, by the rule of its views; [`map`], [`charts`] and [`page`] draw it;
//! [`fork`] keeps a fork's results and shows them; [`preview`] draws a scenario's map at the
//! start, without a game. A batch's report finds the parts of one batch ([`batch_read`]), streams
//! them ([`batch_rows`]), tallies them ([`batch_stats`]) and draws them ([`batch_page`],
//! [`batch_why`]: why games ended as they did, [`batch_record`]).

pub mod bars;
pub mod batch_page;
pub mod batch_read;
pub mod batch_record;
pub mod batch_rows;
pub mod batch_stats;
pub mod batch_why;
pub mod charts;
pub mod counter;
pub mod fork;
pub mod map;
pub mod markup;
pub mod model;
pub mod page;
pub mod preview;
pub mod replay;
pub mod scene;
pub mod sections;
pub mod side;
pub mod timeline;
pub mod umpire;

use crate::game::{Game, GameError};
use crate::model::SideId;
use std::path::PathBuf;

/// The report of the game `g` (opened from its folder): the white cell's, or `side`'s; with the
/// forks read from `forks` (path and contents).
pub fn game_model(
    g: &mut Game,
    side: Option<SideId>,
    forks: &[(PathBuf, fork::ForkFile)],
) -> Result<model::Hotwash, GameError> {
    let log = g.engine.log();
    let hash = g.engine.state_hash();
    let slices = replay::slices(&g.c, &log, &hash)
        .map_err(|m| GameError::error(format!("error: whitecell bug: {m}")))?;
    let last = g.engine.state();
    let mut h = match side {
        None => umpire::report(&g.c, &g.save.game, &log, &slices, &last),
        Some(s) => side::report(&g.c, &g.save.game, &log, &slices, s),
    };
    if !forks.is_empty() {
        let (c, rec) = crate::game::umpire::recorded::recorded(&g.save)?;
        let actual = crate::batch::fork::actual(&c, &rec)
            .map_err(|m| GameError::error(format!("error: {m}")))?;
        for (path, f) in forks {
            let v =
                fork::view(path, f, &h, &c, &rec, actual.as_ref()).map_err(GameError::rejected)?;
            h.forks.push(v);
        }
    }
    Ok(h)
}

/// The page of [`game_model`]'s report.
pub fn game_page(h: &model::Hotwash) -> String {
    page::game(h)
}
