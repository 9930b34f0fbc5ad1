//! Result writers: rows go out as they are played (streamed), as CSV or Parquet, into a writer
//! the caller makes atomic (a temporary file renamed into place when the shard completes).

use super::parquet::ParquetRows;
use super::table::{Cell, ColType, csv_field};
use std::io::{self, Write};

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
    /// Writes whatever is buffered and any footer.
    fn finish(self: Box<Self>) -> io::Result<()>;
}

/// A writer for `format` over `out` with these columns.
pub fn sink<'w, W: Write + Send + 'w>(
    format: Format,
    out: W,
    columns: &[(String, ColType)],
) -> io::Result<Box<dyn RowSink + 'w>> {
    Ok(match format {
        Format::Csv => Box::new(Csv::new(out, columns)?),
        Format::Parquet => Box::new(ParquetRows::new(out, columns)?),
    })
}

struct Csv<W: Write> {
    out: W,
}

impl<W: Write> Csv<W> {
    fn new(mut out: W, columns: &[(String, ColType)]) -> io::Result<Self> {
        let names: Vec<String> = columns
            .iter()
            .map(|c| csv_field(&Cell::Text(c.0.clone())))
            .collect();
        writeln!(out, "{}", names.join(","))?;
        Ok(Csv { out })
    }
}

impl<W: Write> RowSink for Csv<W> {
    fn row(&mut self, cells: Vec<Cell>) -> io::Result<()> {
        let f: Vec<String> = cells.iter().map(csv_field).collect();
        writeln!(self.out, "{}", f.join(","))
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.out.flush()
    }
}
