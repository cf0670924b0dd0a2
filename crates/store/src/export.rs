//! Exporting the database as one JSON document or as NDJSON, one file per table. Both
//! read back from the database, row by row, and validate against
//! `schemas/freehold.schema.json`.

use std::io::Write;
use std::path::{Path, PathBuf};

use freehold_model::{ColumnKind, SCHEMA_VERSION, TABLES, TableDef};
use rusqlite::types::ValueRef;
use serde_json::{Map, Value};

use crate::output::{AtomicDir, Protected};
use crate::{Error, Store};

/// A per-row hook of the JSON and NDJSON exports: changes the row of the table in
/// place, and returns `false` to leave the row out.
pub type RowTransform<'a> = dyn FnMut(&TableDef, &mut Map<String, Value>) -> bool + 'a;

impl Store {
    /// Writes the whole database as one JSON document
    /// `{"schema_version", "generator", "imports": [...], "accounts": [...], ...}`.
    pub fn export_json(&self, out: &mut dyn Write) -> Result<(), Error> {
        self.export_json_with(out, &mut |_, _| true)
    }

    /// [`Store::export_json`] with `transform` called on every row before it is written:
    /// it may change the row, and a row it returns `false` for is left out (the export
    /// crate's `--redact third-parties` is such a transform).
    pub fn export_json_with(
        &self,
        out: &mut dyn Write,
        transform: &mut RowTransform<'_>,
    ) -> Result<(), Error> {
        let io = |source| Error::Io {
            path: PathBuf::from("<output>"),
            source,
        };
        write!(
            out,
            "{{\"schema_version\":{SCHEMA_VERSION},\"generator\":{}",
            Value::from(generator())
        )
        .map_err(io)?;
        for table in TABLES {
            write!(out, ",\n\"{}\":[", table.name).map_err(io)?;
            let mut first = true;
            self.for_each_row(table, |mut row| {
                if !transform(table, &mut row) {
                    return Ok(());
                }
                if !first {
                    out.write_all(b",")?;
                }
                first = false;
                out.write_all(b"\n")?;
                serde_json::to_writer(&mut *out, &row)?;
                Ok(())
            })?;
            write!(out, "]").map_err(io)?;
        }
        writeln!(out, "}}").map_err(io)?;
        out.flush().map_err(io)
    }

    /// Writes one `<table>.ndjson` file per table into the folder `dir`, one JSON object
    /// per line, and returns the files written. The folder is built beside `dir` and
    /// moved into place whole (see [`crate::output::AtomicDir`]): an earlier export's
    /// files are replaced and stale ones go; a folder that freehold did not write is
    /// refused unless `force`, and so is a folder that holds this database.
    pub fn export_ndjson(&self, dir: &Path, force: bool) -> Result<Vec<PathBuf>, Error> {
        self.export_ndjson_with(dir, force, &mut |_, _| true)
    }

    /// [`Store::export_ndjson`] with `transform` called on every row before it is
    /// written, as in [`Store::export_json_with`].
    pub fn export_ndjson_with(
        &self,
        dir: &Path,
        force: bool,
        transform: &mut RowTransform<'_>,
    ) -> Result<Vec<PathBuf>, Error> {
        let out = AtomicDir::create(dir, &Protected::database(&self.path), force)?;
        let mut written = Vec::new();
        for table in TABLES {
            let name = format!("{}.ndjson", table.name);
            let mut file = out.create_file(&name)?;
            self.for_each_row(table, |mut row| {
                if !transform(table, &mut row) {
                    return Ok(());
                }
                serde_json::to_writer(&mut file, &row)?;
                file.write_all(b"\n")?;
                Ok(())
            })?;
            file.flush().map_err(|source| Error::Io {
                path: dir.join(&name),
                source,
            })?;
            written.push(dir.join(name));
        }
        out.commit()?;
        Ok(written)
    }

    /// Calls `f` with each row of `table` as a JSON object, in key order.
    pub fn for_each_row(
        &self,
        table: &TableDef,
        mut f: impl FnMut(Map<String, Value>) -> std::io::Result<()>,
    ) -> Result<(), Error> {
        let columns: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
        let sql = format!(
            "SELECT {} FROM {} ORDER BY {}",
            columns.join(", "),
            table.name,
            table.key.join(", ")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let mut object = Map::with_capacity(columns.len());
            for (i, column) in table.columns.iter().enumerate() {
                let value = match row.get_ref(i)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(n) if column.kind == ColumnKind::Bool => Value::Bool(n != 0),
                    ValueRef::Integer(n) => Value::from(n),
                    ValueRef::Real(x) => Value::from(x),
                    ValueRef::Text(t) | ValueRef::Blob(t) => {
                        let text = String::from_utf8_lossy(t);
                        if column.kind == ColumnKind::Json {
                            serde_json::from_str(&text).unwrap_or(Value::String(text.into_owned()))
                        } else {
                            Value::String(text.into_owned())
                        }
                    }
                };
                object.insert(column.name.to_string(), value);
            }
            f(object).map_err(|source| Error::Io {
                path: PathBuf::from(table.name),
                source,
            })?;
        }
        Ok(())
    }
}

fn generator() -> String {
    concat!("freehold ", env!("CARGO_PKG_VERSION")).to_string()
}
