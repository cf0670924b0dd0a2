//! `messages.csv` of every era: `FROM,TO,DATE,SUBJECT,CONTENT,DIRECTION,FOLDER` (≤ 2020),
//! the 9- and 10-column `CONVERSATION ID` headers, optional `ATTACHMENTS` and draft
//! columns, and the fully quoted 2026 file with line breaks inside `CONTENT`.
//!
//! Rows are streamed; only the set of members per conversation is kept.

use std::collections::{BTreeSet, HashMap};

use freehold_archive::{Archive, Entry, Error, Fate, ParseContext, Severity};
use freehold_model::{Attachment, Conversation, ConversationMember, Media, Message};
use serde_json::Value;

use crate::kind::Kind;
use crate::people::{NameTally, People, key, normalise_name, slug};
use crate::state::State;
use crate::util::{IDS, Out, PLATFORM, Rec, csv_file, scan_rows, short_hash};
use crate::vocab;

const REQUIRED: &[&str] = &["from", "to", "content"];

/// The name LinkedIn shows for hidden or deleted members.
const HIDDEN: &str = "linkedin member";

/// Reads a messages file once, quietly, before anything is written: learns which
/// profile URL belongs to which sender name (so that `TO` names can be resolved), and
/// returns the owner's URL slug (the URL sending under the owner's name).
pub(crate) fn prescan(
    archive: &Archive,
    entry: &Entry,
    owner_name: Option<&str>,
    people: &mut People,
) -> Option<String> {
    let owner_name = owner_name.map(normalise_name);
    let mut owner_slug = None;
    scan_rows(archive, entry, REQUIRED, |rec| {
        let Some(name) = rec.get(&["from"]).map(normalise_name) else {
            return;
        };
        let Some(s) = rec.get(&["sender profile url"]).and_then(slug) else {
            return;
        };
        if name == HIDDEN {
            return;
        }
        if owner_name.as_deref() == Some(name.as_str()) && owner_slug.is_none() {
            owner_slug = Some(s.clone());
        }
        // Two people sharing a name: neither is resolved by name.
        people.learn_url(&name, &s);
    });
    owner_slug
}

/// The one person in (nearly) every conversation of a messages file, for an archive
/// without `Profile.csv`: the name met in the most conversations (as `FROM` or in `TO`),
/// when it is in at least 9 of every 10 of at least two conversations and no other name
/// is in as many. Returns the name, its conversations and all conversations.
pub(crate) fn owner_by_presence(
    archive: &Archive,
    entry: &Entry,
    people: &People,
) -> Option<(String, usize, usize)> {
    let mut threads: HashMap<String, BTreeSet<String>> = HashMap::new();
    scan_rows(archive, entry, REQUIRED, |rec| {
        let mut names: Vec<String> = rec.get(&["from"]).map(str::to_string).into_iter().collect();
        if let Some(to) = rec.get(&["to"]) {
            names.extend(split_names(to, people));
        }
        let conversation = rec
            .get(&["conversation id"])
            .map(str::to_string)
            .unwrap_or_else(|| {
                // Before 2020 there are no conversation ids: a thread is its people.
                let mut all: Vec<String> = names.iter().map(|n| normalise_name(n)).collect();
                all.sort();
                all.join("\n")
            });
        let thread = threads.entry(conversation).or_default();
        for name in names {
            thread.insert(name.trim().to_string());
        }
    });
    let total = threads.len();
    let mut tally = NameTally::default();
    for names in threads.values() {
        let distinct: BTreeSet<String> = names.iter().map(|n| normalise_name(n)).collect();
        for key in distinct {
            if let Some(written) = names.iter().find(|n| normalise_name(n) == key) {
                tally.add(written);
            }
        }
    }
    let (name, n) = tally.leader()?;
    (total >= 2 && n * 10 >= total * 9).then(|| (name.to_string(), n, total))
}

#[derive(Default)]
struct Thread {
    members: BTreeSet<String>,
    kind: &'static str,
    title: Option<String>,
}

/// Reads one messages file into conversations, members and messages. Drafts are
/// dropped (and counted).
pub(crate) fn parse(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    state: &mut State,
) -> Result<(), Error> {
    let owner = state.people.owner.id.clone();
    let mut threads: HashMap<String, Thread> = HashMap::new();
    let mut drafts: Vec<u64> = Vec::new();
    let rows = csv_file(
        archive,
        entry,
        cx,
        "messages",
        vocab::of(Kind::Messages),
        Some("no messages (LinkedIn wrote a placeholder instead of a CSV)"),
        |out, rec| {
            if is_draft(rec) {
                drafts.push(rec.row.line);
                return Ok(());
            }
            message_row(out, rec, state, &owner, &mut threads)
        },
    )?;
    report(cx, entry, rows, threads.len(), &drafts);
    Ok(())
}

/// Whether a row is an unsent draft (`IS MESSAGE DRAFT` or `IS CONVERSATION DRAFT` is
/// `yes` or `true`).
fn is_draft(rec: &Rec<'_>) -> bool {
    let is_yes = |names: &[&str]| {
        rec.get(names)
            .is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "yes" | "true"))
    };
    is_yes(&["is message draft"]) || is_yes(&["is conversation draft"])
}

/// Reads one row that is no draft: its sender and members as accounts, its
/// conversation and the members new to it, then the message and its attachments.
fn message_row(
    out: &mut Out<'_, '_>,
    rec: &Rec<'_>,
    state: &mut State,
    owner: &str,
    threads: &mut HashMap<String, Thread>,
) -> Result<(), Error> {
    let loc = rec.loc();
    let direction = rec.get(&["direction"]).map(str::to_ascii_uppercase);
    let sender = sender_of(out, rec, state, owner, direction.as_deref(), &loc)?;
    let members = members_of(
        out,
        rec,
        state,
        owner,
        direction.as_deref(),
        sender.as_deref(),
        &loc,
    )?;
    let native = rec.get(&["conversation id"]);
    let conversation = conversation_id(native, &members, owner);
    let title = rec.get(&["conversation title"]).map(str::to_string);
    let thread = threads.entry(conversation.clone()).or_default();
    join_thread(out, thread, &conversation, native, title, &members, &loc)?;
    let message = emit_message(out, rec, &conversation, native, sender, &loc)?;
    attachments(out, rec, &message, &loc)
}

/// The row's sender: the owner when `DIRECTION` is `OUTGOING`, nobody for a hidden
/// member without a profile URL, else the account of `FROM` and `SENDER PROFILE URL`.
fn sender_of(
    out: &mut Out<'_, '_>,
    rec: &Rec<'_>,
    state: &mut State,
    owner: &str,
    direction: Option<&str>,
    loc: &str,
) -> Result<Option<String>, Error> {
    let from_name = rec.get(&["from"]);
    let sender_url = rec.get(&["sender profile url"]);
    if direction == Some("OUTGOING") {
        Ok(Some(owner.to_string()))
    } else if from_name.is_some_and(|n| normalise_name(n) == HIDDEN) && sender_url.is_none() {
        Ok(None)
    } else {
        state.people.person(out, from_name, sender_url, true, loc)
    }
}

/// The conversation's members as one row shows them, sorted: the recipients, the
/// sender and the owner.
fn members_of(
    out: &mut Out<'_, '_>,
    rec: &Rec<'_>,
    state: &mut State,
    owner: &str,
    direction: Option<&str>,
    sender: Option<&str>,
    loc: &str,
) -> Result<Vec<String>, Error> {
    let mut members = recipients(out, rec, state, loc)?;
    if direction == Some("INCOMING") && !members.iter().any(|m| m == owner) {
        members.push(owner.to_string());
    }
    members.extend(sender.map(str::to_string));
    members.push(owner.to_string());
    members.sort();
    members.dedup();
    Ok(members)
}

/// The row's recipients as accounts: each of `RECIPIENT PROFILE URLS` (named by `TO`
/// when it names as many), or else each name of `TO` but hidden members.
fn recipients(
    out: &mut Out<'_, '_>,
    rec: &Rec<'_>,
    state: &mut State,
    loc: &str,
) -> Result<Vec<String>, Error> {
    let mut members: Vec<String> = Vec::new();
    let urls: Vec<&str> = rec
        .get(&["recipient profile urls"])
        .map(|u| {
            u.split(',')
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let names = rec
        .get(&["to"])
        .map(|to| split_names(to, &state.people))
        .unwrap_or_default();
    if !urls.is_empty() {
        let paired = names.len() == urls.len();
        for (i, url) in urls.iter().enumerate() {
            let name = if paired {
                Some(names[i].as_str())
            } else {
                None
            };
            if let Some(m) = state.people.person(out, name, Some(url), true, loc)? {
                members.push(m);
            }
        }
    } else {
        for name in &names {
            if normalise_name(name) == HIDDEN {
                continue;
            }
            if let Some(m) = state.people.person(out, Some(name), None, true, loc)? {
                members.push(m);
            }
        }
    }
    Ok(members)
}

/// The conversation's id: from `CONVERSATION ID` (`native`), or, in the files without
/// one, a hash of the members other than the owner.
fn conversation_id(native: Option<&str>, members: &[String], owner: &str) -> String {
    match native {
        Some(n) => IDS.conversation(n),
        None => {
            let others: Vec<&str> = members
                .iter()
                .filter(|m| *m != owner)
                .map(|m| key(m))
                .collect();
            IDS.conversation(&format!("p:{}", short_hash(&others)))
        }
    }
}

/// Adds a row's members to its conversation: emits the conversation when it is first
/// met, becomes a group (more than two members) or first gets a title, and a member
/// row for each member new to it.
fn join_thread(
    out: &mut Out<'_, '_>,
    thread: &mut Thread,
    conversation: &str,
    native: Option<&str>,
    title: Option<String>,
    members: &[String],
    loc: &str,
) -> Result<(), Error> {
    let new_members: Vec<String> = members
        .iter()
        .filter(|m| !thread.members.contains(*m))
        .cloned()
        .collect();
    thread.members.extend(new_members.iter().cloned());
    let kind = if thread.members.len() > 2 {
        "group"
    } else {
        "direct"
    };
    let retitled = title.is_some() && thread.title.is_none();
    if thread.kind != kind || retitled {
        thread.kind = kind;
        if retitled {
            thread.title = title;
        }
        out.emit(
            Conversation {
                id: conversation.to_string(),
                platform: PLATFORM.into(),
                native_id: native.map(str::to_string),
                title: thread.title.clone(),
                kind: kind.into(),
                extra: None,
            },
            loc,
        )?;
    }
    for member in new_members {
        out.emit(
            ConversationMember {
                id: format!("{conversation}#{member}"),
                conversation_id: conversation.to_string(),
                account_id: member,
                ..ConversationMember::default()
            },
            loc,
        )?;
    }
    Ok(())
}

/// Emits the row's message and returns its id (a hash of the conversation, the raw
/// date, the sender and the text); HTML content is marked `content_format: html`.
fn emit_message(
    out: &mut Out<'_, '_>,
    rec: &Rec<'_>,
    conversation: &str,
    native: Option<&str>,
    sender: Option<String>,
    loc: &str,
) -> Result<String, Error> {
    let text = rec.text(&["content"]);
    let raw_date = rec.get(&["date"]).unwrap_or_default();
    let sender_key = sender
        .as_deref()
        .map(key)
        .or(rec.get(&["from"]))
        .unwrap_or_default();
    let message = IDS.hashed(
        "message",
        &[
            native.unwrap_or(conversation),
            raw_date,
            sender_key,
            text.as_deref().unwrap_or_default(),
        ],
    );
    let sent_at = rec.date(out, &["date"]);
    let mut extra = rec.extra(&[
        "conversation id",
        "conversation title",
        "sender profile url",
        "recipient profile urls",
        "content",
        "is message draft",
        "is conversation draft",
    ]);
    if text
        .as_deref()
        .is_some_and(|t| t.trim_start().starts_with('<'))
    {
        extra.insert("content_format".into(), Value::from("html"));
    }
    out.emit(
        Message {
            id: message.clone(),
            conversation_id: conversation.to_string(),
            sender_account: sender,
            sent_at,
            text,
            kind: "text".into(),
            extra: crate::util::some(extra),
            ..Message::default()
        },
        loc,
    )?;
    Ok(message)
}

/// Reports the drafts dropped (with their lines) and, for a file read whole, what it
/// held: `rows` rows in `conversations` conversations.
fn report(
    cx: &mut ParseContext<'_>,
    entry: &Entry,
    rows: u64,
    conversations: usize,
    drafts: &[u64],
) {
    if !drafts.is_empty() {
        let lines: Vec<String> = drafts.iter().map(u64::to_string).collect();
        cx.diagnose(
            Severity::Info,
            freehold_archive::codes::DRAFTS_DROPPED,
            Some(&entry.path),
            Some(format!("lines {}", lines.join(", "))),
            format!("{} unsent drafts were not imported", drafts.len()),
        );
    }
    if cx.fate(&entry.path) == Some(Fate::Parsed) && rows > 0 {
        cx.set_fate(
            entry,
            Fate::Parsed,
            format!(
                "messages: {} rows in {} conversations, {} drafts dropped",
                rows,
                conversations,
                drafts.len()
            ),
        );
    }
}

/// `ATTACHMENTS`: comma-joined URLs → `media` (remote) and `attachments`.
fn attachments(
    out: &mut Out<'_, '_>,
    rec: &Rec<'_>,
    message: &str,
    loc: &str,
) -> Result<(), Error> {
    let Some(list) = rec.get(&["attachments"]) else {
        return Ok(());
    };
    let urls = list.split(',').map(str::trim).filter(|u| !u.is_empty());
    for (position, url) in urls.enumerate() {
        let media = IDS.short_hashed("media", &[url]);
        let kind = if url.contains("image") {
            "photo"
        } else {
            "file"
        };
        out.emit(
            Media {
                id: media.clone(),
                platform: PLATFORM.into(),
                kind: kind.into(),
                remote_url: Some(url.to_string()),
                ..Media::default()
            },
            loc,
        )?;
        out.emit(
            Attachment {
                id: format!("{message}#{media}"),
                media_id: media,
                owner_kind: "message".into(),
                owner_id: message.to_string(),
                position: i64::try_from(position).ok(),
                extra: None,
            },
            loc,
        )?;
    }
    Ok(())
}

/// Splits `TO` on `", "`, gluing back pieces that are a credential (`Jane Doe, Ph.D.`)
/// or that together form a name already known with a URL.
pub(crate) fn split_names(to: &str, people: &People) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in to.split(", ").map(str::trim).filter(|p| !p.is_empty()) {
        if let Some(last) = out.last_mut() {
            let joined = format!("{last}, {piece}");
            let known = people.urls_by_name.contains_key(&normalise_name(&joined))
                || people.ambiguous.contains(&normalise_name(&joined))
                || people
                    .owner
                    .name
                    .as_deref()
                    .is_some_and(|n| normalise_name(n) == normalise_name(&joined));
            if known || is_credential(piece) {
                *last = joined;
                continue;
            }
        }
        out.push(piece.to_string());
    }
    out
}

fn is_credential(piece: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "ph.d", "md", "m.d.", "mba",
        "msc", "m.sc.", "bsc", "cpa", "pmp", "esq.", "dr.", "prof.",
    ];
    let lower = piece.to_lowercase();
    SUFFIXES.contains(&lower.as_str())
        || (!piece.contains(' ')
            && piece.len() <= 6
            && piece.chars().all(|c| c.is_ascii_uppercase() || c == '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_names_keep_credentials_together() {
        let people = People::default();
        assert_eq!(
            split_names("Jane Doe, Ph.D., Kenji Watanabe", &people),
            ["Jane Doe, Ph.D.", "Kenji Watanabe"]
        );
        assert_eq!(
            split_names("Ana Silva, MBA, Jr. Smith", &people),
            ["Ana Silva, MBA", "Jr. Smith"]
        );
        let mut people = People::default();
        people
            .urls_by_name
            .insert("doe, jane".into(), "jane-doe".into());
        assert_eq!(split_names("Doe, Jane, Bo", &people), ["Doe, Jane", "Bo"]);
    }
}
