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
}
