//! Command-line arguments.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Leave rented land: turn social-network export archives into one database you own.
#[derive(Debug, Parser)]
#[command(name = "freehold", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import one or more export archives (zip files or folders) into a database.
    Import {
        /// The archives: zip files or extracted folders.
        #[arg(required = true)]
        archives: Vec<PathBuf>,
        /// The SQLite database to write (created if missing).
        #[arg(long, default_value = "freehold.sqlite")]
        db: PathBuf,
        /// Copy every media file into this folder, named by its SHA-256.
        #[arg(long)]
        media_dir: Option<PathBuf>,
        /// No progress bar and no summary, only errors.
        #[arg(long, short)]
        quiet: bool,
        /// Limits against broken or hostile archives.
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Show what an archive holds and what an import would do, without writing anything.
    Inspect {
        /// The archive: a zip file or an extracted folder.
        archive: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Limits against broken or hostile archives.
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Export a database as JSON (one document) or NDJSON (one file per table).
    Export {
        /// The database to read.
        #[arg(long, default_value = "freehold.sqlite")]
        db: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Output file (json) or folder (ndjson).
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the model's schema.
    Schema {
        /// `sql` for SQLite, `json` for JSON Schema 2020-12, `markdown` for the reference.
        #[arg(long, value_enum, default_value_t = SchemaFormat::Sql)]
        format: SchemaFormat,
    },
}

/// Export formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// One JSON document.
    Json,
    /// One NDJSON file per table.
    Ndjson,
}

/// Schema formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SchemaFormat {
    /// SQLite DDL.
    Sql,
    /// JSON Schema 2020-12.
    Json,
    /// The schema reference in Markdown (`docs/schema.md`).
    Markdown,
}

/// Limits against broken or hostile archives.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct LimitArgs {
    /// Refuse a file inside the archive that decompresses to more than this many MiB.
    #[arg(long, value_name = "MIB", default_value_t = 64 * 1024)]
    pub max_file_mib: u64,
    /// Refuse an archive that decompresses to more than this many GiB in all.
    #[arg(long, value_name = "GIB", default_value_t = 4 * 1024)]
    pub max_archive_gib: u64,
    /// Refuse a file (over 1 MiB) compressed more than this ratio: a zip bomb.
    #[arg(long, value_name = "RATIO", default_value_t = 1000)]
    pub max_ratio: u64,
    /// Stop reading a file at a single record (JSON element, XML element) larger than this many MiB; a CSV field or row over a quarter of it is skipped (the field) or cut (the row), with a diagnostic.
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    pub max_record_mib: u64,
}

impl LimitArgs {
    /// The limits these flags describe.
    pub fn limits(self) -> freehold_archive::Limits {
        freehold_archive::Limits {
            max_entry_bytes: self.max_file_mib.saturating_mul(1 << 20),
            max_archive_bytes: self.max_archive_gib.saturating_mul(1 << 30),
            max_ratio: self.max_ratio,
            max_record_bytes: self.max_record_mib.saturating_mul(1 << 20),
        }
    }
}
