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
//!
//! ```no_run
//! use freehold_archive::{Archive, ParseContext, Platform};
//! use freehold_twitter::Twitter;
//!
//! let archive = Archive::open("twitter-2024-03-01-abc123.zip".as_ref())?;
//! let detection = Twitter.detect(&archive).expect("a Twitter archive");
//! let mut records = Vec::new();
//! let mut cx = ParseContext::new(&mut records);
//! Twitter.parse(&archive, &detection, &mut cx)?;
//! let report = cx.finish(&archive, &detection);
//! println!("{}: {} records", detection.layout, records.len());
//! for d in &report.diagnostics {
//!     println!("{d}");
//! }
//! # Ok::<(), freehold_archive::Error>(())
//! ```

pub use detect::Layout;
pub use platform::Twitter;

mod detect;
mod dm;
mod grailbird;
mod media;
mod platform;
mod tweet;
mod util;
mod ytd;
