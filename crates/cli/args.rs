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
    },
    /// Show what an archive holds and what an import would do, without writing anything.
    Inspect {
        /// The archive: a zip file or an extracted folder.
        archive: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
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
