//! `--redact third-parties` on every exit: no name, handle, native id, email address or
//! phone number of anyone but the owner is left in the output, the owner is still there,
//! one person has one pseudonym in every file of an export, and another `--redact-key`
//! gives other pseudonyms.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::fixture;

fn freehold(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_freehold"))
        .args(args)
        .output()
        .unwrap()
}

fn import(dir: &Path) -> PathBuf {
    let db = dir.join("db.sqlite");
    for a in [
        "twitter/ytd-data-2024",
        "linkedin/complete-2026",
        "linkedin/basic-2018",
        "facebook/json-2024",
    ] {
        let out = freehold(&[
            "import",
            fixture(a).to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "--quiet",
        ]);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{a}: {out:?}");
    }
    db
}

/// Every file under `path` (or the file itself), as text.
fn read_all(path: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if path.is_file() {
        out.insert(
            path.display().to_string(),
            String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned(),
        );
        return out;
    }
    for entry in std::fs::read_dir(path).unwrap() {
        out.extend(read_all(&entry.unwrap().path()));
    }
    out
}

/// Exports `format` with `extra` into `dir/<name>`; the files written.
fn export(db: &Path, dir: &Path, name: &str, format: &str, extra: &[&str]) -> String {
    let out = dir.join(name);
    let mut args = vec![
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        format,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = freehold(&args);
    assert!(o.status.success(), "{format}: {o:?}");
    let said = String::from_utf8_lossy(&o.stderr).into_owned();
    if extra.contains(&"--redact") {
        assert!(said.contains("Redacted"), "{format}: {said}");
    }
    read_all(&out).into_values().collect()
}

/// What the database knows of everyone but the owner, and the owner's names.
fn known(db: &Path) -> (Vec<String>, Vec<String>) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let strings = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .filter(|s| s.chars().count() >= 3)
            .collect()
    };
    let mut others = strings(
        "SELECT handle FROM accounts WHERE is_owner = 0 AND handle IS NOT NULL
         UNION SELECT display_name FROM accounts WHERE is_owner = 0 AND display_name IS NOT NULL
         UNION SELECT native_id FROM accounts WHERE is_owner = 0 AND native_id IS NOT NULL
         UNION SELECT id FROM accounts WHERE is_owner = 0
         UNION SELECT f.value FROM profile_fields f JOIN accounts a ON a.id = f.account_id
               WHERE a.is_owner = 0 AND f.field IN ('email', 'phone')",
    );
    let owner_names = strings(
        "SELECT display_name FROM accounts WHERE is_owner = 1 AND display_name IS NOT NULL
         UNION SELECT handle FROM accounts WHERE is_owner = 1 AND handle IS NOT NULL",
    );
    others.retain(|o| !owner_names.contains(o));
    (others, owner_names)
}

#[test]
fn every_exit_redacts_third_parties_with_stable_pseudonyms() {
    let dir = tempfile::tempdir().unwrap();
    let db = import(dir.path());
    let (others, owner_names) = known(&db);
    assert!(others.iter().any(|o| o == "lan_nguyen"), "{others:?}");
    assert!(others.iter().any(|o| o.contains('@')), "an email address");
    let red = ["--redact", "third-parties"];
    let publishing = ["--include", "unknown-audience"];
    let cases: &[(&str, &[&str])] = &[
        ("json", &[]),
        ("ndjson", &[]),
        ("vcard", &[]),
        ("contacts-csv", &[]),
        ("gexf", &[]),
        ("graphml", &[]),
        ("site", &publishing),
        ("wxr", &publishing),
        ("markdown", &publishing),
        (
            "activitystreams",
            &["--include", "unknown-audience", "--include", "graph"],
        ),
    ];
    // The pseudonym of lan_nguyen's account, in the key of each export.
    let lan = "tw:account:425262802519687159";
    let conn = rusqlite::Connection::open(&db).unwrap();
    let lan_exists: i64 = conn
        .query_row("SELECT count(*) FROM accounts WHERE id = ?1", [lan], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(lan_exists, 1);
    let mut with_lan = Vec::new();
    let mut all_red = String::new();
    for (format, extra) in cases {
        let plain = export(&db, dir.path(), &format!("{format}-plain"), format, extra);
        let mut args: Vec<&str> = extra.to_vec();
        args.extend_from_slice(&red);
        let redacted = export(&db, dir.path(), &format!("{format}-red"), format, &args);
        // Each format shows some of them without redaction: the test can fail.
        assert!(
            others.iter().any(|o| plain.contains(o.as_str())),
            "{format} shows nobody even without --redact"
        );
        for o in &others {
            assert!(
                !redacted.to_lowercase().contains(&o.to_lowercase()),
                "{format}: `{o}` is still in the redacted export"
            );
        }
        if !matches!(*format, "vcard" | "contacts-csv") {
            assert!(
                owner_names.iter().any(|n| redacted.contains(n.as_str())),
                "{format}: the owner is redacted too"
            );
        }
        if redacted.contains("person-") {
            with_lan.push(format.to_string());
        }
        all_red.push_str(&redacted);
        // Another key, other pseudonyms.
        let mut args2 = args.clone();
        args2.extend_from_slice(&["--redact-key", "k2"]);
        let other = export(&db, dir.path(), &format!("{format}-k2"), format, &args2);
        assert_ne!(
            redacted, other,
            "{format}: another key gives the same output"
        );
        let again = export(&db, dir.path(), &format!("{format}-again"), format, &args);
        assert_eq!(
            redacted, again,
            "{format}: not the same pseudonyms every time"
        );
    }
    assert!(with_lan.len() >= 8, "{with_lan:?}");
    // One person, one pseudonym across the files of an export and across formats:
    // lan_nguyen's pseudonym (from her account id) is in the site, the JSON and the graph.
    let p = pseudonym_in(&read_all(&dir.path().join("json-red")), "tw:account:");
    let site = read_all(&dir.path().join("site-red"))
        .into_values()
        .collect::<String>();
    let ndjson = read_all(&dir.path().join("ndjson-red"));
    let posts = ndjson
        .iter()
        .find(|(k, _)| k.ends_with("posts.ndjson"))
        .map(|(_, v)| v.clone())
        .unwrap();
    let accounts = ndjson
        .iter()
        .find(|(k, _)| k.ends_with("accounts.ndjson"))
        .map(|(_, v)| v.clone())
        .unwrap();
    let gexf = read_all(&dir.path().join("gexf-red"))
        .into_values()
        .collect::<String>();
    let lan_p = p
        .iter()
        .find(|x| site.contains(x.as_str()) && accounts.contains(x.as_str()));
    let lan_p = lan_p.expect("a pseudonym of the site is an account of the NDJSON");
    assert!(gexf.contains(lan_p.as_str()) || posts.contains(lan_p.as_str()));
}

/// The pseudonyms (`person-xxxxxxxx`) in the files.
fn pseudonym_in(files: &BTreeMap<String, String>, _hint: &str) -> Vec<String> {
    let mut out = Vec::new();
    for text in files.values() {
        let mut rest = text.as_str();
        while let Some(i) = rest.find("person-") {
            let p: String = rest[i..].chars().take("person-".len() + 8).collect();
            if !out.contains(&p) {
                out.push(p);
            }
            rest = &rest[i + 7..];
        }
    }
    out
}

#[test]
fn a_redacted_json_export_still_validates_against_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let db = import(dir.path());
    let validator = jsonschema::validator_for(&freehold_model::json_schema()).unwrap();
    for key in [None, Some("k2")] {
        let mut extra = vec!["--redact", "third-parties"];
        if let Some(k) = key {
            extra.extend(["--redact-key", k]);
        }
        let name = format!("redacted-{}.json", key.unwrap_or("default"));
        export(&db, dir.path(), &name, "json", &extra);
        let text = std::fs::read_to_string(dir.path().join(&name)).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .take(5)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{key:?}: {errors:#?}");
        // Redaction kept the rows that are not third parties' own data.
        assert!(doc["posts"].as_array().is_some_and(|p| !p.is_empty()));
        assert!(
            doc["relationships"]
                .as_array()
                .is_some_and(|r| !r.is_empty())
        );
    }
}
