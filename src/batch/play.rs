//! Playing one shard into its folder, resumably.
//!
//! Before anything is played, the folder is checked to hold nothing of another batch
//! ([`super::folder::scan`]). The shard then claims its work folder (`.part-…work/`, with a
//! manifest that is not yet complete) and plays its runs in chunks of [`Options::chunk_rows`]
//! rows (a Parquet row group each), each chunk written to its own file atomically. A shard
//! stopped at any moment (Ctrl-C, `kill -9`, a node lost) and run again removes its leftover
//! temporary files, keeps its finished chunks and plays on from the first run after them. When
//! every chunk is there, they are joined into the part (Parquet row groups are copied, not decoded)
//! with the complete manifest, renamed into place, and the work folder goes.

use super::claim::{self, Attempt};
use super::folder::{self, Entry};
use super::manifest::{Key, Manifest, git_describe, now_utc};
use super::summary::Summary;
use super::{BatchError, Done, Options, Plan, exec, history, table, write};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

fn io_err(what: &str, p: &Path, e: io::Error) -> BatchError {
    let full = if e.kind() == io::ErrorKind::StorageFull {
        "\nthe disk is full: the finished chunks of this shard are kept; free some space (or give \
         another --out) and run the same command again: it goes on from where it stopped"
    } else {
        ""
    };
    BatchError::Io(format!("error: cannot {what} {}: {e}{full}", p.display()))
}

/// Refuses a folder holding any file that is not of this batch's `table` with these `cols`.
fn check_folder(
    out: &Path,
    key: &Key,
    table: &str,
    cols: &[table::Column],
) -> Result<Vec<Entry>, BatchError> {
    let entries = folder::scan(out).map_err(|e| io_err("read the folder", out, e))?;
    let ours = key.batch();
    for e in &entries {
        let why = match e.manifest() {
            None => match e {
                Entry::Unknown { why, .. } => why.clone(),
                _ => String::new(),
            },
            Some(m) if m.key.batch() != ours => {
                format!("a file of another batch: {}", folder::describe(m))
            }
            Some(m) if m.table != table => {
                format!(
                    "a file of the batch's {} table, not of its {table} table",
                    m.table
                )
            }
            Some(m) => match table::difference(&m.columns, cols) {
                // Same batch, other columns: written by a whitecell whose rows differ (an older
                // one, before a column was added). Its rows and these cannot share a table.
                Some(diff) => format!(
                    "a part of this batch written by a whitecell whose rows have other columns \
                     ({diff}): finish the batch with the whitecell that started it"
                ),
                None => continue,
            },
        };
        return Err(BatchError::Conflict(format!(
            "error: {} holds {}, {why}; one folder holds one batch: choose another --out for this one",
            out.display(),
            e.path().display()
        )));
    }
    Ok(entries)
}

/// A chunk file: `chunk-<first run>-<end run>.<ext>`.
fn chunk_name(range: &std::ops::Range<u64>, ext: &str) -> String {
    format!("chunk-{:012}-{:012}.{ext}", range.start, range.end)
}

/// The finished chunks in `work`, in run order, after removing leftover temporary files; each
/// with its run range.
fn chunks(work: &Path, ext: &str) -> io::Result<Vec<(std::ops::Range<u64>, PathBuf)>> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(work)? {
        let e = e?;
        let name = e.file_name().to_string_lossy().into_owned();
        if name.contains(".tmp-") {
            std::fs::remove_file(e.path())?;
            continue;
        }
        let Some(r) = name
            .strip_prefix("chunk-")
            .and_then(|n| n.strip_suffix(&format!(".{ext}")))
            .and_then(|n| n.split_once('-'))
            .and_then(|(a, b)| Some(a.parse::<u64>().ok()?..b.parse::<u64>().ok()?))
        else {
            continue;
        };
        out.push((r, e.path()));
    }
    out.sort_by_key(|c| c.0.start);
    Ok(out)
}

/// Plays one shard of `plan`, calling `progress(done, of)` after each row is written.
pub fn run_shard(
    plan: &Plan,
    opt: &Options,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Done, BatchError> {
    // A second look finds the part another process finished while this one claimed the shard.
    for _ in 0..3 {
        if let Some(done) = claim_and_play(plan, opt, progress)? {
            return Ok(done);
        }
    }
    Err(BatchError::Conflict(format!(
        "error: shard {}/{} was finished or its work folder {} removed by another process each \
         time this one claimed it, three times: stop the other processes playing into {}, then \
         run this command again",
        opt.shard.index,
        opt.shard.count,
        folder::work(&opt.out, opt.shard).display(),
        opt.out.display()
    )))
}

/// Plays the shard, or `None` if its work folder went while it was being claimed.
fn claim_and_play(
    plan: &Plan,
    opt: &Options,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Option<Done>, BatchError> {
    let out = &opt.out;
    let key = Key::new(plan, opt.shard, opt.format);
    let cols = table::columns(plan);
    let hcols = history::columns(plan);
    let entries = check_folder(out, &key, "games", &cols)?;
    let hdir = match (&opt.history, plan.history) {
        (Some(h), true) => {
            if h == out {
                return Err(BatchError::Conflict(
                    "error: --history needs a folder of its own, not the --out folder (a folder holds one table)".into(),
                ));
            }
            check_folder(h, &key, "history", &hcols)?;
            Some(h.clone())
        }
        (None, false) => None,
        _ => {
            return Err(BatchError::Io(
                "error: internal: plan.history and Options::history disagree".into(),
            ));
        }
    };
    let part = folder::part(out, opt.shard, opt.format);
    for e in &entries {
        if let Entry::Finished { manifest, .. } = e
            && manifest.key == key
            && manifest.complete
        {
            // Stopped between putting the part in place and removing its work folder.
            let _ = std::fs::remove_dir_all(folder::work(out, opt.shard));
            return Ok(Some(Done::AlreadyDone(manifest.clone())));
        }
    }
    std::fs::create_dir_all(out).map_err(|e| io_err("create the folder", out, e))?;
    let work = folder::work(out, opt.shard);
    std::fs::create_dir_all(&work).map_err(|e| io_err("create", &work, e))?;
    // Held until the work folder is gone, so from here on no other process plays this shard.
    let lock = work.join(claim::LOCK_FILE);
    let mut unguarded = None;
    let _claim = match claim::try_claim(&work).map_err(|e| io_err("lock", &lock, e))? {
        Attempt::Held(c) => Some(c),
        Attempt::Gone => return Ok(None),
        Attempt::NoLocks(e) => {
            unguarded = Some(format!(
                "note: {} cannot be locked ({e}): this filesystem has no file locks, so nothing \
                 stops a second process from playing shard {}/{} into {} at the same time; give \
                 each process its own shard",
                lock.display(),
                opt.shard.index,
                opt.shard.count,
                out.display()
            ));
            None
        }
        Attempt::Busy(who) => {
            return Err(BatchError::Conflict(format!(
                "error: shard {}/{} of this batch is being played into {} by another process \
                 ({who}); two processes on one shard would write the same files: wait for it to \
                 finish (this command then finds the shard done), or give this one another \
                 --shard or --out",
                opt.shard.index,
                opt.shard.count,
                out.display()
            )));
        }
    };
    // Finished by another process between the look above and the claim (which then made the work
    // folder anew): the next look finds it done. A CSV part is finished once its manifest is
    // written (a part alone is one renamed into place by a shard stopped before its manifest,
    // which this one completes).
    let finished = match opt.format {
        write::Format::Parquet => part.exists(),
        write::Format::Csv => folder::csv_manifest(out, opt.shard).exists(),
    };
    if finished {
        return Ok(None);
    }
    remove_own_temporaries(out, opt)?;
    let range = opt.shard.range(plan.total());
    let wpath = work.join("manifest.json");
    let mut manifest = match std::fs::read_to_string(&wpath) {
        Ok(t) => serde_json::from_str(&t).map_err(|e| {
            BatchError::Conflict(format!(
                "error: {}: not a whitecell manifest ({e}); remove {} to play this shard again",
                wpath.display(),
                work.display()
            ))
        })?,
        Err(_) => Manifest {
            key: key.clone(),
            scenario: plan.scenario.clone(),
            point_hashes: plan
                .points
                .iter()
                .map(|p| p.compiled.hash.clone())
                .collect(),
            points: plan.points.len() as u64,
            total_runs: plan.total(),
            first_run: range.start,
            end_run: range.end,
            part: part
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            columns: cols.clone(),
            rows: 0,
            failed: 0,
            complete: false,
            command: opt.command.clone(),
            started: now_utc(),
            finished: String::new(),
            git: git_describe(),
            table: "games".into(),
            objectives: None,
            sudden_deaths: None,
        },
    };
    // Refreshed from the plan, also in the manifest of a shard resumed: the columns are the same
    // (see `check_folder`), and the scenario's hash too.
    manifest.objectives = Some(plan.outline.objectives.clone());
    manifest.sudden_deaths = Some(plan.outline.sudden_deaths.clone());
    write_json(&wpath, &manifest)?;
    let ext = opt.format.ext();
    let done = chunks(&work, ext).map_err(|e| io_err("read", &work, e))?;
    // The chunks kept must follow one another from the shard's first run.
    let mut next = range.start;
    let mut kept = Vec::new();
    let hname = |r: &std::ops::Range<u64>| {
        work.join(format!("history-{:012}-{:012}.{ext}", r.start, r.end))
    };
    for (r, p) in done {
        if r.start != next || r.end > range.end || (hdir.is_some() && !hname(&r).is_file()) {
            let _ = std::fs::remove_file(&p);
            continue;
        }
        next = r.end;
        kept.push(p);
    }
    let mut summary = Summary::new(plan);
    let mut failed = 0u64;
    let of = range.end - range.start;
    for p in &kept {
        super::merge::summarise_part(plan, &cols, p, opt.format, &mut summary, &mut failed)
            .map_err(|e| io_err("read back", p, e))?;
    }
    let mut rows = next - range.start;
    let kept_rows = rows;
    progress(rows, of);
    let step = opt.chunk_rows.max(1);
    while next < range.end {
        let r = next..(next + step).min(range.end);
        let path = work.join(chunk_name(&r, ext));
        let hpath = hname(&r);
        // The history chunk is put in place first: a games chunk marks the pair finished.
        crate::disk::atomic::write_with(&path, |w| {
            let mut sink = write::sink(opt.format, &mut *w, &cols, true)?;
            let mut fill = |hsink: &mut Option<Box<dyn write::RowSink + '_>>| {
                exec::run_range(plan, r.clone(), opt.threads, &mut |row| {
                    summary.add(&row);
                    failed += u64::from(row.result.is_err());
                    rows += 1;
                    if let Some(h) = hsink.as_mut() {
                        for cells in history::cells(&row) {
                            h.row(cells)?;
                        }
                    }
                    sink.row(table::cells(plan, &cols, &row))?;
                    progress(rows, of);
                    Ok(())
                })
            };
            if hdir.is_some() {
                crate::disk::atomic::write_with(&hpath, |hw| {
                    let mut h = Some(write::sink(opt.format, &mut *hw, &hcols, true)?);
                    fill(&mut h)?;
                    h.map_or(Ok(()), |h| h.finish(None))
                })?;
            } else {
                fill(&mut None)?;
            }
            sink.finish(None)
        })
        .map_err(|e| io_err("write", &path, e))?;
        kept.push(path);
        next = r.end;
    }
    manifest.rows = rows;
    manifest.failed = failed;
    manifest.complete = true;
    manifest.finished = now_utc();
    if let Some(h) = &hdir {
        let hchunks: Vec<PathBuf> = (0..kept.len())
            .map(|i| {
                let (a, b) = chunk_range(&kept[i]);
                hname(&(a..b))
            })
            .collect();
        let mut hm = manifest.clone();
        hm.table = "history".into();
        hm.columns = hcols.clone();
        hm.part = part
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let hpart = folder::part(h, opt.shard, opt.format);
        std::fs::create_dir_all(h).map_err(|e| io_err("create the folder", h, e))?;
        assemble(opt, h, &hcols, &work, &hchunks, &hpart, &mut hm, false)?;
    }
    assemble(opt, out, &cols, &work, &kept, &part, &mut manifest, true)?;
    let _ = std::fs::remove_dir_all(&work);
    Ok(Some(Done::Played {
        manifest,
        summary: Box::new(summary),
        kept: kept_rows,
        unguarded,
    }))
}

/// The run range in a chunk's file name.
fn chunk_range(p: &Path) -> (u64, u64) {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut it = name
        .trim_start_matches("chunk-")
        .split(['-', '.'])
        .map(|x| x.parse::<u64>().unwrap_or(0));
    (it.next().unwrap_or(0), it.next().unwrap_or(0))
}

/// Joins the chunks into the part in `out` (with the manifest) and puts it in place. Parquet
/// games chunks are joined row group by row group (`copy`); other tables are read and written
/// again, counting their rows into the manifest.
#[allow(clippy::too_many_arguments)]
fn assemble(
    opt: &Options,
    out: &Path,
    cols: &[table::Column],
    work: &Path,
    chunks: &[PathBuf],
    part: &Path,
    manifest: &mut Manifest,
    copy: bool,
) -> Result<(), BatchError> {
    let joined = work.join(format!("part.tmp-{}", std::process::id()));
    let result = (|| -> io::Result<String> {
        let f = std::fs::File::create(&joined)?;
        let mut w = io::BufWriter::new(&f);
        let text = match opt.format {
            write::Format::Parquet if copy && !chunks.is_empty() => {
                let text = serde_json::to_string_pretty(&*manifest).map_err(io::Error::other)?;
                let inputs: Vec<&Path> = chunks.iter().map(PathBuf::as_path).collect();
                super::parquet::concat(&inputs, &mut w, Some(&text))?;
                text
            }
            format => {
                let mut sink = write::sink(format, &mut w, cols, true)?;
                let mut n = 0u64;
                for c in chunks {
                    write::read(c, format, cols, &mut |cells| {
                        n += 1;
                        sink.row(cells)
                    })?;
                }
                if !copy {
                    manifest.rows = n;
                }
                let text = serde_json::to_string_pretty(&*manifest).map_err(io::Error::other)?;
                sink.finish(Some(&text))?;
                text
            }
        };
        w.flush()?;
        drop(w);
        f.sync_all()?;
        Ok(text)
    })();
    let text = result.map_err(|e| io_err("write", &joined, e))?;
    std::fs::rename(&joined, part).map_err(|e| io_err("put in place", part, e))?;
    if opt.format == write::Format::Csv {
        let m = folder::csv_manifest(out, opt.shard);
        if let Err(e) = crate::disk::atomic::write(&m, format!("{text}\n").as_bytes()) {
            // A part is in place only with its manifest; its chunks stay in the work folder.
            let _ = std::fs::remove_file(part);
            return Err(io_err("write", &m, e));
        }
    }
    if let Ok(d) = std::fs::File::open(out) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn write_json(path: &Path, m: &Manifest) -> Result<(), BatchError> {
    let text = serde_json::to_string_pretty(m)
        .map_err(|e| BatchError::Io(format!("error: cannot write the manifest: {e}")))?;
    crate::disk::atomic::write(path, format!("{text}\n").as_bytes())
        .map_err(|e| io_err("write", path, e))
}

/// Removes temporary files an interrupted run of this shard left in the folder itself (the
/// atomic writes of its CSV manifest, and those of older whitecells beside the part).
fn remove_own_temporaries(out: &Path, opt: &Options) -> Result<(), BatchError> {
    let stem = opt.shard.stem();
    let rd = std::fs::read_dir(out).map_err(|e| io_err("read the folder", out, e))?;
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let ours =
            name.starts_with(&format!(".{stem}.")) || name.starts_with(&format!("._{stem}."));
        if ours && name.contains(".tmp-") {
            std::fs::remove_file(e.path()).map_err(|er| io_err("remove", &e.path(), er))?;
        }
    }
    Ok(())
}
