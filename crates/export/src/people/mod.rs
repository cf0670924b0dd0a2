//! Private exits that carry people: vCard ([`vcard`]), contact CSV ([`contacts_csv`]),
//! GEXF and GraphML ([`graph`]). They read the persons that `freehold people` stored
//! (run [`freehold_people::link`] first) and are for the owner's own address book, CRM or
//! analysis: they hold other people's names, addresses, numbers and ties, and are
//! written owner-only (`shared/privacy.md`, private exits).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use freehold_model::{
    Account, Experience, Import, Person, PersonAccount, ProfileField, Relationship,
};
use freehold_store::Store;

pub mod contacts_csv;
pub mod graph;
pub mod vcard;

/// The notice every people export prints in its summary.
pub const NOTICE: &str = "This file holds other people's personal data (names, contact details, ties): it is written readable by you only; keep it private and do not share it.";

/// The notice a people export prints instead of [`NOTICE`] under `--redact
/// third-parties`, for `persons` pseudonymised.
pub fn redacted_notice(persons: usize) -> String {
    format!(
        "Redacted (--redact third-parties): {persons} persons other than you are pseudonyms, without names, handles, ids, profile links or contact details; the ties between them stay."
    )
}

/// The display name of a platform.
pub fn platform_name(platform: &str) -> &str {
    match platform {
        "twitter" => "X",
        "facebook" => "Facebook",
        "linkedin" => "LinkedIn",
        "hyves" => "Hyves",
        other => other,
    }
}

/// One person with what the exits show of them.
#[derive(Debug, Clone, Default)]
pub struct Contact {
    /// The person.
    pub person: Person,
    /// Their accounts, by id.
    pub accounts: Vec<Account>,
    /// Email addresses (in the order found, without repeats).
    pub emails: Vec<String>,
    /// Phone numbers.
    pub phones: Vec<String>,
    /// Organisation (a LinkedIn connection's company, or the newest position).
    pub organisation: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// How the owner knows them: `(platform, phrase, date)`, oldest first.
    pub ties: Vec<(String, String, Option<String>)>,
}

impl Contact {
    /// The platforms of the person's accounts, in a fixed order.
    pub fn platforms(&self) -> Vec<&str> {
        let set: BTreeSet<&str> = self.accounts.iter().map(|a| a.platform.as_str()).collect();
        set.into_iter().collect()
    }

    /// `(given, family)`: the first word of the name and the rest (`Jan` / `de Vries`).
    pub fn name_parts(&self) -> (String, String) {
        let name = self.person.name.clone().unwrap_or_default();
        let mut words = name.split_whitespace();
        let given = words.next().unwrap_or_default().to_string();
        let family = words.collect::<Vec<_>>().join(" ");
        (given, family)
    }

    /// The earliest date a tie with the owner started, if any is dated.
    pub fn known_since(&self) -> Option<&str> {
        self.ties.iter().filter_map(|t| t.2.as_deref()).min()
    }

    /// How and since when the owner knows them, as one sentence per tie.
    pub fn note(&self) -> String {
        self.ties
            .iter()
            .map(|(_, phrase, _)| phrase.clone())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Everything the people exits read, loaded once.
#[derive(Debug, Default)]
pub struct People {
    /// Every person, by id, with their accounts and details.
    pub contacts: Vec<Contact>,
    /// Each account's person.
    pub person_of: HashMap<String, String>,
    /// Every relationship.
    pub relationships: Vec<Relationship>,
    /// The newest import's snapshot time (for `REV`): deterministic, not the clock.
    pub revised: Option<String>,
}

impl People {
    /// Reads persons and what belongs to them from `store`.
    pub fn load(store: &Store) -> Result<People, crate::Error> {
        let mut persons: BTreeMap<String, Contact> = BTreeMap::new();
        store.for_each_row_as::<Person>(|p| {
            persons.insert(
                p.id.clone(),
                Contact {
                    person: p,
                    ..Contact::default()
                },
            );
            Ok(())
        })?;
        let mut person_of: HashMap<String, String> = HashMap::new();
        store.for_each_row_as::<PersonAccount>(|m| {
            person_of.insert(m.id, m.person_id);
            Ok(())
        })?;
        let mut owners: BTreeSet<String> = BTreeSet::new();
        store.for_each_row_as::<Account>(|a| {
            if a.is_owner {
                owners.insert(a.id.clone());
            }
            if let Some(c) = person_of.get(&a.id).and_then(|p| persons.get_mut(p)) {
                c.accounts.push(a);
            }
            Ok(())
        })?;
        store.for_each_row_as::<ProfileField>(|f| {
            let Some(c) = person_of
                .get(&f.account_id)
                .and_then(|p| persons.get_mut(p))
            else {
                return Ok(());
            };
            let value = f.value.trim().to_string();
            if value.is_empty() {
                return Ok(());
            }
            match f.field.as_str() {
                "email" if !c.emails.iter().any(|e| e.eq_ignore_ascii_case(&value)) => {
                    c.emails.push(value);
                }
                "phone" if !c.phones.contains(&value) => c.phones.push(value),
                "company" => c.organisation = Some(value),
                "position" => c.title = Some(value),
                _ => {}
            }
            Ok(())
        })?;
        // The newest work position, where no connection row named one.
        let mut newest: HashMap<String, Experience> = HashMap::new();
        store.for_each_row_as::<Experience>(|e| {
            if e.kind != "work" || e.ended_at.is_some() {
                return Ok(());
            }
            let Some(p) = person_of.get(&e.account_id) else {
                return Ok(());
            };
            let keep = newest
                .get(p)
                .is_none_or(|old| old.started_at < e.started_at);
            if keep {
                newest.insert(p.clone(), e);
            }
            Ok(())
        })?;
        for (p, e) in newest {
            if let Some(c) = persons.get_mut(&p) {
                if c.organisation.is_none() {
                    c.organisation.clone_from(&e.organisation);
                }
                if c.title.is_none() {
                    c.title.clone_from(&e.title);
                }
            }
        }
        let mut relationships = Vec::new();
        store.for_each_row_as::<Relationship>(|r| {
            let (from_owner, to_owner) = (
                owners.contains(&r.from_account),
                owners.contains(&r.to_account),
            );
            let other = if from_owner && !to_owner {
                Some(&r.to_account)
            } else if to_owner && !from_owner {
                Some(&r.from_account)
            } else {
                None
            };
            if let Some(c) = other
                .and_then(|o| person_of.get(o))
                .and_then(|p| persons.get_mut(p))
                && let Some(phrase) = tie_phrase(&r, from_owner)
            {
                let date = r
                    .started_at
                    .as_deref()
                    .map(|d| d.chars().take(10).collect());
                c.ties.push((r.platform.clone(), phrase, date));
            }
            relationships.push(r);
            Ok(())
        })?;
        // The newest snapshot time an archive states; the newest import time only when
        // none states one.
        let (mut generated, mut imported): (Option<String>, Option<String>) = (None, None);
        store.for_each_row_as::<Import>(|i| {
            if i.generated_at > generated {
                generated = i.generated_at;
            }
            if i.imported_at > imported {
                imported = i.imported_at;
            }
            Ok(())
        })?;
        let revised = generated.or(imported);
        let mut contacts: Vec<Contact> = persons.into_values().collect();
        for c in &mut contacts {
            c.ties.sort_by(|a, b| a.2.cmp(&b.2).then(a.1.cmp(&b.1)));
            c.ties.dedup();
        }
        Ok(People {
            contacts,
            person_of,
            relationships,
            revised,
        })
    }

    /// `--redact third-parties`: every person who is not the owner becomes a pseudonym
    /// (the pseudonym of their first account, as the other exits give that account),
    /// with no email, phone, organisation or job title; their accounts keep only the
    /// platform, with the account's pseudonym as id and name (no handle, native id,
    /// profile link or extra). Relationships stay, between the pseudonymous ids, without
    /// their source id or extra. Returns the number of persons pseudonymised.
    pub fn redact(&mut self, redactor: &crate::privacy::Redactor) -> usize {
        let mut owner_accounts: BTreeSet<String> = BTreeSet::new();
        let mut n = 0;
        for c in &mut self.contacts {
            if c.person.is_owner {
                owner_accounts.extend(c.accounts.iter().map(|a| a.id.clone()));
                continue;
            }
            n += 1;
            let first = c
                .accounts
                .iter()
                .map(|a| a.id.as_str())
                .min()
                .unwrap_or(c.person.id.as_str());
            let p = redactor.pseudonym(first);
            c.person.id = p.clone();
            c.person.name = Some(p);
            c.person.extra = None;
            c.emails.clear();
            c.phones.clear();
            c.organisation = None;
            c.title = None;
            for a in &mut c.accounts {
                let p = redactor.pseudonym(&a.id);
                *a = Account {
                    id: p.clone(),
                    platform: a.platform.clone(),
                    native_id: None,
                    handle: None,
                    display_name: Some(p),
                    profile_url: None,
                    is_owner: false,
                    extra: None,
                };
            }
        }
        let map = |id: &str| {
            if owner_accounts.contains(id) {
                id.to_string()
            } else {
                redactor.pseudonym(id)
            }
        };
        let person_ids: HashMap<String, String> = self
            .contacts
            .iter()
            .flat_map(|c| {
                c.accounts
                    .iter()
                    .map(|a| (a.id.clone(), c.person.id.clone()))
            })
            .collect();
        self.person_of = person_ids;
        for r in &mut self.relationships {
            r.from_account = map(&r.from_account);
            r.to_account = map(&r.to_account);
            r.id = format!("{}:{}:{}", r.platform, r.kind, redactor.pseudonym(&r.id));
            r.extra = None;
        }
        n
    }

    /// The persons an address book gets: not the owner, with a name, and tied to the
    /// owner or with an email address or phone number (not everyone ever mentioned).
    pub fn address_book(&self) -> impl Iterator<Item = &Contact> {
        self.contacts.iter().filter(|c| {
            !c.person.is_owner
                && c.person.name.is_some()
                && (!c.ties.is_empty() || !c.emails.is_empty() || !c.phones.is_empty())
        })
    }
}

/// How a relationship with the owner reads in a note: `connected on LinkedIn on
/// 2017-11-23`, `friends on Facebook since 2017-07-14`.
fn tie_phrase(r: &Relationship, from_owner: bool) -> Option<String> {
    let platform = platform_name(&r.platform);
    let date = r
        .started_at
        .as_deref()
        .map(|d| d.chars().take(10).collect::<String>());
    let on = |what: &str, word: &str| match &date {
        Some(d) => format!("{what} on {platform} {word} {d}"),
        None => format!("{what} on {platform}"),
    };
    Some(match r.kind.as_str() {
        "connection" => on("connected", "on"),
        "friend" => on("friends", "since"),
        "follows" if from_owner => on("you follow them", "since"),
        "follows" => on("follows you", "since"),
        "endorses" => on("endorsement", "on"),
        "recommends" => on("recommendation", "on"),
        _ => return None,
    })
}

/// What a people export wrote.
#[derive(Debug, Clone, Default)]
pub struct PeopleReport {
    /// Records written (cards, rows, nodes).
    pub records: usize,
    /// Edges written (graphs only).
    pub edges: usize,
    /// Persons left out, and why.
    pub skipped: usize,
    /// The summary to print, with the privacy notice.
    pub summary: String,
}
