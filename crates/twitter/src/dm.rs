//! Direct messages: `direct-messages.js` (1:1) and `direct-messages-group.js` (groups).

use std::collections::BTreeMap;

use freehold_archive::Error;
use freehold_model::{Attachment, Conversation, ConversationMember, Media, Message, Reaction, id};
use serde_json::{Map, Value};

use crate::media::{Owner, url_basename};
use crate::tweet::{State, checked_time, clean_text};
use crate::util::{
    IDS, Out, PLATFORM, array, extra_without, is_real_id, real_ids, skipped_without_id, str_exact,
    stub_account, unwrap, url_pairs, with_unread,
};

#[derive(Default)]
struct Member {
    joined_at: Option<String>,
    left_at: Option<String>,
}

const MESSAGE_MAPPED: &[&str] = &[
    "id",
    "senderId",
    "text",
    "createdAt",
    "mediaUrls",
    "reactions",
];

/// Emits one `dmConversation` element.
pub(crate) fn emit_conversation(
    out: &mut Out<'_, '_>,
    state: &mut State,
    element: &Value,
    locator: &str,
    group: bool,
) -> Result<(), Error> {
    let v = unwrap(element, "dmConversation");
    let Some(native) = str_exact(v, "conversationId") else {
        skipped_without_id(
            out,
            locator,
            "a conversation without conversationId was skipped",
        );
        return Ok(());
    };
    let conversation_id = IDS.conversation(native);
    let mut members: BTreeMap<String, Member> = BTreeMap::new();
    if !group {
        for part in native.split('-').filter(|p| is_real_id(p)) {
            members.entry(part.to_string()).or_default();
        }
    }
    let mut title: Option<(String, String)> = None;
    let mut pending = Vec::new();

    let items = v
        .get("messages")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for (j, item) in items.iter().enumerate() {
        let loc = format!("{locator}.messages[{j}]");
        let Some((key, body)) = item.as_object().and_then(|o| o.iter().next()) else {
            continue;
        };
        let created = checked_time(out, str_exact(body, "createdAt"), &loc);
        match key.as_str() {
            "messageCreate" => {
                for key in ["senderId", "recipientId"] {
                    if let Some(uid) = str_exact(body, key).filter(|u| is_real_id(u)) {
                        members.entry(uid.to_string()).or_default();
                    }
                }
                pending.push((loc, body, created, None));
            }
            "joinConversation" | "participantsJoin" => {
                let list = if key == "joinConversation" {
                    "participantsSnapshot"
                } else {
                    "userIds"
                };
                for uid in real_ids(body, list) {
                    let m = members.entry(uid.to_string()).or_default();
                    if key == "participantsJoin" {
                        m.joined_at = earliest(m.joined_at.take(), created.clone());
                    }
                }
                if let Some(uid) = str_exact(body, "initiatingUserId").filter(|u| is_real_id(u)) {
                    members.entry(uid.to_string()).or_default();
                }
                pending.push((loc, body, created, Some(key.as_str())));
            }
            "participantsLeave" => {
                for uid in real_ids(body, "userIds") {
                    let m = members.entry(uid.to_string()).or_default();
                    m.left_at = latest(m.left_at.take(), created.clone());
                }
                pending.push((loc, body, created, Some("participantsLeave")));
            }
            "conversationNameUpdate" => {
                if let (Some(name), Some(at)) = (str_exact(body, "name"), created.clone())
                    && title.as_ref().is_none_or(|(t, _)| at > *t)
                {
                    title = Some((at, name.to_string()));
                }
                if let Some(uid) = str_exact(body, "initiatingUserId").filter(|u| is_real_id(u)) {
                    members.entry(uid.to_string()).or_default();
                }
                pending.push((loc, body, created, Some("conversationNameUpdate")));
            }
            other => {
                pending.push((loc, body, created, Some(other)));
            }
        }
    }

    // Rows that others point at come first: accounts, the conversation, members.
    for uid in members.keys() {
        if state.owner.as_deref() != Some(uid.as_str()) {
            out.emit(stub_account(uid), locator)?;
        }
    }
    out.emit(
        Conversation {
            id: conversation_id.clone(),
            platform: PLATFORM.into(),
            native_id: Some(native.to_string()),
            title: title.map(|(_, t)| t),
            kind: if group { "group" } else { "direct" }.into(),
            extra: extra_without(v, &["conversationId", "messages"]),
        },
        locator,
    )?;
    for (uid, m) in &members {
        let aid = IDS.account(uid);
        out.emit(
            ConversationMember {
                id: id::child(&conversation_id, "member", &aid),
                conversation_id: conversation_id.clone(),
                account_id: aid,
                joined_at: m.joined_at.clone(),
                left_at: m.left_at.clone(),
                extra: None,
            },
            locator,
        )?;
    }

    for (loc, body, created, event) in pending {
        match event {
            None => emit_message(out, state, &conversation_id, body, created, &loc)?,
            Some(event) => emit_event(out, &conversation_id, event, body, created, &loc)?,
        }
    }
    Ok(())
}

fn emit_message(
    out: &mut Out<'_, '_>,
    state: &mut State,
    conversation_id: &str,
    body: &Value,
    created: Option<String>,
    loc: &str,
) -> Result<(), Error> {
    let native = str_exact(body, "id").map(str::to_string);
    let mid = match &native {
        Some(n) => IDS.message(n),
        None => IDS.message(&format!(
            "h{}",
            id::hash_parts(&[conversation_id, &body.to_string()])
        )),
    };
    let urls = url_pairs(array(body, "urls"), "url", "expanded");
    let text = str_exact(body, "text").map(|t| clean_text(t, &urls));
    let sender = str_exact(body, "senderId")
        .filter(|u| is_real_id(u))
        .map(|n| IDS.account(n));
    out.emit(
        Message {
            id: mid.clone(),
            conversation_id: conversation_id.to_string(),
            native_id: native.clone(),
            sender_account: sender,
            extra: with_unread(
                extra_without(body, MESSAGE_MAPPED),
                "createdAt",
                unread_date(body, created.as_deref()),
            ),
            sent_at: created,
            text,
            kind: "text".into(),
        },
        loc,
    )?;

    let media_urls = body
        .get("mediaUrls")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for (position, url) in media_urls.iter().filter_map(Value::as_str).enumerate() {
        let name = url_basename(url);
        let file = native
            .as_deref()
            .and_then(|n| state.media.claim(n, Owner::Message, &[name]));
        let media_native = dm_media_id(url)
            .map_or_else(|| format!("url:{}", id::hash_parts(&[url])), str::to_string);
        let media = Media {
            id: IDS.media(&media_native),
            platform: PLATFORM.into(),
            kind: if url.contains("/dm_gif/") {
                "gif"
            } else if url.contains("/dm_video/") {
                "video"
            } else {
                "photo"
            }
            .into(),
            archive_path: file.as_ref().map(|f| f.path.clone()),
            remote_url: Some(url.to_string()),
            mime: freehold_archive::text::mime_from_name(name).map(str::to_string),
            bytes: file.as_ref().and_then(|f| i64::try_from(f.size).ok()),
            ..Media::default()
        };
        let media_id = media.id.clone();
        out.emit(media, loc)?;
        out.emit(
            Attachment {
                id: id::child(&mid, "media", &media_id),
                media_id,
                owner_kind: "message".into(),
                owner_id: mid.clone(),
                position: i64::try_from(position).ok(),
                extra: None,
            },
            loc,
        )?;
    }

    let reactions = body
        .get("reactions")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for (k, r) in reactions.iter().enumerate() {
        let rloc = format!("{loc}.reactions[{k}]");
        let actor = str_exact(r, "senderId").filter(|u| is_real_id(u));
        if let Some(uid) = actor
            && state.owner.as_deref() != Some(uid)
        {
            out.emit(stub_account(uid), &rloc)?;
        }
        let created = checked_time(out, str_exact(r, "createdAt"), &rloc);
        let rid = match str_exact(r, "eventId") {
            Some(e) => IDS.reaction(e),
            None => IDS.reaction(&format!("h{}", id::hash_parts(&[&mid, &r.to_string()]))),
        };
        out.emit(
            Reaction {
                id: rid,
                platform: PLATFORM.into(),
                kind: str_exact(r, "reactionKey").unwrap_or("reaction").into(),
                actor_account: actor.map(|n| IDS.account(n)),
                target_post: None,
                target_message: Some(mid.clone()),
                target_url: None,
                target_text: None,
                extra: with_unread(
                    extra_without(r, &["senderId", "reactionKey", "eventId", "createdAt"]),
                    "createdAt",
                    unread_date(r, created.as_deref()),
                ),
                created_at: created,
            },
            &rloc,
        )?;
    }
    Ok(())
}

/// A join, leave or rename becomes a `system` message; its text is a plain description,
/// the ids are kept in `extra`.
fn emit_event(
    out: &mut Out<'_, '_>,
    conversation_id: &str,
    event: &str,
    body: &Value,
    created: Option<String>,
    loc: &str,
) -> Result<(), Error> {
    let ids = |key: &str| -> Vec<String> {
        body.get(key)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let initiator = str_exact(body, "initiatingUserId").filter(|u| is_real_id(u));
    let (sender, text) = match event {
        "joinConversation" => (initiator, "added you to the conversation".to_string()),
        "participantsJoin" => {
            let n = ids("userIds").len();
            (
                initiator,
                format!("added {n} participant{}", if n == 1 { "" } else { "s" }),
            )
        }
        "participantsLeave" => {
            let left = ids("userIds");
            if left.len() == 1 {
                (None, "left the conversation".to_string())
            } else {
                (None, format!("{} participants left", left.len()))
            }
        }
        "conversationNameUpdate" => (
            initiator,
            format!(
                "renamed the conversation to \u{201c}{}\u{201d}",
                str_exact(body, "name").unwrap_or("")
            ),
        ),
        other => (initiator, other.to_string()),
    };
    let sender = sender.map(str::to_string).or_else(|| {
        (event == "participantsLeave")
            .then(|| ids("userIds"))
            .filter(|l| l.len() == 1)
            .and_then(|l| l.into_iter().next())
    });
    let mut extra = Map::new();
    extra.insert("event".into(), Value::from(event));
    if let Some(rest) = with_unread(
        extra_without(body, &["createdAt"]),
        "createdAt",
        unread_date(body, created.as_deref()),
    ) {
        extra.extend(rest);
    }
    out.emit(
        Message {
            id: IDS.message(&format!(
                "event:{}",
                id::hash_parts(&[conversation_id, event, &body.to_string()])
            )),
            conversation_id: conversation_id.to_string(),
            native_id: None,
            sender_account: sender.map(|s| IDS.account(&s)),
            sent_at: created,
            text: Some(text),
            kind: "system".into(),
            extra: Some(extra),
        },
        loc,
    )
}

/// The media id inside a `ton.twitter.com/.../dm/<message id>/<media id>/<file>` URL.
fn dm_media_id(url: &str) -> Option<&str> {
    let mut parts = url.split('/').rev();
    let _file = parts.next()?;
    let media = parts.next()?;
    let message = parts.next()?;
    (is_real_id(media) && is_real_id(message)).then_some(media)
}

fn earliest(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn latest(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// `createdAt` as written, when it is there but could not be read (`created` is `None`).
fn unread_date(body: &Value, created: Option<&str>) -> Option<Value> {
    created
        .is_none()
        .then(|| body.get("createdAt").cloned())
        .flatten()
}
