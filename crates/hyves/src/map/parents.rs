//! What a comment or respect is on, read from the path (the id) and the method (the kind).

use freehold_archive::Severity;

use super::Mapper;
use crate::util::post_id;

/// What the parent of a comment or respect is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Parent {
    Post(String),
    Media(String),
    Account(String),
    Group(String),
}

impl Parent {
    /// A stable text for hashing: `kind:id`.
    pub(super) fn key(&self) -> String {
        match self {
            Parent::Post(id) => format!("post:{id}"),
            Parent::Media(id) => format!("media:{id}"),
            Parent::Account(id) => format!("account:{id}"),
            Parent::Group(id) => format!("group:{id}"),
        }
    }
}

impl Mapper<'_, '_, '_> {
    /// The parent of a comment or respect: the id from the path, the kind from the method.
    pub(super) fn parent(&mut self, loc: &str) -> Option<Parent> {
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
}
