//! Who is who: stub accounts for ids only referred to, the owner, and the user a file is about.

use freehold_archive::{Error, Severity};
use freehold_model::Account;

use super::Mapper;
use crate::util::{IDS, PLATFORM, looks_like_id};

impl Mapper<'_, '_, '_> {
    /// Makes sure an account row exists for `userid` (a stub when only the id is known).
    pub(super) fn ensure_account(&mut self, userid: &str, loc: &str) -> Result<String, Error> {
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

    /// The owner's id, reporting once per file when it is unknown.
    pub(super) fn owner(&mut self, loc: &str) -> Option<String> {
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
    pub(super) fn subject(&mut self, loc: &str) -> Option<String> {
        match self.parent.clone() {
            Some(p) if looks_like_id(&p) => Some(p),
            _ => self.owner(loc),
        }
    }
}
