//! Streaming a part's rows for the batch report: a CSV part line by line, a Parquet part one
//! row group at a time reading only the columns the report needs, so a batch of millions of rows
//! is never held in memory. Each row is handed over in a [`Row`] reused from one to the next.

use super::batch_read::Part;
use crate::batch::Format;
use crate::batch::table::csv_split;
use parquet::column::reader::ColumnReader;
use parquet::data_type::ByteArray;
use parquet::file::reader::{FileReader, SerializedFileReader};
use std::io::BufRead;
use std::path::Path;

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
