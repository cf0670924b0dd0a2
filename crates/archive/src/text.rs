//! Small text helpers shared by parsers.

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
    fn blank_names() {
        assert!(is_blank_name(&"\u{206f}".repeat(170)));
        assert!(is_blank_name("\u{feff}\u{3164}\t"));
        assert!(!is_blank_name("\u{206f}x"));
        assert!(!is_blank_name("王芳"));
        assert!(!is_blank_name("👍"));
    }
}
