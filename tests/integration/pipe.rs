//! `freehold … | head`: the reader of standard output goes away before freehold is done.

use std::process::{Command, Stdio};

use crate::util::fixture;

/// Runs freehold with its standard output a pipe whose read end is closed before it
/// starts, so its first write meets a closed pipe; returns the exit code and what it
/// said on stderr.
fn with_closed_stdout(args: &[&str]) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_freehold"))
        .args(args)
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn printing_into_a_closed_pipe_ends_quietly_with_141() {
    // `schema` and `inspect` print with println!, which panics on a closed pipe.
    for args in [
        vec!["schema", "--format", "markdown"],
        vec![
            "inspect",
            fixture("twitter/ytd-data-2024").to_str().unwrap(),
        ],
    ] {
        let (code, stderr) = with_closed_stdout(&args);
        assert_eq!(code, Some(141), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?} said: {stderr}");
    }
}

#[test]
fn an_export_to_a_closed_pipe_ends_quietly_with_141() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("f.sqlite");
    let import = Command::new(env!("CARGO_BIN_EXE_freehold"))
        .args(["import", "--quiet", "--db"])
        .arg(&db)
        .arg(fixture("twitter/ytd-data-2024"))
        .output()
        .unwrap();
    assert!(import.status.success());
    let (code, stderr) = with_closed_stdout(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "json",
        "--out",
        "-",
    ]);
    assert_eq!(code, Some(141), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}
