//! Broken and hostile input: clear errors, bounded work, nothing written outside, nothing
//! half-written. The inputs are in `fixtures/hostile/` (see fixtures/README.md) or built
//! here.

use std::path::Path;
use std::process::{Command, Output};

use crate::util::{count, fixture, text};

fn freehold(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_freehold"))
        .args(args)
        .output()
        .unwrap()
}

fn out_text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Runs the binary and samples its peak resident memory (`VmHWM`, in KiB) until it exits.
/// Returns 0 for the peak where `/proc` is not available.
pub(crate) fn freehold_measured(args: &[&str]) -> (Output, u64) {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_freehold"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(status) = std::fs::read_to_string(&status_path)
            && let Some(kib) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak = peak.max(kib);
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    (child.wait_with_output().unwrap(), peak)
}

fn import(archive: &Path, db: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "import",
        archive.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    freehold(&args)
}

#[test]
fn zip_bomb_entry_is_refused_and_the_rest_imports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.sqlite");
    let out = import(&fixture("hostile/zip-bomb.zip"), &db, &[]);
    let text = out_text(&out);
    // The refused entry is a failed file: exit 1.
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("data/tweets.js") && text.contains("zip bomb"),
        "{text}"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(count(&conn, "accounts", "is_owner"), 1);
    assert_eq!(count(&conn, "posts", ""), 0);
}

#[test]
fn a_tighter_file_limit_refuses_large_entries() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.sqlite");
    let out = import(
        &fixture("twitter/ytd-data-2020"),
        &db,
        &["--max-file-mib", "0"],
    );
    // Every file is over 0 MiB: nothing can be read, which is exit code 2.
    assert_eq!(out.status.code(), Some(2), "{}", out_text(&out));
    assert!(
        out_text(&out).contains("were refused by the size limits"),
        "{}",
        out_text(&out)
    );
    assert_nothing_left(&db);
}

#[test]
fn an_archive_whose_every_data_file_fails_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("broken");
    std::fs::create_dir_all(archive.join("data")).unwrap();
    std::fs::write(
        archive.join("data/tweets.js"),
        "window.YTD.tweets.part0 = [ {\"tweet\": {\"id_str\": ",
    )
    .unwrap();
    let db = dir.path().join("h.sqlite");
    let out = import(&archive, &db, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", out_text(&out));
    assert!(
        out_text(&out).contains("nothing could be imported"),
        "{}",
        out_text(&out)
    );
    assert!(
        out_text(&out).contains("data/tweets.js"),
        "{}",
        out_text(&out)
    );
    assert_nothing_left(&db);
}

#[test]
fn one_huge_record_stops_its_file_not_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("huge");
    std::fs::create_dir_all(archive.join("data")).unwrap();
    std::fs::copy(
        fixture("hostile/deep-nesting/data/account.js"),
        archive.join("data/account.js"),
    )
    .unwrap();
    let big = "x".repeat(64 << 20);
    std::fs::write(
        archive.join("data/tweets.js"),
        format!(
            "window.YTD.tweets.part0 = [ {{\"tweet\": {{\"id_str\": \"1\", \"full_text\": \"small\"}}}}, {{\"tweet\": {{\"id_str\": \"2\", \"full_text\": \"{big}\"}}}} ]"
        ),
    )
    .unwrap();
    let db = dir.path().join("h.sqlite");
    let (out, peak_kib) = freehold_measured(&[
        "import",
        archive.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--max-record-mib",
        "1",
    ]);
    let text = out_text(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("larger than the limit"), "{text}");
    // The 64 MiB value is never held whole: reading stops near the 1 MiB limit.
    assert!(peak_kib < 48 * 1024, "peak memory {peak_kib} KiB");
    assert!(text.contains("data/tweets.js"), "{text}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(
        count(&conn, "posts", ""),
        1,
        "the record before the huge one is kept"
    );
}

#[test]
fn deep_nesting_is_a_diagnostic_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.sqlite");
    let out = import(&fixture("hostile/deep-nesting"), &db, &[]);
    let text = out_text(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    // The one deeply nested record is skipped; the reader goes on after it.
    assert!(
        text.contains("record-skipped") && text.contains("data/tweets.js"),
        "{text}"
    );
    assert!(text.contains("recursion limit"), "{text}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(count(&conn, "accounts", "is_owner"), 1);
}

#[test]
fn truncated_and_non_archives_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.sqlite");
    for (name, says) in [
        ("hostile/truncated.zip", "is a zip file that is cut short"),
        ("hostile/not-an-archive.zip", "not a readable zip archive"),
    ] {
        let out = import(&fixture(name), &db, &[]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let text = out_text(&out);
        assert!(
            text.contains(name.rsplit('/').next().unwrap()) && text.contains(says),
            "{text}"
        );
        assert!(!text.contains("panicked"), "{text}");
        assert!(!text.contains("now holds"), "{text}");
        assert_nothing_left(&db);
    }
}

/// A first import that failed left no database, lock file or build behind.
pub fn assert_nothing_left(db: &std::path::Path) {
    let folder = db.parent().unwrap();
    let name = db.file_name().unwrap().to_string_lossy().into_owned();
    let left: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(&name))
        .collect();
    assert!(left.is_empty(), "a failed first import left {left:?}");
}

#[test]
fn entry_names_never_write_outside_the_media_dir() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("a/b/c");
    std::fs::create_dir_all(&work).unwrap();
    let media = work.join("media");
    let out = Command::new(env!("CARGO_BIN_EXE_freehold"))
        .args([
            "import",
            fixture("hostile/path-traversal.zip").to_str().unwrap(),
            "--db",
            "t.sqlite",
            "--media-dir",
            "media",
        ])
        .current_dir(&work)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", out_text(&out));
    // Nothing appeared anywhere but the database and the media folder.
    let mut outside = Vec::new();
    for entry in walk(dir.path()) {
        let rel = entry.strip_prefix(&work).map(Path::to_path_buf);
        match rel {
            Ok(rel)
                if rel.starts_with("media") || rel.to_string_lossy().starts_with("t.sqlite") => {}
            _ => outside.push(entry),
        }
    }
    assert!(outside.is_empty(), "written outside: {outside:?}");
    assert!(!Path::new("/tmp/freehold-escaped.txt").exists());
    let conn = rusqlite::Connection::open(work.join("t.sqlite")).unwrap();
    let sha = text(&conn, "SELECT sha256 FROM media WHERE archive_path = 'data/tweets_media/1311350280827691591-EvilPic.jpg'").unwrap();
    assert!(media.join(&sha[..2]).join(format!("{sha}.jpg")).exists());
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for item in std::fs::read_dir(dir).unwrap() {
        let path = item.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Writes a YTD archive with `n` tweets and as many followers.
fn big_archive(dir: &Path, n: usize) {
    use std::io::Write;
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy(
        fixture("hostile/deep-nesting/data/account.js"),
        data.join("account.js"),
    )
    .unwrap();
    let mut f = std::io::BufWriter::new(std::fs::File::create(data.join("tweets.js")).unwrap());
    write!(f, "window.YTD.tweets.part0 = [").unwrap();
    for i in 0..n {
        let sep = if i == 0 { "" } else { "," };
        write!(
            f,
            "{sep}\n{{\"tweet\": {{\"id_str\": \"{}\", \"created_at\": \"Wed Sep 30 16:24:10 +0000 2020\", \"full_text\": \"tweet number {i} &amp; more\", \"entities\": {{\"hashtags\": [{{\"text\": \"n{}\"}}]}}}}}}",
            1_300_000_000_000_000_000u64 + i as u64,
            i % 100
        )
        .unwrap();
    }
    write!(f, "]").unwrap();
    f.flush().unwrap();
}

#[test]
fn killed_import_leaves_all_or_nothing_and_a_rerun_completes() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("big");
    let n = 60_000;
    big_archive(&archive, n);
    let db = dir.path().join("crash.sqlite");
    // An earlier import that must survive.
    assert!(
        import(&fixture("twitter/ytd-root-2019"), &db, &["-q"])
            .status
            .success()
    );

    // Kill it at several moments: once the write-ahead log shows the transaction is under
    // way, then after fixed delays (later runs start over: a killed import wrote nothing).
    let wal = dir.path().join("crash.sqlite-wal");
    for delay_ms in [0u64, 400, 1200] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_freehold"))
            .args([
                "import",
                "-q",
                archive.to_str().unwrap(),
                "--db",
                db.to_str().unwrap(),
            ])
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        if delay_ms == 0 {
            while std::fs::metadata(&wal).map_or(0, |m| m.len()) < 64 * 1024
                && started.elapsed() < std::time::Duration::from_secs(60)
            {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        } else {
            std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();

        let conn = rusqlite::Connection::open(&db).unwrap();
        let integrity: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(integrity, "ok", "after a kill at {delay_ms} ms");
        let imports = count(&conn, "imports", "");
        let big_posts = count(&conn, "posts", "native_id LIKE '13000%'");
        assert!(
            (imports == 1 && big_posts == 0) || (imports == 2 && big_posts == n as i64),
            "half an archive is in the database after a kill at {delay_ms} ms: {imports} imports, {big_posts} posts"
        );
        assert_eq!(
            count(&conn, "posts", "native_id NOT LIKE '13000%'"),
            5,
            "the earlier import was damaged"
        );
        if imports == 2 {
            break;
        }
    }

    let out = import(&archive, &db, &["-q"]);
    assert!(out.status.success(), "{}", out_text(&out));
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(count(&conn, "imports", ""), 2);
    assert_eq!(count(&conn, "posts", "native_id LIKE '13000%'"), n as i64);
    assert_eq!(
        count(
            &conn,
            "post_entities",
            "kind = 'hashtag' AND post_id LIKE 'tw:post:13000%'"
        ),
        n as i64
    );
}

#[test]
fn no_dependency_can_reach_the_network() {
    let lock = std::fs::read_to_string(fixture("../Cargo.lock")).unwrap();
    for forbidden in [
        "reqwest",
        "hyper",
        "ureq",
        "curl",
        "isahc",
        "attohttpc",
        "surf",
        "tokio",
        "rustls",
        "native-tls",
        "openssl",
    ] {
        assert!(
            !lock.contains(&format!("name = \"{forbidden}\"")),
            "{forbidden} is in Cargo.lock: freehold must make no network calls"
        );
    }
}

/// Imports fixture `rel` as shipped and, into a second database, with its file `file`
/// changed by `edit`; returns the folder holding both, the first database, the second's
/// path and what the second import printed.
fn clean_and_damaged(
    rel: &str,
    file: &str,
    edit: impl Fn(Vec<u8>) -> Vec<u8>,
) -> (
    tempfile::TempDir,
    rusqlite::Connection,
    std::path::PathBuf,
    Output,
) {
    let dir = tempfile::tempdir().unwrap();
    let clean_db = dir.path().join("clean.sqlite");
    let out = import(&fixture(rel), &clean_db, &["--quiet"]);
    assert!(out.status.success(), "{}", out_text(&out));
    let clean = rusqlite::Connection::open(&clean_db).unwrap();
    let archive = dir.path().join("damaged");
    copy_fixture(rel, &archive, |path, bytes| {
        if path == file { edit(bytes) } else { bytes }
    });
    let db = dir.path().join("damaged.sqlite");
    let out = import(&archive, &db, &[]);
    (dir, clean, db, out)
}

/// Copies a fixture folder to `dest`, with `edit(path, bytes)` changing files on the way.
fn copy_fixture(rel: &str, dest: &Path, edit: impl Fn(&str, Vec<u8>) -> Vec<u8>) {
    let src = fixture(rel);
    for file in crate::util::files_under(&src) {
        let to = dest.join(&file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        let bytes = std::fs::read(src.join(&file)).unwrap();
        std::fs::write(&to, edit(&file, bytes)).unwrap();
    }
}

fn replace_once(bytes: Vec<u8>, from: &str, to: &[u8]) -> Vec<u8> {
    let text = bytes.clone();
    let at = text
        .windows(from.len())
        .position(|w| w == from.as_bytes())
        .unwrap_or_else(|| panic!("{from} not in the fixture"));
    let mut out = text[..at].to_vec();
    out.extend_from_slice(to);
    out.extend_from_slice(&text[at + from.len()..]);
    out
}

#[test]
fn one_bad_value_costs_that_value_not_the_rest_of_the_file() {
    let (_dir, clean, db, out) =
        clean_and_damaged("twitter/ytd-data-2024", "data/tweets.js", |bytes| {
            let bytes = replace_once(bytes, "de buren! 😋", br"de buren! \ud83d");
            let bytes = replace_once(bytes, "oude tweet 🦕", b"oude tweet \xED\xA0\xBD");
            replace_once(
                bytes,
                r#""retweet_count" : "0""#,
                br#""retweet_count" : 1e400"#,
            )
        });
    let said = out_text(&out);
    // Nothing was lost: repairs are warnings and the exit code is 0.
    assert!(out.status.success(), "{said}");
    assert!(said.contains("value-repaired"), "{said}");
    assert!(said.contains("/tweet/full_text"), "{said}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(
        count(&conn, "posts", ""),
        count(&clean, "posts", ""),
        "every post of the file is kept"
    );
    assert_eq!(
        text(
            &conn,
            "SELECT text FROM posts WHERE native_id = '1756258507827361375'"
        )
        .as_deref(),
        Some("Vanavond poffertjes bakken met de buren! \u{fffd}")
    );
    let extra = text(
        &conn,
        "SELECT extra FROM posts WHERE native_id = '1756258507827361375'",
    )
    .unwrap_or_default();
    assert!(
        extra.contains(r#""full_text.source":"Vanavond poffertjes bakken met de buren! \\ud83d""#),
        "{extra}"
    );
    assert!(
        crate::util::texts(&conn, "SELECT extra FROM posts WHERE extra IS NOT NULL")
            .iter()
            .any(|e| e.contains(r"\\xED\\xA0\\xBD")),
        "the invalid bytes are kept as \\xNN"
    );
}

#[test]
fn a_broken_record_is_skipped_the_rest_imported_and_the_exit_code_says_so() {
    let (_dir, clean, db, out) =
        clean_and_damaged("twitter/ytd-data-2024", "data/tweets.js", |bytes| {
            replace_once(
                bytes,
                r#""full_text" : "Vanavond poffertjes bakken met de buren! 😋""#,
                br#""full_text" : tru"#,
            )
        });
    let text = out_text(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("record-skipped"), "{text}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(
        count(&conn, "posts", "native_id = '1756258507827361375'"),
        0
    );
    // Every other post of the file, including those after the broken one, is there.
    assert_eq!(
        count(&conn, "posts", "native_id <> '1756258507827361375'"),
        count(&clean, "posts", "native_id <> '1756258507827361375'")
    );
}

#[test]
fn an_export_never_writes_onto_its_database_or_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let out = import(&fixture("twitter/ytd-data-2024"), &db, &["--quiet"]);
    assert!(out.status.success(), "{}", out_text(&out));
    let before = std::fs::read(&db).unwrap();
    let db_s = db.to_str().unwrap();
    let spellings = [
        db_s.to_string(),
        format!("{db_s}-wal"),
        format!("{db_s}.lock"),
        dir.path()
            .join("x/../db.sqlite")
            .to_str()
            .unwrap()
            .to_string(),
    ];
    std::fs::create_dir(dir.path().join("x")).unwrap();
    for target in &spellings {
        for format in ["json", "ndjson"] {
            let out = freehold(&[
                "export", "--db", db_s, "--format", format, "--out", target, "--force",
            ]);
            let said = out_text(&out);
            assert_eq!(out.status.code(), Some(2), "{format} {target}: {said}");
            assert!(said.contains("will not write"), "{said}");
        }
    }
    // A folder that holds the database is refused too: replacing it would delete it.
    let out = freehold(&[
        "export",
        "--db",
        db_s,
        "--format",
        "ndjson",
        "--out",
        dir.path().to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", out_text(&out));
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database is untouched"
    );

    #[cfg(unix)]
    {
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"mine").unwrap();
        let link = dir.path().join("out.json");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let out = freehold(&[
            "export",
            "--db",
            db_s,
            "--out",
            link.to_str().unwrap(),
            "--force",
        ]);
        assert_eq!(out.status.code(), Some(2), "{}", out_text(&out));
        assert_eq!(std::fs::read(&victim).unwrap(), b"mine");
    }

    // An existing file needs --force; standard output needs nothing.
    let json = dir.path().join("out2.json");
    std::fs::write(&json, b"older").unwrap();
    let out = freehold(&["export", "--db", db_s, "--out", json.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", out_text(&out));
    assert!(out_text(&out).contains("--force"));
    assert_eq!(std::fs::read(&json).unwrap(), b"older");
    let out = freehold(&["export", "--db", db_s, "--out", "-"]);
    assert!(out.status.success(), "{}", out_text(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["posts"].as_array().is_some_and(|p| !p.is_empty()));
    assert!(!Path::new("-").exists());
}

#[test]
fn a_database_that_is_not_freehold_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    // Another application's database, with user_version 1 as freehold's first schema had.
    let other = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&other).unwrap();
        conn.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep'); PRAGMA user_version = 1;")
            .unwrap();
    }
    let before = std::fs::read(&other).unwrap();
    let out = import(&fixture("twitter/ytd-data-2024"), &other, &["--quiet"]);
    let said = out_text(&out);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert!(said.contains("not a freehold database"), "{said}");
    assert_eq!(std::fs::read(&other).unwrap(), before);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["other.sqlite"], "no -wal, -shm, .lock or backup");

    // A file that is not SQLite at all, and a folder.
    let text_file = dir.path().join("notes.txt");
    std::fs::write(&text_file, vec![b'x'; 200]).unwrap();
    let out = import(&fixture("twitter/ytd-data-2024"), &text_file, &["--quiet"]);
    assert!(
        out_text(&out).contains("not an SQLite database"),
        "{}",
        out_text(&out)
    );
    let out = import(&fixture("twitter/ytd-data-2024"), dir.path(), &["--quiet"]);
    assert!(out_text(&out).contains("is a folder"), "{}", out_text(&out));

    // freehold's own databases carry its application_id.
    let db = dir.path().join("mine.sqlite");
    let out = import(&fixture("twitter/ytd-data-2024"), &db, &["--quiet"]);
    assert!(out.status.success(), "{}", out_text(&out));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let id: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(id, 0x4648_4C44);
}

#[test]
fn nothing_from_an_archive_can_drive_the_terminal() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("x.zip");
    {
        let file = std::fs::File::create(&zip_path).unwrap();
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default();
        let src = fixture("twitter/ytd-data-2024");
        for rel in ["data/manifest.js", "data/account.js", "data/tweets.js"] {
            zip.start_file(rel, options).unwrap();
            zip.write_all(&std::fs::read(src.join(rel)).unwrap())
                .unwrap();
        }
        // A title-setting OSC sequence, a bell and a screen clear in a file name.
        zip.start_file("data/\u{1b}]0;owned\u{7}\u{1b}[2J.js", options)
            .unwrap();
        zip.write_all(b"window.YTD.x.part0 = [").unwrap();
        zip.finish().unwrap();
    }
    let db = dir.path().join("t.sqlite");
    for args in [
        vec![
            "import",
            zip_path.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ],
        vec!["inspect", zip_path.to_str().unwrap()],
    ] {
        let out = freehold(&args);
        let all = [out.stdout.as_slice(), out.stderr.as_slice()].concat();
        assert!(
            !all.contains(&0x1b) && !all.contains(&0x07),
            "{}",
            out_text(&out)
        );
        assert!(
            out_text(&out).contains("\\u{1b}]0;owned"),
            "{}",
            out_text(&out)
        );
    }
}

#[test]
fn a_bad_value_in_a_hyves_json_response_costs_that_value() {
    let (_dir, clean, db, out) =
        clean_and_damaged("hyves/api-dump", "api/wwws.getByUser/p0001.json", |bytes| {
            // A lone surrogate and a byte that is not UTF-8 in the first WieWatWaar.
            replace_once(bytes, "Examens", b"Ex\\ud83damens\xff")
        });
    let said = out_text(&out);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("value-repaired"), "{said}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(count(&conn, "posts", ""), count(&clean, "posts", ""));
    assert!(
        text(
            &conn,
            "SELECT text FROM posts WHERE text LIKE '%Ex\u{fffd}amens\u{fffd}%'"
        )
        .is_some(),
        "the value is kept with U+FFFD"
    );
}

#[test]
fn a_byte_that_is_not_utf8_in_a_hyves_xml_response_costs_that_character() {
    let (_dir, clean, db, out) =
        clean_and_damaged("hyves/api-dump", "api/users.get/0001.xml", |bytes| {
            replace_once(
                bytes,
                "<firstname>Joëlle</firstname>",
                b"<firstname>Jo\xebl\xffle</firstname>",
            )
        });
    let said = out_text(&out);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("value-repaired"), "{said}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    for table in ["accounts", "profile_fields", "posts"] {
        assert_eq!(count(&conn, table, ""), count(&clean, table, ""), "{table}");
    }
}
