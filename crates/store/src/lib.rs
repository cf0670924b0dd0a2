#![doc = include_str!("../README.md")]
//!
//! ## Overview
//!
//! SQLite storage and JSON export for the freehold model.
//!
//! [`Store::import`] runs a platform parser on an archive and writes its records in one
//! transaction per archive: a parser thread and a writer thread joined by a queue
//! bounded by bytes. Rows are upserted by id, so importing the same archive again changes nothing
//! and overlapping archives give the union once. [`Store::export_json`] and
//! [`Store::export_ndjson`] read the database back out.
//!
//! ```no_run
//! use freehold_archive::{Archive, Platform, detect};
//! use freehold_store::{ImportOptions, Store};
//! # fn platforms() -> Vec<&'static dyn Platform> { Vec::new() }
//!
//! let mut store = Store::open("freehold.sqlite".as_ref())?;
//! let archive = Archive::open("twitter.zip".as_ref())?;
//! let (platform, detection) = detect(&platforms(), &archive).expect("a known archive");
//! let outcome = store.import(&archive, platform, &detection, &ImportOptions::default())?;
//! println!("{} records", outcome.report.total_records());
//! store.export_json(&mut std::io::stdout())?;
//! # Ok::<(), freehold_store::Error>(())
//! ```

pub use db::{SCHEMA_SQL, Store};
pub use error::{DatabaseError, Error};
/// The archive crate [`Store::import`] reads with, in the version it was built with.
pub use freehold_archive as archive;
/// The model crate whose rows the store holds, in the version it was built with.
pub use freehold_model as model;
pub use media::{copy_content_addressed, stored_media_path};
pub use memory::limit_allocator_arenas;
pub use people::PeopleTables;
pub use read::{PostFilter, PostOrder, PostView, ReadSnapshot};
pub use search::{Hit, SearchFilter};
pub use writer::{ImportOptions, ImportOutcome};

mod db;
mod error;
mod export;
pub use export::RowTransform;
mod media;
mod memory;
pub mod output;
mod people;
mod read;
mod search;
mod writer;
