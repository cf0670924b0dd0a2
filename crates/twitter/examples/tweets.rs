//! Prints the posts of a Twitter/X archive, oldest first, without any database.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use freehold_archive::{Archive, ParseContext, Platform};
use freehold_model::Record;
use freehold_twitter::Twitter;

fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: tweets ARCHIVE");
        std::process::exit(2);
    };
    let archive = match Archive::open(path.as_ref()) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let Some(detection) = Twitter.detect(&archive) else {
        eprintln!("not a Twitter/X archive");
        std::process::exit(2);
    };
    let mut records: Vec<Record> = Vec::new();
    let mut cx = ParseContext::new(&mut records);
    if let Err(e) = Twitter.parse(&archive, &detection, &mut cx) {
        eprintln!("{e}");
        std::process::exit(2);
    }
    let report = cx.finish(&archive, &detection);
    let mut posts: Vec<_> = records
        .iter()
        .filter_map(|r| match r {
            Record::Post(p) => Some(p),
            _ => None,
        })
        .collect();
    posts.sort_by(|a, b| a.created_at.cmp(&b.created_at));
    for post in posts {
        println!(
            "{} [{}] {}",
            post.created_at.as_deref().unwrap_or("?"),
            post.kind,
            post.text.as_deref().unwrap_or("")
        );
    }
    for d in &report.diagnostics {
        eprintln!("{d}");
    }
}
