//! What a generator wrote, and what an import of it should give.

use crate::platform::Platform;
use crate::{FacebookCounts, HyvesCounts, LinkedinCounts, TwitterCounts};

/// What one generated archive holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The platform.
    pub platform: Platform,
    /// Files written (data and media).
    pub files: u64,
    /// Bytes written, before any compression.
    pub bytes: u64,
    /// How many of each thing, per platform.
    pub counts: Counts,
}

/// How many of each thing an archive holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Counts {
    /// A Twitter/X archive.
    Twitter(TwitterCounts),
    /// A Facebook export.
    Facebook(FacebookCounts),
    /// A LinkedIn export.
    Linkedin(LinkedinCounts),
    /// A Hyves API dump.
    Hyves(HyvesCounts),
}

impl Summary {
    /// Every count by name (`tweets`, `followers`, `messages`, …), in a fixed order, for
    /// printing.
    pub fn items(&self) -> Vec<(&'static str, u64)> {
        match &self.counts {
            Counts::Twitter(c) => c.items(),
            Counts::Facebook(c) => c.items(),
            Counts::Linkedin(c) => c.items(),
            Counts::Hyves(c) => c.items(),
        }
    }

    /// One count by the name [`Summary::items`] gives it (0 for an unknown name).
    pub fn get(&self, name: &str) -> u64 {
        self.items()
            .into_iter()
            .find(|(n, _)| *n == name)
            .map_or(0, |(_, v)| v)
    }

    /// The rows an import of this archive into a new freehold database should give, per
    /// table (`posts`, `messages`, `relationships`, …). Only the tables whose count
    /// follows directly from the archive are listed; the crate's tests check every one
    /// against a real import.
    pub fn expected_rows(&self) -> Vec<(&'static str, u64)> {
        match &self.counts {
            Counts::Twitter(c) => c.expected_rows(),
            Counts::Facebook(c) => c.expected_rows(),
            Counts::Linkedin(c) => c.expected_rows(),
            Counts::Hyves(c) => c.expected_rows(),
        }
    }
}
