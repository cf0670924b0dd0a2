//! Prints every Messenger thread of a Facebook export with its message count.
//!
//! ```text
//! cargo run -p freehold-facebook --example threads -- fixtures/facebook/json-2024
//! ```

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeMap;

use freehold_archive::{Archive, ParseContext, Platform};
use freehold_facebook::Facebook;
use freehold_model::Record;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: threads <export.zip or folder>");
        std::process::exit(2);
    };
    let archive = match Archive::open(path.as_ref()) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let Some(detection) = Facebook.detect(&archive) else {
        eprintln!("{path} is not a Facebook export");
        std::process::exit(2);
    };
    let mut records = Vec::new();
    let mut cx = ParseContext::new(&mut records);
    if let Err(e) = Facebook.parse(&archive, &detection, &mut cx) {
        eprintln!("{e}");
        std::process::exit(2);
    }
    let report = cx.finish(&archive, &detection);
    let mut titles: BTreeMap<String, String> = BTreeMap::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for record in &records {
        match record {
            Record::Conversation(c) => {
                titles.insert(c.id.clone(), c.title.clone().unwrap_or_default());
            }
            Record::Message(m) => *counts.entry(m.conversation_id.clone()).or_default() += 1,
            _ => {}
        }
    }
    println!("{} ({})", archive.name(), detection.layout);
    for (id, title) in &titles {
        println!(
            "{:>6}  {title}  [{id}]",
            counts.get(id).copied().unwrap_or(0)
        );
    }
    for d in &report.diagnostics {
        println!("{d}");
    }
}
