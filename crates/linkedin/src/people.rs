//! Who is who: account ids from profile URLs (or names), the owner, and emitting each
//! account once (again only when it gains a name or a URL).

use std::collections::{HashMap, HashSet};

use freehold_archive::Error;
use freehold_model::Account;
use percent_encoding::percent_decode_str;
use serde_json::{Map, Value};

use crate::util::{IDS, Out, PLATFORM, short_hash};

/// The profile-URL slug: lower-cased, percent-decoded, without scheme, host, query or
/// trailing `/`. `https://www.linkedin.com/in/Zo%C3%AB-Brandt/?trk=x` → `zoë-brandt`.
/// Old `/pub/name/1/2/3` URLs keep their whole path (`pub/name/1/2/3`).
pub(crate) fn slug(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url
        .split_once("://")
        .map_or(url, |(_, r)| r)
        .split(['?', '#'])
        .next()
        .unwrap_or("");
    let (host, path) = rest.split_once('/')?;
    if !host.to_ascii_lowercase().contains("linkedin.") {
        return None;
    }
    let path = path.trim_matches('/');
    let decoded = percent_decode_str(path).decode_utf8_lossy().to_lowercase();
    let mut parts = decoded.split('/').filter(|p| !p.is_empty());
    let slug = match parts.next()? {
        "in" => parts.next()?.to_string(),
        "pub" => {
            let rest: Vec<&str> = parts.collect();
            if rest.is_empty() {
                return None;
            }
            format!("pub/{}", rest.join("/"))
        }
        _ => return None,
    };
    (!slug.is_empty()).then_some(slug)
}

pub(crate) use freehold_archive::text::normalise_name;

/// `First Last`, trimmed; `None` when both are empty.
pub(crate) fn full_name(first: Option<&str>, last: Option<&str>) -> Option<String> {
    let name = [first, last]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    (!name.is_empty()).then_some(name)
}

/// The account id of a slug.
pub(crate) fn slug_account(slug: &str) -> String {
    IDS.account(slug)
}

/// The account id of someone known only by name.
pub(crate) fn name_account(name: &str) -> String {
    IDS.account(&format!("name:{}", short_hash(&[&normalise_name(name)])))
}

/// The part of an account id after `li:account:`, used inside relationship ids.
pub(crate) fn key(account: &str) -> &str {
    IDS.native("account", account).unwrap_or(account)
}

/// The canonical profile URL of a slug.
pub(crate) fn profile_url(slug: &str) -> String {
    format!("https://www.linkedin.com/{}", in_path(slug))
}

fn in_path(slug: &str) -> String {
    if slug.starts_with("pub/") {
        slug.to_string()
    } else {
        format!("in/{slug}")
    }
}

/// Names counted as evidence of who the owner is, when `Profile.csv` is missing: by
/// normalised name, the first spelling met and how often it was met.
#[derive(Debug, Default)]
pub(crate) struct NameTally {
    counts: HashMap<String, (String, usize)>,
}

impl NameTally {
    /// Counts one sighting of `name` (the hidden member's placeholder is no evidence).
    pub(crate) fn add(&mut self, name: &str) {
        let key = normalise_name(name);
        if key.is_empty() || key == "linkedin member" {
            return;
        }
        self.counts
            .entry(key)
            .or_insert_with(|| (name.trim().to_string(), 0))
            .1 += 1;
    }

    /// The most counted name with its count, when no other name ties with it.
    pub(crate) fn leader(&self) -> Option<(&str, usize)> {
        let mut ranked: Vec<(&str, usize)> = self
            .counts
            .values()
            .map(|(name, n)| (name.as_str(), *n))
            .collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        match ranked.as_slice() {
            [first, second, ..] if second.1 == first.1 => None,
            [first, ..] => Some(*first),
            [] => None,
        }
    }
}

/// The owner of the archive.
#[derive(Debug, Clone, Default)]
pub(crate) struct Owner {
    /// The owner's account id.
    pub id: String,
    /// The display name from `Profile.csv`.
    pub name: Option<String>,
    /// The public profile slug, when the archive reveals it.
    pub slug: Option<String>,
}

impl Owner {
    /// Builds the owner from a name and maybe a slug. The id comes from the name, which
    /// every era of the export has, so that snapshots of the same person from 2018 (no
    /// URL anywhere) and 2026 give the same owner row and the same relationship ids.
    pub(crate) fn new(name: Option<String>, slug: Option<String>) -> Owner {
        let id = match (&name, &slug) {
            (Some(n), _) => name_account(n),
            (None, Some(s)) => slug_account(s),
            (None, None) => IDS.account("owner"),
        };
        Owner { id, name, slug }
    }

    fn is(&self, slug: Option<&str>, name: Option<&str>) -> bool {
        match (slug, &self.slug) {
            (Some(s), Some(mine)) => s == mine,
            (Some(_), None) => false,
            (None, _) => match (name, &self.name) {
                (Some(n), Some(mine)) => normalise_name(n) == normalise_name(mine),
                _ => false,
            },
        }
    }

    /// The owner's account row.
    pub(crate) fn account(&self) -> Account {
        let mut extra = Map::new();
        extra.insert("id_from".into(), Value::from("name"));
        Account {
            id: self.id.clone(),
            platform: PLATFORM.into(),
            handle: self.slug.clone(),
            display_name: self.name.clone(),
            profile_url: self.slug.as_deref().map(profile_url),
            is_owner: true,
            extra: Some(extra),
            ..Account::default()
        }
    }
}

/// Every account met so far, so that each is written once (and again only when it
/// gains a name).
#[derive(Debug, Default)]
pub(crate) struct People {
    pub owner: Owner,
    seen: HashMap<String, bool>,
    /// Names of people whose URL is known (normalised name → slug), from message senders.
    pub urls_by_name: HashMap<String, String>,
    /// Names seen with two different URLs: never resolved to a URL by name.
    pub ambiguous: HashSet<String>,
}

impl People {
    /// Resolves a person from a name and/or a profile URL, writes their account if it is
    /// new (or newly named), and returns its id. The owner resolves to the owner's id
    /// (by URL, or by name when `name_may_be_owner`). `None` when there is neither a name
    /// nor a usable URL.
    pub(crate) fn person(
        &mut self,
        out: &mut Out<'_, '_>,
        name: Option<&str>,
        url: Option<&str>,
        name_may_be_owner: bool,
        locator: &str,
    ) -> Result<Option<String>, Error> {
        let name = name.map(str::trim).filter(|n| !n.is_empty());
        let mut slug = url.and_then(slug);
        if slug.is_none()
            && let Some(n) = name
        {
            slug = self.url_of(n);
        }
        let owner_name = if name_may_be_owner { name } else { None };
        if self.owner.is(slug.as_deref(), owner_name) {
            return Ok(Some(self.owner.id.clone()));
        }
        if let (Some(s), Some(n)) = (&slug, name) {
            // Later name-only rows (recommendations, 2021 connections) find this URL.
            self.learn_url(&normalise_name(n), s);
        }
        let (aid, by_name) = match (&slug, name) {
            (Some(s), _) => (slug_account(s), false),
            (None, Some(n)) => (name_account(n), true),
            (None, None) => return Ok(None),
        };
        self.emit_account(out, aid, slug, name, by_name, locator)
    }

    /// The URL slug known for a name, unless two people share the name.
    pub(crate) fn url_of(&self, name: &str) -> Option<String> {
        let name = normalise_name(name);
        if self.ambiguous.contains(&name) {
            return None;
        }
        self.urls_by_name.get(&name).cloned()
    }

    /// Remembers that `name` (normalised) has the profile `slug`; a second, different
    /// slug for the same name makes the name ambiguous for good.
    pub(crate) fn learn_url(&mut self, name: &str, slug: &str) {
        if self.ambiguous.contains(name) {
            return;
        }
        match self.urls_by_name.get(name) {
            Some(known) if known != slug => {
                self.urls_by_name.remove(name);
                self.ambiguous.insert(name.to_string());
            }
            Some(_) => {}
            None => {
                self.urls_by_name.insert(name.to_string(), slug.to_string());
            }
        }
    }

    /// Writes the account of someone known only by name under a given id (one of two
    /// namesakes told apart by their row), once.
    pub(crate) fn person_with_id(
        &mut self,
        out: &mut Out<'_, '_>,
        aid: String,
        name: &str,
        locator: &str,
    ) -> Result<Option<String>, Error> {
        self.emit_account(out, aid, None, Some(name.trim()), true, locator)
    }

    fn emit_account(
        &mut self,
        out: &mut Out<'_, '_>,
        aid: String,
        slug: Option<String>,
        name: Option<&str>,
        by_name: bool,
        locator: &str,
    ) -> Result<Option<String>, Error> {
        let named = name.is_some();
        match self.seen.get(&aid) {
            Some(&had_name) if had_name || !named => return Ok(Some(aid)),
            _ => {}
        }
        self.seen.insert(aid.clone(), named);
        let extra = by_name.then(|| {
            let mut m = Map::new();
            m.insert("id_from".into(), Value::from("name"));
            m
        });
        out.emit(
            Account {
                id: aid.clone(),
                platform: PLATFORM.into(),
                handle: slug.clone(),
                display_name: name.map(str::to_string),
                profile_url: slug.as_deref().map(profile_url),
                extra,
                ..Account::default()
            },
            locator,
        )?;
        Ok(Some(aid))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_from_every_url_shape() {
        let cases = [
            ("https://www.linkedin.com/in/zo%C3%AB-brandt", "zoë-brandt"),
            (
                "https://www.linkedin.com/in/Kenji-Watanabe/",
                "kenji-watanabe",
            ),
            ("www.linkedin.com/in/fatima-alsayed", "fatima-alsayed"),
            ("http://nl.linkedin.com/in/noor?trk=abc", "noor"),
            (
                "https://www.linkedin.com/pub/old-name/1/23/456",
                "pub/old-name/1/23/456",
            ),
        ];
        for (url, want) in cases {
            assert_eq!(slug(url).as_deref(), Some(want), "{url}");
        }
        assert_eq!(slug(""), None);
        assert_eq!(slug("https://example.com/in/x"), None);
        assert_eq!(slug("https://www.linkedin.com/company/acme"), None);
    }

    #[test]
    fn names_hash_stably() {
        assert_eq!(
            name_account("Noor  van den Berg"),
            name_account(" noor van den berg")
        );
        assert!(name_account("Noor").starts_with("li:account:name:"));
        assert_eq!(full_name(Some(" Ana "), Some("")), Some("Ana".into()));
        assert_eq!(full_name(None, Some(" ")), None);
    }

    #[test]
    fn a_name_with_two_urls_is_never_resolved() {
        let mut people = People::default();
        people.learn_url("ana silva", "ana-silva-1");
        assert_eq!(people.url_of("Ana  Silva").as_deref(), Some("ana-silva-1"));
        people.learn_url("ana silva", "ana-silva-1");
        assert_eq!(people.url_of("ana silva").as_deref(), Some("ana-silva-1"));
        people.learn_url("ana silva", "ana-silva-2");
        assert_eq!(people.url_of("ana silva"), None);
        // A third sighting of the first URL does not make the name unique again.
        people.learn_url("ana silva", "ana-silva-1");
        assert_eq!(people.url_of("ana silva"), None);
    }
}
