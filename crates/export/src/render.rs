//! Post text as safe HTML, faithfully for each `text_format`:
//! - `plain`: escaped, line breaks kept, links made clickable, @mentions and #hashtags
//!   linked to the platform they were written on;
//! - `html` (LinkedIn articles, Facebook notes): only a small set of structural tags is
//!   kept, every attribute but a link's `http(s)` target is dropped, scripts, styles and
//!   embeds go with their content, and images become their alt text (a page of the site
//!   never loads anything from elsewhere);
//! - `hyves-markup`: rendered by [`freehold_model::markup::to_html_offline`].

use std::fmt::Write as _;

use scraper::{Html, Node};

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_into(&mut out, text);
    out
}

/// [`escape`] into `out`.
pub use freehold_model::markup::escape_html_into as escape_into;

/// Whether a URL may be a link target: `http` or `https` only.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The text of a post as an HTML fragment.
pub fn text_html(text: &str, format: Option<&str>, platform: &str) -> String {
    match format {
        Some("html") => sanitize_html(text),
        Some("hyves-markup") => freehold_model::markup::to_html_offline(text),
        _ => plain_html(text, platform),
    }
}

/// Where a hashtag or mention points on each platform.
pub(crate) fn tag_url(platform: &str, tag: &str) -> Option<String> {
    let tag = percent(tag);
    match platform {
        "twitter" => Some(format!("https://x.com/hashtag/{tag}")),
        "facebook" => Some(format!("https://www.facebook.com/hashtag/{tag}")),
        "linkedin" => Some(format!("https://www.linkedin.com/feed/hashtag/{tag}")),
        _ => None,
    }
}

pub(crate) fn mention_url(platform: &str, handle: &str) -> Option<String> {
    match platform {
        "twitter" => Some(format!("https://x.com/{}", percent(handle))),
        "hyves" => Some(format!("http://{}.hyves.nl/", percent(handle))),
        _ => None,
    }
}

fn percent(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Plain text: escaped, `<br>` for line breaks, URLs, @mentions and #hashtags linked.
pub fn plain_html(text: &str, platform: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let word_start = |i: usize| i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            out.push_str("<br>\n");
            i += 1;
            continue;
        }
        if c == '\r' {
            i += 1;
            continue;
        }
        // A URL runs to the next whitespace, less trailing punctuation.
        if (c == 'h' || c == 'H') && word_start(i) {
            let rest: String = chars[i..chars.len().min(i + 8)].iter().collect();
            if is_web_url(&rest) || rest.to_ascii_lowercase().starts_with("http://") {
                let mut end = i;
                while end < chars.len() && !chars[end].is_whitespace() {
                    end += 1;
                }
                while end > i
                    && matches!(
                        chars[end - 1],
                        '.' | ',' | ')' | '!' | '?' | ';' | ':' | '…'
                    )
                {
                    end -= 1;
                }
                let url: String = chars[i..end].iter().collect();
                if is_web_url(&url) && url.len() > 8 {
                    let _ = write!(out, "<a href=\"{}\">{}</a>", escape(&url), escape(&url));
                    i = end;
                    continue;
                }
            }
        }
        if (c == '#' || c == '@') && word_start(i) {
            let mut end = i + 1;
            while end < chars.len() && (chars[end].is_alphanumeric() || chars[end] == '_') {
                end += 1;
            }
            if end > i + 1 {
                let word: String = chars[i + 1..end].iter().collect();
                let url = if c == '#' {
                    tag_url(platform, &word)
                } else {
                    mention_url(platform, &word)
                };
                if let Some(url) = url {
                    let class = if c == '#' { "tag" } else { "mention" };
                    let _ = write!(
                        out,
                        "<a class=\"{class}\" href=\"{}\">{c}{}</a>",
                        escape(&url),
                        escape(&word)
                    );
                    i = end;
                    continue;
                }
            }
        }
        escape_into(&mut out, &c.to_string());
        i += 1;
    }
    out
}

/// Tags kept from archived HTML, with no attributes (links keep an `http(s)` `href`).
const KEPT: &[&str] = &[
    "p",
    "br",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "s",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "code",
    "pre",
    "a",
    "hr",
    "sup",
    "sub",
];
/// Tags dropped with their content.
const DROPPED: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "noscript", "template", "head", "title", "svg",
    "math", "form", "video", "audio", "canvas",
];

/// Archived HTML reduced to safe structural markup.
pub fn sanitize_html(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    let mut out = String::with_capacity(html.len());
    walk(doc.tree.root(), &mut out);
    out.trim().to_string()
}

fn walk(node: ego_tree::NodeRef<'_, Node>, out: &mut String) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => escape_into(out, t),
            Node::Element(e) => {
                let name = e.name();
                if DROPPED.contains(&name) {
                    continue;
                }
                if name == "img" {
                    if let Some(alt) = e.attr("alt").filter(|a| !a.trim().is_empty()) {
                        out.push('[');
                        escape_into(out, alt);
                        out.push(']');
                    }
                    continue;
                }
                if KEPT.contains(&name) {
                    if name == "a" {
                        match e.attr("href").filter(|h| is_web_url(h)) {
                            Some(href) => {
                                let _ = write!(out, "<a href=\"{}\">", escape(href));
                            }
                            None => out.push_str("<a>"),
                        }
                    } else {
                        let _ = write!(out, "<{name}>");
                    }
                    if !matches!(name, "br" | "hr") {
                        walk(child, out);
                        let _ = write!(out, "</{name}>");
                    }
                } else {
                    // Unknown wrappers (div, span, section, html, body): their content only.
                    walk(child, out);
                    if matches!(name, "div" | "section" | "article") {
                        out.push('\n');
                    }
                }
            }
            _ => walk(child, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_escaped_and_linked() {
        let html = plain_html(
            "Hoi <b>@lan_nguyen</b> & #fietsen\nhttps://example.com/a?b=1&c=2.",
            "twitter",
        );
        assert_eq!(
            html,
            "Hoi &lt;b&gt;<a class=\"mention\" href=\"https://x.com/lan_nguyen\">@lan_nguyen</a>&lt;/b&gt; &amp; <a class=\"tag\" href=\"https://x.com/hashtag/fietsen\">#fietsen</a><br>\n<a href=\"https://example.com/a?b=1&amp;c=2\">https://example.com/a?b=1&amp;c=2</a>."
        );
        // An e-mail address is not a mention; javascript: is not a link.
        assert_eq!(
            plain_html("a@b.nl javascript:alert(1)", "twitter"),
            "a@b.nl javascript:alert(1)"
        );
        assert_eq!(
            plain_html("#秋天", "twitter"),
            "<a class=\"tag\" href=\"https://x.com/hashtag/%E7%A7%8B%E5%A4%A9\">#秋天</a>"
        );
    }

    #[test]
    fn archived_html_keeps_structure_and_loses_scripts_and_remote_images() {
        let html = sanitize_html(
            "<div><h2 onclick=\"x()\">Titel</h2><p>Een <a href=\"javascript:alert(1)\">link</a> en <a href=\"https://example.com/\" style=\"x\">echt</a></p><script>alert(1)</script><img src=\"https://cdn.example/x.png\" alt=\"kaart\"><iframe src=\"https://e.example\"></iframe></div>",
        );
        assert_eq!(
            html,
            "<h2>Titel</h2><p>Een <a>link</a> en <a href=\"https://example.com/\">echt</a></p>[kaart]"
        );
        assert!(!html.contains("script") && !html.contains("src="));
    }

    #[test]
    fn hyves_markup_makes_no_remote_images() {
        let html = text_html(
            "[b]Hoi[/b] [img]http://a.example/x.jpg[/img]",
            Some("hyves-markup"),
            "hyves",
        );
        assert!(html.contains("<strong>Hoi</strong>"), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }
}
