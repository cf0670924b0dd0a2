//! Streaming JSON: arrays are read element by element, never whole.
//!
//! Export archives wrap JSON in JavaScript (`window.YTD.tweets.part0 = [ … ]`,
//! `Grailbird.data.tweets_2014_05 = [ … ]`). [`for_each_element`] skips everything up to
//! the first `=` when asked to, then streams the array.

use std::cell::Cell;
use std::fmt;
use std::io::{self, BufRead, BufReader, Read};
use std::rc::Rc;

use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde_json::Value;

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
}

impl JsonError {
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

/// Streams the JSON array in `reader`, calling `f(index, element)` for each element.
/// Returns the number of elements. `f` may stop the stream by returning an error, which
/// is handed back unchanged as `Err(Ok(e))`; a JSON problem is `Err(Err(JsonError))`.
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
/// assert_eq!(n.ok(), Some(2));
/// assert_eq!(ids, ["12", "13"]);
/// ```
pub fn for_each_element<R: Read, E>(
    reader: R,
    prefix: Prefix,
    f: impl FnMut(usize, Value) -> Result<(), E>,
) -> Result<usize, Result<E, JsonError>> {
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
    f: impl FnMut(usize, Value) -> Result<(), E>,
) -> Result<usize, Result<E, JsonError>> {
    let since_mark = Rc::new(Cell::new(0u64));
    let limited = LimitedReader {
        inner: reader,
        since_mark: Rc::clone(&since_mark),
        max: max_element_bytes,
    };
    let mut reader = BufReader::with_capacity(256 * 1024, limited);
    let skipped_lines = skip_prefix(&mut reader, prefix).map_err(|e| Err(io_error(&e)))?;
    let mut de = serde_json::Deserializer::from_reader(reader);
    let mut visitor = ElementVisitor {
        f,
        count: 0,
        stopped: None,
        since_mark,
    };
    let result = (&mut de).deserialize_seq(&mut visitor);
    match (result, visitor.stopped) {
        (_, Some(e)) => Err(Ok(e)),
        (Ok(()), None) => Ok(visitor.count),
        (Err(e), None) => Err(Err(json_error(&e, skipped_lines))),
    }
}

/// Reads one whole JSON value (for small files such as a manifest), after the prefix.
pub fn read_value<R: Read>(reader: R, prefix: Prefix) -> Result<Value, JsonError> {
    let mut reader = BufReader::new(reader);
    let skipped_lines = skip_prefix(&mut reader, prefix).map_err(|e| io_error(&e))?;
    let mut de = serde_json::Deserializer::from_reader(reader);
    serde::Deserialize::deserialize(&mut de).map_err(|e| json_error(&e, skipped_lines))
}

/// Skips a UTF-8 byte-order mark and, for [`Prefix::Assignment`], everything up to and
/// including the first `=`. Returns the number of whole lines skipped.
fn skip_prefix<R: BufRead>(reader: &mut R, prefix: Prefix) -> io::Result<usize> {
    let buf = reader.fill_buf()?;
    if buf.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
    }
    if prefix == Prefix::None {
        return Ok(0);
    }
    let mut lines = 0;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "no `=` found: this is not a JavaScript data file",
            ));
        }
        if let Some(pos) = buf.iter().position(|&b| b == b'=') {
            lines += buf[..pos].iter().filter(|&&b| b == b'\n').count();
            reader.consume(pos + 1);
            return Ok(lines);
        }
        lines += buf.iter().filter(|&&b| b == b'\n').count();
        let n = buf.len();
        reader.consume(n);
    }
}

fn json_error(e: &serde_json::Error, skipped_lines: usize) -> JsonError {
    JsonError {
        line: e.line() + skipped_lines,
        column: e.column(),
        message: strip_position(&e.to_string()),
        eof: e.is_eof(),
    }
}

fn io_error(e: &io::Error) -> JsonError {
    JsonError {
        line: 1,
        column: 1,
        message: e.to_string(),
        eof: e.kind() == io::ErrorKind::UnexpectedEof,
    }
}

/// serde_json appends " at line L column C"; we report the position ourselves.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

struct ElementVisitor<F, E> {
    f: F,
    count: usize,
    stopped: Option<E>,
    since_mark: Rc<Cell<u64>>,
}

/// Counts the bytes read since the visitor last finished an element.
struct LimitedReader<R> {
    inner: R,
    since_mark: Rc<Cell<u64>>,
    max: u64,
}

impl<R: Read> Read for LimitedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.since_mark.get() > self.max {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "a single record is larger than the limit of {} bytes",
                    self.max
                ),
            ));
        }
        let n = self.inner.read(buf)?;
        self.since_mark.set(self.since_mark.get() + n as u64);
        Ok(n)
    }
}

impl<'de, F, E> Visitor<'de> for &mut ElementVisitor<F, E>
where
    F: FnMut(usize, Value) -> Result<(), E>,
{
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(value) = seq.next_element_seed(ValueSeed)? {
            self.since_mark.set(0);
            let index = self.count;
            self.count += 1;
            if let Err(e) = (self.f)(index, value) {
                self.stopped = Some(e);
                return Err(de::Error::custom("stopped by the caller"));
            }
        }
        Ok(())
    }
}

struct ValueSeed;

impl<'de> DeserializeSeed<'de> for ValueSeed {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        serde::Deserialize::deserialize(d)
    }
}

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
