//! Respects (the Hyves "like"): reactions on posts; on photos, profiles and hubs noted in `extra`.

use freehold_archive::Error;
use freehold_model::Reaction;
use serde_json::Value;

use super::Mapper;
use super::parents::Parent;
use crate::util::{IDS, PLATFORM, extra_without_empty, id_of, put, text};

impl Mapper<'_, '_, '_> {
    pub(super) fn respect(&mut self, v: &Value, loc: &str) -> Result<(), Error> {
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
}
