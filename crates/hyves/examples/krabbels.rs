//! Prints the posts (krabbels, WieWatWaar, blogs, …) of a saved Hyves Data-API dump, with
//! their markup rendered as plain text.
//!
//! `cargo run -p freehold-hyves --example krabbels -- fixtures/hyves/api-dump`

#![allow(clippy::print_stdout, clippy::print_stderr)]

use freehold_archive::{Archive, ParseContext, Platform};
use freehold_hyves::Hyves;
use freehold_hyves::markup::to_plain_text;
use freehold_model::Record;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: krabbels ARCHIVE (a folder or zip of saved Hyves API responses)");
        std::process::exit(2);
    };
    let archive = Archive::open(path.as_ref())?;
    let Some(detection) = Hyves.detect(&archive) else {
        eprintln!("{path}: no Hyves data found");
        std::process::exit(2);
    };
    let mut records: Vec<Record> = Vec::new();
    let mut cx = ParseContext::new(&mut records);
    Hyves.parse(&archive, &detection, &mut cx)?;
    let report = cx.finish(&archive, &detection);
    for record in &records {
        if let Record::Post(post) = record {
            println!(
                "{} [{}] {}: {}",
                post.created_at.as_deref().unwrap_or("?"),
                post.kind,
                post.author_account.as_deref().unwrap_or("?"),
                to_plain_text(post.text.as_deref().unwrap_or(""))
            );
        }
    }
    for d in &report.diagnostics {
        eprintln!("{d}");
    }
    Ok(())
}
