//! Small text helpers shared by parsers: HTML character references, file types and
//! media kinds, text encodings, blank names.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Decodes HTML character references: the named ones platforms use (`&amp;` `&lt;`
/// `&gt;` `&quot;` `&apos;` `&nbsp;`) and numeric ones (`&#39;`, `&#x1F600;`). Anything
/// else is left as it is.
///
/// ```
/// use freehold_archive::text::decode_html_entities;
/// assert_eq!(decode_html_entities("Fish &amp; chips &lt;3 &#x1F41F; &bogus;"), "Fish & chips <3 🐟 &bogus;");
/// ```
pub fn decode_html_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let decoded = tail
            .find(';')
            .filter(|&semi| semi <= 10)
            .and_then(|semi| decode_one(&tail[1..semi]).map(|c| (c, semi)));
        match decoded {
            Some((c, semi)) => {
                out.push(c);
                rest = &tail[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_one(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// The MIME type for a file name's extension, for the media types exports hold.
///
/// ```
/// assert_eq!(freehold_archive::text::mime_from_name("a/b/photo.JPG"), Some("image/jpeg"));
/// ```
pub fn mime_from_name(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "heic" => "image/heic",
        "bmp" => "image/bmp",
        "mp4" | "m4v" => "video/mp4",
        "mov" => "video/quicktime",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "m4a" | "aac" => "audio/mp4",
        "ogg" | "oga" => "audio/ogg",
        "wav" => "audio/wav",
        "pdf" => "application/pdf",
        _ => return None,
    })
}

/// The last path segment of a URL, without its query and fragment
/// (`https://x.example/a/b.jpg?name=small` → `b.jpg`).
///
/// ```
/// use freehold_archive::text::url_basename;
/// assert_eq!(url_basename("https://pbs.twimg.com/media/Ab.jpg?name=small#x"), "Ab.jpg");
/// assert_eq!(url_basename("photo.png"), "photo.png");
/// ```
pub fn url_basename(url: &str) -> &str {
    let url = url.split(['?', '#']).next().unwrap_or(url);
    url.rsplit('/').next().unwrap_or(url)
}

/// The MIME type a URL's file name says ([`mime_from_name`] of [`url_basename`]): a
/// query (`?format=jpg`) or a dot in the host name says nothing.
///
/// ```
/// use freehold_archive::text::mime_from_url;
/// assert_eq!(mime_from_url("http://cache.hyves.nl/p/1.jpg?v=2"), Some("image/jpeg"));
/// assert_eq!(mime_from_url("http://www.hyves.nl/gif"), None);
/// ```
pub fn mime_from_url(url: &str) -> Option<&'static str> {
    mime_from_name(url_basename(url))
}

/// The model's media kind for a MIME type: `photo` (any `image/…`), `video`, `audio`,
/// or `file` for anything else and for an unknown type.
///
/// A GIF file is a `photo`: its type does not say whether it moves. The kind `gif` is
/// left to parsers whose source says the media is an animated GIF (Twitter's
/// `animated_gif`, a Messenger `gifs` list); such media is shown as a video.
///
/// ```
/// use freehold_archive::text::media_kind;
/// assert_eq!(media_kind(Some("image/jpeg")), "photo");
/// assert_eq!(media_kind(Some("image/gif")), "photo");
/// assert_eq!(media_kind(Some("video/mp4")), "video");
/// assert_eq!(media_kind(Some("audio/ogg")), "audio");
/// assert_eq!(media_kind(Some("application/pdf")), "file");
/// assert_eq!(media_kind(None), "file");
/// ```
pub fn media_kind(mime: Option<&str>) -> &'static str {
    match mime {
        Some(m) if m.starts_with("video/") => "video",
        Some(m) if m.starts_with("audio/") => "audio",
        Some(m) if m.starts_with("image/") => "photo",
        _ => "file",
    }
}

/// What the first bytes of a file say of its text encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    /// UTF-8, UTF-16LE or UTF-16BE.
    pub encoding: &'static Encoding,
    /// The length of the byte order mark the file starts with (0 when it has none).
    pub bom: usize,
    /// How the encoding is named in diagnostics: `UTF-8`, `UTF-8 with BOM`, `UTF-16LE`,
    /// `UTF-16BE`, `UTF-16LE without BOM`, `UTF-16BE without BOM`.
    pub label: &'static str,
}

/// The encoding of a text file from its first four bytes: a byte order mark (UTF-8,
/// UTF-16LE, UTF-16BE), or UTF-16 without one, told by the zero bytes of ASCII text
/// (`a\0b\0` is little-endian, `\0a\0b` big-endian; both characters must be non-zero).
/// Anything else is UTF-8 (a reader that also meets Windows-1252 tells that apart later,
/// from invalid UTF-8).
///
/// ```
/// use freehold_archive::text::sniff_encoding;
/// assert_eq!(sniff_encoding(b"\xEF\xBB\xBF{}").label, "UTF-8 with BOM");
/// assert_eq!(sniff_encoding(b"\xEF\xBB\xBF{}").bom, 3);
/// assert_eq!(sniff_encoding(b"\xFF\xFE<\0").label, "UTF-16LE");
/// assert_eq!(sniff_encoding(b"<\0?\0").label, "UTF-16LE without BOM");
/// assert_eq!(sniff_encoding(b"\0{\0\"").label, "UTF-16BE without BOM");
/// assert_eq!(sniff_encoding(b"a,b\n").label, "UTF-8");
/// assert_eq!(sniff_encoding(b"").label, "UTF-8");
/// ```
pub fn sniff_encoding(head: &[u8]) -> Sniffed {
    let (encoding, bom, label) = match head {
        [0xEF, 0xBB, 0xBF, ..] => (UTF_8, 3, "UTF-8 with BOM"),
        [0xFF, 0xFE, ..] => (UTF_16LE, 2, "UTF-16LE"),
        [0xFE, 0xFF, ..] => (UTF_16BE, 2, "UTF-16BE"),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => (UTF_16LE, 0, "UTF-16LE without BOM"),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => (UTF_16BE, 0, "UTF-16BE without BOM"),
        _ => (UTF_8, 0, "UTF-8"),
    };
    Sniffed {
        encoding,
        bom,
        label,
    }
}

/// `bytes` without a leading UTF-8 byte order mark.
///
/// ```
/// use freehold_archive::text::strip_utf8_bom;
/// assert_eq!(strip_utf8_bom(b"\xEF\xBB\xBF[1]"), b"[1]");
/// assert_eq!(strip_utf8_bom(b"[1]"), b"[1]");
/// ```
pub fn strip_utf8_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// A person's or organisation's name as an identity key: white space trimmed and runs
/// of it made one space, lower-cased. Ids hashed from names (Facebook people, LinkedIn
/// people and companies known only by name) hash this key, so it must not change.
///
/// ```
/// use freehold_archive::text::normalise_name;
/// assert_eq!(normalise_name("  Ada \t LOVELACE\n"), "ada lovelace");
/// assert_eq!(normalise_name("Élodie Ünal"), "élodie ünal");
/// assert_eq!(normalise_name("   "), "");
/// ```
pub fn normalise_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a name shows nothing: empty, or made only of white space and invisible
/// characters (zero-width spaces and joiners, the U+2060–U+206F format block, the byte
/// order mark, Hangul fillers, …). Exports write such names for people they do not name
/// (deleted or deactivated accounts); they are no name at all.
///
/// ```
/// use freehold_archive::text::is_blank_name;
/// assert!(is_blank_name(""));
/// assert!(is_blank_name(" \u{206f}\u{206f}\u{200b} "));
/// assert!(!is_blank_name("Ada\u{200d}"));
/// ```
pub fn is_blank_name(name: &str) -> bool {
    name.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// Characters that take no room and show nothing (Unicode `Cf` format characters that
/// names carry, variation selectors and the Hangul fillers).
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00ad}' | '\u{034f}' | '\u{061c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{2800}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}'
        | '\u{feff}' | '\u{ffa0}' | '\u{e0000}'..='\u{e007f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_edge_cases() {
        assert_eq!(decode_html_entities("&amp;amp;"), "&amp;");
        assert_eq!(decode_html_entities("a & b"), "a & b");
        assert_eq!(decode_html_entities("&#128512;"), "😀");
        assert_eq!(decode_html_entities("tail &"), "tail &");
        assert_eq!(decode_html_entities("&#xD800;"), "&#xD800;");
    }

    #[test]
    fn encodings_the_csv_and_xml_readers_both_met() {
        // Hyves' saved UTF-16 responses without a BOM, LinkedIn's Excel re-saves.
        assert_eq!(sniff_encoding(b"{\0\"\0").encoding, UTF_16LE);
        assert_eq!(sniff_encoding(b"\0<\0?").encoding, UTF_16BE);
        assert_eq!(sniff_encoding(b"F\0i\0").bom, 0);
        assert_eq!(sniff_encoding(b"\xFE\xFF\0<").bom, 2);
        // One zero byte is not UTF-16.
        assert_eq!(sniff_encoding(b"a\0\0\0").encoding, UTF_8);
        assert_eq!(sniff_encoding(b"\xEF\xBB").encoding, UTF_8);
    }

    #[test]
    fn media_kinds_of_files() {
        assert_eq!(media_kind(mime_from_name("clip.MOV")), "video");
        assert_eq!(media_kind(mime_from_name("anim.gif")), "photo");
        assert_eq!(media_kind(mime_from_name("voice.m4a")), "audio");
        assert_eq!(media_kind(mime_from_name("notes.txt")), "file");
    }

    #[test]
    fn blank_names() {
        assert!(is_blank_name(&"\u{206f}".repeat(170)));
        assert!(is_blank_name("\u{feff}\u{3164}\t"));
        assert!(!is_blank_name("\u{206f}x"));
        assert!(!is_blank_name("王芳"));
        assert!(!is_blank_name("👍"));
    }
}
