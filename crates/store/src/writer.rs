//! Importing one archive: the parser runs on this thread and sends records in batches
//! over a bounded channel to a writer thread that owns the SQLite connection. The whole
//! archive is one transaction.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crossbeam_channel::{Receiver, Sender};
use freehold_archive::{
    Archive, Detection, Diagnostic, ParseContext, Part, Platform, Progress, RecordSink, Report,
    Severity, SplitSink,
};
use freehold_model::{Cell, Import, Record, Row as _, TABLES, TableDef};
use rusqlite::Connection;
use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};

use crate::db::{CACHE_KIB, insert_sql, merge_sql, provenance_def, upsert_sql};
use crate::{Error, Store};

/// Options of one import.
pub struct ImportOptions<'a> {
    /// Copy every media file the archive holds into this folder, content-addressed.
    pub media_dir: Option<PathBuf>,
    /// Receives progress.
    pub progress: &'a dyn Progress,
    /// Set to stop the import; nothing of it is written.
    pub interrupt: Option<&'a AtomicBool>,
}

impl Default for ImportOptions<'_> {
    fn default() -> Self {
        ImportOptions {
            media_dir: None,
            progress: &freehold_archive::NoProgress,
            interrupt: None,
        }
    }
}

/// What one import did.
#[derive(Debug)]
pub struct ImportOutcome {
    /// The import's id (`imports.id`).
    pub import_id: String,
    /// The report: files, records per table, diagnostics.
    pub report: Report,
    /// Media files copied with `media_dir`.
    pub media_copied: u64,
}

/// Records per batch sent to the writer.
const BATCH: usize = 1024;
/// Bytes of text per batch, at most (a batch of large records is sent early), which also
/// keeps every offset inside a batch far below `u32::MAX`.
const BATCH_BYTES: usize = 16 << 20;

/// One value of an encoded row; text lives in the batch's byte buffer.
#[derive(Clone, Copy)]
enum Slot {
    Null,
    Int(i64),
    Real(f64),
    Text { start: u32, len: u32 },
}

/// One encoded record: its table, its cells and where it came from.
struct RowRef {
    table: u8,
    cells: std::ops::Range<u32>,
    path: u32,
    locator: std::ops::Range<u32>,
}

/// Records encoded by the parser thread so that the writer thread only binds values:
/// the writer neither allocates nor frees per record, and a batch is freed as one.
#[derive(Default)]
struct Batch {
    rows: Vec<RowRef>,
    slots: Vec<Slot>,
    text: Vec<u8>,
    paths: Vec<Arc<str>>,
}

impl Batch {
    fn with_capacity(rows: usize) -> Self {
        Batch {
            rows: Vec::with_capacity(rows),
            slots: Vec::with_capacity(rows * 12),
            text: Vec::with_capacity(rows * 256),
            paths: Vec::new(),
        }
    }

    fn len(&self) -> usize {
        self.rows.len()
    }

    fn is_full(&self) -> bool {
        self.rows.len() >= BATCH || self.text.len() >= BATCH_BYTES
    }

    fn shrink_to_fit(&mut self) {
        self.rows.shrink_to_fit();
        self.slots.shrink_to_fit();
        self.text.shrink_to_fit();
    }

    /// Bytes this batch holds.
    fn footprint(&self) -> usize {
        self.rows.capacity() * std::mem::size_of::<RowRef>()
            + self.slots.capacity() * std::mem::size_of::<Slot>()
            + self.text.capacity()
    }

    fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn push_text(&mut self, text: &str) -> Slot {
        let start = offset(self.text.len());
        self.text.extend_from_slice(text.as_bytes());
        Slot::Text {
            start,
            len: offset(text.len()),
        }
    }

    fn push(&mut self, record: &Record, path: &Arc<str>, locator: &str) {
        let first = offset(self.slots.len());
        for cell in record.cells() {
            let slot = match cell {
                Cell::Null => Slot::Null,
                Cell::Int(i) => Slot::Int(i),
                Cell::Real(f) => Slot::Real(f),
                Cell::Text(t) => self.push_text(&t),
            };
            self.slots.push(slot);
        }
        if self.paths.last().is_none_or(|p| !Arc::ptr_eq(p, path)) {
            self.paths.push(Arc::clone(path));
        }
        let locator_start = offset(self.text.len());
        self.text.extend_from_slice(locator.as_bytes());
        self.rows.push(RowRef {
            table: u8::try_from(record.table_index()).unwrap_or(u8::MAX),
            cells: first..offset(self.slots.len()),
            path: offset(self.paths.len() - 1),
            locator: locator_start..offset(self.text.len()),
        });
    }

    fn text(&self, range: std::ops::Range<u32>) -> &str {
        // Only whole `&str`s are copied in, so every range is on a char boundary.
        std::str::from_utf8(&self.text[range.start as usize..range.end as usize])
            .unwrap_or_default()
    }
}

/// A length or offset inside one batch; batches stay far below 4 GiB because a single
/// record is bounded by the archive limits.
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

enum Msg {
    Batch(Batch),
    Finish(Box<Import>),
}

impl Store {
    /// Imports one archive that `platform` detected, in one transaction: either all of it
    /// is written or none of it. Importing the same archive again changes nothing.
    pub fn import(
        &mut self,
        archive: &Archive,
        platform: &dyn Platform,
        detection: &Detection,
        options: &ImportOptions<'_>,
    ) -> Result<ImportOutcome, Error> {
        let fingerprint = archive.fingerprint()?;
        let import_id = freehold_model::id::import_id(&fingerprint);
        let mut import = Import {
            id: import_id.clone(),
            platform: detection.platform.to_string(),
            layout: detection.layout.clone(),
            source_name: archive.name(),
            source_sha256: fingerprint,
            source_bytes: i64::try_from(archive.total_bytes()).unwrap_or(i64::MAX),
            generated_at: None,
            imported_at: Some(freehold_model::time::now()),
            tool_version: concat!("freehold ", env!("CARGO_PKG_VERSION")).to_string(),
            report: None,
            extra: None,
        };
        let (tx, rx) = crossbeam_channel::bounded::<Msg>(16);
        let conn = &mut self.conn;
        let first = import.clone();
        std::thread::scope(|scope| {
            let writer = scope.spawn(move || write(conn, &rx, first));
            let mut sink = ChannelSink::new(tx, archive, options.media_dir.as_deref());
            let mut cx = ParseContext::new(&mut sink).with_progress(options.progress);
            if let Some(flag) = options.interrupt {
                cx = cx.with_interrupt(flag);
            }
            options.progress.start(archive.data_bytes());
            let parsed = platform.parse(archive, detection, &mut cx);
            let mut report = cx.finish(archive, detection);
            let parsed = parsed.and_then(|()| sink.flush());
            let parsed = parsed
                .map_err(Error::from)
                .and_then(|()| nothing_imported(archive, &report));
            let outcome = match parsed {
                Ok(()) => {
                    for d in sink.take_diagnostics() {
                        report.diagnose(d);
                    }
                    import.generated_at = report.generated_at.clone();
                    import.report = Some(report.to_json());
                    let _ = sink.tx.send(Msg::Finish(Box::new(import)));
                    Ok(ImportOutcome {
                        import_id,
                        report,
                        media_copied: sink.media_copied(),
                    })
                }
                Err(e) => Err(e),
            };
            drop(sink);
            let written = writer
                .join()
                .unwrap_or_else(|_| Err(Error::Integrity("the writer thread panicked".into())));
            match (outcome, written) {
                (Ok(outcome), Ok(())) => Ok(outcome),
                // When the sink failed, the writer's own error says why.
                (Err(Error::Archive(freehold_archive::Error::Sink(_))), Err(e)) => Err(e),
                // Otherwise the parse stopped first, and the writer only rolled back.
                (Err(e), _) => Err(e),
                (Ok(_), Err(e)) => Err(e),
            }
        })
    }
}

/// An archive whose every data file failed gave nothing: that is an error, not an
/// empty import.
fn nothing_imported(archive: &Archive, report: &Report) -> Result<(), Error> {
    use freehold_archive::Fate;
    let failed = report
        .files
        .values()
        .filter(|f| matches!(f.fate, Fate::Failed | Fate::Partial))
        .count();
    if report.total_records() > 0 || failed == 0 {
        return Ok(());
    }
    let first = report
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .map(ToString::to_string)
        .unwrap_or_default();
    Err(Error::NothingImported {
        path: archive.path().to_path_buf(),
        reason: first,
    })
}

/// Encodes records into batches and copies media files; one per thread that parses.
struct Encoder<'a> {
    batch: Batch,
    /// Rows to make room for in a new batch: a full batch on the import's thread, none
    /// (grow as needed) for a parallel task, which is often short.
    room: usize,
    last_path: Arc<str>,
    archive: &'a Archive,
    media_dir: Option<&'a std::path::Path>,
    media_copied: u64,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Encoder<'a> {
    fn new(archive: &'a Archive, media_dir: Option<&'a std::path::Path>, room: usize) -> Self {
        Encoder {
            batch: Batch::with_capacity(room),
            room,
            last_path: Arc::from(""),
            archive,
            media_dir,
            media_copied: 0,
            diagnostics: Vec::new(),
        }
    }

    fn push(&mut self, mut record: Record, path: &str, locator: &str) {
        if let Record::Media(media) = &mut record {
            self.copy_media(media);
        }
        if *self.last_path != *path {
            self.last_path = Arc::from(path);
        }
        self.batch.push(&record, &self.last_path, locator);
    }

    /// The batch so far, trimmed to its size: a parallel task's last batch is often
    /// small, and a window of them must not hold a full batch's room each.
    fn take_batch(&mut self) -> Batch {
        let mut batch = std::mem::replace(&mut self.batch, Batch::with_capacity(self.room));
        if batch.len() < BATCH {
            batch.shrink_to_fit();
        }
        batch
    }

    fn copy_media(&mut self, media: &mut freehold_model::Media) {
        let (Some(dir), Some(path)) = (self.media_dir, media.archive_path.as_deref()) else {
            return;
        };
        let Some(entry) = self.archive.get(path) else {
            return;
        };
        match crate::media::copy_content_addressed(self.archive, entry, dir) {
            Ok((sha, _)) => {
                media.sha256 = Some(sha);
                self.media_copied += 1;
            }
            Err(e) => self.diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                code: "media-copy",
                path: Some(path.to_string()),
                locator: None,
                message: format!("could not copy this media file: {e}"),
            }),
        }
    }
}

/// The sink of an import: batches go to the writer thread over a bounded channel.
/// Worker threads of a parallel parse encode with their own [`WorkerSink`]; their parts
/// come back through [`RecordSink::absorb`] in task order and go to the writer from here.
struct ChannelSink<'a> {
    tx: Sender<Msg>,
    /// Records pushed on this thread. In a `RefCell` because parts are absorbed through
    /// `&self`, and this thread's earlier records must reach the writer before them.
    own: std::cell::RefCell<Encoder<'a>>,
    media_copied: std::cell::Cell<u64>,
    diagnostics: std::cell::RefCell<Vec<Diagnostic>>,
}

impl<'a> ChannelSink<'a> {
    fn new(tx: Sender<Msg>, archive: &'a Archive, media_dir: Option<&'a std::path::Path>) -> Self {
        ChannelSink {
            tx,
            own: std::cell::RefCell::new(Encoder::new(archive, media_dir, BATCH)),
            media_copied: std::cell::Cell::new(0),
            diagnostics: std::cell::RefCell::new(Vec::new()),
        }
    }

    fn send(&self, batch: Batch) -> Result<(), freehold_archive::Error> {
        if batch.is_empty() {
            return Ok(());
        }
        self.tx
            .send(Msg::Batch(batch))
            .map_err(|_| freehold_archive::Error::Sink("the database writer stopped".into()))
    }

    /// Sends what this thread has encoded and collects its media results.
    fn flush(&self) -> Result<(), freehold_archive::Error> {
        let mut own = self.own.borrow_mut();
        let batch = own.take_batch();
        self.media_copied
            .set(self.media_copied.get() + std::mem::take(&mut own.media_copied));
        self.diagnostics.borrow_mut().append(&mut own.diagnostics);
        drop(own);
        self.send(batch)
    }

    fn media_copied(&self) -> u64 {
        self.media_copied.get()
    }

    fn take_diagnostics(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut *self.diagnostics.borrow_mut())
    }
}

impl RecordSink for ChannelSink<'_> {
    fn push(
        &mut self,
        record: Record,
        path: &str,
        locator: String,
    ) -> Result<(), freehold_archive::Error> {
        let own = self.own.get_mut();
        own.push(record, path, &locator);
        if own.batch.is_full() {
            self.flush()?;
        }
        Ok(())
    }

    fn split(&self) -> Option<Box<dyn SplitSink + '_>> {
        let own = self.own.borrow();
        Some(Box::new(WorkerSink {
            encoder: Encoder::new(own.archive, own.media_dir, 0),
        }))
    }

    fn absorb(&self, part: Part) -> Result<(), freehold_archive::Error> {
        let part = part
            .downcast::<WorkerPart>()
            .map_err(|_| freehold_archive::Error::Sink("a part of another sink".into()))?;
        self.flush()?;
        self.media_copied
            .set(self.media_copied.get() + part.media_copied);
        self.diagnostics.borrow_mut().extend(part.diagnostics);
        self.send(part.batch)
    }
}

/// What a [`WorkerSink`] hands over.
struct WorkerPart {
    batch: Batch,
    media_copied: u64,
    diagnostics: Vec<Diagnostic>,
}

/// Encodes the records of one parallel task on a worker thread.
struct WorkerSink<'a> {
    encoder: Encoder<'a>,
}

impl WorkerSink<'_> {
    fn part(&mut self) -> Part {
        Box::new(WorkerPart {
            batch: self.encoder.take_batch(),
            media_copied: std::mem::take(&mut self.encoder.media_copied),
            diagnostics: std::mem::take(&mut self.encoder.diagnostics),
        })
    }
}

impl RecordSink for WorkerSink<'_> {
    fn push(
        &mut self,
        record: Record,
        path: &str,
        locator: String,
    ) -> Result<(), freehold_archive::Error> {
        self.encoder.push(record, path, &locator);
        Ok(())
    }
}

impl SplitSink for WorkerSink<'_> {
    fn take_ready(&mut self) -> Option<Part> {
        self.encoder.batch.is_full().then(|| self.part())
    }

    fn take_rest(&mut self) -> Option<Part> {
        let empty = self.encoder.batch.is_empty()
            && self.encoder.media_copied == 0
            && self.encoder.diagnostics.is_empty();
        (!empty).then(|| self.part())
    }
}

/// Rolls the transaction back unless it was committed, and turns foreign-key enforcement
/// back on for the connection's other users.
struct TxGuard<'a> {
    conn: &'a Connection,
    open: bool,
}

impl Drop for TxGuard<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        let _ = self.conn.pragma_update(None, "foreign_keys", "ON");
    }
}

/// Drops the secondary indexes of tables that are still empty and returns the statements
/// that create them again. Building an index once from the loaded rows is several times
/// faster than updating it row by row; the whole exchange happens inside the import's
/// transaction, so a failed import leaves every index in place.
fn defer_indexes(conn: &Connection) -> Result<Vec<String>, Error> {
    let mut statement = conn.prepare(
        "SELECT i.name, i.sql, i.tbl_name FROM sqlite_schema i
         WHERE i.type = 'index' AND i.sql IS NOT NULL ORDER BY i.name",
    )?;
    let indexes = statement
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut deferred = Vec::new();
    for (name, sql, table) in indexes {
        let empty: bool = conn.query_row(
            &format!("SELECT NOT EXISTS (SELECT 1 FROM \"{table}\")"),
            [],
            |r| r.get(0),
        )?;
        if empty {
            conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
            deferred.push(sql);
        }
    }
    Ok(deferred)
}

/// Checks that every reference written by this import points at a row that exists.
///
/// Enforcement by SQLite is off while an import writes (a deferred check costs a lookup
/// per row and, while any reference dangles, a scan of the child table per parent row).
/// This check does the work once, for the rows the import wrote: the new rows, which
/// lie after every row the table had before (rowids only grow), and the rows it merged
/// into, whose rowids `temp.freehold_touched` lists. One pass per table tests all of its
/// references together.
fn check_references(conn: &Connection, tables: &[TableWriter<'_>]) -> Result<(), Error> {
    let mut problems = Vec::new();
    let mut list =
        conn.prepare("SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?1)")?;
    for (index, (table, writer)) in TABLES.iter().zip(tables).enumerate() {
        if !writer.written {
            continue;
        }
        let references = list
            .query_map([table.name], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        if references.is_empty() {
            continue;
        }
        let tests: Vec<String> = references
            .iter()
            .map(|(column, parent, key)| {
                format!(
                    "CASE WHEN c.\"{column}\" IS NOT NULL AND NOT EXISTS \
                     (SELECT 1 FROM \"{parent}\" x WHERE x.\"{key}\" = c.\"{column}\") \
                     THEN '{column} points at a missing {parent} row ' || c.\"{column}\" END"
                )
            })
            .collect();
        let tests = tests.join(", ");
        let t = table.name;
        let sql = format!(
            "SELECT id, problem FROM (
                 SELECT c.id, COALESCE({tests}, NULL) AS problem FROM \"{t}\" c WHERE c.rowid > ?1
                 UNION ALL
                 SELECT c.id, COALESCE({tests}, NULL) AS problem
                 FROM temp.freehold_touched u JOIN \"{t}\" c ON c.rowid = u.rid WHERE u.tbl = ?2
             ) WHERE problem IS NOT NULL LIMIT 3"
        );
        let mut check = conn.prepare(&sql)?;
        let rows = check.query_map((writer.rowids_before, index as i64), |r| {
            Ok(format!(
                "{t} {}: {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?
            ))
        })?;
        for row in rows {
            problems.push(row?);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        problems.truncate(5);
        Err(Error::Integrity(format!(
            "FOREIGN KEY constraint failed ({})",
            problems.join("; ")
        )))
    }
}

/// How one table is written during an import: a plain insert for a new key, a merge
/// for an existing one.
struct TableWriter<'c> {
    insert: Option<rusqlite::Statement<'c>>,
    merge: Option<rusqlite::Statement<'c>>,
    /// The largest rowid before the import: every row after it is new.
    rowids_before: i64,
    /// Whether the import wrote to the table.
    written: bool,
    /// Whether the table has foreign keys: only then are merged rows listed for
    /// `check_references`.
    references: bool,
}

impl<'c> TableWriter<'c> {
    fn new(conn: &'c Connection, table: &TableDef) -> Result<Self, Error> {
        if table.name == provenance_def().name {
            return Ok(TableWriter {
                insert: None,
                merge: None,
                rowids_before: 0,
                written: false,
                references: false,
            });
        }
        let references: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM pragma_foreign_key_list(?1))",
            [table.name],
            |r| r.get(0),
        )?;
        let merge = merge_sql(table).map(|sql| {
            if references {
                sql
            } else {
                sql.replace(" RETURNING rowid", "")
            }
        });
        Ok(TableWriter {
            insert: Some(conn.prepare(&insert_sql(table))?),
            merge: merge.map(|sql| conn.prepare(&sql)).transpose()?,
            rowids_before: conn.query_row(
                &format!("SELECT COALESCE(MAX(rowid), 0) FROM \"{}\"", table.name),
                [],
                |r| r.get(0),
            )?,
            written: false,
            references,
        })
    }

    /// Writes one encoded row; returns the rowid of the row it merged into, if any.
    fn write(&mut self, batch: &Batch, slots: &[Slot]) -> Result<Option<i64>, Error> {
        let Some(insert) = self.insert.as_mut() else {
            return Err(Error::Integrity(
                "provenance rows cannot be written directly".into(),
            ));
        };
        self.written = true;
        bind(insert, batch, slots)?;
        if insert.raw_execute()? > 0 {
            return Ok(None);
        }
        let Some(merge) = self.merge.as_mut() else {
            return Ok(None);
        };
        bind(merge, batch, slots)?;
        if !self.references {
            merge.raw_execute()?;
            return Ok(None);
        }
        let mut rows = merge.raw_query();
        let rowid = match rows.next()? {
            Some(row) => Some(row.get(0)?),
            None => None,
        };
        Ok(rowid)
    }
}

fn bind(
    statement: &mut rusqlite::Statement<'_>,
    batch: &Batch,
    slots: &[Slot],
) -> Result<(), Error> {
    for (i, slot) in slots.iter().enumerate() {
        match *slot {
            Slot::Null => statement.raw_bind_parameter(i + 1, rusqlite::types::Null)?,
            Slot::Int(v) => statement.raw_bind_parameter(i + 1, v)?,
            Slot::Real(v) => statement.raw_bind_parameter(i + 1, v)?,
            Slot::Text { start, len } => {
                statement.raw_bind_parameter(i + 1, batch.text(start..start + len))?;
            }
        }
    }
    Ok(())
}

/// Writes provenance: one `provenance_sources` row per file of the import, then one
/// short `provenance_entries` row per record.
struct ProvenanceWriter<'c> {
    import_id: String,
    source: rusqlite::Statement<'c>,
    source_id: rusqlite::Statement<'c>,
    entry: rusqlite::Statement<'c>,
    sources: std::collections::HashMap<Arc<str>, i64>,
}

impl<'c> ProvenanceWriter<'c> {
    fn new(conn: &'c Connection, import_id: &str) -> Result<Self, Error> {
        Ok(ProvenanceWriter {
            import_id: import_id.to_string(),
            source: conn.prepare(
                "INSERT INTO provenance_sources (import_id, path) VALUES (?1, ?2)
                 ON CONFLICT (import_id, path) DO NOTHING",
            )?,
            source_id: conn
                .prepare("SELECT id FROM provenance_sources WHERE import_id = ?1 AND path = ?2")?,
            entry: conn.prepare(
                "INSERT INTO provenance_entries (entity_id, entity, source, locator)
                 VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
            )?,
            sources: std::collections::HashMap::new(),
        })
    }

    fn source(&mut self, path: &Arc<str>) -> Result<i64, Error> {
        if let Some(&id) = self.sources.get(path) {
            return Ok(id);
        }
        self.source.execute((self.import_id.as_str(), &**path))?;
        let id = self
            .source_id
            .query_row((self.import_id.as_str(), &**path), |r| r.get(0))?;
        self.sources.insert(Arc::clone(path), id);
        Ok(id)
    }

    fn write(
        &mut self,
        entity: &str,
        entity_id: &str,
        path: &Arc<str>,
        locator: &str,
    ) -> Result<(), Error> {
        let source = self.source(path)?;
        self.entry.raw_bind_parameter(1, entity_id)?;
        self.entry.raw_bind_parameter(2, entity)?;
        self.entry.raw_bind_parameter(3, source)?;
        self.entry.raw_bind_parameter(4, locator)?;
        self.entry.raw_execute()?;
        Ok(())
    }
}

fn write(conn: &mut Connection, rx: &Receiver<Msg>, import: Import) -> Result<(), Error> {
    // Checked by `check_references` before the commit instead.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let mut guard = TxGuard { conn, open: false };
    let conn = guard.conn;
    conn.execute_batch("BEGIN IMMEDIATE")?;
    guard.open = true;
    let deferred_indexes = defer_indexes(conn)?;
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS freehold_touched (tbl INTEGER NOT NULL, rid INTEGER NOT NULL);
         DELETE FROM temp.freehold_touched;",
    )?;
    // Statements per table, in the order of TABLES, for the whole import; provenance is
    // a view, written through `ProvenanceWriter`.
    let mut tables = TABLES
        .iter()
        .map(|t| TableWriter::new(conn, t))
        .collect::<Result<Vec<_>, _>>()?;
    let mut import_statement = conn.prepare(&upsert_sql(Import::DEF))?;
    upsert(&mut import_statement, &import.cells())?;
    let mut touched =
        conn.prepare("INSERT INTO temp.freehold_touched (tbl, rid) VALUES (?1, ?2)")?;
    let mut provenance = ProvenanceWriter::new(conn, &import.id)?;
    let mut window: Vec<Batch> = Vec::new();
    loop {
        match rx.recv() {
            Ok(Msg::Batch(batch)) => {
                window.push(batch);
                if window_full(&window) {
                    write_window(&mut window, &mut tables, &mut touched, &mut provenance)?;
                }
            }
            Ok(Msg::Finish(import)) => {
                write_window(&mut window, &mut tables, &mut touched, &mut provenance)?;
                upsert(&mut import_statement, &import.cells())?;
                drop((import_statement, touched, provenance));
                // The page cache gives way to the sorter while the indexes are built, so
                // the two together stay within the import's memory.
                conn.pragma_update(None, "cache_size", -CACHE_KIB / 3)?;
                for sql in &deferred_indexes {
                    conn.execute_batch(sql)?;
                }
                conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
                check_references(conn, &tables)?;
                drop(tables);
                conn.execute_batch("DELETE FROM temp.freehold_touched; COMMIT")?;
                guard.open = false;
                return Ok(());
            }
            // The parser stopped without finishing: roll back.
            Err(_) => return Err(Error::Archive(freehold_archive::Error::Interrupted)),
        }
    }
}

/// Rows written at once, at most, sorted by table and key (see [`write_window`]).
const WINDOW_ROWS: usize = 32 * 1024;
/// Bytes held for one window, at most.
const WINDOW_BYTES: usize = 8 << 20;

fn window_full(window: &[Batch]) -> bool {
    window.iter().map(Batch::len).sum::<usize>() >= WINDOW_ROWS
        || window.iter().map(Batch::footprint).sum::<usize>() >= WINDOW_BYTES
}

/// Writes the batches of a window in the order of their table and key. Keys that arrive
/// in no order (Facebook's hashed message ids) then reach each B-tree page a few at a
/// time instead of one page read per row. The sort is stable, so records with the same
/// key are still merged in the order the parser sent them: the result is the same as
/// writing in arrival order.
fn write_window(
    window: &mut Vec<Batch>,
    tables: &mut [TableWriter<'_>],
    touched: &mut rusqlite::Statement<'_>,
    provenance: &mut ProvenanceWriter<'_>,
) -> Result<(), Error> {
    let mut order: Vec<(u8, &str, u32, u32)> = Vec::new();
    for (b, batch) in window.iter().enumerate() {
        for (r, row) in batch.rows.iter().enumerate() {
            let key = match batch.slots.get(row.cells.start as usize) {
                Some(&Slot::Text { start, len }) => batch.text(start..start + len),
                _ => "",
            };
            order.push((row.table, key, offset(b), offset(r)));
        }
    }
    order.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    for (table_number, entity_id, b, r) in order {
        let batch = &window[b as usize];
        let row = &batch.rows[r as usize];
        let table = usize::from(table_number);
        let (Some(def), Some(writer)) = (TABLES.get(table), tables.get_mut(table)) else {
            return Err(Error::Integrity(format!(
                "a parser sent a row for table number {table}, which cannot be written"
            )));
        };
        let slots = &batch.slots[row.cells.start as usize..row.cells.end as usize];
        if let Some(rowid) = writer.write(batch, slots)? {
            touched.execute((table_number, rowid))?;
        }
        if let Some(path) = batch.paths.get(row.path as usize) {
            provenance.write(def.name, entity_id, path, batch.text(row.locator.clone()))?;
        }
    }
    window.clear();
    Ok(())
}

fn upsert(statement: &mut rusqlite::Statement<'_>, cells: &[Cell<'_>]) -> Result<(), Error> {
    statement.execute(rusqlite::params_from_iter(cells.iter().map(SqlCell)))?;
    Ok(())
}

struct SqlCell<'a>(&'a Cell<'a>);

impl ToSql for SqlCell<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self.0 {
            Cell::Null => ValueRef::Null,
            Cell::Int(i) => ValueRef::Integer(*i),
            Cell::Real(f) => ValueRef::Real(*f),
            Cell::Text(s) => ValueRef::Text(s.as_bytes()),
        }))
    }
}
