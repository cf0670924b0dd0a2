//! A parallel parse writes exactly what a serial one writes: the same rows with the same
//! values, in the same order, with the same provenance and the same report, however the
//! tasks were scheduled.

use std::path::Path;

use freehold_archive::{Archive, Platform as _};
use freehold_bench::{Platform, Spec, generate};
use freehold_facebook::Facebook;
use freehold_model::TABLES;
use freehold_store::{ImportOptions, Store};

/// Every row of every table (provenance included), in key order, and the import's
/// report without its timestamp.
fn import_and_dump(path: &Path, threads: usize) -> (Vec<String>, String) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| {
        assert_eq!(rayon::current_num_threads(), threads);
        let archive = Archive::open(path).unwrap();
        let detection = Facebook.detect(&archive).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("parallel.sqlite")).unwrap();
        let outcome = store
            .import(&archive, &Facebook, &detection, &ImportOptions::default())
            .unwrap();
        // The store does not lend its connection: the rows are read through one of our own.
        let conn = rusqlite::Connection::open(store.path()).unwrap();
        let mut rows = Vec::new();
        for table in TABLES {
            let columns: Vec<String> = table
                .columns
                .iter()
                .filter(|c| table.name != "imports" || !["imported_at", "report"].contains(&c.name))
                .map(|c| format!("quote({})", c.name))
                .collect();
            let sql = format!(
                "SELECT {} FROM {} ORDER BY {}",
                columns.join(" || '|' || "),
                table.name,
                table.key.join(", ")
            );
            let mut statement = conn.prepare(&sql).unwrap();
            let mut query = statement.query([]).unwrap();
            while let Some(row) = query.next().unwrap() {
                rows.push(format!(
                    "{}: {}",
                    table.name,
                    row.get::<_, String>(0).unwrap()
                ));
            }
        }
        // The order things were written in: files by first record, rows by rowid.
        for sql in [
            "SELECT 'source ' || id || ' ' || path FROM provenance_sources ORDER BY id",
            "SELECT 'message ' || rowid || ' ' || id FROM messages ORDER BY rowid",
            "SELECT 'account ' || rowid || ' ' || id FROM accounts ORDER BY rowid",
        ] {
            let mut statement = conn.prepare(sql).unwrap();
            let mut query = statement.query([]).unwrap();
            while let Some(row) = query.next().unwrap() {
                rows.push(row.get::<_, String>(0).unwrap());
            }
        }
        let report = serde_json::to_string(&outcome.report).unwrap();
        (rows, report)
    })
}

#[test]
fn facebook_threads_on_four_threads_write_what_one_thread_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fb");
    let mut spec = Spec::new(Platform::Facebook, 6_000, 7);
    // Many short threads and a few long ones split into parts: tasks finish out of order.
    spec.facebook_threads = Some(60);
    spec.facebook_messages_per_file = 150;
    generate(&spec, &path).unwrap();
    let (serial_rows, serial_report) = import_and_dump(&path, 1);
    assert!(
        serial_rows
            .iter()
            .filter(|r| r.starts_with("messages:"))
            .count()
            >= 6_000
    );
    for _ in 0..3 {
        let (rows, report) = import_and_dump(&path, 4);
        assert_eq!(rows.len(), serial_rows.len());
        assert!(
            rows == serial_rows,
            "a parallel import wrote other rows than a serial one"
        );
        assert_eq!(report, serial_report);
    }
}
