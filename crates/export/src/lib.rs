//! Exits from the freehold model, private by default.
//!
//! Each format is a module; all of them read the database through
//! [`freehold_store`]'s typed read path and follow the rules of [`privacy`]: a
//! publishing exit shows only what is public and the owner's own, withholds the rest
//! with a count and a reason, and never publishes a message. The formats:
//! [`site`] (a static website), [`wxr`] (WordPress), [`markdown`] (Hugo, Jekyll,
//! Eleventy) and [`activitystreams`] (a Mastodon-layout archive); [`published`] holds
//! what they share.
//!
//! ```no_run
//! use freehold_export::site::{SiteOptions, write_site};
//!
//! let store = freehold_store::Store::open("freehold.sqlite".as_ref())?;
//! let report = write_site(&store, "site".as_ref(), &SiteOptions::default())?;
//! print!("{}", report.summary);
//! # Ok::<(), freehold_export::Error>(())
//! ```

pub use error::Error;
pub use selection::Selection;

pub mod activitystreams;
mod error;
pub mod markdown;
pub mod people;
pub mod privacy;
pub mod published;
pub mod render;
mod selection;
pub mod site;
pub mod wxr;
