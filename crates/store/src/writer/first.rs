//! The first import into a new database: built in a file of its own beside the empty
//! database and moved over it when complete (see [`Store::import`]).

use std::path::{Path, PathBuf};

use freehold_archive::{Archive, Detection, Platform};
use rusqlite::Connection;

use super::{ImportOptions, ImportOutcome, import_into};
use crate::db::{Journal, REPLACED, connect};
use crate::{Error, Store};

impl Store {
    /// The first import: built beside the empty database, then moved over it.
    pub(super) fn build_first(
        &mut self,
        archive: &Archive,
        platform: &dyn Platform,
        detection: &Detection,
        options: &ImportOptions<'_>,
    ) -> Result<ImportOutcome, Error> {
        let building = Building::new(&self.path);
        let mut store = Store::build(&building.path)?;
        let outcome = import_into(&mut store.conn, archive, platform, detection, options)?;
        store.conn.pragma_update(None, "journal_mode", "DELETE")?;
        store.conn.close().map_err(|(_, e)| Error::from(e))?;
        building.sync()?;
        if !self.lock_exclusive()? {
            // Another freehold has the database open: the build cannot be moved over it.
            // Write the import into the database itself instead (nothing was written to
            // it yet), as any later import is.
            drop(building);
            self.conn.execute_batch("ROLLBACK")?;
            self.fresh = false;
            return import_into(&mut self.conn, archive, platform, detection, options);
        }
        let moved = self.move_into_place(building);
        self.lock_shared()?;
        moved?;
        Ok(outcome)
    }

    /// Moves the finished build over the empty database, which this store holds the
    /// exclusive lock of (no other freehold has it open).
    fn move_into_place(&mut self, building: Building) -> Result<(), Error> {
        // Mark the empty database as replaced, release it and close it.
        self.conn
            .execute_batch(&format!("PRAGMA user_version = {REPLACED}; COMMIT"))?;
        let empty = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        empty.close().map_err(|(_, e)| Error::from(e))?;
        if let Err(e) = building.replace(&self.path) {
            // The empty database is still there: make it usable again.
            self.conn = connect(&self.path, false, Journal::Wal)?;
            self.conn
                .pragma_update(None, "user_version", freehold_model::SCHEMA_VERSION)?;
            return Err(e);
        }
        // From here on the database holds this import, whatever happens next.
        self.fresh = false;
        self.conn = connect(&self.path, false, Journal::Wal)?;
        Ok(())
    }

    /// Closes the store; a database that [`Store::open`] created and no import has written
    /// to is removed, with its lock file and SQLite's files beside it, so that a first
    /// import that failed or was interrupted leaves nothing behind. A database that holds
    /// an import, existed before, or that another freehold has open is only closed.
    /// Returns whether the database was removed.
    pub fn close_removing_if_unused(self) -> Result<bool, Error> {
        if !self.fresh || !self.lock_exclusive()? {
            return Ok(false);
        }
        let Store {
            conn, path, lock, ..
        } = self;
        conn.close().map_err(|(_, e)| Error::from(e))?;
        let io = |path: PathBuf| move |source| Error::Io { path, source };
        for file in [
            path.clone(),
            sibling(&path, "-wal"),
            sibling(&path, "-shm"),
            sibling(&path, "-journal"),
        ] {
            match std::fs::remove_file(&file) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(file)(e)),
                _ => {}
            }
        }
        // The lock file goes last, after its lock is released (Windows cannot remove an
        // open file).
        drop(lock);
        let lock_path = sibling(&path, ".lock");
        match std::fs::remove_file(&lock_path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(lock_path)(e)),
            _ => Ok(true),
        }
    }

    /// Trades this store's shared lock on `<database>.lock` for the exclusive one, if no
    /// other store holds it; returns whether it did (else the shared lock is kept).
    fn lock_exclusive(&self) -> Result<bool, Error> {
        let Some(lock) = &self.lock else {
            return Ok(false);
        };
        let io = |source| self.lock_error(source);
        lock.unlock().map_err(io)?;
        match lock.try_lock() {
            Ok(()) => Ok(true),
            Err(std::fs::TryLockError::WouldBlock) => {
                lock.lock_shared().map_err(io)?;
                Ok(false)
            }
            Err(std::fs::TryLockError::Error(e)) => {
                lock.lock_shared().map_err(io)?;
                Err(io(e))
            }
        }
    }

    /// Goes back from the exclusive lock to a shared one.
    fn lock_shared(&self) -> Result<(), Error> {
        let Some(lock) = &self.lock else {
            return Ok(());
        };
        let io = |source| self.lock_error(source);
        lock.unlock().map_err(io)?;
        lock.lock_shared().map_err(io)
    }

    fn lock_error(&self, source: std::io::Error) -> Error {
        Error::Io {
            path: self.path.clone(),
            source,
        }
    }
}

/// The file a fresh database is built in; deleted unless it replaced the database.
struct Building {
    path: PathBuf,
    done: bool,
}

impl Building {
    /// The build file of `database`, whose write lock the caller holds: a file already
    /// there is a leftover of a build that was killed, and goes.
    fn new(database: &Path) -> Building {
        let building = Building {
            path: building_path(database),
            done: false,
        };
        building.remove();
        building
    }

    fn io(&self, source: std::io::Error) -> Error {
        Error::Io {
            path: self.path.clone(),
            source,
        }
    }

    fn remove(&self) {
        let _ = std::fs::remove_file(&self.path);
        let _ = std::fs::remove_file(sibling(&self.path, "-journal"));
    }

    /// Writes the built file to disk (opened for writing: Windows flushes only such).
    fn sync(&self) -> Result<(), Error> {
        std::fs::OpenOptions::new()
            .write(true)
            .open(&self.path)
            .and_then(|f| f.sync_all())
            .map_err(|e| self.io(e))
    }

    /// Moves the built file over `database`, whose connections are closed.
    fn replace(mut self, database: &Path) -> Result<(), Error> {
        for suffix in ["-wal", "-shm"] {
            let stale = sibling(database, suffix);
            if stale.exists() {
                std::fs::remove_file(&stale).map_err(|source| Error::Io {
                    path: stale,
                    source,
                })?;
            }
        }
        std::fs::rename(&self.path, database).map_err(|e| self.io(e))?;
        self.done = true;
        // The rename itself reaches the disk with the folder.
        #[cfg(unix)]
        {
            let folder = database
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let _ = std::fs::File::open(folder).and_then(|f| f.sync_all());
        }
        Ok(())
    }
}

impl Drop for Building {
    fn drop(&mut self) {
        if !self.done {
            self.remove();
        }
    }
}

/// Where the first import into `database` is built: `.<name>.building` beside it.
fn building_path(database: &Path) -> PathBuf {
    let name = database
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    database.with_file_name(format!(".{name}.building"))
}

/// Removes the file of a first import that a killed process left behind. A first import
/// holds the database's write lock while it builds; while the lock is held the file is
/// left alone (this import then waits for the lock, and finds the database replaced).
pub(super) fn clear_stale_build(database: &Path) -> Result<(), Error> {
    let path = building_path(database);
    if !path.exists() {
        return Ok(());
    }
    let locked = Connection::open_with_flags(database, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE)
        .and_then(|conn| {
            conn.busy_timeout(std::time::Duration::ZERO)?;
            conn.execute_batch("BEGIN IMMEDIATE; ROLLBACK")?;
            Ok(false)
        })
        .unwrap_or_else(|e| e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy));
    if locked {
        return Ok(());
    }
    for stale in [path.clone(), sibling(&path, "-journal")] {
        if stale.exists() {
            std::fs::remove_file(&stale).map_err(|source| Error::Io {
                path: stale.clone(),
                source,
            })?;
        }
    }
    Ok(())
}

/// `path` with `suffix` appended to its file name (`db.sqlite-wal`).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
