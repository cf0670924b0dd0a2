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

/// Copies a fixture folder to `to`.
fn copy_fixture(rel: &str, to: &std::path::Path) {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).unwrap();
        for item in std::fs::read_dir(from).unwrap() {
            let item = item.unwrap();
            let dest = to.join(item.file_name());
            if item.file_type().unwrap().is_dir() {
                copy(&item.path(), &dest);
            } else {
                std::fs::copy(item.path(), dest).unwrap();
            }
        }
    }
    copy(&fixture(rel), to);
}

/// Runs freehold in `dir`.
fn freehold_in(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_freehold"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// The names in `dir`, sorted.
fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_wrong_input_gets_one_sentence_and_leaves_the_folder_clean() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir_all(inputs.join("empty")).unwrap();
    std::fs::write(inputs.join("statement.zip"), b"%PDF-1.7\n%....").unwrap();
    std::fs::write(
        inputs.join("twitter.zip"),
        b"\n<!DOCTYPE html><html><head><title>Log in to X</title>",
    )
    .unwrap();
    std::fs::write(inputs.join("twitter.zip.part2"), b"PK\x03\x04....").unwrap();
    std::fs::write(inputs.join("archive.tar.gz"), [0x1f, 0x8b, 8, 0, 0]).unwrap();
    std::fs::write(inputs.join("notes.txt"), b"hello").unwrap();
    let work = dir.path().join("work");
    std::fs::create_dir_all(&work).unwrap();
    let cases: &[(&str, &str)] = &[
        (
            "/nope.zip",
            "freehold: /nope.zip does not exist; check the path (a zip file or an extracted folder)\n",
        ),
        (
            "../inputs/statement.zip",
            "freehold: ../inputs/statement.zip is a PDF document, not an export archive; download the archive itself (a .zip) from the platform's \"download your data\" page\n",
        ),
        (
            "../inputs/twitter.zip",
            "freehold: ../inputs/twitter.zip is a web page (HTML), not an export archive: most likely the sign-in or download page was saved instead of the file; sign in in a browser and download the archive again\n",
        ),
        (
            "../inputs/twitter.zip.part2",
            "freehold: ../inputs/twitter.zip.part2 is one part (part 2) of a zip split into several files; join the parts into one zip first (`zip -s 0 <first part> --out whole.zip`, or `cat` the numbered parts in order into whole.zip) and import that\n",
        ),
        (
            "../inputs/archive.tar.gz",
            "freehold: ../inputs/archive.tar.gz is a gzip file (such as a .tar.gz), not a zip; extract it (`tar -xzf <file>`) and import the folder\n",
        ),
        (
            "../inputs/empty",
            "freehold: ../inputs/empty is empty: it holds no files\n",
        ),
        (
            "../inputs/notes.txt",
            "freehold: ../inputs/notes.txt is not a readable zip archive: invalid Zip archive: Could not find EOCD\n",
        ),
    ];
    for (input, message) in cases {
        let out = freehold_in(&work, &["import", input]);
        assert_eq!(out.status.code(), Some(2), "{input}");
        assert_eq!(stderr(&out), *message, "{input}");
        assert_eq!(stdout(&out), "", "{input}: no totals for a failed import");
        assert_eq!(
            names(&work),
            Vec::<String>::new(),
            "{input} left files behind"
        );
        let out = freehold_in(&work, &["inspect", input]);
        assert_eq!(out.status.code(), Some(2), "{input}");
        assert_eq!(stderr(&out), *message, "inspect {input}");
    }
    // The database path: said once, and left untouched.
    let folder = work.join("db-folder");
    std::fs::create_dir(&folder).unwrap();
    let archive = fixture("twitter/ytd-data-2020");
    let out = freehold_in(
        &work,
        &["import", archive.to_str().unwrap(), "--db", "db-folder"],
    );
    assert_eq!(
        stderr(&out),
        "freehold: cannot open the database db-folder: db-folder is not a freehold database (it is a folder; name a database file, e.g. --db freehold.sqlite); it was left untouched, choose another --db path\n"
    );
    std::fs::write(work.join("notes.sqlite"), [7u8; 4096]).unwrap();
    let out = freehold_in(
        &work,
        &["import", archive.to_str().unwrap(), "--db", "notes.sqlite"],
    );
    assert_eq!(
        stderr(&out),
        "freehold: cannot open the database notes.sqlite: notes.sqlite is not a freehold database (it is not an SQLite database); it was left untouched, choose another --db path\n"
    );
    assert_eq!(names(&work), ["db-folder", "notes.sqlite"]);
}

#[test]
fn a_folder_of_several_archives_imports_each_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let downloads = dir.path().join("downloads");
    copy_fixture("twitter/ytd-data-2024", &downloads.join("x-2024"));
    copy_fixture("linkedin/basic-2021", &downloads.join("linkedin"));
    std::fs::write(downloads.join("notes.txt"), b"not an archive").unwrap();
    let out = freehold_in(dir.path(), &["import", "downloads"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(
            "downloads holds 2 archives; each is imported on its own, in this order:\n  downloads/linkedin\n  downloads/x-2024\n"
        ),
        "{text}"
    );
    assert!(text.contains("Imported linkedin (linkedin/"), "{text}");
    assert!(text.contains("Imported x-2024 (twitter/"), "{text}");
    let conn = rusqlite::Connection::open(dir.path().join("freehold.sqlite")).unwrap();
    assert_eq!(count(&conn, "imports", ""), 2);
    // inspect reads both too.
    let out = freehold_in(
        dir.path(),
        &["inspect", "downloads/x-2024", "downloads/linkedin"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("x-2024: twitter (twitter/ytd-data-plural)"),
        "{text}"
    );
    assert!(text.contains("linkedin: linkedin ("), "{text}");
}

#[test]
fn a_folder_with_archives_deep_inside_is_refused_with_their_list() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("home");
    copy_fixture("twitter/ytd-data-2020", &tree.join("old/x/a"));
    copy_fixture("twitter/ytd-notes-2024", &tree.join("old/x/b"));
    copy_fixture("linkedin/upload-2021", &tree.join("work/linkedin"));
    std::fs::write(tree.join("readme.txt"), b"mine").unwrap();
    let out = freehold_in(dir.path(), &["import", "home"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "freehold: home is not an export archive, but 3 archives sit deeper inside it; name the ones you mean:\n  home/old/x/a\n  home/old/x/b\n  home/work\n"
    );
    assert_eq!(names(dir.path()), ["home"], "nothing was written");
}

#[test]
fn an_oversized_file_in_a_folder_fails_alone_as_in_a_zip() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("x");
    copy_fixture("twitter/ytd-data-2020", &archive);
    let like = archive.join("data/like.js");
    let mut text = std::fs::read_to_string(&like).unwrap();
    text.push_str(&" ".repeat(2 << 20));
    std::fs::write(&like, text).unwrap();
    std::fs::write(archive.join("data/tweet_media/big.jpg"), vec![0u8; 2 << 20]).unwrap();
    let out = freehold_in(dir.path(), &["inspect", "x", "--max-file-mib", "1"]);
    let text = stdout(&out);
    assert!(
        text.lines()
            .any(|l| l.contains("failed") && l.contains("data/like.js")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("failed") && l.contains("big.jpg") && l.contains("refused")),
        "{text}"
    );
    let out = freehold_in(dir.path(), &["import", "x", "--max-file-mib", "1"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let conn = rusqlite::Connection::open(dir.path().join("freehold.sqlite")).unwrap();
    assert!(count(&conn, "posts", "") > 0, "the rest imported");
    assert_eq!(count(&conn, "reactions", "id LIKE 'tw:like:%'"), 0);
}
