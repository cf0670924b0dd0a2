//! Friendships (`friends.get`): a relationship from the file's user to each bare `userid`.

use freehold_archive::{Error, Severity};
use freehold_model::Relationship;
use serde_json::Value;

use super::Mapper;
use crate::util::{IDS, PLATFORM, scalar_text};

impl Mapper<'_, '_, '_> {
    /// `friends.get`: a bare `userid` per friend.
    pub(super) fn friend(&mut self, v: &Value, loc: &str) -> Result<(), Error> {
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
}
