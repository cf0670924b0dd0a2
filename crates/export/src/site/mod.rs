//! `--format site`: one static website of the owner's public life on every platform.
//!
//! The site works from `file://` and from any static host under any sub-path: every link
//! is relative, and no page makes a request of its own (no CDN, font, script or picture
//! from elsewhere). It has:
//! - `index.html`: the owner's public profiles and the newest posts, then `page/N.html`;
//! - `archive/index.html`, `archive/YYYY/index.html`, `archive/YYYY/MM/index.html`;
//! - `posts/<slug>.html`: one permalink page per published post, with the thread around
//!   it that the site publishes (self-threads, reply chains, the owner's comments);
//! - `search.html`: client-side search over every published post (`search-index.js`);
//! - `feed.xml` (Atom 1.0) and `feed.json` (JSON Feed 1.1) of the newest posts;
//! - `media/<aa>/<sha256>.<ext>`: the owner's media attached to published posts, copied
//!   from the `--media-dir` of the import;
//! - `style.css` (light and dark, readable on a phone) and `search.js`.
//!
//! Pages are streamed: posts are read newest first and each page is written as soon as
//! it is complete, so memory stays flat however many posts there are. Output is
//! deterministic (no export time in it), and an export into the folder of an earlier one
//! rewrites only the files whose bytes changed (see [`freehold_store::output::Tree`]).

mod assets;
mod page;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use freehold_model::{Account, Post};

use freehold_store::{PostView, Store};

use crate::Error;
use crate::privacy::Summary;
use crate::published::{
    Entry, MediaFiles, Opened, Published, Publishing, Redaction, media_path, repost_target,
};
use crate::render::escape;
use freehold_store::output::Tree;
use page::{Card, Page};

/// Options of the site.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    /// What every publishing exit shares: the selection, `--include`, the media,
    /// `--force` and `--redact`.
    pub publishing: Publishing,
    /// The address the site will be published at (`https://example.org/me/`), for the
    /// feeds' absolute links and the home page's "new home" link; the pages themselves
    /// use relative links only.
    pub site_url: Option<String>,
    /// The site's title; by default the owner's name.
    pub title: Option<String>,
    /// Posts per timeline page.
    pub per_page: usize,
    /// Posts in the feeds.
    pub feed_size: usize,
}

impl Default for SiteOptions {
    fn default() -> Self {
        SiteOptions {
            publishing: Publishing::default(),
            site_url: None,
            title: None,
            per_page: 50,
            feed_size: 50,
        }
    }
}

/// What [`write_site`] did.
#[derive(Debug, Clone, Default)]
pub struct SiteReport {
    /// Published and withheld.
    pub summary: Summary,
    /// Files of the site.
    pub files: u64,
    /// Files written because they are new or changed.
    pub written: u64,
    /// Files of an earlier export that were removed.
    pub removed: u64,
    /// Media files copied into the site.
    pub media_copied: u64,
    /// Media of published posts that the archive did not hold, or that was not in the
    /// media folder: shown as a placeholder.
    pub media_missing: u64,
}

/// Writes the site of the database into the folder `out`.
///
/// ```no_run
/// use freehold_export::site::{SiteOptions, write_site};
/// let store = freehold_store::Store::open("freehold.sqlite".as_ref())?;
/// let report = write_site(&store, "site".as_ref(), &SiteOptions::default())?;
/// print!("{}", report.summary);
/// # Ok::<(), freehold_export::Error>(())
/// ```
pub fn write_site(store: &Store, out: &Path, options: &SiteOptions) -> Result<SiteReport, Error> {
    write_site_with_progress(store, out, options, &mut |_, _| {})
}

/// [`write_site`], calling `progress(posts written, posts to write)` as it goes (the
/// library never draws on a terminal; the CLI turns this into a bar).
pub fn write_site_with_progress(
    store: &Store,
    out: &Path,
    options: &SiteOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<SiteReport, Error> {
    // One state of the database for the whole site; pass 1 decides every post, newest
    // first, and remembers the published ones.
    let Opened {
        mut tree,
        published,
        media,
        redaction,
        snapshot: _snapshot,
    } = Opened::open(store, out, &options.publishing)?;
    let selected = options.publishing.selection.filter();
    let lang = published.language();
    let Published {
        owners,
        entries,
        index,
        summary,
    } = published;

    let title = options.title.clone().unwrap_or_else(|| site_title(&owners));
    // The published replies to each published post, oldest first.
    let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate().rev() {
        if let Some(parent) = e.in_reply_to.as_deref().filter(|p| index.contains_key(*p)) {
            children.entry(parent).or_default().push(i);
        }
    }
    let mut site = Site {
        store,
        options,
        tree: &mut tree,
        title,
        lang,
        media,
        media_missing: 0,
        authors: HashMap::new(),
        redaction,
    };

    // Pass 2: every post's card once, newest first, into its permalink page, its
    // timeline page, its month page, the search index and the feeds.
    let per_page = options.per_page.max(1);
    let pages = entries.len().div_ceil(per_page).max(1);
    let mut timeline: Vec<Card> = Vec::with_capacity(per_page);
    let mut month: Option<(String, Vec<Card>)> = None;
    let mut months: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut feed: Vec<Card> = Vec::new();
    let mut search = assets::SearchIndex::new();
    let profiles = site.profiles(&owners)?;
    let mut n = 0;
    store.for_each_post(&selected, |view| {
        let Some(&i) = index.get(&view.post.id) else {
            return Ok::<(), Error>(());
        };
        let entry = &entries[i];
        let card = site.card(&view, entry)?;
        // The permalink, with the published thread around the post.
        let replies = children
            .get(entry.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        let thread = site.thread(&view.post, &entries, &index, replies)?;
        let permalink = page::permalink(&card, &thread);
        site.write_page(
            &format!("posts/{}.html", entry.slug),
            &permalink,
            &card.title_text(),
        )?;
        search.add(&card);
        if feed.len() < options.feed_size {
            feed.push(card.clone());
        }
        // The month page.
        let key = entry
            .created_at
            .as_deref()
            .filter(|c| c.len() >= 7)
            .map_or_else(|| "undated".to_string(), |c| c[..7].to_string());
        if month.as_ref().is_some_and(|(k, _)| *k != key)
            && let Some((k, cards)) = month.take()
        {
            site.write_month(&k, &cards)?;
        }
        let (year, mon) = key.split_once('-').unwrap_or((key.as_str(), ""));
        *months
            .entry(year.to_string())
            .or_default()
            .entry(mon.to_string())
            .or_default() += 1;
        month
            .get_or_insert_with(|| (key.clone(), Vec::new()))
            .1
            .push(card.clone());
        // The timeline page.
        timeline.push(card);
        if timeline.len() == per_page || n + 1 == entries.len() {
            let number = n / per_page + 1;
            site.write_timeline(number, pages, &timeline, &profiles)?;
            timeline.clear();
        }
        n += 1;
        if n % 256 == 0 || n == entries.len() {
            progress(n as u64, entries.len() as u64);
        }
        Ok(())
    })?;
    if let Some((k, cards)) = month.take() {
        site.write_month(&k, &cards)?;
    }
    if entries.is_empty() {
        site.write_timeline(1, 1, &[], &profiles)?;
    }
    site.write_archive(&months)?;
    let search_page = page::search();
    site.write_page("search.html", &search_page, "Search")?;
    site.tree
        .write("search-index.js", search.finish().as_bytes())?;
    site.tree.write("search.js", assets::SEARCH_JS.as_bytes())?;
    site.tree.write("style.css", assets::STYLE_CSS.as_bytes())?;
    let (atom, json) = assets::feeds(&feed, &site.title, options.site_url.as_deref());
    site.tree.write("feed.xml", atom.as_bytes())?;
    site.tree.write("feed.json", json.as_bytes())?;
    let (media_copied, media_missing) = (site.media.copied, site.media_missing);
    let stats = tree.commit()?;
    Ok(SiteReport {
        summary,
        files: stats.files,
        written: stats.written,
        removed: stats.removed,
        media_copied,
        media_missing,
    })
}

struct Site<'a> {
    store: &'a Store,
    options: &'a SiteOptions,
    tree: &'a mut Tree,
    title: String,
    lang: String,
    media: MediaFiles,
    media_missing: u64,
    /// Authors met so far (nearly always the few owner accounts).
    authors: HashMap<String, Option<Account>>,
    /// `--redact third-parties`.
    redaction: Option<Redaction>,
}

impl Site<'_> {
    fn write_page(&mut self, path: &str, body: &Page, heading: &str) -> Result<(), Error> {
        let depth = path.matches('/').count();
        let html = page::document(&self.title, heading, &self.lang, depth, body);
        Ok(self.tree.write(path, html.as_bytes())?)
    }

    fn write_timeline(
        &mut self,
        number: usize,
        pages: usize,
        cards: &[Card],
        profiles: &Page,
    ) -> Result<(), Error> {
        let path = if number == 1 {
            "index.html".to_string()
        } else {
            format!("page/{number}.html")
        };
        let body = page::timeline(cards, number, pages, (number == 1).then_some(profiles));
        let heading = if number == 1 {
            self.title.clone()
        } else {
            format!("Page {number}")
        };
        self.write_page(&path, &body, &heading)
    }

    fn write_month(&mut self, key: &str, cards: &[Card]) -> Result<(), Error> {
        let path = match key.split_once('-') {
            Some((y, m)) => format!("archive/{y}/{m}/index.html"),
            None => format!("archive/{key}/index.html"),
        };
        let body = page::list(cards, &format!("Posts of {key}"));
        self.write_page(&path, &body, key)
    }

    fn write_archive(
        &mut self,
        months: &BTreeMap<String, BTreeMap<String, usize>>,
    ) -> Result<(), Error> {
        for (year, ms) in months {
            if year == "undated" {
                continue;
            }
            let body = page::year(year, ms);
            self.write_page(&format!("archive/{year}/index.html"), &body, year)?;
        }
        let body = page::archive(months);
        self.write_page("archive/index.html", &body, "Archive")
    }

    /// The home page's profiles: for each owner account, its public fields only.
    fn profiles(&mut self, owners: &[Account]) -> Result<Page, Error> {
        let mut out = Page::default();
        for account in owners {
            let fields = self.store.profile_fields(&account.id)?;
            let pick = |name: &str| {
                fields
                    .iter()
                    .filter(|f| f.field == name && f.ended_at.is_none())
                    .map(|f| f.value.clone())
                    .next()
            };
            let bio = pick("bio")
                .or_else(|| pick("headline"))
                .or_else(|| pick("summary"));
            let website = pick("website").filter(|w| crate::render::is_web_url(w));
            let avatar = self.avatar(account)?;
            out.push(&page::profile(
                account,
                bio.as_deref(),
                website.as_deref(),
                avatar.as_deref(),
            ));
        }
        if let Some(url) = self
            .options
            .site_url
            .as_deref()
            .filter(|u| crate::render::is_web_url(u))
        {
            out.push(&format!(
                "<p class=\"new-home\">This is my new home: <a href=\"{}\">{}</a></p>",
                escape(url),
                escape(url)
            ));
        }
        Ok(out)
    }

    fn avatar(&mut self, account: &Account) -> Result<Option<String>, Error> {
        let media = self.store.media_of("account", &account.id)?;
        for m in media.iter().filter(|m| m.kind == "photo") {
            if let Some(path) = self.copy_media(m)? {
                return Ok(Some(path));
            }
        }
        Ok(None)
    }

    /// Copies a media file into the site; its path there (from the root), or `None`.
    fn copy_media(&mut self, media: &freehold_model::Media) -> Result<Option<String>, Error> {
        self.media.copy(self.tree, media, media_path)
    }

    fn card(&mut self, view: &PostView, entry: &Entry) -> Result<Card, Error> {
        let author = match view.post.author_account.as_deref() {
            Some(id) => match self.authors.get(id) {
                Some(a) => a.clone(),
                None => {
                    let a = self.store.account(id)?;
                    self.authors.insert(id.to_string(), a.clone());
                    a
                }
            },
            None => None,
        };
        let repost = repost_target(self.store, view)?;
        // With --redact: pseudonyms for everyone but the owner, in the text, the
        // entities, the author line, a repost's "by" and the media descriptions.
        let redacted = match &self.redaction {
            Some(redaction) => {
                Some(redaction.post(self.store, view, author.clone(), repost.clone())?)
            }
            None => None,
        };
        let (view, author, repost) = match &redacted {
            Some(r) => (&r.view, r.author.clone(), r.repost.clone()),
            None => (view, author, repost),
        };
        let mut media = Vec::new();
        for (_, m) in &view.media {
            let local = self.copy_media(m)?;
            if local.is_none() {
                self.media_missing += 1;
            }
            let (width, height) = match (&local, m.width, m.height) {
                (_, Some(w), Some(h)) => (Some(w), Some(h)),
                (Some(rel), _, _) => assets::image_size(&self.tree.path_of(rel))
                    .map_or((None, None), |(w, h)| (Some(w), Some(h))),
                _ => (None, None),
            };
            media.push(page::MediaRef {
                kind: m.kind.clone(),
                local,
                remote: m.remote_url.clone(),
                width,
                height,
                alt: m.description.clone().or_else(|| m.title.clone()),
            });
        }
        Ok(Card::new(view, &entry.slug, author.as_ref(), media, repost))
    }

    /// The published posts around `post`: the chain of published posts it replies to,
    /// and the published replies to it.
    fn thread(
        &mut self,
        post: &Post,
        entries: &[Entry],
        index: &HashMap<String, usize>,
        replies: &[usize],
    ) -> Result<(Vec<Card>, Vec<Card>), Error> {
        let mut before = Vec::new();
        let mut parent = post.in_reply_to.as_deref();
        while let Some(&i) = parent.and_then(|p| index.get(p)) {
            if before.len() >= 50 {
                break;
            }
            let entry = &entries[i];
            if let Some(view) = self.store.post(&entry.id)? {
                before.push(self.card(&view, entry)?);
            }
            parent = entry.in_reply_to.as_deref();
        }
        before.reverse();
        let mut after = Vec::new();
        for &i in replies {
            if let Some(view) = self.store.post(&entries[i].id)? {
                after.push(self.card(&view, &entries[i])?);
            }
        }
        Ok((before, after))
    }
}

fn site_title(owners: &[Account]) -> String {
    owners
        .iter()
        .find_map(|a| a.display_name.clone().or_else(|| a.handle.clone()))
        .unwrap_or_else(|| "My archive".to_string())
}
