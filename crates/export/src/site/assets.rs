//! The site's fixed files (style sheet, search script), the search index, the feeds, and
//! reading a picture's size from its header.

use std::fmt::Write as _;
use std::io::Read;
use std::path::Path;

use super::page::Card;
use crate::render::escape;

/// One style sheet: readable on a phone, light and dark, no fonts from elsewhere.
pub(super) const STYLE_CSS: &str = r#":root { color-scheme: light dark; --bg: #fdfdfb; --fg: #1d1d1b; --muted: #5f5f5a; --line: #dedbd2; --link: #0b57a4; --card: #ffffff; }
@media (prefers-color-scheme: dark) { :root { --bg: #161614; --fg: #ecebe6; --muted: #a9a79f; --line: #3a3934; --link: #8ab8f0; --card: #1f1f1c; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: var(--link); }
header.site, main, footer.site { max-width: 42rem; margin: 0 auto; padding: 0 1rem; }
header.site { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: baseline; padding-top: 1rem; padding-bottom: .5rem; border-bottom: 1px solid var(--line); }
header.site .home { font-weight: 700; font-size: 1.2rem; text-decoration: none; color: var(--fg); }
header.site nav a { margin-right: .8rem; }
footer.site { color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); margin-top: 2rem; }
article.post { background: var(--card); border: 1px solid var(--line); border-radius: .6rem; padding: .8rem 1rem; margin: 1rem 0; overflow-wrap: anywhere; }
article.post h2 { margin: .2rem 0 .5rem; font-size: 1.2rem; }
article.post footer { color: var(--muted); font-size: .85rem; margin-top: .5rem; }
article.post .media img, article.post .media video { max-width: 100%; height: auto; border-radius: .4rem; display: block; margin: .5rem 0; }
.missing { color: var(--muted); font-style: italic; border: 1px dashed var(--line); padding: .5rem; border-radius: .4rem; }
.repost { color: var(--muted); }
.thread { border-left: 3px solid var(--line); padding-left: .8rem; }
.focus article.post { border-width: 2px; }
.profiles { display: grid; gap: .8rem; margin: 1rem 0; }
.profile { border: 1px solid var(--line); border-radius: .6rem; padding: .6rem 1rem; }
.profile h2 { margin: .2rem 0; font-size: 1.1rem; }
.profile .avatar { float: right; border-radius: 50%; }
.profile .where { color: var(--muted); margin: 0; font-size: .9rem; }
nav.pages { display: flex; gap: 1rem; justify-content: center; margin: 1.5rem 0; }
form.search input { font: inherit; width: 100%; padding: .5rem; border: 1px solid var(--line); border-radius: .4rem; background: var(--card); color: var(--fg); }
#results li { margin: .6rem 0; }
.hyves-smiley { font-style: normal; }
"#;

/// The search page's script: filters `window.FREEHOLD_INDEX` (from `search-index.js`)
/// as the visitor types. No request is made: the index is a script beside the page, so
/// it loads from `file://` too.
pub(super) const SEARCH_JS: &str = r#"(function () {
  "use strict";
  var index = window.FREEHOLD_INDEX || [];
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var count = document.getElementById("count");
  function norm(s) { return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
  var texts = index.map(function (e) { return norm((e.t || "") + " " + e.x); });
  function show() {
    var words = norm(input.value).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) { count.textContent = index.length + " posts"; return; }
    var found = 0;
    for (var i = 0; i < index.length; i++) {
      var ok = true;
      for (var w = 0; w < words.length; w++) { if (texts[i].indexOf(words[w]) < 0) { ok = false; break; } }
      if (!ok) continue;
      found++;
      if (found > 200) continue;
      var e = index[i];
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = e.u;
      a.textContent = e.t || e.x.slice(0, 120);
      li.appendChild(a);
      var small = document.createElement("small");
      small.textContent = " " + (e.d || "undated") + " · " + e.p;
      li.appendChild(small);
      list.appendChild(li);
    }
    count.textContent = found + (found === 1 ? " post" : " posts") + (found > 200 ? " (the first 200 shown)" : "");
  }
  input.addEventListener("input", show);
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; }
  show();
})();
"#;

/// `search-index.js`: every published post's address, title, date, platform and text.
pub(super) struct SearchIndex {
    out: String,
    first: bool,
}

impl SearchIndex {
    pub(super) fn new() -> SearchIndex {
        SearchIndex {
            out: String::from("window.FREEHOLD_INDEX = ["),
            first: true,
        }
    }

    pub(super) fn add(&mut self, card: &Card) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        let entry = serde_json::json!({
            "u": format!("posts/{}.html", card.slug),
            "t": card.title,
            "d": card.date.as_deref().map(|d| d.get(..10).unwrap_or(d)),
            "p": card.platform,
            "x": card.plain,
        });
        self.out.push('\n');
        // `</script>` cannot end the script early: `<` is escaped.
        self.out
            .push_str(&entry.to_string().replace('<', "\\u003c"));
    }

    pub(super) fn finish(mut self) -> String {
        self.out.push_str("\n];\n");
        self.out
    }
}

/// The Atom 1.0 and JSON Feed 1.1 documents of the newest posts. With a site address,
/// links are absolute; without one they are relative to the feed (allowed by both
/// formats, though some readers want absolute links: give `--site-url`).
pub(super) fn feeds(cards: &[Card], title: &str, site_url: Option<&str>) -> (String, String) {
    let base = site_url
        .map(|u| {
            if u.ends_with('/') {
                u.to_string()
            } else {
                format!("{u}/")
            }
        })
        .unwrap_or_default();
    let updated = cards
        .iter()
        .filter_map(|c| c.date.clone())
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| rfc3339(&d));
    let feed_id = if base.is_empty() {
        format!("tag:freehold.invalid,2026:{}", escape(&slugish(title)))
    } else {
        escape(&base)
    };
    let mut atom = String::new();
    let _ = write!(
        atom,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>{}</title>\n<id>{feed_id}</id>\n<updated>{updated}</updated>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}index.html\"/>\n<link rel=\"self\" href=\"{}feed.xml\"/>\n<author><name>{}</name></author>\n<generator>freehold</generator>\n",
        escape(title),
        escape(&base),
        escape(&base),
        escape(title)
    );
    let mut items = Vec::new();
    for c in cards {
        let url = format!("{base}posts/{}.html", c.slug);
        let date = c
            .date
            .as_deref()
            .map(rfc3339)
            .unwrap_or_else(|| updated.clone());
        let id = if base.is_empty() {
            format!("tag:freehold.invalid,2026:{}", c.slug)
        } else {
            url.clone()
        };
        let content = c.html.replace(super::page::ROOT, &base);
        let _ = write!(
            atom,
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<updated>{date}</updated>\n<published>{date}</published>\n<content type=\"html\">{}</content>\n</entry>\n",
            escape(&c.title_text()),
            escape(&id),
            escape(&url),
            escape(&content)
        );
        let mut item = serde_json::json!({
            "id": id,
            "url": url,
            "title": c.title_text(),
            "content_html": content,
            "content_text": c.plain,
            "date_published": date,
        });
        if let Some(o) = &c.original {
            item["external_url"] = serde_json::Value::from(o.as_str());
        }
        items.push(item);
    }
    atom.push_str("</feed>\n");
    let mut json = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "authors": [{"name": title}],
        "items": items,
    });
    if !base.is_empty() {
        json["home_page_url"] = serde_json::Value::from(format!("{base}index.html"));
        json["feed_url"] = serde_json::Value::from(format!("{base}feed.json"));
    }
    let json = serde_json::to_string_pretty(&json).unwrap_or_default() + "\n";
    (atom, json)
}

/// An RFC 3339 time for a model time, which may be a date or lack a zone: a date gets
/// midnight, a wall-clock time is written as UTC (the feeds need a zone; the page shows
/// the time as the source gave it).
fn rfc3339(d: &str) -> String {
    match d.len() {
        4 => format!("{d}-01-01T00:00:00Z"),
        7 => format!("{d}-01T00:00:00Z"),
        10 => format!("{d}T00:00:00Z"),
        _ if d.ends_with('Z') || d[10..].contains('+') || d[10..].contains('-') => d.to_string(),
        _ => format!("{d}Z"),
    }
}

fn slugish(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// The width and height of a PNG, GIF or JPEG file, from its header.
pub(super) fn image_size(path: &Path) -> Option<(i64, i64)> {
    let mut head = vec![0u8; 64 * 1024];
    let n = std::fs::File::open(path).ok()?.read(&mut head).ok()?;
    let b = &head[..n];
    let be16 = |i: usize| {
        b.get(i..i + 2)
            .map(|s| i64::from(u16::from_be_bytes([s[0], s[1]])))
    };
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        let w = b.get(16..20)?;
        let h = b.get(20..24)?;
        return Some((
            i64::from(u32::from_be_bytes([w[0], w[1], w[2], w[3]])),
            i64::from(u32::from_be_bytes([h[0], h[1], h[2], h[3]])),
        ));
    }
    if b.starts_with(b"GIF8") {
        let s = b.get(6..10)?;
        return Some((
            i64::from(u16::from_le_bytes([s[0], s[1]])),
            i64::from(u16::from_le_bytes([s[2], s[3]])),
        ));
    }
    if b.starts_with(&[0xFF, 0xD8]) {
        let mut i = 2;
        while i + 9 < b.len() {
            if b[i] != 0xFF {
                i += 1;
                continue;
            }
            let marker = b[i + 1];
            if matches!(marker, 0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF) {
                return Some((be16(i + 7)?, be16(i + 5)?));
            }
            let len = usize::try_from(be16(i + 2)?).ok()?;
            i += 2 + len;
        }
    }
    None
}
