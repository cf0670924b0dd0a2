//! Whose posts an export covers: the options every publishing format shares.

use freehold_store::PostFilter;

/// `--owner`, `--platform`, `--since`, `--until`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only these owner accounts (account ids); empty for every owner account.
    pub owners: Vec<String>,
    /// Only these platforms; empty for all four.
    pub platforms: Vec<String>,
    /// Only posts from this time on (an ISO 8601 prefix: `2019`, `2019-06-01`).
    pub since: Option<String>,
    /// Only posts before this time (an ISO 8601 prefix).
    pub until: Option<String>,
}

impl Selection {
    /// The posts the selection covers, by anyone (the privacy rules decide the rest).
    pub fn filter(&self) -> PostFilter {
        PostFilter {
            platforms: self.platforms.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            // An owner chosen: only that account's posts (others' posts on its pages
            // would be withheld anyway).
            authors: self.owners.clone(),
            ..PostFilter::default()
        }
    }
}
