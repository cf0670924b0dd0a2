//! The [`Platform`] implementation.

use freehold_archive::json::{self, Prefix};
use freehold_archive::snapshot::Snapshot;
use freehold_archive::{Archive, Detection, Error, ParseContext, Platform};

use crate::detect::{self, Layout};
use crate::{grailbird, util, ytd};

/// The Twitter/X parser.
#[derive(Debug, Default, Clone, Copy)]
pub struct Twitter;

impl Platform for Twitter {
    fn name(&self) -> &'static str {
        util::PLATFORM
    }

    fn data_folders(&self) -> &'static [&'static str] {
        &["data", "assets"]
    }

    fn detect(&self, archive: &Archive) -> Option<Detection> {
        detect::detect(archive)
    }

    /// `archiveInfo.generationDate` of `data/manifest.js` (YTD archives).
    fn snapshot(&self, archive: &Archive, _: &Detection) -> Option<Snapshot> {
        let entry = archive
            .entries()
            .iter()
            .find(|e| e.file_name().eq_ignore_ascii_case("manifest.js") && e.size < 1 << 20)?;
        let manifest = archive
            .read_entry(entry, |r| Ok(json::read_value(r, Prefix::Assignment)))
            .ok()?
            .ok()?;
        let at = manifest
            .get("archiveInfo")?
            .get("generationDate")?
            .as_str()
            .and_then(freehold_model::time::from_rfc3339)?;
        Some(Snapshot {
            at,
            source: "manifest",
        })
    }

    fn parse(
        &self,
        archive: &Archive,
        detection: &Detection,
        cx: &mut ParseContext<'_>,
    ) -> Result<(), Error> {
        match detection.layout.get::<Layout>() {
            Some(Layout::Grailbird) => grailbird::parse(archive, cx, false),
            Some(Layout::GrailbirdCsv) => grailbird::parse(archive, cx, true),
            _ => ytd::parse(archive, cx),
        }
    }
}

/// Opens the archive at `path` (a zip, or the folder it extracts to), checks that it is
/// a Twitter/X export, and parses it: every record in the order read, and the report (each
/// file's fate, every diagnostic). Files no parser maps are kept as raw records, as an
/// import keeps them. For a database, a progress bar or another sink, use [`Twitter`]
/// with a [`ParseContext`] instead.
///
/// # Errors
///
/// When the archive cannot be opened, is not a Twitter/X export
/// ([`Error::Unrecognised`]), or cannot be read as a whole.
pub fn parse_path(
    path: impl AsRef<std::path::Path>,
) -> Result<(Vec<freehold_model::Record>, freehold_archive::Report), Error> {
    freehold_archive::parse_path(&Twitter, path.as_ref())
}
