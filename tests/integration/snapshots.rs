//! Snapshots of one account merge by their age, not by the order they were imported in:
//! every order of three snapshots gives the same database, with the newest values
//! current and the older ones as dated history.

use std::path::{Path, PathBuf};

use freehold_model::{ColumnKind, TABLES};

use crate::util::{count, files_under, fixture, import_into, rows, text};

/// Every row of every table in key order, as `dump` gives it, but with JSON objects
/// written with their keys sorted: JSON objects have no order, and merging the `extra`
/// of several snapshots appends keys in the order the records arrived.
fn canonical_dump(conn: &rusqlite::Connection) -> Vec<String> {
    let mut out = Vec::new();
    for table in TABLES {
        let columns: Vec<_> = table
            .columns
            .iter()
            .filter(|c| {
                table.name != "imports"
                    || !["source_name", "imported_at", "report"].contains(&c.name)
            })
            .collect();
        let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
        let sql = format!(
            "SELECT {} FROM {} ORDER BY {}",
            names.join(", "),
            table.name,
            table.key.join(", ")
        );
        let mut stmt = conn.prepare(&sql).unwrap();
        let mut q = stmt.query([]).unwrap();
        while let Some(row) = q.next().unwrap() {
            let mut cells = Vec::new();
            for (i, c) in columns.iter().enumerate() {
                let v: rusqlite::types::Value = row.get(i).unwrap();
                let cell = match (v, c.kind) {
                    (rusqlite::types::Value::Text(t), ColumnKind::Json) => {
                        sorted(&serde_json::from_str(&t).unwrap_or(serde_json::Value::String(t)))
                    }
                    (v, _) => format!("{v:?}"),
                };
                cells.push(cell);
            }
            out.push(format!("{}: {}", table.name, cells.join("|")));
        }
    }
    out
}

fn sorted(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let parts: Vec<String> = keys
                .iter()
                .map(|k| format!("{}:{}", serde_json::Value::from(k.as_str()), sorted(&m[*k])))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        serde_json::Value::Array(a) => {
            format!("[{}]", a.iter().map(sorted).collect::<Vec<_>>().join(","))
        }
        other => other.to_string(),
    }
}

/// Copies fixture `rel` to `dest`, with `edit(path, text)` changing text files.
fn snapshot(rel: &str, dest: &Path, edit: &dyn Fn(&str, String) -> String) {
    let src = fixture(rel);
    for file in files_under(&src) {
        let to = dest.join(&file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        let bytes = std::fs::read(src.join(&file)).unwrap();
        match String::from_utf8(bytes) {
            Ok(text) => std::fs::write(&to, edit(&file, text)).unwrap(),
            Err(e) => std::fs::write(&to, e.into_bytes()).unwrap(),
        }
    }
}

fn replace(text: String, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} not in the fixture");
    text.replacen(from, to, 1)
}

/// Every order of `archives`, each into a fresh database; returns the dumps and keeps the
/// last database for the caller's checks.
fn all_orders(archives: &[PathBuf], dir: &Path) -> (Vec<Vec<String>>, PathBuf) {
    let orders = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    let mut dumps = Vec::new();
    let mut last = PathBuf::new();
    for (n, order) in orders.iter().enumerate() {
        let db = dir.join(format!("order{n}.sqlite"));
        let paths: Vec<&Path> = order.iter().map(|&i| archives[i].as_path()).collect();
        import_into(&db, &paths);
        dumps.push(canonical_dump(&rusqlite::Connection::open(&db).unwrap()));
        last = db;
    }
    (dumps, last)
}

fn assert_same(dumps: &[Vec<String>]) {
    for (n, d) in dumps.iter().enumerate().skip(1) {
        let only_first: Vec<&String> = dumps[0].iter().filter(|r| !d.contains(r)).collect();
        let only_this: Vec<&String> = d.iter().filter(|r| !dumps[0].contains(r)).collect();
        assert!(
            only_first.is_empty() && only_this.is_empty(),
            "order {n} differs from order 0:\n only in 0: {only_first:#?}\n only in {n}: {only_this:#?}"
        );
    }
}

#[test]
fn x_snapshots_in_any_order_give_one_database_with_the_newest_values() {
    let dir = tempfile::tempdir().unwrap();
    let base = "twitter/ytd-data-2024";
    let names = [("2016", "Marieke 2016"), ("2020", "Marieke 2020")];
    let mut archives = Vec::new();
    for (year, name) in names {
        let dest = dir.path().join(format!("twitter-{year}"));
        snapshot(base, &dest, &|path, text| match path {
            "data/manifest.js" => replace(
                replace(
                    text,
                    "2024-04-15T06:12:03.777Z",
                    &format!("{year}-04-15T06:12:03.000Z"),
                ),
                "Marieke de Vries 🚲",
                name,
            ),
            "data/account.js" => replace(
                text,
                "\"accountDisplayName\" : \"Marieke de Vries 🚲\"",
                &format!("\"accountDisplayName\" : \"{name}\""),
            ),
            "data/profile.js" => replace(
                text,
                "\"bio\" : \"Fietser 🚲 · koffie ☕ · 学中文 · học tiếng Việt\"",
                &format!("\"bio\" : \"Bio van {year}\""),
            ),
            _ => text,
        });
        archives.push(dest);
    }
    // 2024: a follower of the older snapshots is gone, and one tweet was deleted.
    let newest = dir.path().join("twitter-2024");
    snapshot(base, &newest, &|path, text| match path {
        "data/follower.js" => replace(
            text,
            "  {\n    \"follower\" : {\n      \"accountId\" : \"307734804123849841\",\n      \"userLink\" : \"https://twitter.com/intent/user?user_id=307734804123849841\"\n    }\n  },\n",
            "",
        ),
        "data/tweets.js" => {
            let at = text.find("Hallo! Dit is een heel oude tweet").unwrap();
            let start = text[..at].rfind("\n  {\n    \"tweet\"").unwrap();
            let end = at + text[at..].find("\n  },").unwrap() + "\n  },".len();
            format!("{}{}", &text[..start], &text[end..])
        }
        _ => text,
    });
    archives.push(newest);

    let (dumps, db) = all_orders(&archives, dir.path());
    assert_same(&dumps);
    let conn = rusqlite::Connection::open(&db).unwrap();
    assert_eq!(
        text(&conn, "SELECT display_name FROM accounts WHERE is_owner").as_deref(),
        Some("Marieke de Vries 🚲"),
        "the newest snapshot's name is current"
    );
    let bios = rows(
        &conn,
        "SELECT value, ended_at FROM profile_fields WHERE field = 'bio' ORDER BY value",
    );
    assert_eq!(
        bios,
        [
            vec![
                Some("Bio van 2016".to_string()),
                Some("2020-04-15T06:12:03.000Z".to_string())
            ],
            vec![
                Some("Bio van 2020".to_string()),
                Some("2024-04-15T06:12:03.777Z".to_string())
            ],
            vec![
                Some("Fietser 🚲 · koffie ☕ · 学中文 · học tiếng Việt".to_string()),
                None
            ],
        ],
        "older bios are history, ended by the snapshot that replaced them"
    );
    assert_eq!(
        text(
            &conn,
            "SELECT ended_at FROM relationships WHERE kind = 'follows' AND from_account = 'tw:account:307734804123849841'"
        )
        .as_deref(),
        Some("2024-04-15T06:12:03.777Z"),
        "the follower the newest snapshot lacks ended by then"
    );
    assert_eq!(
        count(
            &conn,
            "relationships",
            "kind = 'follows' AND ended_at IS NOT NULL AND from_account <> 'tw:account:307734804123849841'"
        ),
        0
    );
    assert_eq!(
        count(
            &conn,
            "posts",
            "text LIKE 'Hallo! Dit is een heel oude tweet%'"
        ),
        1,
        "a post the newest snapshot no longer holds is kept"
    );
}

#[test]
fn linkedin_snapshots_named_by_date_merge_by_that_date() {
    let dir = tempfile::tempdir().unwrap();
    let base = "linkedin/complete-2026";
    let mut archives = Vec::new();
    for (date, headline) in [
        ("01-15-2016", "Junior engineer"),
        ("01-15-2020", "Data engineer"),
    ] {
        let dest = dir
            .path()
            .join(format!("Complete_LinkedInDataExport_{date}"));
        snapshot(base, &dest, &|path, text| match path {
            "Profile.csv" => replace(text, "Principal data engineer", headline),
            _ => text,
        });
        archives.push(dest);
    }
    let newest = dir.path().join("Complete_LinkedInDataExport_01-15-2024");
    snapshot(base, &newest, &|path, text| match path {
        "Connections.csv" => replace(
            text,
            "Zoë,Brandt,https://www.linkedin.com/in/zo%C3%AB-brandt,,Kanaalhuis,Head of Product,23 Nov 2017\n",
            "",
        ),
        _ => text,
    });
    archives.push(newest);
    let (dumps, db) = all_orders(&archives, dir.path());
    assert_same(&dumps);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let generated: Vec<String> = crate::util::texts(
        &conn,
        "SELECT generated_at FROM imports ORDER BY generated_at",
    );
    assert_eq!(generated, ["2016-01-15", "2020-01-15", "2024-01-15"]);
    let headlines = rows(
        &conn,
        "SELECT value, ended_at FROM profile_fields WHERE field = 'headline' ORDER BY value",
    );
    assert_eq!(
        headlines,
        [
            vec![
                Some("Data engineer".to_string()),
                Some("2024-01-15".to_string())
            ],
            vec![
                Some("Junior engineer".to_string()),
                Some("2020-01-15".to_string())
            ],
            vec![Some("Principal data engineer".to_string()), None],
        ]
    );
    assert_eq!(
        count(
            &conn,
            "relationships",
            "kind = 'connection' AND ended_at = '2024-01-15'"
        ),
        1,
        "the connection the newest snapshot lacks ended by then"
    );
}
