//! Prepared statements that bind text in place.
//!
//! rusqlite binds every text value with `SQLITE_TRANSIENT`: SQLite allocates a copy of
//! it, and frees that copy when the parameter is bound again. For the writer's inserts
//! that was about a fifth of the writer thread's time (tw100k). A [`StaticStatement`]
//! binds with `SQLITE_STATIC` instead: SQLite reads the bytes where they are, in the
//! batch, and copies them once, into the row it writes.
//!
//! `SQLITE_STATIC` requires the bytes to outlive the binding. [`StaticStatement::execute`]
//! binds, runs and then clears every binding before it returns (also when it fails or
//! unwinds), so SQLite never holds a pointer past the borrow of the values.
#![allow(unsafe_code)]

use std::ffi::{CStr, c_int};
use std::marker::PhantomData;
use std::ptr::NonNull;

use rusqlite::{Connection, ffi};

/// One value to bind.
#[derive(Clone, Copy, Debug)]
pub(super) enum Param<'a> {
    Null,
    Int(i64),
    Real(f64),
    /// UTF-8 text (the caller guarantees the encoding, as `Batch` does).
    Text(&'a [u8]),
}

/// A prepared statement that returns no rows (an `INSERT` without `RETURNING`).
pub(super) struct StaticStatement<'c> {
    stmt: NonNull<ffi::sqlite3_stmt>,
    db: NonNull<ffi::sqlite3>,
    params: usize,
    _conn: PhantomData<&'c Connection>,
}

impl<'c> StaticStatement<'c> {
    pub(super) fn prepare(conn: &'c Connection, sql: &str) -> rusqlite::Result<Self> {
        // SAFETY: the handle stays valid while `conn` is borrowed, which `'c` ensures; it
        // is only used for calls SQLite allows on a connection that rusqlite also uses
        // (prepare, bind, step, reset, finalize, error messages), from this thread.
        let db = unsafe { conn.handle() };
        let db = NonNull::new(db).ok_or(rusqlite::Error::InvalidQuery)?;
        let len = c_int::try_from(sql.len()).map_err(|_| rusqlite::Error::InvalidQuery)?;
        let mut stmt = std::ptr::null_mut();
        // SAFETY: `db` is an open connection; `sql` is valid for `len` bytes; `stmt` is
        // a valid place for the new statement.
        let rc = unsafe {
            ffi::sqlite3_prepare_v3(
                db.as_ptr(),
                sql.as_ptr().cast(),
                len,
                ffi::SQLITE_PREPARE_PERSISTENT,
                &raw mut stmt,
                std::ptr::null_mut(),
            )
        };
        if rc != ffi::SQLITE_OK {
            return Err(error(db, rc));
        }
        let stmt = NonNull::new(stmt).ok_or(rusqlite::Error::InvalidQuery)?;
        // SAFETY: `stmt` was just prepared.
        let params = unsafe { ffi::sqlite3_bind_parameter_count(stmt.as_ptr()) };
        Ok(StaticStatement {
            stmt,
            db,
            params: usize::try_from(params).unwrap_or(0),
            _conn: PhantomData,
        })
    }

    /// Binds `values` to the statement's parameters in order, runs it to its end and
    /// returns the number of rows it changed. Every parameter must get a value.
    pub(super) fn execute<'v>(
        &mut self,
        values: impl IntoIterator<Item = Param<'v>>,
    ) -> rusqlite::Result<usize> {
        // Resets the statement and clears its bindings however this call ends, so no
        // pointer into `values` outlives it.
        struct Clear(NonNull<ffi::sqlite3_stmt>);
        impl Drop for Clear {
            fn drop(&mut self) {
                // SAFETY: the statement is valid until `StaticStatement` is dropped, which
                // cannot happen while `execute` borrows it. Their results repeat the
                // step's error, which `execute` has already returned.
                unsafe {
                    ffi::sqlite3_reset(self.0.as_ptr());
                    ffi::sqlite3_clear_bindings(self.0.as_ptr());
                }
            }
        }
        let _clear = Clear(self.stmt);
        let stmt = self.stmt.as_ptr();
        let mut bound = 0;
        for value in values {
            bound += 1;
            let index = c_int::try_from(bound).map_err(|_| rusqlite::Error::InvalidQuery)?;
            // SAFETY: `stmt` is valid; text points at `t.len()` bytes that stay borrowed
            // until `_clear` clears the binding at the end of this call.
            let rc = unsafe {
                match value {
                    Param::Null => ffi::sqlite3_bind_null(stmt, index),
                    Param::Int(v) => ffi::sqlite3_bind_int64(stmt, index, v),
                    Param::Real(v) => ffi::sqlite3_bind_double(stmt, index, v),
                    Param::Text(t) => ffi::sqlite3_bind_text64(
                        stmt,
                        index,
                        t.as_ptr().cast(),
                        t.len() as u64,
                        ffi::SQLITE_STATIC(),
                        ffi::SQLITE_UTF8 as u8,
                    ),
                }
            };
            if rc != ffi::SQLITE_OK {
                return Err(error(self.db, rc));
            }
        }
        if bound != self.params {
            return Err(rusqlite::Error::InvalidParameterCount(bound, self.params));
        }
        // SAFETY: `stmt` is valid and every parameter is bound to live values.
        match unsafe { ffi::sqlite3_step(stmt) } {
            ffi::SQLITE_DONE => {
                // SAFETY: `db` is open.
                let changes = unsafe { ffi::sqlite3_changes64(self.db.as_ptr()) };
                Ok(usize::try_from(changes).unwrap_or(0))
            }
            ffi::SQLITE_ROW => Err(rusqlite::Error::ExecuteReturnedResults),
            rc => Err(error(self.db, rc)),
        }
    }
}

impl Drop for StaticStatement<'_> {
    fn drop(&mut self) {
        // SAFETY: the statement is finalized once, here; the connection outlives it.
        unsafe {
            ffi::sqlite3_finalize(self.stmt.as_ptr());
        }
    }
}

/// The connection's error for result code `rc`, as rusqlite reports it.
fn error(db: NonNull<ffi::sqlite3>, rc: c_int) -> rusqlite::Error {
    // SAFETY: `db` is open; the message is a NUL-terminated string owned by SQLite,
    // copied before any other call on the connection.
    let message = unsafe { CStr::from_ptr(ffi::sqlite3_errmsg(db.as_ptr())) }
        .to_string_lossy()
        .into_owned();
    rusqlite::Error::SqliteFailure(ffi::Error::new(rc), Some(message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (a TEXT PRIMARY KEY NOT NULL, b INTEGER, c REAL)")
            .unwrap();
        conn
    }

    #[test]
    fn text_is_stored_after_the_bytes_are_gone() {
        let conn = table();
        let mut insert =
            StaticStatement::prepare(&conn, "INSERT INTO t VALUES (?1, ?2, ?3)").unwrap();
        for i in 0..3 {
            let text = format!("row {i} ✓");
            let n = insert
                .execute([
                    Param::Text(text.as_bytes()),
                    Param::Int(i),
                    Param::Real(0.5),
                ])
                .unwrap();
            assert_eq!(n, 1);
            drop(text);
        }
        insert
            .execute([Param::Text(b"n"), Param::Null, Param::Null])
            .unwrap();
        drop(insert);
        let rows: Vec<(String, Option<i64>)> = conn
            .prepare("SELECT a, b FROM t ORDER BY a")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                ("n".to_string(), None),
                ("row 0 ✓".to_string(), Some(0)),
                ("row 1 ✓".to_string(), Some(1)),
                ("row 2 ✓".to_string(), Some(2)),
            ]
        );
    }

    #[test]
    fn errors_are_sqlite_errors_and_the_statement_stays_usable() {
        let conn = table();
        let mut insert =
            StaticStatement::prepare(&conn, "INSERT INTO t VALUES (?1, ?2, ?3)").unwrap();
        insert
            .execute([Param::Text(b"a"), Param::Null, Param::Null])
            .unwrap();
        let duplicate = insert
            .execute([Param::Text(b"a"), Param::Null, Param::Null])
            .unwrap_err();
        assert!(
            duplicate.to_string().contains("UNIQUE constraint failed"),
            "{duplicate}"
        );
        let null_key = insert
            .execute([Param::Null, Param::Null, Param::Null])
            .unwrap_err();
        assert!(null_key.to_string().contains("NOT NULL"), "{null_key}");
        assert!(matches!(
            insert.execute([Param::Text(b"b")]),
            Err(rusqlite::Error::InvalidParameterCount(1, 3))
        ));
        assert_eq!(
            insert
                .execute([Param::Text(b"b"), Param::Int(2), Param::Null])
                .unwrap(),
            1
        );
        let ignore = StaticStatement::prepare(&conn, "INSERT OR IGNORE INTO t (a) VALUES (?1)");
        assert_eq!(ignore.unwrap().execute([Param::Text(b"b")]).unwrap(), 0);
        assert!(StaticStatement::prepare(&conn, "INSERT INTO nowhere VALUES (1)").is_err());
    }
}
