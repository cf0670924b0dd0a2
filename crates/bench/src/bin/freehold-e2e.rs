//! `freehold-e2e`: imports archives in-process exactly as `freehold import` does, and
//! reports the wall time, records/s, MB/s, CPU use and peak memory; with `--floor`, also
//! how close that comes to the physical floor of the same work.
//!
//! ```sh
//! freehold-e2e /tmp/e2e/tw100k --floor
//! freehold-e2e facebook-jdoe-2025-09-01-a.zip facebook-jdoe-2025-09-01-b.zip --db fb.sqlite --keep
//! freehold-e2e /tmp/e2e/li100k --json
//! freehold-e2e /tmp/e2e/hy20k --json-out hy20k.json   # text on stdout, JSON in the file
//! ```

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use freehold_bench::e2e::{self, Floor, ImportRun};
use serde_json::json;

/// Imports export archives into a fresh database as `freehold import` does, and prints
/// the wall time, records/s, MB/s of archive data, CPU use and peak RSS.
#[derive(Parser, Debug)]
#[command(name = "freehold-e2e", version)]
struct Args {
    /// The archives (zip files or folders); the parts of one multi-zip Facebook export
    /// are imported together, as the command-line tool does.
    #[arg(required = true)]
    archives: Vec<PathBuf>,
    /// The database to write: deleted first, with its -wal and -shm files. Default: a
    /// file in the temporary folder.
    #[arg(long)]
    db: Option<PathBuf>,
    /// Keep the database afterwards (it is deleted otherwise).
    #[arg(long)]
    keep: bool,
    /// After the import, measure the floor on the same archives: inflate the data files,
    /// parse their bytes into nothing, insert as many rows of the same size into SQLite.
    #[arg(long)]
    floor: bool,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// Also write the JSON object to this file (the text still goes to the terminal).
    #[arg(long, value_name = "PATH")]
    json_out: Option<PathBuf>,
}

fn main() -> ExitCode {
    freehold_store::limit_allocator_arenas();
    let args = Args::parse();
    let db = args.db.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("freehold-e2e-{}.sqlite", std::process::id()))
    });
    let (run, archives) = match e2e::import(&args.archives, &db) {
        Ok(done) => done,
        Err(e) => {
            eprintln!("freehold-e2e: {e}");
            let _ = e2e::remove_database(&db);
            return ExitCode::from(2);
        }
    };
    let floor = if args.floor {
        let rows = 2 * run.records();
        let row_bytes = run.db_bytes.checked_div(rows).unwrap_or(0);
        let mut scratch = db.as_os_str().to_owned();
        scratch.push(".floor-insert");
        match e2e::floor(&archives, rows, row_bytes, &PathBuf::from(scratch)) {
            Ok(floor) => Some(floor),
            Err(e) => {
                eprintln!("freehold-e2e: cannot measure the floor: {e}");
                None
            }
        }
    } else {
        None
    };
    drop(archives);
    let json = to_json(&run, floor.as_ref(), &db, args.keep);
    if args.json {
        println!("{json}");
    } else {
        print_text(&run, floor.as_ref(), &db, args.keep);
    }
    let mut failed = args.floor && floor.is_none();
    if let Some(path) = &args.json_out
        && let Err(e) = std::fs::write(path, format!("{json}\n"))
    {
        eprintln!("freehold-e2e: cannot write {}: {e}", path.display());
        failed = true;
    }
    if !args.keep
        && let Err(e) = e2e::remove_database(&db)
    {
        eprintln!("freehold-e2e: cannot delete {}: {e}", db.display());
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// `1234567` as `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn per_second(n: f64, seconds: f64) -> f64 {
    if seconds > 0.0 { n / seconds } else { 0.0 }
}

fn print_text(run: &ImportRun, floor: Option<&Floor>, db: &std::path::Path, keep: bool) {
    for archive in &run.archives {
        println!(
            "archive       {} ({}, {}): {:.1} MB of data, {} records",
            archive.name,
            archive.layout,
            if archive.zip { "zip" } else { "folder" },
            mb(archive.data_bytes),
            thousands(archive.records)
        );
    }
    let records = run.records();
    println!("import        {:.2} s wall", run.seconds);
    println!(
        "records       {} ({} records/s)",
        thousands(records),
        thousands(per_second(records as f64, run.seconds) as u64)
    );
    let tables: Vec<String> = run
        .records_by_table
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(t, n)| format!("{t} {}", thousands(*n)))
        .collect();
    println!("  by table    {}", tables.join(", "));
    println!(
        "throughput    {:.1} MB/s of archive data",
        per_second(mb(run.data_bytes()), run.seconds)
    );
    match run.cpu_seconds {
        Some(cpu) => println!(
            "CPU           {cpu:.2} s user+sys (CPU use {:.1} cores)",
            per_second(cpu, run.seconds)
        ),
        None => println!("CPU           n/a"),
    }
    match run.peak_rss_bytes {
        Some(rss) => println!("peak RSS      {:.1} MB", mb(rss)),
        None => println!("peak RSS      n/a"),
    }
    println!(
        "database      {:.1} MB{}{}",
        mb(run.db_bytes),
        if keep {
            format!(" at {}", db.display())
        } else {
            String::new()
        },
        if run.problems > 0 {
            format!(" ({} warnings or errors in the reports)", run.problems)
        } else {
            String::new()
        }
    );
    let Some(floor) = floor else { return };
    println!("floor (the same archive, measured after the import):");
    println!(
        "  inflate     {:.2} s  ({} data files, {:.1} MB read to the end)",
        floor.inflate_seconds,
        floor.files,
        mb(floor.bytes)
    );
    let mut parsed = Vec::new();
    if floor.json_documents > 0 {
        parsed.push(format!(
            "{} JSON documents into IgnoredAny",
            thousands(floor.json_documents)
        ));
    }
    if floor.csv_records > 0 {
        parsed.push(format!("{} CSV records", thousands(floor.csv_records)));
    }
    if floor.xml_events > 0 {
        parsed.push(format!("{} XML events", thousands(floor.xml_events)));
    }
    println!(
        "  bare parse  {:.2} s  ({})",
        floor.parse_seconds,
        parsed.join(", ")
    );
    println!(
        "  bare insert {:.2} s  ({} rows of {} bytes, one prepared statement, one transaction)",
        floor.insert_seconds,
        thousands(floor.rows),
        floor.row_bytes
    );
    println!(
        "  floor       {:.2} s  (inflate + parse + insert)",
        floor.seconds()
    );
    println!(
        "  import/floor {:.2}x  (overlapped floor, max(inflate+parse, insert) = {:.2} s: {:.2}x)",
        ratio(run.seconds, floor.seconds()),
        floor.overlapped_seconds(),
        ratio(run.seconds, floor.overlapped_seconds())
    );
    for failure in floor.parse_failures.iter().take(5) {
        println!("  not parsed: {failure}");
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 { a / b } else { 0.0 }
}

fn to_json(
    run: &ImportRun,
    floor: Option<&Floor>,
    db: &std::path::Path,
    keep: bool,
) -> serde_json::Value {
    let records = run.records();
    let mut out = json!({
        "archives": run.archives.iter().map(|a| json!({
            "name": a.name,
            "layout": a.layout,
            "zip": a.zip,
            "data_bytes": a.data_bytes,
            "records": a.records,
        })).collect::<Vec<_>>(),
        "seconds": run.seconds,
        "records": records,
        "records_per_second": per_second(records as f64, run.seconds),
        "records_by_table": run.records_by_table,
        "data_bytes": run.data_bytes(),
        "mb_per_second": per_second(mb(run.data_bytes()), run.seconds),
        "cpu_seconds": run.cpu_seconds,
        "cpu_cores": run.cpu_seconds.map(|c| per_second(c, run.seconds)),
        "peak_rss_bytes": run.peak_rss_bytes,
        "db_bytes": run.db_bytes,
        "db": if keep { Some(db.display().to_string()) } else { None },
        "problems": run.problems,
    });
    if let Some(floor) = floor {
        out["floor"] = json!({
            "inflate_seconds": floor.inflate_seconds,
            "parse_seconds": floor.parse_seconds,
            "insert_seconds": floor.insert_seconds,
            "seconds": floor.seconds(),
            "overlapped_seconds": floor.overlapped_seconds(),
            "import_over_floor": ratio(run.seconds, floor.seconds()),
            "import_over_overlapped_floor": ratio(run.seconds, floor.overlapped_seconds()),
            "files": floor.files,
            "bytes": floor.bytes,
            "json_documents": floor.json_documents,
            "csv_records": floor.csv_records,
            "xml_events": floor.xml_events,
            "rows": floor.rows,
            "row_bytes": floor.row_bytes,
            "parse_failures": floor.parse_failures,
        });
    }
    out
}
