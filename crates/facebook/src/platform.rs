//! The [`Platform`] implementation: classifying every file of the export and handing it
//! to the right reader.

use std::collections::BTreeMap;

use freehold_archive::json::{self, Prefix};
use freehold_archive::{Archive, Detection, Entry, Error, Fate, ParseContext, Platform, Severity};
use serde_json::Value;

use crate::detect::{self, Layout, full_path, is_thread_part, plain, thread_part_number};
use crate::media::MediaIndex;
use crate::messenger::{self, Thread};
use crate::social::{self, Tie};
use crate::state::State;
use crate::util::{
    Out, PLATFORM, People, Read, base_key, first_byte, normalise_name, read_json, read_json_as,
    stream_json,
};
use crate::{html, posts};

/// The Facebook parser.
#[derive(Debug, Default, Clone, Copy)]
pub struct Facebook;

impl Platform for Facebook {
    fn name(&self) -> &'static str {
        PLATFORM
    }

    fn data_folders(&self) -> &'static [&'static str] {
        crate::EXPORT_ROOTS
    }

    fn detect(&self, archive: &Archive) -> Option<Detection> {
        detect::detect(archive)
    }

    fn parse(
        &self,
        archive: &Archive,
        detection: &Detection,
        cx: &mut ParseContext<'_>,
    ) -> Result<(), Error> {
        let layout = detection.layout.get::<Layout>().unwrap_or(Layout::Json2024);
        if layout.is_html() {
            return html::parse(archive, layout, cx);
        }
        parse_json(archive, layout, cx)
    }
}

fn is_profile_file(entry: &Entry) -> bool {
    plain(entry.file_name()) == "profile_information.json"
}

/// Parses a JSON export of any era (and the Messenger secure-storage download).
fn parse_json(archive: &Archive, layout: Layout, cx: &mut ParseContext<'_>) -> Result<(), Error> {
    let media = MediaIndex::build(archive, cx, false);

    // The owner's name comes first: every other person's id is scoped by it.
    let mut profile: Option<(&Entry, Value)> = None;
    for entry in archive.entries().iter().filter(|e| is_profile_file(e)) {
        cx.begin_file(entry, "profile");
        if let Read::Value(v) = read_json(archive, entry, cx)?
            && profile.is_none()
        {
            profile = Some((entry, v));
        }
    }
    let profile_obj = profile
        .as_ref()
        .and_then(|(_, v)| crate::util::versioned(v, "profile").cloned());
    let mut owner_name = profile_obj.as_ref().and_then(social::profile_name);
    if owner_name.is_none() && layout == Layout::SecureStorage {
        owner_name = secure_owner(archive);
        match &owner_name {
            Some(name) => cx.diagnose(
                Severity::Info,
                freehold_archive::codes::OWNER_FROM_THREADS,
                None,
                None,
                format!(
                    "the secure-storage download does not name its owner; taken to be {name}, the only person taking part in every thread"
                ),
            ),
            None => cx.diagnose(
                Severity::Warning,
                freehold_archive::codes::NO_PROFILE,
                None,
                None,
                "the secure-storage download does not name its owner and no single person takes part in every thread: people's ids cannot be tied to the owner, so they will not match the same people in a Facebook export",
            ),
        }
    }
    let mut state = State::new(
        People::new(owner_name.as_deref()),
        std::sync::Arc::new(media),
    );
    if let Some(p) = &profile_obj {
        state.people.add_owner_aliases(social::owner_aliases(p));
    }
    match (&profile, &profile_obj) {
        (Some((entry, _)), Some(p)) => {
            let mut out = Out {
                cx: &mut *cx,
                path: entry.path.clone(),
            };
            social::profile(&mut out, &mut state, p, "profile")?;
        }
        _ if layout != Layout::SecureStorage => cx.diagnose(
            Severity::Warning,
            freehold_archive::codes::NO_PROFILE,
            None,
            None,
            "this archive holds no profile_information.json (in a multi-part export it may be in another part): the owner's name is unknown, so people's ids cannot be tied to the owner; import all parts together",
        ),
        _ => {}
    }

    let mut threads: BTreeMap<String, Vec<(u32, &Entry)>> = BTreeMap::new();
    let mut data: Vec<&Entry> = Vec::new();
    for entry in archive.entries() {
        if cx.fate(&entry.path).is_some() {
            continue;
        }
        let name = entry.file_name().to_ascii_lowercase();
        if name.ends_with(".json") {
            // In the secure-storage download every file of `messages/` is a whole thread,
            // even one named `message_1.json` (a thread called "Message").
            if is_thread_part(entry)
                && !(layout == Layout::SecureStorage && is_secure_thread(archive, entry))
            {
                let n = thread_part_number(entry.file_name(), "json").unwrap_or(1);
                threads
                    .entry(entry.dir().to_string())
                    .or_default()
                    .push((n, entry));
            } else {
                data.push(entry);
            }
        } else if name.ends_with(".html") || name.ends_with(".htm") {
            cx.set_fate(
                entry,
                Fate::Unknown,
                "HTML page inside a JSON export: not read",
            );
            cx.diagnose(
                Severity::Warning,
                freehold_archive::codes::HTML_IN_JSON_EXPORT,
                Some(&entry.path),
                None,
                "an HTML page inside a JSON export was not read; if the export mixes formats, download it again as JSON",
            );
        } else if name.ends_with(".css") || name.ends_with(".js") || name == "readme.txt" {
            cx.set_fate(entry, Fate::Skipped, "viewer file");
        }
    }
    for entry in data {
        data_file(archive, layout, cx, &mut state, entry)?;
    }
    // Threads are independent: they are read on every core, and their records reach the
    // database in this (sorted) order.
    let mut people = state.people;
    cx.parallel(
        |push| {
            threads.into_iter().try_for_each(|(dir, parts)| {
                let people = people.fork();
                push((
                    people,
                    Thread {
                        dir: full_dir(archive, &dir),
                        parts,
                    },
                ))
            })
        },
        |(people, thread), cx| {
            let mut local = State::new(people, std::sync::Arc::clone(&state.media));
            messenger::thread(archive, cx, &mut local, thread)
        },
    )?;
    state.media.emit_unclaimed(cx)
}

fn full_dir(archive: &Archive, dir: &str) -> String {
    match archive.wrapper() {
        Some(w) if full_path_is_rooted(archive) => format!("{w}/{dir}"),
        _ => dir.to_string(),
    }
}

fn full_path_is_rooted(archive: &Archive) -> bool {
    archive
        .entries()
        .first()
        .is_some_and(|e| full_path(archive, e) != e.path)
}

/// What a bare array file holds, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArrayKind {
    Posts,
    Tie(Tie),
    Reactions,
    Comments,
    /// Check-ins or places tagged in, with what they are (`extra.source`).
    Checkins(&'static str),
}

fn array_kind(plain_name: &str) -> Option<ArrayKind> {
    let n = plain_name;
    Some(
        if n.starts_with("your_posts") || n.starts_with("profile_posts") || n.starts_with("posts_")
        {
            ArrayKind::Posts
        } else if n.starts_with("people_who_followed_you") || n.starts_with("followers") {
            ArrayKind::Tie(Tie::Follower)
        } else if n.starts_with("who_you_ve_followed") || n.starts_with("following") {
            ArrayKind::Tie(Tie::Following)
        } else if n.starts_with("likes_and_reactions") || n.starts_with("posts_and_comments") {
            ArrayKind::Reactions
        } else if n.starts_with("comments") {
            ArrayKind::Comments
        } else if n.starts_with("check-ins") || n.starts_with("check_ins") {
            ArrayKind::Checkins("check-in")
        } else if n.starts_with("places_you_have_been_tagged_in") {
            ArrayKind::Checkins("place-tagged")
        } else {
            return None;
        },
    )
}

/// Reads one JSON data file (anything but a thread part).
fn data_file(
    archive: &Archive,
    layout: Layout,
    cx: &mut ParseContext<'_>,
    state: &mut State,
    entry: &Entry,
) -> Result<(), Error> {
    let name = plain(entry.file_name());
    if entry.refused().is_some() {
        let reason = entry.refused().unwrap_or_default().to_string();
        cx.file_failed(
            entry,
            freehold_archive::codes::UNREADABLE_FILE,
            None,
            format!("this file was refused: {reason}"),
        );
        return Ok(());
    }
    match first_byte(archive, entry) {
        Some(b'[') => array_file(archive, cx, state, entry, &name),
        Some(b'{') => {
            if (layout == Layout::SecureStorage || is_secure_thread(archive, entry))
                && let Some(done) = secure_file(archive, cx, state, entry)?
            {
                return Ok(done);
            }
            object_file(archive, cx, state, entry)
        }
        _ => {
            cx.set_fate(entry, Fate::Unknown, "not JSON");
            cx.diagnose(
                Severity::Warning,
                freehold_archive::codes::UNKNOWN_FILE,
                Some(&entry.path),
                None,
                "named .json but does not start with `{` or `[`; not imported",
            );
            Ok(())
        }
    }
}

/// A thread of the secure-storage download, if the file is one (read without repair:
/// that download is correct UTF-8).
fn secure_file(
    archive: &Archive,
    cx: &mut ParseContext<'_>,
    state: &mut State,
    entry: &Entry,
) -> Result<Option<()>, Error> {
    let head = match archive.head(entry, 4096) {
        Ok(head) => head,
        Err(e) => {
            cx.entry_error(entry, e)?;
            return Ok(Some(()));
        }
    };
    let head = String::from_utf8_lossy(&head);
    if !(head.contains("\"threadName\"") || head.contains("\"senderName\"")) {
        return Ok(None);
    }
    cx.begin_file(entry, "Messenger secure-storage thread");
    if let Read::Value(v) = read_json_as(archive, entry, cx, false)? {
        let stem = entry.file_name().trim_end_matches(".json").to_string();
        let mut out = Out {
            cx: &mut *cx,
            path: entry.path.clone(),
        };
        messenger::secure_thread(&mut out, state, &stem, &v)?;
    }
    Ok(Some(()))
}

/// Whether a file sits directly in `messages/`, where the secure-storage download puts
/// its threads.
fn is_secure_thread(archive: &Archive, entry: &Entry) -> bool {
    let full = full_path(archive, entry);
    full.rsplit_once('/')
        .is_some_and(|(dir, _)| dir == "messages")
        && entry.file_name().to_ascii_lowercase().ends_with(".json")
}

/// The owner of a secure-storage download, which does not name them: the only person
/// listed as a participant of every thread, when there are at least two threads and
/// exactly one such person. Files that cannot be read are left to the main pass to report.
fn secure_owner(archive: &Archive) -> Option<String> {
    let max = archive.limits().max_record_bytes;
    let mut common: Option<Vec<(String, String)>> = None;
    let mut threads = 0usize;
    for entry in archive
        .entries()
        .iter()
        .filter(|e| is_secure_thread(archive, e))
    {
        if entry.size > max || entry.refused().is_some() {
            continue;
        }
        let Ok(Ok(v)) = archive.read_entry(entry, |r| Ok(json::read_value(r, Prefix::None))) else {
            continue;
        };
        let names: Vec<(String, String)> = v
            .get("participants")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(|p| p.as_str().or_else(|| p.get("name").and_then(Value::as_str)))
            .map(|n| (normalise_name(n), n.trim().to_string()))
            .filter(|(k, _)| !k.is_empty())
            .collect();
        if names.is_empty() {
            continue;
        }
        threads += 1;
        common = Some(match common {
            None => names,
            Some(c) => c
                .into_iter()
                .filter(|(k, _)| names.iter().any(|(n, _)| n == k))
                .collect(),
        });
    }
    let mut common = common?;
    common.sort();
    common.dedup_by(|a, b| a.0 == b.0);
    match (threads >= 2, common.as_slice()) {
        (true, [(_, name)]) => Some(name.clone()),
        _ => None,
    }
}

fn array_file(
    archive: &Archive,
    cx: &mut ParseContext<'_>,
    state: &mut State,
    entry: &Entry,
    name: &str,
) -> Result<(), Error> {
    let Some(kind) = array_kind(name) else {
        return unknown(cx, entry, "a JSON list freehold does not know");
    };
    cx.begin_file(entry, kind_description(kind));
    let path = entry.path.clone();
    stream_json(archive, entry, cx, |cx, i, v| {
        let mut out = Out {
            cx,
            path: path.clone(),
        };
        array_item(&mut out, state, kind, &v, &format!("[{i}]"))
    })
}

fn kind_description(kind: ArrayKind) -> &'static str {
    match kind {
        ArrayKind::Posts => "posts",
        ArrayKind::Tie(Tie::Follower) => "followers",
        ArrayKind::Tie(_) => "following",
        ArrayKind::Reactions => "reactions",
        ArrayKind::Comments => "comments",
        ArrayKind::Checkins(_) => "check-ins",
    }
}

/// One element of a bare-array file.
fn array_item(
    out: &mut Out<'_, '_>,
    state: &mut State,
    kind: ArrayKind,
    v: &Value,
    loc: &str,
) -> Result<(), Error> {
    match kind {
        ArrayKind::Posts => posts::post(out, state, v, "status", loc),
        ArrayKind::Tie(tie) => social::person(out, state, v, tie, loc).map(|_| ()),
        ArrayKind::Reactions => posts::reaction(out, state, v, loc).map(|_| ()),
        ArrayKind::Comments => posts::comment(out, state, v, loc),
        ArrayKind::Checkins(source) => posts::checkin(out, state, v, source, loc),
    }
}

/// A label_values file holding exactly one record: Facebook writes that record as a bare
/// object instead of a one-element array. It is read as that array, by the file's name.
fn single_record_file(
    cx: &mut ParseContext<'_>,
    state: &mut State,
    entry: &Entry,
    name: &str,
    v: &Value,
) -> Result<(), Error> {
    let Some(kind) = array_kind(name) else {
        return unknown(
            cx,
            entry,
            "a single label_values record in a file freehold does not know",
        );
    };
    let mut out = Out {
        cx: &mut *cx,
        path: entry.path.clone(),
    };
    array_item(&mut out, state, kind, v, "[0]")?;
    cx.set_fate(
        entry,
        Fate::Parsed,
        format!("{} (a single record)", kind_description(kind)),
    );
    Ok(())
}

fn unknown(cx: &mut ParseContext<'_>, entry: &Entry, what: &str) -> Result<(), Error> {
    cx.set_fate(entry, Fate::Unknown, what);
    cx.diagnose(
        Severity::Info,
        freehold_archive::codes::UNKNOWN_FILE,
        Some(&entry.path),
        None,
        format!("{what}; it was not imported"),
    );
    Ok(())
}

/// Top-level keys freehold knows and deliberately does not import, with the reason.
fn skipped_key(key: &str) -> Option<&'static str> {
    const SECURITY: &str = "security and login data (IP addresses, devices, sessions)";
    Some(match key {
        "searches" => "search history: no table in the model yet",
        "account_activity"
        | "admin_records"
        | "used_ip_addresses"
        | "recognized_devices"
        | "logins_and_logouts"
        | "authorized_logins"
        | "active_sessions"
        | "login_protection_data"
        | "ip_address_activity" => SECURITY,
        "installed_apps"
        | "app_posts"
        | "off_facebook_activity"
        | "topics"
        | "ads_interests"
        | "advertisers_you_ve_interacted_with"
        | "custom_audiences" => "apps, ads and off-Facebook data",
        "people_you_may_know" | "suggested_friends" => "friend suggestions made by Facebook",
        "recently_viewed"
        | "recently_visited"
        | "notifications"
        | "saves"
        | "profile_updates"
        | "autofill_information"
        | "language_and_locale"
        | "viewed_posts" => "known data type, not mapped yet",
        _ => return None,
    })
}

fn object_file(
    archive: &Archive,
    cx: &mut ParseContext<'_>,
    state: &mut State,
    entry: &Entry,
) -> Result<(), Error> {
    cx.begin_file(entry, "data");
    let v = match read_json(archive, entry, cx)? {
        Read::Value(v) => v,
        Read::Failed => return Ok(()),
    };
    let Some(map) = v.as_object() else {
        return Ok(());
    };
    if map.contains_key("label_values") {
        return single_record_file(cx, state, entry, &plain(entry.file_name()), &v);
    }
    let mut out = Out {
        cx: &mut *cx,
        path: entry.path.clone(),
    };
    let mut read: Vec<&str> = Vec::new();
    let mut skipped: Vec<&'static str> = Vec::new();
    let mut unknown_keys: Vec<&str> = Vec::new();
    // An album: `{name, photos, cover_photo, last_modified_timestamp}`.
    if map.contains_key("photos") && map.contains_key("name") {
        posts::album(&mut out, state, &v, "album")?;
        out.cx.set_fate(entry, Fate::Parsed, "photo album");
        return Ok(());
    }
    for (key, value) in map {
        let base = base_key(key);
        let list = value.as_array().map(Vec::as_slice).unwrap_or_default();
        let each = |i: usize| format!("{key}[{i}]");
        if let Some(tie) = Tie::from_key(base) {
            for (i, p) in list.iter().enumerate() {
                social::person(&mut out, state, p, tie, &each(i))?;
            }
            read.push("people");
            continue;
        }
        match base {
            "profile" => read.push("profile"),
            "status_updates" | "posts" => {
                for (i, p) in list.iter().enumerate() {
                    posts::post(&mut out, state, p, "status", &each(i))?;
                }
                read.push("posts");
            }
            "group_posts" => {
                let list = group_list(value);
                for (i, p) in list.iter().enumerate() {
                    posts::post(&mut out, state, p, "group_post", &each(i))?;
                }
                read.push("group posts");
            }
            "other_photos" | "photos" => {
                for (i, p) in list.iter().enumerate() {
                    posts::loose_media(&mut out, state, p, "photo", i, &each(i))?;
                }
                read.push("photos");
            }
            "videos" => {
                for (i, p) in list.iter().enumerate() {
                    posts::loose_media(&mut out, state, p, "video", i, &each(i))?;
                }
                read.push("videos");
            }
            "comments" | "group_comments" => {
                let list = group_list(value);
                for (i, c) in list.iter().enumerate() {
                    posts::comment(&mut out, state, c, &each(i))?;
                }
                read.push("comments");
            }
            "reactions" => {
                for (i, r) in list.iter().enumerate() {
                    posts::reaction(&mut out, state, r, &each(i))?;
                }
                read.push("reactions");
            }
            "page_likes" | "pages_liked" | "liked_pages" => {
                for (i, p) in list.iter().enumerate() {
                    social::page(&mut out, state, p, "liked", &each(i))?;
                }
                read.push("pages liked");
            }
            "pages_followed" | "followed_pages" => {
                for (i, p) in list.iter().enumerate() {
                    social::page(&mut out, state, p, "follower", &each(i))?;
                }
                read.push("pages followed");
            }
            "groups_joined" | "groups_admined" => {
                let role = if base == "groups_admined" {
                    "admin"
                } else {
                    "member"
                };
                for (i, g) in list.iter().enumerate() {
                    social::group(&mut out, state, g, role, &each(i))?;
                }
                read.push("groups");
            }
            "event_responses" => {
                social::events(&mut out, value, "responded", key)?;
                read.push("events");
            }
            "events_invited" | "event_invitations" => {
                social::events(&mut out, value, "invited", key)?;
                read.push("events");
            }
            "your_events" => {
                social::events(&mut out, value, "hosting", key)?;
                read.push("events");
            }
            other => match skipped_key(other) {
                Some(why) => skipped.push(why),
                None => unknown_keys.push(key),
            },
        }
    }
    if !read.is_empty() {
        read.dedup();
        cx.set_fate(entry, Fate::Parsed, read.join(", "));
        if !unknown_keys.is_empty() {
            cx.diagnose(
                Severity::Info,
                freehold_archive::codes::UNKNOWN_KEY,
                Some(&entry.path),
                None,
                format!("keys not imported: {}", unknown_keys.join(", ")),
            );
        }
    } else if !skipped.is_empty() && unknown_keys.is_empty() {
        cx.set_fate(entry, Fate::Skipped, skipped[0]);
    } else {
        let keys: Vec<&str> = map.keys().map(String::as_str).collect();
        unknown(
            cx,
            entry,
            &format!(
                "a JSON file with keys freehold does not know ({})",
                keys.join(", ")
            ),
        )?;
    }
    Ok(())
}

/// A list that may be wrapped once more (`{"group_posts_v2": {"activity_log_data": [...]}}`).
fn group_list(v: &Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a.clone(),
        Value::Object(m) => m
            .values()
            .filter_map(Value::as_array)
            .flatten()
            .cloned()
            .collect(),
        _ => Vec::new(),
    }
}

/// Opens the archive at `path` (a zip, or the folder it extracts to), checks that it is
/// a Facebook export, and parses it: every record in the order read, and the report (each
/// file's fate, every diagnostic). Files no parser maps are kept as raw records, as an
/// import keeps them. For a database, a progress bar or another sink, use [`Facebook`]
/// with a [`ParseContext`] instead.
///
/// # Errors
///
/// When the archive cannot be opened, is not a Facebook export
/// ([`Error::Unrecognised`]), or cannot be read as a whole.
pub fn parse_path(
    path: impl AsRef<std::path::Path>,
) -> Result<(Vec<freehold_model::Record>, freehold_archive::Report), Error> {
    freehold_archive::parse_path(&Facebook, path.as_ref())
}
