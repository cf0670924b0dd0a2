//! Users: their account, profile fields, birthday and profile picture.

use std::collections::HashMap;

use freehold_archive::text::is_blank_name;
use freehold_archive::{Error, Severity};
use freehold_model::{Account, Attachment, ProfileField, id};
use serde_json::Value;

use super::{Extra, Mapper};
use crate::time::birthday;
use crate::util::{
    IDS, PLATFORM, body, extra_without_empty, field_id, id_of, put, scalar_text, text,
    username_from_url,
};

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

impl Mapper<'_, '_, '_> {
    /// A `user` item: its account, then its profile fields and its profile picture.
    pub(super) fn user(&mut self, v: &Value, loc: &str) -> Result<(), Error> {
        let Some(userid) = id_of(v, "userid") else {
            self.missing_id("user", "userid", loc);
            return Ok(());
        };
        let acc = IDS.account(&userid);
        let url = text(v, "url");
        let handle = text(v, "username").or_else(|| url.as_deref().and_then(username_from_url));
        self.note_owner(&userid, handle.as_deref(), loc);
        let display = display_name(v);
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
        self.profile_fields(v, &acc, created, born, loc)?;
        self.profile_picture(v, &acc, loc)
    }

    /// Takes the user as the owner when `users.getLoggedin` names them (reporting a
    /// conflict with an owner known already), or when `manifest.json` gives only the
    /// owner's username and it is theirs.
    fn note_owner(&mut self, userid: &str, handle: Option<&str>, loc: &str) {
        if self.method() == Some("users.getLoggedin") {
            match &self.state.owner {
                None => self.state.owner = Some(userid.to_string()),
                Some(owner) if owner.as_str() != userid => {
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
        if self.state.owner.is_none()
            && self.state.owner_handle.is_some()
            && handle.map(str::to_ascii_lowercase) == self.state.owner_handle
        {
            // manifest.json gives the owner's username only.
            self.state.owner = Some(userid.to_string());
        }
    }

    /// The profile fields of a user: names, gender, texts, contact details, place and
    /// country, the account's creation and the birthday.
    fn profile_fields(
        &mut self,
        v: &Value,
        acc: &str,
        created: Option<String>,
        born: Option<(String, Extra)>,
        loc: &str,
    ) -> Result<(), Error> {
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
        let (cities, countries) = (&self.state.cities, &self.state.countries);
        let location = place(v, "cityname", "cityid", cities, "cities.get");
        let country = place(v, "countryname", "countryid", countries, "countries.get");
        if let Some((name, extra)) = location {
            fields.push(("location", name, extra));
        }
        if let Some((name, extra)) = country {
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
                    id: field_id(acc, field, &[&value]),
                    account_id: acc.to_string(),
                    field: field.into(),
                    value,
                    started_at: None,
                    ended_at: None,
                    extra,
                },
                loc,
            )?;
        }
        Ok(())
    }

    /// A user's `profilepicture`: a media row, attached to the account.
    fn profile_picture(&mut self, v: &Value, acc: &str, loc: &str) -> Result<(), Error> {
        if let Some(picture) = v.get("profilepicture").filter(|p| p.is_object())
            && let Some(media) = self.media(picture, loc)?
        {
            self.emit(
                Attachment {
                    id: id::child(acc, "profilepicture", &media),
                    media_id: media,
                    owner_kind: "account".into(),
                    owner_id: acc.to_string(),
                    position: None,
                    extra: None,
                },
                loc,
            )?;
        }
        Ok(())
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
                        let msg = format!(
                            "cannot read the birthday {raw:?} (expected day, month and year); kept in the account's extra"
                        );
                        self.bad_date(extra, "birthday", b, loc, msg);
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
                let msg = format!(
                    "cannot read the birthday day {day:?}, month {month:?}, year {year:?}; kept in the account's extra"
                );
                self.bad_date(extra, "birthday", b, loc, msg);
                None
            }
        }
    }
}

/// The name a user shows: `displayname`, else `nickname`, else the first and last names.
/// A name that shows nothing (only invisible characters) is no name.
fn display_name(v: &Value) -> Option<String> {
    let name = |key: &str| text(v, key).filter(|n| !is_blank_name(n));
    let first = name("firstname");
    let last = name("lastname");
    name("displayname")
        .or_else(|| name("nickname"))
        .or_else(|| match (&first, &last) {
            (Some(f), Some(l)) => Some(format!("{f} {l}")),
            (Some(n), None) | (None, Some(n)) => Some(n.clone()),
            (None, None) => None,
        })
}

/// A place as the user gives it (`cityname`), or else the name of its id (`cityid`) in
/// a lookup table, with the id and the table's method in the field's `extra`.
fn place(
    v: &Value,
    name_key: &str,
    id_key: &str,
    names: &HashMap<String, String>,
    source: &str,
) -> Option<(String, Extra)> {
    if let Some(name) = text(v, name_key) {
        return Some((name, None));
    }
    let id = id_of(v, id_key)?;
    let name = names.get(&id)?.clone();
    let mut extra = None;
    put(&mut extra, id_key, id);
    put(&mut extra, "source", source);
    Some((name, extra))
}
