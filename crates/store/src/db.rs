//! Opening a database: creating it, checking its version, migrating it.

use std::path::{Path, PathBuf};

use freehold_model::{Row as _, SCHEMA_VERSION, TABLES, TableDef};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::Error;

/// The SQL schema of the current version (`schemas/freehold.sql`).
pub const SCHEMA_SQL: &str = include_str!("schema.sql");

/// SQLite's `application_id` of a freehold database: "FHLD". A database without it
/// is freehold's only if it has freehold's tables (one written before the mark existed).
pub const APPLICATION_ID: i32 = 0x4648_4C44;

/// SQLite's page cache, in KiB: most of an import's memory.
pub(crate) const CACHE_KIB: i64 = 16_000;

/// A migration from `from` to `from + 1`.
struct Migration {
    from: i64,
    sql: &'static str,
}

/// Every migration, oldest first. A new version adds its step here, changes `schema.sql`
/// to what a new database gets, and bumps `SCHEMA_VERSION`.
const MIGRATIONS: &[Migration] = &[
    Migration {
        from: 1,
        sql: "CREATE INDEX IF NOT EXISTS post_entities_value ON post_entities (kind, value);
              CREATE INDEX IF NOT EXISTS reactions_target_post ON reactions (target_post);",
    },
    // Provenance moves from one wide table to two compact ones behind a view.
    Migration {
        from: 2,
        sql: "CREATE TABLE provenance_sources (
                  id              INTEGER PRIMARY KEY,
                  import_id       TEXT NOT NULL REFERENCES imports (id) DEFERRABLE INITIALLY DEFERRED,
                  path            TEXT NOT NULL,
                  UNIQUE (import_id, path)
              );
              CREATE TABLE provenance_entries (
                  entity_id       TEXT NOT NULL,
                  entity          TEXT NOT NULL,
                  source          INTEGER NOT NULL REFERENCES provenance_sources (id) DEFERRABLE INITIALLY DEFERRED,
                  locator         TEXT NOT NULL,
                  PRIMARY KEY (source, entity, locator, entity_id)
              ) WITHOUT ROWID;
              INSERT INTO provenance_sources (import_id, path)
                  SELECT DISTINCT import_id, path FROM provenance ORDER BY import_id, path;
              INSERT OR IGNORE INTO provenance_entries (entity_id, entity, source, locator)
                  SELECT p.entity_id, p.entity, s.id, p.locator
                  FROM provenance p JOIN provenance_sources s
                      ON s.import_id = p.import_id AND s.path = p.path;
              CREATE INDEX provenance_entries_entity ON provenance_entries (entity_id);
              DROP TABLE provenance;
              CREATE VIEW provenance (entity, entity_id, import_id, path, locator) AS
                  SELECT e.entity, e.entity_id, s.import_id, s.path, e.locator
                  FROM provenance_entries e JOIN provenance_sources s ON s.id = e.source;",
    },
    // Provenance entries numbered within their file instead of keyed by their text:
    // imports append to the table.
    Migration {
        from: 3,
        sql: "DROP VIEW provenance;
              CREATE TABLE provenance_entries_v4 (
                  source          INTEGER NOT NULL REFERENCES provenance_sources (id) DEFERRABLE INITIALLY DEFERRED,
                  seq             INTEGER NOT NULL,
                  entity          TEXT NOT NULL,
                  entity_id       TEXT NOT NULL,
                  locator         TEXT NOT NULL,
                  PRIMARY KEY (source, seq)
              ) WITHOUT ROWID;
              INSERT INTO provenance_entries_v4 (source, seq, entity, entity_id, locator)
                  SELECT source, ROW_NUMBER() OVER (PARTITION BY source ORDER BY entity, locator, entity_id) - 1,
                         entity, entity_id, locator
                  FROM provenance_entries;
              DROP TABLE provenance_entries;
              ALTER TABLE provenance_entries_v4 RENAME TO provenance_entries;
              CREATE INDEX provenance_entries_entity ON provenance_entries (entity_id);
              CREATE VIEW provenance (entity, entity_id, import_id, path, locator) AS
                  SELECT e.entity, e.entity_id, s.import_id, s.path, e.locator
                  FROM provenance_entries e JOIN provenance_sources s ON s.id = e.source;",
    },
    // Records of files freehold cannot map.
    Migration {
        from: 4,
        sql: RAW_RECORDS_V5,
    },
    // People: persons, their accounts, the evidence linking them, and the owner's
    // decisions (kept apart from imported data).
    Migration {
        from: 5,
        sql: "CREATE TABLE IF NOT EXISTS persons (
                  id              TEXT PRIMARY KEY NOT NULL,
                  name            TEXT,
                  is_owner        INTEGER NOT NULL,
                  extra           TEXT
              );
              CREATE TABLE IF NOT EXISTS person_accounts (
                  id              TEXT PRIMARY KEY NOT NULL,
                  person_id       TEXT NOT NULL,
                  decided_by      TEXT NOT NULL,
                  extra           TEXT
              );
              CREATE INDEX IF NOT EXISTS person_accounts_person ON person_accounts (person_id);
              CREATE TABLE IF NOT EXISTS person_links (
                  id              TEXT PRIMARY KEY NOT NULL,
                  account_a       TEXT NOT NULL,
                  account_b       TEXT NOT NULL,
                  score           REAL,
                  status          TEXT NOT NULL,
                  decided_by      TEXT NOT NULL,
                  evidence        TEXT NOT NULL,
                  extra           TEXT
              );
              CREATE TABLE IF NOT EXISTS person_decisions (
                  id              TEXT PRIMARY KEY NOT NULL,
                  action          TEXT NOT NULL,
                  account_a       TEXT NOT NULL,
                  account_b       TEXT,
                  decided_at      TEXT NOT NULL,
                  extra           TEXT
              );",
    },
];

/// Version 5's new table, as in `schema.sql`.
const RAW_RECORDS_V5: &str = "CREATE TABLE raw_records (
        id              TEXT PRIMARY KEY NOT NULL,
        platform        TEXT NOT NULL,
        import_id       TEXT REFERENCES imports (id) DEFERRABLE INITIALLY DEFERRED,
        path            TEXT NOT NULL,
        position        TEXT NOT NULL,
        record          TEXT,
        extra           TEXT
    );
    CREATE INDEX raw_records_path ON raw_records (path);";

/// A freehold database.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    /// Created by [`Store::open`] and no import has been written to it yet: the first
    /// import builds the database in a file of its own and moves it into place (see
    /// `writer`).
    pub(crate) fresh: bool,
    /// A shared lock on `<database>.lock` for as long as this store has the database
    /// open (none for a database in memory or being built). A first import moves its
    /// build into place only when it can lock that file exclusively: when no other
    /// freehold has the database open. SQLite's own files beside a database (`-wal`,
    /// `-shm`) go by its name, so a file moved over a database that another connection
    /// has open could be mixed with that connection's log.
    pub(crate) lock: Option<std::fs::File>,
}

/// How a connection protects its writes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Journal {
    /// Write-ahead log, synced at checkpoints: the mode of every database in use.
    Wal,
    /// No journal and no syncing: only for a file that is deleted if its build fails.
    Off,
}

/// How long a connection waits for another one's lock before giving up.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The `user_version` of an empty database that a first import has replaced: a writer
/// that waited for it must not write into it (the file is gone from its folder).
pub(crate) const REPLACED: i64 = -1;

/// Opens a connection with the store's settings. `new`: the file is empty, so its page
/// size can still be chosen.
pub(crate) fn connect(path: &Path, new: bool, journal: Journal) -> Result<Connection, Error> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if new {
        // Large pages: fewer B-tree splits and WAL frames for the bulk writes of an
        // import (4 KiB pages make the import about a quarter slower). Only a new,
        // empty database can choose its page size.
        conn.pragma_update(None, "page_size", 16_384)?;
    }
    match journal {
        Journal::Wal => {
            // Switching to WAL takes an exclusive lock without waiting for it (SQLite's
            // busy handler does not apply), so a database that another freehold is
            // creating at this moment can refuse it: try again for as long as a busy
            // lock is waited for.
            let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
            loop {
                match conn.pragma_update(None, "journal_mode", "WAL") {
                    Err(e)
                        if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                            && std::time::Instant::now() < deadline =>
                    {
                        std::thread::sleep(std::time::Duration::from_millis(10));
                    }
                    result => break result?,
                }
            }
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        Journal::Off => {
            conn.pragma_update(None, "journal_mode", "OFF")?;
            conn.pragma_update(None, "synchronous", "OFF")?;
        }
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Sorting for index builds spills to temporary files instead of memory, so the
    // page cache below bounds what SQLite holds.
    conn.pragma_update(None, "temp_store", "FILE")?;
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    conn.set_prepared_statement_cache_capacity(64);
    Ok(conn)
}

impl Store {
    /// Opens (creating if needed) the database at `path`. A new file is readable by its
    /// owner only. An older schema is migrated after a backup copy is written next to it
    /// (`<path>.v<N>.bak`); a newer one is refused.
    pub fn open(path: &Path) -> Result<Store, Error> {
        // Before any lock file, pragma or migration: a file that is not a freehold
        // database is refused untouched.
        check_is_freehold(path)?;
        let lock = open_lock(path)?;
        // Created only if it does not exist at this moment: another freehold may have
        // just created it (and be writing it), and must not see it truncated.
        let existed = !create_private_new(path)?;
        let mut store = Store {
            conn: connect(path, !existed, Journal::Wal)?,
            path: path.to_path_buf(),
            fresh: !existed,
            lock: Some(lock),
        };
        match store.prepare_schema() {
            Err(Error::Replaced) => store.reopen()?,
            result => result?,
        }
        Ok(store)
    }

    /// Opens the database at this store's path again, after another freehold's first
    /// import replaced the file this connection had open. Tries a few times: each
    /// replacement is the end of a first import, and only one import can be first.
    pub(crate) fn reopen(&mut self) -> Result<(), Error> {
        let mut tries = 0;
        loop {
            self.conn = connect(&self.path, false, Journal::Wal)?;
            self.fresh = false;
            match self.prepare_schema() {
                Err(Error::Replaced) if tries < 3 => tries += 1,
                result => return result,
            }
        }
    }

    /// Opens a new database file that is being built in one go: without a journal (a
    /// failed build is deleted, not rolled back) and without syncing until it is done.
    pub(crate) fn build(path: &Path) -> Result<Store, Error> {
        create_private(path)?;
        let mut store = Store {
            conn: connect(path, true, Journal::Off)?,
            path: path.to_path_buf(),
            fresh: false,
            lock: None,
        };
        store.prepare_schema()?;
        Ok(store)
    }

    /// Opens an in-memory database (for tests and `inspect`).
    pub fn in_memory() -> Result<Store, Error> {
        let conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store {
            conn,
            path: PathBuf::from(":memory:"),
            fresh: false,
            lock: None,
        };
        store.prepare_schema()?;
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How long a write waits for another freehold that holds the database locked before
    /// it fails (a few seconds by default; zero fails at once).
    pub fn set_busy_timeout(&self, timeout: std::time::Duration) -> Result<(), Error> {
        Ok(self.conn.busy_timeout(timeout)?)
    }

    /// The value of one of SQLite's read-only settings for this connection, as text:
    /// `journal_mode`, `foreign_keys`, `user_version`, `page_size`, … `name` is a bare
    /// pragma name (letters and `_`); anything else is refused with
    /// [`Error::Integrity`].
    pub fn pragma(&self, name: &str) -> Result<String, Error> {
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_') {
            return Err(Error::Integrity(format!("{name:?} is not a pragma name")));
        }
        let value: rusqlite::types::Value =
            self.conn
                .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))?;
        Ok(match value {
            rusqlite::types::Value::Null => String::new(),
            rusqlite::types::Value::Integer(n) => n.to_string(),
            rusqlite::types::Value::Real(x) => x.to_string(),
            rusqlite::types::Value::Text(t) => t,
            rusqlite::types::Value::Blob(b) => String::from_utf8_lossy(&b).into_owned(),
        })
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, Error> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Rows per table, in model order.
    pub fn counts(&self) -> Result<Vec<(&'static str, i64)>, Error> {
        TABLES
            .iter()
            .map(|t| {
                let n =
                    self.conn
                        .query_row(&format!("SELECT COUNT(*) FROM {}", t.name), [], |r| {
                            r.get(0)
                        })?;
                Ok((t.name, n))
            })
            .collect()
    }

    fn prepare_schema(&mut self) -> Result<(), Error> {
        if self.schema_version()? == SCHEMA_VERSION {
            let id: i32 = self
                .conn
                .pragma_query_value(None, "application_id", |r| r.get(0))?;
            if id != APPLICATION_ID {
                self.conn
                    .pragma_update(None, "application_id", APPLICATION_ID)?;
            }
            return Ok(());
        }
        // Creating or migrating the schema is decided under the write lock: another
        // freehold opening the same new or old database at the same moment waits, then
        // finds the work done.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let tables: i64 = tx.query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        if version == 0 {
            if tables > 0 {
                return Err(Error::NotFreehold {
                    path: self.path.clone(),
                    why: "it is an SQLite database, but not a freehold one".into(),
                });
            }
            tx.execute_batch(SCHEMA_SQL)?;
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.commit()?;
            return Ok(());
        }
        drop(tx);
        if version == REPLACED {
            return Err(Error::Replaced);
        }
        if version > SCHEMA_VERSION {
            return Err(Error::TooNew {
                path: self.path.clone(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version < SCHEMA_VERSION {
            self.migrate(version)?;
        }
        Ok(())
    }

    fn migrate(&mut self, from: i64) -> Result<(), Error> {
        let backup = PathBuf::from(format!("{}.v{from}.bak", self.path.display()));
        // An empty private file first: the copy holds private messages too. A backup
        // that exists already (an earlier attempt, or another freehold migrating the same
        // database now) is kept.
        if create_private_new(&backup)? {
            self.conn
                .execute("VACUUM INTO ?1", [backup.to_string_lossy().as_ref()])?;
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Another freehold may have migrated it while this one made the backup.
        let from: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let mut version = from;
        for step in MIGRATIONS.iter().filter(|m| m.from >= from) {
            if step.from != version {
                break;
            }
            tx.execute_batch(step.sql)?;
            version += 1;
        }
        if version != SCHEMA_VERSION {
            return Err(Error::Integrity(format!(
                "no migration path from schema version {from} to {SCHEMA_VERSION}"
            )));
        }
        tx.pragma_update(None, "user_version", version)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
        Ok(())
    }
}

/// Refuses, without writing anything, a path that is a folder, a file that is not an
/// SQLite database, or an SQLite database that is not freehold's: it reads the file's
/// header and, for a database without freehold's `application_id`, its table names
/// through an immutable read-only connection (no journal, no lock, no `-shm`). A missing
/// or empty file is a new database.
fn check_is_freehold(path: &Path) -> Result<(), Error> {
    let not_freehold = |why: &str| Error::NotFreehold {
        path: path.to_path_buf(),
        why: why.to_string(),
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(Error::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    if meta.is_dir() {
        return Err(not_freehold(
            "it is a folder; name a database file, e.g. --db freehold.sqlite",
        ));
    }
    if meta.len() == 0 {
        return Ok(());
    }
    let mut header = [0u8; 100];
    let read = {
        use std::io::Read;
        std::fs::File::open(path)
            .and_then(|mut f| f.read(&mut header))
            .map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?
    };
    if read < 100 || !header.starts_with(b"SQLite format 3\0") {
        return Err(not_freehold("it is not an SQLite database"));
    }
    let id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if id == APPLICATION_ID {
        return Ok(());
    }
    if id != 0 {
        return Err(not_freehold(
            "it is an SQLite database of another application",
        ));
    }
    // No mark: an empty database, or one written before the mark existed.
    let uri = format!("file:{}?immutable=1", percent_path(path));
    let conn = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if tables.is_empty() {
        return Ok(());
    }
    let ours = ["imports", "accounts", "posts", "provenance_sources"]
        .iter()
        .all(|t| tables.iter().any(|n| n == t));
    if ours {
        Ok(())
    } else {
        Err(not_freehold(
            "it is an SQLite database, but not a freehold one",
        ))
    }
}

/// A path for an SQLite `file:` URI: `%`, `?` and `#` escaped.
fn percent_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3F"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// Opens (creating it if needed) `<database>.lock` and takes a shared lock on it, waiting
/// while a first import moves its build into place.
fn open_lock(database: &Path) -> Result<std::fs::File, Error> {
    let mut name = database.as_os_str().to_owned();
    name.push(".lock");
    let path = PathBuf::from(name);
    let io = |source| Error::Io {
        path: path.clone(),
        source,
    };
    let file = private()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io)?;
    file.lock_shared().map_err(io)?;
    Ok(file)
}

/// Options for a file readable and writable by its owner only (where the system has
/// such permissions).
fn private() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Creates an empty file readable and writable by its owner only, if there is no file at
/// `path` yet; returns whether it did.
fn create_private_new(path: &Path) -> Result<bool, Error> {
    match private().write(true).create_new(true).open(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(source) => Err(Error::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Creates an empty file readable and writable by its owner only.
pub(crate) fn create_private(path: &Path) -> Result<std::fs::File, Error> {
    private()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })
}

/// `INSERT INTO t (columns) VALUES (?1, …), …` for `rows` rows.
fn insert_values(table: &TableDef, rows: usize) -> String {
    let columns: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
    let width = columns.len();
    let values: Vec<String> = (0..rows)
        .map(|r| {
            let placeholders: Vec<String> =
                (1..=width).map(|i| format!("?{}", r * width + i)).collect();
            format!("({})", placeholders.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO {} ({}) VALUES {}",
        table.name,
        columns.join(", "),
        values.join(", "),
    )
}

/// `INSERT INTO t (columns) VALUES (?1, …) ON CONFLICT (key)`: the start of an import's
/// insert statements.
fn insert_head(table: &TableDef) -> String {
    format!(
        "{} ON CONFLICT ({})",
        insert_values(table, 1),
        table.key.join(", ")
    )
}

/// `column = <merge of the stored value and the new one>` for every non-key column, by
/// its merge rule; `new(position, name)` spells the new value.
fn merge_assignments(table: &TableDef, new: impl Fn(usize, &str) -> String) -> Vec<String> {
    merge_assignments_as(table, new, true)
}

/// Like [`merge_assignments`]; with `newer` false the stored row is the newer snapshot's,
/// so its values win and the new record only fills what it lacks.
fn merge_assignments_as(
    table: &TableDef,
    new: impl Fn(usize, &str) -> String,
    newer: bool,
) -> Vec<String> {
    use freehold_model::Merge;
    table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| !table.key.contains(&c.name))
        .map(|(i, c)| {
            let n = c.name;
            let v = new(i + 1, n);
            match (c.merge, newer) {
                (Merge::Replace, true) => format!("{n} = COALESCE({v}, {n})"),
                (Merge::Replace | Merge::KeepFirst, false) | (Merge::KeepFirst, true) => {
                    format!("{n} = COALESCE({n}, {v})")
                }
                (Merge::Max, _) => format!("{n} = MAX({n}, {v})"),
                (Merge::JsonPatch, true) => format!(
                    "{n} = CASE WHEN {v} IS NULL THEN {n} WHEN {n} IS NULL THEN {v} ELSE json_patch({n}, {v}) END"
                ),
                (Merge::JsonPatch, false) => format!(
                    "{n} = CASE WHEN {v} IS NULL THEN {n} WHEN {n} IS NULL THEN {v} ELSE json_patch({v}, {n}) END"
                ),
            }
        })
        .collect()
}

/// The upsert statement for a table: insert, or merge into the row with the same key.
pub(crate) fn upsert_sql(table: &TableDef) -> String {
    let updates = merge_assignments(table, |_, n| format!("excluded.{n}"));
    if updates.is_empty() {
        format!("{} DO NOTHING", insert_head(table))
    } else {
        format!(
            "{} DO UPDATE SET {}",
            insert_head(table),
            updates.join(", ")
        )
    }
}

/// The insert statement of an import's write path: a new row is inserted, a row whose
/// key exists is left for [`merge_sql`].
pub(crate) fn insert_sql(table: &TableDef) -> String {
    format!("{} DO NOTHING", insert_head(table))
}

/// A plain insert of `rows` rows whose keys are known not to exist: a conflict would be a
/// bug, and fails the import.
pub(crate) fn insert_many_sql(table: &TableDef, rows: usize) -> String {
    insert_values(table, rows)
}

/// Merges a record into the existing row with its key, by the same rules as
/// [`upsert_sql`], with the same parameters as [`insert_sql`].
/// `None` for a table of key columns only.
pub(crate) fn merge_sql(table: &TableDef) -> Option<String> {
    merge_sql_as(table, true)
}

/// [`merge_sql`] for a record of an older snapshot than the row's (`newer` false): the
/// stored values win.
pub(crate) fn merge_sql_as(table: &TableDef, newer: bool) -> Option<String> {
    let updates = merge_assignments_as(table, |p, _| format!("?{p}"), newer);
    if updates.is_empty() {
        return None;
    }
    let key: Vec<String> = table
        .key
        .iter()
        .filter_map(|k| {
            let p = table.columns.iter().position(|c| c.name == *k)?;
            Some(format!("{k} = ?{}", p + 1))
        })
        .collect();
    Some(format!(
        "UPDATE {} SET {} WHERE {}",
        table.name,
        updates.join(", "),
        key.join(" AND ")
    ))
}

/// The provenance table's definition.
pub(crate) fn provenance_def() -> &'static TableDef {
    freehold_model::Provenance::DEF
}
