//! Importing one archive: the parser runs on this thread and sends records in batches
//! over a bounded channel to a writer thread that owns the SQLite connection. The whole
//! archive is one transaction.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crossbeam_channel::{Receiver, Sender};
use freehold_archive::{
    Archive, Detection, Diagnostic, ParseContext, Platform, Progress, RecordSink, Report, Severity,
};
use freehold_model::{Cell, Import, Record, Row as _, TABLES, TableDef};
use rusqlite::Connection;
use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};

use crate::db::{provenance_def, upsert_sql};
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

const BATCH: usize = 1024;

struct Item {
    record: Record,
    path: Arc<str>,
    locator: String,
}

enum Msg {
    Batch(Vec<Item>),
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
            let mut sink = ChannelSink {
                tx,
                batch: Vec::with_capacity(BATCH),
                last_path: Arc::from(""),
                archive,
                media_dir: options.media_dir.as_deref(),
                media_copied: 0,
                diagnostics: Vec::new(),
            };
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
                    for d in sink.diagnostics.drain(..) {
                        report.diagnose(d);
                    }
                    import.generated_at = report.generated_at.clone();
                    import.report = Some(report.to_json());
                    let _ = sink.tx.send(Msg::Finish(Box::new(import)));
                    Ok(ImportOutcome {
                        import_id,
                        report,
                        media_copied: sink.media_copied,
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

struct ChannelSink<'a> {
    tx: Sender<Msg>,
    batch: Vec<Item>,
    last_path: Arc<str>,
    archive: &'a Archive,
    media_dir: Option<&'a std::path::Path>,
    media_copied: u64,
    diagnostics: Vec<Diagnostic>,
}

impl ChannelSink<'_> {
    fn flush(&mut self) -> Result<(), freehold_archive::Error> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        self.tx
            .send(Msg::Batch(batch))
            .map_err(|_| freehold_archive::Error::Sink("the database writer stopped".into()))
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

impl RecordSink for ChannelSink<'_> {
    fn push(
        &mut self,
        mut record: Record,
        path: &str,
        locator: String,
    ) -> Result<(), freehold_archive::Error> {
        if let Record::Media(media) = &mut record {
            self.copy_media(media);
        }
        if *self.last_path != *path {
            self.last_path = Arc::from(path);
        }
        self.batch.push(Item {
            record,
            path: Arc::clone(&self.last_path),
            locator,
        });
        if self.batch.len() >= BATCH {
            self.flush()?;
        }
        Ok(())
    }
}

/// Rolls the transaction back unless it was committed.
struct TxGuard<'a> {
    conn: &'a Connection,
    open: bool,
}

impl Drop for TxGuard<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

fn write(conn: &mut Connection, rx: &Receiver<Msg>, import: Import) -> Result<(), Error> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let mut guard = TxGuard { conn, open: true };
    let conn = guard.conn;
    // One prepared statement per table, in the order of TABLES, for the whole import.
    let mut statements = TABLES
        .iter()
        .map(|t| conn.prepare(&upsert_sql(t)))
        .collect::<Result<Vec<_>, _>>()?;
    let index_of = |def: &TableDef| {
        TABLES
            .iter()
            .position(|t| t.name == def.name)
            .unwrap_or_default()
    };
    let imports = index_of(Import::DEF);
    let provenance = index_of(provenance_def());
    upsert(&mut statements[imports], &import.cells())?;
    let import_id = import.id.clone();
    loop {
        match rx.recv() {
            Ok(Msg::Batch(items)) => {
                for item in items {
                    let def = item.record.def();
                    let cells = item.record.cells();
                    upsert(&mut statements[index_of(def)], &cells)?;
                    let entity_id = match cells.first() {
                        Some(Cell::Text(id)) => id.as_ref(),
                        _ => "",
                    };
                    statements[provenance].execute((
                        def.name,
                        entity_id,
                        import_id.as_str(),
                        &*item.path,
                        item.locator.as_str(),
                    ))?;
                }
            }
            Ok(Msg::Finish(import)) => {
                upsert(&mut statements[imports], &import.cells())?;
                drop(statements);
                if let Err(e) = conn.execute_batch("COMMIT") {
                    return Err(Error::Integrity(format!(
                        "{e}{}",
                        foreign_key_problems(conn)
                    )));
                }
                guard.open = false;
                return Ok(());
            }
            // The parser stopped without finishing: roll back.
            Err(_) => return Err(Error::Archive(freehold_archive::Error::Interrupted)),
        }
    }
}

fn upsert(statement: &mut rusqlite::Statement<'_>, cells: &[Cell<'_>]) -> Result<(), Error> {
    statement.execute(rusqlite::params_from_iter(cells.iter().map(SqlCell)))?;
    Ok(())
}

fn foreign_key_problems(conn: &Connection) -> String {
    let Ok(mut stmt) =
        conn.prepare("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check LIMIT 5")
    else {
        return String::new();
    };
    let rows: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "{} row {} points at a missing {}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1).unwrap_or_default(),
                r.get::<_, String>(2)?
            ))
        })
        .map(|rows| rows.filter_map(Result::ok).collect())
        .unwrap_or_default();
    if rows.is_empty() {
        String::new()
    } else {
        format!(" ({})", rows.join("; "))
    }
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
