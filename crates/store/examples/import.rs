//! Imports a Twitter/X archive into an SQLite database and prints the row counts.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use freehold_archive::{Archive, Platform};
use freehold_store::{ImportOptions, Store};
use freehold_twitter::Twitter;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let (Some(archive), Some(db)) = (args.next(), args.next()) else {
        eprintln!("usage: import ARCHIVE DB");
        std::process::exit(2);
    };
    let archive = Archive::open(archive.as_ref())?;
    let detection = Twitter.detect(&archive).ok_or("not a Twitter/X archive")?;
    let mut store = Store::open(db.as_ref())?;
    let outcome = store.import(&archive, &Twitter, &detection, &ImportOptions::default())?;
    println!("import {} ({})", outcome.import_id, detection.layout);
    for (table, rows) in store.counts()? {
        println!("{table:>22} {rows}");
    }
    Ok(())
}
