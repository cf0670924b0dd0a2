//! The three forms of the model (Rust types, SQL, JSON Schema) agree.

use std::collections::BTreeSet;

use freehold_model::{ColumnKind, TABLES, json_schema};
use freehold_store::{SCHEMA_SQL, Store};

use crate::util::fixture;

#[test]
fn sql_tables_and_columns_match_the_rust_types() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("schema.sqlite")).unwrap();
    let conn = crate::util::connection_of(&store);
    // Every table of the model is a table or (provenance, stored in two compact tables)
    // a view.
    let sql_tables: BTreeSet<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')
             AND name NOT IN ('provenance_sources', 'provenance_entries')",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let rust_tables: BTreeSet<String> = TABLES.iter().map(|t| t.name.to_string()).collect();
    assert_eq!(sql_tables, rust_tables);
    let views: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'view'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(views, ["provenance"]);

    for table in TABLES {
        let mut stmt = conn
            .prepare(&format!("PRAGMA table_info({})", table.name))
            .unwrap();
        let columns: Vec<(String, String, bool, i64)> = stmt
            .query_map([], |r| Ok((r.get(1)?, r.get(2)?, r.get(3)?, r.get(5)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let names: Vec<&str> = columns.iter().map(|c| c.0.as_str()).collect();
        let rust: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
        assert_eq!(names, rust, "columns of {}", table.name);
        for ((name, ty, notnull, pk), def) in columns.iter().zip(table.columns) {
            assert_eq!(ty, def.kind.sql_type(), "type of {}.{name}", table.name);
            if views.contains(&table.name.to_string()) {
                // A view's columns carry no constraints; its tables do.
                continue;
            }
            assert_eq!(
                *notnull, !def.nullable,
                "nullability of {}.{name}",
                table.name
            );
            assert_eq!(
                *pk > 0,
                table.key.contains(&name.as_str()),
                "key of {}.{name}",
                table.name
            );
        }
    }
}

#[test]
fn json_schema_matches_the_rust_types() {
    let schema = json_schema();
    let defs = schema["$defs"].as_object().unwrap();
    let def_names: BTreeSet<&str> = defs.keys().map(String::as_str).collect();
    let rust: BTreeSet<&str> = TABLES.iter().map(|t| t.name).collect();
    assert_eq!(def_names, rust);
    for table in TABLES {
        let props = defs[table.name]["properties"].as_object().unwrap();
        let names: Vec<&str> = props.keys().map(String::as_str).collect();
        let mut expected: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
        expected.sort_unstable();
        let mut got = names.clone();
        got.sort_unstable();
        assert_eq!(got, expected, "properties of {}", table.name);
        for column in table.columns {
            let ty = &props[column.name]["type"];
            let base = match column.kind {
                ColumnKind::Text => "string",
                ColumnKind::Integer => "integer",
                ColumnKind::Real => "number",
                ColumnKind::Bool => "boolean",
                ColumnKind::Json => "object",
            };
            if column.nullable {
                assert_eq!(
                    ty,
                    &serde_json::json!([base, "null"]),
                    "{}.{}",
                    table.name,
                    column.name
                );
            } else {
                assert_eq!(ty, base, "{}.{}", table.name, column.name);
            }
        }
    }
}

#[test]
fn schema_files_are_up_to_date() {
    let sql = std::fs::read_to_string(fixture("../schemas/freehold.sql")).unwrap();
    assert_eq!(
        sql, SCHEMA_SQL,
        "run `freehold schema --format sql > schemas/freehold.sql`"
    );
    let json = std::fs::read_to_string(fixture("../schemas/freehold.schema.json")).unwrap();
    let expected = format!(
        "{}\n",
        serde_json::to_string_pretty(&json_schema()).unwrap()
    );
    assert_eq!(
        json, expected,
        "run `freehold schema --format json > schemas/freehold.schema.json`"
    );
}

#[test]
fn every_keyed_table_has_id_first_and_extra() {
    for table in TABLES {
        if table.name == "provenance" {
            assert_eq!(table.key.len(), 5);
            continue;
        }
        assert_eq!(table.key, &["id"], "{}", table.name);
        assert_eq!(table.columns[0].name, "id", "{}", table.name);
        assert!(
            table.column("extra").is_some(),
            "{} has no extra",
            table.name
        );
    }
}

#[test]
fn user_version_is_set_and_newer_databases_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.sqlite");
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        freehold_model::SCHEMA_VERSION
    );
    drop(store);
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", freehold_model::SCHEMA_VERSION + 1)
        .unwrap();
    let err = Store::open(&db).unwrap_err().to_string();
    assert!(err.contains("newer freehold"), "{err}");
}

#[test]
fn a_foreign_sqlite_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("other.sqlite");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT)")
        .unwrap();
    drop(conn);
    let err = Store::open(&db).unwrap_err().to_string();
    assert!(err.contains("not a freehold one"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_new_database_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("private.sqlite");
    drop(Store::open(&db).unwrap());
    let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_version_4_database_gets_the_raw_records_table() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v4.sqlite");
    crate::util::import_into(&db, &[&fixture("twitter/ytd-root-2019")]);
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "DROP TABLE raw_records; DROP TABLE persons; DROP TABLE person_accounts;
             DROP TABLE person_links; DROP TABLE person_decisions; PRAGMA user_version = 4;",
        )
        .unwrap();
    }
    let before = crate::util::dump(&rusqlite::Connection::open(&db).unwrap());
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        freehold_model::SCHEMA_VERSION
    );
    let sql: String = crate::util::connection_of(&store)
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'raw_records'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(sql.contains("position"), "{sql}");
    assert_eq!(
        before,
        crate::util::dump(&crate::util::connection_of(&store)),
        "the data changed"
    );
    assert!(dir.path().join("v4.sqlite.v4.bak").exists());
}

#[test]
fn an_older_database_is_migrated_after_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.sqlite");
    crate::util::import_into(&db, &[&fixture("twitter/ytd-root-2019")]);
    // Make it a version-1 database: without the indexes version 2 added, and with the
    // wide provenance table that version 3 replaced.
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "DROP INDEX post_entities_value; DROP INDEX reactions_target_post;
             DROP TABLE raw_records;
             CREATE TABLE old_provenance AS SELECT * FROM provenance;
             DROP VIEW provenance;
             DROP TABLE provenance_entries;
             DROP TABLE provenance_sources;
             CREATE TABLE provenance (
                 entity          TEXT NOT NULL,
                 entity_id       TEXT NOT NULL,
                 import_id       TEXT NOT NULL REFERENCES imports (id) DEFERRABLE INITIALLY DEFERRED,
                 path            TEXT NOT NULL,
                 locator         TEXT NOT NULL,
                 PRIMARY KEY (entity, entity_id, import_id, path, locator)
             ) WITHOUT ROWID;
             CREATE INDEX provenance_import ON provenance (import_id);
             INSERT OR IGNORE INTO provenance SELECT * FROM old_provenance;
             DROP TABLE old_provenance;
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let before = crate::util::dump(&rusqlite::Connection::open(&db).unwrap());
    assert!(
        before
            .iter()
            .filter(|r| r.starts_with("provenance:"))
            .count()
            > 10
    );
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        freehold_model::SCHEMA_VERSION
    );
    let indexes: i64 = crate::util::connection_of(&store)
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('post_entities_value', 'reactions_target_post')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(indexes, 2);
    assert_eq!(
        before,
        crate::util::dump(&crate::util::connection_of(&store)),
        "the data changed"
    );
    drop(store);
    // The migrated provenance is the one a new import writes: importing again adds nothing.
    crate::util::import_into(&db, &[&fixture("twitter/ytd-root-2019")]);
    assert_eq!(
        before,
        crate::util::dump(&rusqlite::Connection::open(&db).unwrap()),
        "importing again after the migration changed the data"
    );
    let backup = dir.path().join("old.sqlite.v1.bak");
    let conn = rusqlite::Connection::open(&backup).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1, "the backup is the database as it was");
    assert_eq!(before, crate::util::dump(&conn));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

/// A parser that emits posts by the given authors; only `tw:account:1` is written.
struct Dangling(&'static [&'static str]);

impl freehold_archive::Platform for Dangling {
    fn name(&self) -> &'static str {
        "twitter"
    }
    fn detect(&self, _: &freehold_archive::Archive) -> Option<freehold_archive::Detection> {
        None
    }
    fn parse(
        &self,
        _: &freehold_archive::Archive,
        _: &freehold_archive::Detection,
        cx: &mut freehold_archive::ParseContext<'_>,
    ) -> Result<(), freehold_archive::Error> {
        let author = freehold_model::Account {
            id: "tw:account:1".into(),
            platform: "twitter".into(),
            ..Default::default()
        };
        cx.emit(author, "data/tweets.js", "[0]")?;
        for (i, who) in self.0.iter().enumerate() {
            let post = freehold_model::Post {
                id: format!("tw:post:{i}"),
                platform: "twitter".into(),
                kind: "tweet".into(),
                author_account: Some((*who).to_string()),
                ..Default::default()
            };
            cx.emit(post, "data/tweets.js", format!("[{i}]"))?;
        }
        Ok(())
    }
}

#[test]
fn a_dangling_reference_refuses_the_whole_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fk.sqlite");
    crate::util::import_into(&db, &[&fixture("twitter/ytd-root-2019")]);
    let before = crate::util::dump(&rusqlite::Connection::open(&db).unwrap());
    let archive = freehold_archive::Archive::open(&fixture("linkedin/basic-2018")).unwrap();
    let detection = freehold_archive::Detection {
        platform: "twitter",
        layout: freehold_twitter::Layout::YtdRoot.into(),
        confidence: 100,
    };
    let mut store = Store::open(&db).unwrap();
    let err = store
        .import(
            &archive,
            &Dangling(&["tw:account:1", "tw:account:nobody"]),
            &detection,
            &freehold_store::ImportOptions::default(),
        )
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("author_account points at a missing accounts row tw:account:nobody"),
        "{err}"
    );
    assert!(!err.contains("tw:post:0"), "{err}");
    // Nothing of it was written, and foreign keys are enforced again afterwards.
    assert_eq!(
        before,
        crate::util::dump(&crate::util::connection_of(&store))
    );
    assert_eq!(store.pragma("foreign_keys").unwrap(), "1");

    // A reference changed by merging into an existing row is checked too.
    store
        .import(
            &archive,
            &Dangling(&["tw:account:1"]),
            &detection,
            &freehold_store::ImportOptions::default(),
        )
        .unwrap();
    let merged = crate::util::dump(&crate::util::connection_of(&store));
    let err = store
        .import(
            &archive,
            &Dangling(&["tw:account:nobody"]),
            &detection,
            &freehold_store::ImportOptions::default(),
        )
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("posts tw:post:0: author_account points at a missing accounts row"),
        "{err}"
    );
    assert_eq!(
        merged,
        crate::util::dump(&crate::util::connection_of(&store))
    );
}
