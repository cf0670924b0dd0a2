//! The owner's activity: shares, comments, reactions, poll votes, instant reposts,
//! long-form articles (HTML) and events.

use std::io::Read;

use freehold_archive::{Archive, Entry, Error, ParseContext, Severity};
use freehold_model::{Event, Post, Reaction};
use percent_encoding::percent_decode_str;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use crate::kind::Kind;
use crate::people::key;
use crate::state::State;
use crate::util::{IDS, Out, PLATFORM, Rec, csv_file, short_hash, some};
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
    IDS.post(urn.strip_prefix("urn:li:").unwrap_or(urn))
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
            let link = rec.get(&["sharelink", "link"]);
            let row = Row {
                owner: &owner,
                loc: rec.loc(),
                link,
                created_at: rec.date(out, &["date"]),
                raw_date: rec.get(&["date"]).unwrap_or_default(),
                target_urn: link.and_then(urn_in),
            };
            match kind {
                Kind::Reactions => reaction(out, rec, row),
                Kind::Shares => share(out, rec, row),
                Kind::Comments => comment(out, rec, row),
                _ => vote_or_repost(out, rec, row, kind == Kind::Votes),
            }
        },
    )?;
    Ok(())
}

/// What every activity row gives: the owner (its author), where it is, its link, its
/// date (parsed and raw) and the URN in its link.
struct Row<'r> {
    owner: &'r str,
    loc: String,
    link: Option<&'r str>,
    created_at: Option<String>,
    raw_date: &'r str,
    target_urn: Option<String>,
}

/// A `Reactions.csv` row: a reaction to exactly what was reacted to, the comment named
/// by `commentUrn`, else the post of the link. A reaction to a comment and one to the
/// post it sits under are two reactions.
fn reaction(out: &mut Out<'_, '_>, rec: &Rec<'_>, row: Row<'_>) -> Result<(), Error> {
    let link = row.link;
    let target_urn = link.and_then(comment_urn).or(row.target_urn);
    let target = target_urn
        .clone()
        .unwrap_or_else(|| format!("h{}", short_hash(&[link.unwrap_or(row.raw_date)])));
    out.emit(
        Reaction {
            id: IDS.reaction(&format!(
                "{}:{}",
                key(row.owner),
                target.strip_prefix("urn:li:").unwrap_or(&target)
            )),
            platform: PLATFORM.into(),
            kind: rec
                .get(&["type"])
                .map_or_else(|| "like".into(), str::to_lowercase),
            actor_account: Some(row.owner.to_string()),
            target_post: target_urn.as_deref().map(post_id_of_urn),
            target_url: link.map(str::to_string),
            created_at: row.created_at,
            extra: some(rec.extra(&["link"])),
            ..Reaction::default()
        },
        &row.loc,
    )
}

/// A `Shares.csv` row: a share post, its id from the URN of its link, else a hash of
/// its date and text.
fn share(out: &mut Out<'_, '_>, rec: &Rec<'_>, row: Row<'_>) -> Result<(), Error> {
    let text = rec.text(&["sharecommentary"]);
    let (id, native) = post_ids(
        row.target_urn.as_ref(),
        "share",
        &[row.raw_date, text.as_deref().unwrap_or_default()],
    );
    out.emit(
        Post {
            title: rec.get(&["share title"]).map(str::to_string),
            visibility: rec.get(&["visibility"]).map(visibility),
            extra: some(rec.extra(&["sharelink", "sharecommentary", "share title"])),
            ..owner_post(&row, id, native, "share", text)
        },
        &row.loc,
    )
}

/// A `Comments.csv` row: a comment post in reply to the post of its link, its id from
/// the link's `commentUrn`, else a hash of its date, link and text.
fn comment(out: &mut Out<'_, '_>, rec: &Rec<'_>, row: Row<'_>) -> Result<(), Error> {
    let text = rec.text(&["message"]);
    let (id, native) = post_ids(
        row.link.and_then(comment_urn).as_ref(),
        "comment",
        &[
            row.raw_date,
            row.link.unwrap_or_default(),
            text.as_deref().unwrap_or_default(),
        ],
    );
    out.emit(
        Post {
            in_reply_to: row.target_urn.as_deref().map(post_id_of_urn),
            extra: some(rec.extra(&["link", "message"])),
            ..owner_post(&row, id, native, "comment", text)
        },
        &row.loc,
    )
}

/// A `Votes.csv` row (`vote`: a vote post, with its option's text, in reply to the
/// poll) or an `InstantReposts.csv` row (a repost of the post of its link).
fn vote_or_repost(
    out: &mut Out<'_, '_>,
    rec: &Rec<'_>,
    row: Row<'_>,
    vote: bool,
) -> Result<(), Error> {
    let text = if vote {
        rec.text(&["optiontext"])
    } else {
        None
    };
    let target = row.target_urn.as_deref().map(post_id_of_urn);
    let kind_name = if vote { "vote" } else { "repost" };
    let id = IDS.post(&format!(
        "{kind_name}:{}",
        short_hash(&[
            row.link.unwrap_or(row.raw_date),
            text.as_deref().unwrap_or_default()
        ])
    ));
    out.emit(
        Post {
            text_format: vote.then(|| "plain".into()),
            in_reply_to: if vote { target.clone() } else { None },
            repost_of: if vote { None } else { target },
            extra: some(rec.extra(&["link", "optiontext"])),
            ..owner_post(&row, id, None, kind_name, text)
        },
        &row.loc,
    )
}

/// The id and native id of a share or comment: from its URN (`urn`), else
/// `<what>:h<hash of parts>` without a native id.
fn post_ids(urn: Option<&String>, what: &str, parts: &[&str]) -> (String, Option<String>) {
    match urn {
        Some(urn) => (post_id_of_urn(urn), Some(urn.clone())),
        None => (IDS.post(&format!("{what}:h{}", short_hash(parts))), None),
    }
}

/// A post of the owner's from an activity row (`kind`, with `text`): what every kind
/// has, the author, date, plain text and link.
fn owner_post(
    row: &Row<'_>,
    id: String,
    native: Option<String>,
    kind: &str,
    text: Option<String>,
) -> Post {
    Post {
        id,
        platform: PLATFORM.into(),
        native_id: native,
        kind: kind.into(),
        author_account: Some(row.owner.to_string()),
        created_at: row.created_at.clone(),
        text,
        text_format: Some("plain".into()),
        url: row.link.map(str::to_string),
        ..Post::default()
    }
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
                    id: IDS.event(&short_hash(&[
                        name.as_deref().unwrap_or_default(),
                        raw_time,
                    ])),
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
        Err(e) => return cx.entry_error(entry, e),
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
        id: IDS.post(&format!("article:{}", slug.to_lowercase())),
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

/// An HTML article as text, read by `scraper` (the HTML5 parser, so every character
/// reference is decoded and broken markup is repaired as a browser would): the
/// `<title>` (or first `<h1>`), the first `href` inside the `<h1>` (LinkedIn's canonical
/// `/pulse/` URL), and the body as paragraphs separated by blank lines. `<head>`,
/// `<style>` and `<script>` are dropped, whitespace collapsed. The `<h1>` repeating the
/// title is left out.
pub(crate) fn html_to_text(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let first = |css: &str| {
        Selector::parse(css)
            .ok()
            .and_then(|sel| doc.select(&sel).next())
    };
    let inline_text = |el: ElementRef<'_>| clean_inline(&el.text().collect::<String>());
    let title = first("title").map(inline_text).filter(|t| !t.is_empty());
    let h1 = first("h1");
    let url = h1.and_then(|h1| {
        let href = Selector::parse("[href]").ok()?;
        h1.select(&href)
            .next()
            .and_then(|a| a.value().attr("href"))
            .map(str::to_string)
    });
    let h1_text = h1.map(inline_text);
    let title = title.or_else(|| h1_text.clone().filter(|t| !t.is_empty()));

    let mut text = String::new();
    let mut skip_h1 = h1_text.is_some() && h1_text == title;
    let body = first("body").unwrap_or_else(|| doc.root_element());
    push_text(body, &mut text, &mut skip_h1);
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

/// Appends the text of `el`'s children: a line break for `<br>`, a paragraph break
/// before and after a block element, nothing of `<style>`, `<script>`, `<head>` and
/// `<title>`, and nothing of the first `<h1>` while `skip_h1` is set.
fn push_text(el: ElementRef<'_>, text: &mut String, skip_h1: &mut bool) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => text.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if matches!(name, "style" | "script" | "head" | "title") {
                    continue;
                }
                if name == "h1" && *skip_h1 {
                    *skip_h1 = false;
                    continue;
                }
                let block = matches!(
                    name,
                    "p" | "div"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "li"
                        | "ul"
                        | "ol"
                        | "blockquote"
                        | "pre"
                        | "tr"
                        | "section"
                        | "article"
                        | "figure"
                );
                if name == "br" {
                    text.push('\n');
                } else if block {
                    text.push_str("\n\n");
                }
                if let Some(child) = ElementRef::wrap(child) {
                    push_text(child, text, skip_h1);
                }
                if block {
                    text.push_str("\n\n");
                }
            }
            _ => {}
        }
    }
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

    /// Markup a browser repairs is read as a browser reads it: tags in capitals, a
    /// paragraph never closed, a character reference in the URL.
    #[test]
    fn html_article_through_the_html_parser() {
        let html = "<HTML><BODY><H1><A HREF=\"https://www.linkedin.com/pulse/a-b?x=1&amp;y=2\">A &amp; B</A></H1><P>one &lt;3<P>two<br/>three<ul><li>four</ul>";
        let page = html_to_text(html);
        assert_eq!(page.title.as_deref(), Some("A & B"));
        assert_eq!(
            page.url.as_deref(),
            Some("https://www.linkedin.com/pulse/a-b?x=1&y=2")
        );
        assert_eq!(page.text, "one <3\n\ntwo\nthree\n\nfour");
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
