//! Shared plumbing: emitting with a path, reading a CSV entry row by row with its
//! diagnostics, `extra`, dates and ids.

use std::cell::Cell;

use freehold_archive::{Archive, Entry, Error, Fate, ParseContext, Severity};
use freehold_model::{ProfileField, id};
use serde_json::{Map, Value};

use freehold_archive::csv::{CsvLimits, CsvReader, Header, Row};

use crate::date;
use crate::vocab::Vocab;

/// The platform name.
pub(crate) const PLATFORM: &str = "linkedin";

/// The ids of this platform (`li:…`).
pub(crate) const IDS: freehold_model::id::Ids = freehold_model::id::Ids::LINKEDIN;

/// Emits records read from one file, with a shared path.
pub(crate) use freehold_archive::FileSink as Out;

/// A data row with its header: look-ups by column name.
pub(crate) struct Rec<'h> {
    pub header: &'h Header,
    pub row: Row,
    /// Set once an `ambiguous-date` note was given for the file.
    pub ambiguous_noted: &'h Cell<bool>,
}

impl Rec<'_> {
    /// `line N`.
    pub(crate) fn loc(&self) -> String {
        format!("line {}", self.row.line)
    }

    /// The value of the first of `names` that is a column and is not blank, untrimmed.
    pub(crate) fn raw(&self, names: &[&str]) -> Option<&str> {
        names.iter().find_map(|n| {
            let i = self.header.col(n)?;
            self.row
                .fields
                .get(i)
                .map(String::as_str)
                .filter(|v| !v.trim().is_empty())
        })
    }

    /// The trimmed value of the first of `names` that is a non-blank column.
    pub(crate) fn get(&self, names: &[&str]) -> Option<&str> {
        self.raw(names).map(str::trim)
    }

    /// Text with Windows line ends made plain `\n`.
    pub(crate) fn text(&self, names: &[&str]) -> Option<String> {
        self.raw(names).map(|t| t.replace("\r\n", "\n"))
    }

    /// Every non-blank column not named in `mapped`, by its header name, plus fields
    /// beyond the header (a ragged row) under `_extra_fields`.
    pub(crate) fn extra(&self, mapped: &[&str]) -> Map<String, Value> {
        let mut extra = Map::new();
        let mapped: Vec<String> = mapped
            .iter()
            .map(|m| freehold_archive::csv::norm(m))
            .collect();
        for (i, name) in self.header.names.iter().enumerate() {
            let Some(value) = self.row.fields.get(i).filter(|v| !v.trim().is_empty()) else {
                continue;
            };
            if self
                .header
                .normalised(i)
                .is_some_and(|n| mapped.iter().any(|m| m == n))
            {
                continue;
            }
            let mut key = if name.is_empty() {
                format!("column {}", i + 1)
            } else {
                name.clone()
            };
            while extra.contains_key(&key) {
                key.push('\'');
            }
            extra.insert(key, Value::from(value.as_str()));
        }
        if let Some(surplus) = self.row.surplus(self.header.len()) {
            extra.insert("_extra_fields".into(), surplus);
        }
        extra
    }

    /// Parses the date in the first of `names`; the raw text stays in `extra` (the column
    /// is never in the mapped list). A date in no known format gives a `bad-date`
    /// warning naming the file and line, and `None`; the row is kept. A range
    /// (`May 07, 2022 08:00 AM - May 07, 2022 11:00 AM`) gives its start, with a
    /// `date-range` note; [`Rec::date_range`] reads both ends.
    pub(crate) fn date(&self, out: &mut Out<'_, '_>, names: &[&str]) -> Option<String> {
        let (start, end) = self.date_range(out, names);
        if start.is_some() && end.is_some() {
            out.diagnose(
                Severity::Info,
                freehold_archive::codes::DATE_RANGE,
                &self.loc(),
                format!(
                    "{:?} is a range; only its start is kept in this column (the raw text stays in extra)",
                    self.get(names).unwrap_or_default()
                ),
            );
        }
        start
    }

    /// Parses the date or date range (`<start> - <end>`, both ends in a known format) in
    /// the first of `names`: `(start, end)`, `end` only for a range. A value that is
    /// neither gives a `bad-date` warning (see [`Rec::date`]).
    pub(crate) fn date_range(
        &self,
        out: &mut Out<'_, '_>,
        names: &[&str],
    ) -> (Option<String>, Option<String>) {
        let Some(raw) = self.get(names) else {
            return (None, None);
        };
        if let Some((start, end)) = date::parse_range(raw) {
            return (Some(start), Some(end));
        }
        (self.single_date(out, names, raw), None)
    }

    fn single_date(&self, out: &mut Out<'_, '_>, names: &[&str], raw: &str) -> Option<String> {
        let parsed = date::parse(raw);
        if parsed.is_none() {
            let column = names
                .iter()
                .find_map(|n| self.header.col(n))
                .and_then(|i| self.header.names.get(i))
                .cloned()
                .unwrap_or_default();
            out.diagnose(
                Severity::Warning,
                freehold_archive::codes::BAD_DATE,
                &self.loc(),
                format!("{column}: {raw:?} is in no known date format; kept as text in extra"),
            );
        }
        if parsed.is_some() && date::ambiguous_slash(raw) && !self.ambiguous_noted.get() {
            self.ambiguous_noted.set(true);
            out.diagnose(
                Severity::Info,
                freehold_archive::codes::AMBIGUOUS_DATE,
                &self.loc(),
                format!(
                    "{raw:?} and other slash dates of this file are read month first (US style, as LinkedIn writes them); day first would give another date"
                ),
            );
        }
        parsed
    }
}

/// `extra`, or `None` when it is empty.
pub(crate) fn some(extra: Map<String, Value>) -> Option<Map<String, Value>> {
    (!extra.is_empty()).then_some(extra)
}

pub(crate) use freehold_model::id::short_hash;

/// A profile field row.
pub(crate) fn field(
    account: &str,
    name: &str,
    value: &str,
    extra: Option<Map<String, Value>>,
) -> ProfileField {
    ProfileField {
        id: id::profile_field(account, name, &[value]),
        account_id: account.to_string(),
        field: name.to_string(),
        value: value.to_string(),
        extra,
        ..ProfileField::default()
    }
}

/// What reading a CSV entry found.
pub(crate) enum Outcome {
    /// The header was found and `rows` rows were read; `era` is the era it matched.
    Read {
        rows: u64,
        era: Option<&'static str>,
    },
    /// No record names the required columns.
    NoHeader,
    /// The entry could not be read (already reported as `failed`/`partial`).
    Broken,
}

/// Reads a CSV entry row by row: finds the header `vocab` accepts, records the era it
/// matches, reports preambles, encodings and ragged rows as diagnostics with the line,
/// and calls `f` on every row. A damaged entry is reported and ends the file, not the
/// archive.
pub(crate) fn read_rows(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    vocab: &Vocab,
    mut f: impl FnMut(&mut Out<'_, '_>, &Rec<'_>) -> Result<(), Error>,
) -> Result<Outcome, Error> {
    let progress = cx.progress();
    let limits = CsvLimits::from_limits(archive.limits());
    let mut out = Out {
        cx,
        path: entry.path.clone(),
    };
    let result = archive.read_entry_with_progress(entry, progress, |r| {
        let mut reader = CsvReader::open(r, &|h| vocab.accepts(h), limits)?;
        let Some(header) = reader.header.clone() else {
            return Ok(Ok(Outcome::NoHeader));
        };
        let era = vocab.era(&header);
        if reader.encoding != "UTF-8" && reader.encoding != "UTF-8 with BOM" {
            out.diagnose(
                Severity::Info,
                freehold_archive::codes::ENCODING,
                "line 1",
                format!(
                    "read as {} with {:?} as separator",
                    reader.encoding,
                    char::from(reader.delimiter)
                ),
            );
        }
        if reader.preamble > 0 && !header.has_all(&["first name", "connected on"]) {
            out.diagnose(
                Severity::Info,
                freehold_archive::codes::PREAMBLE,
                "line 1",
                format!("{} records before the header were skipped", reader.preamble),
            );
        }
        let mut rows = 0;
        let ambiguous_noted = Cell::new(false);
        loop {
            let row = match reader.next_row() {
                Ok(Some(row)) => row,
                Ok(None) => break,
                Err(e) => {
                    flush_notes(&mut out, &mut reader);
                    return Err(e);
                }
            };
            flush_notes(&mut out, &mut reader);
            if row.fields.len() != header.len() {
                out.diagnose(
                    Severity::Warning,
                    freehold_archive::codes::RAGGED_ROW,
                    &format!("line {}", row.line),
                    format!(
                        "{} fields where the header has {}; missing fields read as empty, surplus kept in extra",
                        row.fields.len(),
                        header.len()
                    ),
                );
            }
            rows += 1;
            let rec = Rec {
                header: &header,
                row,
                ambiguous_noted: &ambiguous_noted,
            };
            if let Err(e) = f(&mut out, &rec) {
                return Ok(Err(e));
            }
        }
        Ok(Ok(Outcome::Read { rows, era }))
    });
    match result {
        Ok(Ok(outcome)) => Ok(outcome),
        Ok(Err(e)) => Err(e),
        Err(e @ Error::Entry { .. }) => {
            cx.entry_error(entry, e)?;
            Ok(Outcome::Broken)
        }
        Err(e) => Err(e),
    }
}

fn flush_notes(out: &mut Out<'_, '_>, reader: &mut CsvReader<'_>) {
    for note in reader.notes.drain(..) {
        let path = out.path.clone();
        out.cx.diagnose(
            note.severity,
            note.code,
            Some(&path),
            Some(format!("line {}", note.line)),
            note.message,
        );
    }
}

/// Reads just the header of an entry (for detection and pre-passes).
pub(crate) fn header_of(archive: &Archive, entry: &Entry, required: &[&str]) -> Option<Header> {
    let head = archive.head(entry, 16 * 1024).ok()?;
    let mut slice = head.as_slice();
    CsvReader::open_requiring(
        &mut slice,
        required,
        CsvLimits::from_limits(archive.limits()),
    )
    .ok()?
    .header
}

/// The header and first data row of an entry (for `Profile.csv`, read before the rest).
pub(crate) fn first_row(
    archive: &Archive,
    entry: &Entry,
    required: &[&str],
) -> Option<(Header, Row)> {
    archive
        .read_entry(entry, |r| {
            let limits = CsvLimits::from_limits(archive.limits());
            let mut reader = CsvReader::open_requiring(r, required, limits)?;
            let Some(header) = reader.header.clone() else {
                return Ok(None);
            };
            Ok(reader.next_row()?.map(|row| (header, row)))
        })
        .ok()
        .flatten()
}

/// Calls `f` on every row of an entry, quietly (no diagnostics): for pre-passes.
pub(crate) fn scan_rows(
    archive: &Archive,
    entry: &Entry,
    required: &[&str],
    mut f: impl FnMut(&Rec<'_>),
) {
    let _ = archive.read_entry(entry, |r| {
        let limits = CsvLimits::from_limits(archive.limits());
        let mut reader = CsvReader::open_requiring(r, required, limits)?;
        let Some(header) = reader.header.clone() else {
            return Ok(());
        };
        let ambiguous_noted = Cell::new(false);
        while let Some(row) = reader.next_row()? {
            f(&Rec {
                header: &header,
                row,
                ambiguous_noted: &ambiguous_noted,
            });
        }
        Ok(())
    });
}

/// Reads one CSV file: marks it as being read with `note`, calls `f` on every row, and
/// records the era its header matched. A header that names some of the file's key
/// columns but matches no known era is read all the same (recognised columns mapped,
/// the rest in `extra`), and the file is `partial` with an `unknown-header` warning
/// listing the header. A file with none of its key columns is `failed` (its rows are
/// then kept raw, see `freehold_archive::keep_unmapped`), or `skipped` with
/// `empty_reason` when that is given (LinkedIn writes `No conversations found` instead
/// of a CSV).
pub(crate) fn csv_file(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    note: &str,
    vocab: &Vocab,
    empty_reason: Option<&str>,
    f: impl FnMut(&mut Out<'_, '_>, &Rec<'_>) -> Result<(), Error>,
) -> Result<u64, Error> {
    cx.begin_file(entry, note);
    match read_rows(archive, entry, cx, vocab, f)? {
        Outcome::Read {
            rows,
            era: Some(era),
        } => {
            cx.set_header(entry, era);
            Ok(rows)
        }
        Outcome::Read { rows, era: None } => {
            let header = header_of(archive, entry, &[])
                .map(|h| h.names.join(", "))
                .unwrap_or_default();
            if cx.fate(&entry.path) == Some(Fate::Parsed) {
                cx.set_fate(entry, Fate::Partial, note);
            }
            cx.set_header(entry, format!("unknown: {header}"));
            let known: Vec<&str> = vocab.eras.iter().map(|e| e.name).collect();
            cx.diagnose(
                Severity::Warning,
                freehold_archive::codes::UNKNOWN_HEADER,
                Some(&entry.path),
                Some("line 1".into()),
                format!(
                    "the header [{header}] matches none of the known eras ({}): the columns freehold recognises were mapped, the others kept in extra",
                    known.join(", ")
                ),
            );
            Ok(rows)
        }
        Outcome::NoHeader => {
            match empty_reason {
                Some(reason) => cx.set_fate(entry, Fate::Skipped, reason),
                None => cx.file_failed(
                    entry,
                    freehold_archive::codes::NO_HEADER,
                    Some("line 1".into()),
                    format!(
                        "no header naming any of the columns {:?} was found",
                        vocab.key
                    ),
                ),
            }
            Ok(0)
        }
        Outcome::Broken => Ok(0),
    }
}
