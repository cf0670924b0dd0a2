//! What every publishing format shares: the published posts in order (each post judged
//! once by the [`Policy`]), the owner's media copied from `--media-dir`, reposts as links
//! to their original, and titles and plain text made from a post's words.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use freehold_model::{Account, Media, Post};
use freehold_store::output::{Protected, Tree};
use freehold_store::{PostFilter, PostOrder, PostView, ReadSnapshot, Store};

use crate::privacy::{Include, Policy, Reason, Redactor, Summary};
use crate::{Error, Selection};

/// One published post: what a format needs to place it and link to it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The post's id.
    pub id: String,
    /// A file-name-safe slug, unique within the export.
    pub slug: String,
    /// When it was published.
    pub created_at: Option<String>,
    /// Its kind (`tweet`, `comment`, ...).
    pub kind: String,
    /// The post it replies to.
    pub in_reply_to: Option<String>,
    /// Its language tag, when the platform gave a usable one.
    pub lang: Option<String>,
}

/// The published posts, newest first, with the summary of what was withheld.
#[derive(Debug, Clone, Default)]
pub struct Published {
    /// The owner accounts.
    pub owners: Vec<Account>,
    /// The published posts, newest first (undated last).
    pub entries: Vec<Entry>,
    /// Position in `entries` by post id.
    pub index: HashMap<String, usize>,
    /// Published and withheld.
    pub summary: Summary,
}

impl Published {
    /// Judges every post of the database by `include` and `selection`.
    pub fn read(
        store: &Store,
        selection: &Selection,
        include: Include,
    ) -> Result<Published, Error> {
        let owners: Vec<Account> = store.owners()?;
        let mut policy = Policy::new(include, owners.iter().map(|a| a.id.clone()));
        let selected = selection.filter();
        let all = store.count_posts(&PostFilter::default())?;
        let mut entries: Vec<Entry> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut slugs: HashMap<String, usize> = HashMap::new();
        let mut in_selection = 0u64;
        store.for_each_post_plain(&selected, |post| {
            in_selection += 1;
            let parent_author = if post.kind == "comment" {
                post.in_reply_to
                    .as_deref()
                    .map(|p| store.post_author(p))
                    .transpose()?
            } else {
                None
            };
            let parent_author = parent_author.map(|a| a.flatten());
            match policy.judge(&post, parent_author.as_ref().map(|a| a.as_deref())) {
                Some(reason) => policy.count_withheld(reason, 1),
                None => {
                    policy.count_published();
                    let slug = unique_slug(&post.id, &mut slugs);
                    index.insert(post.id.clone(), entries.len());
                    entries.push(Entry {
                        id: post.id,
                        slug,
                        created_at: post.created_at,
                        kind: post.kind,
                        in_reply_to: post.in_reply_to,
                        lang: post.lang.filter(|l| is_lang_tag(l)),
                    });
                }
            }
            Ok(())
        })?;
        if all > in_selection {
            policy.count_withheld(Reason::NotSelected, all - in_selection);
        }
        let mut summary = policy.summary();
        summary.messages_withheld = store.count_rows("messages")?;
        Ok(Published {
            owners,
            entries,
            index,
            summary,
        })
    }

    /// Whether a post is published.
    pub fn contains(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }

    /// The language most published posts are in, else `und`.
    pub fn language(&self) -> String {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for lang in self.entries.iter().filter_map(|e| e.lang.as_deref()) {
            *counts.entry(lang).or_default() += 1;
        }
        counts
            .into_iter()
            .max_by_key(|(l, n)| (*n, std::cmp::Reverse(*l)))
            .map_or_else(|| "und".to_string(), |(l, _)| l.to_string())
    }
}

/// A usable `lang` value: a BCP 47-looking tag, not "undetermined" or "no language".
fn is_lang_tag(l: &str) -> bool {
    !l.is_empty()
        && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && l != "und"
        && l != "zxx"
}

/// A file name for a post: its id with everything but letters, digits and `-` turned
/// into `-` (`tw:post:123` → `tw-post-123`), made unique.
fn unique_slug(id: &str, seen: &mut HashMap<String, usize>) -> String {
    let mut slug: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if slug.len() > 100 {
        slug = format!("{}-{}", &slug[..80], freehold_model::id::hash_parts(&[id]));
    }
    let n = seen.entry(slug.clone()).or_default();
    *n += 1;
    if *n > 1 {
        format!("{slug}-{}", freehold_model::id::hash_parts(&[id]))
    } else {
        slug
    }
}

/// The options every publishing exit shares (the site, WXR, Markdown, ActivityStreams):
/// which posts, the widenings of the privacy rules, where the media are, whether an
/// existing output may be replaced, and `--redact third-parties`.
#[derive(Debug, Clone, Default)]
pub struct Publishing {
    /// Whose posts, which platforms and dates.
    pub selection: Selection,
    /// The widenings of the privacy rules (`--include`).
    pub include: Include,
    /// The `--media-dir` the archives were imported with, to copy media from.
    pub media_dir: Option<PathBuf>,
    /// Write into a non-empty folder that freehold did not make.
    pub force: bool,
    /// `--redact third-parties`: pseudonyms for everyone but the owner.
    pub redact: Option<Redactor>,
}

/// What every publishing exit holds while it writes: one read snapshot of the
/// database, the output tree (which refuses the database and the media folder as
/// targets), the judged posts, the media to copy and the redaction, if any.
pub(crate) struct Opened<'s> {
    /// Where the files go.
    pub(crate) tree: Tree,
    /// The posts that are published, and the summary of those withheld.
    pub(crate) published: Published,
    /// The media files, copied from the import's media folder.
    pub(crate) media: MediaFiles,
    /// `--redact third-parties`, bound to the owners.
    pub(crate) redaction: Option<Redaction>,
    /// Held to the end (bind it, `snapshot: _snapshot`), so every file is written from
    /// the same state of the database.
    pub(crate) snapshot: ReadSnapshot<'s>,
}

impl<'s> Opened<'s> {
    /// Takes the snapshot, creates the tree at `out` and judges the posts, by the
    /// options every publishing exit shares.
    pub(crate) fn open(
        store: &'s Store,
        out: &Path,
        options: &Publishing,
    ) -> Result<Opened<'s>, Error> {
        let snapshot = store.read_snapshot()?;
        let mut protected = Protected::database(store.path());
        if let Some(media) = &options.media_dir {
            protected.add(media);
        }
        let tree = Tree::create(out, &protected, options.force)?;
        let published = Published::read(store, &options.selection, options.include)?;
        let redaction = options
            .redact
            .clone()
            .map(|r| Redaction::new(r, &published.owners));
        Ok(Opened {
            tree,
            published,
            media: MediaFiles::new(options.media_dir.clone()),
            redaction,
            snapshot,
        })
    }
}

impl Published {
    /// Calls `f` with each published post of `selection`, its position in `entries` and
    /// its entry, in `order` (the posts that are not published are passed over).
    pub(crate) fn for_each(
        &self,
        store: &Store,
        selection: &Selection,
        order: PostOrder,
        mut f: impl FnMut(usize, &Entry, PostView) -> Result<(), Error>,
    ) -> Result<(), Error> {
        store.for_each_post_in(&selection.filter(), order, |view| -> Result<(), Error> {
            match self.index.get(&view.post.id) {
                Some(&i) => f(i, &self.entries[i], view),
                None => Ok(()),
            }
        })
    }
}

/// `--redact third-parties` for a publishing exit: what it writes about one post with
/// everyone but the owner pseudonymised (one function for the site, WXR, Markdown and
/// ActivityStreams, so all four mask alike).
#[derive(Debug, Clone)]
pub(crate) struct Redaction {
    redactor: Redactor,
    owner_ids: HashSet<String>,
    owner_handles: Vec<String>,
}

/// A post as a publishing exit writes it under `--redact third-parties`.
#[derive(Debug, Clone)]
pub(crate) struct Redacted {
    /// The post with its text, title, media descriptions and mention entities masked
    /// (a mention's `value` is the pseudonym, for someone who is not the owner).
    pub(crate) view: PostView,
    /// Its author, pseudonymised when not the owner.
    pub(crate) author: Option<Account>,
    /// The repost's original address and "by", masked.
    pub(crate) repost: Option<(String, Option<String>)>,
}

impl Redaction {
    /// A redaction by `redactor` that leaves the accounts `owners` as they are.
    pub(crate) fn new(redactor: Redactor, owners: &[Account]) -> Redaction {
        Redaction {
            redactor,
            owner_ids: owners.iter().map(|a| a.id.clone()).collect(),
            owner_handles: owners.iter().filter_map(|a| a.handle.clone()).collect(),
        }
    }

    /// Whether `id` is one of the owner's accounts.
    pub(crate) fn is_owner(&self, id: Option<&str>) -> bool {
        id.is_some_and(|id| self.owner_ids.contains(id))
    }

    /// The pseudonym of an account (by its id).
    pub(crate) fn pseudonym(&self, who: &str) -> String {
        self.redactor.pseudonym(who)
    }

    /// `text` with the `names` masked and X profile addresses of others pseudonymised.
    pub(crate) fn text(&self, text: &str, names: &[(String, String)]) -> String {
        self.redactor
            .mask_profile_urls(&self.redactor.mask(text, names), &self.owner_handles)
    }

    /// `view` as it may be written: pseudonyms in the mention entities, the author and a
    /// repost's "by"; their handles and names masked in the text, title and media
    /// descriptions; X profile addresses of others masked in the text and addresses.
    /// (A mention entity keeps its `account_id`, which no publishing exit writes.)
    pub(crate) fn post(
        &self,
        store: &Store,
        view: &PostView,
        author: Option<Account>,
        repost: Option<(String, Option<String>)>,
    ) -> Result<Redacted, Error> {
        let redactor = &self.redactor;
        let mut names: Vec<(String, String)> = Vec::new();
        let mut masked = view.clone();
        for e in &mut masked.entities {
            if e.kind != "mention" || self.is_owner(e.account_id.as_deref()) {
                continue;
            }
            let who = e.account_id.clone().unwrap_or_else(|| e.value.clone());
            let p = redactor.pseudonym(&who);
            names.push((format!("@{}", e.value), format!("@{p}")));
            if let Some(id) = &e.account_id
                && let Some(name) = store.account(id)?.and_then(|a| a.display_name)
            {
                names.push((name, p.clone()));
            }
            e.value = p;
        }
        let author = match author {
            Some(a) if !self.is_owner(Some(&a.id)) => {
                let p = redactor.pseudonym(&a.id);
                for n in [a.handle.clone(), a.display_name.clone()]
                    .into_iter()
                    .flatten()
                {
                    names.push((n, p.clone()));
                }
                Some(Account {
                    handle: Some(p.clone()),
                    display_name: Some(p),
                    profile_url: None,
                    ..a
                })
            }
            other => other,
        };
        masked.post.text = masked.post.text.map(|t| self.text(&t, &names));
        masked.post.title = masked.post.title.map(|t| redactor.mask(&t, &names));
        masked.post.url = masked
            .post
            .url
            .map(|u| redactor.mask_profile_urls(&u, &self.owner_handles));
        for (_, m) in &mut masked.media {
            m.description = m.description.take().map(|t| self.text(&t, &names));
            m.title = m.title.take().map(|t| self.text(&t, &names));
        }
        let repost = repost.map(|(url, by)| {
            (
                redactor.mask_profile_urls(&url, &self.owner_handles),
                by.map(|b| redactor.mask(&b, &names)),
            )
        });
        Ok(Redacted {
            view: masked,
            author,
            repost,
        })
    }
}

/// A repost's original address and the name of its author, if known.
pub(crate) type RepostTarget = (String, Option<String>);

/// A post and its repost target ([`repost_target`]) as a publishing exit writes them:
/// through `redaction` when there is one.
pub(crate) fn view_to_write(
    redaction: Option<&Redaction>,
    store: &Store,
    view: PostView,
) -> Result<(PostView, Option<RepostTarget>), Error> {
    let target = repost_target(store, &view)?;
    match redaction {
        Some(r) => {
            let r = r.post(store, &view, None, target)?;
            Ok((r.view, r.repost))
        }
        None => Ok((view, target)),
    }
}

/// Copies the owner's media from the `--media-dir` of the import into an export, each
/// file once.
#[derive(Debug, Default)]
pub(crate) struct MediaFiles {
    dir: Option<PathBuf>,
    done: HashSet<String>,
    /// Files copied.
    pub copied: u64,
}

impl MediaFiles {
    pub(crate) fn new(dir: Option<PathBuf>) -> MediaFiles {
        MediaFiles {
            dir,
            ..MediaFiles::default()
        }
    }

    /// The stored file of `media`, with its file name (`<sha256>.<ext>`), when the
    /// media folder holds it.
    pub(crate) fn source(&self, media: &Media) -> Option<(PathBuf, String)> {
        let (dir, sha) = (self.dir.as_deref()?, media.sha256.as_deref()?);
        let source = freehold_store::stored_media_path(dir, sha, media.archive_path.as_deref())?;
        if !source.is_file() {
            return None;
        }
        let name = source.file_name()?.to_string_lossy().into_owned();
        Some((source, name))
    }

    /// Copies `media` to the path `place(name)` of `tree`; that path, or `None` when the
    /// file is not available.
    pub(crate) fn copy(
        &mut self,
        tree: &mut Tree,
        media: &Media,
        place: impl FnOnce(&str) -> String,
    ) -> Result<Option<String>, Error> {
        let Some((source, name)) = self.source(media) else {
            return Ok(None);
        };
        let rel = place(&name);
        if self.done.insert(rel.clone()) {
            tree.copy(&rel, &source)?;
            self.copied += 1;
        }
        Ok(Some(rel))
    }
}

/// `media/<aa>/<sha256>.<ext>`: where the site and WXR put a media file.
pub(crate) fn media_path(name: &str) -> String {
    format!("media/{}/{name}", &name[..2.min(name.len())])
}

/// For a repost: the original's address and author, never its text.
pub(crate) fn repost_target(
    store: &Store,
    view: &PostView,
) -> Result<Option<(String, Option<String>)>, Error> {
    let post = &view.post;
    // X writes a retweet as `RT @author: …` with the author as its first mention.
    let mentioned = || {
        view.entities
            .iter()
            .find(|e| e.kind == "mention")
            .map(|e| format!("@{}", e.value))
    };
    let Some(original) = post.repost_of.as_deref() else {
        if post.kind == "repost" {
            return Ok(post.url.clone().map(|u| (u, mentioned())));
        }
        return Ok(None);
    };
    let stored = store.post(original)?;
    let url = stored
        .as_ref()
        .and_then(|v| v.post.url.clone())
        .or_else(|| {
            freehold_model::id::Ids::TWITTER
                .native("post", original)
                .map(|id| format!("https://x.com/i/web/status/{id}"))
        })
        .or_else(|| post.url.clone());
    let by = match stored.and_then(|v| v.post.author_account) {
        Some(a) => store
            .account(&a)?
            .and_then(|a| a.handle.map(|h| format!("@{h}")).or(a.display_name)),
        None => None,
    }
    .or_else(mentioned);
    Ok(url.map(|u| (u, by)))
}

/// The name of a platform as people know it.
pub(crate) fn platform_name(platform: &str) -> &str {
    match platform {
        "twitter" => "X",
        "facebook" => "Facebook",
        "linkedin" => "LinkedIn",
        "hyves" => "Hyves",
        other => other,
    }
}

/// The words of a post without markup.
pub(crate) fn plain_text(post: &Post) -> String {
    let text = post.text.as_deref().unwrap_or("");
    match post.text_format.as_deref() {
        Some("html") | Some("hyves-markup") => {
            let html = crate::render::text_html(text, post.text_format.as_deref(), &post.platform);
            let doc = scraper::Html::parse_fragment(&html.replace("<br>", " <br>"));
            doc.root_element().text().collect::<String>()
        }
        _ => text.to_string(),
    }
}

/// A title: the post's own (articles, blogs, notes), else its first words (at most
/// eight, and 60 characters), else the platform and date.
pub(crate) fn title(post: &Post) -> String {
    let repost = post.kind == "repost" || post.repost_of.is_some();
    // Facebook's titles are captions it made ("X updated her status."), except a note's.
    let own_title = post.platform != "facebook" || post.kind == "note";
    if let Some(t) = post
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty() && own_title)
    {
        return t.to_string();
    }
    // A repost's words are someone else's: never its title.
    let plain = if repost {
        String::new()
    } else {
        plain_text(post)
    };
    let mut out = String::new();
    let mut words = 0;
    let mut cut = false;
    for word in plain.split_whitespace() {
        if word.starts_with("http://") || word.starts_with("https://") {
            continue;
        }
        if words == 8 || out.chars().count() + word.chars().count() > 60 {
            cut = true;
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        words += 1;
    }
    if out.is_empty() {
        // A single very long word, or none.
        out = plain
            .split_whitespace()
            .find(|w| !w.starts_with("http"))
            .map(|w| w.chars().take(60).collect())
            .unwrap_or_default();
        cut = !out.is_empty();
    }
    if out.is_empty() {
        let kind = if repost { "Repost" } else { "Post" };
        return match post.created_at.as_deref() {
            Some(d) => format!(
                "{kind} on {} of {}",
                platform_name(&post.platform),
                &d[..d.len().min(10)]
            ),
            None => format!("{kind} on {}", platform_name(&post.platform)),
        };
    }
    if cut {
        out.push('…');
    }
    out
}

/// `created_at` as RFC 3339 with a full time (`2024-01` becomes `2024-01-01T00:00:00Z`).
pub(crate) fn rfc3339(created_at: &str) -> Option<String> {
    if let Some(t) = freehold_model::time::from_rfc3339(created_at) {
        return Some(t);
    }
    let pad = "0000-01-01T00:00:00Z";
    let base = created_at.trim_end_matches('Z');
    if base.len() >= pad.len() - 1 || !base.bytes().next()?.is_ascii_digit() {
        return None;
    }
    let full = format!("{base}{}", &pad[base.len()..]);
    freehold_model::time::from_rfc3339(&full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_the_first_words() {
        let mut post = Post {
            id: "p".into(),
            platform: "twitter".into(),
            kind: "tweet".into(),
            text: Some("Een twee drie vier vijf zes zeven acht negen https://x.example".into()),
            created_at: Some("2020-01-02T03:04:05Z".into()),
            ..Post::default()
        };
        assert_eq!(title(&post), "Een twee drie vier vijf zes zeven acht…");
        post.text = Some("https://x.example".into());
        assert_eq!(title(&post), "Post on X of 2020-01-02");
        post.title = Some(" Mijn artikel ".into());
        assert_eq!(title(&post), "Mijn artikel");
        assert_eq!(rfc3339("2024-01").as_deref(), Some("2024-01-01T00:00:00Z"));
        assert_eq!(rfc3339("2024").as_deref(), Some("2024-01-01T00:00:00Z"));
        assert_eq!(
            rfc3339("2024-03-04T05:06:07.5Z").as_deref(),
            Some("2024-03-04T05:06:07.500Z")
        );
    }
}
