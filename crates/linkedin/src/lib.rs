#![doc = include_str!("../README.md")]
//!
//! ## Overview
//!
//! LinkedIn "Download your data" exports of every era (2015 – 2026), parsed into the
//! freehold model.
//!
//! | era | recognised by | layout |
//! |---|---|---|
//! | 2015 – mid-2021 | `Connections.csv` without preamble or URL; `messages.csv` with `DIRECTION` | `linkedin/classic-2015` |
//! | mid-2021 – mid-2023 | the `Notes:` preamble in `Connections.csv`, no `URL` column | `linkedin/notes-2021` |
//! | mid-2023 – early 2026 | a `URL` column in `Connections.csv`, `RECIPIENT PROFILE URLS` | `linkedin/url-2023` |
//! | March 2026 – | `messages.csv` fully double-quoted, `_<member id>` file suffixes | `linkedin/quoted-2026` |
//!
//! Files are matched case-insensitively, ignoring spaces, underscores and a trailing
//! `_<digits>`; columns are mapped by name, never by position, and unknown columns go to
//! `extra`. CSV is read with a real RFC 4180 reader, streamed row by row, in UTF-8 (with
//! or without BOM), UTF-16 (Excel re-saves, tab-separated) or Windows-1252. Every date
//! format of every era is parsed to honest time; a date in no known format keeps its
//! text in `extra` and gets a diagnostic with file and line, and the row is kept. See
//! `docs/platforms/linkedin.md` for the mapping of each file to tables.

pub use detect::Layout;
pub use platform::{LinkedIn, parse_path};

/// The archive crate this parser reads with (`Archive`, `Report`, `Diagnostic`, …), in
/// the version it was built with.
pub use freehold_archive as archive;
/// The model crate whose records this parser makes (`Record` and the row types), in the
/// version it was built with.
pub use freehold_model as model;

mod activity;
mod date;
mod detect;
mod kind;
mod messages;
mod network;
mod people;
mod platform;
mod profile;
mod state;
mod util;
mod vocab;
