use std::path::PathBuf;

/// An error of the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// SQLite failed.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The archive could not be read.
    #[error(transparent)]
    Archive(#[from] freehold_archive::Error),
    /// A file could not be written or read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The database was written by a newer freehold.
    #[error(
        "{path} was written by a newer freehold (schema version {found}; this freehold reads up to {supported}); upgrade freehold to use it"
    )]
    TooNew {
        /// The database.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// The file is not a freehold database (a folder, another kind of file, another
    /// application's SQLite database); it was left untouched.
    #[error(
        "{path} is not a freehold database ({why}); it was left untouched, choose another --db path"
    )]
    NotFreehold {
        /// The path given.
        path: PathBuf,
        /// What it is instead.
        why: String,
    },
    /// Every data file of the archive failed: nothing was written.
    #[error("nothing could be imported from {path}: {reason}")]
    NothingImported {
        /// The archive.
        path: PathBuf,
        /// The first error found.
        reason: String,
    },
    /// Another freehold's first import replaced the new database while this connection
    /// had it open (or waited to write to it): nothing was written. [`Store::open`] and
    /// [`Store::import`](crate::Store::import) open the database again and retry by
    /// themselves; this error reaches a caller only if that keeps happening.
    #[error(
        "another freehold replaced the new database with its first import while this one had it open; nothing was written, run this import again"
    )]
    Replaced,
    /// An output path was refused before anything was written.
    #[error("will not write {path}: {reason}")]
    Output {
        /// The output asked for.
        path: PathBuf,
        /// Why, with what to do instead.
        reason: String,
    },
    /// The records broke the model's integrity (a parser bug): nothing was written.
    #[error("the import was rolled back: {0}")]
    Integrity(String),
}
