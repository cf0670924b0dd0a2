#![doc = include_str!("../README.md")]
//!
//! ## Overview
//!
//! The normalised freehold data model.
//!
//! One model, written three ways that must agree: these Rust types, the SQL schema
//! (`schemas/freehold.sql`) and the JSON Schema (`schemas/freehold.schema.json`, generated
//! by [`json_schema`]). Every table is described once, in [`TABLES`]; the row structs, the
//! [`Record`] enum and the schemas all come from that description.

pub use records::{
    Account, Album, Attachment, Conversation, ConversationMember, Event, Experience, Group,
    GroupMember, Import, Media, Message, Person, PersonAccount, PersonDecision, PersonLink, Post,
    PostEntity, ProfileField, Provenance, RawRecord, Reaction, Record, Relationship, TABLES,
};
pub use schema::{SCHEMA_VERSION, datasette_metadata, json_schema, schema_markdown};
pub use table::{Cell, CellType, ColumnDef, ColumnKind, Merge, Row, TableDef};

pub mod id;
pub mod markup;
mod records;
mod schema;
mod table;
pub mod time;

/// Source fields that the model has no column for, kept as a JSON object.
pub type Extra = Option<serde_json::Map<String, serde_json::Value>>;
