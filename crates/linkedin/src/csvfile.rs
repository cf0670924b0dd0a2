//! Reading LinkedIn CSV files whatever their encoding: UTF-8 with or without a BOM, UTF-16
//! (with or without a BOM, as Excel re-saves them, usually tab-separated), Windows-1252
//! bytes from an Excel re-save, CRLF or LF, comma, tab or semicolon separators, and a
//! preamble before the real header (the `Notes:` block of `Connections.csv`).
//!
//! The file is streamed: only the first few kilobytes are held, to sniff the separator.

use std::collections::VecDeque;
use std::io::{self, Cursor, Read};

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};
use encoding_rs_io::DecodeReaderBytesBuilder;
use freehold_archive::Severity;

/// How many records may precede the header before we give up looking for it.
const MAX_PREAMBLE: usize = 50;

/// How many decoded bytes are looked at to choose the separator.
const SNIFF_BYTES: u64 = 8 * 1024;

/// A header name in the form used to look columns up: trimmed, BOM and quotes removed,
/// lower case, `_` read as a space, runs of spaces collapsed.
pub(crate) fn norm(name: &str) -> String {
    let trimmed = name.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '"');
    let mut out = String::with_capacity(trimmed.len());
    let mut space = false;
    for c in trimmed.chars() {
        if c.is_whitespace() || c == '_' {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// The header row of a file.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    /// The names as written (trimmed).
    pub names: Vec<String>,
    norm: Vec<String>,
}

impl Header {
    fn new(fields: &[String]) -> Header {
        Header {
            names: fields
                .iter()
                .map(|f| {
                    f.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                        .to_string()
                })
                .collect(),
            norm: fields.iter().map(|f| norm(f)).collect(),
        }
    }

    /// The index of the first column with this name (any spelling `norm` accepts).
    pub(crate) fn col(&self, name: &str) -> Option<usize> {
        // The parsers ask with names already in normal form: no need to build one.
        let normal = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ')
            && !name.contains("  ")
            && !name.starts_with(' ')
            && !name.ends_with(' ');
        if normal {
            return self.norm.iter().position(|n| n == name);
        }
        let wanted = norm(name);
        self.norm.iter().position(|n| *n == wanted)
    }

    /// The name of column `i` in the form `norm` gives.
    pub(crate) fn normalised(&self, i: usize) -> Option<&str> {
        self.norm.get(i).map(String::as_str)
    }

    /// Whether every one of `names` is a column.
    pub(crate) fn has_all(&self, names: &[&str]) -> bool {
        names.iter().all(|n| self.col(n).is_some())
    }

    /// The number of columns.
    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }
}

/// One data row, with the line it starts on (1-based, counting every physical line of
/// the file, preamble included).
#[derive(Debug, Clone)]
pub(crate) struct Row {
    /// The fields, decoded.
    pub fields: Vec<String>,
    /// The line the row starts on.
    pub line: u64,
}

/// Something odd found while reading, with the line it was found on.
#[derive(Debug, Clone)]
pub(crate) struct Note {
    pub severity: Severity,
    pub code: &'static str,
    pub line: u64,
    pub message: String,
}

/// A CSV file opened for reading, positioned after its header.
pub(crate) struct CsvReader<'r> {
    reader: csv::Reader<Box<dyn Read + 'r>>,
    record: csv::ByteRecord,
    /// The header, when one with the required columns was found.
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
    /// Opens `r` and looks for the first record that names every column of `required`
    /// (the header). Without `required`, the first record is the header.
    pub(crate) fn open(r: &'r mut dyn Read, required: &[&str]) -> io::Result<CsvReader<'r>> {
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
        let (encoding, forced): (&'static str, Option<&'static Encoding>) = match head.as_slice() {
            [0xEF, 0xBB, 0xBF, ..] => ("UTF-8 with BOM", None),
            [0xFF, 0xFE, ..] => ("UTF-16LE", None),
            [0xFE, 0xFF, ..] => ("UTF-16BE", None),
            [a, 0, b, 0, ..] if *a != 0 && *b != 0 => ("UTF-16LE without BOM", Some(UTF_16LE)),
            [0, a, 0, b, ..] if *a != 0 && *b != 0 => ("UTF-16BE without BOM", Some(UTF_16BE)),
            _ => ("UTF-8", None),
        };
        let raw = Cursor::new(head).chain(r);
        let mut decoded = DecodeReaderBytesBuilder::new()
            .encoding(forced)
            .utf8_passthru(true)
            .strip_bom(true)
            .build(raw);
        let mut sniffed = Vec::new();
        (&mut decoded).take(SNIFF_BYTES).read_to_end(&mut sniffed)?;
        let utf16 = encoding.starts_with("UTF-16");
        let delimiter = choose_delimiter(&sniffed, required, utf16);
        let stream: Box<dyn Read + 'r> = Box::new(Cursor::new(sniffed).chain(decoded));
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(stream);
        let mut this = CsvReader {
            reader,
            record: csv::ByteRecord::new(),
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
            let found = if required.is_empty() {
                row.fields.iter().any(|f| !f.trim().is_empty())
            } else {
                header.has_all(required)
            };
            if found {
                this.header = Some(header);
                break;
            }
            this.preamble += 1;
        }
        Ok(this)
    }

    /// The next data row, or `None` at the end of the file. Blank rows are skipped.
    pub(crate) fn next_row(&mut self) -> io::Result<Option<Row>> {
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
    /// quote or the end of the file). The field is cut before those lines, they are
    /// recovered as rows (queued), and an `unterminated-quote` error is noted.
    fn unswallow(&mut self, mut row: Row) -> Row {
        let Some(width) = self.header.as_ref().map(Header::len) else {
            return row;
        };
        if width < 2 {
            return row;
        }
        let delimiter = self.delimiter;
        let found = row.fields.iter().enumerate().find_map(|(i, field)| {
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
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let mut recovered = 0;
        for record in reader.records() {
            let Ok(record) = record else { break };
            let line = row.line + j as u64 + record.position().map_or(1, csv::Position::line) - 1;
            let fields: Vec<String> = record
                .iter()
                .map(|f| f.trim_end_matches('\r').to_string())
                .collect();
            if fields.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            recovered += 1;
            self.pending.push_back(Row { fields, line });
        }
        let column = self
            .header
            .as_ref()
            .and_then(|h| h.names.get(i))
            .cloned()
            .unwrap_or_default();
        self.notes.push(Note {
            severity: Severity::Error,
            code: "unterminated-quote",
            line: row.line,
            message: format!(
                "a quote opened in column {} ({column:?}) of the row on line {} is not closed at the row's end: {swallowed} following lines were swallowed into it; recovered as {recovered} rows",
                i + 1,
                row.line
            ),
        });
        row
    }

    fn next_record(&mut self) -> io::Result<Option<Row>> {
        match self.reader.read_byte_record(&mut self.record) {
            Ok(false) => return Ok(None),
            Ok(true) => {}
            Err(e) => {
                return match e.into_kind() {
                    csv::ErrorKind::Io(io) => Err(io),
                    other => Err(io::Error::other(format!("{other:?}"))),
                };
            }
        }
        let line = self.record.position().map_or(0, csv::Position::line);
        let mut fields = Vec::with_capacity(self.record.len());
        let mut latin1 = false;
        for field in &self.record {
            match std::str::from_utf8(field) {
                Ok(s) => fields.push(s.to_string()),
                Err(_) => {
                    latin1 = true;
                    fields.push(
                        WINDOWS_1252
                            .decode_without_bom_handling(field)
                            .0
                            .into_owned(),
                    );
                }
            }
        }
        if latin1 && !self.latin1_noted {
            self.latin1_noted = true;
            self.notes.push(Note {
                severity: Severity::Warning,
                code: "encoding",
                line,
                message: "bytes that are not UTF-8 (an Excel re-save?): read as Windows-1252"
                    .into(),
            });
        }
        Ok(Some(Row { fields, line }))
    }
}

/// Whether `line` alone reads as a row of exactly `width` fields.
fn looks_like_row(line: &str, delimiter: u8, width: usize) -> bool {
    let line = line.trim_end_matches('\r');
    if line.trim().is_empty() {
        return false;
    }
    // A row of `width` fields has at least `width - 1` separators (quoted ones only add
    // to them): most lines of a long message fail this before a CSV reader is built.
    if line.bytes().filter(|&b| b == delimiter).count() + 1 < width {
        return false;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(line.as_bytes());
    let mut record = csv::ByteRecord::new();
    matches!(reader.read_byte_record(&mut record), Ok(true))
        && record.len() == width
        && reader.read_byte_record(&mut record).ok() == Some(false)
}

/// The candidate separators, in the order they are preferred.
const DELIMITERS: [u8; 3] = [b',', b'\t', b';'];

/// Chooses `,`, tab or `;` from the header record alone (data rows may hold any of them
/// inside text, and quoted fields may span lines). With `required` columns, the first
/// separator (the guess first, then tab, then `;`) under which some record of the
/// sniffed text names them all wins; without, or when none does, the guess.
fn choose_delimiter(head: &[u8], required: &[&str], utf16: bool) -> u8 {
    let text = String::from_utf8_lossy(head);
    let guess = guess_from_header(&text, utf16);
    if required.is_empty() {
        return guess;
    }
    let mut order = vec![guess];
    if utf16 {
        order.push(b'\t');
    }
    order.extend(DELIMITERS);
    order.dedup();
    for d in order {
        if header_found(head, d, required) {
            return d;
        }
    }
    guess
}

/// Whether reading `head` with `delimiter` meets a record naming every `required` column
/// within the preamble limit.
fn header_found(head: &[u8], delimiter: u8, required: &[&str]) -> bool {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(head);
    let mut record = csv::ByteRecord::new();
    for _ in 0..=MAX_PREAMBLE {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            _ => return false,
        }
        let fields: Vec<String> = record
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect();
        if Header::new(&fields).has_all(required) {
            return true;
        }
    }
    false
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
        assert_eq!(header.normalised(1), Some("last name"));
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
        let mut reader = CsvReader::open(&mut slice, required).unwrap();
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
        let mut reader = CsvReader::open(&mut slice, &["name"]).unwrap();
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
        let mut reader = CsvReader::open(&mut slice, &["name"]).unwrap();
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
            "endorser public url"
        );
        assert_eq!(norm("CONVERSATION ID"), "conversation id");
    }
}
