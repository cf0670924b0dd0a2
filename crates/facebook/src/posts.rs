//! Posts (with their attachments and tags), albums and loose photos and videos,
//! comments and reactions.

use freehold_archive::{Error, Severity};
use freehold_model::{Album, Event, Post, PostEntity, Reaction, id};
use serde_json::{Map, Value};

use crate::state::State;
use crate::util::{
    IDS, Out, PLATFORM, array, extra_without, label, label_text, seconds, str_trimmed, with,
};

const POST_MAPPED: &[&str] = &["timestamp", "title", "data", "attachments", "tags"];

/// Emits one post object (`your_posts_N.json`, `status_updates`, `profile_posts_N.json`,
/// group posts). `kind` is `status` or `group_post`.
pub(crate) fn post(
    out: &mut Out<'_, '_>,
    state: &mut State,
    v: &Value,
    kind: &str,
    loc: &str,
) -> Result<(), Error> {
    if !v.is_object() {
        return Ok(());
    }
    let author = state.people.owner(out, loc)?;
    let created = seconds(v, "timestamp");
    let (mut text, mut extra) = post_data(v);
    let mut title = str_trimmed(v, "title").map(str::to_string);
    let attached = post_attachments(v, kind, &mut title, &mut text, &mut extra);
    let pid = IDS.hashed(
        "post",
        &[
            &author,
            created.as_deref().unwrap_or(""),
            text.as_deref().unwrap_or(""),
            title.as_deref().unwrap_or(""),
        ],
    );
    let mut event_ids = Vec::new();
    for e in &attached.events {
        event_ids.push(Value::from(event(out, e, None, loc)?));
    }
    if !event_ids.is_empty() {
        extra = with(extra, "events", Value::Array(event_ids));
    }
    out.emit(
        Post {
            id: pid.clone(),
            platform: PLATFORM.into(),
            kind: attached.kind,
            author_account: Some(author),
            created_at: created,
            text,
            text_format: Some("plain".into()),
            title,
            place: attached.place,
            latitude: attached.lat,
            longitude: attached.lon,
            extra,
            ..Post::default()
        },
        loc,
    )?;
    for (i, m) in attached.media.iter().enumerate() {
        state
            .media
            .attach(out, m, None, "post", &pid, i, &format!("{loc}.media[{i}]"))?;
    }
    for (url, rest) in attached.links {
        out.emit(
            PostEntity {
                id: id::child(&pid, "link", &url),
                post_id: pid.clone(),
                kind: "link".into(),
                value: url.clone(),
                account_id: None,
                expanded_url: Some(url),
                extra: rest,
            },
            loc,
        )?;
    }
    post_tags(out, state, v, &pid, loc)
}

/// A post's text, from its `data`, and its `extra`: the fields that map to no column,
/// the rest of `data` and when the post was last updated.
fn post_data(v: &Value) -> (Option<String>, Option<Map<String, Value>>) {
    let data = array(v, "data");
    let text = data
        .iter()
        .find_map(|d| str_trimmed(d, "post"))
        .map(str::to_string);
    let updated = data.iter().find_map(|d| seconds(d, "update_timestamp"));
    let mut extra = extra_without(v, POST_MAPPED);
    let other_data: Vec<Value> = data
        .iter()
        .filter(|d| d.get("post").is_none() && d.get("update_timestamp").is_none())
        .cloned()
        .collect();
    if !other_data.is_empty() {
        extra = with(extra, "data", Value::Array(other_data));
    }
    if let Some(u) = &updated {
        extra = with(extra, "updated_at", Value::from(u.as_str()));
    }
    (text, extra)
}

/// What a post's attachments give it: its kind (`note` for a note), place and
/// coordinates, and the links, media and events that become rows of their own.
struct Attached<'v> {
    kind: String,
    place: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    links: Vec<(String, Option<Map<String, Value>>)>,
    media: Vec<&'v Value>,
    events: Vec<&'v Value>,
}

/// Reads a post's `attachments` (of kind `kind`): a note also gives the post its title
/// and text when it has none, and what maps to no column (a place's other fields, the
/// note's, attachment texts, unknown attachments) goes to `extra`.
fn post_attachments<'v>(
    v: &'v Value,
    kind: &str,
    title: &mut Option<String>,
    text: &mut Option<String>,
    extra: &mut Option<Map<String, Value>>,
) -> Attached<'v> {
    let mut attachments: Vec<&Value> = Vec::new();
    for group in array(v, "attachments") {
        attachments.extend(array(group, "data"));
    }
    let mut attached = Attached {
        kind: kind.to_string(),
        place: None,
        lat: None,
        lon: None,
        links: Vec::new(),
        media: Vec::new(),
        events: Vec::new(),
    };
    let mut texts: Vec<Value> = Vec::new();
    let mut others: Vec<Value> = Vec::new();
    for item in &attachments {
        if let Some(m) = item.get("media") {
            attached.media.push(m);
        } else if let Some(ec) = item.get("external_context") {
            match str_trimmed(ec, "url") {
                Some(url) => attached
                    .links
                    .push((url.to_string(), extra_without(ec, &["url"]))),
                None => others.push((*item).clone()),
            }
        } else if let Some(p) = item.get("place") {
            attached.place = str_trimmed(p, "name").map(str::to_string);
            if let Some(c) = p.get("coordinate") {
                attached.lat = c.get("latitude").and_then(Value::as_f64);
                attached.lon = c.get("longitude").and_then(Value::as_f64);
            }
            if let Some(rest) = extra_without(p, &["name", "coordinate"]) {
                *extra = with(extra.take(), "place", Value::Object(rest));
            }
        } else if let Some(e) = item.get("event") {
            attached.events.push(e);
        } else if let Some(n) = item.get("note") {
            attached.kind = "note".into();
            if title.is_none() || text.is_none() {
                *title = str_trimmed(n, "title").map(str::to_string).or(title.take());
            }
            if text.is_none() {
                *text = str_trimmed(n, "text").map(str::to_string);
            }
            attached.media.extend(array(n, "media"));
            *extra = with(
                extra.take(),
                "note",
                Value::Object(extra_without(n, &["media"]).unwrap_or_default()),
            );
        } else if let Some(t) = item.get("text") {
            texts.push(t.clone());
        } else {
            others.push((*item).clone());
        }
    }
    if !texts.is_empty() {
        *extra = with(extra.take(), "attachment_texts", Value::Array(texts));
    }
    if !others.is_empty() {
        *extra = with(extra.take(), "attachments", Value::Array(others));
    }
    attached
}

/// Emits a tag entity (with the person's account) for each of a post's `tags`, given as
/// `{name}` objects or bare names.
fn post_tags(
    out: &mut Out<'_, '_>,
    state: &mut State,
    v: &Value,
    pid: &str,
    loc: &str,
) -> Result<(), Error> {
    for (i, tag) in array(v, "tags").iter().enumerate() {
        let name = match tag {
            Value::String(s) => Some(s.as_str()),
            _ => str_trimmed(tag, "name"),
        };
        let Some(name) = name else { continue };
        let tloc = format!("{loc}.tags[{i}]");
        let account = state.people.account(out, name, &tloc)?;
        out.emit(
            PostEntity {
                id: id::child(pid, "tag", name),
                post_id: pid.to_string(),
                kind: "tag".into(),
                value: name.to_string(),
                account_id: account,
                expanded_url: None,
                extra: None,
            },
            &tloc,
        )?;
    }
    Ok(())
}

/// A label anywhere in a label_values record, looking into `dict` and `vec` entries.
fn nested_label<'v>(items: &'v [Value], name: &str) -> Option<&'v Value> {
    for item in items {
        if str_trimmed(item, "label").is_some_and(|l| l.eq_ignore_ascii_case(name)) {
            return Some(item);
        }
        for key in ["dict", "vec"] {
            if let Some(found) = nested_label(array(item, key), name) {
                return Some(found);
            }
        }
    }
    None
}

/// Coordinates written as `"(38.57 , -121.48)"` (latitude, longitude); `None` unless both
/// numbers parse and are in range.
pub(crate) fn parse_coordinates(text: &str) -> Option<(f64, f64)> {
    let inner = text
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    let (lat, lon) = inner.split_once(',')?;
    let lat: f64 = lat.trim().parse().ok()?;
    let lon: f64 = lon.trim().parse().ok()?;
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some((lat, lon))
}

/// Emits a check-in or a place the owner was tagged in (2024 on, label_values records in
/// `check-ins.json` / `places_you_have_been_tagged_in.json`) as a post of kind `checkin`:
/// `Message` → text; `Place tags` → `Name` (or `Place name`) → place, `Coordinates`
/// `"(lat , lon)"` → latitude/longitude; `timestamp` (or `Visit time`) → created. The
/// whole label list stays in `extra.label_values`.
pub(crate) fn checkin(
    out: &mut Out<'_, '_>,
    state: &mut State,
    v: &Value,
    source: &str,
    loc: &str,
) -> Result<(), Error> {
    if !v.is_object() {
        out.diagnose(
            Severity::Warning,
            freehold_archive::codes::BAD_RECORD,
            loc,
            "a check-in that is not a JSON object; skipped",
        );
        return Ok(());
    }
    let labels = array(v, "label_values");
    let text_of = |name: &str| {
        nested_label(labels, name)
            .and_then(|lv| str_trimmed(lv, "value"))
            .map(str::to_string)
    };
    let author = state.people.owner(out, loc)?;
    let created = seconds(v, "timestamp").or_else(|| {
        nested_label(labels, "Visit time").and_then(|lv| seconds(lv, "timestamp_value"))
    });
    let text = text_of("Message");
    let place = text_of("Name").or_else(|| text_of("Place name"));
    let coords = text_of("Coordinates").and_then(|c| parse_coordinates(&c));
    let mut extra = extra_without(v, &["timestamp"]);
    extra = with(extra, "source", Value::from(source));
    if let Some(address) = text_of("Address") {
        extra = with(extra, "address", Value::from(address));
    }
    let pid = IDS.hashed(
        "post",
        &[
            &author,
            created.as_deref().unwrap_or(""),
            text.as_deref().unwrap_or(""),
            "checkin",
            place.as_deref().unwrap_or(""),
            &coords.map(|(a, b)| format!("{a},{b}")).unwrap_or_default(),
        ],
    );
    out.emit(
        Post {
            id: pid.clone(),
            platform: PLATFORM.into(),
            kind: "checkin".into(),
            author_account: Some(author),
            created_at: created,
            text,
            text_format: Some("plain".into()),
            place,
            latitude: coords.map(|c| c.0),
            longitude: coords.map(|c| c.1),
            extra,
            ..Post::default()
        },
        loc,
    )?;
    for (i, m) in array(v, "media").iter().enumerate() {
        state
            .media
            .attach(out, m, None, "post", &pid, i, &format!("{loc}.media[{i}]"))?;
    }
    Ok(())
}

/// Emits an event row (from a post attachment or an event-responses file); returns its id.
pub(crate) fn event(
    out: &mut Out<'_, '_>,
    v: &Value,
    response: Option<&str>,
    loc: &str,
) -> Result<String, Error> {
    let name = str_trimmed(v, "name");
    let starts = seconds(v, "start_timestamp");
    let eid = IDS.hashed(
        "event",
        &[name.unwrap_or(""), starts.as_deref().unwrap_or("")],
    );
    let place = v
        .get("place")
        .and_then(|p| str_trimmed(p, "name").or_else(|| p.as_str()))
        .map(str::to_string);
    out.emit(
        Event {
            id: eid.clone(),
            platform: PLATFORM.into(),
            name: name.map(str::to_string),
            description: str_trimmed(v, "description").map(str::to_string),
            starts_at: starts,
            ends_at: seconds(v, "end_timestamp"),
            place,
            response: response.map(str::to_string),
            extra: {
                let extra = extra_without(
                    v,
                    &[
                        "name",
                        "description",
                        "start_timestamp",
                        "end_timestamp",
                        "place",
                    ],
                );
                // A place with more than its name (coordinates, address, url) is kept whole.
                match v.get("place") {
                    Some(p) if crate::util::partly_mapped(p, &["name"]) => {
                        with(extra, "place", p.clone())
                    }
                    _ => extra,
                }
            },
        },
        loc,
    )?;
    Ok(eid)
}

/// Emits an album (`album/N.json`): the album row and its photos.
pub(crate) fn album(
    out: &mut Out<'_, '_>,
    state: &mut State,
    v: &Value,
    loc: &str,
) -> Result<(), Error> {
    let owner = state.people.owner(out, loc)?;
    let name = str_trimmed(v, "name");
    let aid = IDS.hashed("album", &[&owner, name.unwrap_or(""), &out.path.clone()]);
    let first = array(v, "photos")
        .iter()
        .filter_map(|p| seconds(p, "creation_timestamp"))
        .min();
    out.emit(
        Album {
            id: aid.clone(),
            platform: PLATFORM.into(),
            owner_account: Some(owner),
            title: name.map(str::to_string),
            description: str_trimmed(v, "description").map(str::to_string),
            created_at: first,
            extra: extra_without(v, &["name", "description", "photos"]),
        },
        loc,
    )?;
    for (i, photo) in array(v, "photos").iter().enumerate() {
        state.media.attach(
            out,
            photo,
            None,
            "album",
            &aid,
            i,
            &format!("{loc}.photos[{i}]"),
        )?;
    }
    Ok(())
}

/// Emits a loose photo or video (`your_uncategorized_photos.json`, `your_videos.json`),
/// attached to the owner's account.
pub(crate) fn loose_media(
    out: &mut Out<'_, '_>,
    state: &mut State,
    v: &Value,
    kind: &str,
    index: usize,
    loc: &str,
) -> Result<(), Error> {
    let owner = state.people.owner(out, loc)?;
    state
        .media
        .attach(out, v, Some(kind), "account", &owner, index, loc)
        .map(|_| ())
}

const COMMENT_MAPPED: &[&str] = &["timestamp", "title", "data", "attachments"];

/// Emits a comment (`comments`/`comments_v2`, group comments) as a post of kind `comment`.
pub(crate) fn comment(
    out: &mut Out<'_, '_>,
    state: &mut State,
    v: &Value,
    loc: &str,
) -> Result<(), Error> {
    let inner = array(v, "data").iter().find_map(|d| d.get("comment"));
    let empty = Value::Null;
    let c = inner.unwrap_or(&empty);
    let author = match str_trimmed(c, "author") {
        Some(name) => state.people.account(out, name, loc)?,
        None => Some(state.people.owner(out, loc)?),
    };
    let created = seconds(c, "timestamp").or_else(|| seconds(v, "timestamp"));
    let text = c.get("comment").and_then(Value::as_str).map(str::to_string);
    let title = str_trimmed(v, "title").map(str::to_string);
    let mut extra = extra_without(v, COMMENT_MAPPED);
    if let Some(rest) = extra_without(c, &["timestamp", "comment", "author"]) {
        for (k, val) in rest {
            extra = with(extra, &k, val);
        }
    }
    // Attachments other than media and links (a sticker, a place, text …) are kept whole.
    let others: Vec<Value> = array(v, "attachments")
        .iter()
        .flat_map(|group| array(group, "data"))
        .filter(|item| {
            item.get("media").is_none()
                && item
                    .get("external_context")
                    .and_then(|e| str_trimmed(e, "url"))
                    .is_none()
        })
        .cloned()
        .collect();
    if !others.is_empty() {
        extra = with(extra, "attachments", Value::Array(others));
    }
    let pid = IDS.hashed(
        "post:comment",
        &[
            author.as_deref().unwrap_or(""),
            created.as_deref().unwrap_or(""),
            text.as_deref().unwrap_or(""),
            title.as_deref().unwrap_or(""),
        ],
    );
    out.emit(
        Post {
            id: pid.clone(),
            platform: PLATFORM.into(),
            kind: "comment".into(),
            author_account: author,
            created_at: created,
            text,
            text_format: Some("plain".into()),
            title,
            extra,
            ..Post::default()
        },
        loc,
    )?;
    let mut position = 0;
    for group in array(v, "attachments") {
        for item in array(group, "data") {
            if let Some(m) = item.get("media") {
                state
                    .media
                    .attach(out, m, None, "post", &pid, position, loc)?;
                position += 1;
            } else if let Some((ec, url)) = item
                .get("external_context")
                .and_then(|e| str_trimmed(e, "url").map(|u| (e, u)))
            {
                out.emit(
                    PostEntity {
                        id: id::child(&pid, "link", url),
                        post_id: pid.clone(),
                        kind: "link".into(),
                        value: url.to_string(),
                        account_id: None,
                        expanded_url: Some(url.to_string()),
                        extra: extra_without(ec, &["url"]),
                    },
                    loc,
                )?;
            }
        }
    }
    Ok(())
}

/// Emits a reaction in any of its shapes: `{timestamp, data:[{reaction:{reaction, actor}}],
/// title}` (2018 – 2023) or a `label_values` record (2024 on).
///
/// 2025/26 exports hold the same reactions in both shapes (`likes_and_reactions.json` with
/// a URL, `likes_and_reactions_N.json` with a title). A reaction's id is therefore made of
/// what both shapes give: the actor, the time, the kind and which of that actor's
/// reactions of that kind and second it is in its shape's files (see
/// [`State::reaction_id`]); the two records of a pair get one id and the database merges
/// them into one row holding both the URL and the title.
pub(crate) fn reaction(
    out: &mut Out<'_, '_>,
    state: &mut State,
    v: &Value,
    loc: &str,
) -> Result<bool, Error> {
    let created = seconds(v, "timestamp");
    let labelled = v.get("label_values").is_some();
    let (kind, actor_name, target_url, target_text, extra) = if labelled {
        // Without a `Reaction` label the kind is unknown: kept as `reaction`, with every
        // label in extra.
        let kind = label_text(v, "Reaction").unwrap_or("reaction");
        let mut extra = extra_without(v, &["timestamp", "label_values"]);
        let mut rest = Vec::new();
        for lv in array(v, "label_values") {
            let l = str_trimmed(lv, "label").unwrap_or("");
            if !["Reaction", "URL"].contains(&l) {
                rest.push(lv.clone());
            }
        }
        // `Name`, or `Owner` › `Name` (2025 on): who wrote what was reacted to.
        if let Some(name) =
            nested_label(array(v, "label_values"), "Name").and_then(|lv| str_trimmed(lv, "value"))
        {
            extra = with(extra, "target_author", Value::from(name));
        }
        if !rest.is_empty() {
            extra = with(extra, "label_values", Value::Array(rest));
        }
        (
            kind.to_string(),
            None,
            label(v, "URL")
                .and_then(|lv| str_trimmed(lv, "value").or_else(|| str_trimmed(lv, "href")))
                .map(str::to_string),
            str_trimmed(v, "title").map(str::to_string),
            extra,
        )
    } else {
        let Some(r) = array(v, "data").iter().find_map(|d| d.get("reaction")) else {
            out.diagnose(
                Severity::Warning,
                freehold_archive::codes::BAD_RECORD,
                loc,
                "a reaction record without `data[].reaction`; skipped",
            );
            return Ok(false);
        };
        (
            str_trimmed(r, "reaction").unwrap_or("reaction").to_string(),
            str_trimmed(r, "actor").map(str::to_string),
            None,
            str_trimmed(v, "title").map(str::to_string),
            extra_without(v, &["timestamp", "data", "title"]),
        )
    };
    let actor = match &actor_name {
        Some(name) => state.people.account(out, name, loc)?,
        None => Some(state.people.owner(out, loc)?),
    };
    let kind = kind.to_lowercase();
    let rid = state.reaction_id(
        if labelled { "label_values" } else { "data" },
        actor.as_deref().unwrap_or(""),
        created.as_deref().unwrap_or(""),
        &kind,
    );
    out.emit(
        Reaction {
            id: rid,
            platform: PLATFORM.into(),
            kind,
            actor_account: actor,
            target_post: None,
            target_message: None,
            target_url,
            target_text,
            created_at: created,
            extra,
        },
        loc,
    )?;
    Ok(true)
}

#[cfg(test)]
mod checkin_tests {
    use super::parse_coordinates;

    #[test]
    fn coordinates_as_facebook_writes_them() {
        assert_eq!(
            parse_coordinates("(38.57 , -121.48)"),
            Some((38.57, -121.48))
        );
        assert_eq!(
            parse_coordinates("(50.0614,19.9366)"),
            Some((50.0614, 19.9366))
        );
        assert_eq!(
            parse_coordinates(" ( -33.9 ,  151.2 ) "),
            Some((-33.9, 151.2))
        );
        assert_eq!(parse_coordinates("(91 , 0)"), None);
        assert_eq!(parse_coordinates("(0 , 181)"), None);
        assert_eq!(parse_coordinates("(abc , 1)"), None);
        assert_eq!(parse_coordinates("12.5"), None);
        assert_eq!(parse_coordinates(""), None);
    }
}
