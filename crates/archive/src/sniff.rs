//! Recognising the common wrong inputs (a PDF, a saved web page, one part of a split zip,
//! a `.tar.gz`, a zip cut short) by their first bytes and name, so that a file that is not
//! a zip is called what it is, with the next step.

use std::io::Read;
use std::path::Path;

/// What a file that does not open as a zip is, and what to do instead, if it is one of
/// the inputs people commonly give by mistake. `None` for anything else.
///
/// ```
/// use freehold_archive::sniff::what_is;
///
/// let what = what_is("statement.zip".as_ref(), b"%PDF-1.7\n").unwrap();
/// assert!(what.starts_with("a PDF document"));
/// ```
pub fn what_is(path: &Path, head: &[u8]) -> Option<String> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if let Some(part) = split_part(&name) {
        return Some(format!(
            "one part ({part}) of a zip split into several files; join the parts into one zip \
             first (`zip -s 0 <first part> --out whole.zip`, or `cat` the numbered parts in order \
             into whole.zip) and import that"
        ));
    }
    let text = trim_start(head);
    if text.starts_with(b"%PDF-") {
        return Some(
            "a PDF document, not an export archive; download the archive itself (a .zip) from \
             the platform's \"download your data\" page"
                .into(),
        );
    }
    if looks_like_html(text) {
        return Some(
            "a web page (HTML), not an export archive: most likely the sign-in or download page \
             was saved instead of the file; sign in in a browser and download the archive again"
                .into(),
        );
    }
    if head.starts_with(&[0x1f, 0x8b]) {
        return Some(
            "a gzip file (such as a .tar.gz), not a zip; extract it (`tar -xzf <file>`) and \
             import the folder"
                .into(),
        );
    }
    if head.starts_with(b"7z\xbc\xaf\x27\x1c") {
        return Some("a 7-Zip archive, not a zip; extract it and import the folder".into());
    }
    if head.starts_with(b"Rar!") {
        return Some("a RAR archive, not a zip; extract it and import the folder".into());
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x07\x08") {
        return Some(
            "a zip file that is cut short (its table of contents at the end is missing): the \
             download probably stopped before the end; download it again"
                .into(),
        );
    }
    None
}

/// Reads the first bytes of `path` and says what it is (see [`what_is`]).
pub fn what_file_is(path: &Path) -> Option<String> {
    let mut head = Vec::with_capacity(512);
    std::fs::File::open(path)
        .and_then(|f| f.take(512).read_to_end(&mut head))
        .ok()?;
    what_is(path, &head)
}

/// `part3` for `x.zip.part3`, `x.part3.zip`, `x.z01`, `x.zip.001`, `x.7z.001`.
fn split_part(name: &str) -> Option<String> {
    let mut pieces = name.rsplit('.');
    let last = pieces.next()?;
    let before = pieces.next();
    let numbered = |s: &str, prefix: &str| {
        s.strip_prefix(prefix)
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .map(str::to_string)
    };
    if let Some(n) = numbered(last, "part") {
        return Some(format!("part {}", n.trim_start_matches('0')));
    }
    if last == "zip"
        && let Some(n) = before.and_then(|b| numbered(b, "part"))
    {
        return Some(format!("part {}", n.trim_start_matches('0')));
    }
    if let Some(n) = numbered(last, "z") {
        return Some(format!("part {}", n.trim_start_matches('0')));
    }
    if before == Some("zip")
        && let Some(n) = numbered(last, "")
    {
        return Some(format!("part {}", n.trim_start_matches('0')));
    }
    None
}

fn trim_start(head: &[u8]) -> &[u8] {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    &head[start..]
}

fn looks_like_html(text: &[u8]) -> bool {
    let lower: Vec<u8> = text.iter().take(64).map(u8::to_ascii_lowercase).collect();
    lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || lower.starts_with(b"<head")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn what(name: &str, head: &[u8]) -> String {
        what_is(name.as_ref(), head).unwrap_or_default()
    }

    #[test]
    fn common_wrong_inputs_are_named() {
        assert!(what("a.zip", b"%PDF-1.4").starts_with("a PDF document"));
        assert!(what("a.zip", b"\xef\xbb\xbf\n <!DOCTYPE html><html>").starts_with("a web page"));
        assert!(what("login", b"<HTML><head>").starts_with("a web page"));
        assert!(what("x.tar.gz", &[0x1f, 0x8b, 8, 0]).starts_with("a gzip file"));
        assert!(what("x.zip", b"PK\x03\x04rest").starts_with("a zip file that is cut short"));
        assert!(what("x.7z", b"7z\xbc\xaf\x27\x1c").starts_with("a 7-Zip archive"));
        assert_eq!(what_is("notes.txt".as_ref(), b"hello"), None);
    }

    #[test]
    fn split_zip_parts_are_named_whatever_their_bytes() {
        for (name, part) in [
            ("twitter.zip.part2", "part 2"),
            ("twitter.part02.zip", "part 2"),
            ("twitter.z01", "part 1"),
            ("twitter.zip.003", "part 3"),
        ] {
            assert!(
                what(name, b"PK\x03\x04").starts_with(&format!("one part ({part}) of a zip split")),
                "{name}: {}",
                what(name, b"")
            );
        }
        assert_eq!(split_part("twitter.zip"), None);
        assert_eq!(split_part("partner.json"), None);
    }
}
