use std::path::PathBuf;

/// An error that makes a whole archive unreadable. Problems with single files or records
/// are [`Diagnostic`](crate::Diagnostic)s instead.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Nothing is at the archive path.
    #[error("{path} does not exist; check the path (a zip file or an extracted folder)")]
    Missing {
        /// The path given.
        path: PathBuf,
    },
    /// The archive path cannot be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The archive or entry.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is not a zip archive, or the zip is damaged (for example truncated).
    #[error("{path} is not a readable zip archive: {source}")]
    Zip {
        /// The archive.
        path: PathBuf,
        /// The cause.
        #[source]
        source: zip::result::ZipError,
    },
    /// The file is not a zip but something people often give by mistake (a PDF, a saved
    /// web page, one part of a split zip, a `.tar.gz`, a zip cut short): `what` says
    /// which, and what to do instead.
    #[error("{path} is {what}")]
    NotAnArchive {
        /// The file.
        path: PathBuf,
        /// What it is, and the next step.
        what: String,
    },
    /// The archive holds no files.
    #[error("{path} is empty: it holds no files")]
    Empty {
        /// The archive.
        path: PathBuf,
    },
    /// The archive is larger than [`Limits::max_archive_bytes`](crate::Limits).
    #[error("{path} would decompress to {bytes} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// The archive.
        path: PathBuf,
        /// Its total uncompressed size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// No platform recognised the archive.
    #[error("{path} is not an export archive freehold recognises ({hint})")]
    Unrecognised {
        /// The archive.
        path: PathBuf,
        /// What was looked for.
        hint: String,
    },
    /// One entry of the archive could not be read.
    #[error("cannot read {entry} in {archive}: {source}")]
    Entry {
        /// The archive.
        archive: PathBuf,
        /// The entry's path inside the archive.
        entry: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The sink refused a record (for example, the database failed).
    #[error("writing records failed: {0}")]
    Sink(String),
    /// The import was interrupted.
    #[error("interrupted")]
    Interrupted,
}
