//! The owner's profile: `Profile.csv` (every column era), `Profile Summary.csv`, emails,
//! phones, registration, and the career files (positions, education, skills, …).

use freehold_archive::{Archive, Entry, Error, ParseContext};
use freehold_model::{Account, Experience, id};
use serde_json::Value;

use crate::kind::{Career, Kind};
use crate::state::State;
use crate::util::{Rec, csv_file, field, short_hash, some};
use crate::vocab;

/// `Profile.csv` columns that become profile fields, with the field name. Columns not
/// listed (and unknown columns of later eras) go to the owner account's `extra`.
const PROFILE_FIELDS: &[(&str, &str)] = &[
    ("maiden name", "maiden_name"),
    ("address", "address"),
    ("birth date", "birthday"),
    ("contact instructions", "contact_instructions"),
    ("headline", "headline"),
    ("summary", "bio"),
    ("industry", "industry"),
    ("country", "country"),
    ("zip code", "zip_code"),
    ("geo location", "location"),
];

/// Columns holding a `[a,b]` list: one profile field per element.
const PROFILE_LISTS: &[(&str, &str)] = &[
    ("twitter handles", "twitter"),
    ("websites", "website"),
    ("instant messengers", "instant_messenger"),
];

/// `Profile.csv`: the owner's name (already used), headline, summary and the rest.
pub(crate) fn profile(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    state: &mut State,
) -> Result<(), Error> {
    let owner = state.people.owner.id.clone();
    let mut first = true;
    csv_file(
        archive,
        entry,
        cx,
        "the owner's profile",
        vocab::of(Kind::Profile),
        None,
        |out, rec| {
            let loc = rec.loc();
            let mut mapped: Vec<&str> = vec!["first name", "last name"];
            for (column, name) in PROFILE_FIELDS {
                mapped.push(column);
                let Some(value) = rec.text(&[column]) else {
                    continue;
                };
                let value = value.trim();
                if *column == "birth date" {
                    // `Mar 14, 1990` → `1990-03-14`, the text as written in extra; a
                    // birthday in no known format (`Mar 14`, no year) stays as written.
                    if let Some(iso) = crate::date::parse(value) {
                        let mut extra = serde_json::Map::new();
                        extra.insert("raw".into(), Value::from(value));
                        out.emit(field(&owner, name, &iso, Some(extra)), &loc)?;
                        continue;
                    }
                }
                out.emit(field(&owner, name, value, None), &loc)?;
            }
            for (column, name) in PROFILE_LISTS {
                mapped.push(column);
                if let Some(value) = rec.get(&[column]) {
                    for item in split_list(value) {
                        out.emit(field(&owner, name, item, None), &loc)?;
                    }
                }
            }
            if first {
                first = false;
                let extra = rec.extra(&mapped);
                if !extra.is_empty() {
                    out.emit(
                        Account {
                            extra: Some(extra),
                            ..state.people.owner.account()
                        },
                        &loc,
                    )?;
                }
            }
            Ok(())
        },
    )?;
    Ok(())
}

/// `[a,b]` or `a,b` → `a`, `b`.
fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The one-table-one-field files: summary, emails, phones, WhatsApp numbers,
/// registration.
pub(crate) fn fields(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    state: &mut State,
    kind: Kind,
) -> Result<(), Error> {
    let owner = state.people.owner.id.clone();
    // Each column in the names of every era: `Registration Date` in 2017–2018.
    let (note, column, name): (&str, &[&str], &str) = match kind {
        Kind::ProfileSummary => ("profile summary", &["profile summary"], "bio"),
        Kind::Emails => ("email addresses", &["email address"], "email"),
        Kind::Phones => ("phone numbers", &["number"], "phone"),
        Kind::WhatsappPhones => ("WhatsApp numbers", &["number"], "phone"),
        _ => (
            "registration",
            &["registered at", "registration date"],
            "created_at",
        ),
    };
    csv_file(
        archive,
        entry,
        cx,
        note,
        vocab::of(kind),
        None,
        |out, rec| {
            let loc = rec.loc();
            let registration = kind == Kind::Registration;
            // For registration the value is the time; the raw text stays in extra.
            let mapped: &[&str] = if registration { &[] } else { column };
            let mut extra = rec.extra(mapped);
            let mut value = if registration {
                rec.date(out, column)
                    .or_else(|| rec.get(column).map(str::to_string))
            } else {
                rec.text(column).map(|v| v.trim().to_string())
            };
            // One number written two ways (`+31 6 1234 5678`, `31612345678`) is one
            // row, with the spelling met first.
            if matches!(kind, Kind::Phones | Kind::WhatsappPhones)
                && let Some(v) = &value
                && let Some(digits) = phone_digits(v)
            {
                value = Some(
                    state
                        .phones
                        .entry(digits)
                        .or_insert_with(|| v.clone())
                        .clone(),
                );
            }
            if let Some(updated) = (kind == Kind::Emails)
                .then(|| rec.date(out, &["updated on"]))
                .flatten()
            {
                extra.insert("updated_at".into(), Value::from(updated));
            }
            if let Some(value) = value {
                out.emit(field(&owner, name, &value, some(extra)), &loc)?;
            }
            Ok(())
        },
    )?;
    Ok(())
}

/// A phone number as the digits that identify it: every digit, without the `00` that
/// may stand for a leading `+`; `None` when there are no digits.
pub(crate) fn phone_digits(number: &str) -> Option<String> {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let trimmed = number.trim_start();
    let digits = if !trimmed.starts_with('+') && trimmed.starts_with("00") {
        digits[2..].to_string()
    } else {
        digits
    };
    (!digits.is_empty()).then_some(digits)
}

/// How one career file maps to `experiences` (or to `profile_fields` for skills,
/// languages and courses).
struct CareerMap {
    note: &'static str,
    kind: &'static str,
    organisation: &'static [&'static str],
    title: &'static [&'static str],
    description: &'static [&'static str],
    location: &'static [&'static str],
    start: &'static [&'static str],
    end: &'static [&'static str],
    /// For a profile-field file: the field name (the value is `title`).
    field: Option<&'static str>,
}

const fn career_map(career: Career) -> CareerMap {
    let base = CareerMap {
        note: "",
        kind: "",
        organisation: &[],
        title: &[],
        description: &["description"],
        location: &[],
        start: &["started on"],
        end: &["finished on"],
        field: None,
    };
    match career {
        Career::Positions => CareerMap {
            note: "positions",
            kind: "work",
            organisation: &["company name"],
            title: &["title"],
            location: &["location"],
            ..base
        },
        Career::Education => CareerMap {
            note: "education",
            kind: "education",
            organisation: &["school name"],
            title: &["degree name"],
            description: &["notes"],
            start: &["start date"],
            end: &["end date"],
            ..base
        },
        Career::Volunteering => CareerMap {
            note: "volunteering",
            kind: "volunteer",
            organisation: &["company name", "organization"],
            title: &["role"],
            ..base
        },
        Career::Projects => CareerMap {
            note: "projects",
            kind: "project",
            title: &["title"],
            ..base
        },
        Career::Publications => CareerMap {
            note: "publications",
            kind: "publication",
            organisation: &["publisher"],
            title: &["name"],
            start: &["published on"],
            end: &[],
            ..base
        },
        Career::Certifications => CareerMap {
            note: "certifications",
            kind: "certification",
            organisation: &["authority"],
            title: &["name"],
            ..base
        },
        Career::Honors => CareerMap {
            note: "honors and awards",
            kind: "honor",
            organisation: &["issuer"],
            title: &["title"],
            start: &["issued on"],
            end: &[],
            ..base
        },
        Career::Patents => CareerMap {
            note: "patents",
            kind: "patent",
            organisation: &["issuer", "patent office"],
            title: &["title"],
            start: &["issued on", "filed on"],
            end: &[],
            ..base
        },
        Career::Organizations => CareerMap {
            note: "organisations",
            kind: "organisation",
            organisation: &["name"],
            title: &["position"],
            ..base
        },
        Career::TestScores => CareerMap {
            note: "test scores",
            kind: "test_score",
            title: &["name"],
            description: &["score"],
            start: &["date"],
            end: &[],
            ..base
        },
        Career::Skills => CareerMap {
            note: "skills",
            kind: "skill",
            title: &["name"],
            description: &[],
            start: &[],
            end: &[],
            field: Some("skill"),
            ..base
        },
        Career::Languages => CareerMap {
            note: "languages",
            kind: "language",
            title: &["name"],
            description: &[],
            start: &[],
            end: &[],
            field: Some("language"),
            ..base
        },
        Career::Courses => CareerMap {
            note: "courses",
            kind: "course",
            title: &["name"],
            description: &[],
            start: &[],
            end: &[],
            field: Some("course"),
            ..base
        },
    }
}

/// Positions, education, projects, … → `experiences`; skills, languages, courses →
/// `profile_fields`.
pub(crate) fn career(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    state: &mut State,
    career: Career,
) -> Result<(), Error> {
    let owner = state.people.owner.id.clone();
    let map = career_map(career);
    csv_file(
        archive,
        entry,
        cx,
        map.note,
        vocab::of(Kind::Career(career)),
        None,
        |out, rec| {
            let loc = rec.loc();
            let mut mapped: Vec<&str> = Vec::new();
            for list in [map.organisation, map.title, map.description, map.location] {
                mapped.extend_from_slice(list);
            }
            let extra = rec.extra(&mapped);
            if let Some(name) = map.field {
                if let Some(value) = rec.get(map.title) {
                    out.emit(field(&owner, name, value, some(extra)), &loc)?;
                }
                return Ok(());
            }
            let organisation = rec.get(map.organisation).map(str::to_string);
            let title = rec.get(map.title).map(str::to_string);
            let start_raw = rec.get(map.start).unwrap_or_default().to_string();
            let started_at = date_of(rec, out, map.start);
            let ended_at = date_of(rec, out, map.end);
            let mut extra = extra;
            if career == Career::Positions && ended_at.is_none() && rec.get(map.end).is_none() {
                extra.insert("current".into(), Value::Bool(true));
            }
            let key = short_hash(&[
                organisation.as_deref().unwrap_or_default(),
                title.as_deref().unwrap_or_default(),
                &start_raw,
            ]);
            out.emit(
                Experience {
                    id: id::child(&owner, map.kind, &key),
                    account_id: owner.clone(),
                    kind: map.kind.into(),
                    organisation,
                    title,
                    description: rec.text(map.description),
                    location: rec.get(map.location).map(str::to_string),
                    started_at,
                    ended_at,
                    extra: some(extra),
                },
                &loc,
            )?;
            Ok(())
        },
    )?;
    Ok(())
}

fn date_of(rec: &Rec<'_>, out: &mut crate::util::Out<'_, '_>, names: &[&str]) -> Option<String> {
    if names.is_empty() {
        None
    } else {
        rec.date(out, names)
    }
}

#[cfg(test)]
mod phone_tests {
    use super::phone_digits;

    #[test]
    fn one_number_written_three_ways() {
        let d = phone_digits("+31 6 1234 5678");
        assert_eq!(d.as_deref(), Some("31612345678"));
        assert_eq!(phone_digits("31612345678"), d);
        assert_eq!(phone_digits("0031 (6) 1234-5678"), d);
        assert_ne!(phone_digits("06 1234 5678"), d);
        assert_eq!(phone_digits("n/a"), None);
    }
}
