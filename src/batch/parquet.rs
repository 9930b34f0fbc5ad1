//! Parquet parts without arrow: a flat schema of typed columns (`INT64`, `INT32`, `BOOLEAN`,
//! UTF-8 strings, dictionary-encoded), optional where a value may not exist, Snappy compressed;
//! rows buffered per column and written one row group per [`GROUP`] rows. The file's key-value
//! metadata carries the manifest ([`MANIFEST_KEY`]). [`read`] streams a file back as typed cells;
//! [`concat`] joins files of one schema row group by row group without decoding them.

use super::table::{Cell, ColType, Column};
use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
use parquet::column::writer::ColumnCloseResult;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, Int32Type, Int64Type};
use parquet::file::metadata::{KeyValue, ParquetMetaDataReader};
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

/// The key-value metadata key under which a part carries its manifest (JSON).
pub const MANIFEST_KEY: &str = "whitecell.manifest";

fn pq(e: parquet::errors::ParquetError) -> io::Error {
    io::Error::other(format!("parquet: {e}"))
}

fn props() -> Arc<WriterProperties> {
    Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("whitecell {}", crate::VERSION))
            .build(),
    )
}

/// The Parquet schema of these columns.
pub fn schema(columns: &[Column]) -> io::Result<Type> {
    let mut fields = Vec::new();
    for c in columns {
        let b = match c.ty {
            ColType::I64 => Type::primitive_type_builder(&c.name, Physical::INT64),
            ColType::I32 => Type::primitive_type_builder(&c.name, Physical::INT32),
            ColType::Bool => Type::primitive_type_builder(&c.name, Physical::BOOLEAN),
            ColType::Text => Type::primitive_type_builder(&c.name, Physical::BYTE_ARRAY)
                .with_logical_type(Some(LogicalType::String)),
        };
        let rep = if c.nullable {
            Repetition::OPTIONAL
        } else {
            Repetition::REQUIRED
        };
        fields.push(Arc::new(b.with_repetition(rep).build().map_err(pq)?));
    }
    Type::group_type_builder("whitecell_batch")
        .with_fields(fields)
        .build()
        .map_err(pq)
}

enum Values {
    Long(Vec<i64>),
    Int(Vec<i32>),
    Bool(Vec<bool>),
    Bytes(Vec<ByteArray>),
}

struct Buffer {
    values: Values,
    /// Definition levels (1 present, 0 null), for a nullable column.
    defs: Option<Vec<i16>>,
}

/// Writes rows of cells to a Parquet file.
pub struct ParquetRows<W: Write + Send> {
    writer: SerializedFileWriter<W>,
    columns: Vec<Buffer>,
    buffered: usize,
}

impl<W: Write + Send> ParquetRows<W> {
    /// Starts a file with these columns.
    pub fn new(out: W, columns: &[Column]) -> io::Result<Self> {
        let writer =
            SerializedFileWriter::new(out, Arc::new(schema(columns)?), props()).map_err(pq)?;
        let columns = columns
            .iter()
            .map(|c| Buffer {
                values: match c.ty {
                    ColType::I64 => Values::Long(Vec::new()),
                    ColType::I32 => Values::Int(Vec::new()),
                    ColType::Bool => Values::Bool(Vec::new()),
                    ColType::Text => Values::Bytes(Vec::new()),
                },
                defs: c.nullable.then(Vec::new),
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
            let defs = col.defs.as_deref();
            match &mut col.values {
                Values::Long(v) => {
                    w.typed::<Int64Type>()
                        .write_batch(v, defs, None)
                        .map_err(pq)?;
                    v.clear();
                }
                Values::Int(v) => {
                    w.typed::<Int32Type>()
                        .write_batch(v, defs, None)
                        .map_err(pq)?;
                    v.clear();
                }
                Values::Bool(v) => {
                    w.typed::<BoolType>()
                        .write_batch(v, defs, None)
                        .map_err(pq)?;
                    v.clear();
                }
                Values::Bytes(v) => {
                    w.typed::<ByteArrayType>()
                        .write_batch(v, defs, None)
                        .map_err(pq)?;
                    v.clear();
                }
            }
            if let Some(d) = &mut col.defs {
                d.clear();
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
            let present = !matches!(cell, Cell::Null);
            match (&mut col.defs, present) {
                (Some(d), _) => d.push(i16::from(present)),
                (None, false) => {
                    return Err(io::Error::other("parquet: a null in a required column"));
                }
                (None, true) => {}
            }
            match (&mut col.values, cell) {
                (_, Cell::Null) => {}
                (Values::Long(v), Cell::I64(x)) => v.push(x),
                (Values::Int(v), Cell::I32(x)) => v.push(x),
                (Values::Bool(v), Cell::Bool(x)) => v.push(x),
                (Values::Bytes(v), Cell::Text(s)) => v.push(ByteArray::from(s.into_bytes())),
                _ => return Err(io::Error::other("parquet: a cell has the wrong type")),
            }
        }
        self.buffered += 1;
        if self.buffered >= GROUP {
            self.flush_group()?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>, manifest: Option<&str>) -> io::Result<()> {
        let kv: Vec<(&str, &str)> = manifest.map(|m| (MANIFEST_KEY, m)).into_iter().collect();
        (*self).finish_with(&kv)
    }
}

impl<W: Write + Send> ParquetRows<W> {
    /// Writes what is buffered and the footer, with these key-value metadata.
    pub fn finish_with(mut self, kv: &[(&str, &str)]) -> io::Result<()> {
        self.flush_group()?;
        for (k, v) in kv {
            self.writer
                .append_key_value_metadata(KeyValue::new(k.to_string(), v.to_string()));
        }
        self.writer.close().map_err(pq)?;
        Ok(())
    }
}

/// The manifest text a Parquet file carries, if any.
pub fn manifest_text(path: &Path) -> io::Result<Option<String>> {
    let file = std::fs::File::open(path)?;
    let reader = SerializedFileReader::new(file).map_err(pq)?;
    Ok(reader
        .metadata()
        .file_metadata()
        .key_value_metadata()
        .and_then(|kv| kv.iter().find(|k| k.key == MANIFEST_KEY))
        .and_then(|k| k.value.clone()))
}

/// The column names of a Parquet file.
pub fn names(path: &Path) -> io::Result<Vec<String>> {
    let reader = SerializedFileReader::new(std::fs::File::open(path)?).map_err(pq)?;
    Ok(reader
        .metadata()
        .file_metadata()
        .schema()
        .get_fields()
        .iter()
        .map(|f| f.name().to_string())
        .collect())
}

/// Streams the rows of a Parquet file as typed cells to `each`.
pub fn read(path: &Path, each: &mut dyn FnMut(Vec<Cell>) -> io::Result<()>) -> io::Result<()> {
    let file = std::fs::File::open(path)?;
    let reader = SerializedFileReader::new(file).map_err(pq)?;
    for row in reader.get_row_iter(None).map_err(pq)? {
        let row = row.map_err(pq)?;
        let cells = row
            .get_column_iter()
            .map(|(_, f)| match f {
                Field::Null => Cell::Null,
                Field::Str(s) => Cell::Text(s.clone()),
                Field::Long(v) => Cell::I64(*v),
                Field::ULong(v) => Cell::I64(*v as i64),
                Field::Int(v) => Cell::I32(*v),
                Field::Bool(v) => Cell::Bool(*v),
                other => Cell::Text(other.to_string()),
            })
            .collect();
        each(cells)?;
    }
    Ok(())
}

/// Writes `inputs` (Parquet files with one schema) to `out` one after the other, row group by row
/// group, copying the encoded columns as they are; `manifest` goes into the key-value metadata.
pub fn concat<W: Write + Send>(inputs: &[&Path], out: W, manifest: Option<&str>) -> io::Result<()> {
    let kv: Vec<(&str, &str)> = manifest.map(|m| (MANIFEST_KEY, m)).into_iter().collect();
    concat_with(inputs, out, &kv)
}

/// [`concat`] with any key-value metadata.
pub fn concat_with<W: Write + Send>(
    inputs: &[&Path],
    out: W,
    kv: &[(&str, &str)],
) -> io::Result<()> {
    let mut opened = Vec::new();
    for p in inputs {
        let f = std::fs::File::open(p)?;
        let meta = ParquetMetaDataReader::new()
            .parse_and_finish(&f)
            .map_err(pq)?;
        opened.push((f, meta));
    }
    let Some((_, first)) = opened.first() else {
        return Err(io::Error::other("parquet: nothing to join"));
    };
    let schema = first.file_metadata().schema_descr().root_schema_ptr();
    for (i, (_, m)) in opened.iter().enumerate() {
        if m.file_metadata().schema() != first.file_metadata().schema() {
            return Err(io::Error::other(format!(
                "{}: its columns are not those of {}",
                inputs[i].display(),
                inputs[0].display()
            )));
        }
    }
    let mut writer = SerializedFileWriter::new(out, schema, props()).map_err(pq)?;
    for (input, meta) in &opened {
        for rg in meta.row_groups() {
            let mut rg_out = writer.next_row_group().map_err(pq)?;
            for column in rg.columns() {
                let result = ColumnCloseResult {
                    bytes_written: column.compressed_size() as _,
                    rows_written: rg.num_rows() as _,
                    metadata: column.clone(),
                    bloom_filter: None,
                    column_index: None,
                    offset_index: None,
                };
                rg_out.append_column(input, result).map_err(pq)?;
            }
            rg_out.close().map_err(pq)?;
        }
    }
    for (k, v) in kv {
        writer.append_key_value_metadata(KeyValue::new(k.to_string(), v.to_string()));
    }
    writer.close().map_err(pq)?;
    Ok(())
}
