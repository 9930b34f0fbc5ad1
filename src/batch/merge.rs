//! The whole batch from its parts: when every shard of a batch is complete in the output folder,
//! its parts are read back (CSV or Parquet) and summarised together, so the last array task to
//! finish can print the summary of the whole sweep.

use super::manifest::Key;
use super::plan::Plan;
use super::row::{Played, Row};
use super::summary::Summary;
use super::table::{self, csv_split};
use super::write::Format;
use super::{Options, Shard, finished, paths};
use std::io;
use std::path::{Path, PathBuf};

/// The part files of every shard, if all are complete and belong to this batch.
pub fn complete_parts(plan: &Plan, opt: &Options) -> Option<Vec<PathBuf>> {
    (0..opt.shard.count)
        .map(|index| {
            let shard = Shard {
                index,
                count: opt.shard.count,
            };
            let o = Options {
                shard,
                ..opt.clone()
            };
            let (part, manifest) = paths(&o);
            let m = finished(&manifest, &part)?;
            (m.key == Key::new(plan, shard, opt.format)).then_some(part)
        })
        .collect()
}

/// Reads a part's rows as text cells, without the CSV header.
pub fn read_cells(path: &Path, format: Format) -> io::Result<Vec<Vec<String>>> {
    match format {
        Format::Parquet => Ok(super::parquet::read(path)?.1),
        Format::Csv => Ok(std::fs::read_to_string(path)?
            .lines()
            .skip(1)
            .map(csv_split)
            .collect()),
    }
}

/// The summary of the rows in `parts`.
pub fn summarise(plan: &Plan, parts: &[PathBuf], format: Format) -> io::Result<Summary> {
    let cols: Vec<String> = table::columns(plan).into_iter().map(|c| c.0).collect();
    let mut s = Summary::new(plan);
    for p in parts {
        for cells in read_cells(p, format)? {
            let row = parse_row(plan, &cols, &cells).map_err(|e| {
                io::Error::other(format!("{}: a row does not read back: {e}", p.display()))
            })?;
            s.add(&row);
        }
    }
    Ok(s)
}

fn parse_row(plan: &Plan, cols: &[String], cells: &[String]) -> Result<Row, String> {
    if cells.len() != cols.len() {
        return Err(format!("{} cells for {} columns", cells.len(), cols.len()));
    }
    let get = |name: &str| -> Result<&str, String> {
        cols.iter()
            .position(|c| c == name)
            .map(|i| cells[i].as_str())
            .ok_or_else(|| format!("no column `{name}`"))
    };
    let num = |name: &str| -> Result<i64, String> {
        let v = get(name)?;
        v.parse()
            .map_err(|_| format!("`{name}` is `{v}`, not a number"))
    };
    let run = num("run")? as u64;
    if run >= plan.total() {
        return Err(format!("run {run} is not in this batch"));
    }
    let (point, replicate) = plan.locate(run);
    let result = if get("status")? == "ok" {
        Ok(Played {
            outcome: get("outcome")?.to_string(),
            sudden_death: get("sudden_death")?.to_string(),
            winner: get("winner")?.to_string(),
            turns: num("turns")? as u32,
            tracks: plan
                .tracks
                .iter()
                .map(|t| num(&format!("track_{t}")).map(|v| v as i32))
                .collect::<Result<_, _>>()?,
            lost: plan
                .sides
                .iter()
                .map(|s| num(&format!("lost_{s}")).map(|v| v as u32))
                .collect::<Result<_, _>>()?,
            engagements: num("engagements")? as u32,
            hash: get("state_hash")?.to_string(),
        })
    } else {
        Err(get("error")?.to_string())
    };
    Ok(Row {
        run,
        replicate,
        seed: plan.seed(run),
        point,
        result,
    })
}
