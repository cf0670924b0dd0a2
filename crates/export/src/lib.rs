#![doc = include_str!("../README.md")]
//!
//! ## Overview
//!
//! Exits from the freehold model, private by default.
//!
//! Each format is a module; all of them read the database through
//! [`freehold_store`]'s typed read path and follow the rules of [`privacy`]: a
//! publishing exit shows only what is public and the owner's own, withholds the rest
//! with a count and a reason, and never publishes a message. The formats:
//! [`site`] (a static website), [`wxr`] (WordPress), [`markdown`] (Hugo, Jekyll,
//! Eleventy) and [`activitystreams`] (a Mastodon-layout archive); [`published`] holds
//! what they share.

pub use error::Error;
/// The model crate whose rows the exits read, in the version it was built with.
pub use freehold_model as model;
/// The store crate the exits read from, in the version it was built with.
pub use freehold_store as store;
pub use selection::Selection;

pub mod activitystreams;
pub mod data;
mod error;
pub mod markdown;
pub mod people;
pub mod privacy;
pub mod published;
pub mod render;
mod selection;
pub mod site;
pub mod wxr;
