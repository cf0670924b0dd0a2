//! The owner's activity: shares, comments, reactions, poll votes, instant reposts,
//! long-form articles (HTML) and events.

use std::io::Read;

use freehold_archive::{Archive, Entry, Error, ParseContext, Severity};
use freehold_model::{Event, Post, Reaction};
use percent_encoding::percent_decode_str;
use serde_json::Value;

use crate::detect::Kind;
use crate::people::key;
use crate::platform::{State, csv_file};
use crate::util::{Out, PLATFORM, Rec, short_hash, some};
use crate::vocab;

/// The largest article read (bytes); longer files are cut with a warning.
const MAX_ARTICLE: u64 = 16 * 1024 * 1024;

/// `urn:li:<type>:<id>` found in a link (percent-decoded), e.g. the
/// `urn:li:activity:7012…` of `/feed/update/urn%3Ali%3Aactivity%3A7012…`.
pub(crate) fn urn_in(link: &str) -> Option<String> {
    let decoded = percent_decode_str(link).decode_utf8_lossy();
    let path = decoded.split('?').next().unwrap_or("");
    let start = path.find("urn:li:")?;
    let urn: String = path[start..]
        .chars()
        .take_while(|c| !matches!(c, '/' | '?' | '&' | '#') && !c.is_whitespace())
        .collect();
    (urn.len() > "urn:li:".len()).then_some(urn)
}

/// The `commentUrn=` parameter of a comment link, percent-decoded (the whole link may
/// itself be percent-encoded).
fn comment_urn(link: &str) -> Option<String> {
    let decoded;
    let link = if link.contains('?') {
        link
    } else {
        decoded = percent_decode_str(link).decode_utf8_lossy().into_owned();
        &decoded
    };
    let query = link.split_once('?')?.1;
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == "commentUrn").then(|| percent_decode_str(v).decode_utf8_lossy().into_owned())
    })
}

/// The post id of a URN: `urn:li:share:123` → `li:post:share:123`.
pub(crate) fn post_id_of_urn(urn: &str) -> String {
    format!("li:post:{}", urn.strip_prefix("urn:li:").unwrap_or(urn))
}

fn visibility(raw: &str) -> String {
    match raw.to_ascii_uppercase().as_str() {
        "PUBLIC" | "ANYONE" => "public".into(),
        "MEMBER_NETWORK" | "CONNECTIONS" | "CONNECTIONS_ONLY" => "connections".into(),
        "LOGGED_IN" | "LOGGED_IN_MEMBERS" => "members".into(),
        other => other.to_ascii_lowercase(),
    }
}

/// `Shares.csv`, `Comments.csv`, `Reactions.csv`, `Votes.csv`, `InstantReposts.csv`
/// (each possibly with a `_<member id>` suffix).
pub(crate) fn activity(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    state: &mut State,
    kind: Kind,
) -> Result<(), Error> {
    let owner = state.people.owner.id.clone();
    let note = match kind {
        Kind::Shares => "shares",
        Kind::Comments => "comments",
        Kind::Reactions => "reactions",
        Kind::Votes => "poll votes",
        _ => "instant reposts",
    };
    csv_file(
        archive,
        entry,
        cx,
        note,
        vocab::of(kind),
        None,
        |out, rec| {
            let loc = rec.loc();
            let link = rec.get(&["sharelink", "link"]);
            let created_at = rec.date(out, &["date"]);
            let raw_date = rec.get(&["date"]).unwrap_or_default();
            let target_urn = link.and_then(urn_in);
            match kind {
                Kind::Reactions => {
                    // Exactly what was reacted to: the comment named by `commentUrn`, else
                    // the post of the link. A reaction to a comment and one to the post it
                    // sits under are two reactions.
                    let target_urn = link.and_then(comment_urn).or(target_urn);
                    let target = target_urn
                        .clone()
                        .unwrap_or_else(|| format!("h{}", short_hash(&[link.unwrap_or(raw_date)])));
                    out.emit(
                        Reaction {
                            id: format!(
                                "li:reaction:{}:{}",
                                key(&owner),
                                target.strip_prefix("urn:li:").unwrap_or(&target)
                            ),
                            platform: PLATFORM.into(),
                            kind: rec
                                .get(&["type"])
                                .map_or_else(|| "like".into(), str::to_lowercase),
                            actor_account: Some(owner.clone()),
                            target_post: target_urn.as_deref().map(post_id_of_urn),
                            target_url: link.map(str::to_string),
                            created_at,
                            extra: some(rec.extra(&["link"])),
                            ..Reaction::default()
                        },
                        &loc,
                    )
                }
                Kind::Shares => {
                    let text = rec.text(&["sharecommentary"]);
                    let (id, native) = match &target_urn {
                        Some(urn) => (post_id_of_urn(urn), Some(urn.clone())),
                        None => (
                            format!(
                                "li:post:share:h{}",
                                short_hash(&[raw_date, text.as_deref().unwrap_or_default()])
                            ),
                            None,
                        ),
                    };
                    out.emit(
                        Post {
                            id,
                            platform: PLATFORM.into(),
                            native_id: native,
                            kind: "share".into(),
                            author_account: Some(owner.clone()),
                            created_at,
                            text,
                            text_format: Some("plain".into()),
                            title: rec.get(&["share title"]).map(str::to_string),
                            url: link.map(str::to_string),
                            visibility: rec.get(&["visibility"]).map(visibility),
                            extra: some(rec.extra(&[
                                "sharelink",
                                "sharecommentary",
                                "share title",
                            ])),
                            ..Post::default()
                        },
                        &loc,
                    )
                }
                Kind::Comments => {
                    let text = rec.text(&["message"]);
                    let comment = link.and_then(comment_urn);
                    let (id, native) = match &comment {
                        Some(urn) => (post_id_of_urn(urn), Some(urn.clone())),
                        None => (
                            format!(
                                "li:post:comment:h{}",
                                short_hash(&[
                                    raw_date,
                                    link.unwrap_or_default(),
                                    text.as_deref().unwrap_or_default()
                                ])
                            ),
                            None,
                        ),
                    };
                    out.emit(
                        Post {
                            id,
                            platform: PLATFORM.into(),
                            native_id: native,
                            kind: "comment".into(),
                            author_account: Some(owner.clone()),
                            created_at,
                            text,
                            text_format: Some("plain".into()),
                            url: link.map(str::to_string),
                            in_reply_to: target_urn.as_deref().map(post_id_of_urn),
                            extra: some(rec.extra(&["link", "message"])),
                            ..Post::default()
                        },
                        &loc,
                    )
                }
                _ => {
                    let vote = kind == Kind::Votes;
                    let text = if vote {
                        rec.text(&["optiontext"])
                    } else {
                        None
                    };
                    let target = target_urn.as_deref().map(post_id_of_urn);
                    let kind_name = if vote { "vote" } else { "repost" };
                    out.emit(
                        Post {
                            id: format!(
                                "li:post:{kind_name}:{}",
                                short_hash(&[
                                    link.unwrap_or(raw_date),
                                    text.as_deref().unwrap_or_default()
                                ])
                            ),
                            platform: PLATFORM.into(),
                            kind: kind_name.into(),
                            author_account: Some(owner.clone()),
                            created_at,
                            text,
                            text_format: vote.then(|| "plain".into()),
                            url: link.map(str::to_string),
                            in_reply_to: if vote { target.clone() } else { None },
                            repost_of: if vote { None } else { target },
                            extra: some(rec.extra(&["link", "optiontext"])),
                            ..Post::default()
                        },
                        &loc,
                    )
                }
            }
        },
    )?;
    Ok(())
}

/// `Events.csv`: the events the owner responded to.
pub(crate) fn events(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
) -> Result<(), Error> {
    csv_file(
        archive,
        entry,
        cx,
        "events",
        vocab::of(Kind::Events),
        None,
        |out: &mut Out<'_, '_>, rec: &Rec<'_>| {
            let loc = rec.loc();
            let name = rec.get(&["event name"]).map(str::to_string);
            let raw_time = rec.get(&["event time"]).unwrap_or_default();
            // `May 07, 2022 08:00 AM - May 07, 2022 11:00 AM`: both ends.
            let (starts_at, ends_at) = rec.date_range(out, &["event time"]);
            out.emit(
                Event {
                    id: format!(
                        "li:event:{}",
                        short_hash(&[name.as_deref().unwrap_or_default(), raw_time])
                    ),
                    platform: PLATFORM.into(),
                    name,
                    starts_at,
                    ends_at,
                    response: rec.get(&["status"]).map(str::to_lowercase),
                    extra: some(rec.extra(&["event name", "status"])),
                    ..Event::default()
                },
                &loc,
            )
        },
    )?;
    Ok(())
}

/// `Articles/Articles/<slug>.html`: a `posts` row of kind `article` with the title, the
/// canonical URL and the body as plain text.
pub(crate) fn article(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    state: &mut State,
) -> Result<(), Error> {
    cx.begin_file(entry, "article");
    let read = archive.read_entry(entry, |r| {
        let mut bytes = Vec::new();
        r.take(MAX_ARTICLE).read_to_end(&mut bytes)?;
        Ok(bytes)
    });
    let bytes = match read {
        Ok(b) => b,
        Err(Error::Entry { source, .. }) => {
            cx.file_failed(
                entry,
                freehold_archive::codes::READ,
                None,
                source.to_string(),
            );
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    if bytes.len() as u64 >= MAX_ARTICLE {
        cx.diagnose(
            Severity::Warning,
            freehold_archive::codes::TRUNCATED,
            Some(&entry.path),
            None,
            format!("only the first {MAX_ARTICLE} bytes of the article were read"),
        );
    }
    let html = String::from_utf8_lossy(&bytes);
    let page = html_to_text(&html);
    let stem = entry
        .file_name()
        .rsplit_once('.')
        .map_or(entry.file_name(), |(s, _)| s)
        .to_string();
    let slug = page
        .url
        .as_deref()
        .and_then(|u| u.split("/pulse/").nth(1))
        .map(|s| {
            s.trim_end_matches('/')
                .split('?')
                .next()
                .unwrap_or(s)
                .to_string()
        })
        .filter(|s| !s.is_empty())
        .unwrap_or(stem);
    let mut extra = serde_json::Map::new();
    extra.insert("file".into(), Value::from(entry.file_name()));
    let post = Post {
        id: format!("li:post:article:{}", slug.to_lowercase()),
        platform: PLATFORM.into(),
        native_id: Some(slug),
        kind: "article".into(),
        author_account: Some(state.people.owner.id.clone()),
        text: (!page.text.is_empty()).then_some(page.text),
        text_format: Some("plain".into()),
        title: page.title,
        url: page.url,
        extra: Some(extra),
        ..Post::default()
    };
    let path = entry.path.clone();
    let mut out = Out { cx, path };
    out.emit(post, "html")
}

/// What [`html_to_text`] extracts.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Page {
    pub title: Option<String>,
    pub url: Option<String>,
    pub text: String,
}

/// A small, forgiving HTML-to-text: the `<title>` (or first `<h1>`), the first
/// `<a href>` inside the `<h1>` (LinkedIn's canonical `/pulse/` URL), and the body as
/// paragraphs separated by blank lines. `<head>`, `<style>` and `<script>` are dropped,
/// entities decoded, whitespace collapsed. The `<h1>` repeating the title is left out.
pub(crate) fn html_to_text(html: &str) -> Page {
    let lower = html.to_ascii_lowercase();
    let inner = |tag: &str| -> Option<(usize, usize)> {
        let open = lower.find(&format!("<{tag}"))?;
        let start = open + lower[open..].find('>')? + 1;
        let end = start + lower[start..].find(&format!("</{tag}"))?;
        Some((start, end))
    };
    let title = inner("title")
        .map(|(s, e)| clean_inline(&strip_tags(&html[s..e])))
        .filter(|t| !t.is_empty());
    let h1 = inner("h1");
    let url = h1.and_then(|(s, e)| {
        let part = &html[s..e];
        let at = part.to_ascii_lowercase().find("href=")?;
        let rest = &part[at + 5..];
        let quote = rest.chars().next()?;
        let value = if quote == '"' || quote == '\'' {
            rest[1..].split(quote).next()?
        } else {
            rest.split(|c: char| c.is_whitespace() || c == '>').next()?
        };
        Some(decode_entities(value))
    });
    let h1_text = h1.map(|(s, e)| clean_inline(&strip_tags(&html[s..e])));
    let title = title.or_else(|| h1_text.clone().filter(|t| !t.is_empty()));

    let body_start = lower.find("<body").unwrap_or(0);
    let mut text = String::new();
    let mut i = body_start;
    let bytes = lower.as_bytes();
    let mut skip_h1 = h1_text.is_some() && h1_text == title;
    while i < html.len() {
        if bytes[i] == b'<' {
            let Some(close) = lower[i..].find('>') else {
                break;
            };
            let tag = &lower[i + 1..i + close];
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let closing = tag.starts_with('/');
            if !closing && matches!(name.as_str(), "style" | "script" | "head" | "title") {
                i = after_end_tag(&lower, i, &name);
                continue;
            }
            if !closing && name == "h1" && skip_h1 {
                skip_h1 = false;
                i = after_end_tag(&lower, i, "h1");
                continue;
            }
            match name.as_str() {
                "br" => text.push('\n'),
                "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "ul" | "ol"
                | "blockquote" | "pre" | "tr" | "section" | "article" | "figure" => {
                    text.push_str("\n\n")
                }
                _ => {}
            }
            i += close + 1;
        } else {
            let next = lower[i..].find('<').map_or(html.len(), |p| i + p);
            text.push_str(&html[i..next]);
            i = next;
        }
    }
    let text = decode_entities(&text);
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(clean_inline)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|p| !p.is_empty())
        .collect();
    Page {
        title,
        url,
        text: paragraphs.join("\n\n"),
    }
}

/// The position just after `</name ...>` following `from`, or the end.
fn after_end_tag(lower: &str, from: usize, name: &str) -> usize {
    let end_tag = format!("</{name}");
    let Some(p) = lower[from..].find(&end_tag) else {
        return lower.len();
    };
    let at = from + p;
    lower[at..].find('>').map_or(lower.len(), |q| at + q + 1)
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_entities(&out)
}

/// Decodes every HTML5 character reference (`&eacute;`, `&rsquo;`, `&mdash;`, `&#233;`,
/// `&#x2014;`, …) by letting the HTML parser read `s` as text; an unknown `&name;` stays
/// as written.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    // `<` would start a tag: keep it literal.
    let escaped = s.replace('<', "&lt;");
    let fragment = scraper::Html::parse_fragment(&escaped);
    fragment.root_element().text().collect()
}

fn clean_inline(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urns_from_links() {
        assert_eq!(
            urn_in("https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7012345").as_deref(),
            Some("urn:li:share:7012345")
        );
        let link = "https://www.linkedin.com/feed/update/urn:li:activity:111?commentUrn=urn%3Ali%3Acomment%3A%28activity%3A111%2C222%29";
        assert_eq!(urn_in(link).as_deref(), Some("urn:li:activity:111"));
        assert_eq!(
            comment_urn(link).as_deref(),
            Some("urn:li:comment:(activity:111,222)")
        );
        assert_eq!(post_id_of_urn("urn:li:share:1"), "li:post:share:1");
        assert_eq!(urn_in("https://example.com/x"), None);
    }

    #[test]
    fn html_article_to_text() {
        let html = r#"<html><head><title>Why &amp; how</title><style>p{color:red}</style></head>
<body><h1><a href="https://www.linkedin.com/pulse/why-how-noor">Why &amp; how</a></h1>
<p>First   paragraph,<br>second line.</p><div><p>Caf&eacute; &#233; <b>bold</b></p></div>
<p>It&rsquo;s done &mdash; &hellip; &nbsp;&euro;5 &amp;c &lt;tag&gt; &bogus; &#x2014;</p>
<script>alert(1)</script></body></html>"#;
        let page = html_to_text(html);
        assert_eq!(page.title.as_deref(), Some("Why & how"));
        assert_eq!(
            page.url.as_deref(),
            Some("https://www.linkedin.com/pulse/why-how-noor")
        );
        assert_eq!(
            page.text,
            "First paragraph,\nsecond line.\n\nCafé é bold\n\nIt\u{2019}s done \u{2014} \u{2026} \u{20ac}5 &c <tag> &bogus; \u{2014}"
        );
    }
}
