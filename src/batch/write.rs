//! Result writers: rows go out as they are played (streamed), as CSV (through the `csv` crate)
//! or Parquet, into a writer the caller makes atomic. [`read`] streams a part back as typed cells,
//! whatever its format.

use super::parquet::ParquetRows;
use super::table::{Cell, Column};
use std::io::{self, Write};
use std::path::Path;

/// The file format of the parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Comma-separated values with a header line.
    Csv,
    /// Apache Parquet, one row group per 8192 rows.
    Parquet,
}

impl Format {
    /// Parses `csv` or `parquet`.
    pub fn parse(s: &str) -> Result<Format, String> {
        match s {
            "csv" => Ok(Format::Csv),
            "parquet" => Ok(Format::Parquet),
            _ => Err(format!("--format `{s}`: the formats are csv and parquet")),
        }
    }

    /// The file extension.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Parquet => "parquet",
        }
    }
}

/// Takes rows of cells as they come.
pub trait RowSink {
    /// Writes one row.
    fn row(&mut self, cells: Vec<Cell>) -> io::Result<()>;
    /// Writes whatever is buffered and any footer; a Parquet file carries `manifest` in its
    /// key-value metadata.
    fn finish(self: Box<Self>, manifest: Option<&str>) -> io::Result<()>;
}

/// A writer for `format` over `out` with these columns (a CSV one writes the header line unless
/// `header` is false).
pub fn sink<'w, W: Write + Send + 'w>(
    format: Format,
    out: W,
    columns: &[Column],
    header: bool,
) -> io::Result<Box<dyn RowSink + 'w>> {
    Ok(match format {
        Format::Csv => {
            let mut w = csv::WriterBuilder::new()
                .has_headers(false)
                .from_writer(out);
            if header {
                w.write_record(columns.iter().map(|c| c.name.as_str()))
                    .map_err(csv_err)?;
            }
            Box::new(Csv { out: w })
        }
        Format::Parquet => Box::new(ParquetRows::new(out, columns)?),
    })
}

/// A CSV error as an I/O error, keeping the kind of an I/O failure (a full disk stays one).
fn csv_err(e: csv::Error) -> io::Error {
    let text = format!("csv: {e}");
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        _ => io::Error::other(text),
    }
}

struct Csv<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> RowSink for Csv<W> {
    fn row(&mut self, cells: Vec<Cell>) -> io::Result<()> {
        self.out
            .write_record(cells.iter().map(|c| c.to_string()))
            .map_err(csv_err)
    }

    fn finish(mut self: Box<Self>, _: Option<&str>) -> io::Result<()> {
        self.out.flush()
    }
}

/// The header of a CSV part.
pub fn csv_names(path: &Path) -> io::Result<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_path(path)
        .map_err(csv_err)?;
    Ok(r.headers()
        .map_err(csv_err)?
        .iter()
        .map(String::from)
        .collect())
}

/// Streams the rows of a part as cells typed by `columns` (which its header must name, in order).
pub fn read(
    path: &Path,
    format: Format,
    columns: &[Column],
    each: &mut dyn FnMut(Vec<Cell>) -> io::Result<()>,
) -> io::Result<()> {
    let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    match format {
        Format::Parquet => {
            if super::parquet::names(path)? != names {
                return Err(io::Error::other("its columns are not the batch's columns"));
            }
            super::parquet::read(path, each)
        }
        Format::Csv => {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(true)
                .from_path(path)
                .map_err(csv_err)?;
            if r.headers()
                .map_err(csv_err)?
                .iter()
                .ne(names.iter().copied())
            {
                return Err(io::Error::other("its header is not the batch's columns"));
            }
            for (i, rec) in r.records().enumerate() {
                let rec = rec.map_err(csv_err)?;
                if rec.len() != columns.len() {
                    return Err(io::Error::other(format!(
                        "line {}: {} cells for {} columns",
                        i + 2,
                        rec.len(),
                        columns.len()
                    )));
                }
                let cells = rec
                    .iter()
                    .zip(columns)
                    .map(|(t, c)| {
                        Cell::parse(t, c.ty).ok_or_else(|| {
                            io::Error::other(format!(
                                "line {}: `{}` is `{t}`, not a {:?}",
                                i + 2,
                                c.name,
                                c.ty
                            ))
                        })
                    })
                    .collect::<io::Result<Vec<Cell>>>()?;
                each(cells)?;
            }
            Ok(())
        }
    }
}
