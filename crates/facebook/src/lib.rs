//! Facebook exports for freehold (work in progress).

use freehold_archive::{Archive, Detection, Error, ParseContext, Platform};

/// The Facebook parser.
#[derive(Debug, Default, Clone, Copy)]
pub struct Facebook;

impl Platform for Facebook {
    fn name(&self) -> &'static str {
        "facebook"
    }

    fn detect(&self, _archive: &Archive) -> Option<Detection> {
        None
    }

    fn parse(
        &self,
        _archive: &Archive,
        _detection: &Detection,
        _cx: &mut ParseContext<'_>,
    ) -> Result<(), Error> {
        Ok(())
    }
}
