//! When an archive was made: the snapshot time that orders several imports of one
//! account. The newest snapshot's values win whatever order the archives are imported
//! in, so each import needs this time before its first record is written.

use crate::Archive;

/// A snapshot time and how it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// ISO 8601: `2024-03-01T10:15:00Z` from a manifest, `2024-03-01` from a name.
    pub at: String,
    /// `flag` (`--snapshot-date`), `manifest` (the archive says), `archive-name` (a date
    /// in the zip's or wrapper folder's name), `newest-record` (the newest timestamp of
    /// the archive's records).
    pub source: &'static str,
}

/// The date in an export's file or folder name: `facebook-jdoe-2025-09-01-AbCd`,
/// `twitter-2022-11-09-<hash>` (`YYYY-MM-DD`), or LinkedIn's
/// `Basic_LinkedInDataExport_09-01-2025` (`MM-DD-YYYY`). Checked against the calendar.
///
/// ```
/// use freehold_archive::snapshot::date_in_name;
/// assert_eq!(date_in_name("facebook-jdoe-2025-09-01-AbCd.zip").as_deref(), Some("2025-09-01"));
/// assert_eq!(date_in_name("Basic_LinkedInDataExport_09-01-2025.zip").as_deref(), Some("2025-09-01"));
/// assert_eq!(date_in_name("export-2025-02-30.zip"), None);
/// assert_eq!(date_in_name("my-archive.zip"), None);
/// ```
pub fn date_in_name(name: &str) -> Option<String> {
    let b = name.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    let num = |s: &[u8]| std::str::from_utf8(s).ok()?.parse::<u32>().ok();
    let boundary = |i: usize| i == 0 || !b[i - 1].is_ascii_digit();
    let end_ok = |i: usize| i >= b.len() || !b[i].is_ascii_digit();
    for i in 0..b.len().saturating_sub(9) {
        if !boundary(i) || !end_ok(i + 10) {
            continue;
        }
        let w = &b[i..i + 10];
        // YYYY-MM-DD
        if digits(&w[0..4])
            && w[4] == b'-'
            && digits(&w[5..7])
            && w[7] == b'-'
            && digits(&w[8..10])
            && let (Some(y), Some(m), Some(d)) = (num(&w[0..4]), num(&w[5..7]), num(&w[8..10]))
            && let Some(date) = checked(y, m, d)
        {
            return Some(date);
        }
        // MM-DD-YYYY
        if digits(&w[0..2])
            && w[2] == b'-'
            && digits(&w[3..5])
            && w[5] == b'-'
            && digits(&w[6..10])
            && let (Some(m), Some(d), Some(y)) = (num(&w[0..2]), num(&w[3..5]), num(&w[6..10]))
            && let Some(date) = checked(y, m, d)
        {
            return Some(date);
        }
    }
    None
}

fn checked(y: u32, m: u32, d: u32) -> Option<String> {
    if !(2000..=2100).contains(&y) {
        return None;
    }
    freehold_model::time::calendar_date(i32::try_from(y).ok()?, m, d)
}

/// The date in the archive's name or its wrapper folder's name, if any.
pub fn from_archive_name(archive: &Archive) -> Option<Snapshot> {
    let name = archive.name();
    date_in_name(&name)
        .or_else(|| archive.wrapper().and_then(date_in_name))
        .map(|at| Snapshot {
            at,
            source: "archive-name",
        })
}
