//! Limits that keep a hostile or broken archive from exhausting memory or disk.

/// Size limits applied while an archive is read. Each has a default that no real export
/// comes near; the command line can change them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest uncompressed size of one entry. Larger entries are refused (the file
    /// is reported as failed; the rest imports). Default 64 GiB.
    pub max_entry_bytes: u64,
    /// The largest total uncompressed size of an archive. A larger archive is refused as
    /// a whole. Default 4 TiB.
    pub max_archive_bytes: u64,
    /// The highest compression ratio (uncompressed ÷ compressed) accepted for an entry
    /// larger than 1 MiB: above it the entry looks like a zip bomb and is refused.
    /// Default 1,000.
    pub max_ratio: u64,
    /// The largest single record: one JSON array element, one XML element. Reading stops
    /// at a larger one with a diagnostic, so one huge value never becomes one huge
    /// allocation. Default 256 MiB. A CSV field and a CSV row may take a quarter of it
    /// (see [`crate::csv::CsvLimits::from_limits`]): a longer field is skipped, a longer
    /// row cut, each with a diagnostic, and the file read on.
    pub max_record_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_entry_bytes: 64 << 30,
            max_archive_bytes: 4 << 40,
            max_ratio: 1_000,
            max_record_bytes: 256 << 20,
        }
    }
}

/// Entries at most this large are never refused for their compression ratio.
pub(crate) const RATIO_FLOOR: u64 = 1 << 20;
