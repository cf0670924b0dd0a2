//! Hyves "fancylayout" markup: the BBCode-like codes in krabbels, blogs, WieWatWaar
//! messages and comments, rendered as plain text or as safe HTML.
//!
//! Bodies are stored raw in the database (`text_format` = `hyves-markup`); these functions
//! are for the Hyves parser (links and mentions), exports and viewers, which is why they
//! live in the model rather than in `freehold-hyves` (which re-exports them). What is understood:
//!
//! | markup | plain text | HTML |
//! |---|---|---|
//! | `[b]…[/b]`, `[i]…[/i]`, `[u]…[/u]`, `[strike]…[/strike]` | the text | `<strong>`, `<em>`, `<u>`, `<s>` |
//! | `[url=X]label[/url]` | `label (X)` (just `X` when the label is `X`) | a link, when `X` is `http(s)://` |
//! | `[url]X[/url]`, bare `http(s)://…` | `X` | a link, when `X` is `http(s)://` |
//! | `[hyver=name]label[/hyver]` | `label` | a link to `http://name.hyves.nl/` |
//! | `[img]X[/img]` | `X` | an `<img>`, when `X` is `http(s)://` |
//! | `[media …]`, `[medianolink …]`, `[voicereaction …]` | dropped | `<span class="hyves-media" data-id="…">` |
//! | `[gadget]…[/gadget]`, `[amznlo=…]`, `[amznblk=…]` | dropped | dropped (embedded third-party code) |
//! | smileys `:banana:`, `:)`, `;)`, `:(`, `(y)`, `(l)`, `8-o` … | kept as written | `<span class="hyves-smiley" title="…">…</span>` |
//! | anything else, unbalanced or unknown codes | kept as written | kept as written, escaped |
//!
//! User text is always HTML-escaped, and only `http` and `https` URLs become links or
//! images: `javascript:` and the like are shown as text.

use std::fmt::Write as _;

/// Renders Hyves markup as plain text.
///
/// ```
/// use freehold_model::markup::to_plain_text;
///
/// assert_eq!(
///     to_plain_text("[b]Hoi[/b] [hyver=joelle]Joëlle[/hyver]! :banana: [url=http://example.com/]kijk[/url]"),
///     "Hoi Joëlle! :banana: kijk (http://example.com/)"
/// );
/// assert_eq!(to_plain_text("[media id=123abcd size=large]"), "");
/// ```
pub fn to_plain_text(markup: &str) -> String {
    render(markup, Target::Plain, true)
}

/// Renders Hyves markup as an HTML fragment. Text is escaped; only `http(s)` URLs become
/// links and images.
///
/// ```
/// use freehold_model::markup::to_html;
///
/// assert_eq!(
///     to_html("[b]Hoi[/b] <3 :banana:"),
///     "<strong>Hoi</strong> &lt;3 <span class=\"hyves-smiley\" title=\":banana:\">:banana:</span>"
/// );
/// assert_eq!(
///     to_html("[url=javascript:alert(1)]klik[/url]"),
///     "klik"
/// );
/// assert_eq!(
///     to_html("[hyver=sem-v]Sem[/hyver]"),
///     "<a href=\"http://sem-v.hyves.nl/\">Sem</a>"
/// );
/// ```
pub fn to_html(markup: &str) -> String {
    render(markup, Target::Html, true)
}

/// Like [`to_html`], for pages that must make no request of their own: an `[img]` of
/// a remote picture becomes a link to it instead of an `<img>`.
///
/// ```
/// use freehold_model::markup::to_html_offline;
///
/// assert_eq!(
///     to_html_offline("[img]https://a.example/x.jpg[/img]"),
///     "<a href=\"https://a.example/x.jpg\">https://a.example/x.jpg</a>"
/// );
/// ```
pub fn to_html_offline(markup: &str) -> String {
    render(markup, Target::Html, false)
}

/// A link or mention found in a body, for `post_entities`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// `[url=…]`, `[url]…[/url]` or a bare URL.
    Link(String),
    /// `[hyver=<username>]`.
    Mention(String),
}

/// The links and mentions in a body, in order, without repeats.
pub fn entities(markup: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut push = |f: Found| {
        if !found.contains(&f) {
            found.push(f);
        }
    };
    for token in tokenize(markup) {
        match token {
            Token::Open {
                tag: Tag::Url,
                arg: Some(url),
            } => push(Found::Link(url)),
            Token::Open {
                tag: Tag::Hyver,
                arg: Some(name),
            } if is_username(&name) => push(Found::Mention(name)),
            Token::UrlBlock(url) | Token::Bare(url) => push(Found::Link(url)),
            _ => {}
        }
    }
    found
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Plain,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    B,
    I,
    U,
    Strike,
    Url,
    Hyver,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Text(String),
    Open {
        tag: Tag,
        arg: Option<String>,
    },
    Close(Tag),
    /// `[url]X[/url]`.
    UrlBlock(String),
    /// `[img]X[/img]`.
    Image(String),
    /// `[media id=…]` and friends: the id, if any.
    Embed(Option<String>),
    /// Dropped content (`[gadget]…[/gadget]`, Amazon codes).
    Dropped,
    Smiley(String),
    /// A bare `http(s)://` URL.
    Bare(String),
    Newline,
}

/// Emoticons, longest first so that `:-)` wins over `:-`.
const EMOTICONS: &[&str] = &[
    ":-)", ":-(", ";-)", ":-D", ":-P", ":-p", ":-o", ":-O", "8-o", "8-)", "(y)", "(Y)", "(n)",
    "(N)", "(l)", "(L)", ":)", ":(", ";)", ":D", ":P", ":p", ":o", ":O", ":s", ":S", ":@",
];

fn tokenize(s: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    let bytes = s.as_bytes();
    let flush = |text: &mut String, tokens: &mut Vec<Token>| {
        if !text.is_empty() {
            tokens.push(Token::Text(std::mem::take(text)));
        }
    };
    while i < s.len() {
        let rest = &s[i..];
        let at_word_start = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if rest.starts_with('[') {
            if let Some((token, len)) = code(rest) {
                flush(&mut text, &mut tokens);
                tokens.push(token);
                i += len;
                continue;
            }
        } else if rest.starts_with('\n') {
            flush(&mut text, &mut tokens);
            tokens.push(Token::Newline);
            i += 1;
            continue;
        } else if rest.starts_with("\r\n") {
            flush(&mut text, &mut tokens);
            tokens.push(Token::Newline);
            i += 2;
            continue;
        } else if at_word_start
            && starts_with_ignore_case(rest, "http")
            && let Some(len) = bare_url(rest)
        {
            flush(&mut text, &mut tokens);
            tokens.push(Token::Bare(rest[..len].to_string()));
            i += len;
            continue;
        }
        if let Some(len) = smiley(rest, at_word_start) {
            flush(&mut text, &mut tokens);
            tokens.push(Token::Smiley(rest[..len].to_string()));
            i += len;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        text.push(c);
        i += c.len_utf8();
    }
    flush(&mut text, &mut tokens);
    tokens
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len()
        && s.is_char_boundary(prefix.len())
        && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// A markup code at the start of `s` (which starts with `[`): the token and its length.
fn code(s: &str) -> Option<(Token, usize)> {
    let end = s.find(']')?;
    let inner = &s[1..end];
    if inner.contains('[') || inner.contains('\n') {
        return None;
    }
    let len = end + 1;
    let (name, arg) = match inner.split_once('=') {
        Some((n, a)) if !n.contains(' ') => (n, Some(unquote(a).to_string())),
        _ => match inner.split_once(' ') {
            Some((n, _)) => (n, None),
            None => (inner, None),
        },
    };
    let lower = name.to_ascii_lowercase();
    if let Some(closing) = lower.strip_prefix('/') {
        let tag = simple_tag(closing)?;
        return Some((Token::Close(tag), len));
    }
    match lower.as_str() {
        "url" if arg.is_none() => {
            let (content, total) = block(s, len, "url")?;
            Some((Token::UrlBlock(content.trim().to_string()), total))
        }
        "img" => {
            let (content, total) = block(s, len, "img")?;
            Some((Token::Image(content.trim().to_string()), total))
        }
        "gadget" => {
            let (_, total) = block(s, len, "gadget")?;
            Some((Token::Dropped, total))
        }
        "amznlo" | "amznblk" => Some((Token::Dropped, len)),
        "media" | "medianolink" | "voicereaction" => {
            let id = inner
                .split_whitespace()
                .find_map(|part| part.strip_prefix("id="))
                .map(|id| id.trim_matches(['"', '\'']).to_string());
            Some((Token::Embed(id), len))
        }
        _ => {
            let tag = simple_tag(&lower)?;
            match tag {
                Tag::Url | Tag::Hyver if arg.as_deref().is_none_or(str::is_empty) => None,
                Tag::B | Tag::I | Tag::U | Tag::Strike if arg.is_some() => None,
                _ => Some((Token::Open { tag, arg }, len)),
            }
        }
    }
}

/// `"x"` or `'x'` → `x`; anything else unchanged.
fn unquote(s: &str) -> &str {
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return &s[1..s.len() - 1];
        }
    }
    s
}

fn simple_tag(name: &str) -> Option<Tag> {
    Some(match name {
        "b" => Tag::B,
        "i" => Tag::I,
        "u" => Tag::U,
        "strike" | "s" => Tag::Strike,
        "url" => Tag::Url,
        "hyver" => Tag::Hyver,
        _ => return None,
    })
}

/// The content of `[name]…[/name]` starting at `open_len`, and the length of the whole block.
fn block<'s>(s: &'s str, open_len: usize, name: &str) -> Option<(&'s str, usize)> {
    let rest = &s[open_len..];
    let close = format!("[/{name}]");
    let lower = rest.to_ascii_lowercase();
    let at = lower.find(&close)?;
    Some((&rest[..at], open_len + at + close.len()))
}

fn bare_url(s: &str) -> Option<usize> {
    let scheme = if starts_with_ignore_case(s, "https://") {
        8
    } else if starts_with_ignore_case(s, "http://") {
        7
    } else {
        return None;
    };
    let mut len = s
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '[' | ']' | '<' | '>' | '"'))
        .map_or(s.len(), |(i, _)| i);
    // Trailing punctuation belongs to the sentence, not the URL.
    while len > scheme && s[..len].ends_with(['.', ',', '!', '?', ')', ';', ':']) {
        len -= 1;
    }
    (len > scheme).then_some(len)
}

fn smiley(s: &str, at_word_start: bool) -> Option<usize> {
    if !at_word_start {
        return None;
    }
    if let Some(rest) = s.strip_prefix(':') {
        let name_len = rest
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || *b == b'_')
            .count();
        if (2..=24).contains(&name_len) && rest.as_bytes().get(name_len) == Some(&b':') {
            return Some(name_len + 2);
        }
    }
    EMOTICONS
        .iter()
        .find(|e| s.starts_with(*e))
        .map(|e| e.len())
}

/// Whether `name` can be a Hyves username (letters, digits and inner hyphens).
pub fn is_username(name: &str) -> bool {
    (1..=40).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-')
}

/// Whether a URL may become a link or an image.
fn is_safe_url(url: &str) -> bool {
    (starts_with_ignore_case(url, "http://") || starts_with_ignore_case(url, "https://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Escapes text for HTML content and attribute values (`&`, `<`, `>`, `"`, `'`) into
/// `out`: the one HTML escaper, used by the markup renderer and by every exit.
///
/// ```
/// let mut out = String::new();
/// freehold_model::markup::escape_html_into(&mut out, r#"<a href="x">Tom & 'Jo'</a>"#);
/// assert_eq!(out, "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jo&#39;&lt;/a&gt;");
/// ```
pub fn escape_html_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn html_open(tag: Tag) -> &'static str {
    match tag {
        Tag::B => "<strong>",
        Tag::I => "<em>",
        Tag::U => "<u>",
        Tag::Strike => "<s>",
        Tag::Url | Tag::Hyver => "<a>",
    }
}

fn html_close(tag: Tag) -> &'static str {
    match tag {
        Tag::B => "</strong>",
        Tag::I => "</em>",
        Tag::U => "</u>",
        Tag::Strike => "</s>",
        Tag::Url | Tag::Hyver => "</a>",
    }
}

/// One open code: the tag, whether it produced an HTML element, and for plain-text
/// links the URL to append and the label so far.
struct Open {
    tag: Tag,
    linked: bool,
    url: Option<String>,
    label_start: usize,
}

fn render(markup: &str, target: Target, remote_images: bool) -> String {
    let tokens = tokenize(markup);
    let mut out = String::with_capacity(markup.len());
    let mut stack: Vec<Open> = Vec::new();
    for token in tokens {
        match token {
            Token::Text(t) => match target {
                Target::Plain => out.push_str(&t),
                Target::Html => escape_html_into(&mut out, &t),
            },
            Token::Newline => match target {
                Target::Plain => out.push('\n'),
                Target::Html => out.push_str("<br>\n"),
            },
            Token::Smiley(code) => match target {
                Target::Plain => out.push_str(&code),
                Target::Html => {
                    out.push_str("<span class=\"hyves-smiley\" title=\"");
                    escape_html_into(&mut out, &code);
                    out.push_str("\">");
                    escape_html_into(&mut out, &code);
                    out.push_str("</span>");
                }
            },
            Token::Bare(url) | Token::UrlBlock(url) => match target {
                Target::Plain => out.push_str(&url),
                Target::Html => link(&mut out, &url, &url),
            },
            Token::Image(url) => match target {
                Target::Plain => out.push_str(&url),
                Target::Html if !remote_images => link(&mut out, &url, &url),
                Target::Html => {
                    if is_safe_url(&url) {
                        out.push_str("<img src=\"");
                        escape_html_into(&mut out, &url);
                        out.push_str("\" alt=\"\">");
                    } else {
                        escape_html_into(&mut out, &url);
                    }
                }
            },
            Token::Embed(id) => {
                if target == Target::Html {
                    out.push_str("<span class=\"hyves-media\"");
                    if let Some(id) = id {
                        out.push_str(" data-id=\"");
                        escape_html_into(&mut out, &id);
                        out.push('"');
                    }
                    out.push_str("></span>");
                }
            }
            Token::Dropped => {}
            Token::Open { tag, arg } => {
                let label_start = out.len();
                let mut open = Open {
                    tag,
                    linked: false,
                    url: None,
                    label_start,
                };
                match (tag, target) {
                    (Tag::Url, Target::Plain) => open.url = arg,
                    (Tag::Hyver, Target::Plain) => {}
                    (Tag::Url, Target::Html) => {
                        if let Some(url) = arg.filter(|u| is_safe_url(u)) {
                            out.push_str("<a href=\"");
                            escape_html_into(&mut out, &url);
                            out.push_str("\">");
                            open.linked = true;
                        }
                    }
                    (Tag::Hyver, Target::Html) => {
                        if let Some(name) = arg.filter(|n| is_username(n)) {
                            let _ = write!(out, "<a href=\"http://{name}.hyves.nl/\">");
                            open.linked = true;
                        }
                    }
                    (_, Target::Html) => {
                        out.push_str(html_open(tag));
                        open.linked = true;
                    }
                    (_, Target::Plain) => {}
                }
                open.label_start = out.len();
                stack.push(open);
            }
            Token::Close(tag) => {
                if let Some(pos) = stack.iter().rposition(|o| o.tag == tag) {
                    while stack.len() > pos {
                        if let Some(open) = stack.pop() {
                            close(&mut out, open);
                        }
                    }
                } else {
                    let literal = format!("[/{}]", tag_name(tag));
                    match target {
                        Target::Plain => out.push_str(&literal),
                        Target::Html => escape_html_into(&mut out, &literal),
                    }
                }
            }
        }
    }
    while let Some(open) = stack.pop() {
        close(&mut out, open);
    }
    out
}

fn tag_name(tag: Tag) -> &'static str {
    match tag {
        Tag::B => "b",
        Tag::I => "i",
        Tag::U => "u",
        Tag::Strike => "strike",
        Tag::Url => "url",
        Tag::Hyver => "hyver",
    }
}

fn close(out: &mut String, open: Open) {
    if open.linked {
        out.push_str(html_close(open.tag));
    }
    if let Some(url) = open.url {
        let label = &out[open.label_start..];
        if label.is_empty() {
            out.push_str(&url);
        } else if label != url {
            let _ = write!(out, " ({url})");
        }
    }
}

fn link(out: &mut String, url: &str, label: &str) {
    if is_safe_url(url) {
        out.push_str("<a href=\"");
        escape_html_into(out, url);
        out.push_str("\">");
        escape_html_into(out, label);
        out.push_str("</a>");
    } else {
        escape_html_into(out, label);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_of_every_code() {
        assert_eq!(
            to_plain_text("[i]schuin[/i] en [strike]weg[/strike]"),
            "schuin en weg"
        );
        assert_eq!(
            to_plain_text("[url]http://a.example/[/url]"),
            "http://a.example/"
        );
        assert_eq!(
            to_plain_text("[url=http://a.example/]http://a.example/[/url]"),
            "http://a.example/"
        );
        assert_eq!(
            to_plain_text("[url=http://a.example/][/url]"),
            "http://a.example/"
        );
        assert_eq!(
            to_plain_text("[img]http://a.example/x.jpg[/img]"),
            "http://a.example/x.jpg"
        );
        assert_eq!(to_plain_text("a[gadget]<script>x</script>[/gadget]b"), "ab");
        assert_eq!(to_plain_text("[amznlo=B000]"), "");
        assert_eq!(to_plain_text("regel 1\nregel 2"), "regel 1\nregel 2");
    }

    #[test]
    fn unbalanced_and_unknown_codes_stay_as_written() {
        assert_eq!(to_plain_text("[b]open"), "open");
        assert_eq!(to_plain_text("dicht[/b]"), "dicht[/b]");
        assert_eq!(
            to_plain_text("[color=red]rood[/color]"),
            "[color=red]rood[/color]"
        );
        assert_eq!(to_plain_text("[b][i]x[/b]"), "x");
        assert_eq!(to_html("[b][i]x[/b]"), "<strong><em>x</em></strong>");
        assert_eq!(to_html("[b]open"), "<strong>open</strong>");
        assert_eq!(to_html("dicht[/b]"), "dicht[/b]");
    }

    #[test]
    fn html_escapes_and_links_safely() {
        assert_eq!(
            to_html("<script>\"x\" & 'y'</script>"),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
        assert_eq!(
            to_html("[url=http://a.example/?q=\"x\"]a[/url]"),
            "<a href=\"http://a.example/?q=&quot;x&quot;\">a</a>"
        );
        assert_eq!(
            to_html("[img]javascript:alert(1)[/img]"),
            "javascript:alert(1)"
        );
        assert_eq!(to_html("[hyver=bad name]x[/hyver]"), "x");
        assert_eq!(
            to_html("zie https://example.org/pad, echt"),
            "zie <a href=\"https://example.org/pad\">https://example.org/pad</a>, echt"
        );
        assert_eq!(to_html("a\nb"), "a<br>\nb");
        assert_eq!(
            to_html("[media id=102382590-6Ly size=large]"),
            "<span class=\"hyves-media\" data-id=\"102382590-6Ly\"></span>"
        );
    }

    #[test]
    fn smileys_and_times() {
        assert_eq!(
            to_html("(y) :)"),
            "<span class=\"hyves-smiley\" title=\"(y)\">(y)</span> <span class=\"hyves-smiley\" title=\":)\">:)</span>"
        );
        // Clock times and words with colons are not smileys.
        assert_eq!(to_html("om 10:30:00 uur"), "om 10:30:00 uur");
        assert_eq!(to_html("a:banana:"), "a:banana:");
    }

    #[test]
    fn entities_are_found() {
        assert_eq!(
            entities(
                "[hyver=sem-v]Sem[/hyver] [url=http://a.example/]a[/url] http://b.example/ [url=http://a.example/]again[/url]"
            ),
            vec![
                Found::Mention("sem-v".into()),
                Found::Link("http://a.example/".into()),
                Found::Link("http://b.example/".into()),
            ]
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "[",
            "]",
            "[/",
            "[url=",
            "[url=]x[/url]",
            "[img]",
            "é[b]ë",
            ":",
            "::",
            "http://",
            "[media",
            "\u{1F600}[/hyver]",
        ] {
            let _ = to_plain_text(s);
            let _ = to_html(s);
        }
    }
}
