//! The YTD archive (2019 on): `window.YTD.<type>.partN = [ … ]` files, read by what
//! they assign, not by their names.

use std::collections::{BTreeMap, HashMap};

use freehold_archive::json::{self, Prefix};
use freehold_archive::{Archive, Entry, Error, Fate, ParseContext, Severity};
use freehold_model::{
    Account, Attachment, Group, GroupMember, Media, ProfileField, Reaction, Relationship, id, time,
};
use serde_json::Value;

use crate::detect::{JsKind, is_js, is_viewer, sniff_js};
use crate::dm;
use crate::media::{MediaIndex, Owner, media_folder, url_basename};
use crate::tweet::{self, Source, State};
use crate::util::{
    IDS, Out, PLATFORM, extra_without, field_id, into_extra, is_real_id, skipped_without_id,
    str_exact, stub_account, text, unwrap, unwrap_owned, with_unread,
};
use freehold_archive::text::decode_html_entities;

/// What a data type is, and what we do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Account,
    Profile,
    ScreenNames,
    Emails,
    Phone,
    Timezone,
    Verified,
    AgeInfo,
    Protected,
    Notes,
    DeletedHeaders,
    Tweets(Source),
    Likes,
    Relation(&'static str, bool),
    Dms(bool),
    Lists(&'static str),
}

/// Data types that are read, in the order they must be read.
fn kind_of(global: &str) -> Option<Kind> {
    Some(match global {
        "account" => Kind::Account,
        "profile" => Kind::Profile,
        "screen_name_change" => Kind::ScreenNames,
        "email_address_change" => Kind::Emails,
        "phone_number" => Kind::Phone,
        "account_timezone" => Kind::Timezone,
        "verified" => Kind::Verified,
        "ageinfo" => Kind::AgeInfo,
        "protected_history" => Kind::Protected,
        "note_tweet" => Kind::Notes,
        "deleted_tweet_headers" => Kind::DeletedHeaders,
        "tweet" | "tweets" => Kind::Tweets(Source::Timeline),
        "deleted_tweets" | "deleted_tweet" => Kind::Tweets(Source::Deleted),
        "community_tweet" => Kind::Tweets(Source::Community),
        "twitter_circle_tweet" => Kind::Tweets(Source::Circle),
        "like" => Kind::Likes,
        "follower" => Kind::Relation("follows", false),
        "following" => Kind::Relation("follows", true),
        "block" => Kind::Relation("blocks", true),
        "mute" => Kind::Relation("mutes", true),
        "direct_messages" | "direct_message" => Kind::Dms(false),
        "direct_messages_group" | "direct_message_group" => Kind::Dms(true),
        "lists_created" => Kind::Lists("owner"),
        "lists_member" => Kind::Lists("member"),
        "lists_subscribed" => Kind::Lists("subscriber"),
        _ => return None,
    })
}

fn order(kind: Kind) -> u8 {
    match kind {
        Kind::Account => 0,
        Kind::Profile
        | Kind::ScreenNames
        | Kind::Emails
        | Kind::Phone
        | Kind::Timezone
        | Kind::Verified
        | Kind::AgeInfo => 1,
        Kind::Protected | Kind::Notes | Kind::DeletedHeaders => 2,
        Kind::Tweets(_) => 3,
        Kind::Likes | Kind::Relation(..) | Kind::Lists(_) => 4,
        Kind::Dms(_) => 5,
    }
}

/// Data types freehold knows and deliberately does not import, with the reason.
fn skipped(global: &str) -> Option<&'static str> {
    const HEADERS: &str = "ids and dates only; the full records are in the main file";
    const ADS: &str = "advertising and tracking data";
    const SECURITY: &str = "security and device data (IP addresses, devices, sessions)";
    Some(match global {
        "tweet_headers"
        | "tweets_headers"
        | "direct_message_headers"
        | "direct_message_group_headers"
        | "direct_messages_headers"
        | "direct_messages_group_headers" => HEADERS,
        g if g.starts_with("ad_") || g.starts_with("ads_") || g == "personalization" => ADS,
        "ip_audit"
        | "account_creation_ip"
        | "device_token"
        | "ni_devices"
        | "key_registry"
        | "sso"
        | "connected_application"
        | "app"
        | "account_label"
        | "account_suspension" => SECURITY,
        g if g.starts_with("periscope_") => "Periscope data (not mapped yet)",
        g if g.starts_with("community_note") => "Community Notes written or rated (not mapped yet)",
        g if g.starts_with("shop")
            || g.starts_with("product_")
            || g.starts_with("commerce")
            || g.starts_with("catalog")
            || g == "twitter_shop"
            || g == "shopify_account" =>
        {
            "shopping data"
        }
        "deleted_note_tweet" => "deleted long posts (not mapped yet)",
        "grok_chat_item" => "Grok chat history (not mapped yet)",
        "saved_search"
        | "user_link_clicks"
        | "contact"
        | "direct_message_mute"
        | "smartblock"
        | "reply_prompt"
        | "expanded_profile"
        | "professional_data"
        | "spaces_metadata"
        | "audio_video_calls_in_dm"
        | "audio_video_calls_in_dm_recipient_sessions"
        | "branch_links"
        | "moment"
        | "fleet"
        | "tweetdeck"
        | "twitter_article"
        | "twitter_article_metadata"
        | "article"
        | "article_metadata"
        | "twitter_circle"
        | "twitter_circle_member"
        | "verified_organization"
        | "email_address"
        | "mobile" => "known data type, not mapped yet",
        _ => return None,
    })
}

struct DataFile<'a> {
    entry: &'a Entry,
    global: String,
    part: u32,
    kind: Kind,
}

/// Parses a YTD archive of any era.
pub(crate) fn parse(archive: &Archive, cx: &mut ParseContext<'_>) -> Result<(), Error> {
    let mut state = State {
        media: MediaIndex::build(archive),
        ..State::default()
    };
    let (mut files, manifest) = data_files(archive, cx)?;
    files.sort_by(|a, b| {
        (order(a.kind), &a.global, a.part).cmp(&(order(b.kind), &b.global, b.part))
    });

    let expected = match manifest {
        Some(entry) => read_manifest(archive, entry, cx, &mut state)?,
        None => HashMap::new(),
    };

    let mut protected_events: Vec<(String, bool)> = Vec::new();
    let mut screen_names: Vec<NameChange> = Vec::new();
    let mut protected_done = false;
    for file in &files {
        if file.kind == Kind::Tweets(Source::Timeline) && !protected_done {
            protected_done = true;
            if !protected_events.is_empty() || files.iter().any(|f| f.kind == Kind::Protected) {
                state.protected = Some(protected_periods(&mut protected_events));
            }
        }
        read_data_file(
            archive,
            cx,
            &mut state,
            file,
            &expected,
            &mut screen_names,
            &mut protected_events,
        )?;
    }
    if !protected_done && !protected_events.is_empty() {
        state.protected = Some(protected_periods(&mut protected_events));
    }
    if !screen_names.is_empty() {
        emit_screen_names(cx, &state, &mut screen_names)?;
    }
    tweet::emit_unused_notes(cx, &mut state)?;
    state.media.emit_unclaimed(cx)?;
    Ok(())
}

/// The archive's YTD data files of known types, and its manifest. Media files, the
/// offline viewer, `README.txt` and data types freehold does not read get their fate
/// here (an unknown type also a note).
fn data_files<'a>(
    archive: &'a Archive,
    cx: &mut ParseContext<'_>,
) -> Result<(Vec<DataFile<'a>>, Option<&'a Entry>), Error> {
    let mut files: Vec<DataFile<'_>> = Vec::new();
    let mut manifest: Option<&Entry> = None;
    for entry in archive.entries() {
        if media_folder(entry).is_some() {
            cx.set_fate(entry, Fate::Media, "media file");
            continue;
        }
        if is_viewer(entry) {
            cx.set_fate(entry, Fate::Skipped, "offline viewer");
            continue;
        }
        if entry.file_name().eq_ignore_ascii_case("README.txt") {
            cx.set_fate(entry, Fate::Skipped, "X's description of the archive");
            continue;
        }
        if !is_js(entry) {
            continue;
        }
        let head = match archive.head(entry, 128) {
            Ok(head) => head,
            Err(e) => {
                cx.entry_error(entry, e)?;
                continue;
            }
        };
        match sniff_js(&head) {
            JsKind::Ytd { global, part } => match kind_of(&global) {
                Some(kind) => files.push(DataFile {
                    entry,
                    global,
                    part,
                    kind,
                }),
                None => not_read(cx, entry, &global),
            },
            JsKind::Manifest => manifest = Some(entry),
            _ => {}
        }
    }
    Ok((files, manifest))
}

/// Gives a data file of a type freehold does not read (`global`) its fate: skipped
/// with the reason for a known type, unknown (and a note) for any other.
fn not_read(cx: &mut ParseContext<'_>, entry: &Entry, global: &str) {
    match skipped(global) {
        Some(reason) => cx.set_fate(entry, Fate::Skipped, format!("{global}: {reason}")),
        None => {
            cx.set_fate(entry, Fate::Unknown, format!("unknown data type {global}"));
            cx.diagnose(
                Severity::Info,
                freehold_archive::codes::UNKNOWN_FILE,
                Some(&entry.path),
                None,
                format!("data type `{global}` is not known to freehold; it was not imported"),
            );
        }
    }
}

/// Reads one data file, streamed, element by element (the screen-name changes and
/// protected-account events are gathered for later), and checks its count against the
/// manifest's (`expected`, by path).
fn read_data_file(
    archive: &Archive,
    cx: &mut ParseContext<'_>,
    state: &mut State,
    file: &DataFile<'_>,
    expected: &HashMap<String, u64>,
    screen_names: &mut Vec<NameChange>,
    protected_events: &mut Vec<(String, bool)>,
) -> Result<(), Error> {
    cx.begin_file(file.entry, &format!("{} (part {})", file.global, file.part));
    let mut out = Out {
        cx: &mut *cx,
        path: file.entry.path.clone(),
    };
    let kind = file.kind;
    let max_record = archive.limits().max_record_bytes;
    let counted = archive.read_entry_with_progress(file.entry, out.cx.progress(), |r| {
        Ok(json::for_each_element_limited(
            r,
            Prefix::Assignment,
            max_record,
            |i, v| {
                let loc = format!("[{i}]");
                element(
                    &mut out,
                    state,
                    kind,
                    v,
                    &loc,
                    screen_names,
                    protected_events,
                )
            },
        ))
    });
    let counted = match counted {
        Ok(counted) => counted,
        Err(e) => {
            cx.entry_error(file.entry, e)?;
            return Ok(());
        }
    };
    match counted {
        Ok(streamed) => {
            cx.json_recovered(file.entry, &streamed.recoveries);
            let n = streamed.elements();
            if let Some(&want) = expected.get(&file.entry.path)
                && want != n
            {
                cx.diagnose(
                    Severity::Warning,
                    freehold_archive::codes::COUNT_MISMATCH,
                    Some(&file.entry.path),
                    None,
                    format!("the manifest promises {want} records, the file holds {n}"),
                );
            }
        }
        Err(Ok(e)) => return Err(e),
        Err(Err(e)) => {
            cx.file_failed(
                file.entry,
                e.code,
                Some(e.locator()),
                format!(
                    "{}: {}; records before this point were imported",
                    e.kind(),
                    e.message
                ),
            );
        }
    }
    Ok(())
}

/// Reads `manifest.js`: the owner, the generation date, and which files it promises.
fn read_manifest(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    state: &mut State,
) -> Result<HashMap<String, u64>, Error> {
    cx.begin_file(entry, "manifest");
    let value = match archive.read_entry(entry, |r| Ok(json::read_value(r, Prefix::Assignment))) {
        Ok(value) => value,
        Err(e) => {
            cx.entry_error(entry, e)?;
            return Ok(HashMap::new());
        }
    };
    let manifest = match value {
        Ok(v) => v,
        Err(e) => {
            cx.file_failed(entry, e.code, Some(e.locator()), e.message);
            return Ok(HashMap::new());
        }
    };
    let info = manifest.get("archiveInfo");
    cx.set_generated_at(
        info.and_then(|i| str_exact(i, "generationDate"))
            .and_then(time::from_rfc3339),
    );
    if info
        .and_then(|i| i.get("isPartialArchive"))
        .and_then(Value::as_bool)
        == Some(true)
    {
        cx.diagnose(
            Severity::Warning,
            freehold_archive::codes::PARTIAL_ARCHIVE,
            Some(&entry.path),
            None,
            "X marked this archive as partial: import the other parts too",
        );
    }
    if let Some(user) = manifest.get("userInfo")
        && let Some(uid) = str_exact(user, "accountId").filter(|u| is_real_id(u))
    {
        state.owner = Some(uid.to_string());
        let mut out = Out {
            cx: &mut *cx,
            path: entry.path.clone(),
        };
        out.emit(
            Account {
                is_owner: true,
                ..crate::util::named_account(
                    uid,
                    str_exact(user, "userName"),
                    str_exact(user, "displayName"),
                )
            },
            "userInfo",
        )?;
    }
    let mut expected = HashMap::new();
    let types = manifest.get("dataTypes").and_then(Value::as_object);
    for (name, data_type) in types.into_iter().flatten() {
        let files = data_type
            .get("files")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for f in files {
            let Some(file_name) = str_exact(f, "fileName") else {
                continue;
            };
            let path = freehold_archive::normalise(file_name);
            let found = archive.get(&path).or_else(|| archive.find(&path));
            match found {
                Some(found) => {
                    if let Some(count) = f.get("count").and_then(crate::util::integer) {
                        expected.insert(found.path.clone(), u64::try_from(count).unwrap_or(0));
                    }
                }
                None => cx.diagnose(
                    Severity::Error,
                    freehold_archive::codes::MISSING_PART,
                    Some(&path),
                    None,
                    format!("the manifest lists this file ({name}) but the archive does not hold it; its records are missing"),
                ),
            }
        }
    }
    Ok(expected)
}

fn element(
    out: &mut Out<'_, '_>,
    state: &mut State,
    kind: Kind,
    owned: Value,
    loc: &str,
    screen_names: &mut Vec<NameChange>,
    protected: &mut Vec<(String, bool)>,
) -> Result<(), Error> {
    let v = &owned;
    match kind {
        Kind::Account => account(out, state, unwrap(v, "account"), loc),
        Kind::Profile => profile(out, state, unwrap(v, "profile"), loc),
        Kind::ScreenNames => {
            let v = unwrap(v, "screenNameChange");
            let owner = str_exact(v, "accountId")
                .map(str::to_string)
                .or_else(|| state.owner.clone());
            let change = v.get("screenNameChange").unwrap_or(v);
            let at = tweet::rfc3339_or_report(
                out,
                change,
                "changedAt",
                loc,
                "this screen-name change is not in the handle history",
            );
            if let (Some(owner), Some(at)) = (owner, at) {
                screen_names.push(NameChange {
                    owner,
                    at,
                    from: str_exact(change, "changedFrom")
                        .unwrap_or_default()
                        .to_string(),
                    to: str_exact(change, "changedTo")
                        .unwrap_or_default()
                        .to_string(),
                    path: out.path.clone(),
                    locator: loc.to_string(),
                });
            }
            Ok(())
        }
        Kind::Emails => {
            let v = unwrap(v, "emailAddressChange");
            let change = v.get("emailChange").unwrap_or(v);
            let Some(owner) = account_for(out, state, v, loc)? else {
                return Ok(());
            };
            if let Some(to) = str_exact(change, "changedTo") {
                let at = tweet::rfc3339_or_report(
                    out,
                    change,
                    "changedAt",
                    loc,
                    "the email is kept without its date",
                );
                out.emit(field(&owner, "email", to, at, None), loc)?;
            }
            Ok(())
        }
        Kind::Phone => {
            let v = unwrap(v, "device");
            match (state.owner.as_deref(), str_exact(v, "phoneNumber")) {
                (Some(owner), Some(phone)) => {
                    out.emit(field(&IDS.account(owner), "phone", phone, None, None), loc)
                }
                _ => Ok(()),
            }
        }
        Kind::Timezone => simple_field(
            out,
            state,
            unwrap(v, "accountTimezone"),
            "timeZone",
            "timezone",
            loc,
        ),
        Kind::Verified => simple_field(
            out,
            state,
            unwrap(v, "verified"),
            "verified",
            "verified",
            loc,
        ),
        Kind::AgeInfo => {
            let info = unwrap(v, "ageMeta")
                .get("ageInfo")
                .cloned()
                .unwrap_or_default();
            let Some(owner) = state.owner.as_deref().map(|n| IDS.account(n)) else {
                return Ok(());
            };
            if let Some(birth) = info.get("birthDate").and_then(Value::as_str) {
                out.emit(field(&owner, "birthday", birth, None, None), loc)?;
            }
            Ok(())
        }
        Kind::Protected => {
            let v = unwrap(v, "protectedHistory");
            if let Some(at) = tweet::rfc3339_or_report(
                out,
                v,
                "protectedAt",
                loc,
                "this change of protection is not in the protected periods",
            ) {
                let on = str_exact(v, "action").is_none_or(|a| a.eq_ignore_ascii_case("protect"));
                protected.push((at, on));
            }
            Ok(())
        }
        Kind::Notes => {
            let path = out.path.clone();
            if !state
                .notes
                .add(unwrap(v, "noteTweet"), &path, loc.to_string())
            {
                skipped_without_id(out, loc, "a note tweet without noteTweetId was skipped");
            }
            Ok(())
        }
        Kind::DeletedHeaders => {
            // Only this file says when a deleted tweet was deleted.
            let v = unwrap(v, "tweet");
            if let (Some(tweet), Some(at)) = (
                text(v, "tweet_id").filter(|t| is_real_id(t)),
                str_exact(v, "deleted_at").and_then(tweet::tweet_time),
            ) {
                state.deleted_at.insert(tweet, at);
            }
            Ok(())
        }
        Kind::Tweets(source) => {
            tweet::emit_tweet(out, state, unwrap_owned(owned, "tweet"), loc, source).map(|_| ())
        }
        Kind::Likes => like(out, state, unwrap_owned(owned, "like"), loc),
        Kind::Relation(kind, outgoing) => {
            let key = match out.path.as_str() {
                _ if kind == "blocks" => "blocking",
                _ if kind == "mutes" => "muting",
                _ if outgoing => "following",
                _ => "follower",
            };
            relation(out, state, unwrap_owned(owned, key), kind, outgoing, loc)
        }
        Kind::Dms(group) => dm::emit_conversation(out, state, v, loc, group),
        Kind::Lists(role) => list(out, state, unwrap(v, "userListInfo"), role, loc),
    }
}

/// The account a record is about (its `accountId`, else the owner); a stub account is
/// emitted when it is not the owner.
fn account_for(
    out: &mut Out<'_, '_>,
    state: &State,
    v: &Value,
    loc: &str,
) -> Result<Option<String>, Error> {
    let native = str_exact(v, "accountId")
        .filter(|a| is_real_id(a))
        .map(str::to_string)
        .or_else(|| state.owner.clone());
    if let Some(native) = &native
        && state.owner.as_deref() != Some(native.as_str())
    {
        out.emit(stub_account(native), loc)?;
    }
    Ok(native.map(|a| IDS.account(&a)))
}

fn field(
    account: &str,
    name: &str,
    value: &str,
    started: Option<String>,
    ended: Option<String>,
) -> ProfileField {
    ProfileField {
        id: field_id(
            account,
            name,
            &[
                value,
                started.as_deref().unwrap_or(""),
                ended.as_deref().unwrap_or(""),
            ],
        ),
        account_id: account.to_string(),
        field: name.into(),
        value: value.to_string(),
        started_at: started,
        ended_at: ended,
        extra: None,
    }
}

fn simple_field(
    out: &mut Out<'_, '_>,
    state: &State,
    v: &Value,
    key: &str,
    name: &str,
    loc: &str,
) -> Result<(), Error> {
    let value = match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Ok(()),
    };
    let Some(owner) = account_for(out, state, v, loc)? else {
        return Ok(());
    };
    out.emit(field(&owner, name, &value, None, None), loc)
}

const ACCOUNT_MAPPED: &[&str] = &[
    "accountId",
    "username",
    "accountDisplayName",
    "email",
    "phoneNumber",
    "createdAt",
];

fn account(out: &mut Out<'_, '_>, state: &mut State, v: &Value, loc: &str) -> Result<(), Error> {
    let Some(uid) = str_exact(v, "accountId") else {
        return Ok(());
    };
    state.owner = Some(uid.to_string());
    let aid = IDS.account(uid);
    out.emit(
        Account {
            is_owner: true,
            extra: extra_without(v, ACCOUNT_MAPPED),
            ..crate::util::named_account(
                uid,
                str_exact(v, "username"),
                str_exact(v, "accountDisplayName"),
            )
        },
        loc,
    )?;
    if let Some(created) = tweet::rfc3339_or_report(
        out,
        v,
        "createdAt",
        loc,
        "the account's creation date is not kept",
    ) {
        out.emit(field(&aid, "created_at", &created, None, None), loc)?;
    }
    if let Some(email) = str_exact(v, "email") {
        out.emit(field(&aid, "email", email, None, None), loc)?;
    }
    if let Some(phone) = str_exact(v, "phoneNumber") {
        out.emit(field(&aid, "phone", phone, None, None), loc)?;
    }
    Ok(())
}

fn profile(out: &mut Out<'_, '_>, state: &mut State, v: &Value, loc: &str) -> Result<(), Error> {
    let Some(owner) = state.owner.clone() else {
        return Ok(());
    };
    let aid = IDS.account(&owner);
    let description = v.get("description").cloned().unwrap_or_default();
    for (key, name) in [
        ("bio", "bio"),
        ("website", "website"),
        ("location", "location"),
    ] {
        if let Some(value) = str_exact(&description, key) {
            out.emit(
                field(&aid, name, &decode_html_entities(value), None, None),
                loc,
            )?;
        }
    }
    for (key, role) in [("avatarMediaUrl", "avatar"), ("headerMediaUrl", "header")] {
        let Some(url) = str_exact(v, key) else {
            continue;
        };
        let file = state
            .media
            .claim(&owner, Owner::Account, &[url_basename(url)]);
        let mid = IDS.media(&format!("url:{}", id::hash_parts(&[url])));
        out.emit(
            Media {
                id: mid.clone(),
                platform: PLATFORM.into(),
                kind: "photo".into(),
                archive_path: file.as_ref().map(|f| f.path.clone()),
                remote_url: Some(url.to_string()),
                mime: freehold_archive::text::mime_from_url(url).map(str::to_string),
                bytes: file.as_ref().and_then(|f| i64::try_from(f.size).ok()),
                title: Some(role.into()),
                ..Media::default()
            },
            loc,
        )?;
        out.emit(
            Attachment {
                id: id::child(&aid, "media", &mid),
                media_id: mid,
                owner_kind: "account".into(),
                owner_id: aid.clone(),
                position: None,
                extra: Some(
                    [("role".to_string(), Value::from(role))]
                        .into_iter()
                        .collect(),
                ),
            },
            loc,
        )?;
    }
    Ok(())
}

fn like(out: &mut Out<'_, '_>, state: &mut State, v: Value, loc: &str) -> Result<(), Error> {
    let Some(tweet) = text(&v, "tweetId").filter(|t| is_real_id(t)) else {
        skipped_without_id(out, loc, "a like without a tweetId was skipped");
        return Ok(());
    };
    let actor = state.owner_account(out);
    let target_url = str_exact(&v, "expandedUrl").map(str::to_string);
    let target_text = str_exact(&v, "fullText").map(decode_html_entities);
    let created_at = tweet::checked_time(out, str_exact(&v, "likedAt"), loc);
    let unread = created_at
        .is_none()
        .then(|| v.get("likedAt").cloned())
        .flatten();
    out.emit(
        Reaction {
            id: IDS.of(
                "like",
                &format!("{}:{tweet}", state.owner.as_deref().unwrap_or("unknown")),
            ),
            platform: PLATFORM.into(),
            kind: "like".into(),
            actor_account: actor,
            target_post: Some(IDS.post(&tweet)),
            target_message: None,
            target_url,
            target_text,
            created_at,
            extra: with_unread(
                into_extra(v, &["tweetId", "expandedUrl", "fullText", "likedAt"]),
                "likedAt",
                unread,
            ),
        },
        loc,
    )
}

fn relation(
    out: &mut Out<'_, '_>,
    state: &mut State,
    v: Value,
    kind: &str,
    outgoing: bool,
    loc: &str,
) -> Result<(), Error> {
    let Some(other) = text(&v, "accountId").filter(|a| is_real_id(a)) else {
        skipped_without_id(
            out,
            loc,
            &format!("a {kind} entry without an accountId was skipped"),
        );
        return Ok(());
    };
    let Some(owner) = state.owner.clone() else {
        state.owner_account(out);
        return Ok(());
    };
    out.emit(stub_account(&other), loc)?;
    let (from, to) = if outgoing {
        (&owner, &other)
    } else {
        (&other, &owner)
    };
    let started_at = tweet::rfc3339_or_report(out, &v, "createdAt", loc, "kept in extra");
    let unread = started_at
        .is_none()
        .then(|| v.get("createdAt").cloned())
        .flatten();
    out.emit(
        Relationship {
            id: IDS.of(kind, &format!("{from}:{to}")),
            platform: PLATFORM.into(),
            kind: kind.into(),
            from_account: IDS.account(from),
            to_account: IDS.account(to),
            started_at,
            ended_at: None,
            status: None,
            extra: with_unread(
                into_extra(v, &["accountId", "userLink", "createdAt"]),
                "createdAt",
                unread,
            ),
        },
        loc,
    )
}

fn list(
    out: &mut Out<'_, '_>,
    state: &mut State,
    v: &Value,
    role: &str,
    loc: &str,
) -> Result<(), Error> {
    let urls: Vec<&str> = match v.get("urls").and_then(Value::as_array) {
        Some(a) => a.iter().filter_map(Value::as_str).collect(),
        None => str_exact(v, "url").into_iter().collect(),
    };
    let Some(owner) = state.owner_account(out) else {
        return Ok(());
    };
    for url in urls {
        let gid = IDS.of(
            "list",
            url.trim_end_matches('/')
                .rsplit("twitter.com/")
                .next()
                .unwrap_or(url),
        );
        let name = url
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .map(str::to_string);
        out.emit(
            Group {
                id: gid.clone(),
                platform: PLATFORM.into(),
                native_id: None,
                name,
                description: None,
                url: Some(url.to_string()),
                kind: "list".into(),
                extra: None,
            },
            loc,
        )?;
        out.emit(
            GroupMember {
                id: id::child(&gid, "member", &owner),
                group_id: gid,
                account_id: owner.clone(),
                role: Some(role.into()),
                joined_at: None,
                extra: None,
            },
            loc,
        )?;
    }
    Ok(())
}

/// Turns protect/unprotect events into protected periods.
fn protected_periods(events: &mut [(String, bool)]) -> Vec<(String, Option<String>)> {
    events.sort();
    let mut periods = Vec::new();
    let mut start: Option<String> = None;
    for (at, on) in events.iter() {
        match (on, &start) {
            (true, None) => start = Some(at.clone()),
            (false, Some(s)) => {
                periods.push((s.clone(), Some(at.clone())));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        periods.push((s, None));
    }
    periods
}

/// One line of `screen-name-change.js`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct NameChange {
    owner: String,
    at: String,
    from: String,
    to: String,
    path: String,
    locator: String,
}

/// Handle changes become dated `handle` profile fields: each handle with the period it
/// was in use.
fn emit_screen_names(
    cx: &mut ParseContext<'_>,
    state: &State,
    changes: &mut [NameChange],
) -> Result<(), Error> {
    changes.sort();
    let mut by_owner: BTreeMap<&str, Vec<&NameChange>> = BTreeMap::new();
    for change in changes.iter() {
        by_owner
            .entry(change.owner.as_str())
            .or_default()
            .push(change);
    }
    for (owner, list) in by_owner {
        let aid = IDS.account(owner);
        if state.owner.as_deref() != Some(owner)
            && let Some(first) = list.first()
        {
            cx.emit(stub_account(owner), &first.path, first.locator.clone())?;
        }
        let mut previous_end: Option<String> = None;
        for (i, change) in list.iter().enumerate() {
            let (path, loc) = (&change.path, change.locator.clone());
            if !change.from.is_empty() {
                cx.emit(
                    field(
                        &aid,
                        "handle",
                        &change.from,
                        previous_end.clone(),
                        Some(change.at.clone()),
                    ),
                    path,
                    loc.clone(),
                )?;
            }
            previous_end = Some(change.at.clone());
            if i + 1 == list.len() && !change.to.is_empty() {
                cx.emit(
                    field(&aid, "handle", &change.to, Some(change.at.clone()), None),
                    path,
                    loc,
                )?;
            }
        }
    }
    Ok(())
}
