//! freehold as a library: every platform in one registry, and the import of many
//! archives at once as the `freehold` command runs it.
//!
//! The parsers (`freehold-twitter`, `freehold-facebook`, `freehold-linkedin`,
//! `freehold-hyves`) each stand alone; this crate lists them all in [`platforms`], finds
//! the archives in the paths given ([`sources`]: folders of several exports, multi-zip
//! Facebook exports), opens and detects each ([`open`]), and imports them into a
//! [`store::Store`] ([`import_paths`]) or reads them without writing ([`inspect`]). It
//! never prints: the command is the glue between it and the terminal.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let dir = std::env::temp_dir().join(format!("freehold-lib-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir)?;
//! # std::fs::write(dir.join("Connections.csv"), "First Name,Last Name,Email Address,Company,Position,Connected On\nAda,Lovelace,,Engines,Analyst,01 Jan 2020\n")?;
//! use freehold::archive::Limits;
//!
//! // Which platform exported it, and in which layout?
//! let opened = freehold::open(&[dir.as_path()], Limits::default())?;
//! assert_eq!(opened.platform.name(), "linkedin");
//! assert_eq!(opened.detection.layout, "linkedin/classic-2015");
//!
//! // Everything it holds, read without writing anything.
//! let (_, report) = freehold::inspect(&[dir.as_path()], Limits::default())?;
//! assert_eq!(report.records.get("relationships"), Some(&1));
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok(())
//! # }
//! ```

pub use freehold_archive as archive;
pub use freehold_export as export;
pub use freehold_facebook as facebook;
pub use freehold_hyves as hyves;
pub use freehold_linkedin as linkedin;
pub use freehold_model as model;
pub use freehold_people as people;
pub use freehold_store as store;
pub use freehold_twitter as twitter;

pub use import::{Imported, Opened, Sources, group, import_paths, inspect, open, sources};
pub use registry::{platform, platforms};

mod import;
mod registry;
