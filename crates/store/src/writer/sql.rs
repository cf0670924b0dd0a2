//! The writer thread: one transaction, statements per table, windows sorted by key,
//! provenance, indexes built at the end, references checked before the commit.

use std::sync::Arc;

use freehold_model::{Cell, Import, Row as _, TABLES, TableDef};
use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OptionalExtension};

use super::Msg;
use super::batch::{Batch, Slot, Text, offset};
use super::fast::{Param, StaticStatement};
use super::queue::{QueueReceiver, WINDOW_BYTES};
use crate::Error;
use crate::db::{
    CACHE_KIB, insert_many_sql, insert_sql, merge_sql, merge_sql_as, provenance_def, upsert_sql,
};

/// Rolls the transaction back unless it was committed, and turns foreign-key enforcement
/// back on for the connection's other users.
struct TxGuard<'a> {
    conn: &'a Connection,
    open: bool,
}

impl Drop for TxGuard<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        let _ = self.conn.pragma_update(None, "foreign_keys", "ON");
    }
}

/// Drops the secondary indexes of tables that are still empty and returns the statements
/// that create them again. Building an index once from the loaded rows is several times
/// faster than updating it row by row; the whole exchange happens inside the import's
/// transaction, so a failed import leaves every index in place.
fn defer_indexes(conn: &Connection) -> Result<Vec<String>, Error> {
    let mut statement = conn.prepare(
        "SELECT i.name, i.sql, i.tbl_name FROM sqlite_schema i
         WHERE i.type = 'index' AND i.sql IS NOT NULL ORDER BY i.name",
    )?;
    let indexes = statement
        .query_map([], three_texts)?
        .collect::<Result<Vec<_>, _>>()?;
    let mut deferred = Vec::new();
    for (name, sql, table) in indexes {
        let empty: bool = conn.query_row(
            &format!("SELECT NOT EXISTS (SELECT 1 FROM \"{table}\")"),
            [],
            |r| r.get(0),
        )?;
        if empty {
            conn.execute_batch(&format!("DROP INDEX \"{name}\""))?;
            deferred.push(sql);
        }
    }
    Ok(deferred)
}

/// The first three columns of a row, as text.
fn three_texts(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
}

/// Bytes of distinct referenced values kept for the check at the end, at most.
const REFERENCES_BYTES: usize = 3 << 20;

/// The references an import writes, checked before the commit.
///
/// Enforcement by SQLite is off while an import writes (a deferred check costs a lookup
/// per row and, while any reference dangles, a scan of the child table per parent row).
/// Instead the writer keeps, for each foreign key, the distinct values the import wrote
/// to it (a few thousand conversations for a million messages), and at the end looks each
/// one up in its parent table. A foreign key whose values outgrow the budget is checked
/// by a scan of its table instead. A dangling reference refuses the whole import.
struct References {
    /// Foreign keys, by table number.
    keys: Vec<Vec<ForeignKey>>,
    /// Bytes held by all the sets of values.
    bytes: usize,
    /// Bytes they may hold: `REFERENCES_BYTES`.
    budget: usize,
}

struct ForeignKey {
    /// The column's position among its table's cells.
    column: usize,
    name: String,
    parent: String,
    key: String,
    /// The distinct values written; `None` once they outgrew the budget (or a value was
    /// not text): then the table is scanned.
    values: Option<std::collections::HashSet<Box<[u8]>, KeyHash>>,
    bytes: usize,
    /// The value noted last: records come in runs that share one (the messages of one
    /// conversation), and this spares most lookups in `values`.
    last: Vec<u8>,
}

impl References {
    fn new(conn: &Connection) -> Result<References, Error> {
        let mut list =
            conn.prepare("SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?1)")?;
        let mut keys = Vec::with_capacity(TABLES.len());
        for table in TABLES {
            let mut of_table = Vec::new();
            for (name, parent, key) in list
                .query_map([table.name], three_texts)?
                .collect::<Result<Vec<_>, _>>()?
            {
                let Some(column) = table.columns.iter().position(|c| c.name == name) else {
                    continue;
                };
                of_table.push(ForeignKey {
                    column,
                    name,
                    parent,
                    key,
                    values: Some(std::collections::HashSet::default()),
                    bytes: 0,
                    last: Vec::new(),
                });
            }
            keys.push(of_table);
        }
        Ok(References {
            keys,
            bytes: 0,
            budget: REFERENCES_BYTES,
        })
    }

    /// Remembers the references of one row written to table number `table`.
    fn note(&mut self, table: usize, batch: &Batch, slots: &[Slot]) {
        let Some(keys) = self.keys.get_mut(table) else {
            return;
        };
        for fk in keys {
            let Some(values) = fk.values.as_mut() else {
                continue;
            };
            match slots.get(fk.column) {
                Some(&Slot::Text { start, len }) => {
                    let value = batch.text(start..start + len).0;
                    if fk.last == value {
                        continue;
                    }
                    fk.last.clear();
                    fk.last.extend_from_slice(value);
                    if !values.contains(value) {
                        // The value, its box and its slot in the table.
                        let size = value.len() + 64;
                        values.insert(value.into());
                        fk.bytes += size;
                        self.bytes += size;
                    }
                }
                Some(Slot::Null) | None => {}
                Some(_) => {
                    // Not text: left to the scan, which compares as SQLite does.
                    self.bytes -= fk.bytes;
                    fk.values = None;
                }
            }
        }
        // Over the budget: the largest sets go, their tables are scanned instead.
        while self.bytes > self.budget {
            let Some(largest) = self
                .keys
                .iter_mut()
                .flatten()
                .filter(|fk| fk.values.is_some())
                .max_by_key(|fk| fk.bytes)
            else {
                break;
            };
            self.bytes -= largest.bytes;
            largest.values = None;
        }
    }

    /// Checks every reference the import wrote; `written` says which tables it wrote to.
    fn check(&self, conn: &Connection, written: &[bool]) -> Result<(), Error> {
        let mut problems = Vec::new();
        for ((table, keys), &written) in TABLES.iter().zip(&self.keys).zip(written) {
            if !written {
                continue;
            }
            let t = table.name;
            for fk in keys {
                let (column, parent, key) = (&fk.name, &fk.parent, &fk.key);
                let Some(values) = &fk.values else {
                    // Too many values to keep: every row of the table is checked.
                    let mut scan = conn.prepare(&format!(
                        "SELECT c.id, c.\"{column}\" FROM \"{t}\" c WHERE c.\"{column}\" IS NOT NULL \
                         AND c.\"{column}\" NOT IN (SELECT \"{key}\" FROM \"{parent}\") LIMIT 3"
                    ))?;
                    let rows = scan.query_map([], |r| {
                        Ok(format!(
                            "{t} {}: {column} points at a missing {parent} row {}",
                            r.get::<_, String>(0)?,
                            r.get::<_, String>(1)?
                        ))
                    })?;
                    for row in rows {
                        problems.push(row?);
                    }
                    continue;
                };
                let mut exists = conn.prepare(&format!(
                    "SELECT EXISTS (SELECT 1 FROM \"{parent}\" WHERE \"{key}\" = ?1)"
                ))?;
                let mut child = conn.prepare(&format!(
                    "SELECT id FROM \"{t}\" WHERE \"{column}\" = ?1 LIMIT 1"
                ))?;
                // Sorted, so that the first problems named are the same on every run.
                let mut values: Vec<&[u8]> = values.iter().map(|v| &v[..]).collect();
                values.sort_unstable();
                for value in values {
                    let value = Text(value);
                    if exists.query_row([value], |r| r.get::<_, bool>(0))? {
                        continue;
                    }
                    // A later record of the import may have merged the reference away.
                    let Some(id) = child
                        .query_row([value], |r| r.get::<_, String>(0))
                        .optional()?
                    else {
                        continue;
                    };
                    problems.push(format!(
                        "{t} {id}: {column} points at a missing {parent} row {}",
                        String::from_utf8_lossy(value.0)
                    ));
                    if problems.len() >= 5 {
                        break;
                    }
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            problems.truncate(5);
            Err(Error::Integrity(format!(
                "FOREIGN KEY constraint failed ({})",
                problems.join("; ")
            )))
        }
    }
}

/// A fast hash of a short key, eight bytes at a time, then mixed so that every bit of
/// the result depends on every byte. For the Bloom filter of new keys and the sets of
/// referenced values: there is no adversary to fear (the keys come from one archive and
/// decide only which path a row takes or what is looked up), and FNV, a byte at a time,
/// was a twentieth of the writer thread on fb1m.
fn hash_key(seed: u64, bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = seed ^ (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let word = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ word).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    // The finaliser of MurmurHash3.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// [`hash_key`] for the sets of referenced values.
#[derive(Default, Clone, Copy)]
struct KeyHash;

impl std::hash::BuildHasher for KeyHash {
    type Hasher = KeyHasher;
    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(0)
    }
}

struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = hash_key(self.0, bytes);
    }
}

/// How one table is written during an import: a plain insert for a new key, a merge
/// for an existing one.
struct TableWriter<'c> {
    insert: Option<StaticStatement<'c>>,
    /// Inserts `ROWS_AT_ONCE` new rows; only for a table that was empty when the import
    /// began (see [`write_window`]).
    insert_many: Option<StaticStatement<'c>>,
    merge: Option<StaticStatement<'c>>,
    /// For an import older than another of its platform: the merge that keeps the
    /// stored values, and the query of the newest other import that holds a row.
    older: Option<Older<'c>>,
    /// Whether the import wrote to the table.
    written: bool,
}

/// The statements of a table written by an import that is not the newest snapshot.
struct Older<'c> {
    merge: StaticStatement<'c>,
    row_newest: rusqlite::Statement<'c>,
    table: &'static str,
    import_id: String,
    /// `(snapshot time, id)` of this import, as [`super::snapshot::IMPORT_KEY`] spells it.
    key: String,
    /// Rows a newer import holds, whose values were kept.
    kept: u64,
}

impl<'c> TableWriter<'c> {
    fn new(
        conn: &'c Connection,
        table: &'static TableDef,
        older: Option<(&str, &str)>,
    ) -> Result<Self, Error> {
        if table.name == provenance_def().name {
            return Ok(TableWriter {
                insert: None,
                insert_many: None,
                merge: None,
                older: None,
                written: false,
            });
        }
        let older = match (older, merge_sql_as(table, false)) {
            (Some((import_id, key)), Some(sql)) => Some(Older {
                merge: StaticStatement::prepare(conn, &sql)?,
                row_newest: conn.prepare(super::snapshot::ROW_NEWEST)?,
                table: table.name,
                import_id: import_id.to_string(),
                key: key.to_string(),
                kept: 0,
            }),
            _ => None,
        };
        let rowids_before: i64 = conn.query_row(
            &format!("SELECT COALESCE(MAX(rowid), 0) FROM \"{}\"", table.name),
            [],
            |r| r.get(0),
        )?;
        // Rows are known to be new by their first value (see `write_window`), which says
        // so only where that value is part of the key.
        let first_in_key = table
            .columns
            .first()
            .is_some_and(|c| table.key.contains(&c.name));
        let insert_many = if rowids_before == 0 && first_in_key {
            Some(StaticStatement::prepare(
                conn,
                &insert_many_sql(table, ROWS_AT_ONCE),
            )?)
        } else {
            None
        };
        Ok(TableWriter {
            insert: Some(StaticStatement::prepare(conn, &insert_sql(table))?),
            insert_many,
            merge: merge_sql(table)
                .map(|sql| StaticStatement::prepare(conn, &sql))
                .transpose()?,
            older,
            written: false,
        })
    }

    /// Writes one encoded row: inserts it, or merges it into the row with its key.
    fn write(&mut self, batch: &Batch, slots: &[Slot]) -> Result<(), Error> {
        let Some(insert) = self.insert.as_mut() else {
            return Err(Error::Integrity(
                "provenance rows cannot be written directly".into(),
            ));
        };
        self.written = true;
        if insert.execute(params(batch, slots))? == 0
            && let Some(merge) = self.merge.as_mut()
        {
            if let Some(older) = self.older.as_mut() {
                let id = match slots.first() {
                    Some(&Slot::Text { start, len }) => {
                        String::from_utf8_lossy(batch.text(start..start + len).0).into_owned()
                    }
                    _ => String::new(),
                };
                let newest: Option<String> = older
                    .row_newest
                    .query_row([id.as_str(), older.table, older.import_id.as_str()], |r| {
                        r.get(0)
                    })?;
                if newest.is_some_and(|n| n > older.key) {
                    older.merge.execute(params(batch, slots))?;
                    older.kept += 1;
                    return Ok(());
                }
            }
            merge.execute(params(batch, slots))?;
        }
        Ok(())
    }
}

/// Rows in one statement of [`TableWriter::insert_many`].
const ROWS_AT_ONCE: usize = 16;

/// One row's values, to bind in place.
fn params<'b>(batch: &'b Batch, slots: &'b [Slot]) -> impl Iterator<Item = Param<'b>> + 'b {
    slots.iter().map(|slot| match *slot {
        Slot::Null => Param::Null,
        Slot::Int(v) => Param::Int(v),
        Slot::Real(v) => Param::Real(v),
        Slot::Text { start, len } => Param::Text(batch.text(start..start + len).0),
    })
}

/// A fixed-size Bloom filter of the keys an import has written to tables that were empty
/// when it began: a key it has certainly not seen cannot exist yet, so its row can go
/// into a multi-row insert with no conflict to look for. A key it may have seen (a repeat,
/// or a false positive) takes the row-by-row path.
/// Its size is fixed, so memory stays flat; a much larger archive only makes false
/// positives, and with them the row-by-row path, more common.
struct Seen {
    bits: Vec<u64>,
}

impl Seen {
    /// 1 MB: one false positive in about thirty at a million keys.
    const WORDS: usize = 1 << 17;

    fn new() -> Seen {
        Seen {
            bits: vec![0; Self::WORDS],
        }
    }

    /// Whether `key` of table `table` may have been seen; remembers it either way.
    fn check_and_add(&mut self, table: u8, key: &[u8]) -> bool {
        // A hash of the table number and the key, then three probes by double hashing.
        let h = hash_key(u64::from(table), key);
        let step = (h >> 32) | 1;
        let bits = (Self::WORDS * 64) as u64;
        let mut seen = true;
        for i in 0..3u64 {
            let bit = h.wrapping_add(i.wrapping_mul(step)) % bits;
            let (word, mask) = ((bit / 64) as usize, 1u64 << (bit % 64));
            if self.bits[word] & mask == 0 {
                seen = false;
                self.bits[word] |= mask;
            }
        }
        seen
    }
}

/// Entries written by one statement: a multi-row insert spares SQLite most of the work
/// of running a statement, which for these short rows costs about as much as the insert.
const ENTRIES_AT_ONCE: usize = 64;

/// Writes provenance: one `provenance_sources` row per file of the import, then one
/// short `provenance_entries` row per record, numbered in the order the records of the
/// file arrive, many rows per statement.
struct ProvenanceWriter<'c> {
    import_id: String,
    source: rusqlite::Statement<'c>,
    source_id: rusqlite::Statement<'c>,
    /// The number after the last entry of a source.
    last_seq: rusqlite::Statement<'c>,
    /// Whether a source already has an entry for a record at a place.
    known: rusqlite::Statement<'c>,
    /// Inserts one entry.
    entry: StaticStatement<'c>,
    /// Inserts `ENTRIES_AT_ONCE` entries.
    entries: StaticStatement<'c>,
    /// Every file seen so far but the current one.
    sources: std::collections::HashMap<Arc<str>, SourceState>,
    /// The file of the last entry.
    current: Option<(Arc<str>, SourceState)>,
    /// The records of the last entry's place in that file.
    place: Place,
}

/// Records remembered per place, at most.
const PLACE_RECORDS: usize = 64;

/// The records written from one place (locator) of a file so far. A parser writes all
/// records of one place together, so a repeat is found here without remembering more.
#[derive(Default)]
struct Place {
    locator: Vec<u8>,
    /// Entity and the range of its id in `ids`.
    records: Vec<(&'static str, std::ops::Range<usize>)>,
    ids: Vec<u8>,
}

impl Place {
    fn clear(&mut self) {
        self.locator.clear();
        self.records.clear();
        self.ids.clear();
    }

    /// Whether this record was already written from this place; remembers it if not.
    fn repeats(&mut self, locator: Text<'_>, entity: &'static str, id: Text<'_>) -> bool {
        if self.locator != locator.0 {
            self.clear();
            self.locator.extend_from_slice(locator.0);
        }
        let seen = self
            .records
            .iter()
            .any(|(e, range)| *e == entity && self.ids[range.clone()] == *id.0);
        // A place with many records (a whole file under one locator) is not searched
        // record by record: its later repeats get entries of their own.
        if !seen && self.records.len() < PLACE_RECORDS {
            let start = self.ids.len();
            self.ids.extend_from_slice(id.0);
            self.records.push((entity, start..self.ids.len()));
        }
        seen
    }
}

/// A file of the import in `provenance_sources`.
#[derive(Clone, Copy)]
struct SourceState {
    id: i64,
    /// The number of its next entry.
    next: i64,
    /// Made by an earlier import of the same archive: entries may exist already.
    earlier: bool,
}

/// One entry waiting to be written: source, number, entity, entity id, locator.
type Entry<'w> = (i64, i64, &'static str, Text<'w>, Text<'w>);

impl<'c> ProvenanceWriter<'c> {
    fn new(conn: &'c Connection, import_id: &str) -> Result<Self, Error> {
        let insert = |n: usize| {
            let values: Vec<String> = (0..n)
                .map(|i| {
                    let p = i * 5;
                    format!(
                        "(?{}, ?{}, ?{}, ?{}, ?{})",
                        p + 1,
                        p + 2,
                        p + 3,
                        p + 4,
                        p + 5
                    )
                })
                .collect();
            format!(
                "INSERT INTO provenance_entries (source, seq, entity, entity_id, locator)
                 VALUES {}",
                values.join(", ")
            )
        };
        Ok(ProvenanceWriter {
            import_id: import_id.to_string(),
            source: conn.prepare(
                "INSERT INTO provenance_sources (import_id, path) VALUES (?1, ?2)
                 ON CONFLICT (import_id, path) DO NOTHING",
            )?,
            source_id: conn
                .prepare("SELECT id FROM provenance_sources WHERE import_id = ?1 AND path = ?2")?,
            last_seq: conn.prepare(
                "SELECT COALESCE(MAX(seq) + 1, 0) FROM provenance_entries WHERE source = ?1",
            )?,
            known: conn.prepare(
                "SELECT EXISTS (SELECT 1 FROM provenance_entries
                 WHERE entity_id = ?1 AND source = ?2 AND entity = ?3 AND locator = ?4)",
            )?,
            entry: StaticStatement::prepare(conn, &insert(1))?,
            entries: StaticStatement::prepare(conn, &insert(ENTRIES_AT_ONCE))?,
            sources: std::collections::HashMap::new(),
            current: None,
            place: Place::default(),
        })
    }

    /// The source id of a file and the number of its next record; `None` for the same
    /// record again from the same place (a parser that writes one account twice for
    /// one tweet, say), which needs no second entry.
    fn next(
        &mut self,
        path: &Arc<str>,
        entity: &'static str,
        entity_id: Text<'_>,
        locator: Text<'_>,
    ) -> Result<Option<(i64, i64)>, Error> {
        // Records of one file come in long runs that share one `Arc`.
        let same = matches!(&self.current, Some((p, _)) if Arc::ptr_eq(p, path));
        if !same {
            if let Some((p, state)) = self.current.take() {
                self.sources.insert(p, state);
            }
            let state = match self.sources.remove(path) {
                Some(state) => state,
                None => self.source_state(path)?,
            };
            self.current = Some((Arc::clone(path), state));
            self.place.clear();
        }
        if self.place.repeats(locator, entity, entity_id) {
            return Ok(None);
        }
        let Some((_, state)) = self.current.as_mut() else {
            return Err(Error::Integrity("no provenance source".into()));
        };
        if state.earlier
            && self
                .known
                .query_row((entity_id, state.id, entity, locator), |r| {
                    r.get::<_, bool>(0)
                })?
        {
            return Ok(None);
        }
        let position = (state.id, state.next);
        state.next += 1;
        Ok(Some(position))
    }

    /// A file's `provenance_sources` row, made now unless an earlier import of the same
    /// archive made it. Then this import adds only the entries that are not there yet,
    /// numbered after the earlier ones: importing the same archive again adds nothing,
    /// and what an earlier freehold recorded is kept.
    fn source_state(&mut self, path: &Arc<str>) -> Result<SourceState, Error> {
        let made = self.source.execute((self.import_id.as_str(), &**path))?;
        let id = self
            .source_id
            .query_row((self.import_id.as_str(), &**path), |r| r.get(0))?;
        let earlier = made == 0;
        let next = if earlier {
            self.last_seq.query_row([id], |r| r.get(0))?
        } else {
            0
        };
        Ok(SourceState { id, next, earlier })
    }

    /// Writes `entries` and empties the list.
    fn write(&mut self, entries: &mut Vec<Entry<'_>>) -> Result<(), Error> {
        let mut chunks = entries.chunks_exact(ENTRIES_AT_ONCE);
        for chunk in &mut chunks {
            self.entries.execute(entry_params(chunk))?;
        }
        for entry in chunks.remainder() {
            self.entry
                .execute(entry_params(std::slice::from_ref(entry)))?;
        }
        entries.clear();
        Ok(())
    }
}

/// The values of `entries`, five per entry.
fn entry_params<'e>(entries: &'e [Entry<'_>]) -> impl Iterator<Item = Param<'e>> + 'e {
    entries
        .iter()
        .flat_map(|&(source, seq, entity, entity_id, locator)| {
            [
                Param::Int(source),
                Param::Int(seq),
                Param::Text(entity.as_bytes()),
                Param::Text(entity_id.0),
                Param::Text(locator.0),
            ]
        })
}

pub(super) fn write(
    conn: &mut Connection,
    rx: &QueueReceiver,
    mut import: Import,
    progress: &dyn freehold_archive::Progress,
) -> Result<super::Written, Error> {
    // Checked by `References::check` before the commit instead.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let mut guard = TxGuard { conn, open: false };
    let conn = guard.conn;
    conn.execute_batch("BEGIN IMMEDIATE")?;
    guard.open = true;
    // A first import into this (then empty) database may have replaced it while this
    // one waited for the write lock.
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version == crate::db::REPLACED {
        return Err(Error::Replaced);
    }
    let deferred_indexes = defer_indexes(conn)?;
    // Statements per table, in the order of TABLES, for the whole import; provenance is
    // a view, written through `ProvenanceWriter`.
    // An import older than another of its platform keeps the newer snapshot's values.
    let key = import
        .generated_at
        .as_ref()
        .map(|at| format!("{at}|{}", import.id));
    let older_mode = match &key {
        Some(key) => super::snapshot::older_than_another(conn, &import.platform, &import.id, key)?,
        None => false,
    };
    let older = match &key {
        Some(key) if older_mode => Some((import.id.as_str(), key.as_str())),
        _ => None,
    };
    let mut tables = TABLES
        .iter()
        .map(|t| TableWriter::new(conn, t, older))
        .collect::<Result<Vec<_>, _>>()?;
    let mut import_statement = conn.prepare(&upsert_sql(Import::DEF))?;
    upsert(&mut import_statement, &import.cells())?;
    let mut references = References::new(conn)?;
    let mut provenance = ProvenanceWriter::new(conn, &import.id)?;
    let mut window: Vec<Batch> = Vec::new();
    let mut seen = Seen::new();
    let mut write = |window: &mut Vec<Batch>| {
        write_window(
            window,
            &mut tables,
            &mut references,
            &mut provenance,
            &mut seen,
            rx,
        )
    };
    loop {
        match rx.recv() {
            Some(Msg::Batch(batch)) => {
                window.push(batch);
                if window_full(&window) {
                    write(&mut window)?;
                }
            }
            Some(Msg::Finish(finished)) => {
                import.report = Some(finished.report);
                progress.phase("writing");
                write(&mut window)?;
                if import.generated_at.is_none() {
                    // The archive said nothing before the parse: what the parse found,
                    // else the newest record.
                    let (at, source) = match finished.generated_at {
                        Some(at) => (Some(at), "archive"),
                        None => (
                            conn.query_row(super::snapshot::NEWEST_OF_IMPORT, [&import.id], |r| {
                                r.get::<_, Option<String>>(0)
                            })?,
                            "newest-record",
                        ),
                    };
                    if at.is_some() {
                        import.generated_at = at;
                        let mut extra = import.extra.take().unwrap_or_default();
                        extra.insert("snapshot_source".into(), source.into());
                        import.extra = Some(extra);
                    }
                }
                upsert(&mut import_statement, &import.cells())?;
                // Raw records are written without their import (the parser does not know
                // it): it is the oldest snapshot that holds the record, whatever order
                // the snapshots were imported in.
                conn.execute(
                    "UPDATE raw_records SET import_id = (
                         SELECT i.id FROM provenance_entries e
                         JOIN provenance_sources s ON s.id = e.source
                         JOIN imports i ON i.id = s.import_id
                         WHERE e.entity = 'raw_records' AND e.entity_id = raw_records.id
                         ORDER BY COALESCE(i.generated_at, ''), i.id LIMIT 1)
                     WHERE id IN (SELECT e.entity_id FROM provenance_entries e
                                  JOIN provenance_sources s ON s.id = e.source
                                  WHERE s.import_id = ?1 AND e.entity = 'raw_records')",
                    [&import.id],
                )?;
                super::snapshot::end_bounds(conn, &import.platform)?;
                let touched: Vec<&str> = TABLES
                    .iter()
                    .zip(&tables)
                    .filter(|(_, t)| t.written)
                    .map(|(d, _)| d.name)
                    .collect();
                crate::search::refresh(conn, Some(&touched))?;
                drop((import_statement, provenance, window));
                // References first (parent keys are never deferred indexes), so that the
                // values kept for them are freed before the indexes are sorted.
                let written: Vec<bool> = tables.iter().map(|t| t.written).collect();
                let kept_newer: u64 = tables
                    .iter()
                    .filter_map(|t| t.older.as_ref().map(|o| o.kept))
                    .sum();
                let older = older_mode;
                drop(tables);
                progress.phase("checking references");
                references.check(conn, &written)?;
                drop(references);
                crate::memory::release_free_memory();
                // The page cache gives way to the sorter while the indexes are built, so
                // the two together stay within the import's memory.
                conn.pragma_update(None, "cache_size", -CACHE_KIB / 3)?;
                progress.phase("indexing");
                for sql in &deferred_indexes {
                    conn.execute_batch(sql)?;
                }
                conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
                progress.phase("committing");
                conn.execute_batch("COMMIT")?;
                guard.open = false;
                return Ok(super::Written {
                    import_id: import.id,
                    snapshot: import.generated_at,
                    older,
                    kept_newer,
                });
            }
            // The parser stopped without finishing: roll back.
            None => return Err(Error::Archive(freehold_archive::Error::Interrupted)),
        }
    }
}

/// Rows written at once, at most, sorted by table and key (see [`write_window`]).
pub(super) const WINDOW_ROWS: usize = 32 * 1024;

fn window_full(window: &[Batch]) -> bool {
    window.iter().map(Batch::len).sum::<usize>() >= WINDOW_ROWS
        || window.iter().map(Batch::footprint).sum::<usize>() >= WINDOW_BYTES
}

/// Writes the batches of a window in the order of their table and key. Keys that arrive
/// in no order (Facebook's hashed message ids) then reach each B-tree page a few at a
/// time instead of one page read per row. The sort is stable, so records with the same
/// key are still merged in the order the parser sent them: the result is the same as
/// writing in arrival order.
fn write_window(
    window: &mut Vec<Batch>,
    tables: &mut [TableWriter<'_>],
    references: &mut References,
    provenance: &mut ProvenanceWriter<'_>,
    seen: &mut Seen,
    queue: &QueueReceiver,
) -> Result<(), Error> {
    // Provenance first, in arrival order: each file's records are numbered as they
    // came, and the entries append to the table.
    let rows: usize = window.iter().map(Batch::len).sum();
    let mut entries: Vec<Entry<'_>> = Vec::with_capacity(rows);
    let mut order: Vec<(u8, Text<'_>, u32, u32)> = Vec::with_capacity(rows);
    for (b, batch) in window.iter().enumerate() {
        for (r, row) in batch.rows.iter().enumerate() {
            let key = match batch.slots.get(row.cells.start as usize) {
                Some(&Slot::Text { start, len }) => batch.text(start..start + len),
                _ => Text(b""),
            };
            let Some(def) = TABLES.get(usize::from(row.table)) else {
                return Err(Error::Integrity(format!(
                    "a parser sent a row for table number {}, which cannot be written",
                    row.table
                )));
            };
            if let Some(path) = batch.paths.get(row.path as usize) {
                let locator = batch.text(row.locator.clone());
                if let Some((source, seq)) = provenance.next(path, def.name, key, locator)? {
                    entries.push((source, seq, def.name, key, locator));
                }
            }
            // References too, in arrival order, where runs share their values.
            let slots = &batch.slots[row.cells.start as usize..row.cells.end as usize];
            references.note(usize::from(row.table), batch, slots);
            order.push((row.table, key, offset(b), offset(r)));
        }
    }
    provenance.write(&mut entries)?;
    drop(entries);
    order.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    // Rows certainly new to a table that was empty at the start go in groups of
    // `ROWS_AT_ONCE`; the others one by one, after the group before them.
    let mut group: Vec<(u32, u32)> = Vec::with_capacity(ROWS_AT_ONCE);
    let mut group_table = 0usize;
    for (table_number, key, b, r) in order {
        let table = usize::from(table_number);
        if table != group_table {
            write_group(window, tables, group_table, &mut group)?;
            group_table = table;
        }
        let Some(writer) = tables.get_mut(table) else {
            return Err(Error::Integrity(format!(
                "a parser sent a row for table number {table}, which cannot be written"
            )));
        };
        let certainly_new = writer.insert_many.is_some()
            && !key.0.is_empty()
            && !seen.check_and_add(table_number, key.0);
        if certainly_new {
            group.push((b, r));
            if group.len() == ROWS_AT_ONCE {
                write_group(window, tables, table, &mut group)?;
            }
            continue;
        }
        write_group(window, tables, table, &mut group)?;
        let batch = &window[b as usize];
        let row = &batch.rows[r as usize];
        let slots = &batch.slots[row.cells.start as usize..row.cells.end as usize];
        tables[table].write(batch, slots)?;
    }
    write_group(window, tables, group_table, &mut group)?;
    queue.written(window);
    window.clear();
    // The window's batches are freed: give their memory (and the parser threads' free
    // memory) back, so it does not pile up in the allocator's arenas.
    crate::memory::release_free_memory();
    Ok(())
}

/// Writes a group of rows that are new to their table: in one statement when the group is
/// full, else one by one (still certain to insert, so nothing is merged).
fn write_group(
    window: &[Batch],
    tables: &mut [TableWriter<'_>],
    table: usize,
    group: &mut Vec<(u32, u32)>,
) -> Result<(), Error> {
    if group.is_empty() {
        return Ok(());
    }
    let Some(writer) = tables.get_mut(table) else {
        return Err(Error::Integrity(format!(
            "a parser sent a row for table number {table}, which cannot be written"
        )));
    };
    let slots_of = |&(b, r): &(u32, u32)| {
        let batch = &window[b as usize];
        let row = &batch.rows[r as usize];
        (
            batch,
            &batch.slots[row.cells.start as usize..row.cells.end as usize],
        )
    };
    match writer.insert_many.as_mut() {
        Some(many) if group.len() == ROWS_AT_ONCE => {
            many.execute(group.iter().flat_map(|row| {
                let (batch, slots) = slots_of(row);
                params(batch, slots)
            }))?;
            writer.written = true;
        }
        _ => {
            for row in group.iter() {
                let (batch, slots) = slots_of(row);
                writer.write(batch, slots)?;
            }
        }
    }
    group.clear();
    Ok(())
}

fn upsert(statement: &mut rusqlite::Statement<'_>, cells: &[Cell<'_>]) -> Result<(), Error> {
    statement.execute(rusqlite::params_from_iter(cells.iter().map(SqlCell)))?;
    Ok(())
}

struct SqlCell<'a>(&'a Cell<'a>);

impl ToSql for SqlCell<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self.0 {
            Cell::Null => ValueRef::Null,
            Cell::Int(i) => ValueRef::Integer(*i),
            Cell::Real(f) => ValueRef::Real(*f),
            Cell::Text(s) => ValueRef::Text(s.as_bytes()),
        }))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use freehold_model::{Post, Record, TABLES};

    use super::{Batch, References, Seen};

    /// A reference to a missing row is found by the lookup of the values kept, and by
    /// the scan a foreign key falls back to when its values outgrow the budget.
    #[test]
    fn a_dangling_reference_is_found_within_and_over_the_budget() {
        let store = crate::Store::in_memory().unwrap();
        let conn = &store.conn;
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO accounts (id, platform) VALUES ('tw:account:1', 'twitter');",
        )
        .unwrap();
        let posts = [
            ("tw:post:1", "tw:account:1"),
            ("tw:post:2", "tw:account:gone"),
        ];
        let mut batch = Batch::default();
        let path: Arc<str> = Arc::from("data/tweets.js");
        for (id, author) in posts {
            conn.execute(
                "INSERT INTO posts (id, platform, kind, author_account) VALUES (?1, 'twitter', 'tweet', ?2)",
                (id, author),
            )
            .unwrap();
            let post = Post {
                id: id.into(),
                platform: "twitter".into(),
                kind: "tweet".into(),
                author_account: Some(author.into()),
                ..Post::default()
            };
            batch.push(&Record::Post(post), &path, "[0]");
        }
        let table = TABLES.iter().position(|t| t.name == "posts").unwrap();
        let written: Vec<bool> = (0..TABLES.len()).map(|t| t == table).collect();
        let noted = |budget: usize| {
            let mut references = References::new(conn).unwrap();
            references.budget = budget;
            for row in &batch.rows {
                let slots = &batch.slots[row.cells.start as usize..row.cells.end as usize];
                references.note(usize::from(row.table), &batch, slots);
            }
            references
        };
        for budget in [usize::MAX, 0] {
            let references = noted(budget);
            let author = references.keys[table]
                .iter()
                .find(|fk| fk.name == "author_account")
                .unwrap();
            assert_eq!(author.values.is_some(), budget > 0);
            let err = references.check(conn, &written).unwrap_err().to_string();
            assert!(
                err.contains(
                    "posts tw:post:2: author_account points at a missing accounts row tw:account:gone"
                ),
                "{err}"
            );
            assert!(!err.contains("tw:post:1"), "{err}");
        }
        // A value no row holds any more (a later record merged it away) is no problem.
        conn.execute_batch("UPDATE posts SET author_account = 'tw:account:1'")
            .unwrap();
        for budget in [usize::MAX, 0] {
            noted(budget).check(conn, &written).unwrap();
        }
        conn.execute_batch(
            "UPDATE posts SET author_account = 'tw:account:gone' WHERE id = 'tw:post:2'",
        )
        .unwrap();
        // With the missing account there, both pass.
        conn.execute_batch(
            "INSERT INTO accounts (id, platform) VALUES ('tw:account:gone', 'twitter')",
        )
        .unwrap();
        for budget in [usize::MAX, 0] {
            noted(budget).check(conn, &written).unwrap();
        }
    }

    #[test]
    fn a_key_is_new_once_per_table() {
        let mut seen = Seen::new();
        assert!(!seen.check_and_add(3, b"fb:message:1"));
        assert!(seen.check_and_add(3, b"fb:message:1"));
        assert!(!seen.check_and_add(4, b"fb:message:1"), "another table");
        // Ten thousand distinct keys: none of them is taken for a repeat of another
        // here (false positives are rare at this size), and each is a repeat after.
        let keys: Vec<String> = (0..10_000).map(|i| format!("tw:post:{i}")).collect();
        let fresh = keys
            .iter()
            .filter(|k| !seen.check_and_add(1, k.as_bytes()))
            .count();
        assert!(fresh >= 9_990, "{fresh}");
        assert!(keys.iter().all(|k| seen.check_and_add(1, k.as_bytes())));
    }
}
