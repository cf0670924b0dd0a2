//! LinkedIn exports for freehold (work in progress).

use freehold_archive::{Archive, Detection, Error, ParseContext, Platform};

/// The LinkedIn parser.
#[derive(Debug, Default, Clone, Copy)]
pub struct LinkedIn;

impl Platform for LinkedIn {
    fn name(&self) -> &'static str {
        "linkedin"
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
