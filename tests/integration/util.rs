//! Helpers: fixture paths, zipping a fixture at test time, importing, dumping a database.

use std::io::Write;
use std::path::{Path, PathBuf};

use freehold_archive::{Archive, Platform, Report};
use freehold_model::TABLES;
use freehold_store::{ImportOptions, Store};
use rusqlite::Connection;

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

/// How to build a zip from a fixture folder.
#[derive(Clone, Copy, Default)]
pub struct ZipStyle<'a> {
    /// Put every entry under this folder.
    pub wrapper: Option<&'a str>,
    /// Add `__MACOSX/` and `._*` debris.
    pub junk: bool,
    /// Write `\` separators, as old Windows zippers do.
    pub backslashes: bool,
}

/// Zips the folder `dir` into `dest`.
pub fn zip_dir(dir: &Path, dest: &Path, style: ZipStyle<'_>) {
    let file = std::fs::File::create(dest).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    files.sort();
    for rel in files {
        let mut name = match style.wrapper {
            Some(w) => format!("{w}/{rel}"),
            None => rel.clone(),
        };
        if style.backslashes {
            name = name.replace('/', "\\");
        }
        zip.start_file(name, options).unwrap();
        zip.write_all(&std::fs::read(dir.join(&rel)).unwrap())
            .unwrap();
        if style.junk {
            let junk = format!("__MACOSX/{rel}");
            zip.start_file(junk, options).unwrap();
            zip.write_all(b"\0\x05\x16\x07 resource fork").unwrap();
        }
    }
    zip.finish().unwrap();
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for item in std::fs::read_dir(dir).unwrap() {
        let path = item.unwrap().path();
        if path.is_dir() {
            walk(root, &path, out);
        } else {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push(rel);
        }
    }
}

/// Every platform, as the CLI lists them: the library's registry.
pub fn platforms() -> &'static [&'static dyn Platform] {
    freehold::platforms()
}

/// Imports `archives` into the database at `db` with the library, as the CLI does.
pub fn import_into(db: &Path, archives: &[&Path]) -> Vec<Report> {
    let mut store = Store::open(db).unwrap();
    archives
        .iter()
        .map(|path| {
            let archive = Archive::open(path).unwrap();
            let (platform, detection) = freehold_archive::detect(platforms(), &archive)
                .unwrap_or_else(|| panic!("{} not recognised", path.display()));
            store
                .import(&archive, platform, &detection, &ImportOptions::default())
                .unwrap()
                .report
        })
        .collect()
}

/// A fresh database holding `archives`.
pub struct Imported {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    pub reports: Vec<Report>,
}

impl Imported {
    pub fn conn(&self) -> Connection {
        Connection::open(&self.db).unwrap()
    }
}

pub fn import(archives: &[&Path]) -> Imported {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("test.sqlite");
    let reports = import_into(&db, archives);
    Imported { dir, db, reports }
}

/// Every provenance entry in the order the records arrived: file, record number within
/// the file, table and row. `dump` sorts rows by key, so it does not see this order.
pub fn arrival_order(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare(
            "SELECT s.path || '#' || e.seq || ' ' || e.entity || ' ' || e.entity_id \
             FROM provenance_entries e JOIN provenance_sources s ON s.id = e.source \
             ORDER BY s.path, e.seq",
        )
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Every row of every table as text, in key order. In `imports`, the columns that name
/// the source file or the time of the import are left out.
pub fn dump(conn: &Connection) -> Vec<String> {
    dump_leaving_out(conn, &["source_name", "imported_at", "report"])
}

/// [`dump`], also leaving out the snapshot time of each import and how it was found
/// (`generated_at`, `extra`), which may come from the archive's name.
pub fn dump_without_snapshot(conn: &Connection) -> Vec<String> {
    dump_leaving_out(
        conn,
        &[
            "source_name",
            "imported_at",
            "report",
            "generated_at",
            "extra",
        ],
    )
}

fn dump_leaving_out(conn: &Connection, import_columns: &[&str]) -> Vec<String> {
    let mut rows = Vec::new();
    for table in TABLES {
        let columns: Vec<&str> = table
            .columns
            .iter()
            .map(|c| c.name)
            .filter(|c| table.name != "imports" || !import_columns.contains(c))
            .collect();
        let sql = format!(
            "SELECT {} FROM {} ORDER BY {}",
            columns
                .iter()
                .map(|c| format!("quote({c})"))
                .collect::<Vec<_>>()
                .join(" || '|' || "),
            table.name,
            table.key.join(", ")
        );
        // A table a database of an older version does not have yet holds no rows.
        let Ok(mut stmt) = conn.prepare(&sql) else {
            let exists: i64 = conn
                .query_row(
                    "SELECT COUNT(*) FROM sqlite_master WHERE name = ?1",
                    [table.name],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(exists, 0, "{sql}");
            continue;
        };
        let mut q = stmt.query([]).unwrap();
        while let Some(row) = q.next().unwrap() {
            rows.push(format!(
                "{}: {}",
                table.name,
                row.get::<_, String>(0).unwrap()
            ));
        }
    }
    rows
}

/// `SELECT COUNT(*) FROM table [WHERE …]`.
pub fn count(conn: &Connection, table: &str, filter: &str) -> i64 {
    let sql = if filter.is_empty() {
        format!("SELECT COUNT(*) FROM {table}")
    } else {
        format!("SELECT COUNT(*) FROM {table} WHERE {filter}")
    };
    conn.query_row(&sql, [], |r| r.get(0)).unwrap()
}

/// One text column of one row.
pub fn text(conn: &Connection, sql: &str) -> Option<String> {
    conn.query_row(sql, [], |r| r.get::<_, Option<String>>(0))
        .unwrap()
}

/// All values of a one-column query.
pub fn texts(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Every file under `dir`, as sorted `/`-separated paths relative to `dir`.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    files.sort();
    files
}

/// All rows of a query whose columns are all text (or NULL), each row as a vector.
pub fn rows(conn: &Connection, sql: &str) -> Vec<Vec<Option<String>>> {
    let mut stmt = conn.prepare(sql).unwrap();
    let width = stmt.column_count();
    stmt.query_map([], |r| {
        (0..width)
            .map(|i| r.get::<_, Option<String>>(i))
            .collect::<Result<Vec<_>, _>>()
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// The folder, a plain zip of it and a zip with a wrapper folder, `__MACOSX` debris and
/// `\\` separators all give the same database.
pub fn assert_folder_and_zips_agree(folder: &Path, wrapper: &str) {
    let tmp = tempfile::tempdir().unwrap();
    let plain = tmp.path().join("plain.zip");
    zip_dir(folder, &plain, ZipStyle::default());
    let messy = tmp.path().join("messy.zip");
    zip_dir(
        folder,
        &messy,
        ZipStyle {
            wrapper: Some(wrapper),
            junk: true,
            backslashes: true,
        },
    );
    let name = folder.display();
    let from_folder = dump(&import(&[folder]).conn());
    assert!(from_folder.len() > 5, "{name} imported almost nothing");
    assert_eq!(
        from_folder,
        dump(&import(&[&plain]).conn()),
        "{name}: plain zip"
    );
    // The wrapper's name may carry the export's date, which then is the snapshot time.
    let messy_import = import(&[&messy]);
    let messy_conn = messy_import.conn();
    assert_eq!(
        dump_without_snapshot(&import(&[folder]).conn()),
        dump_without_snapshot(&messy_conn),
        "{name}: zip with wrapper, debris and backslashes"
    );
    if let Some(date) = freehold_archive::snapshot::date_in_name(wrapper) {
        let (at, source): (String, String) = messy_conn
            .query_row(
                "SELECT generated_at, json_extract(extra, '$.snapshot_source') FROM imports",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        if source == "archive-name" {
            assert_eq!(at, date, "{name}: the wrapper's date is the snapshot time");
        }
    }
}

/// Importing the archive a second time leaves every row and the import report unchanged.
pub fn assert_reimport_changes_nothing(archive: &Path) {
    let imported = import(&[archive]);
    let conn = imported.conn();
    let before = dump(&conn);
    let report = |conn: &Connection| -> String {
        conn.query_row("SELECT report FROM imports", [], |r| r.get(0))
            .unwrap()
    };
    let report_before = report(&conn);
    import_into(&imported.db, &[archive]);
    let name = archive.display();
    assert_eq!(before, dump(&conn), "{name}");
    assert_eq!(report_before, report(&conn), "{name}");
    assert_eq!(count(&conn, "imports", ""), 1, "{name}");
}

/// Text as HTML writes it (`&`, `<`, `>`, `"`, `'` escaped).
pub fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// A connection of its own to the database of `store`, for the queries the tests make
/// (the store does not lend its connection).
pub fn connection_of(store: &Store) -> Connection {
    Connection::open(store.path()).unwrap()
}
