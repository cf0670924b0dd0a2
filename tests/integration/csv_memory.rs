//! Peak memory of an import on huge CSV input (issue 19): each case is generated here,
//! imported by the real binary in a child process, and its peak resident memory
//! (`VmHWM`, polled from `/proc/<pid>/status`) must stay under 256 MB.
//!
//! Ignored by default (they write up to 500 MiB each); run them with
//! `cargo test --release --test integration csv_memory -- --ignored --nocapture --test-threads 1`.

use std::io::{BufWriter, Write};
use std::path::Path;

const LIMIT: u64 = 256_000_000;

/// Writes a minimal LinkedIn export whose `Connections.csv` is `header` then `body`.
fn export(dir: &Path, body: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) {
    std::fs::write(
        dir.join("Profile.csv"),
        "First Name,Last Name,Headline\nNoor,van den Berg,Tester\n",
    )
    .unwrap();
    let file = std::fs::File::create(dir.join("Connections.csv")).unwrap();
    let mut out = BufWriter::with_capacity(1 << 20, file);
    out.write_all(b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
        .unwrap();
    body(&mut out).unwrap();
    out.flush().unwrap();
}

fn repeat(out: &mut dyn Write, byte: u8, n: u64) -> std::io::Result<()> {
    let chunk = vec![byte; 1 << 20];
    let mut left = n;
    while left > 0 {
        let now = left.min(chunk.len() as u64) as usize;
        out.write_all(&chunk[..now])?;
        left -= now as u64;
    }
    Ok(())
}

/// Imports `dir` in a child process; its peak RSS in bytes and its stderr.
fn import_peak(dir: &Path) -> (u64, String) {
    let db = dir.join("out.sqlite");
    let (out, peak_kib) = crate::hostile::freehold_measured(&[
        "import",
        "--quiet",
        "--db",
        db.to_str().unwrap(),
        dir.to_str().unwrap(),
    ]);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let people: i64 = conn
        .query_row("SELECT COUNT(*) FROM accounts", [], |r| r.get(0))
        .unwrap();
    assert!(people >= 1, "the import wrote nothing");
    (
        peak_kib * 1024,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[allow(clippy::print_stderr)]
fn check(name: &str, dir: &Path) {
    let (peak, stderr) = import_peak(dir);
    eprintln!("{name}: peak RSS {:.1} MB", peak as f64 / 1e6);
    assert!(peak > 0, "no measurement");
    assert!(peak < LIMIT, "{name}: peak RSS {peak} bytes\n{stderr}");
}

#[test]
#[ignore = "writes 300 MiB; run with --ignored"]
fn a_300_mib_quoted_field_in_connections() {
    let dir = tempfile::tempdir().unwrap();
    export(dir.path(), |out| {
        out.write_all(b"Ana,Silva,https://www.linkedin.com/in/ana-silva,,\"")?;
        repeat(out, b'x', 300 << 20)?;
        out.write_all(b"\",Tester,08 Feb 2026\nBea,Lima,https://www.linkedin.com/in/bea-lima,,Acme,Cook,09 Feb 2026\n")
    });
    check("300 MiB quoted field", dir.path());
    let conn = rusqlite::Connection::open(dir.path().join("out.sqlite")).unwrap();
    let connections: i64 = conn
        .query_row(
            // The row with the skipped field keeps its other fields (the date).
            "SELECT COUNT(*) FROM relationships WHERE kind = 'connection' AND started_at IN ('2026-02-08', '2026-02-09')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        connections, 2,
        "the row with the skipped field and the next one"
    );
}

#[test]
#[ignore = "writes 500 MiB; run with --ignored"]
fn a_500_mib_line_without_a_newline() {
    let dir = tempfile::tempdir().unwrap();
    export(dir.path(), |out| {
        out.write_all(b"Ana,Silva,https://www.linkedin.com/in/ana-silva,,Acme,Cook,08 Feb 2026\n")?;
        repeat(out, b'z', 500 << 20)
    });
    check("500 MiB line", dir.path());
}

#[test]
#[ignore = "writes 20 MB; run with --ignored"]
fn a_20_mb_row_of_10_million_columns() {
    let dir = tempfile::tempdir().unwrap();
    export(dir.path(), |out| {
        out.write_all(b"Ana,Silva,https://www.linkedin.com/in/ana-silva,,Acme,Cook,08 Feb 2026\n")?;
        for _ in 0..10_000_000 / 1024 {
            out.write_all(&b"a,".repeat(1024))?;
        }
        out.write_all(b"a\n")
    });
    check("10 million columns", dir.path());
}
