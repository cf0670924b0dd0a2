#![doc = include_str!("../README.md")]
//!
//! ## Overview
//!
//! Hyves (hyves.nl, 2004 – 2013), the Dutch social network, parsed into the freehold model.
//!
//! | input | recognised by | layout |
//! |---|---|---|
//! | saved Data-API responses, a folder or zip of XML and/or JSON files | an XML root `*_result` / `error_result`, or JSON with something only the Hyves API writes (`user`/`scrap`/`www`/… arrays with Hyves id fields, `info.running_milliseconds`, a Hyves method name) | `hyves/api-dump` |
//! | other Hyves data (saved pages, WARCs, the official 2013 export) | `hyves.nl` / `hyves-static.net` links, `krabbels/`, `wiewatwaar/` folders | `hyves/unsupported`: refused with a clear message |
//!
//! Responses are recognised by content, never by file name, and streamed: XML with
//! quick-xml (DTD entities are never expanded), JSON arrays element by element.
//! `batch.process` files are unwrapped. The parent of comments and respects, which the
//! API leaves out, is read from the path (`blogs.getComments/<blogid>/p0001.xml`).
//! Bodies are kept raw (`text_format` = `hyves-markup`); [`markup`] renders them as plain
//! text or HTML. See `docs/platforms/hyves.md` for the mapping to tables.

pub use detect::Layout;
pub use freehold_model::markup;
pub use platform::{Hyves, parse_path};

/// The archive crate this parser reads with (`Archive`, `Report`, `Diagnostic`, …), in
/// the version it was built with.
pub use freehold_archive as archive;
/// The model crate whose records this parser makes (`Record` and the row types), in the
/// version it was built with.
pub use freehold_model as model;

mod api;
mod detect;
mod map;
mod platform;
mod response;
mod state;
pub mod time;
mod util;

#[cfg(test)]
mod tests;
