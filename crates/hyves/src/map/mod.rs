//! The [`Mapper`] of one file: takes a response's pieces and sends each item to its kind's mapper.

use std::collections::BTreeSet;

use freehold_archive::{Error, ParseContext, Severity};
use freehold_model::Record;
use serde_json::{Map, Value};

use crate::response::Piece;
use crate::state::State;
use crate::time::epoch_to_utc;
use crate::util::{id_of, put, scalar_text, text};

use posts::{BLOG, COMMENT, GADGET, PING, SCRAP, TESTIMONIAL, TIP, WWW};

mod accounts;
mod errors;
mod friends;
mod groups;
mod media;
mod parents;
mod posts;
mod respects;
mod users;

/// A row's `extra`.
type Extra = Option<Map<String, Value>>;

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

    fn diagnose(
        &mut self,
        severity: Severity,
        code: freehold_archive::codes::Code,
        locator: &str,
        message: String,
    ) {
        self.cx.diagnose(
            severity,
            code,
            Some(&self.path.clone()),
            Some(locator.to_string()),
            message,
        );
    }

    /// A diagnostic given at most once per file and `key`.
    fn once(
        &mut self,
        key: &str,
        severity: Severity,
        code: freehold_archive::codes::Code,
        loc: &str,
        msg: String,
    ) {
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

    fn missing_id(&mut self, item: &str, key: &str, loc: &str) {
        self.diagnose(
            Severity::Warning,
            freehold_archive::codes::NO_ID,
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
                let msg = format!("cannot read `{key}` {raw:?} as epoch seconds; kept in extra");
                self.bad_date(extra, key, value, loc, msg);
                None
            }
        }
    }

    /// A date that cannot be read: kept in `extra` under `key` as it came, and reported.
    fn bad_date(&mut self, extra: &mut Extra, key: &str, value: &Value, loc: &str, msg: String) {
        put(extra, key, value.clone());
        self.diagnose(
            Severity::Warning,
            freehold_archive::codes::BAD_DATE,
            loc,
            msg,
        );
    }
}
