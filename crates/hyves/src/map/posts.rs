//! Posts of every kind (krabbels, wiewatwaars, blogs, comments, …): targets, links, tags.

use std::collections::BTreeSet;

use freehold_archive::{Error, Severity};
use freehold_model::{Post, PostEntity, id};
use serde_json::{Map, Value};

use super::parents::Parent;
use super::{Extra, Mapper};
use crate::markup::{self, Found};
use crate::util::{
    IDS, PLATFORM, body, extra_without_empty, id_of, list, number, post_id, put, scalar_text, text,
};

/// How one kind of post is read.
pub(super) struct PostSpec {
    kind: &'static str,
    id_key: &'static str,
    text_key: &'static str,
    format: &'static str,
}

pub(super) const WWW: PostSpec = PostSpec {
    kind: "wiewatwaar",
    id_key: "wwwid",
    text_key: "emotion",
    format: "hyves-markup",
};
pub(super) const SCRAP: PostSpec = PostSpec {
    kind: "krabbel",
    id_key: "scrapid",
    text_key: "body",
    format: "hyves-markup",
};
pub(super) const BLOG: PostSpec = PostSpec {
    kind: "blog",
    id_key: "blogid",
    text_key: "body",
    format: "hyves-markup",
};
pub(super) const TIP: PostSpec = PostSpec {
    kind: "tip",
    id_key: "tipid",
    text_key: "body",
    format: "hyves-markup",
};
pub(super) const TESTIMONIAL: PostSpec = PostSpec {
    kind: "testimonial",
    id_key: "testimonialid",
    text_key: "body",
    format: "hyves-markup",
};
pub(super) const GADGET: PostSpec = PostSpec {
    kind: "gadget",
    id_key: "gadgetid",
    text_key: "html",
    format: "html",
};
pub(super) const PING: PostSpec = PostSpec {
    kind: "ping",
    id_key: "pingid",
    text_key: "body",
    format: "hyves-markup",
};
pub(super) const COMMENT: PostSpec = PostSpec {
    kind: "comment",
    id_key: "commentid",
    text_key: "body",
    format: "hyves-markup",
};

/// Fields every post reads into columns.
pub(super) const POST_MAPPED: &[&str] = &[
    "userid",
    "created",
    "title",
    "url",
    "visibility",
    "target_userid",
    "where",
    "tags",
];

/// Hyves visibility → the model's words (`friend` → `friends`, `superpublic` → `public`).
fn visibility(raw: &str) -> String {
    match raw {
        "friend" => "friends".into(),
        "superpublic" => "public".into(),
        other => other.into(),
    }
}

/// Whether a body holds HTML tags (`<a href`, `<br`, `<img`), as bodies fetched with
/// `ha_fancylayout=true` do.
fn looks_like_html(body: &str) -> bool {
    let lower = body.to_ascii_lowercase();
    ["<a href", "<br", "<img"].iter().any(|t| lower.contains(t))
}

impl Mapper<'_, '_, '_> {
    pub(super) fn post(
        &mut self,
        v: &Value,
        loc: &str,
        spec: &PostSpec,
    ) -> Result<Option<String>, Error> {
        let Some(native) = id_of(v, spec.id_key) else {
            self.missing_id(spec.kind, spec.id_key, loc);
            return Ok(None);
        };
        let id = post_id(spec.kind, &native);
        let author = match id_of(v, "userid") {
            Some(u) => Some(self.ensure_account(&u, loc)?),
            None => None,
        };
        let mut mapped: Vec<&str> = POST_MAPPED.to_vec();
        mapped.extend([spec.id_key, spec.text_key]);
        let mut extra = extra_without_empty(v, &mapped);
        let created = self.time(v, "created", loc, &mut extra);
        let vis = text(v, "visibility");
        let visibility = vis.as_deref().map(visibility);
        if vis.is_some() && vis != visibility {
            put(&mut extra, "visibility", vis.clone().unwrap_or_default());
        }
        let (latitude, longitude) = geolocation(v, &mut extra);
        let target = self.written_on(v, spec, author.as_deref(), &mut extra, loc)?;
        let raw_text = body(v, spec.text_key);
        let format = self.text_format(spec, raw_text.as_deref(), loc);
        self.emit(
            Post {
                id: id.clone(),
                platform: PLATFORM.into(),
                native_id: Some(native),
                kind: spec.kind.into(),
                author_account: author,
                created_at: created,
                text: raw_text.clone(),
                text_format: raw_text.as_ref().map(|_| format.to_string()),
                title: text(v, "title"),
                url: text(v, "url"),
                in_reply_to: target.in_reply_to,
                target_account: target.account,
                visibility,
                place: if spec.kind == "wiewatwaar" {
                    body(v, "where")
                } else {
                    None
                },
                latitude,
                longitude,
                extra,
                ..Post::default()
            },
            loc,
        )?;
        if format == "hyves-markup"
            && let Some(t) = &raw_text
        {
            self.markup_entities(&id, t, loc)?;
        }
        self.tags(&id, v, loc)?;
        Ok(Some(id))
    }

    /// Whose profile or what a post was written on: the target account of a krabbel,
    /// testimonial or ping (from the item or the path; a hub's in `extra`), the parent of
    /// a comment; a tip's category goes into `extra`.
    fn written_on(
        &mut self,
        v: &Value,
        spec: &PostSpec,
        author: Option<&str>,
        extra: &mut Extra,
        loc: &str,
    ) -> Result<Target, Error> {
        let mut target = Target::default();
        match spec.kind {
            "krabbel" | "testimonial" | "ping" => {
                let on = id_of(v, "target_userid").or_else(|| {
                    match (self.namespace(), self.parent.clone()) {
                        (Some("users" | "pings"), Some(p)) => Some(p),
                        _ => None,
                    }
                });
                if let (Some("hubs"), Some(hub), None) =
                    (self.namespace(), self.parent.clone(), &on)
                {
                    put(extra, "target_group", IDS.group(&hub));
                }
                if let Some(on) = on {
                    let t = self.ensure_account(&on, loc)?;
                    if author != Some(t.as_str()) {
                        target.account = Some(t);
                    }
                }
            }
            "comment" => match self.parent(loc) {
                Some(Parent::Post(p)) => target.in_reply_to = Some(p),
                Some(Parent::Media(m)) => put(extra, "on_media", IDS.media(&m)),
                Some(Parent::Account(a)) => {
                    target.account = Some(self.ensure_account(&a, loc)?);
                }
                Some(Parent::Group(g)) => put(extra, "target_group", IDS.group(&g)),
                None => {}
            },
            "tip" => {
                if let Some(cat) = id_of(v, "tipcategoryid")
                    && let Some(name) = self.state.tipcategories.get(&cat).cloned()
                {
                    put(extra, "tipcategory", name);
                }
            }
            _ => {}
        }
        Ok(target)
    }

    /// The `text_format` of a body: the kind's own, or `html` for a body in Hyves markup
    /// that is HTML (fetched with `ha_fancylayout=true`, or HTML tags found), which is
    /// reported once per file.
    fn text_format(&mut self, spec: &PostSpec, raw_text: Option<&str>, loc: &str) -> &'static str {
        // Fetched with `ha_fancylayout=true`, bodies are already HTML.
        let html = spec.format == "hyves-markup"
            && raw_text.is_some_and(|t| self.state.fancylayout || looks_like_html(t));
        if html {
            let msg = "bodies in this file are HTML (fetched with ha_fancylayout=true, or HTML tags found), not Hyves markup; text_format is `html`".to_string();
            self.once(
                "fancylayout-html",
                Severity::Info,
                freehold_archive::codes::FANCYLAYOUT_HTML,
                loc,
                msg,
            );
        }
        if html { "html" } else { spec.format }
    }

    fn markup_entities(&mut self, post: &str, body: &str, loc: &str) -> Result<(), Error> {
        for found in markup::entities(body) {
            let (kind, value, account) = match found {
                Found::Link(url) => ("link", url, None),
                Found::Mention(name) => {
                    let account = self.state.handles.get(&name.to_ascii_lowercase()).cloned();
                    ("mention", name, account)
                }
            };
            self.emit(
                PostEntity {
                    id: id::child(post, kind, &value),
                    post_id: post.to_string(),
                    kind: kind.into(),
                    value,
                    account_id: account,
                    expanded_url: None,
                    extra: None,
                },
                loc,
            )?;
        }
        Ok(())
    }

    /// `tags`: a comma-separated string, a list, or `{tag: [...]}`.
    fn tags(&mut self, post: &str, v: &Value, loc: &str) -> Result<(), Error> {
        let Some(tags) = v.get("tags") else {
            return Ok(());
        };
        let mut values: Vec<String> = Vec::new();
        match tags {
            Value::String(s) => values.extend(
                s.split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string),
            ),
            Value::Array(items) => values.extend(items.iter().filter_map(scalar_text)),
            Value::Object(map) => {
                for item in list(map.get("tag")) {
                    if let Some(t) = scalar_text(item).or_else(|| text(item, "name")) {
                        values.push(t);
                    }
                }
            }
            _ => {}
        }
        let mut seen = BTreeSet::new();
        for value in values {
            if !seen.insert(value.clone()) {
                continue;
            }
            self.emit(
                PostEntity {
                    id: id::child(post, "tag", &value),
                    post_id: post.to_string(),
                    kind: "tag".into(),
                    value,
                    account_id: None,
                    expanded_url: None,
                    extra: None,
                },
                loc,
            )?;
        }
        Ok(())
    }
}

/// Whose profile or what a post was written on.
#[derive(Debug, Default)]
struct Target {
    /// The account whose profile it is on (a krabbel, testimonial or ping to someone
    /// else, a comment on a profile).
    account: Option<String>,
    /// The post a comment is on.
    in_reply_to: Option<String>,
}

/// The latitude and longitude of an item's `geolocation`. When both are read they are
/// taken out of `extra`, and so is a `geolocation` left with nothing else in it.
fn geolocation(v: &Value, extra: &mut Extra) -> (Option<f64>, Option<f64>) {
    let (latitude, longitude) = match v.get("geolocation") {
        Some(g) => (
            g.get("latitude").and_then(number),
            g.get("longitude").and_then(number),
        ),
        None => (None, None),
    };
    if latitude.is_some() && longitude.is_some() {
        if let Some(e) = extra.as_mut()
            && let Some(Value::Object(g)) = e.get_mut("geolocation")
        {
            g.remove("latitude");
            g.remove("longitude");
            if g.values().all(|x| scalar_text(x).is_none()) {
                e.remove("geolocation");
            }
        }
        if extra.as_ref().is_some_and(Map::is_empty) {
            *extra = None;
        }
    }
    (latitude, longitude)
}
