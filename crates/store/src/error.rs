use std::path::PathBuf;

/// An error of the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// SQLite failed.
    #[error("database error: {0}")]
    Sqlite(DatabaseError),
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

/// What SQLite reported, as its message. The driver's own error is its
/// [`source`](std::error::Error::source); which driver freehold uses is not part of its
/// API.
#[derive(Debug)]
pub struct DatabaseError(rusqlite::Error);

impl std::fmt::Display for DatabaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for DatabaseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

impl DatabaseError {
    /// Whether another connection held the database locked (SQLite's `SQLITE_BUSY`).
    pub fn is_busy(&self) -> bool {
        self.0.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
    }
}

/// For `?` inside the store. Not part of the API: the driver can change.
#[doc(hidden)]
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Sqlite(DatabaseError(e))
    }
}
