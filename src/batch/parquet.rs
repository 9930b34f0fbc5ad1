//! Parquet parts without arrow: a flat schema of required columns (`UINT_64`, `INT32`, UTF-8
//! strings), rows buffered per column and written one row group per [`GROUP`] rows, Snappy
//! compressed. [`read`] reads a part back as text cells, for tests and checks.

use super::table::{Cell, ColType};
use parquet::basic::{Compression, ConvertedType, Repetition, Type as Physical};
use parquet::data_type::{ByteArray, ByteArrayType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::record::Field;
use parquet::schema::types::Type;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

/// Rows per row group.
pub const GROUP: usize = 8192;

fn pq(e: parquet::errors::ParquetError) -> io::Error {
    io::Error::other(format!("parquet: {e}"))
}

/// The Parquet schema of these columns.
pub fn schema(columns: &[(String, ColType)]) -> io::Result<Type> {
    let mut fields = Vec::new();
    for (name, t) in columns {
        let b = match t {
            ColType::U64 => Type::primitive_type_builder(name, Physical::INT64)
                .with_converted_type(ConvertedType::UINT_64),
            ColType::I32 => Type::primitive_type_builder(name, Physical::INT32),
            ColType::Text => Type::primitive_type_builder(name, Physical::BYTE_ARRAY)
                .with_converted_type(ConvertedType::UTF8),
        };
        fields.push(Arc::new(
            b.with_repetition(Repetition::REQUIRED)
                .build()
                .map_err(pq)?,
        ));
    }
    Type::group_type_builder("whitecell_batch")
        .with_fields(fields)
        .build()
        .map_err(pq)
}

enum Column {
    Long(Vec<i64>),
    Int(Vec<i32>),
    Bytes(Vec<ByteArray>),
}

/// Writes rows of cells to a Parquet file.
pub struct ParquetRows<W: Write + Send> {
    writer: SerializedFileWriter<W>,
    columns: Vec<Column>,
    buffered: usize,
}

impl<W: Write + Send> ParquetRows<W> {
    /// Starts a file with these columns.
    pub fn new(out: W, columns: &[(String, ColType)]) -> io::Result<Self> {
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("whitecell {}", crate::VERSION))
            .build();
        let writer = SerializedFileWriter::new(out, Arc::new(schema(columns)?), Arc::new(props))
            .map_err(pq)?;
        let columns = columns
            .iter()
            .map(|(_, t)| match t {
                ColType::U64 => Column::Long(Vec::new()),
                ColType::I32 => Column::Int(Vec::new()),
                ColType::Text => Column::Bytes(Vec::new()),
            })
            .collect();
        Ok(ParquetRows {
            writer,
            columns,
            buffered: 0,
        })
    }

    fn flush_group(&mut self) -> io::Result<()> {
        if self.buffered == 0 {
            return Ok(());
        }
        let mut rg = self.writer.next_row_group().map_err(pq)?;
        for col in &mut self.columns {
            let Some(mut w) = rg.next_column().map_err(pq)? else {
                return Err(io::Error::other("parquet: fewer columns than the schema"));
            };
            match col {
                Column::Long(v) => {
                    w.typed::<Int64Type>()
                        .write_batch(v, None, None)
                        .map_err(pq)?;
                    v.clear();
                }
                Column::Int(v) => {
                    w.typed::<Int32Type>()
                        .write_batch(v, None, None)
                        .map_err(pq)?;
                    v.clear();
                }
                Column::Bytes(v) => {
                    w.typed::<ByteArrayType>()
                        .write_batch(v, None, None)
                        .map_err(pq)?;
                    v.clear();
                }
            }
            w.close().map_err(pq)?;
        }
        rg.close().map_err(pq)?;
        self.buffered = 0;
        Ok(())
    }
}

impl<W: Write + Send> super::write::RowSink for ParquetRows<W> {
    fn row(&mut self, cells: Vec<Cell>) -> io::Result<()> {
        if cells.len() != self.columns.len() {
            return Err(io::Error::other(
                "parquet: a row does not match the columns",
            ));
        }
        for (col, cell) in self.columns.iter_mut().zip(cells) {
            match (col, cell) {
                // UINT_64 is stored in INT64's bits.
                (Column::Long(v), Cell::U64(x)) => v.push(x as i64),
                (Column::Int(v), Cell::I32(x)) => v.push(x),
                (Column::Bytes(v), Cell::Text(s)) => v.push(ByteArray::from(s.into_bytes())),
                _ => return Err(io::Error::other("parquet: a cell has the wrong type")),
            }
        }
        self.buffered += 1;
        if self.buffered >= GROUP {
            self.flush_group()?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.flush_group()?;
        self.writer.close().map_err(pq)?;
        Ok(())
    }
}

/// Reads a Parquet part back: the column names, then each row's cells as text (as CSV shows them).
pub fn read(path: &Path) -> io::Result<(Vec<String>, Vec<Vec<String>>)> {
    let file = std::fs::File::open(path)?;
    let reader = SerializedFileReader::new(file).map_err(pq)?;
    let names: Vec<String> = reader
        .metadata()
        .file_metadata()
        .schema()
        .get_fields()
        .iter()
        .map(|f| f.name().to_string())
        .collect();
    let mut rows = Vec::new();
    for row in reader.get_row_iter(None).map_err(pq)? {
        let row = row.map_err(pq)?;
        let cells = row
            .get_column_iter()
            .map(|(_, f)| match f {
                Field::Str(s) => s.clone(),
                Field::ULong(v) => v.to_string(),
                Field::Long(v) => v.to_string(),
                Field::Int(v) => v.to_string(),
                other => other.to_string(),
            })
            .collect();
        rows.push(cells);
    }
    Ok((names, rows))
}
