//! Records encoded for the writer thread: cells in one byte buffer per batch.

use std::sync::Arc;

use freehold_model::{Cell, Record};

/// Records per batch sent to the writer.
pub(super) const BATCH: usize = 1024;
/// Bytes of text per batch, at most: a batch of large records is sent early, so the
/// batches queued for the writer hold a few tens of MB at worst. (A single larger record
/// makes a batch of its own; every offset stays far below `u32::MAX`.)
pub(super) const BATCH_BYTES: usize = 1 << 20;

/// One value of an encoded row; text lives in the batch's byte buffer.
#[derive(Clone, Copy)]
pub(super) enum Slot {
    Null,
    Int(i64),
    Real(f64),
    Text { start: u32, len: u32 },
}

/// One encoded record: its table, its cells and where it came from.
pub(super) struct RowRef {
    pub(super) table: u8,
    pub(super) cells: std::ops::Range<u32>,
    pub(super) path: u32,
    pub(super) locator: std::ops::Range<u32>,
}

/// Records encoded by the parser thread so that the writer thread only binds values:
/// the writer neither allocates nor frees per record, and a batch is freed as one.
#[derive(Default)]
pub(super) struct Batch {
    pub(super) rows: Vec<RowRef>,
    pub(super) slots: Vec<Slot>,
    pub(super) text: Vec<u8>,
    pub(super) paths: Vec<Arc<str>>,
}

impl Batch {
    pub(super) fn with_capacity(rows: usize) -> Self {
        Batch {
            rows: Vec::with_capacity(rows),
            slots: Vec::with_capacity(rows * 12),
            text: Vec::with_capacity(rows * 256),
            paths: Vec::new(),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.rows.len()
    }

    pub(super) fn is_full(&self) -> bool {
        self.rows.len() >= BATCH || self.text.len() >= BATCH_BYTES
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.rows.shrink_to_fit();
        self.slots.shrink_to_fit();
        self.text.shrink_to_fit();
    }

    /// Bytes this batch holds.
    pub(super) fn footprint(&self) -> usize {
        self.rows.capacity() * std::mem::size_of::<RowRef>()
            + self.slots.capacity() * std::mem::size_of::<Slot>()
            + self.text.capacity()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub(super) fn push_text(&mut self, text: &str) -> Slot {
        let start = offset(self.text.len());
        self.text.extend_from_slice(text.as_bytes());
        Slot::Text {
            start,
            len: offset(text.len()),
        }
    }

    pub(super) fn push(&mut self, record: &Record, path: &Arc<str>, locator: &str) {
        let first = offset(self.slots.len());
        for cell in record.cells() {
            let slot = match cell {
                Cell::Null => Slot::Null,
                Cell::Int(i) => Slot::Int(i),
                Cell::Real(f) => Slot::Real(f),
                Cell::Text(t) => self.push_text(&t),
            };
            self.slots.push(slot);
        }
        if self.paths.last().is_none_or(|p| !Arc::ptr_eq(p, path)) {
            self.paths.push(Arc::clone(path));
        }
        let locator_start = offset(self.text.len());
        self.text.extend_from_slice(locator.as_bytes());
        self.rows.push(RowRef {
            table: u8::try_from(record.table_index()).unwrap_or(u8::MAX),
            cells: first..offset(self.slots.len()),
            path: offset(self.paths.len() - 1),
            locator: locator_start..offset(self.text.len()),
        });
    }

    /// The UTF-8 bytes of one text value. Only whole `&str`s are copied in, so every
    /// range holds valid UTF-8; the writer binds the bytes as text without checking them
    /// again (that check cost about a twentieth of the writer thread's time).
    pub(super) fn text(&self, range: std::ops::Range<u32>) -> Text<'_> {
        Text(&self.text[range.start as usize..range.end as usize])
    }
}

/// UTF-8 text inside a batch, bound to SQLite as text.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Text<'a>(pub(super) &'a [u8]);

impl rusqlite::ToSql for Text<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(rusqlite::types::ToSqlOutput::Borrowed(
            rusqlite::types::ValueRef::Text(self.0),
        ))
    }
}

/// A length or offset inside one batch; batches stay far below 4 GiB because a single
/// record is bounded by the archive limits.
pub(super) fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
