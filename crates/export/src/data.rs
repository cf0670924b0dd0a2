//! `--format json` and `--format ndjson` under `--redact third-parties`: a row
//! transform for [`freehold_store::Store::export_json_with`] and
//! [`freehold_store::Store::export_ndjson_with`].
//!
//! Every account that is not the owner's gets the pseudonym of the [`Redactor`] (the same
//! one the other exits give it). Its id, native id, handle and display name are replaced
//! by that pseudonym wherever they stand as a whole word in any string of any row (ids
//! that embed an account id, text, `extra`), so the references between tables still
//! agree; its profile link, avatar and `extra` go. Its `profile_fields` and
//! `experiences` rows (contact details, bio, work) are dropped, and so is every
//! `raw_records` row (unmapped data that may hold anything); the email addresses and
//! phone numbers of others are masked where they appear elsewhere. X profile addresses
//! of others are masked in every string.

use std::collections::{BTreeMap, HashSet};

use aho_corasick::{AhoCorasick, MatchKind};
use freehold_model::{Account, ProfileField, TableDef};
use freehold_store::Store;
use serde_json::{Map, Value};

use crate::Error;
use crate::privacy::Redactor;

/// What stands in for another person's email address or phone number.
pub const MASKED: &str = "[redacted]";

/// The row transform of `--redact third-parties` for the JSON and NDJSON exports.
#[derive(Debug)]
pub struct DataRedaction {
    redactor: Redactor,
    owner_ids: HashSet<String>,
    owner_handles: Vec<String>,
    others: HashSet<String>,
    finder: Option<AhoCorasick>,
    replacements: Vec<String>,
    dropped: BTreeMap<&'static str, u64>,
    pseudonymised: u64,
}

impl DataRedaction {
    /// Reads the accounts and their contact details from `store` to know what to mask.
    pub fn new(store: &Store, redactor: Redactor) -> Result<DataRedaction, Error> {
        let mut owner_ids = HashSet::new();
        let mut owner_handles = Vec::new();
        let mut owner_words: HashSet<String> = HashSet::new();
        let mut pairs: BTreeMap<String, String> = BTreeMap::new();
        let mut others = HashSet::new();
        let mut accounts = Vec::new();
        store.for_each_row_as::<Account>(|a| {
            accounts.push(a);
            Ok(())
        })?;
        for a in &accounts {
            if a.is_owner {
                owner_ids.insert(a.id.clone());
                owner_handles.extend(a.handle.clone());
                owner_words.extend(
                    [
                        a.handle.clone(),
                        a.display_name.clone(),
                        a.native_id.clone(),
                    ]
                    .into_iter()
                    .flatten()
                    .map(|w| w.to_lowercase()),
                );
            }
        }
        for a in accounts.iter().filter(|a| !a.is_owner) {
            let p = redactor.pseudonym(&a.id);
            others.insert(a.id.clone());
            pairs.insert(a.id.clone(), p.clone());
            let words = [
                a.native_id.clone().filter(|n| long_enough_id(n)),
                a.handle.clone(),
                a.display_name.clone(),
            ];
            for w in words.into_iter().flatten() {
                let w = w.trim();
                // Matched ignoring ASCII case; the lower-case form for other letters.
                if w.chars().count() >= 3 && !owner_words.contains(&w.to_lowercase()) {
                    pairs.entry(w.to_string()).or_insert_with(|| p.clone());
                    pairs.entry(w.to_lowercase()).or_insert_with(|| p.clone());
                }
            }
        }
        store.for_each_row_as::<ProfileField>(|f| {
            let value = f.value.trim().to_string();
            if others.contains(&f.account_id)
                && matches!(f.field.as_str(), "email" | "phone")
                && value.chars().count() >= 5
            {
                pairs.entry(value).or_insert_with(|| MASKED.to_string());
            }
            Ok(())
        })?;
        let (needles, replacements): (Vec<String>, Vec<String>) = pairs.into_iter().unzip();
        let finder = if needles.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&needles)
                    .map_err(|e| Error::Redact(e.to_string()))?,
            )
        };
        Ok(DataRedaction {
            redactor,
            owner_ids,
            owner_handles,
            others,
            finder,
            replacements,
            dropped: BTreeMap::new(),
            pseudonymised: 0,
        })
    }

    /// Rows left out, by table.
    pub fn dropped(&self) -> &BTreeMap<&'static str, u64> {
        &self.dropped
    }

    /// Accounts pseudonymised.
    pub fn pseudonymised(&self) -> u64 {
        self.pseudonymised
    }

    /// Redacts one row of `table` in place; `false` when the row is to be left out.
    pub fn transform(&mut self, table: &TableDef, row: &mut Map<String, Value>) -> bool {
        let other = |column: &str| {
            row.get(column)
                .and_then(Value::as_str)
                .is_some_and(|id| self.others.contains(id))
        };
        let drop = match table.name {
            "raw_records" => true,
            "profile_fields" | "experiences" => other("account_id"),
            _ => false,
        };
        if drop {
            *self.dropped.entry(table.name).or_default() += 1;
            return false;
        }
        if table.name == "accounts" && other("id") {
            self.pseudonymised += 1;
            let p = row
                .get("id")
                .and_then(Value::as_str)
                .map(|id| self.redactor.pseudonym(id))
                .unwrap_or_default();
            for column in ["native_id", "handle", "profile_url", "extra"] {
                if row.contains_key(column) {
                    row.insert(column.to_string(), Value::Null);
                }
            }
            row.insert("display_name".to_string(), Value::String(p));
        }
        if table.name == "persons"
            && !row
                .get("is_owner")
                .and_then(Value::as_bool)
                .unwrap_or(false)
        {
            row.insert("extra".to_string(), Value::Null);
        }
        for value in row.values_mut() {
            self.value(value);
        }
        true
    }

    fn value(&self, value: &mut Value) {
        match value {
            Value::String(s) => {
                let masked = self.text(s);
                if masked != *s {
                    *s = masked;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.value(v)),
            Value::Object(map) => map.values_mut().for_each(|v| self.value(v)),
            _ => {}
        }
    }

    /// `text` with every known name, handle, id and contact detail of someone else
    /// masked where it stands as a whole word, and X profile addresses of others masked.
    pub fn text(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        if let Some(finder) = &self.finder {
            for m in finder.find_iter(text) {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                if word(before) || word(after) {
                    continue;
                }
                out.push_str(&text[last..m.start()]);
                out.push_str(&self.replacements[m.pattern().as_usize()]);
                last = m.end();
            }
        }
        out.push_str(&text[last..]);
        self.redactor.mask_profile_urls(&out, &self.owner_handles)
    }

    /// Whether `id` is one of the owner's accounts.
    pub fn is_owner(&self, id: &str) -> bool {
        self.owner_ids.contains(id)
    }
}

/// A native id long enough to mask as a word: short numbers (`12`) would match dates
/// and counts.
fn long_enough_id(id: &str) -> bool {
    if id.chars().all(|c| c.is_ascii_digit()) {
        id.len() >= 5
    } else {
        id.chars().count() >= 3
    }
}
