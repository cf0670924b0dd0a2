//! Mapping one tweet object (any era) to posts, entities, accounts and media.

use std::collections::{BTreeMap, HashMap};

use freehold_archive::text::{decode_html_entities, mime_from_name};
use freehold_archive::{Error, Severity};
use freehold_model::{Attachment, Media, Post, PostEntity, id, time};
use serde_json::{Map, Value};

use crate::media::{MediaIndex, Owner, url_basename};
use crate::util::{
    IDS, Out, PLATFORM, array, extra_without, id_of, integer, into_extra, is_real_id,
    named_account, number, str_exact, url_pairs,
};

/// Fields of a tweet object that are mapped to columns or other rows.
const MAPPED: &[&str] = &[
    "id",
    "id_str",
    "full_text",
    "text",
    "entities",
    "extended_entities",
    "in_reply_to_status_id",
    "in_reply_to_status_id_str",
    "in_reply_to_user_id",
    "in_reply_to_user_id_str",
    "in_reply_to_screen_name",
    "lang",
    "coordinates",
    "geo",
    "user",
    "retweeted_status",
];

/// Where a tweet was found, which decides its visibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// `tweets.js`, Grailbird, `tweets.csv`.
    Timeline,
    /// `deleted-tweets.js`.
    Deleted,
    /// `community-tweet.js`.
    Community,
    /// `twitter-circle-tweet.js`.
    Circle,
}

/// What parsing tweets needs to know about the rest of the archive.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// The owner's numeric id.
    pub owner: Option<String>,
    /// Media files by owner id.
    pub media: MediaIndex,
    /// Long posts from `note-tweet.js`.
    pub notes: NoteIndex,
    /// When deleted tweets were deleted, by tweet id (`deleted-tweet-headers.js`).
    pub deleted_at: HashMap<String, String>,
    /// Protected periods (`protected-history.js`), if the archive says.
    pub protected: Option<Vec<(String, Option<String>)>>,
    /// Whether "owner unknown" was already reported.
    pub owner_warned: bool,
}

impl State {
    /// The owner's account id, reporting once if it is unknown.
    pub(crate) fn owner_account(&mut self, out: &mut Out<'_, '_>) -> Option<String> {
        match &self.owner {
            Some(owner) => Some(IDS.account(owner)),
            None => {
                if !self.owner_warned {
                    self.owner_warned = true;
                    out.cx.diagnose(
                        Severity::Warning,
                        freehold_archive::codes::OWNER_UNKNOWN,
                        Some(&out.path),
                        None,
                        "the archive does not say whose it is (no account.js, manifest or user_details.js); the owner's posts, likes and follows have no author",
                    );
                }
                None
            }
        }
    }

    fn visibility(&self, created: Option<&str>, source: Source) -> Option<&'static str> {
        match source {
            Source::Community => return Some("community"),
            Source::Circle => return Some("circle"),
            Source::Timeline | Source::Deleted => {}
        }
        let periods = self.protected.as_ref()?;
        let created = created?;
        let protected = periods.iter().any(|(start, end)| {
            start.as_str() <= created && end.as_deref().is_none_or(|end| created < end)
        });
        Some(if protected { "followers" } else { "public" })
    }
}

/// Parses a tweet timestamp of any era to UTC.
pub(crate) fn tweet_time(raw: &str) -> Option<String> {
    time::from_twitter(raw)
        .or_else(|| time::from_format_with_offset(raw, "%Y-%m-%d %H:%M:%S %z"))
        .or_else(|| time::from_rfc3339(raw))
}

/// Parses a timestamp, reporting one that cannot be read or predates Twitter.
pub(crate) fn checked_time(
    out: &mut Out<'_, '_>,
    raw: Option<&str>,
    locator: &str,
) -> Option<String> {
    let raw = raw?;
    match tweet_time(raw) {
        Some(t) => {
            if time::year(&t).is_some_and(|y| y < 2006) {
                out.cx.diagnose(
                    Severity::Info,
                    freehold_archive::codes::SUSPICIOUS_DATE,
                    Some(&out.path),
                    Some(locator.to_string()),
                    format!("{raw} predates Twitter (2006); kept as the archive says"),
                );
            }
            Some(t)
        }
        None => {
            bad_date(out, raw, locator, "kept in extra");
            None
        }
    }
}

/// Reports a date that cannot be read (`bad-date`): its text, and `fate`, what became of
/// the value.
pub(crate) fn bad_date(out: &mut Out<'_, '_>, raw: &str, locator: &str, fate: &str) {
    out.cx.diagnose(
        Severity::Warning,
        freehold_archive::codes::BAD_DATE,
        Some(&out.path),
        Some(locator.to_string()),
        format!("cannot read the date {raw:?}; {fate}"),
    );
}

/// An RFC 3339 timestamp of the field `key`, or `None`; one that is there but cannot be
/// read is reported with [`bad_date`] and `fate`.
pub(crate) fn rfc3339_or_report(
    out: &mut Out<'_, '_>,
    v: &Value,
    key: &str,
    locator: &str,
    fate: &str,
) -> Option<String> {
    let raw = str_exact(v, key)?;
    let at = time::from_rfc3339(raw);
    if at.is_none() {
        bad_date(out, raw, locator, fate);
    }
    at
}

/// Replaces each shortened URL by its expansion, then decodes HTML entities.
pub(crate) fn clean_text(raw: &str, urls: &[(String, String)]) -> String {
    let mut text = raw.to_string();
    for (short, expanded) in urls {
        if !short.is_empty() && !expanded.is_empty() {
            text = text.replace(short.as_str(), expanded);
        }
    }
    decode_html_entities(&text)
}

/// `(url, expanded_url)` pairs of the tweet's links and media.
fn tweet_url_pairs(entities: Option<&Value>, media: &[&Value]) -> Vec<(String, String)> {
    let mut pairs = entities.map_or_else(Vec::new, |e| {
        url_pairs(array(e, "urls"), "url", "expanded_url")
    });
    for m in media {
        if let (Some(short), Some(long)) = (str_exact(m, "url"), str_exact(m, "expanded_url"))
            && !pairs.iter().any(|(s, _)| s == short)
        {
            pairs.push((short.to_string(), long.to_string()));
        }
    }
    pairs
}

/// The status id in a `twitter.com|x.com/<user>/status/<id>` link.
pub(crate) fn status_link(url: &str) -> Option<(&str, &str)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/')?;
    let host = host
        .strip_prefix("www.")
        .or_else(|| host.strip_prefix("mobile."))
        .unwrap_or(host);
    if host != "twitter.com" && host != "x.com" {
        return None;
    }
    let mut parts = path.split('/');
    let user = parts.next()?;
    let status = parts.next()?;
    if status != "status" && status != "statuses" {
        return None;
    }
    let id = parts.next()?.split(['?', '#']).next()?;
    (is_real_id(id) && user != "i").then_some((user, id))
}

/// Emits one tweet. Returns the post id.
///
/// Takes the tweet by value: the fields that are not mapped move into `extra` as they
/// are, without a copy.
pub(crate) fn emit_tweet(
    out: &mut Out<'_, '_>,
    state: &mut State,
    mut v: Value,
    locator: &str,
    source: Source,
) -> Result<Option<String>, Error> {
    let Some(native) = id_of(&v, "id") else {
        no_id(out, locator);
        return Ok(None);
    };
    let pid = IDS.post(&native);
    let created = checked_time(out, str_exact(&v, "created_at"), locator);
    let author = tweet_author(out, state, &v, locator)?;

    // Mapped fields that are used after the rest of the tweet has become `extra`.
    let mut take = |key: &str| v.as_object_mut().and_then(|f| f.remove(key));
    let entities = take("entities");
    let extended_entities = take("extended_entities");
    let original = take("retweeted_status");
    let entities = entities.as_ref();
    let media_entities = media_entities(entities, extended_entities.as_ref());
    let urls = tweet_url_pairs(entities, &media_entities);
    let raw_text = str_exact(&v, "full_text")
        .or_else(|| str_exact(&v, "text"))
        .unwrap_or("");
    let mut text = clean_text(raw_text, &urls);
    let mut added: Vec<(&str, Value)> = Vec::new();

    let (is_repost, repost_of) = repost(
        out,
        state,
        original,
        raw_text,
        &media_entities,
        locator,
        source,
    )?;
    if is_repost && let Some(handle) = retweeted_handle(raw_text) {
        added.push(("retweeted_handle", Value::from(handle)));
    }
    let (in_reply_to, reply_user) = reply(out, state, &v, locator)?;
    long_text(state, created.as_deref(), &mut text, &mut added);
    if source == Source::Deleted {
        deleted_marks(state, &native, &mut added);
    }
    let (latitude, longitude) = coordinates(&v);

    out.emit(
        Post {
            id: pid.clone(),
            platform: PLATFORM.into(),
            native_id: Some(native.clone()),
            kind: if is_repost { "repost" } else { "tweet" }.into(),
            author_account: author,
            visibility: state
                .visibility(created.as_deref(), source)
                .map(str::to_string),
            created_at: created,
            text: Some(text),
            text_format: Some("plain".into()),
            title: None,
            url: Some(format!("https://twitter.com/i/web/status/{native}")),
            in_reply_to,
            in_reply_to_account: reply_user.map(|u| IDS.account(&u)),
            target_account: None,
            repost_of,
            quote_of: quote_of(&urls, &media_entities, &native),
            edit_of: edit_of(&v, &native),
            lang: str_exact(&v, "lang").map(str::to_string),
            place: place_of(&v),
            latitude,
            longitude,
            // Last: the fields that are not mapped move into `extra`.
            extra: tweet_extra(v, added),
        },
        locator,
    )?;

    emit_entities(out, state, &pid, entities, &urls, locator)?;
    for (position, m) in media_entities.iter().enumerate() {
        emit_media(out, state, &native, &pid, m, position, locator)?;
    }
    Ok(Some(pid))
}

/// Reports a tweet without an id, which is skipped.
fn no_id(out: &mut Out<'_, '_>, locator: &str) {
    crate::util::skipped_without_id(out, locator, "a tweet without an id was skipped");
}

/// The tweet's place: its `place`'s full name, else its name.
fn place_of(v: &Value) -> Option<String> {
    v.get("place")
        .and_then(|p| str_exact(p, "full_name").or_else(|| str_exact(p, "name")))
        .map(str::to_string)
}

/// Marks a deleted tweet (`native`) as such in `added`, with when it was deleted if
/// the archive says.
fn deleted_marks(state: &State, native: &str, added: &mut Vec<(&str, Value)>) {
    added.push(("deleted", Value::Bool(true)));
    if let Some(at) = state.deleted_at.get(native) {
        added.push(("deleted_at", Value::from(at.as_str())));
    }
}

/// The tweet's `extra`: its fields that are not mapped, as they are, and the values
/// `added` while it was read; `None` when that is nothing.
fn tweet_extra(v: Value, added: Vec<(&str, Value)>) -> Option<Map<String, Value>> {
    let mut extra = into_extra(v, MAPPED).unwrap_or_default();
    for (key, value) in added {
        extra.insert(key.to_string(), value);
    }
    (!extra.is_empty()).then_some(extra)
}

/// The tweet's author: the `user` object (Grailbird), emitted as an account unless it
/// is the owner, or the archive's owner.
fn tweet_author(
    out: &mut Out<'_, '_>,
    state: &mut State,
    v: &Value,
    locator: &str,
) -> Result<Option<String>, Error> {
    Ok(match v.get("user").filter(|u| u.is_object()) {
        Some(user) => match id_of(user, "id") {
            Some(uid) => {
                if state.owner.as_deref() != Some(uid.as_str()) {
                    out.emit(
                        named_account(
                            &uid,
                            str_exact(user, "screen_name"),
                            str_exact(user, "name"),
                        ),
                        locator,
                    )?;
                }
                Some(IDS.account(&uid))
            }
            None => state.owner_account(out),
        },
        None => state.owner_account(out),
    })
}

/// The tweet's media entities: those of `extended_entities`, else those of `entities`.
fn media_entities<'v>(
    entities: Option<&'v Value>,
    extended_entities: Option<&'v Value>,
) -> Vec<&'v Value> {
    extended_entities
        .and_then(|e| e.get("media"))
        .or_else(|| entities.and_then(|e| e.get("media")))
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

/// Whether the tweet is a repost, and of which post. Grailbird carries the original
/// (`retweeted_status`, emitted first); YTD only the `RT @handle:` prefix, and the
/// original's id in a media entity's `source_status_id` if it had media.
fn repost(
    out: &mut Out<'_, '_>,
    state: &mut State,
    original: Option<Value>,
    raw_text: &str,
    media_entities: &[&Value],
    locator: &str,
    source: Source,
) -> Result<(bool, Option<String>), Error> {
    let mut repost_of = None;
    if let Some(original) = original.filter(Value::is_object) {
        repost_of = emit_tweet(
            out,
            state,
            original,
            &format!("{locator}.retweeted_status"),
            source,
        )?;
    }
    let is_repost = repost_of.is_some() || raw_text.starts_with("RT @");
    if is_repost && repost_of.is_none() {
        repost_of = media_entities
            .iter()
            .find_map(|m| id_of(m, "source_status_id"))
            .map(|id| IDS.post(&id));
    }
    Ok((is_repost, repost_of))
}

/// The handle of `RT @handle: …`, the user a YTD repost reposts.
fn retweeted_handle(raw_text: &str) -> Option<&str> {
    raw_text
        .strip_prefix("RT @")
        .and_then(|r| r.split(':').next())
}

/// The post a tweet quotes: the first link to another tweet among its URLs that are
/// not a media entity's.
fn quote_of(urls: &[(String, String)], media_entities: &[&Value], native: &str) -> Option<String> {
    urls.iter()
        .filter(|(short, _)| {
            !media_entities
                .iter()
                .any(|m| str_exact(m, "url") == Some(short.as_str()))
        })
        .find_map(|(_, long)| status_link(long))
        .filter(|(_, id)| *id != native)
        .map(|(_, id)| IDS.post(id))
}

/// The post an edited tweet is an edit of (`edit_info.edit.initialTweetId`), unless it
/// is the tweet itself.
fn edit_of(v: &Value, native: &str) -> Option<String> {
    v.get("edit_info")
        .and_then(|e| e.get("edit"))
        .and_then(|e| str_exact(e, "initialTweetId"))
        .filter(|initial| *initial != native)
        .map(|n| IDS.post(n))
}

/// The post a reply answers and the numeric id of its author, emitted as an account
/// unless it is the owner.
fn reply(
    out: &mut Out<'_, '_>,
    state: &State,
    v: &Value,
    locator: &str,
) -> Result<(Option<String>, Option<String>), Error> {
    let in_reply_to = id_of(v, "in_reply_to_status_id").map(|id| IDS.post(&id));
    let reply_user = id_of(v, "in_reply_to_user_id").filter(|id| is_real_id(id));
    if let Some(uid) = &reply_user
        && state.owner.as_deref() != Some(uid.as_str())
    {
        out.emit(
            named_account(uid, str_exact(v, "in_reply_to_screen_name"), None),
            locator,
        )?;
    }
    Ok((in_reply_to, reply_user))
}

/// Long posts: replaces `text` with the full text from note-tweet.js when a note
/// matches, keeping the note and the cut text in `added`. Every tweet is tried, not
/// only the visibly cut ones: X also writes a note for a tweet whose `full_text` is the
/// note's text plus a media link, without `…` and under 200 characters. Such a tweet
/// must be of the note's very second; a cut one may be up to 5 s apart.
fn long_text(
    state: &mut State,
    created: Option<&str>,
    text: &mut String,
    added: &mut Vec<(&str, Value)>,
) {
    let cut = text.contains('…') || text.chars().count() >= 200;
    if let Some(note) = created
        .and_then(time::epoch_seconds)
        .and_then(|secs| state.notes.take(secs, text, if cut { 5 } else { 0 }))
    {
        let leading = leading_mentions(text);
        let full = if !leading.is_empty() && !note.text.starts_with(leading.trim_end()) {
            format!("{leading}{}", note.text)
        } else {
            note.text.clone()
        };
        added.push(("note_tweet", note.raw.clone()));
        added.push(("truncated_text", Value::from(std::mem::replace(text, full))));
    }
}

fn emit_entities(
    out: &mut Out<'_, '_>,
    state: &State,
    pid: &str,
    entities: Option<&Value>,
    urls: &[(String, String)],
    locator: &str,
) -> Result<(), Error> {
    let Some(entities) = entities else {
        return Ok(());
    };
    let list = |key: &str| array(entities, key);
    for tag in list("hashtags") {
        if let Some(t) = str_exact(tag, "text") {
            out.emit(entity(pid, "hashtag", t, None, None), locator)?;
        }
    }
    for tag in list("symbols") {
        if let Some(t) = str_exact(tag, "text") {
            out.emit(entity(pid, "cashtag", t, None, None), locator)?;
        }
    }
    for mention in list("user_mentions") {
        let Some(handle) = str_exact(mention, "screen_name") else {
            continue;
        };
        let uid = id_of(mention, "id").filter(|id| is_real_id(id));
        if let Some(uid) = &uid
            && state.owner.as_deref() != Some(uid.as_str())
        {
            out.emit(
                named_account(uid, Some(handle), str_exact(mention, "name")),
                locator,
            )?;
        }
        out.emit(
            entity(pid, "mention", handle, uid.map(|u| IDS.account(&u)), None),
            locator,
        )?;
    }
    for u in list("urls") {
        if let Some(short) = str_exact(u, "url") {
            let long = urls
                .iter()
                .find(|(s, _)| s == short)
                .map(|(_, l)| l.clone());
            out.emit(entity(pid, "link", short, None, long), locator)?;
        }
    }
    Ok(())
}

fn entity(
    pid: &str,
    kind: &str,
    value: &str,
    account: Option<String>,
    expanded: Option<String>,
) -> PostEntity {
    PostEntity {
        id: id::child(pid, kind, value),
        post_id: pid.to_string(),
        kind: kind.into(),
        value: value.to_string(),
        account_id: account,
        expanded_url: expanded,
        extra: None,
    }
}

const MEDIA_MAPPED: &[&str] = &[
    "id",
    "id_str",
    "type",
    "media_url_https",
    "ext_alt_text",
    "media_alt",
    "indices",
];

fn emit_media(
    out: &mut Out<'_, '_>,
    state: &mut State,
    tweet_native: &str,
    pid: &str,
    m: &Value,
    position: usize,
    locator: &str,
) -> Result<(), Error> {
    let native = id_of(m, "id");
    let kind = match str_exact(m, "type") {
        Some("video") => "video",
        Some("animated_gif") => "gif",
        _ => "photo",
    };
    let poster = str_exact(m, "media_url_https").or_else(|| str_exact(m, "media_url"));
    let variants: Vec<&Value> = m
        .get("video_info")
        .and_then(|v| v.get("variants"))
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let best_video = variants
        .iter()
        .filter(|v| str_exact(v, "content_type") == Some("video/mp4"))
        .max_by_key(|v| v.get("bitrate").and_then(integer).unwrap_or(0))
        .and_then(|v| str_exact(v, "url"));
    let remote = if kind == "photo" {
        poster
    } else {
        best_video.or(poster)
    };
    let mut names: Vec<&str> = variants
        .iter()
        .filter_map(|v| str_exact(v, "url"))
        .map(url_basename)
        .collect();
    if let Some(p) = poster {
        names.push(url_basename(p));
    }
    let file = state.media.claim(tweet_native, Owner::Post, &names);
    // The archive keeps one variant of a video or GIF: point at the one it kept.
    let saved_variant = file.as_ref().and_then(|f| {
        variants
            .iter()
            .filter_map(|v| str_exact(v, "url"))
            .find(|url| url_basename(url) == f.suffix)
    });
    let (width, height) = media_size(m);
    let mid = match &native {
        Some(n) => IDS.media(n),
        None => IDS.media(&format!("url:{}", id::hash_parts(&[remote.unwrap_or(pid)]))),
    };
    let mime = file
        .as_ref()
        .and_then(|f| mime_from_name(&f.path))
        .or_else(|| remote.and_then(freehold_archive::text::mime_from_url));
    out.emit(
        Media {
            id: mid.clone(),
            platform: PLATFORM.into(),
            kind: kind.into(),
            archive_path: file.as_ref().map(|f| f.path.clone()),
            remote_url: saved_variant.or(remote).map(str::to_string),
            mime: mime.map(str::to_string),
            bytes: file.as_ref().and_then(|f| i64::try_from(f.size).ok()),
            sha256: None,
            width,
            height,
            taken_at: None,
            title: None,
            description: str_exact(m, "ext_alt_text")
                .or_else(|| str_exact(m, "media_alt"))
                .map(str::to_string),
            extra: extra_without(m, MEDIA_MAPPED),
        },
        locator,
    )?;
    out.emit(
        Attachment {
            id: id::child(pid, "media", &mid),
            media_id: mid,
            owner_kind: "post".into(),
            owner_id: pid.to_string(),
            position: i64::try_from(position).ok(),
            extra: None,
        },
        locator,
    )
}

/// Width and height of the largest rendition the source names (`sizes.large` in YTD, the
/// widest entry of the `sizes` array in Grailbird), or `original_info` when present.
fn media_size(m: &Value) -> (Option<i64>, Option<i64>) {
    if let Some(info) = m.get("original_info") {
        let w = info.get("width").and_then(integer);
        let h = info.get("height").and_then(integer);
        if w.is_some() {
            return (w, h);
        }
    }
    match m.get("sizes") {
        Some(Value::Object(sizes)) => sizes
            .get("large")
            .map(|l| (l.get("w").and_then(integer), l.get("h").and_then(integer)))
            .unwrap_or((None, None)),
        Some(Value::Array(sizes)) => sizes
            .iter()
            .map(|s| (s.get("w").and_then(integer), s.get("h").and_then(integer)))
            .max_by_key(|(w, _)| w.unwrap_or(0))
            .unwrap_or((None, None)),
        _ => (None, None),
    }
}

/// Latitude and longitude: GeoJSON `coordinates` is `[lon, lat]`, legacy `geo` is `[lat, lon]`.
fn coordinates(v: &Value) -> (Option<f64>, Option<f64>) {
    let pair = |obj: Option<&Value>| -> Option<(f64, f64)> {
        let c = obj?.get("coordinates")?.as_array()?;
        Some((number(c.first()?)?, number(c.get(1)?)?))
    };
    if let Some((lon, lat)) = pair(v.get("coordinates")) {
        return (Some(lat), Some(lon));
    }
    if let Some((lat, lon)) = pair(v.get("geo")) {
        return (Some(lat), Some(lon));
    }
    (None, None)
}

/// The `@a @b ` prefix of a reply's text.
fn leading_mentions(text: &str) -> &str {
    let mut end = 0;
    let bytes = text.as_bytes();
    while end < bytes.len() && bytes[end] == b'@' {
        let word_end = text[end..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| end + i);
        let next = text[word_end..]
            .find(|c: char| !c.is_whitespace())
            .map_or(text.len(), |i| word_end + i);
        if next == word_end {
            break;
        }
        end = next;
    }
    &text[..end]
}

/// A long post from `note-tweet.js`.
#[derive(Debug, Clone)]
pub(crate) struct Note {
    pub native: String,
    pub created: Option<String>,
    pub text: String,
    pub raw: Value,
    pub path: String,
    pub locator: String,
    used: bool,
}

/// Long posts waiting to be matched to their truncated tweets.
#[derive(Debug, Default)]
pub(crate) struct NoteIndex {
    notes: Vec<Note>,
    by_second: BTreeMap<i64, Vec<usize>>,
}

impl NoteIndex {
    pub(crate) fn add(&mut self, raw: &Value, path: &str, locator: String) -> bool {
        let Some(native) = str_exact(raw, "noteTweetId").map(str::to_string) else {
            return false;
        };
        let core = raw.get("core");
        let text = core.and_then(|c| str_exact(c, "text")).unwrap_or("");
        let urls = core.map_or_else(Vec::new, |c| {
            url_pairs(array(c, "urls"), "shortUrl", "expandedUrl")
        });
        let mut text = text.to_string();
        for (short, long) in &urls {
            text = text.replace(short.as_str(), long);
        }
        let created = str_exact(raw, "createdAt").and_then(time::from_rfc3339);
        let index = self.notes.len();
        if let Some(secs) = created.as_deref().and_then(time::epoch_seconds) {
            self.by_second.entry(secs).or_default().push(index);
        }
        self.notes.push(Note {
            native,
            created,
            text,
            raw: raw.clone(),
            path: path.to_string(),
            locator,
            used: false,
        });
        true
    }

    /// The unused note created within `window` seconds of `secs` whose text begins like
    /// `tweet_text`.
    pub(crate) fn take(&mut self, secs: i64, tweet_text: &str, window: i64) -> Option<&Note> {
        if self.notes.is_empty() {
            return None;
        }
        let stripped = tweet_text[leading_mentions(tweet_text).len()..].trim_end_matches('…');
        let prefix: String = normalise(stripped).chars().take(30).collect();
        if prefix.is_empty() {
            return None;
        }
        let found = self
            .by_second
            .range(secs - window..=secs + window)
            .flat_map(|(_, ids)| ids.iter().copied())
            .find(|&i| {
                !self.notes[i].used && normalise(&self.notes[i].text).starts_with(&prefix)
            })?;
        self.notes[found].used = true;
        Some(&self.notes[found])
    }

    /// Notes no tweet claimed.
    pub(crate) fn unused(&self) -> impl Iterator<Item = &Note> {
        self.notes.iter().filter(|n| !n.used)
    }
}

fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Emits the notes no tweet claimed as posts of their own, so no long post is lost.
pub(crate) fn emit_unused_notes(
    cx: &mut freehold_archive::ParseContext<'_>,
    state: &mut State,
) -> Result<(), Error> {
    let notes: Vec<Note> = state.notes.unused().cloned().collect();
    for note in notes {
        let mut out = Out {
            cx,
            path: note.path.clone(),
        };
        let author = state.owner_account(&mut out);
        let mut extra = Map::new();
        extra.insert("note_tweet".into(), note.raw.clone());
        extra.insert("note_tweet_unmatched".into(), Value::Bool(true));
        out.emit(
            Post {
                id: IDS.post(&format!("note:{}", note.native)),
                platform: PLATFORM.into(),
                native_id: Some(note.native.clone()),
                kind: "tweet".into(),
                author_account: author,
                created_at: note.created.clone(),
                text: Some(note.text.clone()),
                text_format: Some("plain".into()),
                extra: Some(extra),
                ..Post::default()
            },
            &note.locator,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_every_era() {
        assert_eq!(
            tweet_time("Sat Jun 06 13:02:35 +0000 2020").as_deref(),
            Some("2020-06-06T13:02:35Z")
        );
        assert_eq!(
            tweet_time("2014-05-27 12:24:35 +0000").as_deref(),
            Some("2014-05-27T12:24:35Z")
        );
        assert_eq!(
            tweet_time("2023-02-01T10:00:00.123Z").as_deref(),
            Some("2023-02-01T10:00:00.123Z")
        );
        assert_eq!(tweet_time("last tuesday"), None);
    }

    #[test]
    fn status_links() {
        assert_eq!(
            status_link("https://twitter.com/ana/status/123"),
            Some(("ana", "123"))
        );
        assert_eq!(
            status_link("https://x.com/ana/status/123?s=20"),
            Some(("ana", "123"))
        );
        assert_eq!(
            status_link("https://mobile.twitter.com/ana/statuses/9"),
            Some(("ana", "9"))
        );
        assert_eq!(status_link("https://twitter.com/i/web/status/123"), None);
        assert_eq!(status_link("https://example.com/ana/status/123"), None);
    }

    #[test]
    fn text_expands_then_decodes() {
        let urls = vec![(
            "https://t.co/abc".to_string(),
            "https://example.com/?a=1&b=2".to_string(),
        )];
        assert_eq!(
            clean_text("Fish &amp; chips https://t.co/abc &lt;3", &urls),
            "Fish & chips https://example.com/?a=1&b=2 <3"
        );
    }

    #[test]
    fn leading_mentions_of_a_reply() {
        assert_eq!(leading_mentions("@a @b hello"), "@a @b ");
        assert_eq!(leading_mentions("hello @a"), "");
        assert_eq!(leading_mentions("@a"), "");
    }
}
