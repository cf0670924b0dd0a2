//! Integration tests of the freehold workspace: the real binary, the store and the
//! parsers on the fixtures under `fixtures/`.

mod cli;
mod codes;
mod csv_memory;
mod exits;
mod facebook;
mod hostile;
mod hyves;
mod linkedin;
mod mutation;
mod people;
mod pipe;
mod redact;
mod roundtrip;
mod schema;
mod search;
mod site;
mod snapshots;
mod twitter;
mod util;
