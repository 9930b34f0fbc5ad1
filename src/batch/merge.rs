//! A batch's parts read back: the summary of every shard once all are complete (the last array
//! task prints the whole sweep's), and [`merge`]: one verified Parquet file of a whole batch.

use super::folder::{self, Entry};
use super::manifest::{Key, Manifest, now_utc};
use super::plan::Plan;
use super::row::{Played, Row};
use super::summary::Summary;
use super::table::{Cell, Column, NONE};
use super::write::{self, Format};
use super::{Options, Shard};
use std::io;
use std::path::{Path, PathBuf};

/// The part files of every shard, if all are complete and belong to this batch.
pub fn complete_parts(plan: &Plan, opt: &Options) -> Option<Vec<PathBuf>> {
    let ours = Key::new(plan, opt.shard, opt.format).batch();
    let entries = folder::scan(&opt.out).ok()?;
    (0..opt.shard.count)
        .map(|index| {
            entries.iter().find_map(|e| match e {
                Entry::Finished { part, manifest }
                    if manifest.key.batch() == ours && manifest.key.shard.index == index =>
                {
                    Some(part.clone())
                }
                _ => None,
            })
        })
        .collect()
}

/// Adds the rows of one part (or chunk) to `summary`, counting failures in `failed`.
pub fn summarise_part(
    plan: &Plan,
    cols: &[Column],
    path: &Path,
    format: Format,
    summary: &mut Summary,
    failed: &mut u64,
) -> io::Result<()> {
    write::read(path, format, cols, &mut |cells| {
        let row = parse_row(plan, cols, &cells).map_err(|e| {
            io::Error::other(format!("{}: a row does not read back: {e}", path.display()))
        })?;
        *failed += u64::from(row.result.is_err());
        summary.add(&row);
        Ok(())
    })
}

/// The summary of the rows in `parts`.
pub fn summarise(plan: &Plan, parts: &[PathBuf], format: Format) -> io::Result<Summary> {
    let cols = super::table::columns(plan);
    let mut s = Summary::new(plan);
    let mut failed = 0;
    for p in parts {
        summarise_part(plan, &cols, p, format, &mut s, &mut failed)?;
    }
    Ok(s)
}

fn parse_row(plan: &Plan, cols: &[Column], cells: &[Cell]) -> Result<Row, String> {
    let get = |name: &str| -> Result<&Cell, String> {
        cols.iter()
            .position(|c| c.name == name)
            .map(|i| &cells[i])
            .ok_or_else(|| format!("no column `{name}`"))
    };
    let num = |name: &str| -> Result<i64, String> {
        get(name)?
            .int()
            .ok_or_else(|| format!("`{name}` is not a number"))
    };
    let text = |name: &str| -> Result<String, String> {
        match get(name)?.text() {
            Some(NONE) => Ok(String::new()),
            Some(t) => Ok(t.to_string()),
            None => Err(format!("`{name}` is not text")),
        }
    };
    let run = num("run")? as u64;
    if run >= plan.total() {
        return Err(format!("run {run} is not in this batch"));
    }
    let (point, replicate) = plan.locate(run);
    let result = if text("status")? == "ok" {
        Ok(Played {
            outcome: text("outcome")?,
            sudden_death: text("sudden_death")?,
            winner: text("winner")?,
            turns: num("turns")? as u32,
            tracks: plan
                .tracks
                .iter()
                .map(|t| num(&format!("track_{t}")).map(|v| v as i32))
                .collect::<Result<_, _>>()?,
            points: plan
                .sides
                .iter()
                .map(|s| num(&format!("points_{s}")).map(|v| v as u32))
                .collect::<Result<_, _>>()?,
            lost: plan
                .sides
                .iter()
                .map(|s| num(&format!("lost_{s}")).map(|v| v as u32))
                .collect::<Result<_, _>>()?,
            control: plan
                .zones
                .iter()
                .map(|z| text(&format!("control_{z}")))
                .collect::<Result<_, _>>()?,
            objectives: plan
                .outline
                .objectives
                .iter()
                .map(|o| match get(&o.column)? {
                    Cell::Bool(b) => Ok(*b),
                    _ => Err(format!("`{}` is not true or false", o.column)),
                })
                .collect::<Result<_, _>>()?,
            engagements: num("engagements")? as u32,
            hash: text("state_hash")?,
        })
    } else {
        Err(text("error")?)
    };
    Ok(Row {
        run,
        replicate,
        seed: plan.seed(run),
        point,
        result,
        history: Vec::new(),
    })
}

/// What [`merge`] wrote.
#[derive(Debug, Clone)]
pub struct Merged {
    /// The merged file's manifest.
    pub manifest: Manifest,
    /// The shards joined.
    pub shards: u32,
}

/// The key-value metadata key of the shards' own manifests in a merged file (a JSON list).
pub const SHARDS_KEY: &str = "whitecell.shards";

/// The finished shards of the one batch in `dir`, in shard order, or what is wrong: another
/// batch's or no batch's file, a shard unfinished or missing, rows that do not add up.
pub fn shards_of(dir: &Path) -> Result<Vec<(PathBuf, Manifest)>, String> {
    let d = dir.display();
    let entries = folder::scan(dir).map_err(|e| format!("cannot read the folder {d}: {e}"))?;
    let mut batches: Vec<(Key, Vec<&Entry>)> = Vec::new();
    for e in &entries {
        let Some(m) = e.manifest() else {
            if let Entry::Unknown { path, why } = e {
                return Err(format!(
                    "{} is no part of a whitecell batch: {why}",
                    path.display()
                ));
            }
            continue;
        };
        let k = m.key.batch();
        match batches.iter_mut().find(|(x, _)| *x == k) {
            Some((_, v)) => v.push(e),
            None => batches.push((k, vec![e])),
        }
    }
    let (key, list) = match batches.len() {
        0 => {
            return Err(format!(
                "{d} holds no batch results: `whitecell batch SCENARIO --out {d}` writes them"
            ));
        }
        1 => batches.remove(0),
        n => {
            let names: Vec<String> = batches
                .iter()
                .enumerate()
                .filter_map(|(i, (_, es))| {
                    let m = es[0].manifest()?;
                    Some(format!("  batch {}: {}", i + 1, folder::describe(m)))
                })
                .collect();
            return Err(format!(
                "{d} holds {n} different batches; one folder holds one batch:\n{}",
                names.join("\n")
            ));
        }
    };
    let count = key.shard.count;
    let mut shards: Vec<Option<(PathBuf, Manifest)>> = vec![None; count as usize];
    for e in list {
        match e {
            Entry::Finished { part, manifest } => {
                let i = manifest.key.shard.index as usize;
                if i < shards.len() {
                    shards[i] = Some((part.clone(), manifest.clone()));
                }
            }
            Entry::Started { work, .. } => {
                return Err(format!(
                    "{} is a shard still being played (or interrupted): run its `whitecell batch` again to finish it",
                    work.display()
                ));
            }
            Entry::Orphan { path, .. } => {
                return Err(format!(
                    "{} is a manifest whose part is missing",
                    path.display()
                ));
            }
            Entry::Unknown { .. } => {}
        }
    }
    let missing: Vec<String> = (0..count)
        .filter(|i| shards[*i as usize].is_none())
        .map(|i| format!("{i}/{count}"))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "{d}: shard(s) {} of the batch are missing: play them (`--shard I/N`) first",
            missing.join(", ")
        ));
    }
    let shards: Vec<(PathBuf, Manifest)> = shards.into_iter().flatten().collect();
    let total = shards[0].1.total_runs;
    for (p, m) in &shards {
        let want = Shard::new(u64::from(m.key.shard.index), u64::from(count))
            .map(|s| s.range(total))
            .map_err(|e| format!("{}: {e}", p.display()))?;
        if !m.complete
            || m.total_runs != total
            || (m.first_run..m.end_run) != want
            || (m.table == "games" && m.rows != want.end - want.start)
        {
            return Err(format!(
                "{}: its manifest says runs {}..{} ({} rows) of {}; shard {}/{count} is runs {}..{}",
                p.display(),
                m.first_run,
                m.end_run,
                m.rows,
                m.total_runs,
                m.key.shard.index,
                want.start,
                want.end
            ));
        }
    }
    Ok(shards)
}

/// Checks every row of the parts (each run once, in order, every run there) and writes them to
/// `out` as one Parquet file in run order, with the batch's manifest and every shard's.
pub fn merge(dir: &Path, out: &Path, command: Vec<String>) -> Result<Merged, MergeError> {
    merge_checked(dir, out, command).map_err(|message| MergeError {
        io: message.starts_with(WRITE_FAILED),
        message,
    })
}

/// Why [`merge`] wrote nothing.
#[derive(Debug, Clone)]
pub struct MergeError {
    /// Writing the merged file failed (else: the folder is not one whole batch).
    pub io: bool,
    /// What is missing, foreign or failed.
    pub message: String,
}

const WRITE_FAILED: &str = "cannot write ";

fn merge_checked(dir: &Path, out: &Path, command: Vec<String>) -> Result<Merged, String> {
    if out.extension().is_none_or(|e| e != "parquet") {
        return Err(format!(
            "{}: the merged file is Parquet: name it FILE.parquet",
            out.display()
        ));
    }
    let inside = out
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .and_then(|p| p.canonicalize().ok())
        .zip(dir.canonicalize().ok())
        .is_some_and(|(a, b)| a == b);
    if inside {
        return Err(format!(
            "{}: write the merged file outside the batch's folder {} (one folder holds one batch's parts)",
            out.display(),
            dir.display()
        ));
    }
    let shards = shards_of(dir)?;
    let first = &shards[0].1;
    let cols: Vec<Column> = first.columns.clone();
    let format = first.key.format;
    let mut next = 0u64;
    let mut failed = 0u64;
    let status = cols.iter().position(|c| c.name == "status");
    let history = first.table == "history";
    let mut rows = 0u64;
    for (p, m) in &shards {
        if m.table != first.table {
            return Err(format!(
                "{}: it holds the batch's {} table, {} its {} table",
                p.display(),
                m.table,
                shards[0].0.display(),
                first.table
            ));
        }
        if let Some(diff) = super::table::difference(&m.columns, &cols) {
            return Err(format!(
                "{}: its columns are not those of {} ({diff}): the parts were written by \
                 whitecells whose rows differ (a column added since?); play the batch again with \
                 one whitecell, into a new folder",
                p.display(),
                shards[0].0.display()
            ));
        }
        let mut here = 0u64;
        write::read(p, format, &cols, &mut |cells| {
            let run = cells.first().and_then(Cell::int).unwrap_or(-1);
            // A history table has one row per turn: its runs go up, never down, in the shard.
            let fine = if history {
                run >= m.first_run as i64 && run < m.end_run as i64 && run + 1 >= next as i64
            } else {
                run == next as i64
            };
            if !fine {
                return Err(io::Error::other(format!(
                    "run {run} where run {next} was due: a run is {}",
                    if run >= 0 && (run as u64) < next {
                        "duplicated"
                    } else {
                        "missing"
                    }
                )));
            }
            next = run as u64 + 1;
            here += 1;
            failed += u64::from(status.is_some_and(|i| cells[i].text() == Some("failed")));
            Ok(())
        })
        .map_err(|e| format!("{}: {e}", p.display()))?;
        if here != m.rows {
            return Err(format!(
                "{}: it holds {here} rows, its manifest says {}",
                p.display(),
                m.rows
            ));
        }
        rows += here;
    }
    if !history && next != first.total_runs {
        return Err(format!(
            "the parts hold {next} rows for {} runs",
            first.total_runs
        ));
    }
    let mut manifest = first.clone();
    manifest.key.shard = Shard::default();
    manifest.key.format = Format::Parquet;
    manifest.first_run = 0;
    manifest.end_run = first.total_runs;
    manifest.rows = rows;
    manifest.failed = failed;
    manifest.part = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    manifest.started = shards
        .iter()
        .map(|s| s.1.started.clone())
        .min()
        .unwrap_or_default();
    manifest.finished = now_utc();
    manifest.command = command;
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    let each: Vec<&Manifest> = shards.iter().map(|s| &s.1).collect();
    let all = serde_json::to_string(&each).map_err(|e| e.to_string())?;
    crate::disk::atomic::write_with(out, |w| match format {
        Format::Parquet => {
            let inputs: Vec<&Path> = shards.iter().map(|s| s.0.as_path()).collect();
            super::parquet::concat_with(
                &inputs,
                w,
                &[(super::parquet::MANIFEST_KEY, &text), (SHARDS_KEY, &all)],
            )
        }
        Format::Csv => {
            let mut sink = super::parquet::ParquetRows::new(&mut *w, &cols)?;
            for (p, _) in &shards {
                write::read(p, format, &cols, &mut |cells| {
                    super::write::RowSink::row(&mut sink, cells)
                })?;
            }
            sink.finish_with(&[(super::parquet::MANIFEST_KEY, &text), (SHARDS_KEY, &all)])
        }
    })
    .map_err(|e| format!("{WRITE_FAILED}{}: {e}", out.display()))?;
    Ok(Merged {
        manifest,
        shards: shards.len() as u32,
    })
}
