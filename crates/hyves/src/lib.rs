//! Hyves exports for freehold (work in progress).

use freehold_archive::{Archive, Detection, Error, ParseContext, Platform};

/// The Hyves parser.
#[derive(Debug, Default, Clone, Copy)]
pub struct Hyves;

impl Platform for Hyves {
    fn name(&self) -> &'static str {
        "hyves"
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
