//! Streaming a part's rows for the batch report, through the batch's own typed reader
//! ([`crate::batch::write::read`]), so a batch of millions of rows is never held in memory. Each
//! row is handed over in a [`Row`] reused from one to the next.

use super::batch_read::Part;
use crate::batch::table::{Cell, NONE};

/// Where the columns the report reads are in a part's rows.
#[derive(Debug, Clone)]
pub struct Columns {
    run: usize,
    seed: usize,
    status: usize,
    outcome: usize,
    sudden_death: usize,
    winner: usize,
    turns: usize,
    /// The track columns: (track id, position).
    pub tracks: Vec<(String, usize)>,
    /// The steps-lost columns: (side id, position).
    pub lost: Vec<(String, usize)>,
    /// The points columns, in [`Columns::lost`] side order (empty in a batch without them).
    pub points: Vec<usize>,
    /// The control columns: (zone id, position).
    pub control: Vec<(String, usize)>,
    /// The position of each objective column named in `objectives`, if the part has it.
    pub objectives: Vec<Option<usize>>,
}

impl Columns {
    /// The positions of the needed columns in `names`, or which is missing; `objectives` are
    /// the objective columns the manifest names.
    pub fn find(names: &[String], objectives: &[String]) -> Result<Columns, String> {
        let at = |n: &str| {
            names
                .iter()
                .position(|c| c == n)
                .ok_or_else(|| format!("it has no `{n}` column"))
        };
        let with = |prefix: &str| -> Vec<(String, usize)> {
            names
                .iter()
                .enumerate()
                .filter_map(|(i, c)| c.strip_prefix(prefix).map(|id| (id.to_string(), i)))
                .collect()
        };
        let lost = with("lost_");
        let points: Vec<usize> = lost
            .iter()
            .filter_map(|(side, _)| names.iter().position(|c| *c == format!("points_{side}")))
            .collect();
        Ok(Columns {
            points: if points.len() == lost.len() {
                points
            } else {
                Vec::new()
            },
            control: with("control_"),
            objectives: objectives
                .iter()
                .map(|o| names.iter().position(|c| c == o))
                .collect(),
            run: at("run")?,
            seed: at("seed")?,
            status: at("status")?,
            outcome: at("outcome")?,
            sudden_death: at("sudden_death")?,
            winner: at("winner")?,
            turns: at("turns")?,
            tracks: with("track_"),
            lost,
        })
    }
}

/// One row, as the report reads it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// Run index.
    pub run: u64,
    /// The game seed.
    pub seed: u64,
    /// `status` is `ok`.
    pub ok: bool,
    /// `points`, `sudden_death` or `unfinished`.
    pub outcome: String,
    /// The sudden death's id.
    pub sudden_death: String,
    /// The winner's id, or empty.
    pub winner: String,
    /// Turns played.
    pub turns: i32,
    /// Final track values, in [`Columns::tracks`] order.
    pub tracks: Vec<i32>,
    /// Steps lost, in [`Columns::lost`] order.
    pub lost: Vec<i32>,
    /// Points, in [`Columns::lost`] side order.
    pub points: Vec<i64>,
    /// Each zone's controller at the end, as an index in [`Columns::lost`] side order.
    pub control: Vec<Option<usize>>,
    /// Each objective held at the end, in [`Columns::objectives`] order (false when absent).
    pub met: Vec<bool>,
}

/// Streams the rows of `part` (with columns `cols`) to `each`; returns how many there were.
pub fn rows(part: &Part, cols: &Columns, each: &mut dyn FnMut(&Row)) -> Result<u64, String> {
    let columns = &part.manifest.columns;
    let mut row = Row::default();
    let mut n = 0u64;
    let int = |c: &Cell| c.int().unwrap_or(0);
    let text = |c: &Cell, into: &mut String| {
        into.clear();
        match c.text() {
            Some(NONE) | None => {}
            Some(t) => into.push_str(t),
        }
    };
    crate::batch::write::read(
        &part.path,
        part.manifest.key.format,
        columns,
        &mut |cells| {
            row.run = int(&cells[cols.run]) as u64;
            row.seed = int(&cells[cols.seed]) as u64;
            row.ok = cells[cols.status].text() == Some("ok");
            text(&cells[cols.outcome], &mut row.outcome);
            text(&cells[cols.sudden_death], &mut row.sudden_death);
            text(&cells[cols.winner], &mut row.winner);
            row.turns = int(&cells[cols.turns]) as i32;
            row.tracks.clear();
            row.tracks
                .extend(cols.tracks.iter().map(|(_, at)| int(&cells[*at]) as i32));
            row.lost.clear();
            row.lost
                .extend(cols.lost.iter().map(|(_, at)| int(&cells[*at]) as i32));
            row.points.clear();
            row.points
                .extend(cols.points.iter().map(|at| int(&cells[*at])));
            row.control.clear();
            row.control.extend(cols.control.iter().map(|(_, at)| {
                let who = cells[*at].text()?;
                cols.lost.iter().position(|(side, _)| side == who)
            }));
            row.met.clear();
            row.met.extend(
                cols.objectives
                    .iter()
                    .map(|at| at.is_some_and(|i| cells[i] == Cell::Bool(true))),
            );
            each(&row);
            n += 1;
            Ok(())
        },
    )
    .map_err(|e| format!("error: {}: {e}", part.path.display()))?;
    Ok(n)
}
