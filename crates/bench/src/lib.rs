//! Large, realistic, deterministic synthetic export archives for benchmarking freehold.
//!
//! | platform | `size` counts | what is written (era as the parsers read it) |
//! |---|---|---|
//! | [`Platform::Twitter`] | tweets | YTD in `data/`: `tweets.js` + `tweets-partN.js` (~100 MB parts), `follower.js`, `following.js`, `like.js`, `direct-messages.js`, `account.js`, `manifest.js`; or the 2020–2022 singular names ([`TwitterEra::Singular`]) |
//! | [`Platform::Facebook`] | Messenger messages | the 2024+ JSON export: `message_N.json` parts per thread, Meta's `\u00XX` mojibake, reactions, photos, posts, friends, profile |
//! | [`Platform::Linkedin`] | connections | a 2026 "Complete" CSV export: `Connections.csv` with its `Notes:` preamble, fully quoted `messages.csv`, invitations, activity, profile and career files |
//! | [`Platform::Hyves`] | friends | saved Data-API responses (XML pages), with krabbels, WieWatWaar, blogs, tips, albums and downloaded photos |
//!
//! Everything is invented. A tiny splitmix64 generator drives every choice, so the same
//! [`Spec`] always gives byte-identical files ([`generate`] for a folder, [`generate_zip`]
//! for one zip file of the same files). Files are streamed through buffered writers, so
//! millions of records never sit in memory. The returned [`Summary`] says how many of
//! each thing was written and which rows an import should give
//! ([`Summary::expected_rows`]). The `freehold-gen` binary is the command-line front.
//!
//! The benchmarks live here too: `benches/parsers.rs` (criterion, MB/s per parser) and
//! the `freehold-e2e` binary, built on [`e2e`]: an import run as `freehold import` runs
//! it, with its wall time, records/s, CPU use and peak memory, and the physical floor of
//! the same work (inflate + bare parse + bare insert).
//!
//! ```
//! use freehold_bench::{Platform, Spec, generate};
//!
//! let dir = tempfile::tempdir()?;
//! let summary = generate(&Spec::new(Platform::Twitter, 1_000, 7), &dir.path().join("x"))?;
//! assert_eq!(summary.get("tweets"), 1_000);
//! assert_eq!(summary.get("followers"), 100);
//! for (table, rows) in summary.expected_rows() {
//!     assert!(rows > 0, "{table}");
//! }
//! # Ok::<(), std::io::Error>(())
//! ```

pub use facebook::FacebookCounts;
pub use generate::{generate, generate_zip};
pub use hyves::HyvesCounts;
pub use linkedin::LinkedinCounts;
pub use platform::{Platform, UnknownPlatform};
pub use spec::{Spec, TwitterEra};
pub use summary::{Counts, Summary};
pub use twitter::TwitterCounts;

pub mod e2e;
mod facebook;
mod generate;
mod hyves;
mod json;
mod linkedin;
mod output;
mod platform;
mod rng;
mod spec;
mod summary;
mod text;
mod time;
mod twitter;
