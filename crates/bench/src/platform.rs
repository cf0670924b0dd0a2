//! The platforms whose export archives the generator writes.

use std::fmt;
use std::str::FromStr;

/// The platform whose export archive is generated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Platform {
    /// A Twitter/X archive (`data/*.js`, `window.YTD…`); `size` = tweets.
    Twitter,
    /// A Facebook "Download Your Information" JSON export; `size` = Messenger messages.
    Facebook,
    /// A LinkedIn "Download your data" export (CSV files); `size` = connections.
    Linkedin,
    /// A folder of saved Hyves Data-API responses (XML); `size` = friends.
    Hyves,
}

impl Platform {
    /// Every platform.
    pub const ALL: [Platform; 4] = [
        Platform::Twitter,
        Platform::Facebook,
        Platform::Linkedin,
        Platform::Hyves,
    ];

    /// The platform's lower-case name (`twitter`, `facebook`, `linkedin`, `hyves`).
    pub fn name(self) -> &'static str {
        match self {
            Platform::Twitter => "twitter",
            Platform::Facebook => "facebook",
            Platform::Linkedin => "linkedin",
            Platform::Hyves => "hyves",
        }
    }

    /// What `size` counts for this platform.
    pub fn size_unit(self) -> &'static str {
        match self {
            Platform::Twitter => "tweets",
            Platform::Facebook => "messages",
            Platform::Linkedin => "connections",
            Platform::Hyves => "friends",
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not a platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPlatform(pub String);

impl fmt::Display for UnknownPlatform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown platform {:?} (expected twitter, facebook, linkedin or hyves)",
            self.0
        )
    }
}

impl std::error::Error for UnknownPlatform {}

impl FromStr for Platform {
    type Err = UnknownPlatform;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Platform::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(s) || (s == "x" && *p == Platform::Twitter))
            .ok_or_else(|| UnknownPlatform(s.to_string()))
    }
}
