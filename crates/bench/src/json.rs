//! A small streaming JSON writer: pretty-printed the way each platform prints, one value
//! at a time, so a file of millions of records is never held in memory.

use std::io::{self, Write};

/// How strings are escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strings {
    /// Literal UTF-8 (Twitter/X, Hyves): only `"`, `\` and control characters escaped.
    Utf8,
    /// Meta's export encoding: every UTF-8 byte of a non-ASCII character written as its
    /// own `\u00XX` escape (lower-case hex), so the file is pure ASCII and a standard JSON
    /// reader sees mojibake (`é` → `"\u00c3\u00a9"`).
    Mojibake,
}

/// How a platform pretty-prints.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    /// Between a key and its value: `" : "` (X) or `": "` (Meta).
    pub colon: &'static str,
    /// An empty array: `"[ ]"` (X) or `"[]"` (Meta).
    pub empty_array: &'static str,
    /// String escaping.
    pub strings: Strings,
}

/// X's archive style.
pub(crate) const TWITTER: Style = Style {
    colon: " : ",
    empty_array: "[ ]",
    strings: Strings::Utf8,
};

/// Meta's export style.
pub(crate) const META: Style = Style {
    colon: ": ",
    empty_array: "[]",
    strings: Strings::Mojibake,
};

#[derive(Debug, Clone, Copy)]
struct Frame {
    array: bool,
    count: u64,
}

/// Writes one JSON document, value by value, with two-space indentation.
pub(crate) struct JsonWriter<W: Write> {
    w: W,
    style: Style,
    stack: Vec<Frame>,
    /// The indentation of the outermost level (X indents the elements of its top-level
    /// array by one level; a document on its own starts at 0).
    base: usize,
}

const SPACES: &[u8] = b"                                                                ";

impl<W: Write> JsonWriter<W> {
    /// A writer whose outermost values start at indentation level `base`.
    pub(crate) fn new(w: W, style: Style, base: usize) -> Self {
        JsonWriter {
            w,
            style,
            stack: Vec::with_capacity(16),
            base,
        }
    }

    /// The underlying writer.
    pub(crate) fn get_mut(&mut self) -> &mut W {
        &mut self.w
    }

    fn newline(&mut self) -> io::Result<()> {
        let mut n = (self.base + self.stack.len()) * 2;
        self.w.write_all(b"\n")?;
        while n > 0 {
            let k = n.min(SPACES.len());
            self.w.write_all(&SPACES[..k])?;
            n -= k;
        }
        Ok(())
    }

    /// Called before every value: the comma and line break inside an array.
    fn before_value(&mut self) -> io::Result<()> {
        if let Some(top) = self.stack.last_mut()
            && top.array
        {
            let first = top.count == 0;
            top.count += 1;
            if !first {
                self.w.write_all(b",")?;
            }
            self.newline()?;
        }
        Ok(())
    }

    /// Opens an object.
    pub(crate) fn begin_object(&mut self) -> io::Result<()> {
        self.before_value()?;
        self.w.write_all(b"{")?;
        self.stack.push(Frame {
            array: false,
            count: 0,
        });
        Ok(())
    }

    /// Closes the innermost object.
    pub(crate) fn end_object(&mut self) -> io::Result<()> {
        let frame = self.stack.pop().unwrap_or(Frame {
            array: false,
            count: 0,
        });
        if frame.count > 0 {
            self.newline()?;
        }
        self.w.write_all(b"}")
    }

    /// Opens an array.
    pub(crate) fn begin_array(&mut self) -> io::Result<()> {
        self.before_value()?;
        self.w.write_all(b"[")?;
        self.stack.push(Frame {
            array: true,
            count: 0,
        });
        Ok(())
    }

    /// Closes the innermost array.
    pub(crate) fn end_array(&mut self) -> io::Result<()> {
        let frame = self.stack.pop().unwrap_or(Frame {
            array: true,
            count: 0,
        });
        if frame.count > 0 {
            self.newline()?;
            self.w.write_all(b"]")
        } else {
            // `[` is already written.
            self.w.write_all(&self.style.empty_array.as_bytes()[1..])
        }
    }

    /// Writes a key of the innermost object; its value must follow.
    pub(crate) fn key(&mut self, key: &str) -> io::Result<()> {
        if let Some(top) = self.stack.last_mut() {
            let first = top.count == 0;
            top.count += 1;
            if !first {
                self.w.write_all(b",")?;
            }
        }
        self.newline()?;
        write_string(&mut self.w, key, self.style.strings)?;
        self.w.write_all(self.style.colon.as_bytes())
    }

    /// A string value.
    pub(crate) fn string(&mut self, s: &str) -> io::Result<()> {
        self.before_value()?;
        write_string(&mut self.w, s, self.style.strings)
    }

    /// `"key": "value"`.
    pub(crate) fn field_str(&mut self, key: &str, value: &str) -> io::Result<()> {
        self.key(key)?;
        write_string(&mut self.w, value, self.style.strings)
    }

    /// `"key": 123`.
    pub(crate) fn field_int(&mut self, key: &str, value: u64) -> io::Result<()> {
        self.key(key)?;
        write!(self.w, "{value}")
    }

    /// `"key": true`.
    pub(crate) fn field_bool(&mut self, key: &str, value: bool) -> io::Result<()> {
        self.key(key)?;
        self.w
            .write_all(if value { b"true" as &[u8] } else { b"false" })
    }

    /// `"key": <raw text>` (a float, `null`).
    pub(crate) fn field_raw(&mut self, key: &str, value: &str) -> io::Result<()> {
        self.key(key)?;
        self.w.write_all(value.as_bytes())
    }

    /// `"key": [ "a", "b" ]`.
    pub(crate) fn field_strings(&mut self, key: &str, values: &[&str]) -> io::Result<()> {
        self.key(key)?;
        self.begin_array()?;
        for v in values {
            self.string(v)?;
        }
        self.end_array()
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Writes `s` as a JSON string.
pub(crate) fn write_string<W: Write>(w: &mut W, s: &str, strings: Strings) -> io::Result<()> {
    w.write_all(b"\"")?;
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: Option<&[u8]> = match b {
            b'"' => Some(b"\\\""),
            b'\\' => Some(b"\\\\"),
            b'\n' => Some(b"\\n"),
            b'\r' => Some(b"\\r"),
            b'\t' => Some(b"\\t"),
            0..=0x1F => None,
            0x80..=0xFF if strings == Strings::Mojibake => None,
            _ => continue,
        };
        w.write_all(&bytes[start..i])?;
        start = i + 1;
        match escape {
            Some(e) => w.write_all(e)?,
            None => w.write_all(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 15)],
            ])?,
        }
    }
    w.write_all(&bytes[start..])?;
    w.write_all(b"\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(style: Style, base: usize, f: impl Fn(&mut JsonWriter<&mut Vec<u8>>)) -> String {
        let mut buf = Vec::new();
        let mut w = JsonWriter::new(&mut buf, style, base);
        f(&mut w);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn pretty_prints_like_x() {
        let text = doc(TWITTER, 1, |w| {
            w.begin_object().unwrap();
            w.key("tweet").unwrap();
            w.begin_object().unwrap();
            w.field_str("id", "1").unwrap();
            w.key("hashtags").unwrap();
            w.begin_array().unwrap();
            w.end_array().unwrap();
            w.field_strings("indices", &["0", "5"]).unwrap();
            w.end_object().unwrap();
            w.end_object().unwrap();
        });
        assert_eq!(
            text,
            "{\n    \"tweet\" : {\n      \"id\" : \"1\",\n      \"hashtags\" : [ ],\n      \"indices\" : [\n        \"0\",\n        \"5\"\n      ]\n    }\n  }"
        );
    }

    #[test]
    fn meta_mojibake() {
        let text = doc(META, 0, |w| {
            w.begin_object().unwrap();
            w.field_str("name", "Zofia Wiśniewska é 😅 \"q\"\n")
                .unwrap();
            w.field_int("timestamp_ms", 1).unwrap();
            w.key("list").unwrap();
            w.begin_array().unwrap();
            w.end_array().unwrap();
            w.end_object().unwrap();
        });
        assert_eq!(
            text,
            "{\n  \"name\": \"Zofia Wi\\u00c5\\u009bniewska \\u00c3\\u00a9 \\u00f0\\u009f\\u0098\\u0085 \\\"q\\\"\\n\",\n  \"timestamp_ms\": 1,\n  \"list\": []\n}"
        );
        assert!(text.is_ascii());
    }

    #[test]
    fn control_characters_are_escaped() {
        let mut buf = Vec::new();
        write_string(&mut buf, "a\u{1}b", Strings::Utf8).unwrap();
        assert_eq!(buf, b"\"a\\u0001b\"");
    }
}
