#![doc = include_str!("../README.md")]
//!
//! ## Overview
//!
//! Twitter/X account archives of every era, parsed into the freehold model.
//!
//! | era | recognised by | layout |
//! |---|---|---|
//! | Grailbird (2012 – early 2019) | `Grailbird.data.tweets_YYYY_MM = [...]` files | `twitter/grailbird` |
//! | Grailbird, CSV only | a `tweets.csv` with a `tweet_id` column | `twitter/grailbird-csv` |
//! | YTD at the root (2019) | `window.YTD.*` files at the archive root | `twitter/ytd-root` |
//! | YTD in `data/`, singular (2020 – 2022) | `window.YTD.tweet.partN` | `twitter/ytd-data-singular` |
//! | YTD in `data/`, plural (late 2022 –) | `window.YTD.tweets.partN` | `twitter/ytd-data-plural` |
//!
//! Files are recognised by what they assign (`window.YTD.<type>.partN`), not by their
//! names, so renamed files and every `-partN` split are read. Arrays are streamed element
//! by element. See `docs/platforms/twitter.md` for the mapping of each file to tables.

pub use detect::Layout;
pub use platform::{Twitter, parse_path};

/// The archive crate this parser reads with (`Archive`, `Report`, `Diagnostic`, …), in
/// the version it was built with.
pub use freehold_archive as archive;
/// The model crate whose records this parser makes (`Record` and the row types), in the
/// version it was built with.
pub use freehold_model as model;

mod detect;
mod dm;
mod grailbird;
mod media;
mod platform;
mod tweet;
mod util;
mod ytd;
