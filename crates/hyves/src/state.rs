//! The [`State`] shared by the reading of every file of an API dump, and the media files it knows.

use std::collections::{BTreeSet, HashMap, HashSet};

/// A downloaded media file.
#[derive(Debug, Clone)]
pub(crate) struct LocalFile {
    pub path: String,
    pub size: u64,
}

/// What reading one file needs to know about the rest of the archive.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// The logged-in user's id (the owner).
    pub owner: Option<String>,
    /// Account ids already emitted.
    pub accounts: HashSet<String>,
    /// Account ids by username, for `[hyver=…]` mentions.
    pub handles: HashMap<String, String>,
    /// Media ids already emitted.
    pub media: HashSet<String>,
    /// Files in `media/`, by file stem (the media id).
    pub files: HashMap<String, LocalFile>,
    /// Paths of files in `media/` that a media item claimed.
    pub claimed: HashSet<String>,
    /// Media items with no file in `media/`.
    pub missing: BTreeSet<String>,
    /// Lookup tables: city, country, region and tip-category names by id.
    pub cities: HashMap<String, String>,
    pub countries: HashMap<String, String>,
    pub regions: HashMap<String, String>,
    pub tipcategories: HashMap<String, String>,
    /// The owner's username from `manifest.json`, when it gives no `self_userid`.
    pub owner_handle: Option<String>,
    /// Whether `manifest.json` says bodies were fetched with `ha_fancylayout=true` (HTML).
    pub fancylayout: bool,
    /// Whether "owner unknown" was reported.
    pub owner_warned: bool,
}
