//! The site's HTML: a post's card, and the pages made of cards. Every link is relative to
//! the page: cards are written once with links from the site's root, marked with
//! [`ROOT`], which [`document`] replaces by `../` as many times as the page is deep.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use freehold_model::Account;
use freehold_store::PostView;

use crate::published::platform_name;
use crate::render::{escape, is_web_url, text_html};

/// Stands for the path from a page to the site's root in links written before the
/// page's depth is known. A character no archive text reaches unescaped.
pub(super) const ROOT: &str = "\u{1}ROOT\u{1}";

/// A piece of HTML with root-relative links.
#[derive(Debug, Clone, Default)]
pub(super) struct Page {
    html: String,
}

impl Page {
    pub(super) fn push(&mut self, html: &str) {
        self.html.push_str(html);
    }
}

/// A medium shown in a card.
#[derive(Debug, Clone)]
pub(super) struct MediaRef {
    pub kind: String,
    /// Its copy in the site, from the root.
    pub local: Option<String>,
    pub remote: Option<String>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub alt: Option<String>,
}

/// One post as it appears in lists and on its page.
#[derive(Debug, Clone)]
pub(super) struct Card {
    pub slug: String,
    pub html: String,
    /// For search and feeds.
    pub title: Option<String>,
    pub plain: String,
    pub date: Option<String>,
    pub platform: String,
    pub original: Option<String>,
}

impl Card {
    pub(super) fn new(
        view: &PostView,
        slug: &str,
        author: Option<&Account>,
        media: Vec<MediaRef>,
        repost: Option<(String, Option<String>)>,
    ) -> Card {
        let post = &view.post;
        let mut html = String::new();
        let _ = write!(
            html,
            "<article class=\"post {}\" lang=\"{}\">",
            escape(&post.platform),
            escape(
                post.lang
                    .as_deref()
                    .filter(|l| l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                        && !l.is_empty())
                    .unwrap_or("und")
            )
        );
        if let Some(title) = post.title.as_deref().filter(|t| !t.trim().is_empty()) {
            let _ = write!(
                html,
                "<h2><a href=\"{ROOT}posts/{slug}.html\">{}</a></h2>",
                escape(title)
            );
        }
        let plain;
        if let Some((url, by)) = &repost {
            // Someone else's words are not copied: a link to the original.
            let whom = by
                .as_deref()
                .map(|b| format!(" by {}", escape(b)))
                .unwrap_or_default();
            let link = if is_web_url(url) {
                format!("<a href=\"{}\">a post{whom}</a>", escape(url))
            } else {
                format!("a post{whom}")
            };
            let _ = write!(html, "<p class=\"repost\">Reposted {link}</p>");
            plain = format!(
                "Reposted a post{}",
                by.as_ref().map(|b| format!(" by {b}")).unwrap_or_default()
            );
        } else {
            let text = post.text.as_deref().unwrap_or("");
            if !text.is_empty() {
                let _ = write!(
                    html,
                    "<div class=\"text\">{}</div>",
                    text_html(text, post.text_format.as_deref(), &post.platform)
                );
            }
            plain = match post.text_format.as_deref() {
                Some("hyves-markup") => freehold_model::markup::to_plain_text(text),
                Some("html") => strip_tags(text),
                _ => text.to_string(),
            };
        }
        if !media.is_empty() {
            html.push_str("<div class=\"media\">");
            for m in &media {
                media_html(&mut html, m);
            }
            html.push_str("</div>");
        }
        html.push_str("<footer>");
        let date = post.created_at.clone();
        let shown = date
            .as_deref()
            .map(display_date)
            .unwrap_or_else(|| "undated".into());
        let _ = write!(
            html,
            "<a class=\"permalink\" href=\"{ROOT}posts/{slug}.html\"><time{}>{}</time></a>",
            date.as_deref()
                .map(|d| format!(" datetime=\"{}\"", escape(d)))
                .unwrap_or_default(),
            escape(&shown)
        );
        let _ = write!(html, " · {}", escape(platform_name(&post.platform)));
        if let Some(a) = author
            && let Some(h) = a.handle.as_deref()
        {
            let _ = write!(html, " · @{}", escape(h));
        }
        let original = post.url.clone().filter(|u| is_web_url(u));
        if let Some(url) = &original {
            let _ = write!(
                html,
                " · <a class=\"original\" href=\"{}\">original</a>",
                escape(url)
            );
        }
        html.push_str("</footer></article>\n");
        Card {
            slug: slug.to_string(),
            html,
            title: post.title.clone().filter(|t| !t.trim().is_empty()),
            plain,
            date,
            platform: post.platform.clone(),
            original,
        }
    }

    /// A short title for the page and the feeds: the title, else the first words.
    pub(super) fn title_text(&self) -> String {
        if let Some(t) = &self.title {
            return t.clone();
        }
        let words: String = self.plain.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut out: String = words.chars().take(70).collect();
        if words.chars().count() > 70 {
            out.push('…');
        }
        if out.is_empty() {
            format!("Post on {}", platform_name(&self.platform))
        } else {
            out
        }
    }
}

fn media_html(out: &mut String, m: &MediaRef) {
    let alt = escape(m.alt.as_deref().unwrap_or(""));
    let size = match (m.width, m.height) {
        (Some(w), Some(h)) if w > 0 && h > 0 => format!(" width=\"{w}\" height=\"{h}\""),
        _ => String::new(),
    };
    match (&m.local, m.kind.as_str()) {
        (Some(src), "video" | "gif" | "animated_gif") => {
            let _ = write!(
                out,
                "<video controls preload=\"none\" src=\"{ROOT}{}\"{size}>{alt}</video>",
                escape(src)
            );
        }
        (Some(src), "audio") => {
            let _ = write!(
                out,
                "<audio controls preload=\"none\" src=\"{ROOT}{}\"></audio>",
                escape(src)
            );
        }
        (Some(src), "photo" | "image") => {
            let _ = write!(
                out,
                "<a href=\"{ROOT}{0}\"><img src=\"{ROOT}{0}\" alt=\"{alt}\"{size} loading=\"lazy\"></a>",
                escape(src)
            );
        }
        (Some(src), _) => {
            let _ = write!(
                out,
                "<a class=\"file\" href=\"{ROOT}{}\">{}</a>",
                escape(src),
                if alt.is_empty() {
                    "attached file".to_string()
                } else {
                    alt.clone()
                }
            );
        }
        (None, _) => {
            let what = match m.kind.as_str() {
                "video" | "gif" | "animated_gif" => "A video",
                "photo" | "image" => "A photo",
                _ => "A file",
            };
            let link = m
                .remote
                .as_deref()
                .filter(|u| is_web_url(u))
                .map(|u| {
                    format!(
                        " (it was at <a href=\"{}\">its address on the platform</a>)",
                        escape(u)
                    )
                })
                .unwrap_or_default();
            let _ = write!(
                out,
                "<p class=\"missing\">{what} that the archive did not include{link}.</p>"
            );
        }
    }
}

/// `2024-02-10 10:00` from `2024-02-10T10:00:00Z`; shorter dates as they are.
fn display_date(d: &str) -> String {
    let d = d.trim_end_matches('Z');
    match d.split_once('T') {
        Some((day, time)) => format!("{day} {}", &time[..time.len().min(5)]),
        None => d.to_string(),
    }
}

fn strip_tags(html: &str) -> String {
    let doc = scraper::Html::parse_fragment(html);
    doc.root_element().text().collect::<Vec<_>>().join(" ")
}

/// A whole page: `depth` folders below the root.
pub(super) fn document(site: &str, heading: &str, lang: &str, depth: usize, body: &Page) -> String {
    let root = "../".repeat(depth);
    let title = if heading == site {
        escape(site)
    } else {
        format!("{} · {}", escape(heading), escape(site))
    };
    let mut out = String::with_capacity(body.html.len() + 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"freehold\">\n<title>{title}</title>\n<link rel=\"stylesheet\" href=\"{ROOT}style.css\">\n<link rel=\"alternate\" type=\"application/atom+xml\" href=\"{ROOT}feed.xml\" title=\"Atom\">\n<link rel=\"alternate\" type=\"application/feed+json\" href=\"{ROOT}feed.json\" title=\"JSON Feed\">\n</head>\n<body>\n<header class=\"site\"><a class=\"home\" href=\"{ROOT}index.html\">{}</a>\n<nav><a href=\"{ROOT}index.html\">Timeline</a> <a href=\"{ROOT}archive/index.html\">Archive</a> <a href=\"{ROOT}search.html\">Search</a> <a href=\"{ROOT}feed.xml\">Feed</a></nav></header>\n<main>\n",
        escape(lang),
        escape(site)
    );
    out.push_str(&body.html);
    out.push_str("</main>\n<footer class=\"site\"><p>Made with freehold from the owner's own archives.</p></footer>\n</body>\n</html>\n");
    out.replace(ROOT, &root)
}

/// The permalink page of a post, with its thread.
pub(super) fn permalink(card: &Card, thread: &(Vec<Card>, Vec<Card>)) -> Page {
    let mut p = Page::default();
    if !thread.0.is_empty() {
        p.push("<section class=\"thread before\" aria-label=\"Earlier in the thread\">");
        for c in &thread.0 {
            p.push(&c.html);
        }
        p.push("</section>");
    }
    p.push("<section class=\"focus\">");
    p.push(&card.html);
    p.push("</section>");
    if !thread.1.is_empty() {
        p.push("<section class=\"thread after\" aria-label=\"Replies\"><h2>Replies</h2>");
        for c in &thread.1 {
            p.push(&c.html);
        }
        p.push("</section>");
    }
    p
}

/// A timeline page, with pagination, and the profiles on the first.
pub(super) fn timeline(
    cards: &[Card],
    number: usize,
    pages: usize,
    profiles: Option<&Page>,
) -> Page {
    let mut p = Page::default();
    if let Some(profiles) = profiles {
        p.push("<section class=\"profiles\">");
        p.push(&profiles.html);
        p.push("</section>");
    }
    if cards.is_empty() {
        p.push("<p>No public posts to show.</p>");
    }
    p.push("<section class=\"timeline\">");
    for c in cards {
        p.push(&c.html);
    }
    p.push("</section>");
    let page_href = |n: usize| {
        if n == 1 {
            format!("{ROOT}index.html")
        } else {
            format!("{ROOT}page/{n}.html")
        }
    };
    if pages > 1 {
        let mut nav = String::from("<nav class=\"pages\">");
        if number > 1 {
            let _ = write!(
                nav,
                "<a rel=\"prev\" href=\"{}\">Newer</a> ",
                page_href(number - 1)
            );
        }
        let _ = write!(nav, "<span>Page {number} of {pages}</span>");
        if number < pages {
            let _ = write!(
                nav,
                " <a rel=\"next\" href=\"{}\">Older</a>",
                page_href(number + 1)
            );
        }
        nav.push_str("</nav>");
        p.push(&nav);
    }
    p
}

/// A list of cards under a heading.
pub(super) fn list(cards: &[Card], heading: &str) -> Page {
    let mut p = Page::default();
    p.push(&format!("<h1>{}</h1>", escape(heading)));
    for c in cards {
        p.push(&c.html);
    }
    p
}

/// A year's page: its months.
pub(super) fn year(year: &str, months: &BTreeMap<String, usize>) -> Page {
    let mut p = Page::default();
    p.push(&format!("<h1>{}</h1><ul class=\"months\">", escape(year)));
    for (m, n) in months.iter().rev() {
        p.push(&format!(
            "<li><a href=\"{ROOT}archive/{0}/{1}/index.html\">{0}-{1}</a> ({n})</li>",
            escape(year),
            escape(m)
        ));
    }
    p.push("</ul>");
    p
}

/// The archive: every year and month.
pub(super) fn archive(months: &BTreeMap<String, BTreeMap<String, usize>>) -> Page {
    let mut p = Page::default();
    p.push("<h1>Archive</h1>");
    for (year, ms) in months.iter().rev() {
        if year == "undated" {
            p.push(&format!(
                "<h2><a href=\"{ROOT}archive/undated/index.html\">Undated</a></h2>"
            ));
            continue;
        }
        let total: usize = ms.values().sum();
        p.push(&format!(
            "<h2><a href=\"{ROOT}archive/{0}/index.html\">{0}</a> ({total})</h2><ul class=\"months\">",
            escape(year)
        ));
        for (m, n) in ms.iter().rev() {
            p.push(&format!(
                "<li><a href=\"{ROOT}archive/{0}/{1}/index.html\">{1}</a> ({n})</li>",
                escape(year),
                escape(m)
            ));
        }
        p.push("</ul>");
    }
    p
}

/// The search page; `search.js` does the work over `search-index.js`.
pub(super) fn search() -> Page {
    let mut p = Page::default();
    p.push(&format!(
        "<h1>Search</h1>\n<form class=\"search\" role=\"search\" onsubmit=\"return false\"><label for=\"q\">Words to find</label> <input id=\"q\" type=\"search\" autocomplete=\"off\" autofocus></form>\n<p id=\"count\" aria-live=\"polite\"></p>\n<ol id=\"results\"></ol>\n<noscript><p>Search needs JavaScript; the <a href=\"{ROOT}archive/index.html\">archive</a> lists every post.</p></noscript>\n<script src=\"{ROOT}search-index.js\"></script>\n<script src=\"{ROOT}search.js\"></script>\n"
    ));
    p
}

/// One owner account on the home page: only its public profile.
pub(super) fn profile(
    account: &Account,
    bio: Option<&str>,
    website: Option<&str>,
    avatar: Option<&str>,
) -> String {
    let mut out = String::from("<div class=\"profile\">");
    if let Some(src) = avatar {
        let _ = write!(
            out,
            "<img class=\"avatar\" src=\"{ROOT}{}\" alt=\"\" width=\"64\" height=\"64\">",
            escape(src)
        );
    }
    let name = account
        .display_name
        .as_deref()
        .or(account.handle.as_deref())
        .unwrap_or("Me");
    let _ = write!(
        out,
        "<h2>{}</h2><p class=\"where\">{}",
        escape(name),
        escape(platform_name(&account.platform))
    );
    if let Some(h) = &account.handle {
        let _ = write!(out, " · @{}", escape(h));
    }
    if let Some(url) = account.profile_url.as_deref().filter(|u| is_web_url(u)) {
        let _ = write!(out, " · <a href=\"{}\">profile</a>", escape(url));
    }
    out.push_str("</p>");
    if let Some(bio) = bio {
        let _ = write!(
            out,
            "<p class=\"bio\">{}</p>",
            text_html(
                bio,
                (account.platform == "hyves").then_some("hyves-markup"),
                &account.platform
            )
        );
    }
    if let Some(w) = website {
        let _ = write!(
            out,
            "<p class=\"website\"><a href=\"{}\">{}</a></p>",
            escape(w),
            escape(w)
        );
    }
    out.push_str("</div>");
    out
}
