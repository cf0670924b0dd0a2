//! A reader that repairs JSON text as it streams, for parsers that hand a reader to
//! serde_json instead of using [`super::for_each_element`]: inside strings, a lone UTF-16
//! surrogate escape becomes `\ufffd` and bytes that are not UTF-8 become U+FFFD, so one
//! bad value costs that value and not the rest of the file. How many values were
//! repaired is counted in a shared counter the caller reports.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// See the module documentation.
///
/// ```
/// use std::io::Read;
/// use freehold_archive::json::Repairing;
///
/// let mut r = Repairing::new(&br#"{"a": "cut \ud83d", "b": "ok"}"#[..]);
/// let repaired = r.counter();
/// let mut text = String::new();
/// r.read_to_string(&mut text).unwrap();
/// assert_eq!(text, r#"{"a": "cut \ufffd", "b": "ok"}"#);
/// assert_eq!(repaired.load(std::sync::atomic::Ordering::Relaxed), 1);
/// ```
pub struct Repairing<R> {
    inner: R,
    input: Vec<u8>,
    /// Bytes of `input` already looked at.
    pos: usize,
    output: Vec<u8>,
    out_pos: usize,
    eof: bool,
    in_string: bool,
    /// Repair bytes that are not UTF-8 everywhere, with no JSON rules (for XML).
    text_only: bool,
    repaired: Arc<AtomicU64>,
}

impl<R: Read> Repairing<R> {
    /// Wraps `inner`.
    pub fn new(inner: R) -> Self {
        Repairing {
            inner,
            input: Vec::with_capacity(64 * 1024),
            pos: 0,
            output: Vec::with_capacity(64 * 1024),
            out_pos: 0,
            eof: false,
            in_string: false,
            text_only: false,
            repaired: Arc::new(AtomicU64::new(0)),
        }
    }

    /// A reader that only replaces bytes that are not UTF-8 by U+FFFD, anywhere, for
    /// text formats other than JSON (an XML file whose one bad byte must not stop it).
    pub fn utf8(inner: R) -> Self {
        let mut r = Repairing::new(inner);
        r.in_string = true;
        r.text_only = true;
        r
    }

    /// The count of values repaired so far (it goes on counting as the reader is read).
    pub fn counter(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.repaired)
    }

    fn repair(&mut self) {
        self.repaired.fetch_add(1, Ordering::Relaxed);
    }

    /// Moves what can be decided from `input` to `output`; stops where a byte needs more
    /// bytes after it to be judged, unless the input has ended.
    fn process(&mut self) {
        let input = std::mem::take(&mut self.input);
        let n = input.len();
        let mut i = self.pos;
        while i < n {
            let b = input[i];
            if !self.in_string {
                if b == b'"' {
                    self.in_string = true;
                }
                self.output.push(b);
                i += 1;
                continue;
            }
            match b {
                b'"' | b'\\' if self.text_only => {
                    self.output.push(b);
                    i += 1;
                }
                b'"' => {
                    self.in_string = false;
                    self.output.push(b);
                    i += 1;
                }
                b'\\' => {
                    if i + 1 >= n && !self.eof {
                        break;
                    }
                    if input.get(i + 1) == Some(&b'u') {
                        if i + 6 > n && !self.eof {
                            break;
                        }
                        let unit = hex4(&input, i + 2);
                        match unit {
                            Some(u) if (0xD800..0xDC00).contains(&u) => {
                                if i + 12 > n && !self.eof {
                                    break;
                                }
                                let low = (input.get(i + 6) == Some(&b'\\')
                                    && input.get(i + 7) == Some(&b'u'))
                                .then(|| hex4(&input, i + 8))
                                .flatten()
                                .filter(|l| (0xDC00..0xE000).contains(l));
                                if low.is_some() {
                                    self.output.extend_from_slice(&input[i..i + 12]);
                                    i += 12;
                                } else {
                                    self.output.extend_from_slice(b"\\ufffd");
                                    self.repair();
                                    i += 6;
                                }
                            }
                            Some(u) if (0xDC00..0xE000).contains(&u) => {
                                self.output.extend_from_slice(b"\\ufffd");
                                self.repair();
                                i += 6;
                            }
                            _ => {
                                let end = (i + 6).min(n);
                                self.output.extend_from_slice(&input[i..end]);
                                i = end;
                            }
                        }
                    } else {
                        let end = (i + 2).min(n);
                        self.output.extend_from_slice(&input[i..end]);
                        i = end;
                    }
                }
                0x80.. => {
                    let want = match b {
                        0xC2..=0xDF => 2,
                        0xE0..=0xEF => 3,
                        0xF0..=0xF4 => 4,
                        _ => 1,
                    };
                    if i + want > n && !self.eof {
                        break;
                    }
                    let end = (i + want).min(n);
                    match std::str::from_utf8(&input[i..end]) {
                        Ok(_) if want > 1 => {
                            self.output.extend_from_slice(&input[i..end]);
                            i = end;
                        }
                        _ => {
                            // One bad byte at a time: the next may start a good sequence.
                            self.output.extend_from_slice("\u{fffd}".as_bytes());
                            self.repair();
                            i += 1;
                        }
                    }
                }
                _ => {
                    self.output.push(b);
                    i += 1;
                }
            }
        }
        self.input = input;
        self.pos = i;
    }
}

fn hex4(input: &[u8], at: usize) -> Option<u32> {
    let digits = input.get(at..at + 4)?;
    u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
}

impl<R: Read> Read for Repairing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.out_pos < self.output.len() {
                let n = buf.len().min(self.output.len() - self.out_pos);
                buf[..n].copy_from_slice(&self.output[self.out_pos..self.out_pos + n]);
                self.out_pos += n;
                return Ok(n);
            }
            self.output.clear();
            self.out_pos = 0;
            if self.eof && self.pos >= self.input.len() {
                return Ok(0);
            }
            // Keep the undecided tail, read more.
            self.input.drain(..self.pos);
            self.pos = 0;
            if !self.eof {
                let start = self.input.len();
                self.input.resize(start + 64 * 1024, 0);
                let got = loop {
                    match self.inner.read(&mut self.input[start..]) {
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                        other => break other,
                    }
                };
                let got = match got {
                    Ok(g) => g,
                    Err(e) => {
                        self.input.truncate(start);
                        return Err(e);
                    }
                };
                self.input.truncate(start + got);
                if got == 0 {
                    self.eof = true;
                }
            }
            self.process();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hands out one byte per read, so every sequence is cut everywhere.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0.is_empty() || buf.is_empty() {
                return Ok(0);
            }
            buf[0] = self.0[0];
            self.0 = &self.0[1..];
            Ok(1)
        }
    }

    #[test]
    fn text_mode_repairs_bytes_only() {
        let input = b"<a t=\"x\\ud83d\">caf\xe9 \xc3\xa9</a>";
        let mut out = String::new();
        Repairing::utf8(Trickle(input))
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, "<a t=\"x\\ud83d\">caf\u{fffd} \u{e9}</a>");
    }

    #[test]
    fn repairs_cut_anywhere_between_reads() {
        let mut input =
            br#"{"a": "x\ud83d\ude00 \ud83d", "b": "\udc00", "c": "\\ud83d", "d": ""#.to_vec();
        input.extend_from_slice(b"\xC3\x28 \xE6\x88\x91\xF0\x9F\x98\x8A\xED\xA0\xBD\"}");
        let expect = "{\"a\": \"x\\ud83d\\ude00 \\ufffd\", \"b\": \"\\ufffd\", \"c\": \"\\\\ud83d\", \"d\": \"\u{fffd}( 我😊\u{fffd}\u{fffd}\u{fffd}\"}";
        for whole in [true, false] {
            let mut r: Box<dyn Read> = if whole {
                Box::new(Repairing::new(&input[..]))
            } else {
                Box::new(Repairing::new(Trickle(&input)))
            };
            let mut out = String::new();
            r.read_to_string(&mut out).unwrap();
            assert_eq!(out, expect);
            let v: serde_json::Value = serde_json::from_str(&out).unwrap();
            assert_eq!(v["a"], "x😀 \u{fffd}");
        }
    }
}
