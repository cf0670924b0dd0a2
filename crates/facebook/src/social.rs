//! The profile, friends and followers, groups, pages and events.

use freehold_archive::{Error, Severity};
use freehold_model::{Experience, Group, GroupMember, ProfileField, Relationship, id, time};
use serde_json::Value;

use crate::posts;
use crate::state::State;
use crate::util::{
    IDS, Out, PLATFORM, array, extra_without, int_of, normalise_name, seconds, short, str_trimmed,
};

/// What a list of people means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tie {
    Friend,
    Removed,
    Sent,
    Received,
    Rejected,
    Following,
    Follower,
}

impl Tie {
    /// The tie a top-level key (without `_v2`/`_v3`) holds.
    pub(crate) fn from_key(key: &str) -> Option<Tie> {
        Some(match key {
            "friends" => Tie::Friend,
            "deleted_friends" | "removed_friends" => Tie::Removed,
            "sent_requests" | "sent_friend_requests" => Tie::Sent,
            "received_requests" | "received_friend_requests" => Tie::Received,
            "rejected_requests" | "rejected_friend_requests" => Tie::Rejected,
            "following" => Tie::Following,
            "followers" => Tie::Follower,
            _ => return None,
        })
    }

    fn kind(self) -> &'static str {
        match self {
            Tie::Friend => "friend",
            Tie::Removed => "removed_friend",
            Tie::Sent | Tie::Received | Tie::Rejected => "friend_request",
            Tie::Following | Tie::Follower => "follows",
        }
    }

    fn status(self) -> Option<&'static str> {
        match self {
            Tie::Sent => Some("sent"),
            Tie::Received => Some("received"),
            Tie::Rejected => Some("rejected"),
            _ => None,
        }
    }

    /// Whether the tie goes from the other person to the owner.
    fn incoming(self) -> bool {
        matches!(self, Tie::Received | Tie::Rejected | Tie::Follower)
    }
}

/// Emits one person of a friends/requests/followers list: `{name, timestamp}` or the
/// Instagram-style `{title, string_list_data:[{value, timestamp, href}]}`.
pub(crate) fn person(
    out: &mut Out<'_, '_>,
    state: &mut State,
    v: &Value,
    tie: Tie,
    loc: &str,
) -> Result<bool, Error> {
    let sld = array(v, "string_list_data").first();
    let name = str_trimmed(v, "name")
        .or_else(|| sld.and_then(|s| str_trimmed(s, "value")))
        .or_else(|| str_trimmed(v, "title"));
    let at = seconds(v, "timestamp").or_else(|| sld.and_then(|s| seconds(s, "timestamp")));
    let owner = state.people.owner(out, loc)?;
    // A person without a name (a deactivated account) is kept as an anonymous account.
    let other = match name {
        Some(name) => state.people.account(out, name, loc)?,
        None => None,
    };
    let other = match other {
        Some(other) => other,
        None => state.people.anonymous(out, None, loc)?,
    };
    let (from, to) = if tie.incoming() {
        (other, owner)
    } else {
        (owner, other)
    };
    let (started, ended) = if tie == Tie::Removed {
        (None, at)
    } else {
        (at, None)
    };
    let mut extra = extra_without(v, &["name", "timestamp", "title", "string_list_data"]);
    if let Some(href) = sld.and_then(|s| str_trimmed(s, "href")) {
        crate::util::put(&mut extra, "href", href);
    }
    out.emit(
        Relationship {
            id: IDS.of(tie.kind(), &format!("{}:{}", short(&from), short(&to))),
            platform: PLATFORM.into(),
            kind: tie.kind().into(),
            from_account: from,
            to_account: to,
            started_at: started,
            ended_at: ended,
            status: tie.status().map(str::to_string),
            extra,
        },
        loc,
    )?;
    Ok(true)
}

/// Emits a page liked or followed as a `groups` row of kind `page` with the owner's
/// membership (`liked` or `follower`).
pub(crate) fn page(
    out: &mut Out<'_, '_>,
    state: &mut State,
    v: &Value,
    role: &str,
    loc: &str,
) -> Result<bool, Error> {
    let Some(name) = str_trimmed(v, "name").or_else(|| str_trimmed(v, "title")) else {
        return Ok(false);
    };
    let gid = IDS.hashed("page", &[&normalise_name(name)]);
    membership(
        out,
        state,
        Group {
            id: gid,
            platform: PLATFORM.into(),
            native_id: None,
            name: Some(name.to_string()),
            description: None,
            url: str_trimmed(v, "url").map(str::to_string),
            kind: "page".into(),
            extra: extra_without(v, &["name", "title", "url", "timestamp"]),
        },
        role,
        seconds(v, "timestamp"),
        loc,
    )?;
    Ok(true)
}

/// Emits a group joined (`groups_joined`: `{title, timestamp}`, or `{name, timestamp}`).
pub(crate) fn group(
    out: &mut Out<'_, '_>,
    state: &mut State,
    v: &Value,
    role: &str,
    loc: &str,
) -> Result<bool, Error> {
    let Some(raw) = str_trimmed(v, "name").or_else(|| str_trimmed(v, "title")) else {
        return Ok(false);
    };
    // Old exports: "title": "You became a member of Rowerowy Kraków."; the name is in
    // `data[].name` when present, else the title is kept as it is.
    let name = array(v, "data")
        .iter()
        .find_map(|d| str_trimmed(d, "name"))
        .unwrap_or(raw);
    let gid = group_id(name);
    membership(
        out,
        state,
        Group {
            id: gid,
            platform: PLATFORM.into(),
            native_id: None,
            name: Some(name.to_string()),
            description: None,
            url: None,
            kind: "group".into(),
            extra: extra_without(v, &["name", "title", "timestamp"]),
        },
        role,
        seconds(v, "timestamp"),
        loc,
    )?;
    Ok(true)
}

/// A group's id, from its name.
pub(crate) fn group_id(name: &str) -> String {
    IDS.hashed("group", &[&normalise_name(name)])
}

fn membership(
    out: &mut Out<'_, '_>,
    state: &mut State,
    group: Group,
    role: &str,
    joined: Option<String>,
    loc: &str,
) -> Result<(), Error> {
    let owner = state.people.owner(out, loc)?;
    let gid = group.id.clone();
    out.emit(group, loc)?;
    out.emit(
        GroupMember {
            id: id::child(&gid, "member", &owner),
            group_id: gid,
            account_id: owner,
            role: Some(role.into()),
            joined_at: joined,
            extra: None,
        },
        loc,
    )
}

/// Emits the events of an event-responses object (`events_joined`, `events_declined`,
/// `events_interested`, …) or of an invitations/own-events list.
pub(crate) fn events(
    out: &mut Out<'_, '_>,
    v: &Value,
    default_response: &str,
    loc: &str,
) -> Result<usize, Error> {
    let mut n = 0;
    match v {
        Value::Array(list) => {
            for (i, e) in list.iter().enumerate() {
                posts::event(out, e, Some(default_response), &format!("{loc}[{i}]"))?;
                n += 1;
            }
        }
        Value::Object(map) => {
            for (key, list) in map {
                let response = match key.as_str() {
                    "events_joined" => "going",
                    "events_declined" => "declined",
                    "events_interested" => "interested",
                    "events_invited" => "invited",
                    "your_events" | "events_hosted" => "hosting",
                    other => other.strip_prefix("events_").unwrap_or(other),
                };
                for (i, e) in list.as_array().into_iter().flatten().enumerate() {
                    posts::event(out, e, Some(response), &format!("{loc}.{key}[{i}]"))?;
                    n += 1;
                }
            }
        }
        _ => {}
    }
    Ok(n)
}

/// Emits the owner's profile (`profile` / `profile_v2`): the owner's account, a profile
/// field for each fact, and an experience for each work or education entry.
pub(crate) fn profile(
    out: &mut Out<'_, '_>,
    state: &mut State,
    p: &Value,
    loc: &str,
) -> Result<(), Error> {
    let aid = state.people.owner_id();
    // A birthday whose parts make no date (31 February, a year and a day without the
    // month) keeps its raw value in `extra.profile` and is reported.
    let birthday = p.get("birthday").map(birthday_of);
    let birthday_lost = matches!(birthday, Some(Err(())));
    profile_owner(out, state, p, loc, &aid, birthday_lost)?;
    let birthday = match birthday {
        Some(Ok(value)) => value,
        _ => None,
    };
    for (field, value, started) in profile_fields(p, birthday) {
        out.emit(
            ProfileField {
                id: id::profile_field(&aid, field, &[&value, started.as_deref().unwrap_or("")]),
                account_id: aid.clone(),
                field: field.into(),
                value,
                started_at: started,
                ended_at: None,
                extra: None,
            },
            loc,
        )?;
    }
    profile_experiences(out, &aid, p, loc)
}

/// The profile's keys that become fields of the owner's account, profile fields or
/// experiences; the others are kept in the owner's `extra.profile`.
const PROFILE_MAPPED: &[&str] = &[
    "name",
    "emails",
    "birthday",
    "current_city",
    "hometown",
    "education_experiences",
    "work_experiences",
    "websites",
    "phone_numbers",
    "username",
    "profile_uri",
    "registration_timestamp",
    "gender",
    "relationship",
];

/// The profile's keys whose values are mapped only in part, with the inner keys that
/// are mapped: a value with any other inner key is kept whole in `extra.profile` too.
const PROFILE_PARTLY_MAPPED: &[(&str, &[&str])] = &[
    ("name", &["full_name"]),
    (
        "emails",
        &[
            "emails",
            "previous_emails",
            "pending_emails",
            "ad_account_emails",
        ],
    ),
    ("birthday", &["year", "month", "day"]),
    ("current_city", &["name", "timestamp"]),
    ("hometown", &["name", "timestamp"]),
    ("gender", &["gender_option", "custom_genders"]),
    ("relationship", &["status", "partner", "timestamp"]),
    ("websites", &["address"]),
    ("phone_numbers", &["phone_number"]),
];

/// Emits the owner's account as the profile describes it: handle, profile URL and
/// numeric id, with the unmapped keys (and the partly mapped ones, and a birthday that
/// is no date, `birthday_lost`, which is also reported) in `extra.profile`.
fn profile_owner(
    out: &mut Out<'_, '_>,
    state: &mut State,
    p: &Value,
    loc: &str,
    aid: &str,
    birthday_lost: bool,
) -> Result<(), Error> {
    let username = str_trimmed(p, "username");
    let url = str_trimmed(p, "profile_uri").map(str::to_string);
    let native = url
        .as_deref()
        .and_then(|u| u.split("profile.php?id=").nth(1))
        .map(str::to_string);
    let mut owner = state.people.owner_account();
    owner.handle = username.map(str::to_string);
    owner.profile_url = url.or_else(|| username.map(|u| format!("https://www.facebook.com/{u}")));
    owner.native_id = native;
    owner.extra = crate::util::with(
        owner.extra,
        "profile",
        Value::Object(extra_without(p, PROFILE_MAPPED).unwrap_or_default()),
    );
    if birthday_lost && let Some(b) = p.get("birthday") {
        out.diagnose(
            Severity::Warning,
            freehold_archive::codes::BAD_DATE,
            loc,
            format!("the birthday {b} is no date that exists; kept in the owner's extra.profile"),
        );
    }
    // Keys mapped only in part keep their raw value in `extra.profile` too.
    for &(key, mapped) in PROFILE_PARTLY_MAPPED {
        if let Some(raw) = p.get(key)
            && (crate::util::partly_mapped(raw, mapped) || (key == "birthday" && birthday_lost))
        {
            let profile = owner
                .extra
                .get_or_insert_with(Default::default)
                .entry("profile")
                .or_insert_with(|| Value::Object(Default::default()));
            if let Value::Object(m) = profile {
                m.insert(key.to_string(), raw.clone());
            }
        }
    }
    out.emit(owner, loc)?;
    state.people.mark_emitted(aid);
    Ok(())
}

/// One profile field: its name, its value and since when it holds.
type Field = (&'static str, String, Option<String>);

/// The profile's facts as profile fields, in the order they are emitted: emails, the
/// birthday (already made a date, `birthday`), city and hometown, gender, relationship,
/// websites, phones, handle, registration, name and previous names.
fn profile_fields(p: &Value, birthday: Option<String>) -> Vec<Field> {
    let mut fields: Vec<Field> = p.get("emails").map(email_fields).unwrap_or_default();
    if let Some(value) = birthday {
        fields.push(("birthday", value, None));
    }
    for (key, field) in [("current_city", "location"), ("hometown", "hometown")] {
        if let Some(c) = p.get(key) {
            let name = str_trimmed(c, "name").or_else(|| c.as_str());
            if let Some(name) = name {
                fields.push((field, name.to_string(), seconds(c, "timestamp")));
            }
        }
    }
    if let Some(value) = p.get("gender").and_then(gender_of) {
        fields.push(("gender", value, None));
    }
    if let Some(r) = p.get("relationship")
        && let Some(status) = str_trimmed(r, "status")
    {
        let value = match str_trimmed(r, "partner") {
            Some(partner) => format!("{status} ({partner})"),
            None => status.to_string(),
        };
        fields.push(("relationship", value, seconds(r, "timestamp")));
    }
    for w in array(p, "websites") {
        if let Some(a) = str_trimmed(w, "address").or_else(|| w.as_str()) {
            fields.push(("website", a.to_string(), None));
        }
    }
    for ph in array(p, "phone_numbers") {
        if let Some(n) = str_trimmed(ph, "phone_number").or_else(|| ph.as_str()) {
            fields.push(("phone", n.to_string(), None));
        }
    }
    if let Some(u) = str_trimmed(p, "username") {
        fields.push(("handle", u.to_string(), None));
    }
    if let Some(at) = seconds(p, "registration_timestamp") {
        fields.push(("created_at", at, None));
    }
    if let Some(name) = p
        .get("name")
        .and_then(|n| str_trimmed(n, "full_name").or_else(|| n.as_str()))
    {
        fields.push(("name", name.to_string(), None));
    }
    for prev in array(p, "previous_names") {
        if let Some(n) = str_trimmed(prev, "name").or_else(|| prev.as_str()) {
            fields.push(("previous_name", n.to_string(), seconds(prev, "timestamp")));
        }
    }
    fields
}

/// The profile's `emails` as profile fields: an object of lists (current, previous,
/// pending and ad-account emails) or a bare list of current ones.
fn email_fields(emails: &Value) -> Vec<Field> {
    let mut fields = Vec::new();
    match emails {
        Value::Object(_) => {
            for (key, field) in [
                ("emails", "email"),
                ("previous_emails", "previous_email"),
                ("pending_emails", "pending_email"),
                ("ad_account_emails", "ad_account_email"),
            ] {
                for e in array(emails, key).iter().filter_map(Value::as_str) {
                    fields.push((field, e.to_string(), None));
                }
            }
        }
        Value::Array(list) => {
            for e in list.iter().filter_map(Value::as_str) {
                fields.push(("email", e.to_string(), None));
            }
        }
        _ => {}
    }
    fields
}

/// The profile's gender: `{gender_option}`, a bare string, or (2025 on)
/// `{custom_genders: [..], pronoun}`, the custom genders joined with commas.
fn gender_of(g: &Value) -> Option<String> {
    let custom: Vec<&str> = array(g, "custom_genders")
        .iter()
        .filter_map(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .collect();
    str_trimmed(g, "gender_option")
        .or_else(|| g.as_str())
        .map(str::to_string)
        .or_else(|| (!custom.is_empty()).then(|| custom.join(", ")))
}

/// Emits an experience for each of the profile's `work_experiences` and
/// `education_experiences`.
fn profile_experiences(
    out: &mut Out<'_, '_>,
    aid: &str,
    p: &Value,
    loc: &str,
) -> Result<(), Error> {
    for (key, kind) in [
        ("work_experiences", "work"),
        ("education_experiences", "education"),
    ] {
        for (i, e) in array(p, key).iter().enumerate() {
            out.emit(experience(aid, kind, e), &format!("{loc}.{key}[{i}]"))?;
        }
    }
    Ok(())
}

/// One work (`kind` `work`: employer and title) or education (`education`: school and
/// degree) entry of the owner's profile, its concentrations as the description when it
/// has none.
fn experience(aid: &str, kind: &str, e: &Value) -> Experience {
    let organisation = str_trimmed(e, "employer").or_else(|| str_trimmed(e, "name"));
    let title = if kind == "work" {
        str_trimmed(e, "title").map(str::to_string)
    } else {
        str_trimmed(e, "degree").map(str::to_string)
    };
    let concentrations: Vec<&str> = array(e, "concentrations")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let description = str_trimmed(e, "description")
        .map(str::to_string)
        .or_else(|| (!concentrations.is_empty()).then(|| concentrations.join(", ")));
    let started = seconds(e, "start_timestamp");
    let ended = seconds(e, "end_timestamp");
    Experience {
        id: id::child(
            aid,
            kind,
            &id::short_hash(&[
                organisation.unwrap_or(""),
                title.as_deref().unwrap_or(""),
                started.as_deref().unwrap_or(""),
            ]),
        ),
        account_id: aid.to_string(),
        kind: kind.into(),
        organisation: organisation.map(str::to_string),
        title,
        description,
        location: str_trimmed(e, "location").map(str::to_string),
        started_at: started,
        ended_at: ended,
        extra: extra_without(
            e,
            &[
                "employer",
                "name",
                "title",
                "degree",
                "description",
                "location",
                "start_timestamp",
                "end_timestamp",
            ],
        ),
    }
}

/// The owner's name in a profile object.
/// Other names of the owner in the profile: first + last name (without the middle name),
/// `previous_names` and `other_names`.
pub(crate) fn owner_aliases(p: &Value) -> Vec<String> {
    let mut names = Vec::new();
    if let Some(name) = p.get("name")
        && let (Some(first), Some(last)) = (
            str_trimmed(name, "first_name"),
            str_trimmed(name, "last_name"),
        )
    {
        names.push(format!("{first} {last}"));
    }
    for key in ["previous_names", "other_names"] {
        for n in array(p, key) {
            if let Some(n) = str_trimmed(n, "name").or_else(|| n.as_str()) {
                names.push(n.to_string());
            }
        }
    }
    names
}

pub(crate) fn profile_name(p: &Value) -> Option<String> {
    let name = p.get("name")?;
    str_trimmed(name, "full_name")
        .or_else(|| name.as_str())
        .map(str::to_string)
}

/// The owner's birthday `{year, month, day}` (a part that is 0 or missing is unknown) as
/// [`time::partial_date`] writes it: `Ok(None)` when no part is known, `Err` when the
/// known parts make no date.
fn birthday_of(b: &Value) -> Result<Option<String>, ()> {
    let part = |k: &str| int_of(b, k).filter(|n| *n > 0);
    let (y, m, d) = (part("year"), part("month"), part("day"));
    if (y, m, d) == (None, None, None) {
        return Ok(None);
    }
    let y = y.map(i32::try_from).transpose().map_err(|_| ())?;
    let m = m.map(u32::try_from).transpose().map_err(|_| ())?;
    let d = d.map(u32::try_from).transpose().map_err(|_| ())?;
    time::partial_date(y, m, d).map(Some).ok_or(())
}

#[cfg(test)]
mod tests {
    use super::birthday_of;
    use serde_json::json;

    #[test]
    fn birthdays_are_as_partial_as_the_export_and_exist() {
        let b = |v| birthday_of(&v);
        assert_eq!(
            b(json!({"year": 1990, "month": 2, "day": 28})),
            Ok(Some("1990-02-28".into()))
        );
        assert_eq!(
            b(json!({"year": 0, "month": 2, "day": 29})),
            Ok(Some("--02-29".into()))
        );
        assert_eq!(
            b(json!({"year": 1990, "month": 0, "day": 0})),
            Ok(Some("1990".into()))
        );
        assert_eq!(b(json!({"year": 0, "month": 0, "day": 0})), Ok(None));
        // Refused where the copy this replaced wrote "1990-02-31".
        assert_eq!(b(json!({"year": 1990, "month": 2, "day": 31})), Err(()));
        assert_eq!(b(json!({"year": 0, "month": 4, "day": 31})), Err(()));
        assert_eq!(b(json!({"year": 1990, "month": 0, "day": 3})), Err(()));
        assert_eq!(b(json!({"year": 1990, "month": 13})), Err(()));
    }
}
