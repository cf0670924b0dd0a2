//! The [`Platform`] implementation.

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

    fn detect(&self, archive: &Archive) -> Option<Detection> {
        detect::detect(archive)
    }

    fn parse(
        &self,
        archive: &Archive,
        detection: &Detection,
        cx: &mut ParseContext<'_>,
    ) -> Result<(), Error> {
        match Layout::from_name(&detection.layout) {
            Some(Layout::Grailbird) => grailbird::parse(archive, cx, false),
            Some(Layout::GrailbirdCsv) => grailbird::parse(archive, cx, true),
            _ => ytd::parse(archive, cx),
        }
    }
}
