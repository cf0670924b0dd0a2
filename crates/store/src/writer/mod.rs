//! Importing one archive: the parser runs on this thread (and its parallel tasks on
//! rayon's), encodes records into batches (`batch`) through the import's sinks (`sink`)
//! and sends them through a queue bounded by bytes (`queue`) to a writer thread that owns the SQLite
//! connection (`sql`). The whole archive is one transaction.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use freehold_archive::{Archive, Detection, ParseContext, Platform, Progress, Report, Severity};
use freehold_model::Import;

use rusqlite::Connection;

use crate::{Error, Store};
use batch::Batch;
use sink::ChannelSink;

/// Options of one import.
pub struct ImportOptions<'a> {
    /// Copy every media file the archive holds into this folder, content-addressed.
    pub media_dir: Option<PathBuf>,
    /// Receives progress.
    pub progress: &'a dyn Progress,
    /// Set to stop the import; nothing of it is written.
    pub interrupt: Option<&'a AtomicBool>,
    /// When the archive was made (ISO 8601), overriding what the archive says. Orders
    /// snapshots of one account: the newest snapshot's values win.
    pub snapshot_date: Option<String>,
}

impl Default for ImportOptions<'_> {
    fn default() -> Self {
        ImportOptions {
            media_dir: None,
            progress: &freehold_archive::NoProgress,
            interrupt: None,
            snapshot_date: None,
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
    /// The snapshot time the import was ordered by (`imports.generated_at`).
    pub snapshot: Option<String>,
    /// Whether another import of the platform is a newer snapshot: then rows both hold
    /// kept the newer values.
    pub older_than_another: bool,
    /// Rows that a newer snapshot also holds, whose values this import did not overwrite
    /// (it only filled values they lacked).
    pub rows_kept_newer: u64,
}

/// What the writer thread wrote.
struct Written {
    import_id: String,
    snapshot: Option<String>,
    older: bool,
    kept_newer: u64,
}

mod batch;
mod fast;
mod first;
mod queue;
mod sink;
mod snapshot;
mod sql;

enum Msg {
    Batch(Batch),
    Finish(Box<Finished>),
}

/// What the parse found out about the whole archive, sent last.
struct Finished {
    generated_at: Option<String>,
    /// The import's report, as JSON.
    report: serde_json::Map<String, serde_json::Value>,
}

impl Store {
    /// Imports one archive that `platform` detected, in one transaction: either all of it
    /// is written or none of it. Importing the same archive again changes nothing.
    ///
    /// The first import into a database that [`Store::open`] has just created is built in
    /// a file of its own next to it (`.<name>.building`), without a journal, and moved
    /// into place when it is complete: a failed or interrupted import leaves the empty
    /// database as it was, and the data is written once instead of twice (to the
    /// write-ahead log and then to the database).
    pub fn import(
        &mut self,
        archive: &Archive,
        platform: &dyn Platform,
        detection: &Detection,
        options: &ImportOptions<'_>,
    ) -> Result<ImportOutcome, Error> {
        if !self.fresh {
            first::clear_stale_build(&self.path)?;
            let result = match import_into(&mut self.conn, archive, platform, detection, options) {
                // Another freehold's first import replaced the database while this one
                // waited to write: write into the database that is there now.
                Err(Error::Replaced) => {
                    self.reopen()?;
                    import_into(&mut self.conn, archive, platform, detection, options)
                }
                result => result,
            };
            // The write-ahead log goes into the database when the import ends, written or
            // rolled back, instead of staying beside it (as large as the import) until
            // the next open. A reader that holds the log back only makes this a no-op.
            let _ = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
            return result;
        }
        // The empty database stays write-locked for the whole build: another freehold that
        // wants to write to it waits, and then finds it marked as replaced (see
        // `sql::write`) instead of writing into a file that is about to be replaced.
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let result = self.build_first(archive, platform, detection, options);
        if result.is_err() && !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        result
    }
}

/// The import itself, into an open connection.
fn import_into(
    conn: &mut Connection,
    archive: &Archive,
    platform: &dyn Platform,
    detection: &Detection,
    options: &ImportOptions<'_>,
) -> Result<ImportOutcome, Error> {
    let imported_at = freehold_model::time::now();
    let snapshot = snapshot::find(conn, archive, platform, detection, options)?;
    let (tx, rx) = queue::queue();
    std::thread::scope(|scope| {
        // The writer fingerprints the archive (for a folder, a read of every file) while
        // the parser fills the queue.
        let writer = scope.spawn(move || {
            let fingerprint = archive.fingerprint()?;
            let import = Import {
                id: freehold_model::id::import_id(&fingerprint),
                platform: detection.platform.to_string(),
                layout: detection.layout.name().to_string(),
                source_name: archive.name(),
                source_sha256: fingerprint,
                source_bytes: i64::try_from(archive.total_bytes()).unwrap_or(i64::MAX),
                generated_at: snapshot.as_ref().map(|s| s.at.clone()),
                imported_at: Some(imported_at),
                tool_version: concat!("freehold ", env!("CARGO_PKG_VERSION")).to_string(),
                report: None,
                extra: snapshot.as_ref().map(snapshot::extra),
            };
            sql::write(conn, &rx, import, options.progress)
        });
        let mut sink = ChannelSink::new(tx, archive, options.media_dir.as_deref());
        let mut cx = ParseContext::new(&mut sink).with_progress(options.progress);
        if let Some(flag) = options.interrupt {
            cx = cx.with_interrupt(flag);
        }
        options.progress.start(archive.data_bytes());
        let parsed = platform
            .parse(archive, detection, &mut cx)
            .and_then(|()| freehold_archive::keep_unmapped(archive, detection.platform, &mut cx));
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
                let _ = sink.tx.finish(Box::new(Finished {
                    generated_at: report.generated_at.clone(),
                    report: report.to_json(),
                }));
                Ok((report, sink.media_copied()))
            }
            Err(e) => Err(e),
        };
        drop(sink);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(Error::Integrity("the writer thread panicked".into())));
        match (outcome, written) {
            (Ok((report, media_copied)), Ok(written)) => Ok(ImportOutcome {
                import_id: written.import_id,
                report,
                media_copied,
                snapshot: written.snapshot,
                older_than_another: written.older,
                rows_kept_newer: written.kept_newer,
            }),
            // When the sink failed, the writer's own error says why.
            (Err(Error::Archive(freehold_archive::Error::Sink(_))), Err(e)) => Err(e),
            // Otherwise the parse stopped first, and the writer only rolled back.
            (Err(e), _) => Err(e),
            (Ok(_), Err(e)) => Err(e),
        }
    })
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
