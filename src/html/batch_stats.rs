//! A batch's tallies per sweep point, counted row by row as the parts stream past: games and
//! failures, wins per side, why games ended as they did ([`crate::batch::why`]: every ending the
//! manifest names, margins, objectives, final control), the distribution of turns played and of
//! each final track, and the steps each side lost. Point `p` holds runs `p × runs_per_point ..`; its label is its swept values, the first
//! sweep varying slowest, as the batch plays them.

use super::batch_read::Batch;
use super::batch_rows::{Columns, Row, rows};
use crate::batch::Sweep;
use crate::batch::outline::Outline;
use crate::batch::why::{Game, Why};
use std::collections::BTreeMap;

/// The tallies of one sweep point.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Point {
    /// Its swept values, `path=value`, joined.
    pub label: String,
    /// Its swept values alone, joined (the chart's group label).
    pub short: String,
    /// Games (including failed ones).
    pub games: u64,
    /// Failed games.
    pub failed: u64,
    /// Wins per side, in [`Stats::sides`] order.
    pub wins: Vec<u64>,
    /// How the finished games ended, and why.
    pub why: Why,
    /// Turns played -> games.
    pub turns: BTreeMap<i64, u64>,
    /// Per track, final value -> games.
    pub tracks: Vec<BTreeMap<i64, u64>>,
    /// Per side, steps lost -> games.
    pub lost: Vec<BTreeMap<i64, u64>>,
}

impl Point {
    /// Games that finished (not failed).
    pub fn ok(&self) -> u64 {
        self.games - self.failed
    }
}

/// A whole batch's tallies.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// Side ids, in column order.
    pub sides: Vec<String>,
    /// Track ids, in column order.
    pub tracks: Vec<String>,
    /// Zone ids, in column order.
    pub zones: Vec<String>,
    /// The objectives and sudden deaths the manifest names (none in a batch from before).
    pub outline: Outline,
    /// The manifest names them: false for a batch written before it did.
    pub outlined: bool,
    /// One per sweep point.
    pub points: Vec<Point>,
    /// Rows read.
    pub rows: u64,
    /// The lowest run read and its seed (to show how to play a row again).
    pub first: Option<(u64, u64)>,
}

/// The swept values of point `p` of `sweeps` (the first sweep varying slowest), by sweep.
pub fn values(sweeps: &[Sweep], p: u64) -> Vec<(&str, &str)> {
    let mut rest = p;
    let mut out = Vec::with_capacity(sweeps.len());
    for s in sweeps.iter().rev() {
        let n = s.values.len().max(1) as u64;
        out.push((s.path.as_str(), s.values[(rest % n) as usize].as_str()));
        rest /= n;
    }
    out.reverse();
    out
}

/// The label of point `p` of `sweeps`: `path=value, ...`, or `all games` with no sweep.
pub fn label(sweeps: &[Sweep], p: u64) -> String {
    let v: Vec<String> = values(sweeps, p)
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    if v.is_empty() {
        "all games".into()
    } else {
        v.join(", ")
    }
}

impl Stats {
    fn add(&mut self, runs: u64, r: &Row) {
        let p = (r.run / runs.max(1)) as usize;
        if p >= self.points.len() {
            return;
        }
        self.rows += 1;
        if self.first.is_none_or(|(run, _)| r.run < run) {
            self.first = Some((r.run, r.seed));
        }
        let t = &mut self.points[p];
        t.games += 1;
        if !r.ok {
            t.failed += 1;
            return;
        }
        let winner = self.sides.iter().position(|s| *s == r.winner);
        if let Some(i) = winner {
            t.wins[i] += 1;
        }
        t.why.add(&Game {
            outcome: &r.outcome,
            sudden_death: &r.sudden_death,
            winner,
            points: &r.points,
            control: &r.control,
            met: &r.met,
        });
        *t.turns.entry(i64::from(r.turns)).or_default() += 1;
        for (m, v) in t.tracks.iter_mut().zip(&r.tracks) {
            *m.entry(i64::from(*v)).or_default() += 1;
        }
        for (m, v) in t.lost.iter_mut().zip(&r.lost) {
            *m.entry(i64::from(*v)).or_default() += 1;
        }
    }
}

/// Reads every part of `b` and tallies it.
pub fn tally(b: &Batch) -> Result<Stats, String> {
    let first = &b.parts[0].manifest;
    let names: Vec<String> = first.columns.iter().map(|c| c.name.clone()).collect();
    let outline = Outline {
        objectives: first.objectives.clone().unwrap_or_default(),
        sudden_deaths: first.sudden_deaths.clone().unwrap_or_default(),
    };
    let objective_columns: Vec<String> = outline
        .objectives
        .iter()
        .map(|o| o.column.clone())
        .collect();
    let cols = Columns::find(&names, &objective_columns)
        .map_err(|m| format!("error: {}: {m}", b.parts[0].manifest_path.display()))?;
    let sides: Vec<String> = cols.lost.iter().map(|c| c.0.clone()).collect();
    let tracks: Vec<String> = cols.tracks.iter().map(|c| c.0.clone()).collect();
    let zones: Vec<String> = cols.control.iter().map(|c| c.0.clone()).collect();
    let blank = Point {
        wins: vec![0; sides.len()],
        why: Why::new(&outline, sides.len(), zones.len()),
        tracks: vec![BTreeMap::new(); tracks.len()],
        lost: vec![BTreeMap::new(); sides.len()],
        ..Point::default()
    };
    let mut s = Stats {
        points: (0..first.points)
            .map(|p| Point {
                label: label(&b.key.sweeps, p),
                short: {
                    let v: Vec<&str> = values(&b.key.sweeps, p).iter().map(|x| x.1).collect();
                    if v.is_empty() {
                        "all games".into()
                    } else {
                        v.join(", ")
                    }
                },
                ..blank.clone()
            })
            .collect(),
        sides,
        tracks,
        zones,
        outlined: first.sudden_deaths.is_some(),
        outline,
        rows: 0,
        first: None,
    };
    let runs = b.key.runs_per_point;
    for part in &b.parts {
        if let Some(diff) = crate::batch::table::difference(&part.manifest.columns, &first.columns)
        {
            return Err(format!(
                "error: {}: its columns differ from {}'s ({diff}): the parts were written by \
                 whitecells whose rows differ (a column added since?); a report is of one batch: \
                 play it again with one whitecell, into a new folder",
                part.manifest_path.display(),
                b.parts[0].manifest_path.display()
            ));
        }
        let n = rows(part, &cols, &mut |r| s.add(runs, r))?;
        if n != part.manifest.rows {
            return Err(format!(
                "error: {} holds {n} row(s) but its manifest says {}: the part was changed after it was written",
                part.path.display(),
                part.manifest.rows
            ));
        }
    }
    Ok(s)
}

pub use crate::batch::why::mean_sd;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_sweep_varies_slowest() {
        let sweeps = vec![
            Sweep {
                path: "a".into(),
                values: vec!["0".into(), "1".into()],
            },
            Sweep {
                path: "b".into(),
                values: vec!["x".into(), "y".into(), "z".into()],
            },
        ];
        let got: Vec<String> = (0..6).map(|p| label(&sweeps, p)).collect();
        assert_eq!(
            got,
            [
                "a=0, b=x", "a=0, b=y", "a=0, b=z", "a=1, b=x", "a=1, b=y", "a=1, b=z"
            ]
        );
        assert_eq!(label(&[], 0), "all games");
    }

    #[test]
    fn mean_and_sd_of_a_distribution() {
        let d: BTreeMap<i64, u64> = [(2, 1), (4, 1)].into_iter().collect();
        assert_eq!(mean_sd(&d), (3.0, 1.0));
    }
}
