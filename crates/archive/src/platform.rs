//! The [`Platform`] trait every parser implements, and the [`ParseContext`] it writes to.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use freehold_model::Record;

use crate::layout::AnyLayout;
use crate::progress::{NoProgress, Progress};
use crate::report::{Diagnostic, Fate, Report, Severity};
use crate::sink::RecordSink;
use crate::{Archive, Entry, Error};

/// What a platform recognised in an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    /// The platform's name: `twitter`, `facebook`, `linkedin`, `hyves`.
    pub platform: &'static str,
    /// The era, as the platform's own typed value; its [`AnyLayout::name`] (e.g.
    /// `twitter/ytd-data-plural`) is what the report and the database show.
    pub layout: AnyLayout,
    /// How sure the platform is, 0–100; the highest score wins.
    pub confidence: u8,
}

/// A parser for one platform's export archives.
///
/// Implementations detect an archive by its content (not by file names alone) and parse
/// it, pushing records into the context's sink and problems into its report. Only a
/// problem that makes the whole archive unreadable is an `Err`.
pub trait Platform: Send + Sync {
    /// The platform's name, also the prefix of its layouts.
    fn name(&self) -> &'static str;

    /// Looks at the archive's paths and the first bytes of its files, and says whether
    /// this platform exported it.
    fn detect(&self, archive: &Archive) -> Option<Detection>;

    /// When the platform made this archive, if the archive says so in a small file that
    /// can be read before the parse (X's `manifest.js`, a Hyves dump's manifest). The
    /// import orders snapshots by it; the default says nothing, and the archive's name
    /// or its newest record are used instead.
    fn snapshot(
        &self,
        archive: &Archive,
        detection: &Detection,
    ) -> Option<crate::snapshot::Snapshot> {
        let _ = (archive, detection);
        None
    }

    /// The names of the top-level folders this platform's exports are made of (`data`
    /// for X): such a folder is part of an export even when it is detected on its own,
    /// never an archive of its own beside others (see [`crate::roots::find`]). Compared
    /// lower-cased, apostrophes as `_`.
    fn data_folders(&self) -> &'static [&'static str] {
        &[]
    }

    /// Parses the archive.
    fn parse(
        &self,
        archive: &Archive,
        detection: &Detection,
        cx: &mut ParseContext<'_>,
    ) -> Result<(), Error>;
}

/// What a parser writes to while it parses one archive: the sink, the report, progress.
pub struct ParseContext<'a> {
    pub(crate) sink: &'a mut dyn RecordSink,
    pub(crate) progress: &'a dyn Progress,
    pub(crate) interrupt: Option<&'a AtomicBool>,
    report: Report,
    /// Records counted for files this context has not given a fate (a task of
    /// [`ParseContext::parallel`] reading part of a file its parent began).
    orphans: HashMap<String, u64>,
}

impl<'a> ParseContext<'a> {
    /// A context writing to `sink`.
    pub fn new(sink: &'a mut dyn RecordSink) -> Self {
        ParseContext {
            sink,
            progress: &NoProgress,
            interrupt: None,
            report: Report::default(),
            orphans: HashMap::new(),
        }
    }

    /// The sink, the report and the orphan counts, borrowed apart.
    pub(crate) fn parts_mut(
        &mut self,
    ) -> (&dyn RecordSink, &mut Report, &mut HashMap<String, u64>) {
        (&*self.sink, &mut self.report, &mut self.orphans)
    }

    /// The report and orphan counts of a finished task.
    pub(crate) fn into_parts(self) -> (Report, HashMap<String, u64>) {
        (self.report, self.orphans)
    }

    /// Reports progress to `progress`.
    pub fn with_progress(mut self, progress: &'a dyn Progress) -> Self {
        self.progress = progress;
        self
    }

    /// Stops the parse with [`Error::Interrupted`] once `flag` is set.
    pub fn with_interrupt(mut self, flag: &'a AtomicBool) -> Self {
        self.interrupt = Some(flag);
        self
    }

    /// The progress receiver.
    pub fn progress(&self) -> &'a dyn Progress {
        self.progress
    }

    /// Writes one record read from `path` at `locator`.
    pub fn emit(
        &mut self,
        record: impl Into<Record>,
        path: &str,
        locator: impl Into<String>,
    ) -> Result<(), Error> {
        if self.interrupt.is_some_and(|f| f.load(Ordering::Relaxed)) {
            return Err(Error::Interrupted);
        }
        let record = record.into();
        *self.report.records.entry(record.def().name).or_default() += 1;
        if let Some(file) = self.report.files.get_mut(path) {
            file.records += 1;
        } else if let Some(n) = self.orphans.get_mut(path) {
            *n += 1;
        } else {
            self.orphans.insert(path.to_string(), 1);
        }
        self.sink.push(record, path, locator.into())
    }

    /// Marks a file as being read (its fate becomes `parsed` unless changed later).
    pub fn begin_file(&mut self, entry: &Entry, note: &str) {
        self.progress.file(&entry.path);
        self.report.set_fate(
            &entry.path,
            entry.size,
            Fate::Parsed,
            Some(note.to_string()),
        );
    }

    /// Sets the fate of a file.
    pub fn set_fate(&mut self, entry: &Entry, fate: Fate, note: impl Into<String>) {
        self.report
            .set_fate(&entry.path, entry.size, fate, Some(note.into()));
    }

    /// Sets the fate of the entry at `path` (of `bytes` bytes), for a parser that kept
    /// the path rather than the [`Entry`].
    pub fn set_fate_of(&mut self, path: &str, bytes: u64, fate: Fate, note: impl Into<String>) {
        self.report.set_fate(path, bytes, fate, Some(note.into()));
    }

    /// Records which header a table file had: the era that matched, or the header
    /// itself (see [`crate::FileReport::header`]).
    pub fn set_header(&mut self, entry: &Entry, header: impl Into<String>) {
        if let Some(file) = self.report.files.get_mut(&entry.path) {
            file.header = Some(header.into());
        }
    }

    /// Records when the platform generated the export.
    pub fn set_generated_at(&mut self, at: Option<String>) {
        if at.is_some() {
            self.report.generated_at = at;
        }
    }

    /// Adds diagnostics found outside the parser (for example by a sink).
    pub fn extend_diagnostics(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        for d in diagnostics {
            self.report.diagnose(d);
        }
    }

    /// The fate given to a file so far, if any.
    pub fn fate(&self, path: &str) -> Option<Fate> {
        self.report.files.get(path).map(|f| f.fate)
    }

    /// Records a problem.
    pub fn diagnose(
        &mut self,
        severity: Severity,
        code: crate::codes::Code,
        path: Option<&str>,
        locator: Option<String>,
        message: impl Into<String>,
    ) {
        self.report.diagnose(Diagnostic {
            severity,
            code,
            path: path.map(str::to_string),
            locator,
            message: message.into(),
        });
    }

    /// Records that reading a file stopped with an error: the file becomes `partial`
    /// if records were read from it, `failed` otherwise.
    pub fn file_failed(
        &mut self,
        entry: &Entry,
        code: crate::codes::Code,
        locator: Option<String>,
        message: impl Into<String>,
    ) {
        let records = self.report.files.get(&entry.path).map_or(0, |f| f.records);
        let fate = if records > 0 {
            Fate::Partial
        } else {
            Fate::Failed
        };
        self.report.set_fate(&entry.path, entry.size, fate, None);
        self.diagnose(Severity::Error, code, Some(&entry.path), locator, message);
    }

    /// Reports what a JSON reader recovered in a file (see [`crate::json::Recovery`]):
    /// each repaired value as a warning, each skipped element as an error, which leaves
    /// the file `partial`.
    pub fn json_recovered(&mut self, entry: &Entry, recoveries: &crate::json::Recoveries) {
        use crate::json::Recovery;
        for r in &recoveries.list {
            match r {
                Recovery::Repaired { field, problem, .. } => self.diagnose(
                    Severity::Warning,
                    crate::codes::VALUE_REPAIRED,
                    Some(&entry.path),
                    Some(r.locator()),
                    format!(
                        "{field}: {}; the source text is kept in extra",
                        problem.describe()
                    ),
                ),
                Recovery::Skipped { message, .. } => self.diagnose(
                    Severity::Error,
                    crate::codes::RECORD_SKIPPED,
                    Some(&entry.path),
                    Some(r.locator()),
                    format!("this record is not JSON ({message}); it was skipped and the records after it were read"),
                ),
            }
        }
        let listed = recoveries.list.len() as u64;
        let total = recoveries.repaired + recoveries.skipped;
        if total > listed {
            self.diagnose(
                Severity::Warning,
                crate::codes::RECOVERIES_NOT_LISTED,
                Some(&entry.path),
                None,
                format!(
                    "{} more repaired values or skipped records are not listed ({} repaired, {} skipped in all)",
                    total - listed,
                    recoveries.repaired,
                    recoveries.skipped
                ),
            );
        }
        if recoveries.skipped > 0 {
            let records = self.report.files.get(&entry.path).map_or(0, |f| f.records);
            let fate = if records > 0 {
                Fate::Partial
            } else {
                Fate::Failed
            };
            self.report.set_fate(&entry.path, entry.size, fate, None);
        }
    }

    /// Turns a failure to open or read one entry (a damaged zip member, a file that
    /// vanished) into a `failed` file with a diagnostic, so the rest of the archive still
    /// imports. Any other error (the sink stopped, the import was interrupted) is handed
    /// back to stop the parse.
    pub fn entry_error(&mut self, entry: &Entry, error: Error) -> Result<(), Error> {
        match error {
            Error::Entry { source, .. } => {
                self.file_failed(
                    entry,
                    crate::codes::UNREADABLE_FILE,
                    None,
                    format!("this file cannot be read: {source}"),
                );
                Ok(())
            }
            other => Err(other),
        }
    }

    /// Sets platform and layout, lists every file not given a fate as `unknown` and
    /// operating-system debris as `skipped`, and returns the report.
    pub fn finish(mut self, archive: &Archive, detection: &Detection) -> Report {
        self.report.platform = detection.platform.to_string();
        self.report.layout = detection.layout.name().to_string();
        for entry in archive.entries() {
            if let Some(reason) = entry.refused() {
                // Refused by the limits, whether or not the parser tried it (a media
                // file is read only to be copied): failed, alike in a zip and a folder.
                let read = self.report.files.get(&entry.path);
                if read.is_none_or(|f| f.fate != Fate::Failed) {
                    let note = format!("refused: {reason}");
                    self.report.diagnose(Diagnostic {
                        severity: Severity::Error,
                        code: crate::codes::REFUSED,
                        path: Some(entry.path.clone()),
                        locator: None,
                        message: format!("this file was refused: {reason}"),
                    });
                    self.report
                        .set_fate(&entry.path, entry.size, Fate::Failed, Some(note));
                }
                continue;
            }
            if !self.report.files.contains_key(&entry.path) {
                self.report
                    .set_fate(&entry.path, entry.size, Fate::Unknown, None);
            }
        }
        for junk in archive.junk() {
            self.report.set_fate(
                &junk.path,
                junk.size,
                Fate::Skipped,
                Some("operating-system metadata".into()),
            );
        }
        self.report
    }

    /// The report so far.
    pub fn report(&self) -> &Report {
        &self.report
    }
}

/// A [`ParseContext`] bound to the file being read: records emitted through it carry
/// that file's path in their provenance.
pub struct FileSink<'c, 'a> {
    /// The context.
    pub cx: &'c mut ParseContext<'a>,
    /// The file inside the archive.
    pub path: String,
}

impl FileSink<'_, '_> {
    /// Writes one record found at `locator` in this file.
    pub fn emit(&mut self, record: impl Into<Record>, locator: &str) -> Result<(), Error> {
        self.cx.emit(record, &self.path, locator)
    }

    /// Records a problem found at `locator` in this file.
    pub fn diagnose(
        &mut self,
        severity: Severity,
        code: crate::codes::Code,
        locator: &str,
        message: impl Into<String>,
    ) {
        self.cx.report.diagnose(Diagnostic {
            severity,
            code,
            path: Some(self.path.clone()),
            locator: Some(locator.to_string()),
            message: message.into(),
        });
    }
}

/// Runs every platform's detection and returns the most confident one.
pub fn detect<'p>(
    platforms: &[&'p dyn Platform],
    archive: &Archive,
) -> Option<(&'p dyn Platform, Detection)> {
    platforms
        .iter()
        .filter_map(|p| p.detect(archive).map(|d| (*p, d)))
        .max_by_key(|(_, d)| d.confidence)
}
