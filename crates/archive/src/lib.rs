#![doc = include_str!("../README.md")]
//!
//! ## Overview
//!
//! Reading export archives for freehold.
//!
//! An [`Archive`] is a zip file or a folder (possibly holding one wrapper folder), read
//! one entry at a time. Every platform parser implements [`Platform`]: it detects an
//! archive by content and parses it into a [`RecordSink`], reporting problems as
//! [`Diagnostic`]s with file and position and each file's fate in the [`Report`].
//!
//! ```no_run
//! use freehold_archive::{Archive, ParseContext, Platform, detect};
//! # fn platforms() -> Vec<&'static dyn Platform> { Vec::new() }
//!
//! let archive = Archive::open("export.zip".as_ref())?;
//! let platforms = platforms();
//! if let Some((platform, detection)) = detect(&platforms, &archive) {
//!     let mut records = Vec::new();
//!     let mut cx = ParseContext::new(&mut records);
//!     platform.parse(&archive, &detection, &mut cx)?;
//!     let report = cx.finish(&archive, &detection);
//!     println!("{} records, {} diagnostics", records.len(), report.diagnostics.len());
//! }
//! # Ok::<(), freehold_archive::Error>(())
//! ```

pub use archive::{Archive, Entry, JunkEntry, normalise};
pub use error::Error;
pub use layout::{AnyLayout, PlatformLayout};
pub use limits::Limits;
pub use parallel::Push;
pub use parse::parse_path;
pub use platform::{Detection, FileSink, ParseContext, Platform, detect};
pub use progress::{CountingReader, NoProgress, Progress};
pub use raw::keep_unmapped;
pub use report::{Diagnostic, Fate, FileReport, MAX_DIAGNOSTICS, Report, Severity};
pub use sink::{Part, RecordSink, SplitSink};

mod archive;
pub mod codes;
pub mod csv;
mod error;
pub mod json;
mod layout;
mod limits;
pub mod media;
mod parallel;
mod parse;
mod platform;
mod progress;
mod raw;
mod report;
pub mod roots;
mod sink;
pub mod snapshot;
pub mod sniff;
pub mod text;
pub mod value;
