use std::path::PathBuf;

/// An error of an export.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database could not be read, or the output not written.
    #[error(transparent)]
    Store(#[from] freehold_store::Error),
    /// A file could not be written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The masking of `--redact third-parties` could not be set up.
    #[error("--redact third-parties: {0}")]
    Redact(String),
}
