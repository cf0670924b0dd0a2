//! Folder and zip agree, re-importing changes nothing, overlapping archives merge, and the
//! exports validate against the JSON Schema.

use std::path::Path;

use freehold_model::json_schema;
use freehold_store::Store;

use crate::util::{arrival_order, count, dump, files_under, fixture, import, import_into};
use crate::util::{assert_folder_and_zips_agree, assert_reimport_changes_nothing};

const FIXTURES: &[&str] = &[
    "twitter/grailbird-2014",
    "twitter/grailbird-csv-2012",
    "twitter/ytd-root-2019",
    "twitter/ytd-data-2020",
    "twitter/ytd-data-2024",
    "twitter/ytd-broken",
    "twitter/ytd-notes-2024",
];

#[test]
fn folder_and_zip_give_identical_databases() {
    for name in FIXTURES {
        assert_folder_and_zips_agree(&fixture(name), "twitter-2024-05-04-abc123");
    }
}

#[test]
fn importing_twice_changes_nothing() {
    for name in FIXTURES {
        assert_reimport_changes_nothing(&fixture(name));
    }
}

/// Records arrive in the same order on every run, so the provenance numbering (file and
/// record number) is the same every time. A parser that emits from a hash map's order
/// fails this: every map gets its own random order.
#[test]
fn every_platform_imports_in_the_same_order_every_time() {
    let all = [
        "twitter/ytd-data-2024",
        "twitter/grailbird-2014",
        "facebook/json-2024",
        "facebook/html-2020",
        "facebook/html-2024",
        "facebook/messenger-secure-storage",
        "linkedin/complete-2026",
        "linkedin/basic-2018",
        "hyves/api-dump",
    ];
    for name in all {
        let first = arrival_order(&import(&[&fixture(name)]).conn());
        assert!(first.len() > 5, "{name} imported almost nothing");
        for run in 1..6 {
            assert_eq!(
                first,
                arrival_order(&import(&[&fixture(name)]).conn()),
                "{name}: run {run} numbered the records differently"
            );
        }
    }
}

/// Copies a fixture without the files whose names are listed.
fn copy_without(from: &Path, to: &Path, leave_out: &[&str]) {
    for item in std::fs::read_dir(from).unwrap() {
        let path = item.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let dest = to.join(&name);
        if path.is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
            copy_without(&path, &dest, leave_out);
        } else if !leave_out.contains(&name.as_str()) {
            std::fs::copy(&path, &dest).unwrap();
        }
    }
}

#[test]
fn two_overlapping_archives_give_the_union_once() {
    let full_path = fixture("twitter/ytd-data-2024");
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    copy_without(&full_path, &a, &["tweets-part1.js", "like-part1.js"]);
    // B is an older snapshot: no long posts yet, and none of the truncated tweets.
    copy_without(
        &full_path,
        &b,
        &["tweets.js", "follower.js", "note-tweet.js"],
    );

    let full = import(&[&full_path]);
    let merged = import(&[&a, &b]);
    let (full, merged) = (full.conn(), merged.conn());
    assert_eq!(count(&merged, "imports", ""), 2);
    for table in [
        "posts",
        "post_entities",
        "relationships",
        "reactions",
        "messages",
        "conversations",
    ] {
        assert_eq!(
            count(&merged, table, ""),
            count(&full, table, ""),
            "{table}"
        );
        let rows = |conn: &rusqlite::Connection| {
            crate::util::texts(conn, &format!("SELECT id FROM {table} ORDER BY id"))
        };
        assert_eq!(rows(&merged), rows(&full), "{table}");
    }
    let texts = |conn: &rusqlite::Connection| {
        crate::util::texts(
            conn,
            "SELECT id || ' ' || COALESCE(text, '') FROM posts ORDER BY id",
        )
    };
    assert_eq!(texts(&merged), texts(&full));
}

#[test]
fn json_and_ndjson_exports_validate_against_the_schema() {
    let paths: Vec<_> = FIXTURES.iter().map(|f| fixture(f)).collect();
    let refs: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();
    let imported = import(&refs);
    let store = Store::open(&imported.db).unwrap();
    let schema = json_schema();
    let validator = jsonschema::validator_for(&schema).unwrap();

    let mut out = Vec::new();
    store.export_json(&mut out).unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .take(5)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let posts = doc["posts"].as_array().unwrap();
    assert_eq!(posts.len() as i64, count(&imported.conn(), "posts", ""));
    // Booleans and JSON come back typed, not as 0/1 or text.
    assert!(
        doc["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["is_owner"] == true)
    );
    assert!(posts.iter().any(|p| p["extra"].is_object()));

    // A broken document is caught: the validator is really checking.
    let mut broken = doc.clone();
    broken["posts"][0]["kind"] = serde_json::Value::Null;
    assert!(!validator.is_valid(&broken));

    let dir = imported.dir.path().join("ndjson");
    let files = store.export_ndjson(&dir, false).unwrap();
    assert_eq!(files.len(), freehold_model::TABLES.len());
    for file in files {
        let table = file.file_stem().unwrap().to_string_lossy().into_owned();
        let mut line_schema = schema.clone();
        line_schema
            .as_object_mut()
            .unwrap()
            .retain(|k, _| k.starts_with('$'));
        line_schema["$ref"] = serde_json::json!(format!("#/$defs/{table}"));
        let line_validator = jsonschema::validator_for(&line_schema).unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines.len() as i64,
            count(&imported.conn(), &table, ""),
            "{table}"
        );
        for line in lines {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(line_validator.is_valid(&value), "{table}: {line}");
        }
    }
}

#[test]
fn an_interrupted_import_writes_nothing_and_keeps_earlier_imports() {
    let first = fixture("twitter/ytd-root-2019");
    let imported = import(&[&first]);
    let before = dump(&imported.conn());

    let mut store = Store::open(&imported.db).unwrap();
    let archive = freehold_archive::Archive::open(&fixture("twitter/ytd-data-2024")).unwrap();
    assert!(import_interrupted(&mut store, &archive).is_err());
    drop(store);
    assert_eq!(before, dump(&imported.conn()));
    let integrity: String = imported
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
}

#[test]
fn media_dir_copies_are_content_addressed_and_private() {
    let tmp = tempfile::tempdir().unwrap();
    let media = tmp.path().join("media");
    let db = tmp.path().join("m.sqlite");
    let mut store = Store::open(&db).unwrap();
    let archive = freehold_archive::Archive::open(&fixture("twitter/ytd-data-2020")).unwrap();
    let detection =
        freehold_archive::Platform::detect(&freehold_twitter::Twitter, &archive).unwrap();
    let options = freehold_store::ImportOptions {
        media_dir: Some(media.clone()),
        ..Default::default()
    };
    let outcome = store
        .import(&archive, &freehold_twitter::Twitter, &detection, &options)
        .unwrap();
    assert!(outcome.media_copied > 0);
    let conn = crate::util::connection_of(&store);
    let mut stmt = conn
        .prepare("SELECT archive_path, sha256 FROM media WHERE archive_path IS NOT NULL")
        .unwrap();
    let rows: Vec<(String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!rows.is_empty());
    for (path, sha) in rows {
        let sha = sha.unwrap_or_else(|| panic!("{path} has no sha256"));
        let bytes = std::fs::read(fixture("twitter/ytd-data-2020").join(&path)).unwrap();
        use sha2::Digest;
        assert_eq!(sha, freehold_model::id::hex(&sha2::Sha256::digest(&bytes)));
        let ext = path.rsplit('.').next().unwrap().to_ascii_lowercase();
        let copy = media.join(&sha[..2]).join(format!("{sha}.{ext}"));
        assert_eq!(std::fs::read(&copy).unwrap(), bytes, "{path}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }
}

/// The first import into a new database is built beside it and moved into place.
#[test]
fn a_first_import_that_fails_leaves_the_new_database_empty_and_no_build_file() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("new.sqlite");
    // A build that was killed earlier left its file behind.
    let stale = tmp.path().join(".new.sqlite.building");
    std::fs::write(&stale, b"half a database").unwrap();
    let mut store = Store::open(&db).unwrap();
    let archive = freehold_archive::Archive::open(&fixture("twitter/ytd-data-2024")).unwrap();
    assert!(import_interrupted(&mut store, &archive).is_err());
    let files = files_under(tmp.path());
    assert!(
        files.iter().all(|f| f.starts_with("new.sqlite")),
        "only the database (and its WAL files) is left: {files:?}"
    );
    assert!(dump(&crate::util::connection_of(&store)).is_empty());

    // The same store then imports for real, and its database is a normal WAL database.
    import_twitter(&mut store, &archive).unwrap();
    let posts = count(&crate::util::connection_of(&store), "posts", "");
    assert!(posts > 0);
    let mode = store.pragma("journal_mode").unwrap();
    assert_eq!(mode, "wal");
    drop(store);
    let files = files_under(tmp.path());
    assert!(!files.iter().any(|f| f.contains("building")), "{files:?}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(count(&conn, "posts", ""), posts);
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
}

#[test]
fn a_database_built_fresh_equals_one_written_in_place() {
    // The first archive goes through the fresh build, the second into the open database;
    // importing them in the other order into a database that already holds an import
    // writes both in place. The rows must agree.
    let first = fixture("twitter/ytd-root-2019");
    let second = fixture("twitter/ytd-data-2024");
    let fresh_then_in_place = import(&[&first, &second]);
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("in-place.sqlite");
    // An existing (not fresh) empty database: both imports are written in place.
    drop(Store::open(&db).unwrap());
    import_into(&db, &[&first, &second]);
    let in_place = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(dump(&fresh_then_in_place.conn()), dump(&in_place));
}

#[test]
fn provenance_has_one_entry_per_record_and_place_and_numbers_each_file_from_zero() {
    let imported = import(&[
        &fixture("twitter/ytd-data-2024"),
        &fixture("twitter/ytd-root-2019"),
    ]);
    let conn = imported.conn();
    let all = count(&conn, "provenance", "");
    let distinct: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM (SELECT DISTINCT * FROM provenance)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(all > 50);
    assert_eq!(
        all, distinct,
        "a record was given two entries for one place"
    );
    // Every row of the model came from somewhere.
    for table in [
        "accounts",
        "posts",
        "relationships",
        "reactions",
        "messages",
    ] {
        let orphans = count(
            &conn,
            table,
            &format!("id NOT IN (SELECT entity_id FROM provenance WHERE entity = '{table}')"),
        );
        assert_eq!(orphans, 0, "{table} rows without provenance");
    }
    // Entries of each file are numbered 0, 1, 2, … in the order they were written.
    let gaps: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM (SELECT source, COUNT(*) AS n, MIN(seq) AS lo, MAX(seq) AS hi
             FROM provenance_entries GROUP BY source) WHERE lo != 0 OR hi != n - 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(gaps, 0);
}

#[test]
fn a_left_over_build_file_is_removed_and_a_replaced_database_is_opened_again() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("old.sqlite");
    let building = tmp.path().join(".old.sqlite.building");
    // An existing (empty) database: imports are written in place.
    drop(Store::open(&db).unwrap());
    let archive = freehold_archive::Archive::open(&fixture("twitter/ytd-data-2024")).unwrap();

    // While another freehold holds the database's write lock (it is building the first
    // import), its build file is left alone.
    {
        std::fs::write(&building, b"being built").unwrap();
        let other = rusqlite::Connection::open(&db).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        let mut store = Store::open(&db).unwrap();
        store.set_busy_timeout(std::time::Duration::ZERO).unwrap();
        let err = import_twitter(&mut store, &archive)
            .unwrap_err()
            .to_string();
        assert!(err.contains("locked"), "{err}");
        assert!(building.exists(), "a build in progress was removed");
        other.execute_batch("ROLLBACK").unwrap();
    }

    // A database marked as replaced that is still there (a replacement that never
    // came) is refused, after opening it again a few times: nothing is written.
    {
        let mut store = Store::open(&db).unwrap();
        rusqlite::Connection::open(&db)
            .unwrap()
            .pragma_update(None, "user_version", -1)
            .unwrap();
        let err = import_twitter(&mut store, &archive).unwrap_err();
        assert!(matches!(err, freehold_store::Error::Replaced), "{err}");
        assert!(err.to_string().contains("run this import again"), "{err}");
        assert_eq!(count(&crate::util::connection_of(&store), "posts", ""), 0);
        let err = Store::open(&db).unwrap_err();
        assert!(matches!(err, freehold_store::Error::Replaced), "{err}");
        rusqlite::Connection::open(&db)
            .unwrap()
            .pragma_update(None, "user_version", freehold_model::SCHEMA_VERSION)
            .unwrap();
    }

    // Another freehold has a new database open while the first import into it runs:
    // the build is not moved over the file that freehold has open; the import is
    // written into the database itself, and both see it.
    {
        let shared = tmp.path().join("shared.sqlite");
        let mut first = Store::open(&shared).unwrap();
        let other = Store::open(&shared).unwrap();
        import_twitter(&mut first, &archive).unwrap();
        let posts = count(&crate::util::connection_of(&first), "posts", "");
        assert!(posts > 0);
        assert_eq!(
            count(&crate::util::connection_of(&other), "posts", ""),
            posts
        );
        assert!(!tmp.path().join(".shared.sqlite.building").exists());
        // Without the other store, a first import does move its build into place.
        drop((first, other));
        let alone = tmp.path().join("alone.sqlite");
        let mut first = Store::open(&alone).unwrap();
        let before = std::fs::metadata(&alone).unwrap();
        import_twitter(&mut first, &archive).unwrap();
        let after = std::fs::metadata(&alone).unwrap();
        #[cfg(unix)]
        assert_ne!(
            std::os::unix::fs::MetadataExt::ino(&before),
            std::os::unix::fs::MetadataExt::ino(&after),
            "the build was not moved into place"
        );
        let _ = (before, after);
        assert_eq!(
            count(&crate::util::connection_of(&first), "posts", ""),
            posts
        );
    }

    // Left behind by a process that was killed (nobody holds the lock): removed, and the
    // import goes ahead.
    std::fs::write(&building, b"half a database").unwrap();
    let mut store = Store::open(&db).unwrap();
    import_twitter(&mut store, &archive).unwrap();
    assert!(!building.exists());
    assert!(count(&crate::util::connection_of(&store), "posts", "") > 0);
}

#[test]
fn importing_an_archive_again_adds_only_missing_provenance_and_keeps_the_rest() {
    let archive = fixture("twitter/ytd-data-2024");
    let imported = import(&[&archive]);
    let before = dump(&imported.conn());
    {
        // As if an earlier freehold had recorded one entry this one does not write, and
        // had missed two that this one writes.
        let conn = imported.conn();
        conn.execute_batch(
            "INSERT INTO provenance_entries (source, seq, entity, entity_id, locator)
                 SELECT source, 1000, 'accounts', 'tw:account:older', '[99]'
                 FROM provenance_entries LIMIT 1;
             DELETE FROM provenance_entries WHERE (source, seq) IN
                 (SELECT source, seq FROM provenance_entries WHERE seq != 1000 LIMIT 2);",
        )
        .unwrap();
    }
    let changed = dump(&imported.conn());
    assert_ne!(before, changed);
    crate::util::import_into(&imported.db, &[&archive]);
    let after = dump(&imported.conn());
    let older: Vec<&String> = after
        .iter()
        .filter(|r| r.contains("tw:account:older"))
        .collect();
    assert_eq!(older.len(), 1, "the earlier entry is kept");
    let without_older: Vec<String> = after
        .iter()
        .filter(|r| !r.contains("tw:account:older"))
        .cloned()
        .collect();
    assert_eq!(
        before, without_older,
        "the missing entries are back, nothing doubled"
    );
    // Importing once more changes nothing at all.
    crate::util::import_into(&imported.db, &[&archive]);
    assert_eq!(after, dump(&imported.conn()));
}

/// Imports a Twitter archive into `store`, interrupted before it starts.
fn import_interrupted(
    store: &mut Store,
    archive: &freehold_archive::Archive,
) -> Result<freehold_store::ImportOutcome, freehold_store::Error> {
    let stop = std::sync::atomic::AtomicBool::new(true);
    let options = freehold_store::ImportOptions {
        interrupt: Some(&stop),
        ..Default::default()
    };
    import_twitter_with(store, archive, &options)
}

/// Imports a Twitter archive into `store` with the default options.
fn import_twitter(
    store: &mut Store,
    archive: &freehold_archive::Archive,
) -> Result<freehold_store::ImportOutcome, freehold_store::Error> {
    import_twitter_with(store, archive, &Default::default())
}

fn import_twitter_with(
    store: &mut Store,
    archive: &freehold_archive::Archive,
    options: &freehold_store::ImportOptions<'_>,
) -> Result<freehold_store::ImportOutcome, freehold_store::Error> {
    let detection =
        freehold_archive::Platform::detect(&freehold_twitter::Twitter, archive).unwrap();
    store.import(archive, &freehold_twitter::Twitter, &detection, options)
}
