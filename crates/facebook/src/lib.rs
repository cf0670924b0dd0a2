#![doc = include_str!("../README.md")]
//!
//! ## Overview
//!
//! Facebook "Download Your Information" exports of every era, parsed into the freehold
//! model, with Meta's mojibake repaired.
//!
//! | era | recognised by | layout |
//! |---|---|---|
//! | JSON 2018 – 2020 | `profile_information/`, `friends/`, `posts/your_posts.json`, bare keys | `facebook/json-2018` |
//! | JSON 2021 – 2023 | `friends_and_followers/`, `comments_and_reactions/`, `profile_v2` | `facebook/json-2021` |
//! | JSON 2024 on | `your_facebook_activity/`, `connections/`, `personal_information/` | `facebook/json-2024` |
//! | JSON 2025/2026 | `this_profile's_activity_across_facebook/` | `facebook/json-2026` |
//! | HTML 2018 – 2021 | `uiBoxWhite` markup | `facebook/html-uibox` |
//! | HTML 2022 on | `_a6-g` markup | `facebook/html-a6g` |
//! | Messenger secure storage | camelCase `threadName`/`senderName` threads | `facebook/messenger-secure-storage` |
//!
//! Files are read by what they hold (their top-level keys, with or without `_v2`/`_v3`),
//! not by where they sit, so renamed folders and the apostrophe variants of file names
//! (`'`, `_`, `’`) are all read. Every string and key is repaired with
//! [`mojibake::repair`]. Other people have no ids in these exports: an account id is a
//! hash of the normalised name within the owner's archive. See
//! `docs/platforms/facebook.md` for the mapping of each file to tables.

pub use detect::{EXPORT_ROOTS, Layout};
pub use parts::{export_key, group_parts};
pub use platform::{Facebook, parse_path};

/// The archive crate this parser reads with (`Archive`, `Report`, `Diagnostic`, …), in
/// the version it was built with.
pub use freehold_archive as archive;
/// The model crate whose records this parser makes (`Record` and the row types), in the
/// version it was built with.
pub use freehold_model as model;

mod detect;
mod html;
mod media;
mod messenger;
pub mod mojibake;
mod parts;
mod platform;
mod posts;
mod social;
mod state;
mod util;
