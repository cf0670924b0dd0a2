//! Other people: connections, invitations, endorsements, recommendations, company and
//! member follows, imported contacts.

use freehold_archive::{Archive, Entry, Error, Fate, ParseContext, Severity};
use freehold_model::{Account, Group, GroupMember, Relationship};
use serde_json::Value;

use crate::kind::Kind;
use std::collections::HashMap;

use crate::people::{NameTally, full_name, key, name_account, normalise_name, slug};
use crate::state::State;
use crate::util::{IDS, Out, PLATFORM, Rec, csv_file, field, scan_rows, short_hash, some};
use crate::vocab;

/// A relationship row.
#[allow(clippy::too_many_arguments)]
fn relationship(
    kind: &str,
    id_suffix: Option<&str>,
    from: &str,
    to: &str,
    started_at: Option<String>,
    status: Option<String>,
    extra: serde_json::Map<String, Value>,
) -> Relationship {
    let mut rid = IDS.of(kind, &format!("{}:{}", key(from), key(to)));
    if let Some(suffix) = id_suffix {
        rid.push(':');
        rid.push_str(suffix);
    }
    Relationship {
        id: rid,
        platform: PLATFORM.into(),
        kind: kind.into(),
        from_account: from.to_string(),
        to_account: to.to_string(),
        started_at,
        status,
        extra: some(extra),
        ..Relationship::default()
    }
}

fn status(rec: &Rec<'_>, names: &[&str]) -> Option<String> {
    rec.get(names).map(str::to_lowercase)
}

/// `Connections.csv`: the `Notes:` preamble is skipped by looking for the header; rows
/// of hidden members (only a date) are counted, not turned into people.
pub(crate) fn connections(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    state: &mut State,
) -> Result<(), Error> {
    let owner = state.people.owner.id.clone();
    let mut hidden: Vec<u64> = Vec::new();
    let mut people = 0u64;
    // Name-only rows by name: two of them with one name are two people (namesakes).
    let mut by_name: HashMap<String, Vec<u64>> = HashMap::new();
    scan_rows(archive, entry, &["first name", "connected on"], |rec| {
        let url = rec.get(&["url", "profile url"]);
        if url.and_then(slug).is_some() {
            return;
        }
        if let Some(name) = full_name(rec.get(&["first name"]), rec.get(&["last name"])) {
            by_name
                .entry(normalise_name(&name))
                .or_default()
                .push(rec.row.line);
        }
    });
    by_name.retain(|_, lines| lines.len() > 1);
    let mut collisions: Vec<(String, Vec<u64>)> = by_name.clone().into_iter().collect();
    collisions.sort_by_key(|(_, lines)| lines[0]);
    for (name, lines) in &collisions {
        let list: Vec<String> = lines.iter().map(u64::to_string).collect();
        cx.diagnose(
            Severity::Warning,
            freehold_archive::codes::NAME_COLLISION,
            Some(&entry.path),
            Some(format!("lines {}", list.join(", "))),
            format!(
                "{} connections named {name:?} without a profile URL: kept apart as different people by their connected-on date and company",
                lines.len()
            ),
        );
    }
    let rows = csv_file(
        archive,
        entry,
        cx,
        "connections",
        vocab::of(Kind::Connections),
        None,
        |out, rec| {
            let loc = rec.loc();
            let name = full_name(rec.get(&["first name"]), rec.get(&["last name"]));
            let url = rec.get(&["url", "profile url"]);
            let namesake = url.and_then(slug).is_none()
                && name
                    .as_deref()
                    .is_some_and(|n| by_name.contains_key(&normalise_name(n)));
            let person = if name.is_none() && url.and_then(slug).is_none() {
                None
            } else if namesake {
                let name = name.as_deref().unwrap_or_default();
                let aid = format!(
                    "{}:{}",
                    name_account(name),
                    short_hash(&[
                        rec.get(&["connected on"]).unwrap_or_default(),
                        &normalise_name(rec.get(&["company"]).unwrap_or_default()),
                    ])
                );
                state.people.person_with_id(out, aid, name, &loc)?
            } else {
                state
                    .people
                    .person(out, name.as_deref(), url, false, &loc)?
            };
            let Some(person) = person else {
                hidden.push(rec.row.line);
                // The date is still checked, so an odd one is reported.
                let _ = rec.date(out, &["connected on"]);
                return Ok(());
            };
            people += 1;
            for (column, name) in [
                ("email address", "email"),
                ("company", "company"),
                ("position", "position"),
            ] {
                if let Some(value) = rec.get(&[column]) {
                    out.emit(field(&person, name, value, None), &loc)?;
                }
            }
            let started_at = rec.date(out, &["connected on"]);
            let extra = rec.extra(&[
                "first name",
                "last name",
                "url",
                "profile url",
                "email address",
                "company",
                "position",
            ]);
            out.emit(
                relationship("connection", None, &owner, &person, started_at, None, extra),
                &loc,
            )?;
            Ok(())
        },
    )?;
    if !hidden.is_empty() {
        let lines: Vec<String> = hidden.iter().map(u64::to_string).collect();
        cx.diagnose(
            Severity::Info,
            freehold_archive::codes::HIDDEN_MEMBERS,
            Some(&entry.path),
            Some(format!("lines {}", lines.join(", "))),
            format!(
                "{} rows of hidden or closed members (a date only): counted, no person created",
                hidden.len()
            ),
        );
    }
    if cx.fate(&entry.path) == Some(Fate::Parsed) {
        cx.set_fate(
            entry,
            Fate::Parsed,
            format!(
                "connections: {rows} rows, {people} people, {} hidden members",
                hidden.len()
            ),
        );
    }
    Ok(())
}

/// The owner's profile slug from `Invitations.csv` (late 2023 on): the inviter of an
/// outgoing invitation, or the invitee of an incoming one.
pub(crate) fn owner_slug(archive: &Archive, entry: &Entry) -> Option<String> {
    let mut found = None;
    scan_rows(archive, entry, &["from", "to"], |rec| {
        if found.is_some() {
            return;
        }
        let column = match rec
            .get(&["direction"])
            .map(str::to_ascii_uppercase)
            .as_deref()
        {
            Some("OUTGOING") => "inviterprofileurl",
            Some("INCOMING") => "inviteeprofileurl",
            _ => return,
        };
        found = rec.get(&[column]).and_then(slug);
    });
    found
}

/// Counts the owner's side of every invitation: the `From` of an `OUTGOING` one and the
/// `To` of an `INCOMING` one (for an archive without `Profile.csv`). Returns how many
/// invitations of each direction were counted.
pub(crate) fn owner_names(
    archive: &Archive,
    entry: &Entry,
    tally: &mut NameTally,
) -> (usize, usize) {
    let (mut outgoing, mut incoming) = (0, 0);
    scan_rows(archive, entry, &["from", "to"], |rec| {
        let direction = rec.get(&["direction"]).map(str::to_ascii_uppercase);
        let (column, counter) = match direction.as_deref() {
            Some("OUTGOING") => ("from", &mut outgoing),
            Some("INCOMING") => ("to", &mut incoming),
            _ => return,
        };
        if let Some(name) = rec.get(&[column]) {
            tally.add(name);
            *counter += 1;
        }
    });
    (outgoing, incoming)
}

/// `Invitations.csv`: `invitation` relationships from inviter to invitee.
pub(crate) fn invitations(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    state: &mut State,
) -> Result<(), Error> {
    let owner = state.people.owner.id.clone();
    csv_file(
        archive,
        entry,
        cx,
        "invitations",
        vocab::of(Kind::Invitations),
        None,
        |out, rec| {
            let loc = rec.loc();
            let direction = rec.get(&["direction"]).map(str::to_ascii_uppercase);
            let mut side = |out: &mut Out<'_, '_>, name: &str, url: &str, owner_side: bool| {
                if owner_side {
                    return Ok(Some(owner.clone()));
                }
                state.people.person(
                    out,
                    rec.get(&[name]),
                    rec.get(&[url]),
                    direction.is_none(),
                    &loc,
                )
            };
            let outgoing = direction.as_deref() == Some("OUTGOING");
            let incoming = direction.as_deref() == Some("INCOMING");
            let from = side(out, "from", "inviterprofileurl", outgoing)?;
            let to = side(out, "to", "inviteeprofileurl", incoming)?;
            let (Some(from), Some(to)) = (from, to) else {
                out.diagnose(
                    Severity::Warning,
                    freehold_archive::codes::NO_PERSON,
                    &loc,
                    "an invitation without a name or URL on one side was skipped",
                );
                return Ok(());
            };
            let started_at = rec.date(out, &["sent at"]);
            let extra = rec.extra(&["from", "to", "inviterprofileurl", "inviteeprofileurl"]);
            out.emit(
                relationship("invitation", None, &from, &to, started_at, None, extra),
                &loc,
            )
        },
    )?;
    Ok(())
}

/// `Endorsement_Received_Info.csv` / `Endorsement_Given_Info.csv` (also the 2015
/// `Endorsement Received Info.csv` and UTF-16 re-saves): one `endorses` relationship
/// per skill.
pub(crate) fn endorsements(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    state: &mut State,
    kind: Kind,
) -> Result<(), Error> {
    let owner = state.people.owner.id.clone();
    let received = kind == Kind::EndorsementsReceived;
    let (note, who) = if received {
        ("endorsements received", "endorser")
    } else {
        ("endorsements given", "endorsee")
    };
    let first = format!("{who} first name");
    let last = format!("{who} last name");
    let url = format!("{who} public url");
    csv_file(
        archive,
        entry,
        cx,
        note,
        vocab::of(kind),
        None,
        |out, rec| {
            let loc = rec.loc();
            let name = full_name(rec.get(&[&first]), rec.get(&[&last]));
            let Some(person) =
                state
                    .people
                    .person(out, name.as_deref(), rec.get(&[&url]), false, &loc)?
            else {
                out.diagnose(
                    Severity::Warning,
                    freehold_archive::codes::NO_PERSON,
                    &loc,
                    format!("an endorsement without the {who}'s name or URL was skipped"),
                );
                return Ok(());
            };
            let (from, to) = if received {
                (person, owner.clone())
            } else {
                (owner.clone(), person)
            };
            let skill = rec.get(&["skill name"]).unwrap_or_default().to_string();
            let started_at = rec.date(out, &["endorsement date"]);
            let extra = rec.extra(&[&first, &last, &url, "endorsement status"]);
            out.emit(
                relationship(
                    "endorses",
                    Some(&short_hash(&[&normalise_name(&skill)])),
                    &from,
                    &to,
                    started_at,
                    status(rec, &["endorsement status"]),
                    extra,
                ),
                &loc,
            )
        },
    )?;
    Ok(())
}

/// `Recommendations_Received.csv` / `Recommendations_Given.csv`: `recommends`
/// relationships, the text in `extra`.
pub(crate) fn recommendations(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    state: &mut State,
    kind: Kind,
) -> Result<(), Error> {
    let owner = state.people.owner.id.clone();
    let received = kind == Kind::RecommendationsReceived;
    let note = if received {
        "recommendations received"
    } else {
        "recommendations given"
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
            let name = full_name(rec.get(&["first name"]), rec.get(&["last name"]));
            let Some(person) = state.people.person(
                out,
                name.as_deref(),
                rec.get(&["url", "profile url"]),
                false,
                &loc,
            )?
            else {
                out.diagnose(
                    Severity::Warning,
                    freehold_archive::codes::NO_PERSON,
                    &loc,
                    "a recommendation without a name or URL was skipped",
                );
                return Ok(());
            };
            let (from, to) = if received {
                (person, owner.clone())
            } else {
                (owner.clone(), person)
            };
            let started_at = rec.date(out, &["creation date"]);
            let mut extra = rec.extra(&["first name", "last name", "url", "profile url", "status"]);
            if let Some(text) = rec.text(&["text"]) {
                extra.insert("Text".into(), Value::from(text));
            }
            out.emit(
                relationship(
                    "recommends",
                    None,
                    &from,
                    &to,
                    started_at,
                    status(rec, &["status"]),
                    extra,
                ),
                &loc,
            )
        },
    )?;
    Ok(())
}

/// `Company Follows.csv`: `groups` of kind `company`, the owner a `follower`.
pub(crate) fn company_follows(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    state: &mut State,
) -> Result<(), Error> {
    let owner = state.people.owner.id.clone();
    csv_file(
        archive,
        entry,
        cx,
        "companies followed",
        vocab::of(Kind::CompanyFollows),
        None,
        |out, rec| {
            let loc = rec.loc();
            let Some(name) = rec.get(&["organization"]) else {
                out.diagnose(
                    Severity::Warning,
                    freehold_archive::codes::NO_PERSON,
                    &loc,
                    "a company follow without an organization name was skipped",
                );
                return Ok(());
            };
            let group = IDS.short_hashed("company", &[&normalise_name(name)]);
            out.emit(
                Group {
                    id: group.clone(),
                    platform: PLATFORM.into(),
                    name: Some(name.to_string()),
                    kind: "company".into(),
                    ..Group::default()
                },
                &loc,
            )?;
            let joined_at = rec.date(out, &["followed on"]);
            out.emit(
                GroupMember {
                    id: format!("{group}#{owner}"),
                    group_id: group,
                    account_id: owner.clone(),
                    role: Some("follower".into()),
                    joined_at,
                    extra: some(rec.extra(&["organization"])),
                },
                &loc,
            )
        },
    )?;
    Ok(())
}

/// `Member_Follows.csv`: `follows` relationships from the owner.
pub(crate) fn member_follows(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
    state: &mut State,
) -> Result<(), Error> {
    let owner = state.people.owner.id.clone();
    csv_file(
        archive,
        entry,
        cx,
        "members followed",
        vocab::of(Kind::MemberFollows),
        None,
        |out, rec| {
            let loc = rec.loc();
            let Some(person) = state.people.person(
                out,
                rec.get(&["fullname", "full name"]),
                rec.get(&["url", "profile url"]),
                false,
                &loc,
            )?
            else {
                out.diagnose(
                    Severity::Warning,
                    freehold_archive::codes::NO_PERSON,
                    &loc,
                    "a member follow without a name or URL was skipped",
                );
                return Ok(());
            };
            let started_at = rec.date(out, &["date"]);
            let extra = rec.extra(&["fullname", "full name", "url", "profile url", "status"]);
            out.emit(
                relationship(
                    "follows",
                    None,
                    &owner,
                    &person,
                    started_at,
                    status(rec, &["status"]),
                    extra,
                ),
                &loc,
            )
        },
    )?;
    Ok(())
}

/// `ImportedContacts.csv` / `Contacts.csv`: the owner's uploaded address book, kept as
/// accounts `li:account:contact:<hash>` with every column in `extra`.
pub(crate) fn contacts(
    archive: &Archive,
    entry: &Entry,
    cx: &mut ParseContext<'_>,
) -> Result<(), Error> {
    csv_file(
        archive,
        entry,
        cx,
        "imported address-book contacts",
        vocab::of(Kind::Contacts),
        None,
        |out, rec| {
            let loc = rec.loc();
            let name = rec
                .get(&["fullname", "full name"])
                .map(str::to_string)
                .or_else(|| {
                    full_name(
                        rec.get(&["firstname", "first name"]),
                        rec.get(&["lastname", "last name"]),
                    )
                });
            let emails = rec
                .get(&["emails", "email address", "email"])
                .unwrap_or_default();
            let phones = rec
                .get(&["phonenumbers", "phone numbers"])
                .unwrap_or_default();
            if name.is_none() && emails.is_empty() && phones.is_empty() {
                out.diagnose(
                    Severity::Warning,
                    freehold_archive::codes::NO_PERSON,
                    &loc,
                    "an imported contact without a name, email or phone number was skipped",
                );
                return Ok(());
            }
            let hash = short_hash(&[
                &normalise_name(name.as_deref().unwrap_or_default()),
                &emails.to_lowercase(),
                phones,
            ]);
            let mut extra = rec.extra(&[]);
            extra.insert("imported_contact".into(), Value::Bool(true));
            let account = IDS.account(&format!("contact:{hash}"));
            out.emit(
                Account {
                    id: account.clone(),
                    platform: PLATFORM.into(),
                    display_name: name,
                    extra: Some(extra),
                    ..Account::default()
                },
                &loc,
            )?;
            // One profile field per address and number (the columns hold lists).
            for email in emails
                .split([',', ';'])
                .flat_map(str::split_whitespace)
                .filter(|e| !e.is_empty())
            {
                out.emit(field(&account, "email", email, None), &loc)?;
            }
            for phone in phones.split([',', ';']).map(str::trim) {
                if !phone.is_empty() {
                    out.emit(field(&account, "phone", phone, None), &loc)?;
                }
            }
            Ok(())
        },
    )?;
    Ok(())
}
