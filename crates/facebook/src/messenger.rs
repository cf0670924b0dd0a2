//! Messenger threads: every `message_N.json` part of a thread folder, merged and ordered
//! oldest first; and the end-to-end-encrypted "secure storage" download.

use std::collections::{BTreeMap, HashMap};

use freehold_archive::{Archive, Entry, Error, Fate, ParseContext, Severity};
use freehold_model::{Conversation, ConversationMember, Message, Reaction, time};
use serde_json::{Map, Value};

use crate::state::State;
use crate::util::{
    IDS, Out, PLATFORM, array, extra_without, hash, int_of, member, normalise_name,
    read_json_streaming, str_trimmed, with,
};

/// The parts of one thread folder.
#[derive(Debug)]
pub(crate) struct Thread<'a> {
    /// The folder, e.g. `your_facebook_activity/messages/inbox/zofia_123`.
    pub dir: String,
    /// `(N, entry)` for every `message_N.json`.
    pub parts: Vec<(u32, &'a Entry)>,
}

const THREAD_MAPPED: &[&str] = &["participants", "messages", "title", "thread_path"];
const MESSAGE_MAPPED: &[&str] = &[
    "sender_name",
    "timestamp_ms",
    "content",
    "reactions",
    "photos",
    "videos",
    "audio_files",
    "gifs",
    "files",
    "sticker",
    "is_unsent",
];

/// The key of a thread: its folder name (`<title>_<id>`), the same whether it sits in
/// `inbox/`, `archived_threads/` or `e2ee_cutover/`.
fn thread_key(dir: &str) -> &str {
    dir.rsplit('/').next().unwrap_or(dir)
}

/// The section a thread folder sits in (`inbox`, `archived_threads`, …).
fn section(dir: &str) -> Option<&str> {
    let mut parts = dir.rsplit('/');
    parts.next();
    parts.next()
}

/// Reads every part of a thread and emits the conversation, its members and messages.
pub(crate) fn thread(
    archive: &Archive,
    cx: &mut ParseContext<'_>,
    state: &mut State,
    mut thread: Thread<'_>,
) -> Result<(), Error> {
    // One part (at most some thousands of messages) is in memory at a time, however long
    // the thread: messages are written as they are read, in file order, and the
    // conversation and its members once every part is read.
    thread.parts.sort_by_key(|(n, _)| *n);
    let key = thread_key(&thread.dir).to_string();
    let mut read = ThreadRead {
        conversation_id: IDS.conversation(&key),
        ..ThreadRead::default()
    };
    for &(n, entry) in &thread.parts {
        read.part(archive, cx, state, n, entry)?;
    }
    let Some((meta_path, meta)) = read.meta.take() else {
        return Ok(());
    };
    missing_parts(cx, &thread, &read.numbers);
    let mut out = Out {
        cx: &mut *cx,
        path: meta_path,
    };
    // Participants who never wrote or reacted.
    for name in &read.participants {
        person(&mut out, state, &read.participants, &mut read.ids, name)?;
    }
    read.emit_conversation(&mut out, state, &key, &thread.dir, &meta)?;
    read.emit_members(&mut out)
}

/// What reading a thread's parts gathers, for its messages and for the conversation
/// and members written once every part is read.
#[derive(Default)]
struct ThreadRead {
    /// The conversation's id.
    conversation_id: String,
    /// The first part read: its path and its fields but `messages`.
    meta: Option<(String, Value)>,
    /// The names of the listed participants.
    participants: Vec<String>,
    /// Everyone met in the thread, by name.
    members: BTreeMap<String, Member>,
    /// The account id of each name met.
    ids: HashMap<String, String>,
    /// The messages' base ids met so far (see [`message_id`]).
    seen: HashMap<String, usize>,
    /// The numbers of the parts read that hold `messages`.
    numbers: Vec<u32>,
}

impl ThreadRead {
    /// Reads part `n` of the thread: its messages as they are parsed, and, for the first
    /// part read, the thread's other fields and its participants.
    fn part(
        &mut self,
        archive: &Archive,
        cx: &mut ParseContext<'_>,
        state: &mut State,
        n: u32,
        entry: &Entry,
    ) -> Result<(), Error> {
        cx.begin_file(entry, &format!("Messenger thread, part {n}"));
        let first = self.meta.is_none();
        let meta_path = self
            .meta
            .as_ref()
            .map_or_else(|| entry.path.clone(), |(p, _)| p.clone());
        let read = read_json_streaming(
            archive,
            entry,
            cx,
            "messages",
            |cx, before, index, value| {
                if first && index == 0 && self.participants.is_empty() {
                    self.set_participants(participant_names(before));
                }
                self.element(cx, state, entry, &meta_path, index, value)
            },
        )?;
        let Some(object) = read else { return Ok(()) };
        if !object.found {
            cx.set_fate(
                entry,
                Fate::Unknown,
                "not a Messenger thread (no `messages`)",
            );
            cx.diagnose(
                Severity::Warning,
                freehold_archive::codes::UNKNOWN_FILE,
                Some(&entry.path),
                None,
                "named like a Messenger thread part but holds no `messages` list; not imported",
            );
            return Ok(());
        }
        self.numbers.push(n);
        if first {
            let fields = Value::Object(object.fields);
            if self.participants.is_empty() {
                // `participants` after `messages` in the file, or no messages at all.
                self.set_participants(
                    array(&fields, "participants")
                        .iter()
                        .filter_map(|p| name_at(p, "name").or_else(|| p.as_str().map(name_key)))
                        .collect(),
                );
            }
            self.meta = Some((entry.path.clone(), fields));
        }
        Ok(())
    }

    /// Sets the names of the listed participants, and marks them as such among the
    /// members.
    fn set_participants(&mut self, names: Vec<String>) {
        self.participants = names;
        for name in &self.participants {
            self.members.entry(name.clone()).or_default().participant = true;
        }
    }

    /// Reads element `index` of a part's `messages`: its people as accounts (written
    /// under the thread's first part, `meta_path`), then the message. One that is not
    /// an object is reported and skipped.
    fn element(
        &mut self,
        cx: &mut ParseContext<'_>,
        state: &mut State,
        entry: &Entry,
        meta_path: &str,
        index: usize,
        value: Value,
    ) -> Result<(), Error> {
        if !value.is_object() {
            cx.diagnose(
                Severity::Warning,
                freehold_archive::codes::BAD_RECORD,
                Some(&entry.path),
                Some(format!("messages[{index}]")),
                format!(
                    "a message that is not a JSON object ({}); skipped",
                    json_kind(&value)
                ),
            );
            return Ok(());
        }
        let mut people = Out {
            cx: &mut *cx,
            path: meta_path.to_string(),
        };
        for name in member_names(&value, &mut self.members) {
            person(&mut people, state, &self.participants, &mut self.ids, &name)?;
        }
        let mut out = Out {
            cx: &mut *cx,
            path: entry.path.clone(),
        };
        let loc = format!("messages[{index}]");
        message(
            &mut out,
            state,
            &self.conversation_id,
            &self.ids,
            &value,
            &mut self.seen,
            &loc,
        )
    }

    /// Emits the conversation (of thread folder `dir`, key `key`, fields `meta`): a
    /// group when the export says so or it has more than two participants or members,
    /// with its other fields, path and section in `extra`; and the group chat's picture.
    fn emit_conversation(
        &self,
        out: &mut Out<'_, '_>,
        state: &mut State,
        key: &str,
        dir: &str,
        meta: &Value,
    ) -> Result<(), Error> {
        let group = str_trimmed(meta, "thread_type") == Some("RegularGroup")
            || self.participants.len() > 2
            || self.members.len() > 2;
        let mut extra = extra_without(meta, THREAD_MAPPED);
        extra = with(
            extra,
            "thread_path",
            meta.get("thread_path").cloned().unwrap_or(Value::Null),
        );
        if let Some(s) = section(dir) {
            extra = with(extra, "section", Value::from(s));
        }
        out.emit(
            Conversation {
                id: self.conversation_id.clone(),
                platform: PLATFORM.into(),
                native_id: Some(key.to_string()),
                title: str_trimmed(meta, "title").map(str::to_string),
                kind: if group { "group" } else { "direct" }.into(),
                extra,
            },
            "thread",
        )?;
        if let Some(image) = meta.get("image") {
            // The group chat's picture: a media row; its id is in the conversation's extra.
            state.media.emit(out, image, Some("photo"), "image")?;
        }
        Ok(())
    }

    /// Emits a member row for everyone met in the thread who has an account, with
    /// `listed_as_participant: false` for those the thread does not list.
    fn emit_members(&self, out: &mut Out<'_, '_>) -> Result<(), Error> {
        for (name, m) in &self.members {
            let Some(aid) = self.ids.get(name) else {
                continue;
            };
            out.emit(
                ConversationMember {
                    joined_at: m.joined.clone(),
                    left_at: m.left.clone(),
                    extra: (!m.participant).then(not_listed),
                    ..member(&self.conversation_id, aid)
                },
                "participants",
            )?;
        }
        Ok(())
    }
}

/// The `extra` of a member the thread does not list as a participant.
fn not_listed() -> Map<String, Value> {
    let mut e = Map::new();
    e.insert("listed_as_participant".into(), Value::Bool(false));
    e
}

/// Reports each part below the highest one read that is missing from the archive.
fn missing_parts(cx: &mut ParseContext<'_>, thread: &Thread<'_>, numbers: &[u32]) {
    if let Some(max) = numbers.iter().max() {
        for n in 1..*max {
            if !numbers.contains(&n) && !thread.parts.iter().any(|(m, _)| *m == n) {
                cx.diagnose(
                    Severity::Error,
                    freehold_archive::codes::MISSING_PART,
                    Some(&format!("{}/message_{n}.json", thread.dir)),
                    None,
                    "this part of the thread is missing from the archive; its messages are not imported",
                );
            }
        }
    }
}

/// The participants' names, from the fields read before the messages.
/// Repaired before they are read: trimming first would cut a mojibake sequence that
/// ends in U+00A0 (the second byte of `à`).
fn participant_names(before: &Map<String, Value>) -> Vec<String> {
    let mut list = before.get("participants").cloned().unwrap_or(Value::Null);
    crate::mojibake::repair_value(&mut list);
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| name_at(p, "name").or_else(|| p.as_str().map(name_key)))
        .collect()
}

/// The name at `key` (see [`name_key`]), when it is a string (an empty one included).
fn name_at(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(name_key)
}

/// A person's name as the key of a thread's people: `""` for a name that shows nothing
/// (empty or only invisible characters), which is one anonymous person of the thread.
fn name_key(name: &str) -> String {
    if freehold_archive::text::is_blank_name(name) {
        String::new()
    } else {
        name.trim().to_string()
    }
}

/// Everyone a message names (its sender, the people reacting, joining or leaving),
/// noted in `members`; a join or leave keeps the latest time.
fn member_names(v: &Value, members: &mut BTreeMap<String, Member>) -> Vec<String> {
    let mut names = Vec::new();
    let at = int_of(v, "timestamp_ms").and_then(time::from_epoch_millis);
    if let Some(s) = name_at(v, "sender_name") {
        members.entry(s.clone()).or_default();
        names.push(s);
    }
    for r in array(v, "reactions") {
        if let Some(a) = name_at(r, "actor") {
            members.entry(a.clone()).or_default();
            names.push(a);
        }
    }
    let kind = str_trimmed(v, "type").unwrap_or("");
    for u in array(v, "users") {
        if let Some(name) = name_at(u, "name") {
            let m = members.entry(name.clone()).or_default();
            let slot = match kind {
                "Subscribe" => Some(&mut m.joined),
                "Unsubscribe" => Some(&mut m.left),
                _ => None,
            };
            if let (Some(slot), Some(at)) = (slot, &at)
                && slot.as_ref().is_none_or(|old| old < at)
            {
                *slot = Some(at.clone());
            }
            names.push(name);
        }
    }
    names
}

/// The account of a person in a thread, written the first time the thread names them.
fn person(
    out: &mut Out<'_, '_>,
    state: &mut State,
    participants: &[String],
    ids: &mut HashMap<String, String>,
    name: &str,
) -> Result<(), Error> {
    if ids.contains_key(name) {
        return Ok(());
    }
    // A person without a name (`""`, see [`name_key`]) or with a placeholder ("Facebook
    // user") is one anonymous person per thread, at its place among the participants.
    let nameless = name.is_empty();
    let loc = if nameless || crate::util::is_placeholder(name) {
        participants.iter().position(|p| p == name).map_or_else(
            || "participants (sender)".to_string(),
            |i| format!("participants[{i}]"),
        )
    } else {
        "participants".to_string()
    };
    let aid = if nameless {
        Some(state.people.anonymous(out, None, &loc)?)
    } else {
        state.people.account(out, name, &loc)?
    };
    if let Some(aid) = aid {
        ids.insert(name.to_string(), aid);
    }
    Ok(())
}

/// What kind of JSON value this is, for a diagnostic.
fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[derive(Default)]
struct Member {
    participant: bool,
    joined: Option<String>,
    left: Option<String>,
}

#[allow(clippy::too_many_arguments)]
fn message(
    out: &mut Out<'_, '_>,
    state: &mut State,
    conversation_id: &str,
    ids: &HashMap<String, String>,
    v: &Value,
    seen: &mut HashMap<String, usize>,
    loc: &str,
) -> Result<(), Error> {
    let sender_name = str_trimmed(v, "sender_name").unwrap_or("");
    let ms = int_of(v, "timestamp_ms");
    let content = v.get("content").and_then(Value::as_str);
    let mut media: Vec<(&Value, &str)> = Vec::new();
    for (field, kind) in [
        ("photos", "photo"),
        ("videos", "video"),
        ("audio_files", "audio"),
        ("gifs", "gif"),
        ("files", "file"),
    ] {
        for m in array(v, field) {
            media.push((m, kind));
        }
    }
    if let Some(sticker) = v.get("sticker") {
        media.push((sticker, "sticker"));
    }
    let mid = message_id(seen, sender_name, ms, content);
    let kind = if v.get("is_unsent").and_then(Value::as_bool) == Some(true) {
        "unsent"
    } else {
        match str_trimmed(v, "type") {
            Some("Call") => "call",
            Some("Subscribe" | "Unsubscribe") => "system",
            _ if v.get("call_duration").is_some() => "call",
            _ if v.get("share").is_some() => "share",
            _ => "text",
        }
    };
    let mut extra = extra_without(v, MESSAGE_MAPPED);
    // A `content` that is not text (a number, a list, …) is kept as it is.
    if let Some(c) = v.get("content").filter(|c| !c.is_string()) {
        extra = with(extra, "content", c.clone());
    }
    if let Some(sticker) = v.get("sticker") {
        extra = with(extra, "sticker", sticker.clone());
    }
    out.emit(
        Message {
            id: mid.clone(),
            conversation_id: conversation_id.to_string(),
            native_id: None,
            sender_account: name_at(v, "sender_name").and_then(|s| ids.get(&s)).cloned(),
            sent_at: ms.and_then(time::from_epoch_millis),
            text: content.map(str::to_string),
            kind: kind.into(),
            extra,
        },
        loc,
    )?;
    for (i, (m, kind)) in media.iter().enumerate() {
        let kind = if *kind == "sticker" { "photo" } else { kind };
        state
            .media
            .attach(out, m, Some(kind), "message", &mid, i, loc)?;
    }
    for (i, r) in array(v, "reactions").iter().enumerate() {
        let actor = name_at(r, "actor").and_then(|a| ids.get(&a)).cloned();
        let reaction = str_trimmed(r, "reaction").unwrap_or("reaction");
        out.emit(
            Reaction {
                id: IDS.hashed(
                    "reaction",
                    &[&mid, actor.as_deref().unwrap_or(""), reaction],
                ),
                platform: PLATFORM.into(),
                kind: reaction.to_string(),
                actor_account: actor,
                target_post: None,
                target_message: Some(mid.clone()),
                target_url: None,
                target_text: None,
                created_at: None,
                extra: extra_without(r, &["actor", "reaction"]),
            },
            &format!("{loc}.reactions[{i}]"),
        )?;
    }
    Ok(())
}

/// A message's id: `fb:message:<hash(sender's normalised name, timestamp_ms, text)>`, with
/// `-N` appended to the N-th exact repeat in one thread, counted in the order the files
/// list them (`seen` is per thread).
///
/// Neither the thread nor media URIs are part of it: the secure-storage download and a
/// DYI export's `e2ee_cutover/` thread hold the same messages under different thread
/// names and different media file names, and this is what the two agree on, so importing
/// both writes each message once (the notes' dedupe key: sender, timestamp, text).
fn message_id(
    seen: &mut HashMap<String, usize>,
    sender: &str,
    ms: Option<i64>,
    text: Option<&str>,
) -> String {
    let base = hash(&[
        "message",
        &normalise_name(sender),
        &ms.map(|m| m.to_string()).unwrap_or_default(),
        text.unwrap_or(""),
    ]);
    // The same message twice in a thread (same sender, time and text) stays twice.
    let n = seen.entry(base.clone()).or_insert(0);
    let mid = if *n == 0 {
        IDS.message(&base)
    } else {
        IDS.message(&format!("{base}-{n}"))
    };
    *n += 1;
    mid
}

/// Reads one thread of the Messenger "secure storage" download
/// (`{participants: [names], threadName, messages: [{senderName, text, timestamp, …}]}`,
/// correct UTF-8, timestamps in milliseconds, order not guaranteed).
pub(crate) fn secure_thread(
    out: &mut Out<'_, '_>,
    state: &mut State,
    stem: &str,
    v: &Value,
) -> Result<(), Error> {
    let key = format!("secure:{stem}");
    let conversation_id = IDS.conversation(&key);
    let (names, participants) = secure_names(v);
    let ids = secure_accounts(out, state, &names, participants)?;
    out.emit(
        Conversation {
            id: conversation_id.clone(),
            platform: PLATFORM.into(),
            native_id: Some(key.clone()),
            title: str_trimmed(v, "threadName").map(str::to_string),
            kind: if participants > 2 { "group" } else { "direct" }.into(),
            extra: with(
                extra_without(v, &["participants", "threadName", "messages"]),
                "source",
                Value::from("messenger secure storage"),
            ),
        },
        "thread",
    )?;
    for (i, name) in names.iter().enumerate() {
        let Some(aid) = ids.get(name) else { continue };
        out.emit(
            ConversationMember {
                extra: (i >= participants).then(not_listed),
                ..member(&conversation_id, aid)
            },
            "participants",
        )?;
    }
    let mut list: Vec<(usize, &Value)> = array(v, "messages").iter().enumerate().collect();
    list.sort_by_key(|(i, m)| (int_of(m, "timestamp").unwrap_or(0), *i));
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, m) in list {
        secure_message(out, state, &conversation_id, &ids, &mut seen, i, m)?;
    }
    Ok(())
}

/// The names of a secure-storage thread's members, and how many of them (the first
/// ones) are listed as participants: the participants, then everyone else seen sending
/// or reacting.
fn secure_names(v: &Value) -> (Vec<String>, usize) {
    let mut names: Vec<String> = array(v, "participants")
        .iter()
        .filter_map(|p| p.as_str().map(name_key).or_else(|| name_at(p, "name")))
        .collect();
    let participants = names.len();
    for m in array(v, "messages") {
        let reactors = array(m, "reactions")
            .iter()
            .filter_map(|r| name_at(r, "actor"));
        for s in name_at(m, "senderName").into_iter().chain(reactors) {
            if !names.contains(&s) {
                names.push(s);
            }
        }
    }
    (names, participants)
}

/// The account id of each member name of a secure-storage thread (the first
/// `participants` of `names` are the listed participants); nobody named is one
/// anonymous person of the thread.
fn secure_accounts(
    out: &mut Out<'_, '_>,
    state: &mut State,
    names: &[String],
    participants: usize,
) -> Result<HashMap<String, String>, Error> {
    let mut ids = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        let aid = if name.is_empty() {
            // Nobody named: one anonymous person of this thread.
            let loc = if i < participants {
                format!("participants[{i}]")
            } else {
                "participants (sender)".to_string()
            };
            Some(state.people.anonymous(out, None, &loc)?)
        } else {
            state.people.account(out, name, "participants")?
        };
        if let Some(aid) = aid {
            ids.insert(name.clone(), aid);
        }
    }
    Ok(ids)
}

/// Emits message `i` of a secure-storage thread, its media and its reactions; one that
/// is not an object is reported and skipped.
fn secure_message(
    out: &mut Out<'_, '_>,
    state: &mut State,
    conversation_id: &str,
    ids: &HashMap<String, String>,
    seen: &mut HashMap<String, usize>,
    i: usize,
    m: &Value,
) -> Result<(), Error> {
    let loc = format!("messages[{i}]");
    if !m.is_object() {
        out.diagnose(
            Severity::Warning,
            freehold_archive::codes::BAD_RECORD,
            &loc,
            format!(
                "a message that is not a JSON object ({}); skipped",
                json_kind(m)
            ),
        );
        return Ok(());
    }
    let sender = str_trimmed(m, "senderName").unwrap_or("");
    let ms = int_of(m, "timestamp");
    // A media-only message has `text: ""`: no text, as in the DYI export.
    let text = m
        .get("text")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty());
    let mid = message_id(seen, sender, ms, text);
    let unsent = m.get("isUnsent").and_then(Value::as_bool) == Some(true);
    out.emit(
        Message {
            id: mid.clone(),
            conversation_id: conversation_id.to_string(),
            native_id: None,
            sender_account: name_at(m, "senderName").and_then(|s| ids.get(&s)).cloned(),
            sent_at: ms.and_then(time::from_epoch_millis),
            text: text.map(str::to_string),
            kind: if unsent { "unsent" } else { "text" }.into(),
            extra: with(
                extra_without(
                    m,
                    &[
                        "senderName",
                        "timestamp",
                        "text",
                        "isUnsent",
                        "media",
                        "reactions",
                    ],
                ),
                "text",
                m.get("text")
                    .filter(|t| !t.is_string())
                    .cloned()
                    .unwrap_or(Value::Null),
            ),
        },
        &loc,
    )?;
    for (j, media) in array(m, "media").iter().enumerate() {
        let uri = str_trimmed(media, "uri").unwrap_or("");
        if uri.is_empty() || uri == "Failed to download media" {
            continue;
        }
        state
            .media
            .attach(out, media, None, "message", &mid, j, &loc)?;
    }
    secure_reactions(out, ids, &mid, m, &loc)
}

/// Emits the reactions to message `mid` of a secure-storage thread (`m`, at `loc`).
fn secure_reactions(
    out: &mut Out<'_, '_>,
    ids: &HashMap<String, String>,
    mid: &str,
    m: &Value,
    loc: &str,
) -> Result<(), Error> {
    for (j, r) in array(m, "reactions").iter().enumerate() {
        let actor = name_at(r, "actor").and_then(|a| ids.get(&a)).cloned();
        let reaction = str_trimmed(r, "reaction").unwrap_or("reaction");
        out.emit(
            Reaction {
                id: IDS.hashed("reaction", &[mid, actor.as_deref().unwrap_or(""), reaction]),
                platform: PLATFORM.into(),
                kind: reaction.to_string(),
                actor_account: actor,
                target_post: None,
                target_message: Some(mid.to_string()),
                target_url: None,
                target_text: None,
                created_at: None,
                extra: None,
            },
            &format!("{loc}.reactions[{j}]"),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod participant_tests {
    use super::*;

    #[test]
    fn a_name_ending_in_a_mojibake_nbsp_is_repaired_before_it_is_trimmed() {
        // "Hà" as Meta writes it: `à` is C3 A0, and A0 alone is a no-break space.
        let before: Map<String, Value> = serde_json::from_str(
            r#"{"participants": [{"name": "L\u00c3\u00aa Th\u00e1\u00bb\u008b H\u00c3\u00a0"}, {"name": "Ada"}]}"#,
        )
        .unwrap();
        assert_eq!(participant_names(&before), ["Lê Thị Hà", "Ada"]);
    }
}
