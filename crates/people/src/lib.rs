#![doc = include_str!("../README.md")]
//!
//! ## Overview
//!
//! People across platforms: which accounts are one person.
//!
//! [`link`] reads every account with its profile fields and groups, finds evidence that two
//! accounts are one person, applies the owner's decisions and stores the result (persons,
//! each account's person, each link with its evidence, score and status) in the database.
//!
//! - The owner's accounts are one person from the start.
//! - **Decisive** evidence links automatically: the same email address or phone number.
//! - Everything else is a **candidate** for the owner to accept or reject: a profile link
//!   or handle of one platform named in another's fields; the same full name after
//!   normalisation (case, diacritics, word order, initials), strengthened by a handle that
//!   spells the name and by shared groups, weakened when the name is common in the
//!   database (two accounts of one platform carry it).
//! - The owner's decisions (`person_decisions`) win over the rules, later ones over
//!   earlier ones; imports never touch them.
//!
//! Linking is not quadratic: pairs are only formed inside blocks of accounts that share
//! an email address, a phone number, a profile claim or a normalised name key.
//!
//! ```
//! let store = freehold_store::Store::in_memory()?;
//! let linking = freehold_people::link(&store)?;
//! assert_eq!(linking.stats.accounts, 0);
//! # Ok::<(), freehold_store::Error>(())
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};

use freehold_model::{
    Account, Group, GroupMember, Person, PersonAccount, PersonDecision, PersonLink, ProfileField,
};
use freehold_store::{Error, PeopleTables, Store};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The model crate whose rows people are linked from, in the version it was built with.
pub use freehold_model as model;
/// The store crate people are read from and written to, in the version it was built with.
pub use freehold_store as store;

pub mod normal;

use normal::{
    email_key, handle_key, handle_matches_name, has_initial, initial_keys, name_key, name_tokens,
    phone_key, profile_claim,
};

/// Blocks of more accounts than this that share one name key are not paired by name
/// (such a name says nothing about who is who); shared emails, phones and profile
/// claims are always paired.
pub const MAX_NAME_BLOCK: usize = 16;

/// One piece of evidence that two accounts are one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, PartialOrd, Ord)]
pub struct Evidence {
    /// `email`, `phone`, `profile-link`, `name`, `name-initials`, `handle-matches-name`,
    /// `shared-group`, `common-name`, `owner`, `owner-decision`.
    pub kind: String,
    /// What was found: the address, the number, the link, the name.
    pub detail: String,
}

impl Evidence {
    fn new(kind: &str, detail: impl Into<String>) -> Evidence {
        Evidence {
            kind: kind.to_string(),
            detail: detail.into(),
        }
    }
}

/// What linking read: accounts, the profile fields that carry evidence, and group names.
#[derive(Debug, Clone, Default)]
pub struct Input {
    /// Every account.
    pub accounts: Vec<Account>,
    /// `(account id, field, value)` of the fields that may carry evidence (emails, phone
    /// numbers, websites, handles of other platforms).
    pub fields: Vec<(String, String, String)>,
    /// `(account id, group name)` of every group membership.
    pub groups: Vec<(String, String)>,
}

/// Profile fields that may name an email address, a phone number or another profile.
const EVIDENCE_FIELDS: &[&str] = &[
    "email",
    "phone",
    "website",
    "url",
    "twitter",
    "blog",
    "facebook",
    "linkedin",
    "instant_messenger",
];

impl Input {
    /// Reads what linking needs from `store`.
    pub fn load(store: &Store) -> Result<Input, Error> {
        let mut input = Input::default();
        store.for_each_row_as::<Account>(|mut a| {
            // Linking reads no extra fields; not keeping them halves the memory it needs.
            a.extra = None;
            input.accounts.push(a);
            Ok(())
        })?;
        store.for_each_row_as::<ProfileField>(|f| {
            if EVIDENCE_FIELDS.contains(&f.field.as_str()) {
                input.fields.push((f.account_id, f.field, f.value));
            }
            Ok(())
        })?;
        let mut names: HashMap<String, String> = HashMap::new();
        store.for_each_row_as::<Group>(|g| {
            if let Some(name) = g.name {
                names.insert(g.id, name);
            }
            Ok(())
        })?;
        store.for_each_row_as::<GroupMember>(|m| {
            if let Some(name) = names.get(&m.group_id) {
                input.groups.push((m.account_id, name.clone()));
            }
            Ok(())
        })?;
        Ok(input)
    }
}

/// Counts of one linking run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Accounts in the database.
    pub accounts: usize,
    /// Persons they form.
    pub persons: usize,
    /// Persons with accounts on more than one platform or more than one account.
    pub linked_persons: usize,
    /// Links made automatically (decisive evidence, the owner's own accounts).
    pub automatic: usize,
    /// Links the owner accepted or made.
    pub by_owner: usize,
    /// Candidates waiting for the owner.
    pub candidates: usize,
    /// Links rejected (by the owner).
    pub rejected: usize,
}

/// The result of [`link`]: what was stored, and its counts.
#[derive(Debug, Clone, Default)]
pub struct Linking {
    /// Persons, memberships and links, as stored.
    pub tables: PeopleTables,
    /// Counts.
    pub stats: Stats,
}

/// Links every account in `store` and stores the result in place of the previous one.
pub fn link(store: &Store) -> Result<Linking, Error> {
    let input = Input::load(store)?;
    let decisions = store.person_decisions()?;
    let linking = compute(&input, &decisions);
    store.replace_people(&linking.tables)?;
    Ok(linking)
}

/// A short stable hash: 16 hex digits of SHA-256.
fn short_hash(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    let digest = h.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// The id of the link between two accounts (in either order).
pub fn link_id(a: &str, b: &str) -> String {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    format!("link:{}", short_hash(&[a, b]))
}

/// The id of the person whose first account (in id order) is `first_account`.
pub fn person_id(first_account: &str) -> String {
    format!("person:{}", short_hash(&[first_account]))
}

#[derive(Default)]
struct PairEvidence {
    items: Vec<Evidence>,
    decisive: bool,
    link: bool,
    name: bool,
    initials: bool,
}

/// Links `input` with the owner's `decisions`, without touching a database.
#[allow(clippy::too_many_lines)]
pub fn compute(input: &Input, decisions: &[PersonDecision]) -> Linking {
    let accounts = &input.accounts;
    let n = accounts.len();
    let index: HashMap<&str, u32> = accounts
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), u32::try_from(i).unwrap_or(u32::MAX)))
        .collect();

    // Blocks: every key an account has, with the accounts that have it.
    let mut emails: HashMap<String, Vec<u32>> = HashMap::new();
    let mut phones: HashMap<String, Vec<u32>> = HashMap::new();
    let mut claims_of: Vec<(u32, String)> = Vec::new();
    let mut own_claims: HashMap<String, Vec<u32>> = HashMap::new();
    for (account, field, value) in &input.fields {
        let Some(&i) = index.get(account.as_str()) else {
            continue;
        };
        match field.as_str() {
            "email" => {
                if let Some(k) = email_key(value) {
                    emails.entry(k).or_default().push(i);
                }
            }
            "phone" => {
                if let Some(k) = phone_key(value) {
                    phones.entry(k).or_default().push(i);
                }
            }
            "twitter" if !value.contains('/') => {
                let k = handle_key(value);
                if !k.is_empty() {
                    claims_of.push((i, format!("twitter:{k}")));
                }
            }
            _ => {
                if let Some(c) = profile_claim(value) {
                    claims_of.push((i, c));
                }
            }
        }
    }
    let mut tokens: Vec<Vec<String>> = Vec::with_capacity(n);
    let mut exact: HashMap<String, Vec<u32>> = HashMap::new();
    let mut initials: HashMap<String, Vec<u32>> = HashMap::new();
    for (i, a) in accounts.iter().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        let t = a
            .display_name
            .as_deref()
            .map(name_tokens)
            .unwrap_or_default();
        if let Some(k) = name_key(&t) {
            exact.entry(k).or_default().push(i);
        }
        for k in initial_keys(&t) {
            initials.entry(k).or_default().push(i);
        }
        tokens.push(t);
        if let Some(c) = a.profile_url.as_deref().and_then(profile_claim) {
            own_claims.entry(c).or_default().push(i);
        }
        if let Some(h) = &a.handle {
            let k = handle_key(h);
            if !k.is_empty() {
                let c = format!("{}:{k}", a.platform);
                if own_claims.get(&c).is_none_or(|v| !v.contains(&i)) {
                    own_claims.entry(c).or_default().push(i);
                }
            }
        }
        if a.platform == "linkedin"
            && let Some(slug) = freehold_model::id::Ids::LINKEDIN.native("account", &a.id)
        {
            let c = format!("linkedin:{}", slug.to_lowercase());
            if own_claims.get(&c).is_none_or(|v| !v.contains(&i)) {
                own_claims.entry(c).or_default().push(i);
            }
        }
    }
    let mut groups: HashMap<u32, HashSet<String>> = HashMap::new();
    for (account, name) in &input.groups {
        if let Some(&i) = index.get(account.as_str()) {
            groups
                .entry(i)
                .or_default()
                .insert(normal::fold(name).trim().to_string());
        }
    }

    let mut pairs: HashMap<(u32, u32), PairEvidence> = HashMap::new();
    let key = |a: u32, b: u32| if a < b { (a, b) } else { (b, a) };
    for (kind, blocks) in [("email", &emails), ("phone", &phones)] {
        for (value, members) in blocks {
            let mut members = members.clone();
            members.sort_unstable();
            members.dedup();
            for (x, &a) in members.iter().enumerate() {
                for &b in &members[x + 1..] {
                    let e = pairs.entry(key(a, b)).or_default();
                    e.decisive = true;
                    e.items.push(Evidence::new(kind, value.clone()));
                }
            }
        }
    }
    for (from, claim) in &claims_of {
        if let Some(targets) = own_claims.get(claim) {
            for &to in targets {
                if to != *from
                    && accounts[to as usize].platform != accounts[*from as usize].platform
                {
                    let e = pairs.entry(key(*from, to)).or_default();
                    e.link = true;
                    e.items.push(Evidence::new(
                        "profile-link",
                        format!(
                            "{} names {}",
                            accounts[*from as usize].id, accounts[to as usize].id
                        ),
                    ));
                }
            }
        }
    }
    // How common each exact name is: the most accounts of one platform that carry it.
    let mut common: HashMap<&str, usize> = HashMap::new();
    for (k, members) in &exact {
        let mut per: BTreeMap<&str, usize> = BTreeMap::new();
        for &m in members {
            *per.entry(accounts[m as usize].platform.as_str())
                .or_default() += 1;
        }
        common.insert(k.as_str(), per.values().copied().max().unwrap_or(0));
    }
    for (k, members) in &exact {
        if members.len() > MAX_NAME_BLOCK {
            continue;
        }
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                if accounts[a as usize].platform == accounts[b as usize].platform {
                    continue;
                }
                let e = pairs.entry(key(a, b)).or_default();
                e.name = true;
                e.items.push(Evidence::new(
                    "name",
                    accounts[a as usize]
                        .display_name
                        .clone()
                        .unwrap_or_default(),
                ));
                let c = common.get(k.as_str()).copied().unwrap_or(0);
                if c >= 2 {
                    e.items.push(Evidence::new(
                        "common-name",
                        format!("{c} accounts of one platform carry this name"),
                    ));
                }
            }
        }
    }
    for members in initials.values() {
        if members.len() > MAX_NAME_BLOCK {
            continue;
        }
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                let (ta, tb) = (&tokens[a as usize], &tokens[b as usize]);
                if accounts[a as usize].platform == accounts[b as usize].platform
                    || name_key(ta) == name_key(tb)
                    || !(has_initial(ta) || has_initial(tb))
                {
                    continue;
                }
                let e = pairs.entry(key(a, b)).or_default();
                if e.initials {
                    continue;
                }
                e.initials = true;
                e.items.push(Evidence::new(
                    "name-initials",
                    format!(
                        "{} ~ {}",
                        accounts[a as usize].display_name.as_deref().unwrap_or(""),
                        accounts[b as usize].display_name.as_deref().unwrap_or("")
                    ),
                ));
            }
        }
    }

    // The blocks are done with: free them before the links are built.
    drop((emails, phones, own_claims, claims_of, exact, initials));
    // Score every pair; decide it by rule.
    let mut links: HashMap<(u32, u32), PersonLink> = HashMap::new();
    for ((a, b), mut e) in pairs {
        let (aa, ab) = (&accounts[a as usize], &accounts[b as usize]);
        let score = if e.decisive {
            1.0
        } else {
            let mut s: f64 = 0.0;
            if e.link {
                s = s.max(0.9);
            }
            if e.name {
                s = s.max(0.6);
            }
            if e.initials {
                s = s.max(0.45);
            }
            if e.name || e.initials {
                let name_of = |x: &Account| tokens[index[x.id.as_str()] as usize].clone();
                for (acc, other) in [(aa, ab), (ab, aa)] {
                    if let Some(h) = &acc.handle
                        && handle_matches_name(h, &name_of(other))
                    {
                        e.items
                            .push(Evidence::new("handle-matches-name", format!("@{h}")));
                        s += 0.15;
                        break;
                    }
                }
                if let (Some(ga), Some(gb)) = (groups.get(&a), groups.get(&b)) {
                    let mut shared: Vec<&String> = ga.intersection(gb).collect();
                    shared.sort();
                    if let Some(g) = shared.first() {
                        e.items.push(Evidence::new("shared-group", (*g).clone()));
                        s += 0.1;
                    }
                }
                if e.items.iter().any(|i| i.kind == "common-name") {
                    s *= 0.5;
                }
            }
            s.min(0.95)
        };
        e.items.sort();
        e.items.dedup();
        let (first, second) = if aa.id <= ab.id { (aa, ab) } else { (ab, aa) };
        let decisive = e.decisive;
        links.insert(
            (a, b),
            PersonLink {
                id: link_id(&first.id, &second.id),
                account_a: first.id.clone(),
                account_b: second.id.clone(),
                score: Some((score * 100.0).round() / 100.0),
                status: if decisive { "accepted" } else { "candidate" }.into(),
                decided_by: "rule".into(),
                evidence: serde_json::to_string(&e.items).unwrap_or_else(|_| "[]".into()),
                extra: None,
            },
        );
    }
    // The owner's accounts: one person.
    let owners: Vec<&Account> = accounts.iter().filter(|a| a.is_owner).collect();
    for w in owners.windows(2) {
        let (a, b) = (&w[0].id, &w[1].id);
        let entry = links
            .entry(key(index[a.as_str()], index[b.as_str()]))
            .or_insert_with(|| PersonLink {
                id: link_id(a, b),
                account_a: a.clone(),
                account_b: b.clone(),
                score: Some(1.0),
                status: "accepted".into(),
                decided_by: "rule".into(),
                evidence: "[]".into(),
                extra: None,
            });
        let mut items: Vec<Evidence> = serde_json::from_str(&entry.evidence).unwrap_or_default();
        items.push(Evidence::new(
            "owner",
            "both are the owner of an imported archive",
        ));
        items.sort();
        entry.evidence = serde_json::to_string(&items).unwrap_or_else(|_| "[]".into());
        entry.score = Some(1.0);
        entry.status = "accepted".into();
    }

    // The owner's decisions, oldest first: later ones win.
    for d in decisions {
        match (d.action.as_str(), d.account_b.as_deref()) {
            ("unlink", None) => {
                for l in links.values_mut() {
                    if l.account_a == d.account_a || l.account_b == d.account_a {
                        l.status = "rejected".into();
                        l.decided_by = "owner".into();
                    }
                }
            }
            (action @ ("accept" | "link" | "reject" | "unlink"), Some(b)) => {
                let a = d.account_a.as_str();
                if !index.contains_key(a) || !index.contains_key(b) || a == b {
                    continue;
                }
                let (x, y) = if a <= b { (a, b) } else { (b, a) };
                let l = links
                    .entry(key(index[x], index[y]))
                    .or_insert_with(|| PersonLink {
                        id: link_id(x, y),
                        account_a: x.to_string(),
                        account_b: y.to_string(),
                        score: None,
                        status: "candidate".into(),
                        decided_by: "owner".into(),
                        evidence: serde_json::to_string(&[Evidence::new(
                            "owner-decision",
                            format!("freehold people {action} ({})", d.decided_at),
                        )])
                        .unwrap_or_else(|_| "[]".into()),
                        extra: None,
                    });
                l.status = if matches!(action, "accept" | "link") {
                    "accepted"
                } else {
                    "rejected"
                }
                .into();
                l.decided_by = "owner".into();
            }
            _ => {}
        }
    }

    // Persons: the accounts joined by accepted links.
    let mut parent: Vec<u32> = (0..u32::try_from(n).unwrap_or(u32::MAX)).collect();
    fn find(parent: &mut [u32], mut x: u32) -> u32 {
        while parent[x as usize] != x {
            parent[x as usize] = parent[parent[x as usize] as usize];
            x = parent[x as usize];
        }
        x
    }
    let mut by_owner: HashSet<u32> = HashSet::new();
    for l in links.values().filter(|l| l.status == "accepted") {
        let (Some(&a), Some(&b)) = (
            index.get(l.account_a.as_str()),
            index.get(l.account_b.as_str()),
        ) else {
            continue;
        };
        if l.decided_by == "owner" {
            by_owner.insert(a);
            by_owner.insert(b);
        }
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb) as usize] = ra.min(rb);
        }
    }
    let mut groups_of: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for i in 0..u32::try_from(n).unwrap_or(u32::MAX) {
        let r = find(&mut parent, i);
        groups_of.entry(r).or_default().push(i);
    }
    let mut tables = PeopleTables::default();
    for members in groups_of.values() {
        let mut ids: Vec<&Account> = members.iter().map(|&m| &accounts[m as usize]).collect();
        ids.sort_by(|a, b| a.id.cmp(&b.id));
        let pid = person_id(&ids[0].id);
        let is_owner = ids.iter().any(|a| a.is_owner);
        let name = best_name(&ids);
        tables.persons.push(Person {
            id: pid.clone(),
            name,
            is_owner,
            extra: None,
        });
        for a in &ids {
            let i = index[a.id.as_str()];
            tables.members.push(PersonAccount {
                id: a.id.clone(),
                person_id: pid.clone(),
                decided_by: if by_owner.contains(&i) {
                    "owner"
                } else {
                    "rule"
                }
                .into(),
                extra: None,
            });
        }
    }
    tables.persons.sort_by(|a, b| a.id.cmp(&b.id));
    tables.members.sort_by(|a, b| a.id.cmp(&b.id));
    let person_of: HashMap<&str, &str> = tables
        .members
        .iter()
        .map(|m| (m.id.as_str(), m.person_id.as_str()))
        .collect();
    let mut stats = Stats {
        accounts: n,
        persons: tables.persons.len(),
        linked_persons: groups_of.values().filter(|g| g.len() > 1).count(),
        ..Stats::default()
    };
    let mut out_links: Vec<PersonLink> = links.into_values().collect();
    out_links.sort_by(|a, b| a.id.cmp(&b.id));
    for l in &out_links {
        match (l.status.as_str(), l.decided_by.as_str()) {
            ("accepted", "rule") => stats.automatic += 1,
            ("accepted", _) => stats.by_owner += 1,
            ("rejected", _) => stats.rejected += 1,
            _ if person_of.get(l.account_a.as_str()) != person_of.get(l.account_b.as_str()) => {
                stats.candidates += 1;
            }
            _ => {}
        }
    }
    tables.links = out_links;
    Linking { tables, stats }
}

/// The name of a person: the owner's from an owner account, else the longest display
/// name of two words or more, else any display name, else a handle.
fn best_name(accounts: &[&Account]) -> Option<String> {
    let pick = |pool: Vec<&&Account>| -> Option<String> {
        let mut names: Vec<&str> = pool
            .iter()
            .filter_map(|a| a.display_name.as_deref())
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        names.sort_by(|a, b| {
            let wa = a.split_whitespace().count() >= 2;
            let wb = b.split_whitespace().count() >= 2;
            wb.cmp(&wa)
                .then(b.chars().count().cmp(&a.chars().count()))
                .then(a.cmp(b))
        });
        names.first().map(|s| (*s).to_string())
    };
    let owners: Vec<&&Account> = accounts.iter().filter(|a| a.is_owner).collect();
    if !owners.is_empty()
        && let Some(n) = pick(owners)
    {
        return Some(n);
    }
    pick(accounts.iter().collect()).or_else(|| accounts.iter().find_map(|a| a.handle.clone()))
}

/// The candidates of a linking run: links waiting for the owner between accounts of
/// different persons, best first.
pub fn candidates(tables: &PeopleTables) -> Vec<&PersonLink> {
    let person_of: HashMap<&str, &str> = tables
        .members
        .iter()
        .map(|m| (m.id.as_str(), m.person_id.as_str()))
        .collect();
    let mut out: Vec<&PersonLink> = tables
        .links
        .iter()
        .filter(|l| {
            l.status == "candidate"
                && person_of.get(l.account_a.as_str()) != person_of.get(l.account_b.as_str())
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .unwrap_or(0.0)
            .total_cmp(&a.score.unwrap_or(0.0))
            .then(a.id.cmp(&b.id))
    });
    out
}

/// `freehold people --json`: `{"persons": [{"id", "name", "accounts"}], "candidates":
/// [{"id", "accounts", "score", "evidence"}]}`.
pub fn to_json(tables: &PeopleTables) -> serde_json::Value {
    let mut accounts: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for m in &tables.members {
        accounts
            .entry(m.person_id.as_str())
            .or_default()
            .push(m.id.as_str());
    }
    let persons: Vec<serde_json::Value> = tables
        .persons
        .iter()
        .map(|p| {
            serde_json::json!({
                "id": p.id,
                "name": p.name,
                "accounts": accounts.get(p.id.as_str()).cloned().unwrap_or_default(),
            })
        })
        .collect();
    let candidates: Vec<serde_json::Value> = candidates(tables)
        .into_iter()
        .map(|l| {
            let evidence: serde_json::Value =
                serde_json::from_str(&l.evidence).unwrap_or_else(|_| serde_json::json!([]));
            serde_json::json!({
                "id": l.id,
                "accounts": [l.account_a, l.account_b],
                "score": l.score,
                "evidence": evidence,
            })
        })
        .collect();
    serde_json::json!({"persons": persons, "candidates": candidates})
}
