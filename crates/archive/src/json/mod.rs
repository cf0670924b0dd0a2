//! Streaming JSON: arrays are read element by element, never whole.
//!
//! Export archives wrap JSON in JavaScript (`window.YTD.tweets.part0 = [ … ]`,
//! `Grailbird.data.tweets_2014_05 = [ … ]`). [`for_each_element`] skips everything up to
//! the first `=` when asked to, then streams the array.

use std::fmt;
use std::io::{self, Read};

use serde_json::{Map, Value};

mod recover;
mod repairing;

pub use recover::{MAX_RECOVERIES, Problem, Recoveries, Recovery};
pub use repairing::Repairing;

/// Where a JSON problem was found.
#[derive(Debug)]
pub struct JsonError {
    /// 1-based line, counted from the start of the file.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What went wrong.
    pub message: String,
    /// Whether the input ended early (a truncated file).
    pub eof: bool,
    /// The diagnostic code for it: [`crate::codes::RECORD_TOO_LARGE`] when one record
    /// is larger than the limit, [`crate::codes::JSON_SYNTAX`] otherwise.
    pub code: crate::codes::Code,
}

impl JsonError {
    /// What kind of failure it is, for the start of a message: `the file ends early
    /// (truncated?)`, `a record is too large` or `invalid JSON`.
    pub fn kind(&self) -> &'static str {
        if self.eof {
            "the file ends early (truncated?)"
        } else if self.code == crate::codes::RECORD_TOO_LARGE {
            "a record is too large"
        } else {
            "invalid JSON"
        }
    }

    /// `line L, column C`.
    pub fn locator(&self) -> String {
        format!("line {}, column {}", self.line, self.column)
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}", self.message, self.locator())
    }
}

/// How a JSON file begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefix {
    /// Plain JSON.
    None,
    /// JavaScript: everything up to and including the first `=` is skipped.
    Assignment,
}

/// What a streamed array held.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Streamed {
    /// Elements handed to the callback.
    pub count: usize,
    /// Values repaired and elements skipped on the way (see [`Recovery`]).
    pub recoveries: Recoveries,
}

impl Streamed {
    /// Elements in the array: handed over or skipped.
    pub fn elements(&self) -> u64 {
        self.count as u64 + self.recoveries.skipped
    }
}

/// Streams the JSON array in `reader`, calling `f(index, element)` for each element.
/// Returns the number of elements and what was recovered: one bad value (a lone
/// surrogate, invalid UTF-8, a number out of range) costs that value, and an element
/// that is not JSON is skipped while the stream goes on (see [`Recovery`]). `f` may stop
/// the stream by returning an error, which is handed back unchanged as `Err(Ok(e))`; a
/// JSON problem that ends the array (a truncated file, a missing `,`) is
/// `Err(Err(JsonError))`.
///
/// ```
/// use freehold_archive::json::{for_each_element, Prefix};
///
/// let js = b"window.YTD.follower.part0 = [ {\"follower\" : {\"accountId\" : \"12\"}}, {\"follower\" : {\"accountId\" : \"13\"}} ]";
/// let mut ids = Vec::new();
/// let n = for_each_element(&js[..], Prefix::Assignment, |_, v| {
///     ids.push(v["follower"]["accountId"].as_str().unwrap().to_string());
///     Ok::<(), ()>(())
/// });
/// assert_eq!(n.ok().map(|s| s.count), Some(2));
/// assert_eq!(ids, ["12", "13"]);
/// ```
pub fn for_each_element<R: Read, E>(
    reader: R,
    prefix: Prefix,
    f: impl FnMut(usize, Value) -> Result<(), E>,
) -> Result<Streamed, Result<E, JsonError>> {
    for_each_element_limited(reader, prefix, crate::Limits::default().max_record_bytes, f)
}

/// Like [`for_each_element`], stopping with an error when one element (or the prefix)
/// is larger than `max_element_bytes`, so one huge value never becomes one huge
/// allocation. The count is approximate by at most the read buffer (256 KiB).
///
/// ```
/// use freehold_archive::json::{for_each_element_limited, Prefix};
///
/// let big = format!("[\"{}\", \"small\"]", "x".repeat(2_000_000));
/// let result = for_each_element_limited(big.as_bytes(), Prefix::None, 1_000_000, |_, _| Ok::<(), ()>(()));
/// let err = result.unwrap_err().unwrap_err();
/// assert!(err.message.contains("larger than"), "{}", err.message);
/// ```
pub fn for_each_element_limited<R: Read, E>(
    reader: R,
    prefix: Prefix,
    max_element_bytes: u64,
    mut f: impl FnMut(usize, Value) -> Result<(), E>,
) -> Result<Streamed, Result<E, JsonError>> {
    let mut s = Scanner::new(reader, max_element_bytes);
    s.skip_bom().map_err(Err)?;
    if prefix == Prefix::Assignment {
        s.skip_past(b'=').map_err(Err)?;
    }
    match s.next_token().map_err(Err)? {
        Some(b'[') => s.pos += 1,
        Some(_) => return Err(Err(s.error("invalid type: expected a JSON array", false))),
        None => return Err(Err(s.error("EOF while parsing a JSON array", true))),
    }
    let mut out = Streamed::default();
    if s.next_token().map_err(Err)? == Some(b']') {
        return Ok(out);
    }
    let mut index = 0;
    loop {
        if let Some(value) = s
            .next_value_recovering(index, &mut out.recoveries)
            .map_err(Err)?
        {
            f(out.count, value).map_err(Ok)?;
            out.count += 1;
        }
        index += 1;
        match s.next_token().map_err(Err)? {
            Some(b',') => {
                s.pos += 1;
                if s.next_token().map_err(Err)? == Some(b']') {
                    return Err(Err(s.error("trailing comma", false)));
                }
            }
            Some(b']') => return Ok(out),
            Some(_) => return Err(Err(s.error("expected `,` or `]`", false))),
            None => return Err(Err(s.error("EOF while parsing a list", true))),
        }
    }
}

/// Reads one whole JSON value (for small files such as a manifest), after the prefix.
pub fn read_value<R: Read>(reader: R, prefix: Prefix) -> Result<Value, JsonError> {
    read_value_recovering(reader, prefix).map(|(value, _)| value)
}

/// Like [`read_value`], saying what was recovered: a bad value (a lone surrogate,
/// invalid UTF-8, a number out of range) costs that value, not the file (see
/// [`Recovery`]; every index is 0, the field is the pointer from the top).
pub fn read_value_recovering<R: Read>(
    reader: R,
    prefix: Prefix,
) -> Result<(Value, Recoveries), JsonError> {
    let mut s = Scanner::new(reader, u64::MAX);
    s.skip_bom()?;
    if prefix == Prefix::Assignment {
        s.skip_past(b'=')?;
    }
    let (line, column) = (s.line, s.column());
    let start = s.pos;
    if s.fill(start)? {
        while s.fill(0)? {}
    }
    let bytes = &s.buf[s.pos..s.end];
    let error = match serde_json::from_slice(bytes) {
        Ok(value) => return Ok((value, Recoveries::default())),
        Err(e) => {
            let l = e.line().max(1);
            JsonError {
                line: line + l - 1,
                column: if l == 1 {
                    column + e.column().max(1) - 1
                } else {
                    e.column()
                },
                message: strip_position(&e.to_string()),
                eof: e.is_eof(),
                code: crate::codes::JSON_SYNTAX,
            }
        }
    };
    match repair_whole(bytes, line, column) {
        Some((repaired, fixes, recoveries)) => match serde_json::from_slice(&repaired) {
            Ok(mut value) => {
                recover::keep_sources(&mut value, &fixes);
                Ok((value, recoveries))
            }
            Err(_) => Err(error),
        },
        None => Err(error),
    }
}

/// A whole file's bytes repaired, with the repairs, or `None` if nothing needed one.
fn repair_whole(
    bytes: &[u8],
    line: usize,
    column: usize,
) -> Option<(Vec<u8>, Vec<recover::Fix>, Recoveries)> {
    let (repaired, fixes) = recover::sanitize(bytes)?;
    let mut recoveries = Recoveries::default();
    for fix in &fixes {
        let (l, c) = position_in(bytes, fix.offset, line, column);
        recoveries.push(Recovery::Repaired {
            index: 0,
            field: recover::pointer(&fix.path),
            line: l,
            column: c,
            problem: fix.problem,
        });
    }
    Some((repaired, fixes, recoveries))
}

/// What [`read_object_streaming`] found.
#[derive(Debug)]
pub struct StreamedObject {
    /// Every field of the object but the streamed one.
    pub fields: Map<String, Value>,
    /// Whether the object had the streamed field as an array.
    pub found: bool,
    /// Values repaired so that the file could be read (see [`read_value_recovering`]).
    pub recoveries: Recoveries,
}

/// Reads a whole JSON object (after a UTF-8 byte-order mark) and hands the elements of
/// its array field `field` to `f` one at a time, as they are parsed, with the fields
/// read before it: a file of 10,000 messages never becomes one tree of 10,000 values.
/// The whole input is checked first, so on a syntax error `f` is never called (`Err(Err)`,
/// with the position). An input that is not an object gives an empty result.
///
/// ```
/// use freehold_archive::json::read_object_streaming;
///
/// let file = br#"{"participants": [{"name": "Ada"}], "messages": [{"n": 1}, {"n": 2}], "title": "t"}"#;
/// let mut seen = Vec::new();
/// let object = read_object_streaming(&file[..], "messages", |before, i, m| {
///     assert!(before.contains_key("participants"));
///     seen.push((i, m["n"].as_i64().unwrap()));
///     Ok::<(), ()>(())
/// }).unwrap();
/// assert_eq!(seen, [(0, 1), (1, 2)]);
/// assert!(object.found);
/// assert_eq!(object.fields["title"], "t");
/// assert!(!object.fields.contains_key("messages"));
/// ```
pub fn read_object_streaming<R: Read, E>(
    reader: R,
    field: &str,
    mut f: impl FnMut(&Map<String, Value>, usize, Value) -> Result<(), E>,
) -> Result<StreamedObject, Result<E, JsonError>> {
    let mut s = Scanner::new(reader, u64::MAX);
    s.skip_bom().map_err(Err)?;
    let start = s.pos;
    if s.fill(start).map_err(Err)? {
        while s.fill(0).map_err(Err)? {}
    }
    let bytes = &s.buf[s.pos..s.end];
    let whole = |e: serde_json::Error| JsonError {
        line: e.line(),
        column: e.column(),
        message: strip_position(&e.to_string()),
        eof: e.is_eof(),
        code: crate::codes::JSON_SYNTAX,
    };
    let none = std::collections::BTreeMap::new();
    let mut delivered = 0;
    // The structure is checked first, so that a file that is not JSON gives nothing.
    let failed = match serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
        Ok(_) => match stream_object(bytes, field, &mut f, &none, &mut delivered) {
            Ok((fields, found)) => {
                return Ok(StreamedObject {
                    fields,
                    found,
                    recoveries: Recoveries::default(),
                });
            }
            Err(Ok(e)) => return Err(Ok(e)),
            Err(Err(e)) => e,
        },
        Err(e) => e,
    };
    // A bad value: read the repaired bytes, handing over only the elements that were
    // not handed over before the bad one stopped the first pass.
    let Some((repaired, fixes, recoveries)) = repair_whole(bytes, 1, 1) else {
        return Err(Err(whole(failed)));
    };
    let mut element_fixes: std::collections::BTreeMap<usize, Vec<recover::Fix>> =
        std::collections::BTreeMap::new();
    let mut other_fixes = Vec::new();
    for mut fix in fixes {
        match fix.path.get(..2) {
            Some([recover::Segment::Key(k), recover::Segment::Index(i)]) if k == field => {
                let i = *i;
                fix.path.drain(..2);
                element_fixes.entry(i).or_default().push(fix);
            }
            _ => other_fixes.push(fix),
        }
    }
    let mut skip = delivered;
    let mut wrapped = |before: &Map<String, Value>, i: usize, v: Value| {
        if i < delivered {
            return Ok(());
        }
        f(before, i, v)
    };
    match stream_object(&repaired, field, &mut wrapped, &element_fixes, &mut skip) {
        Ok((fields, found)) => {
            let mut fields = Value::Object(fields);
            recover::keep_sources(&mut fields, &other_fixes);
            let fields = match fields {
                Value::Object(m) => m,
                _ => Map::new(),
            };
            Ok(StreamedObject {
                fields,
                found,
                recoveries,
            })
        }
        Err(Ok(e)) => Err(Ok(e)),
        Err(Err(_)) => Err(Err(whole(failed))),
    }
}

/// One pass of [`read_object_streaming`] over `bytes`; `delivered` counts the elements
/// handed to `f`, `fixes` are the repairs to note in each element.
fn stream_object<E>(
    bytes: &[u8],
    field: &str,
    f: &mut impl FnMut(&Map<String, Value>, usize, Value) -> Result<(), E>,
    fixes: &std::collections::BTreeMap<usize, Vec<recover::Fix>>,
    delivered: &mut usize,
) -> Result<(Map<String, Value>, bool), Result<E, serde_json::Error>> {
    let mut visitor = ObjectVisitor {
        field,
        f: |before: &Map<String, Value>, i: usize, mut v: Value| {
            if let Some(fixes) = fixes.get(&i) {
                recover::keep_sources(&mut v, fixes);
            }
            f(before, i, v)?;
            *delivered = i + 1;
            Ok(())
        },
        stopped: None,
        found: false,
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let fields = serde::Deserializer::deserialize_any(&mut de, &mut visitor);
    match (fields, visitor.stopped) {
        (_, Some(e)) => Err(Ok(e)),
        (Ok(fields), None) => Ok((fields, visitor.found)),
        (Err(e), None) => Err(Err(e)),
    }
}

struct ObjectVisitor<'k, F, E> {
    field: &'k str,
    f: F,
    stopped: Option<E>,
    found: bool,
}

impl<'de, F, E> serde::de::Visitor<'de> for &mut ObjectVisitor<'_, F, E>
where
    F: FnMut(&Map<String, Value>, usize, Value) -> Result<(), E>,
{
    type Value = Map<String, Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fields = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == self.field && !self.found {
                let seed = ElementsSeed {
                    before: &fields,
                    f: &mut self.f,
                    stopped: &mut self.stopped,
                };
                self.found = map.next_value_seed(seed)?;
            } else {
                let value: Value = map.next_value()?;
                fields.insert(key, value);
            }
        }
        Ok(fields)
    }

    // Anything but an object: nothing to stream.
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(Map::new())
    }
    fn visit_str<X: serde::de::Error>(self, _: &str) -> Result<Self::Value, X> {
        Ok(Map::new())
    }
    fn visit_bool<X: serde::de::Error>(self, _: bool) -> Result<Self::Value, X> {
        Ok(Map::new())
    }
    fn visit_i64<X: serde::de::Error>(self, _: i64) -> Result<Self::Value, X> {
        Ok(Map::new())
    }
    fn visit_u64<X: serde::de::Error>(self, _: u64) -> Result<Self::Value, X> {
        Ok(Map::new())
    }
    fn visit_f64<X: serde::de::Error>(self, _: f64) -> Result<Self::Value, X> {
        Ok(Map::new())
    }
    fn visit_unit<X: serde::de::Error>(self) -> Result<Self::Value, X> {
        Ok(Map::new())
    }
}

/// The streamed field: each element of an array goes to the callback; anything else is
/// skipped (and the field counts as not found).
struct ElementsSeed<'a, F, E> {
    before: &'a Map<String, Value>,
    f: &'a mut F,
    stopped: &'a mut Option<E>,
}

impl<'de, F, E> serde::de::DeserializeSeed<'de> for ElementsSeed<'_, F, E>
where
    F: FnMut(&Map<String, Value>, usize, Value) -> Result<(), E>,
{
    type Value = bool;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<bool, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, F, E> serde::de::Visitor<'de> for ElementsSeed<'_, F, E>
where
    F: FnMut(&Map<String, Value>, usize, Value) -> Result<(), E>,
{
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let mut index = 0;
        while let Some(value) = seq.next_element::<Value>()? {
            if let Err(e) = (self.f)(self.before, index, value) {
                *self.stopped = Some(e);
                return Err(serde::de::Error::custom("stopped by the caller"));
            }
            index += 1;
        }
        Ok(true)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(false)
    }
    fn visit_str<X: serde::de::Error>(self, _: &str) -> Result<bool, X> {
        Ok(false)
    }
    fn visit_bool<X: serde::de::Error>(self, _: bool) -> Result<bool, X> {
        Ok(false)
    }
    fn visit_i64<X: serde::de::Error>(self, _: i64) -> Result<bool, X> {
        Ok(false)
    }
    fn visit_u64<X: serde::de::Error>(self, _: u64) -> Result<bool, X> {
        Ok(false)
    }
    fn visit_f64<X: serde::de::Error>(self, _: f64) -> Result<bool, X> {
        Ok(false)
    }
    fn visit_unit<X: serde::de::Error>(self) -> Result<bool, X> {
        Ok(false)
    }
}

/// Reads a JSON stream into a buffer and parses each array element from one contiguous
/// slice (serde_json is several times faster on a slice than on a reader). The buffer
/// holds one element at a time (plus one read), never much more than the limit.
struct Scanner<R> {
    reader: R,
    buf: Vec<u8>,
    /// Next byte to look at.
    pos: usize,
    /// End of the valid bytes in `buf`.
    end: usize,
    /// Offset in the stream of `buf[0]`.
    base: u64,
    /// 1-based line of `buf[pos]`.
    line: usize,
    /// Stream offset where that line starts.
    line_start: u64,
    max: u64,
    eof: bool,
}

impl<R: Read> Scanner<R> {
    fn new(reader: R, max: u64) -> Self {
        Scanner {
            reader,
            buf: vec![0; 256 * 1024],
            pos: 0,
            end: 0,
            base: 0,
            line: 1,
            line_start: 0,
            max,
            eof: false,
        }
    }

    fn column(&self) -> usize {
        usize::try_from(self.base + self.pos as u64 - self.line_start).unwrap_or(0) + 1
    }

    fn error(&self, message: &str, eof: bool) -> JsonError {
        JsonError {
            line: self.line,
            column: self.column(),
            message: message.to_string(),
            eof,
            code: crate::codes::JSON_SYNTAX,
        }
    }

    fn too_large(&self) -> JsonError {
        JsonError {
            code: crate::codes::RECORD_TOO_LARGE,
            ..self.error(
                &format!(
                    "a single record is larger than the limit of {} bytes",
                    self.max
                ),
                false,
            )
        }
    }

    /// Reads more bytes, keeping `buf[keep..]`. Returns false at the end of the stream.
    /// Positions inside the buffer move by `keep`; callers re-derive them from `pos`.
    fn fill(&mut self, keep: usize) -> Result<bool, JsonError> {
        if self.eof {
            return Ok(false);
        }
        if keep > 0 {
            self.buf.copy_within(keep..self.end, 0);
            self.end -= keep;
            self.pos -= keep;
            self.base += keep as u64;
        }
        if self.end == self.buf.len() {
            if self.end as u64 > self.max {
                return Err(self.too_large());
            }
            let grown = self.buf.len() * 2;
            self.buf.resize(grown, 0);
        }
        loop {
            match self.reader.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(io_error(&e)),
            }
        }
    }

    fn newline_at(&mut self, i: usize) {
        self.line += 1;
        self.line_start = self.base + i as u64 + 1;
    }

    fn skip_bom(&mut self) -> Result<(), JsonError> {
        while self.end - self.pos < 3 && self.fill(self.pos)? {}
        if self.buf[self.pos..self.end].starts_with(b"\xEF\xBB\xBF") {
            self.pos += 3;
            self.line_start = self.base + self.pos as u64;
        }
        Ok(())
    }

    /// Skips everything up to and including the first `byte`.
    fn skip_past(&mut self, byte: u8) -> Result<(), JsonError> {
        loop {
            while self.pos < self.end {
                let b = self.buf[self.pos];
                if b == b'\n' {
                    self.newline_at(self.pos);
                }
                self.pos += 1;
                if b == byte {
                    return Ok(());
                }
            }
            if self.base + self.pos as u64 > self.max {
                return Err(self.too_large());
            }
            if !self.fill(self.pos)? {
                return Err(self.error("no `=` found: this is not a JavaScript data file", true));
            }
        }
    }

    /// Skips whitespace and returns the next byte without consuming it.
    fn next_token(&mut self) -> Result<Option<u8>, JsonError> {
        loop {
            while self.pos < self.end {
                match self.buf[self.pos] {
                    b'\n' => self.newline_at(self.pos),
                    b' ' | b'\t' | b'\r' => {}
                    b => return Ok(Some(b)),
                }
                self.pos += 1;
            }
            if !self.fill(self.pos)? {
                return Ok(None);
            }
        }
    }

    /// Parses the value starting at `pos` straight from the buffer and moves past it.
    /// A value cut by the end of the buffer is parsed again once more bytes are in.
    fn next_value(&mut self) -> Result<Value, JsonError> {
        loop {
            let mut stream =
                serde_json::Deserializer::from_slice(&self.buf[self.pos..self.end]).into_iter();
            let parsed = stream.next();
            let used = stream.byte_offset();
            match parsed {
                // A value that ends exactly at the end of the buffer may be a number
                // or literal that goes on in the next read.
                Some(Ok(value)) if self.pos + used < self.end || self.eof => {
                    self.advance(used);
                    return Ok(value);
                }
                Some(Err(e)) if !e.is_eof() || self.eof => {
                    return Err(self.json_error(&e));
                }
                None if self.eof => {
                    return Err(self.error("EOF while parsing a value", true));
                }
                _ => {
                    if !self.fill(self.pos)? {
                        // Parse once more with `eof` set, to report the real error.
                        continue;
                    }
                }
            }
        }
    }

    /// Like [`Scanner::next_value`], recovering at the value: an element serde_json
    /// refuses is repaired (see [`recover`]) or, failing that, stepped over by its brackets
    /// and quotes and counted as skipped (`None`). An element cut by the end of the
    /// input stays an error.
    fn next_value_recovering(
        &mut self,
        index: usize,
        recoveries: &mut Recoveries,
    ) -> Result<Option<Value>, JsonError> {
        let first = match self.next_value() {
            Ok(value) => return Ok(Some(value)),
            Err(e) if e.eof => return Err(e),
            Err(e) => e,
        };
        let len = loop {
            match recover::value_extent(&self.buf[self.pos..self.end]) {
                Some(len) => break len,
                None => {
                    if !self.fill(self.pos)? {
                        return Err(first);
                    }
                }
            }
        };
        let element = &self.buf[self.pos..self.pos + len];
        let repaired = recover::sanitize(element).and_then(|(bytes, fixes)| {
            let mut value: Value = serde_json::from_slice(&bytes).ok()?;
            recover::keep_sources(&mut value, &fixes);
            Some((value, fixes))
        });
        let (line, column) = (self.line, self.column());
        let result = match repaired {
            Some((value, fixes)) => {
                for fix in &fixes {
                    let (l, c) = position_in(element, fix.offset, line, column);
                    recoveries.push(Recovery::Repaired {
                        index,
                        field: recover::pointer(&fix.path),
                        line: l,
                        column: c,
                        problem: fix.problem,
                    });
                }
                Some(value)
            }
            None => {
                recoveries.push(Recovery::Skipped {
                    index,
                    line: first.line,
                    column: first.column,
                    message: first.message,
                });
                None
            }
        };
        self.advance(len);
        Ok(result)
    }

    /// Moves `pos` forward by `n` bytes, counting the lines passed.
    fn advance(&mut self, n: usize) {
        let end = self.pos + n;
        if let Some(last) = memchr::memrchr(b'\n', &self.buf[self.pos..end]) {
            self.line += memchr::memchr_iter(b'\n', &self.buf[self.pos..end]).count();
            self.line_start = self.base + (self.pos + last) as u64 + 1;
        }
        self.pos = end;
    }

    /// A serde_json error at a position relative to `pos`, made absolute.
    fn json_error(&self, e: &serde_json::Error) -> JsonError {
        let l = e.line().max(1);
        JsonError {
            line: self.line + l - 1,
            column: if l == 1 {
                self.column() + e.column().max(1) - 1
            } else {
                e.column()
            },
            message: strip_position(&e.to_string()),
            eof: e.is_eof(),
            code: crate::codes::JSON_SYNTAX,
        }
    }
}

/// The line and column of `offset` inside `bytes`, which start at `line`, `column`.
fn position_in(bytes: &[u8], offset: usize, line: usize, column: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    match memchr::memrchr(b'\n', before) {
        Some(last) => (
            line + memchr::memchr_iter(b'\n', before).count(),
            offset - last,
        ),
        None => (line, column + offset),
    }
}

fn io_error(e: &io::Error) -> JsonError {
    JsonError {
        line: 1,
        column: 1,
        message: e.to_string(),
        eof: e.kind() == io::ErrorKind::UnexpectedEof,
        code: crate::codes::JSON_SYNTAX,
    }
}

/// serde_json appends " at line L column C"; we report the position ourselves.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod recovery_tests;

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(input: &str, prefix: Prefix) -> Result<Vec<Value>, JsonError> {
        let mut out = Vec::new();
        match for_each_element(input.as_bytes(), prefix, |_, v| {
            out.push(v);
            Ok::<(), ()>(())
        }) {
            Ok(_) => Ok(out),
            Err(Err(e)) => Err(e),
            Err(Ok(())) => unreachable!(),
        }
    }

    #[test]
    fn prefix_on_same_line_and_next_line() {
        assert_eq!(
            collect("window.YTD.a.part0 = [ {\"x\":1} ]", Prefix::Assignment)
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            collect(
                "Grailbird.data.tweets_2014_05 = \n[ {\"x\":1}, {\"x\":2} ]",
                Prefix::Assignment
            )
            .unwrap()
            .len(),
            2
        );
        assert_eq!(
            collect("\u{feff}window.YTD.a.part0 = [ ]", Prefix::Assignment)
                .unwrap()
                .len(),
            0
        );
    }

    #[test]
    fn truncated_array_keeps_earlier_elements_and_reports_position() {
        let mut seen = 0;
        let result = for_each_element(
            "window.YTD.like.part0 = [\n{\"a\":1},\n{\"b\":2},\n{\"c\":".as_bytes(),
            Prefix::Assignment,
            |_, _| {
                seen += 1;
                Ok::<(), ()>(())
            },
        );
        assert_eq!(seen, 2);
        let err = result.unwrap_err().unwrap_err();
        assert!(err.eof);
        assert_eq!(err.line, 4);
    }

    /// Hands out at most `step` bytes per read, so elements, strings and escapes are cut
    /// at every possible place between reads.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    #[test]
    fn elements_cut_between_reads_parse_like_the_whole_array() {
        let input = r#"window.YTD.x.part0 = [ {"a": "q\"uo]te}", "b": [1, {"c": "\\"}]},
            "str\"ing", 12.5e3, true, null, [], {}, ["]", "[", "{"], "é 陈 \u00e9\n" ]"#;
        let expected: Vec<Value> = serde_json::from_str(input.split_once('=').unwrap().1).unwrap();
        for step in [1, 2, 3, 5, 7, 64, 1 << 20] {
            let mut got = Vec::new();
            let n = for_each_element(
                Trickle {
                    data: input.as_bytes(),
                    step,
                },
                Prefix::Assignment,
                |i, v| {
                    assert_eq!(i, got.len());
                    got.push(v);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            assert_eq!(n.count, expected.len(), "step {step}");
            assert_eq!(got, expected, "step {step}");
        }
    }

    #[test]
    fn an_error_between_elements_names_its_line_and_column() {
        let input = "[1, 2,]";
        let err = collect(input, Prefix::None).unwrap_err();
        assert!(err.message.contains("trailing comma"), "{err}");
        let err = collect("[1 2]", Prefix::None).unwrap_err();
        assert_eq!((err.line, err.column), (1, 4), "{err}");
    }

    #[test]
    fn read_value_reports_positions_of_the_whole_file() {
        let err = read_value("{\n\"a\": [1,\n 2,, 3]}".as_bytes(), Prefix::None).unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        let v = read_value(
            "\u{feff}window.x = {\"a\": 1}".as_bytes(),
            Prefix::Assignment,
        )
        .unwrap();
        assert_eq!(v["a"], 1);
    }

    #[test]
    fn missing_assignment_is_an_error() {
        assert!(collect("[1,2]", Prefix::Assignment).is_err());
    }

    #[test]
    fn not_an_array_is_an_error() {
        let err = collect("x = {\"a\": 1}", Prefix::Assignment).unwrap_err();
        assert!(err.message.contains("array"), "{}", err.message);
    }
}
