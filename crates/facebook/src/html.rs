//! The HTML export, best effort: friends, posts and Messenger threads, in the
//! "uiBoxWhite" (2018 – 2021) and `_a6-g` (2022 on) markup. Dates there are local
//! wall-clock times without a zone; they are kept without an offset, raw text in `extra`.

use std::collections::{BTreeMap, HashMap};

use freehold_archive::{Archive, Entry, Error, Fate, ParseContext, Severity};
use freehold_model::{Conversation, Message, Post, Relationship, time};
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::{Map, Value};

use crate::detect::{Layout, plain, thread_part_number};
use crate::media::MediaIndex;
use crate::state::State;
use crate::util::{IDS, Out, PLATFORM, People, hash, member, short};

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

/// One record of a page: a friend, a post, a message.
#[derive(Debug, Default)]
struct Record {
    title: Option<String>,
    body: Option<String>,
    time_raw: Option<String>,
    media: Vec<String>,
    reactions: Vec<String>,
}

struct Selectors {
    container: Selector,
    title: Selector,
    body: Selector,
    time: Selector,
    media: Selector,
    reaction: Selector,
}

impl Selectors {
    fn new() -> Option<Selectors> {
        Some(Selectors {
            container: selector("div.uiBoxWhite, section._a6-g")?,
            title: selector("div._2pio, div._a6-h, h2")?,
            body: selector("div._2let, div._a6-p, div._2pin")?,
            time: selector("div._2lem, div._a72d")?,
            media: selector("img[src], video[src], audio[src], a[href]")?,
            reaction: selector("ul._tqp li")?,
        })
    }
}

/// The text of an element without the text of reaction lists inside it (the text of a
/// reaction list item itself is kept), whitespace-trimmed per text node and joined by
/// newlines between block elements.
fn text_of(el: ElementRef<'_>) -> String {
    let mut parts: Vec<String> = Vec::new();
    for node in el.descendants() {
        if let Node::Text(t) = node.value() {
            let inside_reactions = node.ancestors().take_while(|a| a.id() != el.id()).any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| e.name() == "ul" && e.classes().any(|c| c == "_tqp"))
            });
            let t = t.trim();
            if !inside_reactions && !t.is_empty() {
                parts.push(t.to_string());
            }
        }
    }
    parts.join("\n")
}

fn records(doc: &Html, s: &Selectors) -> Vec<Record> {
    let mut out = Vec::new();
    for c in doc.select(&s.container) {
        // A container nested inside another container is read with its parent.
        if c.ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| s.container.matches(&a))
        {
            continue;
        }
        let title = c
            .select(&s.title)
            .next()
            .map(text_of)
            .filter(|t| !t.is_empty());
        let time_raw = c
            .select(&s.time)
            .next()
            .map(text_of)
            .filter(|t| !t.is_empty());
        let body = c
            .select(&s.body)
            .next()
            .map(text_of)
            .filter(|t| !t.is_empty());
        let mut media: Vec<String> = Vec::new();
        for m in c.select(&s.media) {
            let Some(u) = m.value().attr("src").or_else(|| m.value().attr("href")) else {
                continue;
            };
            if crate::media::is_media_name(u) && !media.iter().any(|x| x == u) {
                media.push(u.to_string());
            }
        }
        let reactions = c.select(&s.reaction).map(text_of).collect();
        out.push(Record {
            title,
            body,
            time_raw,
            media,
            reactions,
        });
    }
    out
}

/// Parses an HTML date as a wall-clock time (no zone): `Mar 1, 2019 2:05pm`,
/// `Jun 18, 2015, 9:35 PM`, `18 Jun 2015, 21:35`, `Nov 08, 2005 4:19:54 am`.
pub(crate) fn html_date(raw: &str) -> Option<String> {
    let s = raw.trim().replace('\u{a0}', " ").replace("  ", " ");
    const WITH_SECONDS: &[&str] = &[
        "%b %d, %Y %I:%M:%S %p",
        "%b %d, %Y, %I:%M:%S %p",
        "%d %b %Y, %H:%M:%S",
        "%b %d, %Y %H:%M:%S",
    ];
    const MINUTES: &[&str] = &[
        "%b %d, %Y %I:%M%p",
        "%b %d, %Y, %I:%M %p",
        "%b %d, %Y %I:%M %p",
        "%b %d, %Y, %I:%M%p",
        "%d %b %Y, %H:%M",
        "%d %b %Y %H:%M",
        "%b %d, %Y %H:%M",
        "%A, %B %d, %Y at %I:%M%p",
    ];
    for f in WITH_SECONDS {
        if let Some(t) = time::wall_clock(&s, f) {
            return Some(t);
        }
    }
    for f in MINUTES {
        if let Some(t) = time::wall_clock(&s, f) {
            // The source has minutes only: cut to that precision.
            return Some(t[..16].to_string());
        }
    }
    None
}

/// Reads a page; `None` when it cannot be read (the file is then reported as failed).
fn read_html(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
) -> Result<Option<Html>, Error> {
    let max = archive.limits().max_record_bytes;
    if entry.size > max {
        cx.file_failed(
            entry,
            freehold_archive::codes::RECORD_TOO_LARGE,
            None,
            format!(
                "this HTML page is larger than the record limit of {max} bytes; it was not read"
            ),
        );
        return Ok(None);
    }
    let text = archive.read_entry_with_progress(entry, cx.progress(), |r| {
        let mut buf = Vec::new();
        r.read_to_end(&mut buf)?;
        Ok(String::from_utf8_lossy(&buf).into_owned())
    });
    match text {
        Ok(text) => Ok(Some(Html::parse_document(&text))),
        Err(e) => {
            cx.entry_error(entry, e)?;
            Ok(None)
        }
    }
}

/// The owner's name from `profile_information.html`: in the `_a6-g` markup the value of
/// the `Full name` (or `Name`) row of a key/value table (`td._a6_q` label, then a
/// `td._a6_r` cell or, in a colspan label cell, a nested `<div>`); in the uiBoxWhite
/// markup the body of the `Name` record.
fn owner_from_profile(doc: &Html, s: &Selectors) -> Option<String> {
    let is_name = |label: &str| {
        let l = label.trim().trim_end_matches(':').to_lowercase();
        l == "name" || l == "full name"
    };
    if let (Some(label), Some(value_sel)) = (selector("td._a6_q"), selector("td._a6_r")) {
        for cell in doc.select(&label) {
            let text = text_of(cell);
            let mut lines = text.lines();
            if !lines.next().is_some_and(is_name) {
                continue;
            }
            // `<td class="_a6_q">Name</td><td class="_a6_r">value</td>`
            let next = cell
                .next_siblings()
                .filter_map(ElementRef::wrap)
                .find(|e| value_sel.matches(e) || e.value().name() == "td")
                .map(text_of)
                .filter(|t| !t.is_empty());
            // `<td colspan="2" class="_a6_q">Name<div><div>value</div></div></td>`
            let name = next.or_else(|| lines.next().map(str::to_string));
            if let Some(name) = name.filter(|n| !n.trim().is_empty()) {
                return Some(name.trim().to_string());
            }
        }
    }
    for r in records(doc, s) {
        if r.title.as_deref().is_some_and(is_name) {
            return r
                .body
                .map(|b| b.lines().next().unwrap_or("").trim().to_string())
                .filter(|b| !b.is_empty());
        }
    }
    None
}

enum Page {
    Friends,
    Posts,
    Profile,
    Viewer,
    Other,
}

fn page_of(entry: &Entry) -> Page {
    let p = plain(&entry.path);
    let name = plain(entry.file_name());
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
    if p.starts_with("files/") || name == "index.html" || name.ends_with(".css") {
        Page::Viewer
    } else if stem == "friends" || stem == "your_friends" {
        Page::Friends
    } else if stem.starts_with("your_posts") || stem.starts_with("profile_posts") {
        Page::Posts
    } else if stem == "profile_information" {
        Page::Profile
    } else {
        Page::Other
    }
}

/// Parses an HTML export.
pub(crate) fn parse(
    archive: &Archive,
    layout: Layout,
    cx: &mut ParseContext<'_>,
) -> Result<(), Error> {
    let Some(s) = Selectors::new() else {
        return Ok(());
    };
    let media = MediaIndex::build(archive, cx, true);
    let mut owner = None;
    let html: Vec<&Entry> = archive
        .entries()
        .iter()
        .filter(|e| {
            let n = e.file_name().to_ascii_lowercase();
            n.ends_with(".html") || n.ends_with(".htm")
        })
        .collect();
    for entry in html.iter().filter(|e| matches!(page_of(e), Page::Profile)) {
        cx.begin_file(entry, "profile (owner's name only)");
        if let Some(doc) = read_html(archive, entry, cx)? {
            owner = owner.or_else(|| owner_from_profile(&doc, &s));
        }
    }
    if owner.is_none() {
        cx.diagnose(
            Severity::Warning,
            freehold_archive::codes::NO_PROFILE,
            None,
            None,
            "the owner's name was not found (profile_information.html); people's ids cannot be tied to the owner",
        );
    }
    cx.diagnose(
        Severity::Info,
        freehold_archive::codes::HTML_EXPORT,
        None,
        None,
        format!(
            "this is an HTML export ({}): only friends, posts and messages are read, and dates are local times without a zone; download the export again as JSON for everything",
            layout.name()
        ),
    );
    let mut state = State::new(People::new(owner.as_deref()), std::sync::Arc::new(media));
    let mut threads: BTreeMap<String, Vec<(u32, &Entry)>> = BTreeMap::new();
    for entry in archive.entries() {
        if cx.fate(&entry.path).is_some() {
            continue;
        }
        let lower = entry.file_name().to_ascii_lowercase();
        let is_html = lower.ends_with(".html") || lower.ends_with(".htm");
        if !is_html {
            if lower.ends_with(".css") || lower.ends_with(".js") || entry.path.starts_with("files/")
            {
                cx.set_fate(entry, Fate::Skipped, "viewer file");
            }
            continue;
        }
        if let Some(n) = thread_part_number(entry.file_name(), "html") {
            threads
                .entry(entry.dir().to_string())
                .or_default()
                .push((n, entry));
            continue;
        }
        match page_of(entry) {
            Page::Viewer => cx.set_fate(entry, Fate::Skipped, "viewer page"),
            Page::Friends => {
                cx.begin_file(entry, "friends (HTML)");
                let Some(doc) = read_html(archive, entry, cx)? else {
                    continue;
                };
                let mut out = Out {
                    cx: &mut *cx,
                    path: entry.path.clone(),
                };
                for (i, r) in records(&doc, &s).into_iter().enumerate() {
                    friend(&mut out, &mut state, &r, &format!("record {}", i + 1))?;
                }
            }
            Page::Posts => {
                cx.begin_file(entry, "posts (HTML)");
                let Some(doc) = read_html(archive, entry, cx)? else {
                    continue;
                };
                let mut out = Out {
                    cx: &mut *cx,
                    path: entry.path.clone(),
                };
                for (i, r) in records(&doc, &s).into_iter().enumerate() {
                    post(&mut out, &mut state, &r, &format!("record {}", i + 1))?;
                }
            }
            Page::Profile => {}
            Page::Other => {
                cx.set_fate(
                    entry,
                    Fate::Unknown,
                    "HTML page not read (only friends, posts and messages are)",
                );
            }
        }
    }
    for (dir, parts) in threads {
        thread(archive, cx, &mut state, &s, &dir, parts)?;
    }
    state.media.emit_unclaimed(cx)
}

fn raw_extra(raw: Option<&str>) -> Option<Map<String, Value>> {
    let raw = raw?;
    let mut m = Map::new();
    m.insert("date_text".into(), Value::from(raw));
    Some(m)
}

fn friend(out: &mut Out<'_, '_>, state: &mut State, r: &Record, loc: &str) -> Result<(), Error> {
    let Some(name) = r.title.as_deref().or(r.body.as_deref()) else {
        return Ok(());
    };
    let owner = state.people.owner(out, loc)?;
    let Some(other) = state.people.account(out, name, loc)? else {
        return Ok(());
    };
    let at = r.time_raw.as_deref().and_then(html_date);
    if r.time_raw.is_some() && at.is_none() {
        out.cx.diagnose(
            Severity::Warning,
            freehold_archive::codes::BAD_DATE,
            Some(&out.path.clone()),
            Some(loc.into()),
            "date not understood; kept as text",
        );
    }
    out.emit(
        Relationship {
            id: IDS.of("friend", &format!("{}:{}", short(&owner), short(&other))),
            platform: PLATFORM.into(),
            kind: "friend".into(),
            from_account: owner,
            to_account: other,
            started_at: at,
            ended_at: None,
            status: None,
            extra: raw_extra(r.time_raw.as_deref()),
        },
        loc,
    )
}

fn post(out: &mut Out<'_, '_>, state: &mut State, r: &Record, loc: &str) -> Result<(), Error> {
    if r.title.is_none() && r.body.is_none() {
        return Ok(());
    }
    let author = state.people.owner(out, loc)?;
    let created = r.time_raw.as_deref().and_then(html_date);
    let pid = IDS.hashed(
        "post",
        &[
            &author,
            created.as_deref().unwrap_or(""),
            r.body.as_deref().unwrap_or(""),
            r.title.as_deref().unwrap_or(""),
        ],
    );
    out.emit(
        Post {
            id: pid.clone(),
            platform: PLATFORM.into(),
            kind: "status".into(),
            author_account: Some(author),
            created_at: created,
            text: r.body.clone(),
            text_format: Some("plain".into()),
            title: r.title.clone(),
            extra: raw_extra(r.time_raw.as_deref()),
            ..Post::default()
        },
        loc,
    )?;
    for (i, m) in r.media.iter().enumerate() {
        state
            .media
            .attach(out, &Value::from(m.as_str()), None, "post", &pid, i, loc)?;
    }
    Ok(())
}

fn thread(
    archive: &Archive,
    cx: &mut ParseContext<'_>,
    state: &mut State,
    s: &Selectors,
    dir: &str,
    mut parts: Vec<(u32, &Entry)>,
) -> Result<(), Error> {
    // Oldest first: the highest part first, each page read bottom up.
    parts.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    let key = dir.rsplit('/').next().unwrap_or(dir).to_string();
    let conversation_id = IDS.conversation(&key);
    let title_sel = selector("div._3b0d, title");
    let mut title = None;
    let mut pages: Vec<(&Entry, Vec<Record>)> = Vec::new();
    for (n, entry) in parts {
        cx.begin_file(entry, &format!("Messenger thread (HTML), part {n}"));
        let Some(doc) = read_html(archive, entry, cx)? else {
            continue;
        };
        if title.is_none() {
            title = title_sel
                .as_ref()
                .and_then(|t| doc.select(t).next())
                .map(text_of)
                .filter(|t| !t.is_empty());
        }
        let mut recs = records(&doc, s);
        recs.reverse();
        pages.push((entry, recs));
    }
    let Some((first, _)) = pages.first() else {
        return Ok(());
    };
    let mut members: Vec<String> = Vec::new();
    for (_, recs) in &pages {
        for r in recs {
            if let Some(t) = &r.title
                && !members.contains(t)
            {
                members.push(t.clone());
            }
        }
    }
    let mut out = Out {
        cx: &mut *cx,
        path: first.path.clone(),
    };
    // Account ids by name, and the members in the order the thread names them (a map's
    // order would change from run to run, and with it the provenance numbering).
    let mut ids = HashMap::new();
    let mut member_ids: Vec<String> = Vec::new();
    for name in &members {
        if let Some(aid) = state.people.account(&mut out, name, "participants")? {
            if !member_ids.contains(&aid) {
                member_ids.push(aid.clone());
            }
            ids.insert(name.clone(), aid);
        }
    }
    out.emit(
        Conversation {
            id: conversation_id.clone(),
            platform: PLATFORM.into(),
            native_id: Some(key.clone()),
            title,
            kind: if members.len() > 2 { "group" } else { "direct" }.into(),
            extra: None,
        },
        "thread",
    )?;
    for aid in &member_ids {
        out.emit(member(&conversation_id, aid), "participants")?;
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (entry, recs) in pages {
        let mut out = Out {
            cx: &mut *cx,
            path: entry.path.clone(),
        };
        let total = recs.len();
        for (j, r) in recs.into_iter().enumerate() {
            let loc = format!("record {}", total - j);
            let sender = r.title.clone().unwrap_or_default();
            let sent = r.time_raw.as_deref().and_then(html_date);
            let base = hash(&[
                &key,
                &sender,
                sent.as_deref().unwrap_or(""),
                r.body.as_deref().unwrap_or(""),
                &r.media.join("\u{1e}"),
            ]);
            let n = seen.entry(base.clone()).or_insert(0);
            let mid = if *n == 0 {
                IDS.message(&base)
            } else {
                IDS.message(&format!("{base}-{n}"))
            };
            *n += 1;
            let mut extra = raw_extra(r.time_raw.as_deref());
            if !r.reactions.is_empty() {
                extra.get_or_insert_with(Map::new).insert(
                    "reactions".into(),
                    Value::Array(
                        r.reactions
                            .iter()
                            .map(|x| Value::from(x.as_str()))
                            .collect(),
                    ),
                );
            }
            out.emit(
                Message {
                    id: mid.clone(),
                    conversation_id: conversation_id.clone(),
                    native_id: None,
                    sender_account: ids.get(&sender).cloned(),
                    sent_at: sent,
                    text: r.body.clone(),
                    kind: "text".into(),
                    extra,
                },
                &loc,
            )?;
            for (i, m) in r.media.iter().enumerate() {
                state.media.attach(
                    &mut out,
                    &Value::from(m.as_str()),
                    None,
                    "message",
                    &mid,
                    i,
                    &loc,
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_wall_clock() {
        assert_eq!(
            html_date("Mar 1, 2019 2:05pm").as_deref(),
            Some("2019-03-01T14:05")
        );
        assert_eq!(
            html_date("Jun 18, 2015, 9:35 PM").as_deref(),
            Some("2015-06-18T21:35")
        );
        assert_eq!(
            html_date("18 Jun 2015, 21:35").as_deref(),
            Some("2015-06-18T21:35")
        );
        assert_eq!(
            html_date("Nov 08, 2005 4:19:54 am").as_deref(),
            Some("2005-11-08T04:19:54")
        );
        assert_eq!(html_date("gestern"), None);
    }

    #[test]
    fn a6g_profile_name_from_either_table_form() {
        let s = Selectors::new().unwrap();
        let two_cells = Html::parse_document(
            r#"<div class="_a6-g"><h2 class="_a6-h">Name</h2><div class="_a6-p"><table><tr><td class="_2pin _a6_q">Full name</td><td class="_2pin _2piu _a6_r">Zofia Wiśniewska</td></tr></table></div></div>"#,
        );
        assert_eq!(
            owner_from_profile(&two_cells, &s).as_deref(),
            Some("Zofia Wiśniewska")
        );
        let colspan = Html::parse_document(
            r#"<div class="_a6-g"><table><tr><td colspan="2" class="_2pin _a6_q">Name<div><div>Nguyễn Thị Mai</div></div></td></tr></table></div>"#,
        );
        assert_eq!(
            owner_from_profile(&colspan, &s).as_deref(),
            Some("Nguyễn Thị Mai")
        );
        let none = Html::parse_document(r#"<table><tr><td class="_a6_q">Name</td></tr></table>"#);
        assert_eq!(owner_from_profile(&none, &s), None);
    }

    #[test]
    fn a6g_records() {
        let doc = Html::parse_document(
            r#"<html><body><section class="_a6-g"><h2>Nguyễn Thị Mai</h2><div class="_2pin">Xin chào!</div><footer><div class="_a72d">Nov 08, 2023 4:19:54 pm</div></footer></section></body></html>"#,
        );
        let s = Selectors::new().unwrap();
        let r = records(&doc, &s);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].title.as_deref(), Some("Nguyễn Thị Mai"));
        assert_eq!(r[0].body.as_deref(), Some("Xin chào!"));
        assert_eq!(
            r[0].time_raw.as_deref().and_then(html_date).as_deref(),
            Some("2023-11-08T16:19:54")
        );
    }
}
