//! The one-call parse of an archive on disk: open, detect, parse, keep what no parser
//! maps, report.

use freehold_model::Record;

use crate::{Archive, Error, ParseContext, Platform, Report};

/// Opens the archive at `path` (a zip or a folder, with the default [`crate::Limits`]),
/// checks that `platform` exported it, and parses it: every record in the order read,
/// files no parser maps kept as raw records (see [`crate::keep_unmapped`]), and the
/// report, as an import would make it. Each parser's own `parse_path` calls it.
///
/// # Errors
///
/// When the archive cannot be opened, `platform` does not recognise it
/// ([`Error::Unrecognised`]), or its parse fails as a whole.
pub fn parse_path(
    platform: &dyn Platform,
    path: &std::path::Path,
) -> Result<(Vec<Record>, Report), Error> {
    let archive = Archive::open(path)?;
    let detection = platform
        .detect(&archive)
        .ok_or_else(|| Error::Unrecognised {
            path: path.to_path_buf(),
            hint: format!("no {} data files were found", platform.name()),
        })?;
    let mut records = Vec::new();
    let mut cx = ParseContext::new(&mut records);
    platform.parse(&archive, &detection, &mut cx)?;
    crate::keep_unmapped(&archive, detection.platform, &mut cx)?;
    let report = cx.finish(&archive, &detection);
    Ok((records, report))
}
