//! Reading one batch's results for its report. [`open`] reads every manifest in a folder
//! (`part-*.manifest.json`) and groups them by batch (the manifest key apart from the shard
//! index): a folder holding two batches is refused, naming them. [`rows`] streams a part's rows
//! — a CSV part line by line, a Parquet part one row group at a time, reading only the columns
//! the report needs — so a batch of millions of rows is never held in memory.

use crate::batch::manifest::{Key, Manifest};
use crate::batch::table::csv_split;
use crate::batch::{Format, Shard};
use crate::game::GameError;
use parquet::column::reader::ColumnReader;
use parquet::data_type::ByteArray;
use parquet::file::reader::{FileReader, SerializedFileReader};
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// One shard's part and its manifest.
#[derive(Debug, Clone)]
pub struct Part {
    /// The manifest file.
    pub manifest_path: PathBuf,
    /// Its contents.
    pub manifest: Manifest,
    /// The part file.
    pub path: PathBuf,
}

/// The parts of one batch found in a folder.
#[derive(Debug, Clone)]
pub struct Batch {
    /// The folder.
    pub dir: PathBuf,
    /// What was played (the first part's key).
    pub key: Key,
    /// The complete parts, in shard order.
    pub parts: Vec<Part>,
    /// Shards with no complete part in the folder.
    pub missing: Vec<u32>,
}

/// The key that names a batch: its manifest key without the shard index.
fn batch_of(k: &Key) -> Key {
    Key {
        shard: Shard {
            index: 0,
            count: k.shard.count,
        },
        ..k.clone()
    }
}

/// A batch in a few words, to name it in a message.
pub fn describe(m: &Manifest) -> String {
    let sweeps: Vec<String> = m
        .key
        .sweeps
        .iter()
        .map(|s| format!("{}={}", s.path, s.values.join(",")))
        .collect();
    format!(
        "{} (scenario {}), master seed {}, {} run(s) per point{}, {} shard(s), {}",
        m.scenario,
        &m.key.scenario_hash[..m.key.scenario_hash.len().min(12)],
        m.key.master_seed,
        m.key.runs_per_point,
        if sweeps.is_empty() {
            String::new()
        } else {
            format!(", sweeps {}", sweeps.join(" "))
        },
        m.key.shard.count,
        m.key.format.ext()
    )
}

/// Finds the one batch in `dir`.
pub fn open(dir: &Path) -> Result<Batch, GameError> {
    let d = dir.display();
    let entries = std::fs::read_dir(dir).map_err(|e| {
        let m = format!("error: cannot read the results folder {d}: {e}");
        if e.kind() == std::io::ErrorKind::NotFound {
            GameError::rejected(m)
        } else {
            GameError::error(m)
        }
    })?;
    let mut found: Vec<Part> = Vec::new();
    let mut names: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".manifest.json"))
        .collect();
    names.sort();
    for p in names {
        let text = std::fs::read_to_string(&p)
            .map_err(|e| GameError::error(format!("error: cannot read {}: {e}", p.display())))?;
        let manifest: Manifest = serde_json::from_str(&text).map_err(|e| {
            GameError::rejected(format!(
                "error: {}:{}:{}: not a whitecell batch manifest ({e})",
                p.display(),
                e.line(),
                e.column()
            ))
        })?;
        let path = dir.join(&manifest.part);
        found.push(Part {
            manifest_path: p,
            manifest,
            path,
        });
    }
    let Some(first) = found.first() else {
        return Err(GameError::rejected(format!(
            "error: {d} holds no batch results (no `part-*.manifest.json`): `whitecell batch SCENARIO --out {d}` writes them"
        )));
    };
    let key = batch_of(&first.manifest.key);
    let mut batches: Vec<(Key, Vec<&Part>)> = Vec::new();
    for p in &found {
        let k = batch_of(&p.manifest.key);
        match batches.iter_mut().find(|(x, _)| *x == k) {
            Some((_, v)) => v.push(p),
            None => batches.push((k, vec![p])),
        }
    }
    if batches.len() > 1 {
        let list: Vec<String> = batches
            .iter()
            .enumerate()
            .map(|(i, (_, ps))| {
                let files: Vec<String> = ps
                    .iter()
                    .map(|p| {
                        p.manifest_path
                            .file_name()
                            .map_or(String::new(), |n| n.to_string_lossy().into_owned())
                    })
                    .collect();
                format!(
                    "  batch {}: {} — {}",
                    i + 1,
                    describe(&ps[0].manifest),
                    files.join(", ")
                )
            })
            .collect();
        return Err(GameError::rejected(format!(
            "error: {d} holds {} different batches; a report is of one batch: move each batch's parts and manifests into a folder of its own\n{}",
            batches.len(),
            list.join("\n")
        )));
    }
    let count = key.shard.count;
    let mut parts: Vec<Part> = Vec::new();
    for p in found {
        let m = &p.manifest;
        let whole =
            m.complete && p.path.is_file() && m.rows == m.end_run.saturating_sub(m.first_run);
        if whole
            && !parts
                .iter()
                .any(|q| q.manifest.key.shard.index == m.key.shard.index)
        {
            parts.push(p);
        }
    }
    parts.sort_by_key(|p| p.manifest.key.shard.index);
    let missing = (0..count)
        .filter(|i| !parts.iter().any(|p| p.manifest.key.shard.index == *i))
        .collect();
    if parts.is_empty() {
        return Err(GameError::rejected(format!(
            "error: {d} holds no complete part of its batch yet ({count} shard(s), none finished): wait for `whitecell batch` to finish a shard"
        )));
    }
    Ok(Batch {
        dir: dir.to_path_buf(),
        key,
        parts,
        missing,
    })
}

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
}

impl Columns {
    /// The positions of the needed columns in `names`, or which is missing.
    pub fn find(names: &[String]) -> Result<Columns, String> {
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
        Ok(Columns {
            run: at("run")?,
            seed: at("seed")?,
            status: at("status")?,
            outcome: at("outcome")?,
            sudden_death: at("sudden_death")?,
            winner: at("winner")?,
            turns: at("turns")?,
            tracks: with("track_"),
            lost: with("lost_"),
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
}

/// Streams the rows of `part` (with columns `cols`) to `each`; returns how many there were.
pub fn rows(part: &Part, cols: &Columns, each: &mut dyn FnMut(&Row)) -> Result<u64, String> {
    let names = &part.manifest.columns;
    match part.manifest.key.format {
        Format::Csv => csv_rows(&part.path, names, cols, each),
        Format::Parquet => parquet_rows(&part.path, names, cols, each),
    }
    .map_err(|m| format!("error: {}: {m}", part.path.display()))
}

fn csv_rows(
    path: &Path,
    names: &[String],
    cols: &Columns,
    each: &mut dyn FnMut(&Row),
) -> Result<u64, String> {
    let f = std::fs::File::open(path).map_err(|e| format!("cannot read it: {e}"))?;
    let mut lines = std::io::BufReader::new(f).lines();
    let header = lines
        .next()
        .transpose()
        .map_err(|e| e.to_string())?
        .unwrap_or_default();
    if csv_split(&header) != names {
        return Err("its header is not the columns its manifest lists".into());
    }
    let mut row = Row::default();
    let mut n = 0u64;
    for (i, line) in lines.enumerate() {
        let line = line.map_err(|e| format!("line {}: {e}", i + 2))?;
        let cells = csv_split(&line);
        if cells.len() != names.len() {
            return Err(format!(
                "line {}: {} cells for {} columns",
                i + 2,
                cells.len(),
                names.len()
            ));
        }
        let num = |at: usize| -> Result<i64, String> {
            cells[at].parse().map_err(|_| {
                format!(
                    "line {}: `{}` is `{}`, not a number",
                    i + 2,
                    names[at],
                    cells[at]
                )
            })
        };
        row.run = num(cols.run)? as u64;
        row.seed = cells[cols.seed]
            .parse()
            .map_err(|_| format!("line {}: a bad seed", i + 2))?;
        row.ok = cells[cols.status] == "ok";
        row.outcome.clone_from(&cells[cols.outcome]);
        row.sudden_death.clone_from(&cells[cols.sudden_death]);
        row.winner.clone_from(&cells[cols.winner]);
        row.turns = num(cols.turns)? as i32;
        row.tracks.clear();
        for (_, at) in &cols.tracks {
            row.tracks.push(num(*at)? as i32);
        }
        row.lost.clear();
        for (_, at) in &cols.lost {
            row.lost.push(num(*at)? as i32);
        }
        each(&row);
        n += 1;
    }
    Ok(n)
}

/// A column of one row group.
enum Values {
    Long(Vec<i64>),
    Int(Vec<i32>),
    Text(Vec<ByteArray>),
}

impl Values {
    fn long(&self, i: usize) -> i64 {
        match self {
            Values::Long(v) => v[i],
            Values::Int(v) => i64::from(v[i]),
            Values::Text(_) => 0,
        }
    }

    fn text(&self, i: usize) -> &str {
        match self {
            Values::Text(v) => v[i].as_utf8().unwrap_or(""),
            _ => "",
        }
    }
}

fn parquet_rows(
    path: &Path,
    names: &[String],
    cols: &Columns,
    each: &mut dyn FnMut(&Row),
) -> Result<u64, String> {
    let pq = |e: parquet::errors::ParquetError| format!("not a readable Parquet file: {e}");
    let f = std::fs::File::open(path).map_err(|e| format!("cannot read it: {e}"))?;
    let reader = SerializedFileReader::new(f).map_err(pq)?;
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    let have: Vec<String> = schema
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    if have != names {
        return Err("its columns are not the ones its manifest lists".into());
    }
    let mut wanted = vec![
        cols.run,
        cols.seed,
        cols.status,
        cols.outcome,
        cols.sudden_death,
        cols.winner,
        cols.turns,
    ];
    wanted.extend(cols.tracks.iter().map(|t| t.1));
    wanted.extend(cols.lost.iter().map(|t| t.1));
    let mut row = Row::default();
    let mut n = 0u64;
    for g in 0..reader.num_row_groups() {
        let rg = reader.get_row_group(g).map_err(pq)?;
        let len = rg.metadata().num_rows().max(0) as usize;
        let mut values: Vec<Values> = Vec::with_capacity(wanted.len());
        for &c in &wanted {
            let v = match rg.get_column_reader(c).map_err(pq)? {
                ColumnReader::Int64ColumnReader(mut r) => {
                    let mut v = Vec::with_capacity(len);
                    r.read_records(len, None, None, &mut v).map_err(pq)?;
                    Values::Long(v)
                }
                ColumnReader::Int32ColumnReader(mut r) => {
                    let mut v = Vec::with_capacity(len);
                    r.read_records(len, None, None, &mut v).map_err(pq)?;
                    Values::Int(v)
                }
                ColumnReader::ByteArrayColumnReader(mut r) => {
                    let mut v = Vec::with_capacity(len);
                    r.read_records(len, None, None, &mut v).map_err(pq)?;
                    Values::Text(v)
                }
                _ => {
                    return Err(format!(
                        "column `{}` has a type whitecell does not write",
                        names[c]
                    ));
                }
            };
            let got = match &v {
                Values::Long(x) => x.len(),
                Values::Int(x) => x.len(),
                Values::Text(x) => x.len(),
            };
            if got != len {
                return Err(format!(
                    "row group {g}: column `{}` has {got} values for {len} rows",
                    names[c]
                ));
            }
            values.push(v);
        }
        let (t0, l0) = (7, 7 + cols.tracks.len());
        for i in 0..len {
            row.run = values[0].long(i) as u64;
            row.seed = values[1].long(i) as u64;
            row.ok = values[2].text(i) == "ok";
            row.outcome.clear();
            row.outcome.push_str(values[3].text(i));
            row.sudden_death.clear();
            row.sudden_death.push_str(values[4].text(i));
            row.winner.clear();
            row.winner.push_str(values[5].text(i));
            row.turns = values[6].long(i) as i32;
            row.tracks.clear();
            row.tracks
                .extend((t0..l0).map(|k| values[k].long(i) as i32));
            row.lost.clear();
            row.lost
                .extend((l0..values.len()).map(|k| values[k].long(i) as i32));
            each(&row);
            n += 1;
        }
    }
    Ok(n)
}
