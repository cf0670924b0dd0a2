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
    assert!(out.status.success(), "{text}");
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
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(
        count(&conn, "imports", ""),
        0,
        "a failed import wrote its row"
    );
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
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(
        count(&conn, "imports", ""),
        0,
        "a failed import wrote its row"
    );
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
    assert!(out.status.success(), "{text}");
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
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("json-syntax") && text.contains("data/tweets.js"),
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
        ("hostile/truncated.zip", "not a readable zip archive"),
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
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(count(&conn, "imports", ""), 0);
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
