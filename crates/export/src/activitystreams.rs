//! `--format activitystreams`: the owner's public posts in the layout of Mastodon's own
//! account archive (see `shared/formats/exits.md`), valid JSON-LD against the
//! ActivityStreams 2.0 context alone:
//! - `outbox.json`: an `OrderedCollection` of `Create` activities with `Note` objects
//!   (oldest first), and `Announce` for reposts of public posts (the original's address,
//!   never its text); `to` Public and `cc` the followers, as Mastodon writes a public post;
//! - `actor.json`: the owner's `Person` (public profile only), `likes.json`,
//!   `bookmarks.json` (empty: the archives hold no bookmarks);
//! - `media_attachments/files/<aa>/<sha256>.<ext>`: the owner's media of those posts;
//! - with `--include graph`: `likes.json` filled, `following_accounts.csv` (Mastodon's
//!   import header) for every followed or connected account whose fediverse address
//!   (`user@domain`) the archive reveals, `fediverse-evidence.csv` with the text each was
//!   found in, and `find-them-again.csv` (name, handle, profile URL) for everyone else.
//!
//! Terms Mastodon uses beyond AS2 (`Hashtag`, `sensitive`, `bookmarks`) are declared inline, so no
//! property falls into the context's blank-node `@vocab`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use freehold_model::Account;
use freehold_store::output::Tree;
use freehold_store::{PostOrder, Store};
use serde_json::{Value, json};

use crate::Error;
use crate::privacy::{Audience, Summary, audience};
use crate::published::{
    MediaFiles, Opened, Published, Publishing, Redaction, repost_target, rfc3339,
};
use crate::render::{is_web_url, mention_url, tag_url, text_html};

/// `as:Public`.
pub const PUBLIC: &str = "https://www.w3.org/ns/activitystreams#Public";

/// The header Mastodon's follows import expects.
pub const FOLLOWS_HEADER: &str = "Account address,Show boosts,Notify on new posts,Languages";

/// Options of the ActivityStreams export.
#[derive(Debug, Clone, Default)]
pub struct ActivityOptions {
    /// What every publishing exit shares: the selection, `--include`, the media,
    /// `--force` and `--redact`.
    pub publishing: Publishing,
    /// The address ids are minted under (`https://example.org/@me/`); by default
    /// `https://freehold.invalid/`, which names nothing on the web.
    pub site_url: Option<String>,
}

/// What [`write_activitystreams`] did.
#[derive(Debug, Clone, Default)]
pub struct ActivityReport {
    /// Published and withheld.
    pub summary: Summary,
    /// `Create` activities.
    pub notes: u64,
    /// `Announce` activities.
    pub announces: u64,
    /// Reposts left out because the original is not known to be public.
    pub reposts_withheld: u64,
    /// Media files copied.
    pub media_copied: u64,
    /// Media of published posts that the media folder did not hold.
    pub media_missing: u64,
    /// Rows of `following_accounts.csv`.
    pub follows: u64,
    /// Rows of `find-them-again.csv`.
    pub find_again: u64,
    /// Entries of `likes.json`.
    pub likes: u64,
    /// Without `--include graph`: the accounts and likes left out.
    pub graph_withheld: Option<(u64, u64)>,
}

fn context() -> Value {
    json!([
        "https://www.w3.org/ns/activitystreams",
        {
            "Hashtag": "as:Hashtag",
            "sensitive": "as:sensitive",
            "toot": "http://joinmastodon.org/ns#",
            "bookmarks": {"@id": "toot:bookmarks", "@type": "@id"}
        }
    ])
}

/// Writes the archive into the folder `out`.
pub fn write_activitystreams(
    store: &Store,
    out: &Path,
    options: &ActivityOptions,
) -> Result<ActivityReport, Error> {
    let Opened {
        mut tree,
        published,
        mut media,
        redaction,
        snapshot: _snapshot,
    } = Opened::open(store, out, &options.publishing)?;
    let base = options
        .site_url
        .as_deref()
        .filter(|u| is_web_url(u))
        .map_or_else(
            || "https://freehold.invalid/".to_string(),
            |u| format!("{}/", u.trim_end_matches('/')),
        );
    let ids = Ids {
        actor: format!("{base}actor"),
        followers: format!("{base}followers"),
        base,
    };
    let mut report = ActivityReport {
        summary: published.summary.clone(),
        ..ActivityReport::default()
    };

    // The media first (the outbox is streamed into its file and only names them).
    published.for_each(
        store,
        &options.publishing.selection,
        PostOrder::NewestFirst,
        |_, _, view| {
            for (_, m) in &view.media {
                if media.copy(&mut tree, m, media_attachment_path)?.is_none() {
                    report.media_missing += 1;
                }
            }
            Ok(())
        },
    )?;
    report.media_copied = media.copied;

    // outbox.json, oldest first, one activity at a time; `totalItems` comes last.
    let mut failed: Option<Error> = None;
    tree.write_stream("outbox.json", |w| {
        let head = json!({"@context": context(), "id": "outbox.json", "type": "OrderedCollection"});
        let head = serde_json::to_string_pretty(&head).map_err(std::io::Error::other)?;
        w.write_all(head.trim_end_matches(['}', '\n']).as_bytes())?;
        w.write_all(b",\n  \"orderedItems\": [")?;
        let mut n = 0u64;
        let streamed = published.for_each(
            store,
            &options.publishing.selection,
            PostOrder::OldestFirst,
            |_, entry, view| {
                let Some(activity) = activity(
                    store,
                    &published,
                    entry,
                    view,
                    &media,
                    &ids,
                    redaction.as_ref(),
                    &mut report,
                )?
                else {
                    return Ok(());
                };
                let io = |source| Error::Io {
                    path: PathBuf::from("outbox.json"),
                    source,
                };
                w.write_all(if n == 0 { b"\n    " } else { b",\n    " })
                    .map_err(io)?;
                serde_json::to_writer(&mut *w, &activity)
                    .map_err(|e| io(std::io::Error::other(e)))?;
                n += 1;
                Ok(())
            },
        );
        if let Err(e) = streamed {
            failed = Some(e);
            return Err(std::io::Error::other("the database could not be read"));
        }
        write!(w, "\n  ],\n  \"totalItems\": {n}\n}}\n")
    })
    .map_err(|e| failed.take().unwrap_or(e.into()))?;

    // actor.json: the public profile of the owner accounts, one Person.
    let actor = actor(store, &published.owners, &ids, &mut media, &mut tree)?;
    tree.write("actor.json", &pretty(&actor))?;

    // likes.json and the CSVs: the graph, only when asked for.
    let mut likes: BTreeSet<String> = BTreeSet::new();
    store.for_each_owner_reaction(|r| {
        let url = r.target_url.clone().filter(|u| is_web_url(u)).or_else(|| {
            r.target_post
                .as_deref()
                .and_then(|p| freehold_model::id::Ids::TWITTER.native("post", p))
                .map(|id| format!("https://x.com/i/web/status/{id}"))
        });
        if let Some(u) = url {
            likes.insert(match &redaction {
                Some(r) => r.text(&u, &[]),
                None => u,
            });
        }
        Ok(())
    })?;
    let people = people(store, &published.owners)?;
    if !options.publishing.include.graph {
        report.graph_withheld = Some((people.len() as u64, likes.len() as u64));
        likes.clear();
    }
    report.likes = likes.len() as u64;
    let collection = |id: &str, items: Vec<String>| {
        json!({"@context": context(), "id": id, "type": "OrderedCollection",
               "totalItems": items.len(), "orderedItems": items})
    };
    tree.write(
        "likes.json",
        &pretty(&collection("likes.json", likes.into_iter().collect())),
    )?;
    tree.write(
        "bookmarks.json",
        &pretty(&collection("bookmarks.json", Vec::new())),
    )?;
    if options.publishing.include.graph {
        let mut follows = format!("{FOLLOWS_HEADER}\n");
        let mut evidence = String::from("Account address,Platform,Name,Found in,Text\n");
        let mut again = String::from("Platform,Name,Handle,Profile URL,Tie\n");
        let mut seen = BTreeSet::new();
        for (person, tie) in &people {
            if let Some(r) = &redaction {
                // A fediverse address, a handle or a profile link would name them.
                csv_row(
                    &mut again,
                    &[
                        crate::published::platform_name(&person.platform),
                        &r.pseudonym(&person.id),
                        "",
                        "",
                        tie,
                    ],
                );
                report.find_again += 1;
                continue;
            }
            match find_fediverse(store, person)? {
                Some((addr, field, text)) => {
                    if seen.insert(addr.clone()) {
                        follows.push_str(&format!("{addr},true,false,\n"));
                        report.follows += 1;
                    }
                    csv_row(
                        &mut evidence,
                        &[
                            &addr,
                            &person.platform,
                            person.display_name.as_deref().unwrap_or(""),
                            &field,
                            &text,
                        ],
                    );
                }
                None => {
                    csv_row(
                        &mut again,
                        &[
                            crate::published::platform_name(&person.platform),
                            person.display_name.as_deref().unwrap_or(""),
                            person.handle.as_deref().unwrap_or(""),
                            person
                                .profile_url
                                .as_deref()
                                .filter(|u| is_web_url(u))
                                .unwrap_or(""),
                            tie,
                        ],
                    );
                    report.find_again += 1;
                }
            }
        }
        tree.write("following_accounts.csv", follows.as_bytes())?;
        tree.write("fediverse-evidence.csv", evidence.as_bytes())?;
        tree.write("find-them-again.csv", again.as_bytes())?;
    }
    tree.commit()?;
    Ok(report)
}

struct Ids {
    base: String,
    actor: String,
    followers: String,
}

impl Ids {
    fn note(&self, slug: &str) -> String {
        format!("{}posts/{slug}", self.base)
    }
}

fn pretty(v: &Value) -> Vec<u8> {
    let mut s = serde_json::to_vec_pretty(v).unwrap_or_default();
    s.push(b'\n');
    s
}

/// `media_attachments/files/<aa>/<sha256>.<ext>`.
fn media_attachment_path(name: &str) -> String {
    format!(
        "media_attachments/files/{}/{name}",
        &name[..2.min(name.len())]
    )
}

/// The activity of one published post: `Create` of a `Note`, `Announce` for a repost of
/// a public post, or `None` for a repost whose original is not known to be public.
#[allow(clippy::too_many_arguments)]
fn activity(
    store: &Store,
    published: &Published,
    entry: &crate::published::Entry,
    view: freehold_store::PostView,
    media: &MediaFiles,
    ids: &Ids,
    redaction: Option<&Redaction>,
    report: &mut ActivityReport,
) -> Result<Option<Value>, Error> {
    let target = repost_target(store, &view)?;
    let original = view.clone();
    let (view, target) = match redaction {
        Some(r) => {
            let r = r.post(store, &view, None, target)?;
            (r.view, r.repost)
        }
        None => (view, target),
    };
    let post = &view.post;
    let id = ids.note(&entry.slug);
    let published_at = post.created_at.as_deref().and_then(rfc3339);
    let is_repost = post.repost_of.is_some() || post.kind == "repost";
    if is_repost {
        let original_public = match post.repost_of.as_deref() {
            Some(o) => match store.post(o)? {
                Some(orig) => audience(&orig.post) == Audience::Public,
                None => true,
            },
            None => true,
        };
        return Ok(match target {
            Some((url, _)) if original_public => {
                report.announces += 1;
                let mut a = json!({
                    "id": format!("{id}/activity"),
                    "type": "Announce",
                    "actor": ids.actor,
                    "to": [PUBLIC],
                    "cc": [ids.followers],
                    "object": url,
                });
                if let Some(p) = published_at {
                    a["published"] = p.into();
                }
                Some(a)
            }
            _ => {
                report.reposts_withheld += 1;
                None
            }
        });
    }
    let mut tags = Vec::new();
    for (e, was) in view.entities.iter().zip(&original.entities) {
        let name = e.value.trim_start_matches(['#', '@']);
        // Under --redact a mention of someone else is a pseudonym: no address to link.
        let pseudonymised = e.value != was.value;
        match e.kind.as_str() {
            "hashtag" => {
                let mut t = json!({"type": "Hashtag", "name": format!("#{name}")});
                if let Some(h) = tag_url(&post.platform, name) {
                    t["href"] = h.into();
                }
                tags.push(t);
            }
            "mention" => {
                let mut t = json!({"type": "Mention", "name": format!("@{name}")});
                if let Some(h) = mention_url(&post.platform, name).filter(|_| !pseudonymised) {
                    t["href"] = h.into();
                }
                tags.push(t);
            }
            _ => {}
        }
    }
    let mut attachments = Vec::new();
    for (_, m) in &view.media {
        if let Some((_, name)) = media.source(m) {
            let mut a = json!({"type": "Document", "url": media_attachment_path(&name)});
            if let Some(mime) = &m.mime {
                a["mediaType"] = mime.clone().into();
            }
            if let Some(alt) = m.description.as_deref().or(m.title.as_deref()) {
                a["name"] = alt.into();
            }
            if let (Some(w), Some(h)) = (m.width, m.height) {
                a["width"] = w.into();
                a["height"] = h.into();
            }
            attachments.push(a);
        }
    }
    let mut note = json!({
        "id": id,
        "type": "Note",
        "attributedTo": ids.actor,
        "to": [PUBLIC],
        "cc": [ids.followers],
        "sensitive": false,
        "content": text_html(post.text.as_deref().unwrap_or(""), post.text_format.as_deref(), &post.platform),
        "tag": tags,
        "attachment": attachments,
    });
    if let Some(title) = post.title.as_deref().filter(|t| !t.trim().is_empty()) {
        note["name"] = title.into();
    }
    if let Some(url) = post.url.as_deref().filter(|u| is_web_url(u)) {
        note["url"] = url.into();
    }
    if let Some(lang) = post.lang.as_deref().filter(|l| {
        !l.is_empty()
            && *l != "und"
            && *l != "zxx"
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    }) {
        let content = note["content"].clone();
        note["contentMap"] = json!({ lang: content });
    }
    // inReplyTo only inside the archive: a reply to a published post.
    if let Some(parent) = post.in_reply_to.as_deref()
        && let Some(&i) = published.index.get(parent)
    {
        note["inReplyTo"] = ids.note(&published.entries[i].slug).into();
    }
    if let Some(p) = &published_at {
        note["published"] = p.clone().into();
    }
    let mut create = json!({
        "id": format!("{id}/activity"),
        "type": "Create",
        "actor": ids.actor,
        "to": [PUBLIC],
        "cc": [ids.followers],
        "object": note,
    });
    if let Some(p) = published_at {
        create["published"] = p.into();
    }
    report.notes += 1;
    Ok(Some(create))
}

/// The owner as one `Person`: name, handle, bio, websites and avatar (public fields only).
fn actor(
    store: &Store,
    owners: &[Account],
    ids: &Ids,
    media: &mut MediaFiles,
    tree: &mut Tree,
) -> Result<Value, Error> {
    let main = owners.first();
    let mut person = json!({
        "@context": context(),
        "id": ids.actor,
        "type": "Person",
        "followers": ids.followers,
        "outbox": "outbox.json",
        "likes": "likes.json",
        "bookmarks": "bookmarks.json",
    });
    if let Some(a) = main {
        if let Some(h) = a.handle.as_deref() {
            person["preferredUsername"] = h.into();
        }
        if let Some(n) = owners.iter().find_map(|o| o.display_name.clone()) {
            person["name"] = n.into();
        }
    }
    let mut urls = Vec::new();
    let mut summary = None;
    let mut icon = None;
    for o in owners {
        if let Some(u) = o.profile_url.as_deref().filter(|u| is_web_url(u)) {
            urls.push(u.to_string());
        }
        let fields = store.profile_fields(&o.id)?;
        let pick = |name: &str| {
            fields
                .iter()
                .find(|f| f.field == name && f.ended_at.is_none())
                .map(|f| f.value.clone())
        };
        if summary.is_none() {
            let format = (o.platform == "hyves").then_some("hyves-markup");
            summary = pick("bio")
                .or_else(|| pick("headline"))
                .or_else(|| pick("summary"))
                .map(|s| text_html(&s, format, &o.platform));
        }
        if let Some(w) = pick("website").filter(|w| is_web_url(w)) {
            urls.push(w);
        }
        if icon.is_none() {
            for m in store.media_of("account", &o.id)? {
                if m.kind == "photo"
                    && let Some((_, name)) = media.source(&m)
                {
                    let ext = name.rsplit_once('.').map_or("bin", |(_, e)| e).to_string();
                    let rel = format!("avatar.{ext}");
                    media.copy(tree, &m, |_| rel.clone())?;
                    icon = Some((rel, m.mime.clone()));
                    break;
                }
            }
        }
    }
    if let Some(s) = summary {
        person["summary"] = s.into();
    }
    urls.dedup();
    if !urls.is_empty() {
        person["url"] = urls.into();
    }
    if let Some((rel, mime)) = icon {
        let mut i = json!({"type": "Image", "url": rel});
        if let Some(m) = mime {
            i["mediaType"] = m.into();
        }
        person["icon"] = i;
    }
    Ok(person)
}

/// The people the owner follows or is connected to, each once, with the tie.
fn people(store: &Store, owners: &[Account]) -> Result<Vec<(Account, String)>, Error> {
    let own: BTreeSet<&str> = owners.iter().map(|o| o.id.as_str()).collect();
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for tie in store.owner_ties(&["follows", "friend", "connection"])? {
        let other = if own.contains(tie.from_account.as_str()) {
            &tie.to_account
        } else if tie.kind != "follows" {
            // A friend or connection is mutual; a follower is not someone you follow.
            &tie.from_account
        } else {
            continue;
        };
        if tie.ended_at.is_some() || own.contains(other.as_str()) {
            continue;
        }
        out.entry(other.clone()).or_insert(tie.kind.clone());
    }
    let mut people = Vec::with_capacity(out.len());
    for (id, kind) in out {
        if let Some(a) = store.account(&id)? {
            people.push((a, kind));
        }
    }
    Ok(people)
}

/// A fediverse address the account's public fields reveal: the address, the field and
/// the text it was found in.
fn find_fediverse(
    store: &Store,
    account: &Account,
) -> Result<Option<(String, String, String)>, Error> {
    let mut texts: Vec<(String, String)> = Vec::new();
    for (field, v) in [
        ("display_name", &account.display_name),
        ("profile_url", &account.profile_url),
    ] {
        if let Some(v) = v {
            texts.push((field.to_string(), v.clone()));
        }
    }
    for f in store.profile_fields(&account.id)? {
        if matches!(
            f.field.as_str(),
            "bio" | "website" | "summary" | "headline" | "description" | "name" | "url"
        ) {
            texts.push((f.field, f.value));
        }
    }
    Ok(texts
        .into_iter()
        .find_map(|(field, text)| fediverse_address(&text).map(|a| (a, field, text))))
}

/// The first fediverse address in `text`: `@user@host`, `user@host` or `host/@user`
/// (as in `https://mastodon.social/@user`), as `user@host`.
pub fn fediverse_address(text: &str) -> Option<String> {
    let user_ok = |u: &str| {
        !u.is_empty()
            && u.len() <= 64
            && u.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
            && u.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
    };
    let host_ok = |h: &str| {
        let labels: Vec<&str> = h.split('.').collect();
        labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    && !l.starts_with('-')
                    && !l.ends_with('-')
            })
            && labels
                .last()
                .is_some_and(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()))
    };
    let is_word =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '@' | '/' | ':');
    for token in text.split(|c: char| !is_word(c)) {
        let token = token.trim_matches(|c: char| matches!(c, '.' | '-' | ':'));
        // host/@user
        if let Some((before, user)) = token.rsplit_once("/@") {
            let host = before.rsplit("//").next().unwrap_or(before);
            let host = host.split('/').next().unwrap_or(host);
            let user = user.trim_end_matches('/');
            if user_ok(user) && host_ok(host) {
                return Some(format!("{user}@{}", host.to_ascii_lowercase()));
            }
            continue;
        }
        let t = token.strip_prefix('@').unwrap_or(token);
        if let Some((user, host)) = t.split_once('@')
            && !host.contains('@')
            && !t.contains('/')
            && user_ok(user)
            && host_ok(host)
        {
            return Some(format!("{user}@{}", host.to_ascii_lowercase()));
        }
    }
    None
}

/// One CSV row; a cell starting with `=`, `+`, `-` or `@` gets a `'` so that no
/// spreadsheet runs it as a formula.
fn csv_row(out: &mut String, cells: &[&str]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let mut c = cell.replace(['\r', '\n'], " ");
        if c.starts_with(['=', '+', '-', '@']) {
            c.insert(0, '\'');
        }
        if c.contains([',', '"']) {
            out.push('"');
            out.push_str(&c.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&c);
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fediverse_addresses_are_found_only_with_a_domain() {
        assert_eq!(
            fediverse_address("Nu op @lan@mastodon.social!").as_deref(),
            Some("lan@mastodon.social")
        );
        assert_eq!(
            fediverse_address("see https://Fosstodon.org/@sem_v").as_deref(),
            Some("sem_v@fosstodon.org")
        );
        assert_eq!(
            fediverse_address("mail noor@example.nl").as_deref(),
            Some("noor@example.nl")
        );
        assert_eq!(fediverse_address("@jack and @jill"), None);
        assert_eq!(fediverse_address("https://x.com/jack"), None);
        assert_eq!(fediverse_address("a@localhost"), None);
        let mut row = String::new();
        csv_row(&mut row, &["=cmd()", "a,b", "\"q\""]);
        assert_eq!(row, "'=cmd(),\"a,b\",\"\"\"q\"\"\"\n");
    }
}
