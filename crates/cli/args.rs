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
        /// No progress bar and no summary, only errors (the exit code still tells).
        #[arg(long, short)]
        quiet: bool,
        /// When the archive was made (`YYYY-MM-DD` or RFC 3339), if what the archive says
        /// (its manifest, the date in its name, its newest record) is wrong. Snapshots of
        /// one account merge by this time: the newest one's values win.
        #[arg(long, value_name = "DATE", value_parser = parse_snapshot_date)]
        snapshot_date: Option<String>,
        /// Limits against broken or hostile archives.
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Show what archives hold and what an import would do, without writing anything.
    Inspect {
        /// The archives: zip files or extracted folders (the parts of a multi-zip Facebook
        /// download named together are one archive).
        #[arg(required = true)]
        archives: Vec<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Limits against broken or hostile archives.
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Export the database: the whole model (json, ndjson: private, for you) or a
    /// publishing format (site: only your public posts, see --include).
    Export {
        /// The database to read.
        #[arg(long, default_value = "freehold.sqlite")]
        db: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Output file (json; `-` for standard output) or folder (ndjson, site).
        #[arg(long)]
        out: PathBuf,
        /// Replace an existing output file, or write into a folder that freehold did not
        /// make. Never needed to replace an earlier export's folder.
        #[arg(long)]
        force: bool,
        /// Publishing formats: what they may show besides your public posts. Repeat for
        /// several: `unknown-audience` (posts whose audience the platform did not record,
        /// such as every Facebook post), `friends-only`, `others-posts`, `deleted` (posts
        /// you deleted on the platform), `graph` (activitystreams: the accounts you follow
        /// and your likes). Private messages are never published.
        #[arg(long, value_name = "WHAT")]
        include: Vec<String>,
        /// Publishing formats: only these platforms (twitter, facebook, linkedin, hyves).
        #[arg(long, value_name = "PLATFORM")]
        platform: Vec<String>,
        /// Publishing formats: only these owner accounts (an account id such as
        /// `tw:account:123`).
        #[arg(long, value_name = "ACCOUNT")]
        owner: Vec<String>,
        /// Publishing formats: only posts from this date on (`2019`, `2019-06-01`).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Publishing formats: only posts before this date.
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// Publishing formats: the `--media-dir` you imported with, to include your media.
        #[arg(long, value_name = "DIR")]
        media_dir: Option<PathBuf>,
        /// site: the address it will be published at, for the feeds' links and the home
        /// page's "new home" link (the pages link relatively and work anywhere). wxr: where
        /// the output folder will be reachable, for the attachments' addresses.
        /// activitystreams: the address its ids are made under.
        #[arg(long, value_name = "URL")]
        site_url: Option<String>,
        /// site, wxr: its title (your name by default).
        #[arg(long)]
        title: Option<String>,
        /// Publishing formats: `third-parties` gives everyone but you a stable pseudonym
        /// and masks their handles and names in the text, for sharing a copy with
        /// researchers or in a bug report.
        #[arg(long, value_name = "WHOM")]
        redact: Option<String>,
        /// With --redact: the key the pseudonyms are made with (another key, other
        /// pseudonyms).
        #[arg(long, value_name = "KEY")]
        redact_key: Option<String>,
        /// vcard: the vCard version, 4.0 (RFC 6350) or 3.0 for older address books.
        #[arg(long, value_name = "VERSION", default_value = "4.0", value_parser = ["4.0", "3.0"])]
        vcard_version: String,
        /// contacts-csv: `google` (the header Google Contacts imports) or `plain` (one
        /// column per fact, for spreadsheets and CRMs).
        #[arg(long, value_enum, default_value_t = CsvStyle::Google)]
        csv_style: CsvStyle,
        /// gexf, graphml: what a node is.
        #[arg(long, value_enum, default_value_t = GraphNodes::Persons)]
        nodes: GraphNodes,
        /// wxr: the largest file to write, in MiB; bigger exports are split into
        /// `wordpress-001.xml`, `wordpress-002.xml`, ... (WordPress hosts often cap uploads
        /// at 2 to 64 MiB).
        #[arg(long, value_name = "MIB", default_value_t = 16)]
        wxr_max_mib: u64,
    },
    /// Show who is who across platforms: persons with their accounts, and candidate
    /// links with their evidence and score, for you to accept or reject.
    People {
        /// The database to read.
        #[arg(long, default_value = "freehold.sqlite", global = true)]
        db: PathBuf,
        /// Print persons and candidates as JSON.
        #[arg(long, global = true)]
        json: bool,
        /// What to do (list when none).
        #[command(subcommand)]
        action: Option<PeopleAction>,
    },
    /// Find posts, messages and profile values by their words (full-text, ignoring case
    /// and accents; `word*` matches a prefix).
    Search {
        /// The words to find; every one must occur.
        #[arg(required = true)]
        query: Vec<String>,
        /// The database to read.
        #[arg(long, default_value = "freehold.sqlite")]
        db: PathBuf,
        /// Only these platforms.
        #[arg(long, value_name = "PLATFORM")]
        platform: Vec<String>,
        /// Only these kinds: a post kind (`tweet`, `share`, `blog`, ...), `message` or
        /// `profile`.
        #[arg(long, value_name = "KIND")]
        kind: Vec<String>,
        /// At most this many results.
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Print the results as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print Datasette's metadata for the database (`datasette freehold.sqlite -m
    /// metadata.json`): table and column descriptions, and label columns so that
    /// Datasette shows names instead of ids.
    DatasetteMetadata {
        /// The database the metadata is for (only its file name is used).
        #[arg(long, default_value = "freehold.sqlite")]
        db: PathBuf,
    },
    /// Print the model's schema.
    Schema {
        /// `sql` for SQLite, `json` for JSON Schema 2020-12, `markdown` for the reference.
        #[arg(long, value_enum, default_value_t = SchemaFormat::Sql)]
        format: SchemaFormat,
    },
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Everything, as one JSON document (private: messages and contacts included).
    Json,
    /// Everything, as one NDJSON file per table in a folder (private).
    Ndjson,
    /// A static website of your public posts on every platform: timeline, permalinks
    /// with threads, archives by month, search, Atom and JSON feeds, your media; works
    /// from file:// and any static host.
    Site,
    /// WordPress (WXR 1.2) files of your public posts for Tools > Import > WordPress,
    /// with your media as attachments (give --site-url: where the folder's `media/` will
    /// be reachable) and your comments on your own posts.
    Wxr,
    /// Markdown with YAML front matter, one page bundle per public post under
    /// `content/posts/YYYY/`, for Hugo (as is), Jekyll and Eleventy.
    Markdown,
    /// A Mastodon-layout archive of your public posts (`outbox.json`, `actor.json`,
    /// `likes.json`, `media_attachments/`); with `--include graph` also
    /// `following_accounts.csv` for Mastodon's follows import and `find-them-again.csv`.
    Activitystreams,
    /// Your contacts as vCard 4.0 (or --vcard-version 3.0), one card per person, for a
    /// phone or address book (private: other people's details).
    Vcard,
    /// Your contacts as CSV, one row per person: Google Contacts' header, or
    /// --csv-style plain for spreadsheets and CRMs (private).
    ContactsCsv,
    /// Your social graph as GEXF 1.3, dynamic (ties carry start dates: Gephi's timeline
    /// plays how your network grew) (private).
    Gexf,
    /// Your social graph as GraphML, for networkx, yEd, Cytoscape (private).
    Graphml,
}

/// What `freehold people` does.
#[derive(Debug, Subcommand)]
pub enum PeopleAction {
    /// List persons and candidates (the default).
    List {
        /// Also list persons with a single account.
        #[arg(long)]
        all: bool,
    },
    /// Accept a candidate (by its id, `link:…`): its two accounts are one person.
    Accept {
        /// The candidate's id.
        id: String,
    },
    /// Reject a candidate: its two accounts are different people.
    Reject {
        /// The candidate's id.
        id: String,
    },
    /// Link two accounts as one person, with or without evidence.
    Link {
        /// An account id, e.g. `tw:account:123`.
        account: String,
        /// The other account id.
        other: String,
    },
    /// Unlink: with one account, take it out of its person; with two, mark them as
    /// different people.
    Unlink {
        /// An account id.
        account: String,
        /// The other account id.
        other: Option<String>,
    },
}

/// Contact CSV headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CsvStyle {
    /// The header Google Contacts imports.
    Google,
    /// A plain one-row-per-person header.
    Plain,
}

/// Graph nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphNodes {
    /// One node per person (accounts linked across platforms).
    Persons,
    /// One node per account.
    Accounts,
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

/// `YYYY-MM-DD` (checked against the calendar) or an RFC 3339 time, normalised to UTC.
fn parse_snapshot_date(text: &str) -> Result<String, String> {
    if let Some(t) = freehold_model::time::from_rfc3339(text) {
        return Ok(t);
    }
    match freehold_archive::snapshot::date_in_name(text) {
        Some(d) if d.len() == text.len() => Ok(d),
        _ => Err(format!(
            "`{text}` is not a date: write YYYY-MM-DD or an RFC 3339 time such as 2024-03-01T10:00:00Z"
        )),
    }
}
