//! The history table (`batch --history DIR`): one row per game and turn, written beside the games
//! table in a folder of its own (a folder holds one table of one batch, so folder readers see one
//! schema). Its columns, in order: `run`, `turn`, one `track_<id>` per track, one `points_<side>`
//! and one `strength_<side>` per side, `engagements`; all at the end of that turn. A failed game has
//! no history rows.

use super::plan::Plan;
use super::row::Row;
use super::table::{Cell, ColType, Column};

fn col(name: String, ty: ColType, meaning: String) -> Column {
    Column {
        name,
        ty,
        nullable: false,
        meaning,
    }
}

/// The columns of a plan's history table.
pub fn columns(plan: &Plan) -> Vec<Column> {
    let mut c = vec![
        col(
            "run".into(),
            ColType::I64,
            "run index in the batch: the row of the games table".into(),
        ),
        col(
            "turn".into(),
            ColType::I32,
            "the turn just played (1 = the first)".into(),
        ),
    ];
    for t in &plan.tracks {
        c.push(col(
            format!("track_{t}"),
            ColType::I32,
            format!("value of the track `{t}` at the end of the turn"),
        ));
    }
    for s in &plan.sides {
        c.push(col(
            format!("points_{s}"),
            ColType::I32,
            format!("victory points of `{s}` at the end of the turn"),
        ));
    }
    for s in &plan.sides {
        c.push(col(
            format!("strength_{s}"),
            ColType::I32,
            format!("steps of `{s}`'s units on the map at the end of the turn"),
        ));
    }
    c.push(col(
        "engagements".into(),
        ColType::I32,
        "engagements fought in the turn".into(),
    ));
    c
}

/// A game's history rows, in turn order.
pub fn cells(row: &Row) -> Vec<Vec<Cell>> {
    let int = |n: u32| Cell::I32(i32::try_from(n).unwrap_or(i32::MAX));
    row.history
        .iter()
        .map(|t| {
            let mut v = vec![Cell::I64(row.run as i64), int(t.turn)];
            v.extend(t.tracks.iter().map(|&x| Cell::I32(x)));
            v.extend(t.points.iter().map(|&x| int(x)));
            v.extend(t.strength.iter().map(|&x| int(x)));
            v.push(int(t.engagements));
            v
        })
        .collect()
}
