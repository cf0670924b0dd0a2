//! What one import of a Facebook export knows while it reads: the people met so far, the
//! media index and the reactions counted, shared by every reader module.

use std::collections::HashMap;

use crate::media::MediaIndex;
use crate::util::{IDS, People, hash};

/// What one import knows while it reads: the people and the media files.
pub(crate) struct State {
    pub people: People,
    /// Shared by the tasks of a parallel parse.
    pub media: std::sync::Arc<MediaIndex>,
    /// How many reactions of one shape, actor, second and kind were read so far (see
    /// [`State::reaction_id`]).
    pub reactions_seen: HashMap<String, usize>,
}

impl State {
    pub(crate) fn new(people: People, media: std::sync::Arc<MediaIndex>) -> State {
        State {
            people,
            media,
            reactions_seen: HashMap::new(),
        }
    }

    /// The id of a reaction of the owner's reaction lists:
    /// `fb:reaction:<hash("reaction", actor, time, kind)>`, with `-N` appended to the N-th
    /// reaction of the same actor, second and kind within its `shape` (`label_values` or
    /// `data`), counted in file order. The two shapes of a 2025/26 export then give each
    /// reaction one id, so the pair is one row.
    pub(crate) fn reaction_id(
        &mut self,
        shape: &str,
        actor: &str,
        created: &str,
        kind: &str,
    ) -> String {
        let base = hash(&["reaction", actor, created, kind]);
        let n = self
            .reactions_seen
            .entry(format!("{shape} {base}"))
            .or_insert(0);
        let rid = if *n == 0 {
            IDS.reaction(&base)
        } else {
            IDS.reaction(&format!("{base}-{n}"))
        };
        *n += 1;
        rid
    }
}
