//! Reading the CSV files of any export, whatever their encoding and separator, in bounded
//! memory.
//!
//! The encoding is told from the first bytes: UTF-8 with or without a BOM, UTF-16 (with
//! or without a BOM: LinkedIn's 2017–2018 files and Excel re-saves), and Windows-1252
//! bytes inside a UTF-8 file (an Excel re-save) are decoded per field. The separator
//! (comma, tab or semicolon) is chosen from the header record, the same way for every
//! encoding. A preamble before the real header (the `Notes:` block of LinkedIn's
//! `Connections.csv`) is skipped by content: the header is the first record the caller
//! accepts.
//!
//! The file is streamed: only a few kilobytes are held to sniff the separator, and a
//! field, a row and a column count are limited while they are read (see [`CsvLimits`]),
//! before their bytes are buffered. An over-long field is skipped (the row keeps an
//! empty value), the rest of an over-long row is dropped, and a quote left open is cut at
//! the row it swallowed: each costs one field or one row, never the rest of the file,
//! and each is a [`Note`] with its line.
//!
//! ```
//! use freehold_archive::csv::{CsvLimits, CsvReader};
//!
//! let mut bytes: &[u8] = b"Notes:\n\nFirst Name,Connected On\nAna,08 Feb 2026\n";
//! let mut reader = CsvReader::open(
//!     &mut bytes,
//!     &|h| h.has_all(&["first name", "connected on"]),
//!     CsvLimits::default(),
//! )?;
//! assert_eq!(reader.preamble, 1);
//! let row = reader.next_row()?.expect("a row");
//! assert_eq!(row.fields, ["Ana", "08 Feb 2026"]);
//! assert_eq!(row.line, 4);
//! # Ok::<(), std::io::Error>(())
//! ```

use std::collections::VecDeque;
use std::io::{self, Cursor, Read};

use csv_core::ReadFieldResult;
use encoding_rs::{UTF_8, WINDOWS_1252};
use encoding_rs_io::DecodeReaderBytesBuilder;

use crate::{Limits, Severity};

/// How many records may precede the header before we give up looking for it.
const MAX_PREAMBLE: usize = 50;

/// How many decoded bytes are looked at to choose the separator.
const SNIFF_BYTES: u64 = 8 * 1024;

/// The size of the input buffer.
const CHUNK: usize = 64 * 1024;

/// A field buffer larger than this is given back after its row.
const KEEP_FIELD_BUFFER: usize = 1 << 20;

/// The limits that keep one CSV file in bounded memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvLimits {
    /// The largest field, in bytes (after decoding to UTF-8). A larger one is skipped: the
    /// row keeps an empty value and a `field-too-long` note.
    pub max_field_bytes: usize,
    /// The largest row, in bytes (its kept fields). The field that crosses the limit and
    /// the ones after it are dropped with a `row-too-long` note; the fields before it are
    /// kept. A row holds at most this plus one field in memory.
    pub max_row_bytes: usize,
    /// The most columns kept from one row; later ones are dropped with a
    /// `too-many-columns` note.
    pub max_columns: usize,
}

impl CsvLimits {
    /// The column limit: no real export comes near (LinkedIn's widest file has ~35).
    pub const MAX_COLUMNS: usize = 4096;

    /// The limits for `--max-record-mib`: a row (and so a field) may take a quarter of
    /// the record limit, because its text is held a few times over while it is mapped
    /// (the row, the record, its encoding for the store). 64 MiB by default.
    pub fn from_limits(limits: &Limits) -> CsvLimits {
        let row = usize::try_from(limits.max_record_bytes / 4)
            .unwrap_or(usize::MAX)
            .max(1024);
        CsvLimits {
            max_field_bytes: row,
            max_row_bytes: row,
            max_columns: Self::MAX_COLUMNS,
        }
    }
}

impl Default for CsvLimits {
    fn default() -> Self {
        CsvLimits::from_limits(&Limits::default())
    }
}

/// A header name in the form columns are compared in: lower case, with everything but
/// letters and digits left out (spaces, `_`, punctuation, a BOM, quotes), so that
/// `Share Commentary`, `ShareCommentary` and `share_commentary` are one name.
/// Parenthesised parts are kept as words (`Invited by (First Name)` is
/// `invitedbyfirstname`); [`norm_bare`] drops them.
pub fn norm(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// [`norm`] without the parenthesised (or bracketed) parts: `Content Last Watched Date (if
/// viewed)` is `contentlastwatcheddate`.
pub fn norm_bare(name: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            c if depth == 0 && c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// Whether `normal` (a name in [`norm`] form) is `query` under [`norm`], without
/// allocating when `query` is plain ASCII.
fn same_name(normal: &str, query: &str) -> bool {
    if query.is_ascii() {
        let mut wanted = query
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase());
        let mut have = normal.bytes();
        loop {
            match (have.next(), wanted.next()) {
                (None, None) => return true,
                (Some(a), Some(b)) if a == b => {}
                _ => return false,
            }
        }
    }
    normal == norm(query)
}

/// The header row of a file.
#[derive(Debug, Clone)]
pub struct Header {
    /// The names as written (trimmed, BOM removed).
    pub names: Vec<String>,
    norm: Vec<String>,
    bare: Vec<String>,
}

impl Header {
    /// A header of these names.
    pub fn new(fields: &[String]) -> Header {
        Header {
            names: fields
                .iter()
                .map(|f| {
                    f.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                        .to_string()
                })
                .collect(),
            norm: fields.iter().map(|f| norm(f)).collect(),
            bare: fields.iter().map(|f| norm_bare(f)).collect(),
        }
    }

    /// The index of the first column with this name, compared after [`norm`]; failing
    /// that, the first whose name without its parenthesised parts ([`norm_bare`]) is it.
    pub fn col(&self, name: &str) -> Option<usize> {
        if let Some(i) = self.norm.iter().position(|n| same_name(n, name)) {
            return Some(i);
        }
        let bare = norm_bare(name);
        if bare.is_empty() {
            return None;
        }
        self.bare.iter().position(|n| *n == bare)
    }

    /// The name of column `i` in the form [`norm`] gives.
    pub fn normalised(&self, i: usize) -> Option<&str> {
        self.norm.get(i).map(String::as_str)
    }

    /// Whether every one of `names` is a column.
    pub fn has_all(&self, names: &[&str]) -> bool {
        names.iter().all(|n| self.col(n).is_some())
    }

    /// Whether at least one of `names` is a column.
    pub fn has_any(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.col(n).is_some())
    }

    /// The number of columns.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the header has no columns.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// One data row, with the line it starts on (1-based, counting every physical line of
/// the file, preamble included).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The fields, decoded.
    pub fields: Vec<String>,
    /// The line the row starts on.
    pub line: u64,
}

impl Row {
    /// The fields past the header's `width` (a ragged row) that are not blank, as JSON
    /// strings, or `None` when there are none: what `extra._extra_fields` holds.
    pub fn surplus(&self, width: usize) -> Option<serde_json::Value> {
        let surplus: Vec<serde_json::Value> = self
            .fields
            .iter()
            .skip(width)
            .filter(|v| !v.trim().is_empty())
            .map(|v| serde_json::Value::from(v.as_str()))
            .collect();
        (!surplus.is_empty()).then_some(serde_json::Value::Array(surplus))
    }
}

/// Something odd found while reading, with the line it was found on.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// How bad it is.
    pub severity: Severity,
    /// A stable short code: `field-too-long`, `row-too-long`, `too-many-columns`,
    /// `unterminated-quote`, `encoding`.
    pub code: crate::codes::Code,
    /// The line of the row it concerns.
    pub line: u64,
    /// What happened, for a person.
    pub message: String,
}

/// What reading one record cut off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cut {
    /// Field `column` (0-based) was `bytes` long and was skipped.
    Field { column: usize, bytes: u64 },
    /// Field `column` took the row to `bytes` bytes; it and the later ones were dropped.
    Row { column: usize, bytes: u64 },
    /// The row had `count` columns; those past the limit were dropped.
    Columns { count: usize },
}

/// One record as the tokenizer read it.
struct RawRecord {
    fields: Vec<String>,
    line: u64,
    latin1: bool,
    cuts: Vec<Cut>,
}

/// An RFC 4180 tokenizer over a byte stream that never holds more than the limits allow:
/// every field is written into one reused buffer that grows up to the field limit, and
/// bytes past a limit are read into a small scratch buffer and dropped.
struct Records<R> {
    src: R,
    core: csv_core::Reader,
    buf: Vec<u8>,
    pos: usize,
    len: usize,
    eof: bool,
    field: Vec<u8>,
    scratch: Vec<u8>,
    /// Line breaks consumed so far.
    line: u64,
    limits: CsvLimits,
}

impl<R: Read> Records<R> {
    fn new(src: R, delimiter: u8, limits: CsvLimits) -> Records<R> {
        Records {
            src,
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            buf: vec![0; CHUNK],
            pos: 0,
            len: 0,
            eof: false,
            field: Vec::new(),
            scratch: vec![0; 8 * 1024],
            line: 0,
            limits,
        }
    }

    /// Refills the input buffer when it is used up; false at the end of the input.
    fn fill(&mut self) -> io::Result<bool> {
        if self.pos < self.len {
            return Ok(true);
        }
        if self.eof {
            return Ok(false);
        }
        loop {
            match self.src.read(&mut self.buf) {
                Ok(n) => {
                    self.pos = 0;
                    self.len = n;
                    self.eof = n == 0;
                    return Ok(n > 0);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// The next record, or `None` at the end. Blank lines are skipped.
    fn next(&mut self) -> io::Result<Option<RawRecord>> {
        loop {
            if !self.fill()? {
                return Ok(None);
            }
            match self.buf[self.pos] {
                b'\n' => self.line += 1,
                b'\r' => {}
                _ => break,
            }
            self.pos += 1;
        }
        let line = self.line + 1;
        let limits = self.limits;
        let mut record = RawRecord {
            fields: Vec::new(),
            line,
            latin1: false,
            cuts: Vec::new(),
        };
        let mut columns = 0usize;
        let mut row_bytes = 0u64;
        let mut row_cut = false;
        // The field being read: bytes kept, bytes seen, and whether it is being skipped.
        let mut kept = 0usize;
        let mut seen = 0u64;
        let mut skipping = false;
        loop {
            self.fill()?;
            let mut dropping = skipping || row_cut || columns >= limits.max_columns;
            let mut end = 0;
            if !dropping {
                if kept > limits.max_field_bytes {
                    skipping = true;
                    dropping = true;
                } else {
                    // One byte over the limit tells a field of exactly the limit from a
                    // longer one.
                    let cap = limits.max_field_bytes.saturating_add(1);
                    if kept == self.field.len() {
                        let grown = kept.max(512).saturating_mul(2).min(cap);
                        self.field.resize(grown, 0);
                    }
                    end = self.field.len().min(cap);
                }
            }
            let input = &self.buf[self.pos..self.len];
            let output: &mut [u8] = if dropping {
                &mut self.scratch
            } else {
                &mut self.field[kept..end]
            };
            let (result, nin, nout) = self.core.read_field(input, output);
            self.line += memchr::memchr_iter(b'\n', &input[..nin]).count() as u64;
            self.pos += nin;
            seen += nout as u64;
            if !dropping {
                kept += nout;
            }
            match result {
                ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
                ReadFieldResult::Field { record_end } => {
                    if !skipping
                        && !row_cut
                        && columns < limits.max_columns
                        && to_usize(row_bytes).saturating_add(kept) > limits.max_row_bytes
                    {
                        row_cut = true;
                        record.cuts.push(Cut::Row {
                            column: columns,
                            bytes: row_bytes + seen,
                        });
                    }
                    if columns < limits.max_columns && !row_cut {
                        if skipping {
                            record.cuts.push(Cut::Field {
                                column: columns,
                                bytes: seen,
                            });
                            record.fields.push(String::new());
                        } else {
                            let bytes = &self.field[..kept];
                            let text = match std::str::from_utf8(bytes) {
                                Ok(s) => s.to_string(),
                                Err(_) => {
                                    record.latin1 = true;
                                    WINDOWS_1252
                                        .decode_without_bom_handling(bytes)
                                        .0
                                        .into_owned()
                                }
                            };
                            record.fields.push(text);
                            row_bytes += kept as u64;
                        }
                    }
                    columns += 1;
                    kept = 0;
                    seen = 0;
                    skipping = false;
                    if record_end {
                        break;
                    }
                }
                ReadFieldResult::End => break,
            }
        }
        if columns > limits.max_columns {
            record.cuts.push(Cut::Columns { count: columns });
        }
        if self.field.len() > KEEP_FIELD_BUFFER {
            self.field = Vec::new();
        }
        Ok(Some(record))
    }
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// Reads every record of a small in-memory text (for sniffing and recovery).
fn records_of(text: &[u8], delimiter: u8) -> impl Iterator<Item = RawRecord> + '_ {
    let mut records = Records::new(text, delimiter, CsvLimits::default());
    std::iter::from_fn(move || records.next().ok().flatten())
}

/// Says which record is the header: the first one `accept` takes.
pub type Accept<'a> = &'a dyn Fn(&Header) -> bool;

/// A CSV file opened for reading, positioned after its header.
pub struct CsvReader<'r> {
    records: Records<Box<dyn Read + 'r>>,
    /// The header, when one was accepted.
    pub header: Option<Header>,
    /// The encoding the file was read in.
    pub encoding: &'static str,
    /// The separator.
    pub delimiter: u8,
    /// Records skipped before the header.
    pub preamble: usize,
    /// Problems found so far (the caller drains them).
    pub notes: Vec<Note>,
    latin1_noted: bool,
    /// Rows recovered from a field that swallowed them (an unterminated quote).
    pending: VecDeque<Row>,
}

impl<'r> CsvReader<'r> {
    /// Opens `r` and looks for the first record `accept` takes as the header, within
    /// the first 50 records.
    pub fn open(
        r: &'r mut dyn Read,
        accept: Accept<'_>,
        limits: CsvLimits,
    ) -> io::Result<CsvReader<'r>> {
        let mut peek = [0u8; 4];
        let mut n = 0;
        while n < peek.len() {
            let got = r.read(&mut peek[n..])?;
            if got == 0 {
                break;
            }
            n += got;
        }
        let head = peek[..n].to_vec();
        let sniffed = crate::text::sniff_encoding(&head);
        let encoding = sniffed.label;
        // A byte order mark is found again (and removed) by the decoder; UTF-16 without
        // one is forced. UTF-8 passes through, Windows-1252 is told apart per field.
        let forced = (sniffed.bom == 0 && sniffed.encoding != UTF_8).then_some(sniffed.encoding);
        let raw = Cursor::new(head).chain(r);
        let mut decoded = DecodeReaderBytesBuilder::new()
            .encoding(forced)
            .utf8_passthru(true)
            .strip_bom(true)
            .build(raw);
        let mut sniffed = Vec::new();
        (&mut decoded).take(SNIFF_BYTES).read_to_end(&mut sniffed)?;
        let utf16 = encoding.starts_with("UTF-16");
        let delimiter = choose_delimiter(&sniffed, accept, utf16);
        let stream: Box<dyn Read + 'r> = Box::new(Cursor::new(sniffed).chain(decoded));
        let mut this = CsvReader {
            records: Records::new(stream, delimiter, limits),
            header: None,
            encoding,
            delimiter,
            preamble: 0,
            notes: Vec::new(),
            latin1_noted: false,
            pending: VecDeque::new(),
        };
        for _ in 0..MAX_PREAMBLE {
            let Some(row) = this.next_record()? else {
                break;
            };
            let header = Header::new(&row.fields);
            if row.fields.iter().any(|f| !f.trim().is_empty()) && accept(&header) {
                this.header = Some(header);
                break;
            }
            this.preamble += 1;
        }
        Ok(this)
    }

    /// Opens `r` with the first record that names every one of `required` as header
    /// (without `required`, the first non-blank record).
    pub fn open_requiring(
        r: &'r mut dyn Read,
        required: &[&str],
        limits: CsvLimits,
    ) -> io::Result<CsvReader<'r>> {
        Self::open(r, &|h: &Header| h.has_all(required), limits)
    }

    /// The next data row, or `None` at the end of the file. Blank rows are skipped.
    pub fn next_row(&mut self) -> io::Result<Option<Row>> {
        loop {
            let row = match self.pending.pop_front() {
                Some(row) => row,
                None => {
                    let Some(row) = self.next_record()? else {
                        return Ok(None);
                    };
                    self.unswallow(row)
                }
            };
            if row.fields.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            return Ok(Some(row));
        }
    }

    /// Detects a quote left open: a field holding a line break followed by lines that
    /// read as rows of the header's width (the following rows swallowed, up to the next
    /// quote, the end of the file or the field limit). The field is cut before those
    /// lines, they are recovered as rows (queued), and an `unterminated-quote` error is
    /// noted.
    fn unswallow(&mut self, mut row: Row) -> Row {
        let Some(width) = self.header.as_ref().map(Header::len) else {
            return row;
        };
        if width < 2 {
            return row;
        }
        let delimiter = self.delimiter;
        let found = row.fields.iter().enumerate().find_map(|(i, field)| {
            if !field.contains('\n') {
                return None;
            }
            let lines: Vec<&str> = field.split('\n').collect();
            (1..lines.len())
                .find(|&j| looks_like_row(lines[j], delimiter, width))
                .map(|j| (i, j))
        });
        let Some((i, j)) = found else {
            return row;
        };
        let field = std::mem::take(&mut row.fields[i]);
        let lines: Vec<&str> = field.split('\n').collect();
        let swallowed = lines.len() - j;
        row.fields[i] = lines[..j].join("\n").trim_end_matches('\r').to_string();
        // Fields after the broken one belong to the last swallowed row.
        let rest: Vec<String> = row.fields.split_off(i + 1);
        let mut text = lines[j..].join("\n");
        for f in rest {
            text.push(char::from(delimiter));
            text.push_str(&f);
        }
        let mut recovered = 0;
        for record in records_of(text.as_bytes(), delimiter) {
            let line = row.line + j as u64 + record.line - 1;
            let fields: Vec<String> = record
                .fields
                .iter()
                .map(|f| f.trim_end_matches('\r').to_string())
                .collect();
            if fields.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            recovered += 1;
            self.pending.push_back(Row { fields, line });
        }
        let column = self.column_name(i);
        self.notes.push(Note {
            severity: Severity::Error,
            code: crate::codes::UNTERMINATED_QUOTE,
            line: row.line,
            message: format!(
                "a quote opened in column {} ({column:?}) of the row on line {} is not closed at the row's end: {swallowed} following lines were swallowed into it; recovered as {recovered} rows",
                i + 1,
                row.line
            ),
        });
        row
    }

    /// The header's name of column `i` (0-based), or empty.
    fn column_name(&self, i: usize) -> String {
        self.header
            .as_ref()
            .and_then(|h| h.names.get(i))
            .cloned()
            .unwrap_or_default()
    }

    fn next_record(&mut self) -> io::Result<Option<Row>> {
        let Some(record) = self.records.next()? else {
            return Ok(None);
        };
        let line = record.line;
        if record.latin1 && !self.latin1_noted {
            self.latin1_noted = true;
            self.notes.push(Note {
                severity: Severity::Warning,
                code: crate::codes::ENCODING,
                line,
                message: "bytes that are not UTF-8 (an Excel re-save?): read as Windows-1252"
                    .into(),
            });
        }
        let limits = self.records.limits;
        for cut in record.cuts {
            let note = match cut {
                Cut::Field { column, bytes } => Note {
                    severity: Severity::Warning,
                    code: crate::codes::FIELD_TOO_LONG,
                    line,
                    message: format!(
                        "field {} ({:?}) of the row on line {line} is {bytes} bytes, over the limit of {} (see --max-record-mib): skipped, the rest of the row is kept",
                        column + 1,
                        self.column_name(column),
                        limits.max_field_bytes
                    ),
                },
                Cut::Row { column, bytes } => Note {
                    severity: Severity::Warning,
                    code: crate::codes::ROW_TOO_LONG,
                    line,
                    message: format!(
                        "the row on line {line} reached {bytes} bytes in field {}, over the limit of {} (see --max-record-mib): its fields from there on were dropped",
                        column + 1,
                        limits.max_row_bytes
                    ),
                },
                Cut::Columns { count } => Note {
                    severity: Severity::Warning,
                    code: crate::codes::TOO_MANY_COLUMNS,
                    line,
                    message: format!(
                        "the row on line {line} has {count} fields, over the limit of {}: the fields past it were dropped",
                        limits.max_columns
                    ),
                },
            };
            self.notes.push(note);
        }
        Ok(Some(Row {
            fields: record.fields,
            line,
        }))
    }
}

/// Whether `line` alone reads as a row of exactly `width` fields.
fn looks_like_row(line: &str, delimiter: u8, width: usize) -> bool {
    let line = line.trim_end_matches('\r');
    if line.trim().is_empty() {
        return false;
    }
    // A row of `width` fields has at least `width - 1` separators (quoted ones only add
    // to them): most lines of a long message fail this before a reader is built.
    if line.bytes().filter(|&b| b == delimiter).count() + 1 < width {
        return false;
    }
    let mut records = records_of(line.as_bytes(), delimiter);
    matches!(records.next(), Some(r) if r.fields.len() == width) && records.next().is_none()
}

/// The candidate separators, in the order they are preferred.
const DELIMITERS: [u8; 3] = [b',', b'\t', b';'];

/// Chooses `,`, tab or `;` from the header record alone (data rows may hold any of them
/// inside text, and quoted fields may span lines): the first separator (the guess first,
/// then tab, then `;`) under which `accept` takes some record of the sniffed text wins;
/// when none does, or `accept` takes anything, the guess.
fn choose_delimiter(head: &[u8], accept: Accept<'_>, utf16: bool) -> u8 {
    let text = String::from_utf8_lossy(head);
    let guess = guess_from_header(&text, utf16);
    // An `accept` that takes even an empty header takes the first record, whatever it is.
    if accept(&Header::new(&[])) {
        return guess;
    }
    let mut order = vec![guess];
    if utf16 {
        order.push(b'\t');
    }
    order.extend(DELIMITERS);
    order.dedup();
    for d in order {
        if header_found(head, d, accept) {
            return d;
        }
    }
    guess
}

/// Whether reading `head` with `delimiter` meets a record that `accept` takes within
/// the preamble limit. A one-column record is only taken under the guess.
fn header_found(head: &[u8], delimiter: u8, accept: Accept<'_>) -> bool {
    records_of(head, delimiter)
        .take(MAX_PREAMBLE + 1)
        .any(|record| record.fields.len() > 1 && accept(&Header::new(&record.fields)))
}

/// Guesses the separator from the first non-blank record (its quotes followed across
/// line breaks): the one found most often outside quotes wins; a tie goes to the comma,
/// or to the tab in a UTF-16 file. A one-column header (no separator at all) is read with
/// the comma, whatever the data rows hold.
fn guess_from_header(text: &str, utf16: bool) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let mut seen_text = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                seen_text = true;
            }
            '\n' | '\r' if !quoted && seen_text => break,
            '\n' | '\r' if !quoted => {}
            ',' if !quoted => counts[0] += 1,
            '\t' if !quoted => counts[1] += 1,
            ';' if !quoted => counts[2] += 1,
            c if !c.is_whitespace() => seen_text = true,
            _ => {}
        }
    }
    let [comma, tab, semi] = counts;
    if tab > 0 && (tab > comma || utf16) && tab >= semi {
        b'\t'
    } else if semi > comma && semi > tab {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_found_by_any_spelling_and_by_the_normal_one() {
        let header = Header::new(&[
            "\u{feff}First_Name".to_string(),
            " Last  Name ".to_string(),
            "URL".to_string(),
        ]);
        assert_eq!(header.col("first name"), Some(0));
        assert_eq!(header.col("First Name"), Some(0));
        assert_eq!(header.col("last name"), Some(1));
        assert_eq!(header.col("last_name"), Some(1));
        assert_eq!(header.col("url"), Some(2));
        assert_eq!(header.col("email address"), None);
        assert_eq!(header.normalised(1), Some("lastname"));
    }

    #[test]
    fn a_line_with_too_few_separators_is_not_a_row() {
        assert!(!looks_like_row("just words, one comma", b',', 3));
        assert!(looks_like_row("a,b,c", b',', 3));
        assert!(looks_like_row("\"a, b\",c,d", b',', 3));
        assert!(!looks_like_row("a,b,c,d", b',', 3));
    }

    fn read_all(bytes: &[u8], required: &[&str]) -> (Option<Header>, Vec<Row>, CsvMeta) {
        let mut slice = bytes;
        let mut reader =
            CsvReader::open_requiring(&mut slice, required, CsvLimits::default()).unwrap();
        let mut rows = Vec::new();
        while let Some(row) = reader.next_row().unwrap() {
            rows.push(row);
        }
        let meta = CsvMeta {
            encoding: reader.encoding,
            delimiter: reader.delimiter,
            preamble: reader.preamble,
            notes: reader.notes.len(),
        };
        (reader.header, rows, meta)
    }

    #[derive(Debug)]
    struct CsvMeta {
        encoding: &'static str,
        delimiter: u8,
        preamble: usize,
        notes: usize,
    }

    fn utf16le(text: &str, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(&[0xFF, 0xFE]);
        }
        for unit in text.encode_utf16() {
            out.extend_from_slice(&unit.to_le_bytes());
        }
        out
    }

    #[test]
    fn rfc4180_quotes_newlines_and_no_final_newline() {
        let csv = "Title,Text\n\"a, b\",\"say \"\"hi\"\"\nsecond line\"\nlast,row";
        let (header, rows, meta) = read_all(csv.as_bytes(), &[]);
        let header = header.unwrap();
        assert_eq!(header.names, ["Title", "Text"]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].fields, ["a, b", "say \"hi\"\nsecond line"]);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[1].fields, ["last", "row"]);
        assert_eq!(rows[1].line, 4);
        assert_eq!(meta.encoding, "UTF-8");
        assert_eq!(meta.delimiter, b',');
    }

    #[test]
    fn utf8_bom_and_crlf() {
        let csv = "\u{feff}First Name,Last Name\r\nZoë,Brandt\r\n";
        let (header, rows, meta) = read_all(csv.as_bytes(), &["first name"]);
        assert_eq!(header.unwrap().names, ["First Name", "Last Name"]);
        assert_eq!(rows[0].fields, ["Zoë", "Brandt"]);
        assert_eq!(meta.encoding, "UTF-8 with BOM");
    }

    #[test]
    fn utf16_with_bom_and_tabs() {
        let text = "Endorsement Date\tSkill Name\r\n2022/03/01 10:00:00 UTC\t\"Rust, async\"\r\n";
        let (header, rows, meta) = read_all(&utf16le(text, true), &["skill name"]);
        assert_eq!(header.unwrap().col("SKILL_NAME"), Some(1));
        assert_eq!(rows[0].fields, ["2022/03/01 10:00:00 UTC", "Rust, async"]);
        assert_eq!(meta.encoding, "UTF-16LE");
        assert_eq!(meta.delimiter, b'\t');
        let (_, rows, meta) = read_all(&utf16le(text, false), &["skill name"]);
        assert_eq!(rows.len(), 1);
        assert_eq!(meta.encoding, "UTF-16LE without BOM");
    }

    #[test]
    fn notes_preamble_is_skipped_by_content() {
        let csv = "Notes:\n\"When exporting, you may notice, that some emails are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Silva,https://www.linkedin.com/in/ana,,,,08 Feb 2026\n,,,,,,07 Jun 2026";
        let (header, rows, meta) = read_all(csv.as_bytes(), &["first name", "connected on"]);
        assert_eq!(header.unwrap().col("Connected On"), Some(6));
        assert_eq!(meta.preamble, 2);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 5);
        assert_eq!(rows[1].fields[6], "07 Jun 2026");
    }

    #[test]
    fn windows_1252_bytes_are_decoded_and_noted() {
        let (_, rows, meta) = read_all(b"Name\nJos\xe9\n", &["name"]);
        assert_eq!(rows[0].fields, ["José"]);
        assert_eq!(meta.notes, 1);
    }

    #[test]
    fn semicolons_and_missing_header() {
        let (header, rows, meta) = read_all(b"Name;Proficiency\nDutch;Native\n", &["name"]);
        assert!(header.is_some());
        assert_eq!(meta.delimiter, b';');
        assert_eq!(rows[0].fields, ["Dutch", "Native"]);
        let (header, _, _) = read_all(b"No conversations found", &["conversation id"]);
        assert!(header.is_none());
    }

    #[test]
    fn utf16_tabs_with_multiline_quoted_commas() {
        // The quoted field spans lines holding commas: a per-line guess saw commas only.
        let text = "Date\tShareCommentary\tVisibility\r\n2022-03-01 10:00:00\t\"one, two, three\r\nfour, five, six\r\nseven, eight\"\tPUBLIC\r\n";
        let (header, rows, meta) = read_all(&utf16le(text, true), &["date", "sharecommentary"]);
        assert!(header.is_some());
        assert_eq!(meta.delimiter, b'\t');
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].fields[2], "PUBLIC");
    }

    #[test]
    fn separator_retried_when_header_not_found() {
        // Preamble lines full of commas, the header itself tab-separated.
        let csv =
            "Notes: a, b, c, d\nmore, notes, here\nFirst Name\tConnected On\nAna\t08 Feb 2026\n";
        let (header, rows, meta) = read_all(csv.as_bytes(), &["first name", "connected on"]);
        assert!(header.is_some());
        assert_eq!(meta.delimiter, b'\t');
        assert_eq!(rows[0].fields, ["Ana", "08 Feb 2026"]);
    }

    #[test]
    fn one_column_files_keep_separators_in_values() {
        let (header, rows, meta) = read_all(b"Name\nC#; .NET\nRust\tGo; Zig\nSQL; C\n", &["name"]);
        assert!(header.is_some());
        assert_eq!(meta.delimiter, b',');
        assert_eq!(rows[0].fields, ["C#; .NET"]);
        assert_eq!(rows[2].fields, ["SQL; C"]);
        let (_, rows, meta) = read_all(b"Name\nC#; .NET\nA; B; C\n", &[]);
        assert_eq!(meta.delimiter, b',');
        assert_eq!(rows[1].fields, ["A; B; C"]);
    }

    #[test]
    fn unterminated_quote_mid_file_is_reported_and_rows_recovered() {
        let csv = "Name,Note,Date\nAna,\"never closed,2020\nBea,fine,2021\nCid,ok,2022\nDan,\"quoted\",2023\n";
        let mut slice = csv.as_bytes();
        let mut reader =
            CsvReader::open_requiring(&mut slice, &["name"], CsvLimits::default()).unwrap();
        let mut rows = Vec::new();
        while let Some(row) = reader.next_row().unwrap() {
            rows.push(row);
        }
        let note = reader
            .notes
            .iter()
            .find(|n| n.code == "unterminated-quote")
            .expect("unterminated-quote noted");
        assert_eq!(note.severity, Severity::Error);
        assert_eq!(note.line, 2);
        assert!(
            note.message.contains("3 following lines"),
            "{}",
            note.message
        );
        let names: Vec<&str> = rows.iter().map(|r| r.fields[0].as_str()).collect();
        assert_eq!(names, ["Ana", "Bea", "Cid", "Dan"]);
        assert_eq!(rows[1].fields, ["Bea", "fine", "2021"]);
        assert_eq!(rows[1].line, 3);
        assert_eq!(rows[2].line, 4);
    }

    #[test]
    fn unterminated_quote_in_last_column_to_eof() {
        let csv = "Name,Note\nAna,\"open\nBea,two\nCid,three";
        let mut slice = csv.as_bytes();
        let mut reader =
            CsvReader::open_requiring(&mut slice, &["name"], CsvLimits::default()).unwrap();
        let mut rows = Vec::new();
        while let Some(row) = reader.next_row().unwrap() {
            rows.push(row);
        }
        assert!(reader.notes.iter().any(|n| n.code == "unterminated-quote"
            && n.line == 2
            && n.message.contains("2 following lines")));
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].fields, ["Ana", "open"]);
        assert_eq!(rows[2].fields, ["Cid", "three"]);
    }

    #[test]
    fn header_names_normalise() {
        assert_eq!(
            norm(" \u{feff}\"Endorser_Public  Url\" "),
            "endorserpublicurl"
        );
        assert_eq!(norm("CONVERSATION ID"), "conversationid");
        assert_eq!(norm("Share Commentary"), norm("ShareCommentary"));
        assert_eq!(norm("Invited by (First Name)"), "invitedbyfirstname");
        assert_eq!(
            norm_bare("Content Last Watched Date (if viewed)"),
            "contentlastwatcheddate"
        );
        let header = Header::new(&[
            "Registration IP Address".into(),
            "Invited by (Last Name)".into(),
            "Notes taken on videos (if taken)".into(),
        ]);
        assert_eq!(header.col("registration ip address"), Some(0));
        assert_eq!(header.col("Invited By (Last Name)"), Some(1));
        assert_eq!(header.col("notes taken on videos"), Some(2));
        assert_eq!(header.col("invited by first name"), None);
    }

    fn small() -> CsvLimits {
        CsvLimits {
            max_field_bytes: 16,
            max_row_bytes: 40,
            max_columns: 4,
        }
    }

    fn read_limited(bytes: &[u8], limits: CsvLimits) -> (Vec<Row>, Vec<Note>) {
        let mut slice = bytes;
        let mut reader = CsvReader::open_requiring(&mut slice, &["name"], limits).unwrap();
        let mut rows = Vec::new();
        while let Some(row) = reader.next_row().unwrap() {
            rows.push(row);
        }
        (rows, reader.notes)
    }

    #[test]
    fn an_over_long_field_is_skipped_and_the_row_kept() {
        let csv = format!("Name,Note\nAna,\"{}\"\nBea,short\n", "x\n".repeat(200));
        let (rows, notes) = read_limited(csv.as_bytes(), small());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].fields, ["Ana", ""]);
        assert_eq!(rows[1].fields, ["Bea", "short"]);
        assert_eq!(rows[1].line, 203);
        let note = notes.iter().find(|n| n.code == "field-too-long").unwrap();
        assert_eq!(note.line, 2);
        assert!(
            note.message.contains("field 2 (\"Note\")"),
            "{}",
            note.message
        );
        assert!(note.message.contains("400 bytes"), "{}", note.message);
    }

    #[test]
    fn an_over_long_row_and_too_many_columns_cost_that_row_only() {
        let wide = format!("Name,A,B,C\n{}\nBea,1,2,3\n", ",".repeat(1000));
        let (rows, notes) = read_limited(wide.as_bytes(), small());
        assert_eq!(rows.len(), 1, "the all-empty wide row is blank");
        assert_eq!(rows[0].fields, ["Bea", "1", "2", "3"]);
        assert!(notes.iter().any(|n| n.code == "too-many-columns"
            && n.line == 2
            && n.message.contains("1001 fields")));
        let long = format!("Name,A,B,C\n{0},{0},{0},{0}\nBea,1,2,3\n", "y".repeat(15));
        let (rows, notes) = read_limited(long.as_bytes(), small());
        assert_eq!(rows[0].fields.len(), 2);
        assert_eq!(rows[1].fields, ["Bea", "1", "2", "3"]);
        assert!(
            notes
                .iter()
                .any(|n| n.code == "row-too-long" && n.line == 2)
        );
    }

    #[test]
    fn a_line_without_end_is_bounded() {
        let mut csv = b"Name,Note\nAna,ok\n".to_vec();
        csv.extend(std::iter::repeat_n(b'z', 10_000));
        let (rows, notes) = read_limited(&csv, small());
        assert_eq!(rows.len(), 1, "the over-long last row is one empty field");
        assert!(
            notes
                .iter()
                .any(|n| n.code == "field-too-long" && n.line == 3)
        );
    }

    #[test]
    fn a_bad_byte_costs_nothing_but_its_reading() {
        let (rows, notes) =
            read_limited(b"Name,Note\nAna,caf\xe9\nBea,fine\n", CsvLimits::default());
        assert_eq!(rows[0].fields, ["Ana", "café"]);
        assert_eq!(rows[1].fields, ["Bea", "fine"]);
        assert_eq!(notes.len(), 1);
    }
}
