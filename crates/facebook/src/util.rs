//! Small helpers: ids, JSON access, reading files with the mojibake repaired.

use std::collections::HashSet;

use freehold_archive::json::{self, Prefix};
use freehold_archive::{Archive, Entry, Error, ParseContext};
use freehold_model::id::Ids;
use freehold_model::{Account, ConversationMember, time};
use serde_json::{Map, Value};

use crate::mojibake::repair_value;

/// The platform name.
pub(crate) const PLATFORM: &str = "facebook";

/// The ids of this platform (`fb:…`).
pub(crate) const IDS: Ids = Ids::FACEBOOK;

/// Emits records read from one file, with a shared path.
pub(crate) use freehold_archive::FileSink as Out;

pub(crate) use freehold_archive::text::normalise_name;

/// The people of one archive, known only by their names.
///
/// Another person's account id is `fb:account:<hash(owner's name, their name)>`, so the
/// same name means the same row within one owner's archives; the owner's id is
/// `fb:account:<hash("owner", owner's name)>`.
#[derive(Debug, Default)]
pub(crate) struct People {
    /// The owner's normalised name ("" when the archive does not say).
    scope: String,
    /// The owner's name as written.
    owner_name: Option<String>,
    /// Other normalised names that are the owner's (first + last name, previous and other
    /// names from the profile).
    aliases: Vec<String>,
    /// Accounts written before a parallel section began (see [`People::fork`]).
    written_before: std::sync::Arc<HashSet<String>>,
    emitted: HashSet<String>,
}

impl People {
    pub(crate) fn new(owner_name: Option<&str>) -> People {
        People {
            scope: owner_name.map(normalise_name).unwrap_or_default(),
            owner_name: owner_name.map(str::to_string),
            aliases: Vec::new(),
            written_before: std::sync::Arc::default(),
            emitted: HashSet::new(),
        }
    }

    /// A copy for one task of a parallel parse. It knows the accounts written so far and
    /// writes any other account once per task: the result then depends only on the
    /// task's own input, never on which task ran first. The database keeps one row per
    /// account; its provenance names every thread the person appears in.
    pub(crate) fn fork(&mut self) -> People {
        if !self.emitted.is_empty() {
            let mut all: HashSet<String> = (*self.written_before).clone();
            all.extend(self.emitted.drain());
            self.written_before = std::sync::Arc::new(all);
        }
        People {
            scope: self.scope.clone(),
            owner_name: self.owner_name.clone(),
            aliases: self.aliases.clone(),
            written_before: std::sync::Arc::clone(&self.written_before),
            emitted: HashSet::new(),
        }
    }

    /// Records that `aid` is written now; false if it was written already.
    fn first_time(&mut self, aid: &str) -> bool {
        !self.written_before.contains(aid) && self.emitted.insert(aid.to_string())
    }

    /// Adds names that also mean the owner (ignored when the owner's name is unknown).
    pub(crate) fn add_owner_aliases(&mut self, names: impl IntoIterator<Item = String>) {
        if self.scope.is_empty() {
            return;
        }
        for name in names {
            let key = normalise_name(&name);
            if !key.is_empty() && key != self.scope && !self.aliases.contains(&key) {
                self.aliases.push(key);
            }
        }
    }

    /// The owner's account id.
    pub(crate) fn owner_id(&self) -> String {
        IDS.hashed("account", &["owner", &self.scope])
    }

    /// Whether the name is the owner's.
    pub(crate) fn is_owner(&self, name: &str) -> bool {
        if self.scope.is_empty() {
            return false;
        }
        let key = normalise_name(name);
        key == self.scope || self.aliases.contains(&key)
    }

    /// The account id for a name (the owner's id for the owner's name).
    pub(crate) fn id_of(&self, name: &str) -> String {
        if self.is_owner(name) {
            return self.owner_id();
        }
        IDS.hashed("account", &[&self.scope, &normalise_name(name)])
    }

    /// The owner's account row.
    pub(crate) fn owner_account(&self) -> Account {
        Account {
            id: self.owner_id(),
            platform: PLATFORM.into(),
            display_name: self.owner_name.clone(),
            is_owner: true,
            extra: Some(name_hash_extra()),
            ..Account::default()
        }
    }

    /// Emits the account of `name` (once per import) and returns its id; `None` for an
    /// empty name or one made only of invisible characters. A placeholder name ("Facebook user", see [`is_placeholder`]) stands for
    /// some deleted or deactivated person: it gets an anonymous account scoped to this file
    /// and `loc` (see [`People::anonymous`]), never one shared account.
    pub(crate) fn account(
        &mut self,
        out: &mut Out<'_, '_>,
        name: &str,
        loc: &str,
    ) -> Result<Option<String>, Error> {
        let name = name.trim();
        if freehold_archive::text::is_blank_name(name) {
            return Ok(None);
        }
        if is_placeholder(name) {
            return self.anonymous(out, Some(name), loc).map(Some);
        }
        let aid = self.id_of(name);
        if self.first_time(&aid) {
            if self.is_owner(name) {
                out.emit(self.owner_account(), loc)?;
            } else {
                out.emit(
                    Account {
                        id: aid.clone(),
                        platform: PLATFORM.into(),
                        display_name: Some(name.to_string()),
                        extra: Some(name_hash_extra()),
                        ..Account::default()
                    },
                    loc,
                )?;
            }
        }
        Ok(Some(aid))
    }

    /// Emits an anonymous account: a person the export does not name (an empty name) or
    /// names only with a placeholder. Its id is
    /// `fb:account:<hash("anonymous", owner's name, file, loc)>`, so it is one person per
    /// list position (or per thread), flagged `extra.anonymous = true`.
    pub(crate) fn anonymous(
        &mut self,
        out: &mut Out<'_, '_>,
        shown: Option<&str>,
        loc: &str,
    ) -> Result<String, Error> {
        let aid = IDS.hashed("account", &["anonymous", &self.scope, &out.path, loc]);
        if self.first_time(&aid) {
            let mut extra = Map::new();
            extra.insert("anonymous".into(), Value::Bool(true));
            if let Some(shown) = shown {
                extra.insert("placeholder_name".into(), Value::from(shown));
            }
            extra.insert(
                "id_basis".into(),
                Value::from(format!(
                    "anonymous: the export gives no real name for this person (deleted or deactivated?); the id is scoped to {} at {loc}",
                    out.path
                )),
            );
            out.emit(
                Account {
                    id: aid.clone(),
                    platform: PLATFORM.into(),
                    display_name: shown.map(str::to_string),
                    extra: Some(extra),
                    ..Account::default()
                },
                loc,
            )?;
        }
        Ok(aid)
    }

    /// Notes that an account row was written elsewhere (the owner's, from the profile).
    pub(crate) fn mark_emitted(&mut self, aid: &str) {
        self.emitted.insert(aid.to_string());
    }

    /// Emits the owner's account (once) and returns its id.
    pub(crate) fn owner(&mut self, out: &mut Out<'_, '_>, loc: &str) -> Result<String, Error> {
        let aid = self.owner_id();
        if self.first_time(&aid) {
            out.emit(self.owner_account(), loc)?;
        }
        Ok(aid)
    }
}

/// Names Facebook shows instead of a deleted or deactivated person's name (compared
/// normalised). The notes list only the English one; localised spellings are unverified.
const PLACEHOLDER_NAMES: &[&str] = &["facebook user"];

/// Whether the name is a placeholder for someone the export does not name.
pub(crate) fn is_placeholder(name: &str) -> bool {
    PLACEHOLDER_NAMES.contains(&normalise_name(name).as_str())
}

fn name_hash_extra() -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(
        "id_basis".into(),
        Value::from("name-hash: Facebook exports give no ids for people; the id is a hash of the normalised name within the owner's archive"),
    );
    m
}

/// The part of an `fb:account:<hash>` id after the prefix.
pub(crate) fn short(account: &str) -> &str {
    IDS.native("account", account).unwrap_or(account)
}

/// A field as `&str`, trimmed, only when it is not blank: Facebook pads names, titles and
/// texts by accident, and a Facebook export gives no ids whose spacing would matter.
pub(crate) use freehold_archive::value::str_trimmed;

/// An integer field (also from a string), by [`freehold_archive::value::integer`].
pub(crate) fn int_of(v: &Value, key: &str) -> Option<i64> {
    v.get(key).and_then(freehold_archive::value::integer)
}

/// A timestamp in epoch seconds to UTC; 0 and dates before year 1 are unknown.
pub(crate) fn seconds(v: &Value, key: &str) -> Option<String> {
    let s = int_of(v, key)?;
    if s <= 0 {
        return None;
    }
    time::from_epoch_seconds(s)
}

pub(crate) use freehold_archive::value::{array, extra_without};

pub(crate) use freehold_archive::value::put;

/// Adds `key: value` to an extra map, unless the value is `null`.
pub(crate) fn with(
    mut extra: Option<Map<String, Value>>,
    key: &str,
    value: Value,
) -> Option<Map<String, Value>> {
    if !value.is_null() {
        put(&mut extra, key, value);
    }
    extra
}

/// Whether a value holds more than the `mapped` keys: an object with another non-null key,
/// or a list with such an object. Such a value is kept whole in `extra`.
pub(crate) fn partly_mapped(v: &Value, mapped: &[&str]) -> bool {
    match v {
        Value::Object(m) => m
            .iter()
            .any(|(k, val)| !val.is_null() && !mapped.contains(&k.as_str())),
        Value::Array(list) => list.iter().any(|item| partly_mapped(item, mapped)),
        _ => false,
    }
}

/// The value under a key, trying `key_v3`, `key_v2` and `key` in that order.
pub(crate) fn versioned<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    v.get(format!("{key}_v3"))
        .or_else(|| v.get(format!("{key}_v2")))
        .or_else(|| v.get(key))
}

/// A top-level key without its `_v2`/`_v3` suffix.
pub(crate) fn base_key(key: &str) -> &str {
    key.strip_suffix("_v2")
        .or_else(|| key.strip_suffix("_v3"))
        .unwrap_or(key)
}

/// A label_values record's values by label: `value`, or `timestamp_value`, or the
/// first nested `dict`/`vec` entry.
pub(crate) fn label<'v>(record: &'v Value, name: &str) -> Option<&'v Value> {
    array(record, "label_values")
        .iter()
        .find(|lv| str_trimmed(lv, "label").is_some_and(|l| l.eq_ignore_ascii_case(name)))
}

/// The text value of a label.
pub(crate) fn label_text<'v>(record: &'v Value, name: &str) -> Option<&'v str> {
    label(record, name).and_then(|lv| str_trimmed(lv, "value"))
}

/// How reading a whole JSON file ended.
pub(crate) enum Read {
    /// The value, repaired.
    Value(Value),
    /// The file is not valid JSON; it was reported.
    Failed,
}

/// Reads a whole JSON file and repairs its mojibake. A syntax error is reported as the
/// file's failure.
pub(crate) fn read_json(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
) -> Result<Read, Error> {
    read_json_as(archive, entry, cx, true)
}

/// Reports a JSON syntax error as the failure of the file; `after` says what became of
/// the records before it.
fn json_failed(cx: &mut ParseContext<'_>, entry: &Entry, e: &json::JsonError, after: &str) {
    cx.file_failed(
        entry,
        e.code,
        Some(e.locator()),
        format!("{}: {}; {after}", e.kind(), e.message),
    );
}

/// A file read whole must fit the record limit; a larger one is reported as failed.
fn too_large_to_read_whole(archive: &Archive, entry: &Entry, cx: &mut ParseContext<'_>) -> bool {
    let max = archive.limits().max_record_bytes;
    if entry.size <= max {
        return false;
    }
    cx.file_failed(
        entry,
        freehold_archive::codes::RECORD_TOO_LARGE,
        None,
        format!("this JSON file is read whole and is larger than the record limit of {max} bytes; it was not imported"),
    );
    true
}

/// Reads a JSON object file whose array field `field` may be long (a Messenger thread's
/// `messages`), repairing mojibake: `f` gets each element as it is parsed, with the fields
/// read before it. `None` when the file failed (it was reported; `f` was never called).
pub(crate) fn read_json_streaming(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    field: &str,
    mut f: impl FnMut(&mut ParseContext<'_>, &Map<String, Value>, usize, Value) -> Result<(), Error>,
) -> Result<Option<json::StreamedObject>, Error> {
    if too_large_to_read_whole(archive, entry, cx) {
        return Ok(None);
    }
    let progress = cx.progress();
    let read = archive.read_entry_with_progress(entry, progress, |r| {
        Ok(json::read_object_streaming(r, field, |before, i, mut v| {
            repair_value(&mut v);
            f(cx, before, i, v)
        }))
    });
    let read = match read {
        Ok(read) => read,
        Err(e) => {
            cx.entry_error(entry, e)?;
            return Ok(None);
        }
    };
    match read {
        Ok(mut object) => {
            cx.json_recovered(entry, &object.recoveries);
            let mut fields = Value::Object(std::mem::take(&mut object.fields));
            repair_value(&mut fields);
            if let Value::Object(map) = fields {
                object.fields = map;
            }
            Ok(Some(object))
        }
        Err(Ok(e)) => Err(e),
        Err(Err(e)) => {
            json_failed(cx, entry, &e, "nothing was imported from it");
            Ok(None)
        }
    }
}

/// Reads a whole JSON file, repairing its mojibake when `repair` is set (not for the
/// Messenger secure-storage download, which is correct UTF-8). A file above the record
/// limit or with a syntax error is reported as the file's failure.
pub(crate) fn read_json_as(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    repair: bool,
) -> Result<Read, Error> {
    if too_large_to_read_whole(archive, entry, cx) {
        return Ok(Read::Failed);
    }
    let value = match archive.read_entry_with_progress(entry, cx.progress(), |r| {
        Ok(json::read_value_recovering(r, Prefix::None))
    }) {
        Ok(value) => value,
        Err(e) => {
            cx.entry_error(entry, e)?;
            return Ok(Read::Failed);
        }
    };
    match value {
        Ok((mut v, recoveries)) => {
            cx.json_recovered(entry, &recoveries);
            if repair {
                repair_value(&mut v);
            }
            Ok(Read::Value(v))
        }
        Err(e) => {
            json_failed(cx, entry, &e, "nothing was imported from it");
            Ok(Read::Failed)
        }
    }
}

/// Streams a JSON array file element by element, each repaired; a syntax error after
/// some elements leaves the file `partial`.
pub(crate) fn stream_json(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    mut f: impl FnMut(&mut ParseContext<'_>, usize, Value) -> Result<(), Error>,
) -> Result<(), Error> {
    let progress = cx.progress();
    let max = archive.limits().max_record_bytes;
    let result = archive.read_entry_with_progress(entry, progress, |r| {
        Ok(json::for_each_element_limited(
            r,
            Prefix::None,
            max,
            |i, mut v| {
                repair_value(&mut v);
                f(cx, i, v)
            },
        ))
    });
    let result = match result {
        Ok(result) => result,
        Err(e) => return cx.entry_error(entry, e),
    };
    match result {
        Ok(streamed) => {
            cx.json_recovered(entry, &streamed.recoveries);
            Ok(())
        }
        Err(Ok(e)) => Err(e),
        Err(Err(e)) => {
            json_failed(cx, entry, &e, "records before this point were imported");
            Ok(())
        }
    }
}

/// The first non-whitespace byte of a file (after a BOM).
pub(crate) fn first_byte(archive: &Archive, entry: &Entry) -> Option<u8> {
    let head = archive.head(entry, 512).ok()?;
    freehold_archive::text::strip_utf8_bom(&head)
        .iter()
        .copied()
        .find(|b| !b.is_ascii_whitespace())
}

/// The hash of synthetic ids (32 hex digits).
pub(crate) use freehold_model::id::hash_parts as hash;

/// The member row of account `aid` in conversation `conversation_id`, without dates or
/// `extra`.
pub(crate) fn member(conversation_id: &str, aid: &str) -> ConversationMember {
    ConversationMember {
        id: freehold_model::id::child(conversation_id, "member", aid),
        conversation_id: conversation_id.to_string(),
        account_id: aid.to_string(),
        joined_at: None,
        left_at: None,
        extra: None,
    }
}
