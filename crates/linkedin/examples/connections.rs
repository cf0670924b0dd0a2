//! Prints the connections of a LinkedIn export, oldest first, without any database.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::HashMap;

use freehold_archive::{Archive, ParseContext, Platform};
use freehold_linkedin::LinkedIn;
use freehold_model::Record;

fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: connections ARCHIVE");
        std::process::exit(2);
    };
    let archive = match Archive::open(path.as_ref()) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let Some(detection) = LinkedIn.detect(&archive) else {
        eprintln!("not a LinkedIn export");
        std::process::exit(2);
    };
    let mut records: Vec<Record> = Vec::new();
    let mut cx = ParseContext::new(&mut records);
    if let Err(e) = LinkedIn.parse(&archive, &detection, &mut cx) {
        eprintln!("{e}");
        std::process::exit(2);
    }
    let report = cx.finish(&archive, &detection);
    let mut names: HashMap<&str, &str> = HashMap::new();
    for record in &records {
        if let Record::Account(a) = record
            && let Some(name) = a.display_name.as_deref()
        {
            names.insert(&a.id, name);
        }
    }
    let mut connections: Vec<_> = records
        .iter()
        .filter_map(|r| match r {
            Record::Relationship(rel) if rel.kind == "connection" => Some(rel),
            _ => None,
        })
        .collect();
    connections.sort_by(|a, b| a.started_at.cmp(&b.started_at));
    println!("{} ({} connections)", detection.layout, connections.len());
    for rel in connections {
        println!(
            "{:<10} {} ({})",
            rel.started_at.as_deref().unwrap_or("?"),
            names.get(rel.to_account.as_str()).copied().unwrap_or("?"),
            rel.to_account
        );
    }
    for d in &report.diagnostics {
        eprintln!("{d}");
    }
}
