//! Table metadata: the one description of every table that the SQL schema, the JSON
//! Schema and the store are checked against.

use std::borrow::Cow;

/// The storage class of one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// UTF-8 text (`TEXT` in SQLite, `string` in JSON).
    Text,
    /// A signed 64-bit integer (`INTEGER`, `integer`).
    Integer,
    /// A 64-bit float (`REAL`, `number`).
    Real,
    /// A boolean (`INTEGER` 0/1 in SQLite, `boolean` in JSON).
    Bool,
    /// A JSON object (`TEXT` holding JSON in SQLite, `object` in JSON).
    Json,
}

impl ColumnKind {
    /// The SQLite type name used in `schemas/freehold.sql`.
    pub fn sql_type(self) -> &'static str {
        match self {
            ColumnKind::Text | ColumnKind::Json => "TEXT",
            ColumnKind::Integer | ColumnKind::Bool => "INTEGER",
            ColumnKind::Real => "REAL",
        }
    }

    /// The JSON Schema type name.
    pub fn json_type(self) -> &'static str {
        match self {
            ColumnKind::Text => "string",
            ColumnKind::Integer => "integer",
            ColumnKind::Real => "number",
            ColumnKind::Bool => "boolean",
            ColumnKind::Json => "object",
        }
    }
}

/// How a column is merged when a row with the same key is written again (a re-import or
/// an overlapping archive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// A new non-null value replaces the old one; a null never erases a value.
    Replace,
    /// The first non-null value is kept (for example `imports.imported_at`).
    KeepFirst,
    /// The larger value wins (booleans such as `is_owner`: once true, stays true).
    Max,
    /// JSON objects are merged key by key (RFC 7396), new keys win.
    JsonPatch,
}

/// One column of a table.
#[derive(Debug, Clone, Copy)]
pub struct ColumnDef {
    /// Column name, identical in Rust, SQL and JSON.
    pub name: &'static str,
    /// Storage class.
    pub kind: ColumnKind,
    /// Whether the column may be null.
    pub nullable: bool,
    /// How the column is merged on conflict.
    pub merge: Merge,
    /// Documentation, from the Rust doc comment.
    pub doc: &'static str,
}

/// One table of the model.
#[derive(Debug, Clone, Copy)]
pub struct TableDef {
    /// Table name (SQLite table and JSON array name).
    pub name: &'static str,
    /// Documentation, from the Rust doc comment.
    pub doc: &'static str,
    /// The columns that identify a row (primary key).
    pub key: &'static [&'static str],
    /// All columns in declaration order.
    pub columns: &'static [ColumnDef],
}

impl TableDef {
    /// The column called `name`, if any.
    pub fn column(&self, name: &str) -> Option<&ColumnDef> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// One value ready to be written to a store.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// SQL NULL / JSON null.
    Null,
    /// An integer (booleans are 0 and 1).
    Int(i64),
    /// A float.
    Real(f64),
    /// Text (JSON objects are serialised to text).
    Text(Cow<'a, str>),
}

/// A Rust type that can be stored in a column.
pub trait CellType {
    /// Storage class of the column.
    const KIND: ColumnKind;
    /// Whether the column is nullable.
    const NULLABLE: bool;
    /// The value as a cell.
    fn to_cell(&self) -> Cell<'_>;
    /// The value read back from a cell; `None` when the cell cannot hold this type.
    fn from_cell(cell: Cell<'_>) -> Option<Self>
    where
        Self: Sized;
}

impl CellType for String {
    const KIND: ColumnKind = ColumnKind::Text;
    const NULLABLE: bool = false;
    fn to_cell(&self) -> Cell<'_> {
        Cell::Text(Cow::Borrowed(self))
    }
    fn from_cell(cell: Cell<'_>) -> Option<Self> {
        match cell {
            Cell::Text(t) => Some(t.into_owned()),
            Cell::Int(n) => Some(n.to_string()),
            Cell::Real(x) => Some(x.to_string()),
            Cell::Null => None,
        }
    }
}

impl CellType for Option<String> {
    const KIND: ColumnKind = ColumnKind::Text;
    const NULLABLE: bool = true;
    fn to_cell(&self) -> Cell<'_> {
        match self {
            Some(s) => Cell::Text(Cow::Borrowed(s)),
            None => Cell::Null,
        }
    }
    fn from_cell(cell: Cell<'_>) -> Option<Self> {
        Some(match cell {
            Cell::Null => None,
            other => Some(String::from_cell(other)?),
        })
    }
}

impl CellType for i64 {
    const KIND: ColumnKind = ColumnKind::Integer;
    const NULLABLE: bool = false;
    fn to_cell(&self) -> Cell<'_> {
        Cell::Int(*self)
    }
    fn from_cell(cell: Cell<'_>) -> Option<Self> {
        match cell {
            Cell::Int(n) => Some(n),
            _ => None,
        }
    }
}

impl CellType for Option<i64> {
    const KIND: ColumnKind = ColumnKind::Integer;
    const NULLABLE: bool = true;
    fn to_cell(&self) -> Cell<'_> {
        self.map_or(Cell::Null, Cell::Int)
    }
    fn from_cell(cell: Cell<'_>) -> Option<Self> {
        match cell {
            Cell::Null => Some(None),
            Cell::Int(n) => Some(Some(n)),
            _ => None,
        }
    }
}

impl CellType for Option<f64> {
    const KIND: ColumnKind = ColumnKind::Real;
    const NULLABLE: bool = true;
    fn to_cell(&self) -> Cell<'_> {
        self.map_or(Cell::Null, Cell::Real)
    }
    fn from_cell(cell: Cell<'_>) -> Option<Self> {
        match cell {
            Cell::Null => Some(None),
            Cell::Real(x) => Some(Some(x)),
            #[allow(clippy::cast_precision_loss)]
            Cell::Int(n) => Some(Some(n as f64)),
            Cell::Text(_) => None,
        }
    }
}

impl CellType for bool {
    const KIND: ColumnKind = ColumnKind::Bool;
    const NULLABLE: bool = false;
    fn to_cell(&self) -> Cell<'_> {
        Cell::Int(i64::from(*self))
    }
    fn from_cell(cell: Cell<'_>) -> Option<Self> {
        match cell {
            Cell::Int(n) => Some(n != 0),
            _ => None,
        }
    }
}

impl CellType for crate::Extra {
    const KIND: ColumnKind = ColumnKind::Json;
    const NULLABLE: bool = true;
    fn to_cell(&self) -> Cell<'_> {
        match self {
            Some(map) if !map.is_empty() => {
                Cell::Text(Cow::Owned(serde_json::to_string(map).unwrap_or_default()))
            }
            _ => Cell::Null,
        }
    }
    fn from_cell(cell: Cell<'_>) -> Option<Self> {
        match cell {
            Cell::Null => Some(None),
            Cell::Text(t) => match serde_json::from_str::<serde_json::Value>(&t) {
                Ok(serde_json::Value::Object(map)) => Some(Some(map)),
                // Not an object: kept under one key rather than lost.
                Ok(other) => Some(Some(serde_json::Map::from_iter([(
                    "value".to_string(),
                    other,
                )]))),
                Err(_) => Some(Some(serde_json::Map::from_iter([(
                    "value".to_string(),
                    serde_json::Value::String(t.into_owned()),
                )]))),
            },
            _ => None,
        }
    }
}

/// A row of one table of the model.
pub trait Row {
    /// The table's metadata.
    const DEF: &'static TableDef;
    /// The row's values, in the order of `DEF.columns`.
    fn cells(&self) -> Vec<Cell<'_>>;
    /// The row read back from its values in the order of `DEF.columns`; the error names
    /// the first column that does not fit.
    fn from_cells<'a>(cells: impl IntoIterator<Item = Cell<'a>>) -> Result<Self, String>
    where
        Self: Sized;
}

/// Defines the model's row structs, their [`Row`] impls, the [`Record`](crate::Record)
/// enum and [`TABLES`](crate::TABLES) from one list, so the three cannot disagree.
macro_rules! tables {
    ($(
        $(#[doc = $tdoc:literal])*
        $name:ident => $table:literal, key($($key:literal),+) {
            $(
                $(#[doc = $fdoc:literal])*
                $field:ident : $ty:ty $(=> $merge:ident)?
            ),* $(,)?
        }
    )*) => {
        $(
            $(#[doc = $tdoc])*
            #[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
            pub struct $name {
                $(
                    $(#[doc = $fdoc])*
                    pub $field: $ty,
                )*
            }

            impl $crate::table::Row for $name {
                const DEF: &'static $crate::table::TableDef = &$crate::table::TableDef {
                    name: $table,
                    doc: concat!($($tdoc, "\n"),*),
                    key: &[$($key),+],
                    columns: &[$(
                        $crate::table::ColumnDef {
                            name: stringify!($field),
                            kind: <$ty as $crate::table::CellType>::KIND,
                            nullable: <$ty as $crate::table::CellType>::NULLABLE,
                            merge: tables!(@merge <$ty as $crate::table::CellType>::KIND $(, $merge)?),
                            doc: concat!($($fdoc, "\n"),*),
                        },
                    )*],
                };
                fn cells(&self) -> Vec<$crate::table::Cell<'_>> {
                    use $crate::table::CellType;
                    vec![$(self.$field.to_cell()),*]
                }
                fn from_cells<'a>(
                    cells: impl IntoIterator<Item = $crate::table::Cell<'a>>,
                ) -> Result<Self, String> {
                    use $crate::table::CellType;
                    let mut cells = cells.into_iter();
                    Ok($name {
                        $(
                            $field: <$ty as CellType>::from_cell(
                                cells.next().unwrap_or($crate::table::Cell::Null),
                            )
                            .ok_or_else(|| {
                                concat!($table, ".", stringify!($field), " does not hold a value of its type").to_string()
                            })?,
                        )*
                    })
                }
            }

            impl From<$name> for Record {
                fn from(row: $name) -> Record {
                    Record::$name(row)
                }
            }
        )*

        /// The tables, in the order of [`TABLES`](crate::TABLES).
        #[derive(Clone, Copy)]
        enum TableId {
            $($name,)*
        }

        /// One row of any table: what a parser pushes into a
        /// [`RecordSink`](https://docs.rs/freehold-archive).
        ///
        /// New tables add variants in minor versions: a `match` outside this crate needs
        /// a `_` arm.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum Record {
            $(
                #[doc = concat!("A row of `", $table, "`.")]
                $name($name),
            )*
        }

        impl Record {
            /// The table this record belongs to.
            pub fn def(&self) -> &'static $crate::table::TableDef {
                use $crate::table::Row;
                match self {
                    $(Record::$name(_) => $name::DEF,)*
                }
            }

            /// The position of this record's table in [`TABLES`](crate::TABLES).
            pub fn table_index(&self) -> usize {
                match self {
                    $(Record::$name(_) => TableId::$name as usize,)*
                }
            }

            /// The record's values in column order.
            pub fn cells(&self) -> Vec<$crate::table::Cell<'_>> {
                use $crate::table::Row;
                match self {
                    $(Record::$name(r) => r.cells(),)*
                }
            }

            /// The record as a JSON object with the column names as keys.
            pub fn to_json(&self) -> serde_json::Value {
                match self {
                    $(Record::$name(r) => serde_json::to_value(r).unwrap_or_default(),)*
                }
            }
        }

        /// Every table of the model, in the order they are created and exported.
        pub static TABLES: &[&$crate::table::TableDef] = &[
            $(<$name as $crate::table::Row>::DEF,)*
        ];
    };
    (@merge $kind:expr) => {
        match $kind {
            $crate::table::ColumnKind::Bool => $crate::table::Merge::Max,
            $crate::table::ColumnKind::Json => $crate::table::Merge::JsonPatch,
            _ => $crate::table::Merge::Replace,
        }
    };
    (@merge $kind:expr, $merge:ident) => {
        $crate::table::Merge::$merge
    };
}

pub(crate) use tables;

#[cfg(test)]
mod tests {
    use crate::{Account, Message, Post, Provenance, Record, TABLES};

    #[test]
    fn rows_read_back_from_their_cells() {
        use crate::Row;
        let mut extra = serde_json::Map::new();
        extra.insert("k".into(), serde_json::json!([1, "x"]));
        let post = Post {
            id: "tw:post:1".into(),
            platform: "twitter".into(),
            kind: "tweet".into(),
            text: Some("hé".into()),
            latitude: Some(52.5),
            extra: Some(extra),
            ..Post::default()
        };
        let cells: Vec<_> = post
            .cells()
            .into_iter()
            .map(|c| match c {
                crate::Cell::Text(t) => crate::Cell::Text(std::borrow::Cow::Owned(t.into_owned())),
                other => other,
            })
            .collect();
        assert_eq!(Post::from_cells(cells).unwrap(), post);
        let account = Account {
            id: "a".into(),
            platform: "x".into(),
            is_owner: true,
            ..Account::default()
        };
        assert_eq!(Account::from_cells(account.cells()).unwrap(), account);
        assert!(Account::from_cells(vec![crate::Cell::Null]).is_err());
    }

    #[test]
    fn table_index_is_the_position_in_tables() {
        let records: Vec<Record> = vec![
            Account::default().into(),
            Post::default().into(),
            Message::default().into(),
            Provenance::default().into(),
        ];
        for record in records {
            assert_eq!(TABLES[record.table_index()].name, record.def().name);
        }
    }
}
