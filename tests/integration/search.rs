//! `freehold search`: the full-text index is kept in step by every import, and an
//! import again adds nothing to it.

use std::process::Command;

use crate::util::fixture;

fn freehold(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_freehold"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn search_finds_posts_messages_and_profiles_once_after_any_number_of_imports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite");
    let db = db.to_str().unwrap();
    let search = |args: &[&str]| -> serde_json::Value {
        let mut all = vec!["search", "--db", db, "--json"];
        all.extend_from_slice(args);
        let out = freehold(&all);
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {out:?}"))
    };
    for round in 0..2 {
        let out = freehold(&[
            "import",
            fixture("twitter/ytd-data-2024").to_str().unwrap(),
            "--db",
            db,
            "--quiet",
        ]);
        assert!(out.status.success(), "{out:?}");
        let hits = search(&["poffertjes"]);
        assert_eq!(hits.as_array().unwrap().len(), 1, "round {round}: {hits}");
        assert_eq!(hits[0]["id"], "tw:post:1756258507827361375");
        assert!(
            hits[0]["snippet"]
                .as_str()
                .unwrap()
                .contains("[poffertjes]")
        );
    }
    let out = freehold(&[
        "import",
        fixture("hyves/api-dump").to_str().unwrap(),
        "--db",
        db,
        "--quiet",
    ]);
    assert!(out.status.success(), "{out:?}");
    // Both platforms' posts are in the index; a filter narrows it.
    let hyves = search(&["hyves", "--platform", "hyves", "--kind", "blog"]);
    assert!(!hyves.as_array().unwrap().is_empty());
    assert!(
        hyves
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["platform"] == "hyves" && h["kind"] == "blog")
    );
    // Nothing found: exit 1, as grep does.
    let out = freehold(&["search", "--db", db, "zzzznotthere"]);
    assert_eq!(out.status.code(), Some(1));
}
