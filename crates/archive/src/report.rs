//! The import report: every file of the archive with its fate, and every diagnostic.

use std::collections::BTreeMap;

use serde::Serialize;

/// What happened to one file of the archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fate {
    /// Read completely into records.
    Parsed,
    /// Read in part: a problem stopped it after some records (see the diagnostics).
    Partial,
    /// Could not be read at all (see the diagnostics).
    Failed,
    /// A media file (photo, video, ...), linked to the records that use it.
    Media,
    /// A file the parser knows and deliberately does not import (viewer assets, ads data,
    /// a duplicate of data read elsewhere). The note says why.
    Skipped,
    /// A file no parser knows.
    Unknown,
}

/// One file of the archive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileReport {
    /// The normalised path inside the archive.
    pub path: String,
    /// Uncompressed size.
    pub bytes: u64,
    /// What happened to it.
    pub fate: Fate,
    /// Records written from it.
    pub records: u64,
    /// What kind of data it holds, or why it was skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// For a table file (CSV): the era of the header that matched (`2018`, `2023`), or,
    /// when its header matches no known era, `unknown: ` and the header as read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Something looked odd but nothing was lost.
    Info,
    /// Something could not be read, or data the archive promised is missing.
    Warning,
    /// A whole file or a run of records was lost.
    Error,
}

/// A recoverable problem, with the file and position it was found at.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// A stable short code, e.g. `json-syntax`, `missing-part`, `bad-date`.
    pub code: crate::codes::Code,
    /// The file inside the archive, if the problem belongs to one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The position inside the file: `line 3, column 7`, `[12]`, `row 40`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    /// What happened, for a person.
    pub message: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let severity = match self.severity {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{severity}[{}]", self.code)?;
        if let Some(path) = &self.path {
            write!(f, " {path}")?;
            if let Some(locator) = &self.locator {
                write!(f, " ({locator})")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// At most this many diagnostics are kept; the rest are only counted.
pub const MAX_DIAGNOSTICS: usize = 10_000;

/// The report of one import.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// The platform that parsed the archive.
    pub platform: String,
    /// The era detected.
    pub layout: String,
    /// When the platform generated the export, if the archive says (UTC).
    pub generated_at: Option<String>,
    /// Every file of the archive, by path.
    pub files: BTreeMap<String, FileReport>,
    /// Records written per table.
    pub records: BTreeMap<&'static str, u64>,
    /// Recoverable problems.
    pub diagnostics: Vec<Diagnostic>,
    /// Diagnostics beyond [`MAX_DIAGNOSTICS`] that were counted but not kept.
    pub diagnostics_dropped: u64,
}

impl Report {
    /// Records a diagnostic.
    pub fn diagnose(&mut self, diagnostic: Diagnostic) {
        if self.diagnostics.len() < MAX_DIAGNOSTICS {
            self.diagnostics.push(diagnostic);
        } else {
            self.diagnostics_dropped += 1;
        }
    }

    /// Sets the fate of a file (keeping its record count).
    pub fn set_fate(&mut self, path: &str, bytes: u64, fate: Fate, note: Option<String>) {
        let file = self
            .files
            .entry(path.to_string())
            .or_insert_with(|| FileReport {
                path: path.to_string(),
                bytes,
                fate,
                records: 0,
                note: None,
                header: None,
            });
        file.fate = fate;
        file.bytes = bytes;
        if note.is_some() {
            file.note = note;
        }
    }

    /// Counts files per fate.
    pub fn fate_counts(&self) -> BTreeMap<Fate, usize> {
        let mut counts = BTreeMap::new();
        for file in self.files.values() {
            *counts.entry(file.fate).or_default() += 1;
        }
        counts
    }

    /// Whether records of the archive were lost: a file `failed` or `partial`, or an
    /// error-level diagnostic (a record skipped). The CLI's exit code 1.
    pub fn records_lost(&self) -> bool {
        self.files
            .values()
            .any(|f| matches!(f.fate, Fate::Failed | Fate::Partial))
            || self
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
    }

    /// The total number of records written.
    pub fn total_records(&self) -> u64 {
        self.records.values().sum()
    }

    /// The report as a JSON object, for the `imports.report` column.
    pub fn to_json(&self) -> serde_json::Map<String, serde_json::Value> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => serde_json::Map::new(),
        }
    }
}
