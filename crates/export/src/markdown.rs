//! `--format markdown`: one Markdown file per published post with YAML front matter,
//! `content/posts/YYYY/MM/<slug>.md`, or a Hugo page bundle
//! (`content/posts/YYYY/MM/<slug>/index.md`, the post's media beside it) for a post with media,
//! which Hugo reads as they are and Jekyll and Eleventy read with the settings in the
//! user guide.
//!
//! Archive text never becomes markup of a site generator: every `{`, `}` and `%` is
//! backslash-escaped (so no `{{<`, `{{%`, `{{` or `{%` survives for Hugo's shortcodes or
//! Liquid), and so are `<` and `&` (no raw HTML or entities) and Markdown's own
//! punctuation; links are written as autolinks with `{` and `}` percent-encoded. Each file
//! also sets `render_with_liquid: false` (Jekyll 4) and `templateEngineOverride: md`
//! (Eleventy) as a second line of defence.

use std::fmt::Write as _;
use std::path::Path;

use freehold_store::{PostOrder, Store};
use scraper::{Html, Node};

use crate::Error;
use crate::privacy::Summary;
use crate::published::{Opened, Publishing, platform_name, rfc3339, title, view_to_write};
use crate::render::{is_web_url, sanitize_html};

/// Options of the Markdown export.
#[derive(Debug, Clone, Default)]
pub struct MarkdownOptions {
    /// What every publishing exit shares: the selection, `--include`, the media,
    /// `--force` and `--redact`.
    pub publishing: Publishing,
}

/// What [`write_markdown`] did.
#[derive(Debug, Clone, Default)]
pub struct MarkdownReport {
    /// Published and withheld.
    pub summary: Summary,
    /// Markdown pages written (one per post).
    pub pages: u64,
    /// Media files copied into the bundles.
    pub media_copied: u64,
    /// Media of published posts that the media folder did not hold.
    pub media_missing: u64,
}

/// Writes the Markdown of the published posts into the folder `out` (a site's root:
/// the pages go to `content/posts/`).
pub fn write_markdown(
    store: &Store,
    out: &Path,
    options: &MarkdownOptions,
) -> Result<MarkdownReport, Error> {
    let Opened {
        mut tree,
        published,
        mut media,
        redaction,
        snapshot: _snapshot,
    } = Opened::open(store, out, &options.publishing)?;
    let mut report = MarkdownReport {
        summary: published.summary.clone(),
        ..MarkdownReport::default()
    };
    published.for_each(
        store,
        &options.publishing.selection,
        PostOrder::NewestFirst,
        |_, entry, view| {
            let (view, target) = view_to_write(redaction.as_ref(), store, view)?;
            let post = &view.post;
            let date = post.created_at.as_deref().and_then(rfc3339);
            // A folder per month keeps folders small (a filesystem slows down creating files
            // in a folder of tens of thousands).
            let year = date.as_deref().map_or_else(
                || "undated".to_string(),
                |d| format!("{}/{}", &d[..4], &d[5..7]),
            );
            let dir = format!("content/posts/{year}/{}", entry.slug);
            let mut bundled = false;

            let mut fm = String::from("---\n");
            let _ = writeln!(fm, "title: {}", yaml_str(&title(post)));
            if let Some(d) = &date {
                let _ = writeln!(fm, "date: {d}");
            }
            let _ = writeln!(fm, "slug: {}", yaml_str(&entry.slug));
            let mut tags: Vec<String> = Vec::new();
            let repost = post.kind == "repost" || post.repost_of.is_some();
            for e in view
                .entities
                .iter()
                .filter(|e| e.kind == "hashtag" && !repost)
            {
                let t = e.value.trim_start_matches('#').to_string();
                if !t.is_empty() && !tags.iter().any(|x| x.to_lowercase() == t.to_lowercase()) {
                    tags.push(t);
                }
            }
            let list = |v: &[String]| {
                let items: Vec<String> = v.iter().map(|t| yaml_str(t)).collect();
                format!("[{}]", items.join(", "))
            };
            let _ = writeln!(fm, "tags: {}", list(&tags));
            let _ = writeln!(
                fm,
                "categories: {}",
                list(&[platform_name(&post.platform).to_string()])
            );
            let _ = writeln!(fm, "platform: {}", yaml_str(&post.platform));
            if let Some(url) = post.url.as_deref().filter(|u| is_web_url(u)) {
                let _ = writeln!(fm, "original_url: {}", yaml_str(url));
            }
            let _ = writeln!(fm, "freehold_id: {}", yaml_str(&post.id));
            fm.push_str("render_with_liquid: false\ntemplateEngineOverride: md\n---\n\n");

            let mut body = match target {
                Some((url, by)) => {
                    let mut s = format!("Reposted: {}", autolink(&url));
                    if let Some(by) = by {
                        let _ = write!(s, " by {}", md_inline(&by));
                    }
                    s
                }
                None => to_markdown(
                    post.text.as_deref().unwrap_or(""),
                    post.text_format.as_deref(),
                ),
            };
            for (_, m) in &view.media {
                let alt = md_inline(
                    m.description
                        .as_deref()
                        .or(m.title.as_deref())
                        .unwrap_or(""),
                );
                let local = media.copy(&mut tree, m, |name| format!("{dir}/{name}"))?;
                bundled |= local.is_some();
                let line = match local {
                    Some(rel) => {
                        let name = rel.rsplit('/').next().unwrap_or(&rel).to_string();
                        if m.kind == "photo" {
                            format!("![{alt}]({name})")
                        } else {
                            format!(
                                "[{}]({name})",
                                if alt.is_empty() {
                                    md_inline(&m.kind)
                                } else {
                                    alt
                                }
                            )
                        }
                    }
                    None => {
                        report.media_missing += 1;
                        match m.remote_url.as_deref().filter(|u| is_web_url(u)) {
                            Some(u) => format!(
                                "{} (not in the archive): {}",
                                md_inline(&m.kind),
                                autolink(u)
                            ),
                            None => continue,
                        }
                    }
                };
                if !body.is_empty() {
                    body.push_str("\n\n");
                }
                body.push_str(&line);
            }
            let mut page = fm;
            page.push_str(body.trim());
            page.push('\n');
            // A post with media is a page bundle (its files beside it); one without is a
            // single page. Hugo gives both the address `/posts/YYYY/<slug>/`.
            let path = if bundled {
                format!("{dir}/index.md")
            } else {
                format!("{dir}.md")
            };
            tree.write(&path, page.as_bytes())?;
            report.pages += 1;
            Ok(())
        },
    )?;
    report.media_copied = media.copied;
    tree.commit()?;
    Ok(report)
}

/// A YAML double-quoted scalar: `"`, `\` and every character YAML does not print
/// (controls, line separators, BOM, noncharacters) escaped.
pub fn yaml_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20
                || (0x7f..=0x9f).contains(&(c as u32))
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
                )
                || (0xD800..=0xDFFF).contains(&(c as u32)) =>
            {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters escaped with a backslash wherever they are (CommonMark allows a backslash
/// before any ASCII punctuation).
const ESCAPED: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '{', '}', '%', '&', '|', '~', '#', '!', '$', '^',
];

/// Text as literal Markdown inline content on one line.
pub fn md_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\n' || c == '\r' {
            out.push(' ');
        } else if ESCAPED.contains(&c) {
            out.push('\\');
            out.push(c);
        } else if (c as u32) < 0x20 && c != '\t' {
            continue;
        } else {
            out.push(c);
        }
    }
    out
}

/// A URL as an autolink: nothing inside it can be read as markup.
fn autolink(url: &str) -> String {
    let mut out = String::from("<");
    for c in url.chars() {
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            ' ' => out.push_str("%20"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('>');
    out
}

/// One line of plain text: escaped, its URLs as autolinks, and escaped at the start so
/// it cannot open a heading, list, quote, rule or code block.
fn md_line(line: &str) -> String {
    let line = line.trim();
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while !rest.is_empty() {
        let at = find_url(rest);
        let (text, url) = match at {
            Some((s, e)) => (&rest[..s], Some(&rest[s..e])),
            None => (rest, None),
        };
        out.push_str(&md_inline(text));
        match (url, at) {
            (Some(u), Some((_, e))) => {
                out.push_str(&autolink(u));
                rest = &rest[e..];
            }
            _ => rest = "",
        }
    }
    // A line starting with `-`, `+`, `=` or `1.` would be a list, a rule or a heading.
    let first = out.chars().next();
    if matches!(first, Some('-' | '+' | '=')) {
        out.insert(0, '\\');
    } else if let Some(d) = out.find(|c: char| !c.is_ascii_digit())
        && d > 0
        && matches!(out[d..].chars().next(), Some('.' | ')'))
    {
        out.insert(d, '\\');
    }
    out
}

/// The first `http(s)://` URL at a word start in `text`: its byte range, less trailing
/// punctuation.
fn find_url(text: &str) -> Option<(usize, usize)> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("http").map(|i| i + from) {
        let starts_word = text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        if starts_word && (lower[i..].starts_with("http://") || lower[i..].starts_with("https://"))
        {
            let end = text[i..]
                .find(char::is_whitespace)
                .map_or(text.len(), |e| e + i);
            let trimmed = text[i..end]
                .trim_end_matches(['.', ',', ')', '!', '?', ';', ':', '…'])
                .len();
            if trimmed > 8 {
                return Some((i, i + trimmed));
            }
        }
        from = i + 4;
    }
    None
}

/// Plain text as Markdown: paragraphs at blank lines, hard breaks at single ones.
fn plain_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut paragraph: Vec<String> = Vec::new();
    let flush = |paragraph: &mut Vec<String>, out: &mut String| {
        if !paragraph.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&paragraph.join("\\\n"));
            paragraph.clear();
        }
    };
    for line in text.split('\n') {
        let md = md_line(line);
        if md.is_empty() {
            flush(&mut paragraph, &mut out);
        } else {
            paragraph.push(md);
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

/// A post's text as Markdown, faithfully for its `text_format`.
pub fn to_markdown(text: &str, format: Option<&str>) -> String {
    let html = match format {
        Some("html") => sanitize_html(text),
        Some("hyves-markup") => sanitize_html(&freehold_model::markup::to_html_offline(text)),
        _ => return plain_markdown(text),
    };
    let doc = Html::parse_fragment(&html);
    let mut out = String::new();
    walk(doc.tree.root(), &mut out);
    // Blocks are separated by one blank line; hard breaks have no spaces after them.
    let mut clean = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.split('\n') {
        let line = line.trim();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !clean.is_empty() {
            clean.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        clean.push_str(line);
        blank = 0;
    }
    clean
}

fn children(node: ego_tree::NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    walk(node, &mut s);
    s
}

fn walk(node: ego_tree::NodeRef<'_, Node>, out: &mut String) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => {
                let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
                let keep_space = |b: bool| if b { " " } else { "" };
                let lead = keep_space(t.starts_with(char::is_whitespace) && !flat.is_empty());
                let trail = keep_space(t.ends_with(char::is_whitespace) && !flat.is_empty());
                let mut line = md_inline_urls(&flat);
                if out.is_empty() || out.ends_with('\n') {
                    line = md_line_start(&line);
                }
                let _ = write!(out, "{lead}{line}{trail}");
            }
            Node::Element(e) => match e.name() {
                "p" | "div" | "pre" => {
                    let _ = write!(out, "\n\n{}\n\n", children(child).trim());
                }
                "br" => out.push_str("\\\n"),
                "hr" => out.push_str("\n\n* * *\n\n"),
                h if h.len() == 2 && h.starts_with('h') && h.as_bytes()[1].is_ascii_digit() => {
                    let level = usize::from(h.as_bytes()[1] - b'0');
                    let text = children(child).replace("\\\n", " ").replace('\n', " ");
                    let _ = write!(out, "\n\n{} {}\n\n", "#".repeat(level), text.trim());
                }
                "b" | "strong" => {
                    let inner = children(child);
                    if inner.trim().is_empty() {
                        out.push_str(&inner);
                    } else {
                        let _ = write!(out, "**{}**", inner.trim());
                    }
                }
                "i" | "em" => {
                    let inner = children(child);
                    if inner.trim().is_empty() {
                        out.push_str(&inner);
                    } else {
                        let _ = write!(out, "*{}*", inner.trim());
                    }
                }
                "li" => {
                    let _ = write!(out, "\n- {}\n", children(child).trim().replace('\n', " "));
                }
                "ul" | "ol" => {
                    let _ = write!(out, "\n\n{}\n\n", children(child).trim());
                }
                "blockquote" => {
                    let inner = children(child);
                    let quoted: Vec<String> = inner
                        .trim()
                        .lines()
                        .map(|l| format!("> {}", l.trim()))
                        .collect();
                    let _ = write!(out, "\n\n{}\n\n", quoted.join("\n"));
                }
                "a" => {
                    let inner = children(child);
                    match e.attr("href").filter(|h| is_web_url(h)) {
                        Some(href) if !inner.trim().is_empty() => {
                            let _ = write!(out, "[{}]({})", inner.trim(), autolink(href));
                        }
                        Some(href) => out.push_str(&autolink(href)),
                        None => out.push_str(&inner),
                    }
                }
                _ => walk(child, out),
            },
            _ => walk(child, out),
        }
    }
}

fn md_inline_urls(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some((s, e)) = find_url(rest) {
        out.push_str(&md_inline(&rest[..s]));
        out.push_str(&autolink(&rest[s..e]));
        rest = &rest[e..];
    }
    out.push_str(&md_inline(rest));
    out
}

fn md_line_start(line: &str) -> String {
    match line.chars().next() {
        Some('-' | '+' | '=') => format!("\\{line}"),
        _ => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_stays_text() {
        let md = to_markdown(
            "{{< shortcode >}} {{% x %}} {% raw %} {{ page.title }} <script>alert(1)</script> &amp;\n# not a heading\n- not a list\n1. not a list\n\nhttps://example.com/a_b?{x}",
            None,
        );
        // Every `<` and `&` of the text is escaped; no brace pair survives.
        let unescaped = md.replace("\\<", "").replace("\\&", "");
        for bad in ["{{", "{%", "<script", "&amp;", "\n#", "\n-", "\n1."] {
            assert!(!unescaped.contains(bad), "{bad} in {md}");
        }
        assert!(md.contains("<https://example.com/a_b?%7Bx%7D>"), "{md}");
        assert!(md.contains("\\{\\{\\< shortcode \\>\\}\\}"), "{md}");
        let html = to_markdown(
            "<p>Een <b>vet</b> {{< x >}} <a href=\"https://example.com/\">link</a></p><ul><li>één</li></ul><script>x</script>",
            Some("html"),
        );
        assert_eq!(
            html,
            "Een **vet** \\{\\{\\< x \\>\\}\\} [link](<https://example.com/>)\n\n- één"
        );
        assert_eq!(yaml_str("a\"b\\c\n\u{2028}"), "\"a\\\"b\\\\c\\n\\u2028\"");
    }
}
