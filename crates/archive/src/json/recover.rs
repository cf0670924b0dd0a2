//! Recovering at the value: a JSON element that serde_json refuses is looked at again
//! byte by byte. A lone UTF-16 surrogate escape (`\ud83d` alone, which X writes when its
//! truncation of a long text cuts an emoji in half), invalid UTF-8 (CESU-8 included) and
//! a number out of range (`1e400`) cost that one value; only an element that is still
//! not JSON after those repairs is skipped, and the reader goes on with the next one.

use serde_json::Value;

/// What was wrong with a value the reader repaired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A `\uD800`–`\uDFFF` escape without its other half: read as U+FFFD.
    LoneSurrogate,
    /// Bytes that are not UTF-8 (CESU-8 included): each bad sequence read as U+FFFD.
    InvalidUtf8,
    /// A number no `f64` holds (`1e400`): kept as a string of its source text.
    NumberOutOfRange,
}

impl Problem {
    /// A short description for a diagnostic.
    pub fn describe(self) -> &'static str {
        match self {
            Problem::LoneSurrogate => "a lone UTF-16 surrogate escape, read as U+FFFD",
            Problem::InvalidUtf8 => "bytes that are not UTF-8, read as U+FFFD",
            Problem::NumberOutOfRange => "a number out of range, kept as its source text",
        }
    }
}

/// One value repaired, or one element skipped, while a JSON file was read.
#[derive(Debug, Clone, PartialEq)]
pub enum Recovery {
    /// A value was repaired; the rest of its record was read as written.
    Repaired {
        /// Index of the array element (0 for a file read whole).
        index: usize,
        /// JSON pointer of the value inside the element (`/tweet/full_text`).
        field: String,
        /// 1-based line and column of the value in the file.
        line: usize,
        /// See `line`.
        column: usize,
        /// What was wrong.
        problem: Problem,
    },
    /// An element that is not JSON even after repairs was skipped whole.
    Skipped {
        /// Index of the array element.
        index: usize,
        /// 1-based line and column where serde_json stopped.
        line: usize,
        /// See `line`.
        column: usize,
        /// serde_json's message.
        message: String,
    },
}

impl Recovery {
    /// `[3] /tweet/full_text, line 40, column 7`: where it was.
    pub fn locator(&self) -> String {
        match self {
            Recovery::Repaired {
                index,
                field,
                line,
                column,
                ..
            } => format!("[{index}] {field}, line {line}, column {column}"),
            Recovery::Skipped {
                index,
                line,
                column,
                ..
            } => format!("[{index}], line {line}, column {column}"),
        }
    }
}

/// At most this many recoveries are listed per file; the rest are only counted.
pub const MAX_RECOVERIES: usize = 1_000;

/// The recoveries of one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Recoveries {
    /// The first [`MAX_RECOVERIES`].
    pub list: Vec<Recovery>,
    /// Values repaired in all.
    pub repaired: u64,
    /// Elements skipped in all.
    pub skipped: u64,
}

impl Recoveries {
    pub(crate) fn push(&mut self, r: Recovery) {
        match r {
            Recovery::Repaired { .. } => self.repaired += 1,
            Recovery::Skipped { .. } => self.skipped += 1,
        }
        if self.list.len() < MAX_RECOVERIES {
            self.list.push(r);
        }
    }

    /// Whether nothing was recovered.
    pub fn is_empty(&self) -> bool {
        self.repaired == 0 && self.skipped == 0
    }
}

/// One repair made by [`sanitize`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fix {
    /// Path of the value inside the input: object keys and array indexes.
    pub path: Vec<Segment>,
    /// Byte offset of the value in the input.
    pub offset: usize,
    pub problem: Problem,
    /// The value's source text (a string without its quotes), invalid bytes as `\xNN`.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Segment {
    Key(String),
    Index(usize),
}

/// The JSON pointer of a path.
pub(crate) fn pointer(path: &[Segment]) -> String {
    let mut out = String::new();
    for s in path {
        out.push('/');
        match s {
            Segment::Key(k) => out.push_str(&k.replace('~', "~0").replace('/', "~1")),
            Segment::Index(i) => out.push_str(&i.to_string()),
        }
    }
    out
}

enum Frame {
    Object { key: Option<String>, want_key: bool },
    Array { index: usize },
}

/// Rewrites `input` so that serde_json can read it: lone surrogate escapes become
/// `\ufffd`, invalid UTF-8 inside strings becomes U+FFFD, numbers out of range become
/// strings of their source text. Structure is copied as it is. `None` when nothing
/// needed a repair.
pub(crate) fn sanitize(input: &[u8]) -> Option<(Vec<u8>, Vec<Fix>)> {
    let mut out = Vec::with_capacity(input.len() + 16);
    let mut fixes = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < input.len() {
        let b = input[i];
        match b {
            b'{' => {
                stack.push(Frame::Object {
                    key: None,
                    want_key: true,
                });
                out.push(b);
                i += 1;
            }
            b'[' => {
                stack.push(Frame::Array { index: 0 });
                out.push(b);
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                out.push(b);
                i += 1;
            }
            b',' => {
                match stack.last_mut() {
                    Some(Frame::Array { index }) => *index += 1,
                    Some(Frame::Object { want_key, .. }) => *want_key = true,
                    None => {}
                }
                out.push(b);
                i += 1;
            }
            b'"' => {
                let start = i;
                let (end, text, problem) = string_token(input, i, &mut out);
                i = end;
                let is_key = matches!(stack.last(), Some(Frame::Object { want_key: true, .. }));
                if is_key {
                    if let Some(Frame::Object { key, want_key }) = stack.last_mut() {
                        *key = Some(text);
                        *want_key = false;
                    }
                } else if let Some(problem) = problem {
                    fixes.push(Fix {
                        path: path_of(&stack),
                        offset: start,
                        problem,
                        source: source_text(
                            &input[start + 1..end.saturating_sub(1).max(start + 1)],
                        ),
                    });
                }
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < input.len()
                    && matches!(input[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                let token = &input[start..i];
                let text = std::str::from_utf8(token).unwrap_or("");
                if text.parse::<f64>().is_ok_and(|x| x.is_infinite()) {
                    out.push(b'"');
                    out.extend_from_slice(token);
                    out.push(b'"');
                    fixes.push(Fix {
                        path: path_of(&stack),
                        offset: start,
                        problem: Problem::NumberOutOfRange,
                        source: text.to_string(),
                    });
                } else {
                    out.extend_from_slice(token);
                }
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    if fixes.is_empty() {
        None
    } else {
        Some((out, fixes))
    }
}

fn path_of(stack: &[Frame]) -> Vec<Segment> {
    stack
        .iter()
        .filter_map(|f| match f {
            Frame::Object { key, .. } => key.clone().map(Segment::Key),
            Frame::Array { index } => Some(Segment::Index(*index)),
        })
        .collect()
}

/// Copies the string token starting at `input[start] == '"'` into `out`, repaired.
/// Returns the offset after its closing quote, its text (for keys), and the first problem.
fn string_token(input: &[u8], start: usize, out: &mut Vec<u8>) -> (usize, String, Option<Problem>) {
    let mut problem = None;
    let note = |p: Problem, problem: &mut Option<Problem>| {
        if problem.is_none() {
            *problem = Some(p);
        }
    };
    let out_start = out.len();
    out.push(b'"');
    let mut i = start + 1;
    while i < input.len() {
        let b = input[i];
        if b == b'"' {
            out.push(b);
            i += 1;
            break;
        }
        if b == b'\\' {
            if input.get(i + 1) == Some(&b'u')
                && let Some(unit) = hex4(input, i + 2)
            {
                if (0xD800..0xDC00).contains(&unit) {
                    let low = (input.get(i + 6) == Some(&b'\\') && input.get(i + 7) == Some(&b'u'))
                        .then(|| hex4(input, i + 8))
                        .flatten()
                        .filter(|u| (0xDC00..0xE000).contains(u));
                    if low.is_some() {
                        out.extend_from_slice(&input[i..i + 12]);
                        i += 12;
                    } else {
                        out.extend_from_slice(b"\\ufffd");
                        note(Problem::LoneSurrogate, &mut problem);
                        i += 6;
                    }
                    continue;
                }
                if (0xDC00..0xE000).contains(&unit) {
                    out.extend_from_slice(b"\\ufffd");
                    note(Problem::LoneSurrogate, &mut problem);
                    i += 6;
                    continue;
                }
                out.extend_from_slice(&input[i..i + 6]);
                i += 6;
                continue;
            }
            // Any other escape: copied as it is (serde_json judges it).
            out.push(b);
            if let Some(&next) = input.get(i + 1) {
                out.push(next);
            }
            i += 2;
            continue;
        }
        if b < 0x80 {
            out.push(b);
            i += 1;
            continue;
        }
        // A run of non-ASCII bytes: keep what is UTF-8, replace the rest.
        let run_end = input[i..]
            .iter()
            .position(|&c| c < 0x80)
            .map_or(input.len(), |p| i + p);
        let mut run = &input[i..run_end];
        loop {
            match std::str::from_utf8(run) {
                Ok(s) => {
                    out.extend_from_slice(s.as_bytes());
                    break;
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    out.extend_from_slice(&run[..good]);
                    out.extend_from_slice("\u{fffd}".as_bytes());
                    note(Problem::InvalidUtf8, &mut problem);
                    let bad = e.error_len().unwrap_or(run.len() - good);
                    run = &run[good + bad..];
                }
            }
        }
        i = run_end;
    }
    let text = String::from_utf8_lossy(
        &out[out_start + 1..out.len().saturating_sub(1).max(out_start + 1)],
    )
    .into_owned();
    (i, text, problem)
}

fn hex4(input: &[u8], at: usize) -> Option<u32> {
    let digits = input.get(at..at + 4)?;
    let text = std::str::from_utf8(digits).ok()?;
    u32::from_str_radix(text, 16).ok()
}

/// The source bytes of a value as text: UTF-8 as it is, any other byte as `\xNN`.
fn source_text(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len() - good);
                for b in &rest[good..good + bad] {
                    out.push_str(&format!("\\x{b:02X}"));
                }
                rest = &rest[good + bad..];
            }
        }
    }
}

/// Records each repaired string's source beside it, in the nearest object that holds it,
/// as `<name>.source` (`full_text.source`; `<array>/<index>.source` for a string inside an
/// array), so the parsers' usual "unmapped fields go to `extra`" keeps the exact source.
pub(crate) fn keep_sources(value: &mut Value, fixes: &[Fix]) {
    for fix in fixes {
        if fix.problem == Problem::NumberOutOfRange {
            continue;
        }
        // The deepest object on the path, and the rest of the path below it.
        let mut node = &*value;
        let mut depth_of_object = None;
        for (d, seg) in fix.path.iter().enumerate() {
            if node.is_object() {
                depth_of_object = Some(d);
            }
            match step(node, seg) {
                Some(n) => node = n,
                None => break,
            }
        }
        let Some(d) = depth_of_object else { continue };
        let rest: Vec<String> = fix.path[d..]
            .iter()
            .map(|s| match s {
                Segment::Key(k) => k.clone(),
                Segment::Index(i) => i.to_string(),
            })
            .collect();
        let name = format!("{}.source", rest.join("/"));
        let mut target = Some(&mut *value);
        for seg in &fix.path[..d] {
            target = target.and_then(|t| match (seg, t) {
                (Segment::Key(k), Value::Object(m)) => m.get_mut(k),
                (Segment::Index(i), Value::Array(a)) => a.get_mut(*i),
                _ => None,
            });
        }
        if let Some(Value::Object(m)) = target {
            m.insert(name, Value::String(fix.source.clone()));
        }
    }
}

fn step<'v>(node: &'v Value, seg: &Segment) -> Option<&'v Value> {
    match (seg, node) {
        (Segment::Key(k), Value::Object(m)) => m.get(k),
        (Segment::Index(i), Value::Array(a)) => a.get(*i),
        _ => None,
    }
}

/// The length of the JSON value at the start of `input` (after whitespace), found by
/// brackets and quotes alone, so that a broken element can be stepped over. `None` when
/// the input ends first.
pub(crate) fn value_extent(input: &[u8]) -> Option<usize> {
    let mut i = input.iter().position(|b| !b.is_ascii_whitespace())?;
    match input[i] {
        b'{' | b'[' => {
            let mut depth = 0usize;
            while i < input.len() {
                match input[i] {
                    b'"' => i = string_end(input, i)?,
                    b'{' | b'[' => {
                        depth += 1;
                        i += 1;
                    }
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        i += 1;
                        if depth == 0 {
                            return Some(i);
                        }
                    }
                    _ => i += 1,
                }
            }
            None
        }
        b'"' => string_end(input, i),
        _ => {
            let end = input[i..]
                .iter()
                .position(|b| matches!(b, b',' | b']' | b'}') || b.is_ascii_whitespace())?;
            Some(i + end)
        }
    }
}

/// The offset after the string starting at `input[start] == '"'`.
fn string_end(input: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < input.len() {
        match input[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(input: &str) -> (Value, Vec<Fix>) {
        let (bytes, fixes) = sanitize(input.as_bytes()).expect("a repair");
        let mut v: Value = serde_json::from_slice(&bytes).expect("repaired JSON parses");
        keep_sources(&mut v, &fixes);
        (v, fixes)
    }

    #[test]
    fn a_lone_high_surrogate_costs_one_character() {
        let (v, fixes) = repaired(r#"{"tweet": {"full_text": "cut \ud83d", "id_str": "1"}}"#);
        assert_eq!(v["tweet"]["full_text"], "cut \u{fffd}");
        assert_eq!(v["tweet"]["full_text.source"], "cut \\ud83d");
        assert_eq!(v["tweet"]["id_str"], "1");
        assert_eq!(pointer(&fixes[0].path), "/tweet/full_text");
        assert_eq!(fixes[0].problem, Problem::LoneSurrogate);
    }

    #[test]
    fn a_lone_low_surrogate_and_a_valid_pair() {
        let (v, _) = repaired(r#"["\udc00 and \ud83d\ude00"]"#);
        assert_eq!(v[0], "\u{fffd} and \u{1f600}");
    }

    #[test]
    fn invalid_utf8_and_cesu8_become_replacement_characters() {
        let mut input = b"{\"a\": [\"ok\", \"x".to_vec();
        input.extend_from_slice(b"\xED\xA0\xBD\xED\xB8\x80"); // CESU-8 of U+1F600
        input.extend_from_slice(b" \xFF y\"]}");
        let (bytes, fixes) = sanitize(&input).unwrap();
        let mut v: Value = serde_json::from_slice(&bytes).unwrap();
        keep_sources(&mut v, &fixes);
        let text = v["a"][1].as_str().unwrap();
        assert!(text.starts_with('x') && text.ends_with(" y"), "{text}");
        assert!(text.contains('\u{fffd}'));
        assert_eq!(v["a/1.source"], "x\\xED\\xA0\\xBD\\xED\\xB8\\x80 \\xFF y");
        assert_eq!(pointer(&fixes[0].path), "/a/1");
    }

    #[test]
    fn a_number_out_of_range_is_kept_as_text() {
        let (v, fixes) = repaired(r#"{"count": 1e400, "n": 2}"#);
        assert_eq!(v["count"], "1e400");
        assert_eq!(v["n"], 2);
        assert_eq!(fixes[0].problem, Problem::NumberOutOfRange);
    }

    #[test]
    fn good_json_needs_no_repair() {
        assert!(sanitize(br#"{"a": "\u00e9 \ud83d\ude00", "b": [1.5e10, -2]}"#).is_none());
    }

    #[test]
    fn extent_steps_over_a_broken_element() {
        assert_eq!(value_extent(br#" {"b": tru}, {"c": 1}"#), Some(11));
        assert_eq!(value_extent(br#"{"a": "]}"}, 1"#), Some(11));
        assert_eq!(value_extent(br#"{"a": [1"#), None);
        assert_eq!(value_extent(b"1e400]"), Some(5));
    }
}
