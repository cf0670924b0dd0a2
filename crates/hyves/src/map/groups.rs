//! Hubs (groups, with the owner's or a user's membership) and events.

use freehold_archive::Error;
use freehold_model::{Event, Group, GroupMember, id};
use serde_json::Value;

use super::Mapper;
use crate::util::{IDS, PLATFORM, body, boolean, extra_without_empty, id_of, text};

impl Mapper<'_, '_, '_> {
    pub(super) fn hub(&mut self, v: &Value, loc: &str) -> Result<(), Error> {
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

    pub(super) fn event(&mut self, v: &Value, loc: &str) -> Result<(), Error> {
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
