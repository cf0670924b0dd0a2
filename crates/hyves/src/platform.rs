//! The [`Platform`] implementation.

use freehold_archive::{Archive, Detection, Error, ParseContext, Platform};

use crate::detect::{self, Layout};
use crate::{api, util};

/// The Hyves parser: saved Data-API responses (`hyves/api-dump`). Archives that hold
/// Hyves data in another format are recognised (`hyves/unsupported`) and refused with a
/// clear message instead of importing nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct Hyves;

impl Platform for Hyves {
    fn name(&self) -> &'static str {
        util::PLATFORM
    }

    fn data_folders(&self) -> &'static [&'static str] {
        &["api", "media"]
    }

    fn detect(&self, archive: &Archive) -> Option<Detection> {
        detect::detect(archive)
    }

    fn parse(
        &self,
        archive: &Archive,
        detection: &Detection,
        cx: &mut ParseContext<'_>,
    ) -> Result<(), Error> {
        match detection.layout.get::<Layout>() {
            Some(Layout::ApiDump) => api::parse(archive, cx),
            _ => {
                let traces = detect::traces(archive);
                let shown: Vec<&str> = traces.iter().take(3).map(String::as_str).collect();
                let more = traces.len().saturating_sub(shown.len());
                let mut found = shown.join("; ");
                if more > 0 {
                    found.push_str(&format!("; and {more} more"));
                }
                Err(Error::Unrecognised {
                    path: archive.path().to_path_buf(),
                    hint: format!(
                        "Hyves data in a format freehold does not read yet: {found}. freehold reads saved Hyves Data-API responses (XML or JSON); the format of the official 2013 export is not publicly documented. See docs/platforms/hyves.md for what you can do"
                    ),
                })
            }
        }
    }
}

/// Opens the archive at `path` (a zip, or the folder it extracts to), checks that it is
/// a Hyves export, and parses it: every record in the order read, and the report (each
/// file's fate, every diagnostic). Files no parser maps are kept as raw records, as an
/// import keeps them. For a database, a progress bar or another sink, use [`Hyves`]
/// with a [`ParseContext`] instead.
///
/// # Errors
///
/// When the archive cannot be opened, is not a Hyves export
/// ([`Error::Unrecognised`]), or cannot be read as a whole.
pub fn parse_path(
    path: impl AsRef<std::path::Path>,
) -> Result<(Vec<freehold_model::Record>, freehold_archive::Report), Error> {
    freehold_archive::parse_path(&Hyves, path.as_ref())
}
