//! Mapping the items of a response (`user`, `scrap`, `www`, `media`, …) to records.

use std::collections::BTreeSet;

use freehold_archive::text::{is_blank_name, media_kind, mime_from_name, mime_from_url};
use freehold_archive::{Error, ParseContext, Severity};
use freehold_model::{
    Account, Album, Attachment, Event, Group, GroupMember, Media, Post, PostEntity, ProfileField,
    Reaction, Record, Relationship, id,
};
use serde_json::{Map, Value};

/// A row's `extra`.
type Extra = Option<Map<String, Value>>;

use crate::markup::{self, Found};
use crate::response::Piece;
use crate::state::State;
use crate::time::{birthday, epoch_to_utc};
use crate::util::{
    IDS, PLATFORM, body, boolean, extra_without_empty, field_id, id_of, list, number, post_id, put,
    scalar_text, text, username_from_url,
};

/// What one file held, for its fate.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// Responses read (more than one in a `batch.process` file).
    pub responses: usize,
    /// Their methods.
    pub methods: BTreeSet<String>,
    /// The error code, when every response was an `error_result` and no data was read.
    pub error_only: Option<String>,
}

/// The response being read.
#[derive(Debug, Default)]
struct Response {
    method: Option<String>,
    locator: String,
    error: Map<String, Value>,
}

/// Turns the pieces of one file into records.
pub(crate) struct Mapper<'c, 'a, 's> {
    pub cx: &'c mut ParseContext<'a>,
    state: &'s mut State,
    path: String,
    path_method: Option<String>,
    parent: Option<String>,
    response: Option<Response>,
    outcome: Outcome,
    errors: Vec<String>,
    data_items: usize,
    /// Diagnostics given once per file.
    said: BTreeSet<String>,
}

/// What the parent of a comment or respect is.
#[derive(Debug, Clone, PartialEq)]
enum Parent {
    Post(String),
    Media(String),
    Account(String),
    Group(String),
}

impl Parent {
    /// A stable text for hashing: `kind:id`.
    fn key(&self) -> String {
        match self {
            Parent::Post(id) => format!("post:{id}"),
            Parent::Media(id) => format!("media:{id}"),
            Parent::Account(id) => format!("account:{id}"),
            Parent::Group(id) => format!("group:{id}"),
        }
    }
}

/// Whether a body holds HTML tags (`<a href`, `<br`, `<img`), as bodies fetched with
/// `ha_fancylayout=true` do.
fn looks_like_html(body: &str) -> bool {
    let lower = body.to_ascii_lowercase();
    ["<a href", "<br", "<img"].iter().any(|t| lower.contains(t))
}

/// Hyves error codes (HyvesApiLibrary `HyvesAPICallHandler.h`).
fn error_meaning(code: &str) -> Option<&'static str> {
    Some(match code {
        "1" => "server error",
        "2" => "invalid method",
        "3" => "invalid version",
        "8" => "request limit reached",
        "13" => "required parameters missing",
        "16" => "OAuth timestamp invalid",
        "17" => "token invalid",
        "19" => "token has no permission for this method",
        "25" => "token expired",
        "33" => "page does not exist",
        _ => return None,
    })
}

/// Hyves visibility → the model's words (`friend` → `friends`, `superpublic` → `public`).
fn visibility(raw: &str) -> String {
    match raw {
        "friend" => "friends".into(),
        "superpublic" => "public".into(),
        other => other.into(),
    }
}

/// How one kind of post is read.
struct PostSpec {
    kind: &'static str,
    id_key: &'static str,
    text_key: &'static str,
    format: &'static str,
}

const WWW: PostSpec = PostSpec {
    kind: "wiewatwaar",
    id_key: "wwwid",
    text_key: "emotion",
    format: "hyves-markup",
};
const SCRAP: PostSpec = PostSpec {
    kind: "krabbel",
    id_key: "scrapid",
    text_key: "body",
    format: "hyves-markup",
};
const BLOG: PostSpec = PostSpec {
    kind: "blog",
    id_key: "blogid",
    text_key: "body",
    format: "hyves-markup",
};
const TIP: PostSpec = PostSpec {
    kind: "tip",
    id_key: "tipid",
    text_key: "body",
    format: "hyves-markup",
};
const TESTIMONIAL: PostSpec = PostSpec {
    kind: "testimonial",
    id_key: "testimonialid",
    text_key: "body",
    format: "hyves-markup",
};
const GADGET: PostSpec = PostSpec {
    kind: "gadget",
    id_key: "gadgetid",
    text_key: "html",
    format: "html",
};
const PING: PostSpec = PostSpec {
    kind: "ping",
    id_key: "pingid",
    text_key: "body",
    format: "hyves-markup",
};
const COMMENT: PostSpec = PostSpec {
    kind: "comment",
    id_key: "commentid",
    text_key: "body",
    format: "hyves-markup",
};

/// Fields every post reads into columns.
const POST_MAPPED: &[&str] = &[
    "userid",
    "created",
    "title",
    "url",
    "visibility",
    "target_userid",
    "where",
    "tags",
];

/// Fields of a user read into columns or profile fields.
const USER_MAPPED: &[&str] = &[
    "userid",
    "nickname",
    "displayname",
    "username",
    "url",
    "firstname",
    "lastname",
    "gender",
    "birthday",
    "cityname",
    "countryname",
    "aboutme",
    "onmymind",
    "emailaddress",
    "mobilenumber",
    "created",
    "profilepicture",
];

/// Image renditions, best first.
const RENDITIONS: &[&str] = &[
    "image_fullscreen",
    "image",
    "icon_extralarge",
    "square_extralarge",
    "icon_large",
    "square_large",
    "icon_medium",
    "icon_small",
];

impl<'c, 'a, 's> Mapper<'c, 'a, 's> {
    pub(crate) fn new(
        cx: &'c mut ParseContext<'a>,
        state: &'s mut State,
        path: String,
        path_method: Option<String>,
        parent: Option<String>,
    ) -> Self {
        Mapper {
            cx,
            state,
            path,
            path_method,
            parent,
            response: None,
            outcome: Outcome::default(),
            errors: Vec::new(),
            data_items: 0,
            said: BTreeSet::new(),
        }
    }

    /// What the file held.
    pub(crate) fn finish(mut self) -> Outcome {
        if self.response.is_some() {
            self.end_response();
        }
        if self.data_items == 0 {
            self.outcome.error_only = self.errors.first().cloned();
        }
        self.outcome
    }

    fn emit(&mut self, record: impl Into<Record>, locator: &str) -> Result<(), Error> {
        self.cx.emit(record, &self.path, locator)
    }

    fn diagnose(&mut self, severity: Severity, code: &'static str, locator: &str, message: String) {
        self.cx.diagnose(
            severity,
            code,
            Some(&self.path.clone()),
            Some(locator.to_string()),
            message,
        );
    }

    /// A diagnostic given at most once per file and `key`.
    fn once(&mut self, key: &str, severity: Severity, code: &'static str, loc: &str, msg: String) {
        if self.said.insert(key.to_string()) {
            self.diagnose(severity, code, loc, msg);
        }
    }

    /// The method of the current response (or, failing that, the one the path names).
    fn method(&self) -> Option<&str> {
        self.response
            .as_ref()
            .and_then(|r| r.method.as_deref())
            .or(self.path_method.as_deref())
    }

    fn namespace(&self) -> Option<&str> {
        self.method().map(|m| m.split('.').next().unwrap_or(m))
    }

    /// Takes one piece of the stream.
    pub(crate) fn piece(&mut self, piece: Piece) -> Result<(), Error> {
        match piece {
            Piece::Begin { method, locator } => {
                if self.response.is_some() {
                    self.end_response();
                }
                self.outcome.responses += 1;
                if let Some(m) = &method
                    && m != "error"
                {
                    self.outcome.methods.insert(m.clone());
                }
                self.response = Some(Response {
                    method,
                    locator,
                    error: Map::new(),
                });
                Ok(())
            }
            Piece::End => {
                self.end_response();
                Ok(())
            }
            Piece::Item {
                name,
                value,
                locator,
            } => self.item(&name, &value, &locator),
        }
    }

    fn end_response(&mut self) {
        let Some(response) = self.response.take() else {
            return;
        };
        if response.error.is_empty() && response.method.as_deref() != Some("error") {
            return;
        }
        let code = response
            .error
            .get("error_code")
            .and_then(scalar_text)
            .unwrap_or_else(|| "(none)".into());
        let message = response
            .error
            .get("error_message")
            .and_then(scalar_text)
            .unwrap_or_default();
        let meaning = error_meaning(&code)
            .map(|m| format!(" ({m})"))
            .unwrap_or_default();
        let method = response
            .error
            .get("request_parameters")
            .and_then(requested_method);
        let mut text = format!("the saved response is an API error: error_code {code}{meaning}");
        if !message.is_empty() {
            text.push_str(&format!(": {message}"));
        }
        if let Some(method) = method {
            text.push_str(&format!(" (request: {method})"));
        }
        text.push_str("; nothing to import from it");
        let locator = if response.locator.is_empty() {
            "error_result".to_string()
        } else {
            response.locator
        };
        self.diagnose(
            Severity::Warning,
            freehold_archive::codes::API_ERROR,
            &locator,
            text,
        );
        self.errors.push(code);
    }

    fn item(&mut self, name: &str, v: &Value, loc: &str) -> Result<(), Error> {
        if let Some(response) = self.response.as_mut()
            && matches!(name, "error_code" | "error_message" | "request_parameters")
        {
            response.error.insert(name.to_string(), v.clone());
            return Ok(());
        }
        if matches!(name, "info" | "method") {
            return Ok(());
        }
        self.data_items += 1;
        match name {
            "user" => self.user(v, loc),
            "userid" => self.friend(v, loc),
            "www" => self.post(v, loc, &WWW).map(drop),
            "scrap" => self.post(v, loc, &SCRAP).map(drop),
            "blog" => self.post(v, loc, &BLOG).map(drop),
            "tip" => self.post(v, loc, &TIP).map(drop),
            "testimonial" => self.post(v, loc, &TESTIMONIAL).map(drop),
            "gadget" => self.post(v, loc, &GADGET).map(drop),
            "ping" => self.post(v, loc, &PING).map(drop),
            "comment" => self.post(v, loc, &COMMENT).map(drop),
            "respect" => self.respect(v, loc),
            "album" => self.album(v, loc),
            "media" => self.media_item(v, loc),
            "spotted" => self.spotted(v, loc),
            "hub" => self.hub(v, loc),
            "event" => self.event(v, loc),
            "city" => {
                self.lookup(v, "cityid", "name", |s| &mut s.cities);
                Ok(())
            }
            "country" => {
                self.lookup(v, "countryid", "name", |s| &mut s.countries);
                Ok(())
            }
            "region" => {
                self.lookup(v, "regionid", "name", |s| &mut s.regions);
                Ok(())
            }
            "tipcategory" => {
                self.lookup(v, "tipcategoryid", "name", |s| &mut s.tipcategories);
                Ok(())
            }
            other => {
                self.data_items -= 1;
                let key = format!("item:{other}");
                self.once(
                    &key,
                    Severity::Info,
                    freehold_archive::codes::UNKNOWN_ITEM,
                    loc,
                    format!(
                        "`{other}` items are not mapped by freehold yet; they were not imported"
                    ),
                );
                Ok(())
            }
        }
    }

    fn lookup(
        &mut self,
        v: &Value,
        id_key: &str,
        name_key: &str,
        table: fn(&mut State) -> &mut std::collections::HashMap<String, String>,
    ) {
        if let (Some(id), Some(name)) = (id_of(v, id_key), text(v, name_key)) {
            table(self.state).insert(id, name);
        }
    }

    // -----------------------------------------------------------------------------------
    // Accounts
    // -----------------------------------------------------------------------------------

    /// Makes sure an account row exists for `userid` (a stub when only the id is known).
    fn ensure_account(&mut self, userid: &str, loc: &str) -> Result<String, Error> {
        let id = IDS.account(userid);
        if self.state.accounts.insert(id.clone()) {
            let is_owner = self.state.owner.as_deref() == Some(userid);
            self.emit(
                Account {
                    id: id.clone(),
                    platform: PLATFORM.into(),
                    native_id: Some(userid.to_string()),
                    is_owner,
                    ..Account::default()
                },
                loc,
            )?;
        }
        Ok(id)
    }

    /// A user's birthday: `{day, month, year}`, or a string `YYYY-MM-DD` / `DD-MM-YYYY`.
    /// A value that cannot be read gives a diagnostic and is put into `extra` as it came.
    fn birthday(&mut self, v: &Value, loc: &str, extra: &mut Extra) -> Option<(String, Extra)> {
        let b = v.get("birthday")?;
        let (day, month, year) = match b {
            Value::Object(_) => (
                text(b, "day").unwrap_or_default(),
                text(b, "month").unwrap_or_default(),
                text(b, "year").unwrap_or_default(),
            ),
            _ => {
                let raw = scalar_text(b)?;
                let raw = raw.trim();
                if raw.is_empty() {
                    return None;
                }
                let parts: Vec<&str> = raw.split(['-', '/', '.']).collect();
                let parsed = match parts.as_slice() {
                    [y, m, d] if y.len() == 4 => birthday(d, m, y),
                    [d, m, y] if y.len() == 4 => birthday(d, m, y),
                    _ => None,
                };
                return match parsed {
                    Some(date) => {
                        let mut extra = None;
                        put(&mut extra, "raw", raw);
                        put(&mut extra, "year_hidden", false);
                        Some((date, extra))
                    }
                    None => {
                        put(extra, "birthday", b.clone());
                        let msg = format!(
                            "cannot read the birthday {raw:?} (expected day, month and year); kept in the account's extra"
                        );
                        self.diagnose(
                            Severity::Warning,
                            freehold_archive::codes::BAD_DATE,
                            loc,
                            msg,
                        );
                        None
                    }
                };
            }
        };
        match birthday(&day, &month, &year) {
            Some(date) => {
                let mut field_extra = b.as_object().cloned();
                let hidden = date.starts_with("--");
                put(&mut field_extra, "year_hidden", hidden);
                Some((date, field_extra))
            }
            // Nothing given, or only a hidden year: no birthday.
            None if day.is_empty()
                && month.is_empty()
                && year.parse::<i64>().map_or(year.is_empty(), |y| y <= 0) =>
            {
                None
            }
            None => {
                put(extra, "birthday", b.clone());
                let msg = format!(
                    "cannot read the birthday day {day:?}, month {month:?}, year {year:?}; kept in the account's extra"
                );
                self.diagnose(
                    Severity::Warning,
                    freehold_archive::codes::BAD_DATE,
                    loc,
                    msg,
                );
                None
            }
        }
    }

    /// The owner's id, reporting once per file when it is unknown.
    fn owner(&mut self, loc: &str) -> Option<String> {
        if let Some(owner) = self.state.owner.clone() {
            return Some(owner);
        }
        if !self.state.owner_warned {
            self.state.owner_warned = true;
            self.diagnose(
                Severity::Warning,
                freehold_archive::codes::OWNER_UNKNOWN,
                loc,
                "the dump does not say whose it is (no users.getLoggedin response and no self_userid in manifest.json); data that belongs to the owner without naming them (friends, hubs) cannot be linked".into(),
            );
        }
        None
    }

    /// The user a `…getByUser` / `friends.get` file is about: the id in the path, or the owner.
    fn subject(&mut self, loc: &str) -> Option<String> {
        match self.parent.clone() {
            Some(p) if crate::util::looks_like_id(&p) => Some(p),
            _ => self.owner(loc),
        }
    }

    fn user(&mut self, v: &Value, loc: &str) -> Result<(), Error> {
        let Some(userid) = id_of(v, "userid") else {
            self.missing_id("user", "userid", loc);
            return Ok(());
        };
        if self.method() == Some("users.getLoggedin") {
            match &self.state.owner {
                None => self.state.owner = Some(userid.clone()),
                Some(owner) if *owner != userid => {
                    let msg = format!(
                        "users.getLoggedin names {userid}, but the dump belongs to {owner}; {userid} is not marked as the owner"
                    );
                    self.diagnose(
                        Severity::Warning,
                        freehold_archive::codes::OWNER_CONFLICT,
                        loc,
                        msg,
                    );
                }
                Some(_) => {}
            }
        }
        let acc = IDS.account(&userid);
        let url = text(v, "url");
        let handle = text(v, "username").or_else(|| url.as_deref().and_then(username_from_url));
        if self.state.owner.is_none()
            && self.state.owner_handle.is_some()
            && handle.as_deref().map(str::to_ascii_lowercase) == self.state.owner_handle
        {
            // manifest.json gives the owner's username only.
            self.state.owner = Some(userid.clone());
        }
        // A name that shows nothing (only invisible characters) is no name.
        let name = |key: &str| text(v, key).filter(|n| !is_blank_name(n));
        let first = name("firstname");
        let last = name("lastname");
        let display = name("displayname")
            .or_else(|| name("nickname"))
            .or_else(|| match (&first, &last) {
                (Some(f), Some(l)) => Some(format!("{f} {l}")),
                (Some(n), None) | (None, Some(n)) => Some(n.clone()),
                (None, None) => None,
            });
        let mut extra = extra_without_empty(v, USER_MAPPED);
        for key in ["nickname", "displayname"] {
            if text(v, key).is_some() && display.as_deref() != text(v, key).as_deref() {
                put(&mut extra, key, v[key].clone());
            }
        }
        // Read before the account is written: an unreadable value goes into its extra.
        let created = self.time(v, "created", loc, &mut extra);
        let born = self.birthday(v, loc, &mut extra);
        if let Some(h) = &handle {
            self.state
                .handles
                .insert(h.to_ascii_lowercase(), acc.clone());
        }
        self.state.accounts.insert(acc.clone());
        let is_owner = self.state.owner.as_deref() == Some(userid.as_str());
        self.emit(
            Account {
                id: acc.clone(),
                platform: PLATFORM.into(),
                native_id: Some(userid.clone()),
                handle,
                display_name: display,
                profile_url: url,
                is_owner,
                extra,
            },
            loc,
        )?;

        let mut fields: Vec<(&str, String, Extra)> = Vec::new();
        for (field, key) in [
            ("first_name", "firstname"),
            ("last_name", "lastname"),
            ("gender", "gender"),
            ("bio", "aboutme"),
            ("on_my_mind", "onmymind"),
            ("email", "emailaddress"),
            ("phone", "mobilenumber"),
        ] {
            if let Some(value) = body(v, key) {
                fields.push((field, value, None));
            }
        }
        let city = text(v, "cityname").map(|c| (c, None)).or_else(|| {
            let id = id_of(v, "cityid")?;
            let name = self.state.cities.get(&id)?.clone();
            Some((name, Some(id)))
        });
        if let Some((name, from_id)) = city {
            let mut extra = None;
            if let Some(id) = from_id {
                put(&mut extra, "cityid", id);
                put(&mut extra, "source", "cities.get");
            }
            fields.push(("location", name, extra));
        }
        let country = text(v, "countryname").map(|c| (c, None)).or_else(|| {
            let id = id_of(v, "countryid")?;
            let name = self.state.countries.get(&id)?.clone();
            Some((name, Some(id)))
        });
        if let Some((name, from_id)) = country {
            let mut extra = None;
            if let Some(id) = from_id {
                put(&mut extra, "countryid", id);
                put(&mut extra, "source", "countries.get");
            }
            fields.push(("country", name, extra));
        }
        if let Some(created) = created {
            fields.push(("created_at", created, None));
        }
        if let Some((date, extra)) = born {
            fields.push(("birthday", date, extra));
        }
        for (field, value, extra) in fields {
            self.emit(
                ProfileField {
                    id: field_id(&acc, field, &[&value]),
                    account_id: acc.clone(),
                    field: field.into(),
                    value,
                    started_at: None,
                    ended_at: None,
                    extra,
                },
                loc,
            )?;
        }
        if let Some(picture) = v.get("profilepicture").filter(|p| p.is_object())
            && let Some(media) = self.media(picture, loc)?
        {
            self.emit(
                Attachment {
                    id: id::child(&acc, "profilepicture", &media),
                    media_id: media,
                    owner_kind: "account".into(),
                    owner_id: acc.clone(),
                    position: None,
                    extra: None,
                },
                loc,
            )?;
        }
        Ok(())
    }

    /// `friends.get`: a bare `userid` per friend.
    fn friend(&mut self, v: &Value, loc: &str) -> Result<(), Error> {
        let friends_method = match self.method() {
            Some(m) => m == "friends.get",
            None => true,
        };
        let Some(friend) = scalar_text(v).filter(|s| !s.contains(char::is_whitespace)) else {
            self.missing_id("userid", "userid", loc);
            return Ok(());
        };
        if !friends_method {
            let key = "item:userid";
            let msg = format!(
                "bare `userid` items of {} are not mapped; they were not imported",
                self.method().unwrap_or("this response")
            );
            self.once(
                key,
                Severity::Info,
                freehold_archive::codes::UNKNOWN_ITEM,
                loc,
                msg,
            );
            return Ok(());
        }
        let Some(subject) = self.subject(loc) else {
            return Ok(());
        };
        let from = self.ensure_account(&subject, loc)?;
        let to = self.ensure_account(&friend, loc)?;
        self.emit(
            Relationship {
                id: IDS.of("friend", &format!("{subject}:{friend}")),
                platform: PLATFORM.into(),
                kind: "friend".into(),
                from_account: from,
                to_account: to,
                started_at: None,
                ended_at: None,
                status: None,
                extra: None,
            },
            loc,
        )
    }

    // -----------------------------------------------------------------------------------
    // Posts
    // -----------------------------------------------------------------------------------

    fn missing_id(&mut self, item: &str, key: &str, loc: &str) {
        self.diagnose(
            Severity::Warning,
            freehold_archive::codes::MISSING_ID,
            loc,
            format!("a `{item}` without `{key}` cannot be identified; it was not imported"),
        );
    }

    /// A time field. An unreadable value gives a diagnostic and is put, as it came, into
    /// `extra` under its own key.
    fn time(&mut self, v: &Value, key: &str, loc: &str, extra: &mut Extra) -> Option<String> {
        let value = v.get(key)?;
        let raw = scalar_text(value)?;
        match epoch_to_utc(&raw) {
            Some(t) => Some(t),
            None if raw.trim().is_empty() || raw.trim() == "0" => None,
            None => {
                put(extra, key, value.clone());
                let msg = format!("cannot read `{key}` {raw:?} as epoch seconds; kept in extra");
                self.diagnose(
                    Severity::Warning,
                    freehold_archive::codes::BAD_DATE,
                    loc,
                    msg,
                );
                None
            }
        }
    }

    /// The parent of a comment or respect: the id from the path, the kind from the method.
    fn parent(&mut self, loc: &str) -> Option<Parent> {
        let parent = self.parent.clone();
        let ns = self.namespace().map(str::to_string);
        let found = match (ns.as_deref(), parent) {
            (Some("blogs"), Some(p)) => Some(Parent::Post(post_id("blog", &p))),
            (Some("wwws"), Some(p)) => Some(Parent::Post(post_id("wiewatwaar", &p))),
            (Some("tips"), Some(p)) => Some(Parent::Post(post_id("tip", &p))),
            (Some("gadgets"), Some(p)) => Some(Parent::Post(post_id("gadget", &p))),
            (Some("media"), Some(p)) => Some(Parent::Media(p)),
            (Some("hubs"), Some(p)) => Some(Parent::Group(p)),
            (Some("users"), Some(p)) => Some(Parent::Account(p)),
            (Some("users"), None) => self.state.owner.clone().map(Parent::Account),
            _ => None,
        };
        if found.is_none() {
            let msg = format!(
                "the {} in this file carry no parent id and the path names none (expected e.g. blogs.getComments/<blogid>/p0001.xml); imported without a parent",
                if loc.contains("respect") {
                    "respects"
                } else {
                    "comments"
                }
            );
            self.once(
                "parent",
                Severity::Warning,
                freehold_archive::codes::PARENT_UNKNOWN,
                loc,
                msg,
            );
        }
        found
    }

    fn post(&mut self, v: &Value, loc: &str, spec: &PostSpec) -> Result<Option<String>, Error> {
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
                extra = None;
            }
        }

        // Whose profile or what it was written on.
        let mut target_account = None;
        let mut in_reply_to = None;
        match spec.kind {
            "krabbel" | "testimonial" | "ping" => {
                let target = id_of(v, "target_userid").or_else(|| {
                    match (self.namespace(), self.parent.clone()) {
                        (Some("users" | "pings"), Some(p)) => Some(p),
                        _ => None,
                    }
                });
                if let (Some("hubs"), Some(hub), None) =
                    (self.namespace(), self.parent.clone(), &target)
                {
                    put(&mut extra, "target_group", IDS.group(&hub));
                }
                if let Some(target) = target {
                    let t = self.ensure_account(&target, loc)?;
                    if author.as_deref() != Some(t.as_str()) {
                        target_account = Some(t);
                    }
                }
            }
            "comment" => match self.parent(loc) {
                Some(Parent::Post(p)) => in_reply_to = Some(p),
                Some(Parent::Media(m)) => put(&mut extra, "on_media", IDS.media(&m)),
                Some(Parent::Account(a)) => {
                    target_account = Some(self.ensure_account(&a, loc)?);
                }
                Some(Parent::Group(g)) => put(&mut extra, "target_group", IDS.group(&g)),
                None => {}
            },
            "tip" => {
                if let Some(cat) = id_of(v, "tipcategoryid")
                    && let Some(name) = self.state.tipcategories.get(&cat).cloned()
                {
                    put(&mut extra, "tipcategory", name);
                }
            }
            _ => {}
        }
        let raw_text = body(v, spec.text_key);
        // Fetched with `ha_fancylayout=true`, bodies are already HTML.
        let html = spec.format == "hyves-markup"
            && raw_text
                .as_deref()
                .is_some_and(|t| self.state.fancylayout || looks_like_html(t));
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
        let format = if html { "html" } else { spec.format };
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
                in_reply_to,
                target_account,
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

    // -----------------------------------------------------------------------------------
    // Respects
    // -----------------------------------------------------------------------------------

    fn respect(&mut self, v: &Value, loc: &str) -> Result<(), Error> {
        let mut extra = extra_without_empty(v, &["respectid", "created", "userid"]);
        let created = self.time(v, "created", loc, &mut extra);
        let userid = id_of(v, "userid");
        let respecttype = text(v, "respecttype").or_else(|| text(v, "respectType"));
        let anonymous = respecttype.as_deref() == Some("anonymous");
        let native = id_of(v, "respectid");
        let parent = self.parent(loc);
        let id = match &native {
            Some(n) => IDS.of("respect", n),
            None => {
                // No id from the API: the parent, the giver, the time and the item's
                // position in the file.
                let parent_key = parent.as_ref().map(Parent::key).unwrap_or_default();
                IDS.hashed(
                    "respect",
                    &[
                        &parent_key,
                        userid.as_deref().unwrap_or(""),
                        created.as_deref().unwrap_or(""),
                        loc,
                    ],
                )
            }
        };
        let actor = match (&userid, anonymous) {
            (Some(u), false) => Some(self.ensure_account(u, loc)?),
            (Some(u), true) => {
                // An anonymous respect has no actor; the id the API gave is kept as it came.
                put(&mut extra, "userid", u.clone());
                None
            }
            (None, _) => None,
        };
        let mut target_post = None;
        match parent {
            Some(Parent::Post(p)) => target_post = Some(p),
            Some(Parent::Media(m)) => put(&mut extra, "target_media", IDS.media(&m)),
            Some(Parent::Account(a)) => put(&mut extra, "target_account", IDS.account(&a)),
            Some(Parent::Group(g)) => put(&mut extra, "target_group", IDS.group(&g)),
            None => {}
        }
        self.emit(
            Reaction {
                id,
                platform: PLATFORM.into(),
                kind: "respect".into(),
                actor_account: actor,
                target_post,
                created_at: created,
                extra,
                ..Reaction::default()
            },
            loc,
        )
    }

    // -----------------------------------------------------------------------------------
    // Albums and media
    // -----------------------------------------------------------------------------------

    fn album(&mut self, v: &Value, loc: &str) -> Result<(), Error> {
        let Some(native) = id_of(v, "albumid") else {
            self.missing_id("album", "albumid", loc);
            return Ok(());
        };
        let owner = match id_of(v, "userid") {
            Some(u) => Some(self.ensure_account(&u, loc)?),
            None if self.method() == Some("albums.getByUser") => match self.subject(loc) {
                Some(s) => Some(self.ensure_account(&s, loc)?),
                None => None,
            },
            None => None,
        };
        let mut extra =
            extra_without_empty(v, &["albumid", "userid", "title", "description", "created"]);
        let created = self.time(v, "created", loc, &mut extra);
        self.emit(
            Album {
                id: IDS.album(&native),
                platform: PLATFORM.into(),
                owner_account: owner,
                title: text(v, "title"),
                description: body(v, "description"),
                created_at: created,
                extra,
            },
            loc,
        )
    }

    fn media_item(&mut self, v: &Value, loc: &str) -> Result<(), Error> {
        let Some(media) = self.media(v, loc)? else {
            return Ok(());
        };
        let album = id_of(v, "albumid").or_else(|| {
            (self.method() == Some("media.getByAlbum"))
                .then(|| self.parent.clone())
                .flatten()
        });
        if let Some(album) = album {
            let owner = IDS.album(&album);
            self.emit(
                Attachment {
                    id: id::child(&owner, "media", &media),
                    media_id: media,
                    owner_kind: "album".into(),
                    owner_id: owner,
                    position: None,
                    extra: None,
                },
                loc,
            )?;
        }
        Ok(())
    }

    /// Emits a media row; returns its id.
    fn media(&mut self, v: &Value, loc: &str) -> Result<Option<String>, Error> {
        let Some(native) = id_of(v, "mediaid") else {
            self.missing_id("media", "mediaid", loc);
            return Ok(None);
        };
        let id = IDS.media(&native);
        let mediatype = text(v, "mediatype");
        let video = mediatype.as_deref() == Some("video");
        let order: Vec<&str> = if video {
            std::iter::once("video")
                .chain(RENDITIONS.iter().copied())
                .collect()
        } else {
            RENDITIONS.to_vec()
        };
        let rendition = order
            .iter()
            .find(|k| v.get(**k).and_then(|r| text(r, "src")).is_some())
            .copied();
        let remote = rendition.and_then(|k| text(&v[k], "src"));
        let dimension = |key: &str| {
            rendition
                .and_then(|k| v[k].get(key))
                .and_then(number)
                .map(|n| n as i64)
        };
        let (width, height) = (dimension("width"), dimension("height"));
        let local = self.state.files.get(&native).cloned();
        match &local {
            Some(file) => {
                self.state.claimed.insert(file.path.clone());
            }
            None => {
                self.state.missing.insert(native.clone());
            }
        }
        let mime = local
            .as_ref()
            .and_then(|f| mime_from_name(&f.path))
            .or_else(|| remote.as_deref().and_then(mime_from_url));
        let kind = match mediatype.as_deref() {
            Some("image") => "photo",
            Some("video") => "video",
            Some("document") => "file",
            _ => media_kind(mime),
        };
        let mut mapped = vec!["mediaid", "mediatype", "title", "description", "created"];
        if let Some(r) = rendition {
            mapped.push(r);
        }
        let mut extra = extra_without_empty(v, &mapped);
        if let (Some(r), Some(_)) = (rendition, &extra) {
            put(&mut extra, "rendition", r);
        }
        let taken_at = self.time(v, "created", loc, &mut extra);
        self.state.media.insert(id.clone());
        self.emit(
            Media {
                id: id.clone(),
                platform: PLATFORM.into(),
                kind: kind.into(),
                archive_path: local.as_ref().map(|f| f.path.clone()),
                remote_url: remote,
                mime: mime.map(str::to_string),
                bytes: local.as_ref().and_then(|f| i64::try_from(f.size).ok()),
                sha256: None,
                width,
                height,
                taken_at,
                title: text(v, "title"),
                description: body(v, "description"),
                extra,
            },
            loc,
        )?;
        Ok(Some(id))
    }

    /// `media.getSpotted`: a person tagged in a photo, as an attachment of the photo to
    /// the tagged person's account.
    fn spotted(&mut self, v: &Value, loc: &str) -> Result<(), Error> {
        let native = id_of(v, "mediaid").or_else(|| self.parent.clone());
        let (Some(native), Some(target)) = (native, id_of(v, "target_userid")) else {
            self.missing_id("spotted", "mediaid/target_userid", loc);
            return Ok(());
        };
        let media = IDS.media(&native);
        if self.state.media.insert(media.clone()) {
            // Known only by id: the photo was not in the dump.
            let local = self.state.files.get(&native).cloned();
            if let Some(file) = &local {
                self.state.claimed.insert(file.path.clone());
            }
            let mime = local.as_ref().and_then(|f| mime_from_name(&f.path));
            self.emit(
                Media {
                    id: media.clone(),
                    platform: PLATFORM.into(),
                    kind: if local.is_some() {
                        media_kind(mime).into()
                    } else {
                        "photo".into()
                    },
                    archive_path: local.as_ref().map(|f| f.path.clone()),
                    mime: mime.map(str::to_string),
                    bytes: local.as_ref().and_then(|f| i64::try_from(f.size).ok()),
                    ..Media::default()
                },
                loc,
            )?;
        }
        let account = self.ensure_account(&target, loc)?;
        let mut extra = extra_without_empty(v, &["mediaid", "target_userid", "userid"]);
        put(&mut extra, "role", "spotted");
        if let Some(by) = id_of(v, "userid") {
            let by = self.ensure_account(&by, loc)?;
            put(&mut extra, "spotted_by", by);
        }
        self.emit(
            Attachment {
                id: id::child(&account, "spotted", &media),
                media_id: media,
                owner_kind: "account".into(),
                owner_id: account,
                position: None,
                extra,
            },
            loc,
        )
    }

    // -----------------------------------------------------------------------------------
    // Hubs and events
    // -----------------------------------------------------------------------------------

    fn hub(&mut self, v: &Value, loc: &str) -> Result<(), Error> {
        let Some(native) = id_of(v, "hubid") else {
            self.missing_id("hub", "hubid", loc);
            return Ok(());
        };
        let group = IDS.group(&native);
        self.emit(
            Group {
                id: group.clone(),
                platform: PLATFORM.into(),
                native_id: Some(native),
                name: text(v, "title"),
                description: body(v, "description"),
                url: text(v, "url"),
                kind: "hub".into(),
                extra: extra_without_empty(v, &["hubid", "title", "description", "url"]),
            },
            loc,
        )?;
        let member = if self.method() == Some("hubs.getByUser") {
            self.subject(loc)
        } else if v.get("ismemberof").and_then(boolean) == Some(true) {
            self.owner(loc)
        } else {
            None
        };
        if let Some(member) = member {
            let account = self.ensure_account(&member, loc)?;
            self.emit(
                GroupMember {
                    id: id::child(&group, "member", &account),
                    group_id: group.clone(),
                    account_id: account,
                    role: Some("member".into()),
                    joined_at: None,
                    extra: None,
                },
                loc,
            )?;
        }
        Ok(())
    }

    fn event(&mut self, v: &Value, loc: &str) -> Result<(), Error> {
        let Some(native) = id_of(v, "eventid") else {
            self.missing_id("event", "eventid", loc);
            return Ok(());
        };
        let mut extra =
            extra_without_empty(v, &["eventid", "title", "body", "startdate", "enddate"]);
        let starts_at = self.time(v, "startdate", loc, &mut extra);
        let ends_at = self.time(v, "enddate", loc, &mut extra);
        let place = id_of(v, "cityid").and_then(|c| self.state.cities.get(&c).cloned());
        self.emit(
            Event {
                id: IDS.event(&native),
                platform: PLATFORM.into(),
                name: text(v, "title"),
                description: body(v, "body"),
                starts_at,
                ends_at,
                place,
                response: None,
                extra,
            },
            loc,
        )
    }
}

/// The method named in an error's `request_parameters` (`ha_method`).
fn requested_method(params: &Value) -> Option<String> {
    list(params.get("parameter"))
        .into_iter()
        .find(|p| text(p, "requestkey").as_deref() == Some("ha_method"))
        .and_then(|p| text(p, "requestvalue"))
}
