//! The real binary, as a person runs it.

use std::process::{Command, Output};

use crate::util::{count, fixture};

fn freehold(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_freehold"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn inspect_reports_platform_era_and_every_file_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_freehold"))
        .args([
            "inspect",
            fixture("twitter/ytd-data-2024").to_str().unwrap(),
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("twitter (twitter/ytd-data-plural)"), "{text}");
    assert!(text.contains("data/tweets-part1.js"), "{text}");
    assert!(
        text.contains("skipped") && text.contains("data/personalization.js"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "inspect wrote a file"
    );
}

#[test]
fn import_writes_the_default_database_and_prints_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_freehold"))
        .args(["import", fixture("twitter/ytd-data-2020").to_str().unwrap()])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Imported ytd-data-2020 (twitter/ytd-data-singular)"),
        "{text}"
    );
    assert!(
        text.contains("Database freehold.sqlite now holds:"),
        "{text}"
    );
    let db = dir.path().join("freehold.sqlite");
    let conn = rusqlite::Connection::open(db).unwrap();
    assert!(count(&conn, "posts", "") > 0);
}

#[test]
fn broken_archive_imports_the_rest_and_names_each_problem() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.sqlite");
    let out = freehold(&[
        "import",
        fixture("twitter/ytd-broken").to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    // Records were lost (a missing part, a truncated file): exit 1, the rest imported.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("missing-part") && text.contains("data/tweets-part2.js"),
        "{text}"
    );
    assert!(
        text.contains("json-syntax") && text.contains("data/like.js"),
        "{text}"
    );
    assert!(
        text.contains("unknown-file") && text.contains("data/brand-new-thing.js"),
        "{text}"
    );
}

#[test]
fn unreadable_input_exits_2_with_a_message_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.sqlite");
    let db = db.to_str().unwrap();

    let text_file = dir.path().join("notes.zip");
    std::fs::write(&text_file, "this is not a zip").unwrap();
    let out = freehold(&["import", text_file.to_str().unwrap(), "--db", db]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("notes.zip") && stderr(&out).contains("not a readable zip"),
        "{}",
        stderr(&out)
    );

    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = freehold(&["import", empty.to_str().unwrap(), "--db", db]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is empty"), "{}", stderr(&out));

    let other = dir.path().join("holiday");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("photo-list.txt"), "beach.jpg").unwrap();
    let out = freehold(&["import", other.to_str().unwrap(), "--db", db]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not an export archive freehold recognises"),
        "{}",
        stderr(&out)
    );

    let missing = dir.path().join("nope.zip");
    let out = freehold(&["inspect", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope.zip"), "{}", stderr(&out));

    // A truncated zip: the first half of a real one.
    let whole = dir.path().join("whole.zip");
    crate::util::zip_dir(
        &fixture("twitter/ytd-root-2019"),
        &whole,
        crate::util::ZipStyle::default(),
    );
    let bytes = std::fs::read(&whole).unwrap();
    let truncated = dir.path().join("truncated.zip");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let out = freehold(&["import", truncated.to_str().unwrap(), "--db", db]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("truncated.zip"), "{}", stderr(&out));
}

#[test]
fn export_and_schema_commands_write_valid_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.sqlite");
    let db = db.to_str().unwrap();
    assert!(
        freehold(&[
            "import",
            "-q",
            fixture("twitter/ytd-root-2019").to_str().unwrap(),
            "--db",
            db
        ])
        .status
        .success()
    );
    let json = dir.path().join("out.json");
    let out = freehold(&[
        "export",
        "--db",
        db,
        "--format",
        "json",
        "--out",
        json.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(doc["schema_version"], freehold_model::SCHEMA_VERSION);
    assert!(!doc["posts"].as_array().unwrap().is_empty());

    let nd = dir.path().join("nd");
    let out = freehold(&[
        "export",
        "--db",
        db,
        "--format",
        "ndjson",
        "--out",
        nd.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(nd.join("posts.ndjson").exists());

    let out = freehold(&["schema", "--format", "json"]);
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let out = freehold(&["schema", "--format", "sql"]);
    assert!(stdout(&out).contains("CREATE TABLE posts"));
}

/// Several `freehold import`s of one archive started at the same moment on a path that
/// does not exist yet (a person who clicks twice, a script run twice): every one
/// succeeds, no build file is left behind, and the database holds exactly what one
/// import gives.
#[test]
fn imports_racing_for_a_new_database_leave_one_consistent_database() {
    let archive = fixture("twitter/ytd-data-2024");
    let expected = crate::util::dump(&crate::util::import(&[&archive]).conn());
    for round in 0..4 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("race.sqlite");
        let children: Vec<_> = (0..4)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_freehold"))
                    .args(["import", archive.to_str().unwrap(), "--quiet", "--db"])
                    .arg(&db)
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outputs: Vec<Output> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        // The one that created the database builds its first import beside it and moves
        // it into place only if no other freehold has the database open; else it writes
        // in place. Either way the others wait for it, then find nothing new to write.
        for out in &outputs {
            assert!(out.status.success(), "round {round}: {}", stderr(out));
        }
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".building") || n.ends_with("-journal"))
            .collect();
        assert!(left.is_empty(), "round {round}: left behind {left:?}");
        let conn = rusqlite::Connection::open(&db).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "round {round}");
        assert_eq!(crate::util::dump(&conn), expected, "round {round}");
    }
}
