//! People (#17): the synthetic people of `fixtures/people/` (one owner and her friends
//! spread over four platforms with spelling variants, and namesakes), linked by
//! evidence, decided by the owner, and written out as vCard, contact CSV, GEXF and
//! GraphML. The truth is in `fixtures/people/EXPECTED.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::fixture;

const ARCHIVES: [&str; 4] = [
    "people/twitter-2024",
    "people/facebook-2024",
    "people/linkedin-2023",
    "people/hyves-api",
];

fn freehold(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_freehold"))
        .args(args)
        .output()
        .unwrap()
}

fn import(db: &Path) {
    for a in ARCHIVES {
        let out = freehold(&[
            "import",
            fixture(a).to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "--quiet",
        ]);
        assert_eq!(out.status.code(), Some(0), "{a}: {out:?}");
    }
}

fn people_json(db: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["people", "--db", db.to_str().unwrap(), "--json"];
    args.extend_from_slice(extra);
    let out = freehold(&args);
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The true persons: accounts by a stable part of their id or their name.
fn truth(store: &freehold_store::Store) -> BTreeMap<String, &'static str> {
    let mut out = BTreeMap::new();
    store
        .for_each_row_as::<freehold_model::Account>(|a| {
            let who = match (
                a.platform.as_str(),
                a.display_name.as_deref(),
                a.id.as_str(),
            ) {
                (_, _, _) if a.is_owner => Some("marit"),
                (_, _, "li:account:jandevries-rotterdam") => Some("jan-rotterdam"),
                (_, _, "li:account:joost-de-vries") => Some("joost"),
                (_, Some("Jan de Vries"), _) => Some("jan"),
                (_, Some("Daniëlle Bakker" | "Danielle Bakker"), _) => Some("danielle"),
                (_, Some("王芳"), _) => Some("wang"),
                (_, Some("Sanne Smit" | "S. Smit"), _) => Some("sanne"),
                (_, Some("Łukasz Żółkiewski" | "Lukasz Zolkiewski"), _) => Some("lukasz"),
                (_, Some("Anna Kowalska"), _) => Some("anna"),
                (_, Some("Pieter Jansen"), _) => Some("pieter"),
                (_, Some("Piet Jansen"), _) => Some("piet"),
                _ => None,
            };
            if let Some(w) = who {
                out.insert(a.id, w);
            }
            Ok(())
        })
        .unwrap();
    out
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    import(&db);
    (dir, db)
}

#[test]
fn owner_is_one_person_and_automatic_links_are_all_true() {
    let (_dir, db) = setup();
    let json = people_json(&db, &[]);
    let store = freehold_store::Store::open(&db).unwrap();
    let truth = truth(&store);
    let persons = json["persons"].as_array().unwrap();
    // The owner: one person with her four accounts.
    let owner = persons
        .iter()
        .find(|p| p["name"] == "Marit Hoekstra")
        .unwrap();
    let owner_accounts = owner["accounts"].as_array().unwrap();
    assert_eq!(owner_accounts.len(), 4, "{owner}");
    let platforms: BTreeSet<&str> = owner_accounts
        .iter()
        .map(|a| a.as_str().unwrap().split(':').next().unwrap())
        .collect();
    assert_eq!(platforms, BTreeSet::from(["fb", "hy", "li", "tw"]));
    // Precision of automatic links: every person holds accounts of one true person.
    for p in persons {
        let who: BTreeSet<&str> = p["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| truth.get(a.as_str().unwrap()).copied().unwrap_or("?"))
            .collect();
        assert!(
            who.len() == 1 || !who.iter().any(|w| *w != "?"),
            "a person mixes {who:?}: {p}"
        );
    }
    // The email address in LinkedIn and Hyves links Jan automatically; his namesake
    // from Rotterdam is not linked to anyone.
    let jan = persons
        .iter()
        .find(|p| {
            p["accounts"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "li:account:jan-de-vries-7b1")
        })
        .unwrap();
    assert!(
        jan["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a.as_str().unwrap().starts_with("hy:"))
    );
    let rotterdam = persons
        .iter()
        .find(|p| {
            p["accounts"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "li:account:jandevries-rotterdam")
        })
        .unwrap();
    assert_eq!(rotterdam["accounts"].as_array().unwrap().len(), 1);
}

#[test]
fn candidates_cover_the_true_matches_and_common_names_score_lower() {
    let (_dir, db) = setup();
    let json = people_json(&db, &[]);
    let store = freehold_store::Store::open(&db).unwrap();
    let truth = truth(&store);
    let mut offered: BTreeSet<(String, String)> = BTreeSet::new();
    let mut pair = |a: &str, b: &str| {
        let (a, b) = if a < b { (a, b) } else { (b, a) };
        offered.insert((a.to_string(), b.to_string()));
    };
    for p in json["persons"].as_array().unwrap() {
        let accounts: Vec<&str> = p["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        for (i, a) in accounts.iter().enumerate() {
            for b in &accounts[i + 1..] {
                pair(a, b);
            }
        }
    }
    let mut jan_scores = Vec::new();
    let mut sanne_scores = Vec::new();
    for c in json["candidates"].as_array().unwrap() {
        let accounts = c["accounts"].as_array().unwrap();
        assert_eq!(accounts.len(), 2);
        let (a, b) = (accounts[0].as_str().unwrap(), accounts[1].as_str().unwrap());
        pair(a, b);
        let evidence = c["evidence"].as_array().unwrap();
        assert!(!evidence.is_empty());
        assert!(c["id"].as_str().unwrap().starts_with("link:"));
        let score = c["score"].as_f64().unwrap();
        assert!(score > 0.0 && score < 1.0, "{c}");
        if truth.get(a) == Some(&"jan") && truth.get(b) == Some(&"jan") {
            jan_scores.push(score);
        }
        if truth.get(a) == Some(&"sanne") || truth.get(b) == Some(&"sanne") {
            sanne_scores.push(score);
        }
        // Never offered: two different Jansens.
        let who: BTreeSet<&str> = [a, b]
            .iter()
            .filter_map(|x| truth.get(*x).copied())
            .collect();
        assert!(who != BTreeSet::from(["pieter", "piet"]), "{c}");
    }
    // Recall: the true pairs among friends (not the owner's own).
    let mut by: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (account, who) in &truth {
        if *who != "marit" {
            by.entry(who).or_default().push(account);
        }
    }
    let mut true_pairs = 0;
    let mut found = 0;
    for accounts in by.values() {
        for (i, a) in accounts.iter().enumerate() {
            for b in &accounts[i + 1..] {
                true_pairs += 1;
                let (x, y) = if a < b { (a, b) } else { (b, a) };
                if offered.contains(&((*x).to_string(), (*y).to_string())) {
                    found += 1;
                }
            }
        }
    }
    assert!(true_pairs >= 15, "{true_pairs}");
    assert!(
        found * 10 >= true_pairs * 9,
        "recall {found}/{true_pairs} is under 90%"
    );
    // "Jan de Vries" is common (two LinkedIn connections carry it): weaker than Sanne.
    let jan_max = jan_scores.iter().copied().fold(0.0, f64::max);
    let sanne_min = sanne_scores.iter().copied().fold(1.0, f64::min);
    assert!(jan_max < sanne_min, "{jan_scores:?} vs {sanne_scores:?}");
}

#[test]
fn decisions_survive_reimports_and_unlink_takes_an_account_out() {
    let (_dir, db) = setup();
    let json = people_json(&db, &[]);
    // Accept the strongest candidate between Daniëlle on X and on Hyves.
    let candidate = json["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            let a = c["accounts"].to_string();
            a.contains("tw:account:1600000000000000012") && a.contains("hy:")
        })
        .unwrap()
        .clone();
    let id = candidate["id"].as_str().unwrap();
    let accepted = people_json(&db, &["accept", id]);
    let together = |json: &serde_json::Value, a: &str, b: &str| {
        json["persons"].as_array().unwrap().iter().any(|p| {
            let s = p["accounts"].to_string();
            s.contains(a) && s.contains(b)
        })
    };
    let (a, b) = (
        candidate["accounts"][0].as_str().unwrap(),
        candidate["accounts"][1].as_str().unwrap(),
    );
    assert!(together(&accepted, a, b));
    // Reject Jan on X ~ the Rotterdam namesake; link Piet and Pieter by hand.
    let reject = accepted["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["accounts"].to_string().contains("jandevries-rotterdam"))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    people_json(&db, &["reject", &reject]);
    // Importing the same archives again (and new ones) keeps the decisions.
    import(&db);
    let again = people_json(&db, &[]);
    assert!(together(&again, a, b));
    assert!(
        !again["candidates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == reject.as_str())
    );
    // Unlink one account: it is a person of its own.
    let unlinked = people_json(&db, &["unlink", b]);
    assert!(!together(&unlinked, a, b));
    // Link by hand, without evidence.
    let linked = people_json(&db, &["link", a, b]);
    assert!(together(&linked, a, b));
    // An unknown account is refused.
    let out = freehold(&[
        "people",
        "--db",
        db.to_str().unwrap(),
        "link",
        "tw:account:nobody",
        a,
    ]);
    assert!(!out.status.success());
}

fn export(db: &Path, format: &str, out: &Path, extra: &[&str]) -> String {
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
    assert!(o.status.success(), "{o:?}");
    let said = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(said.contains("other people's personal data"), "{said}");
    #[cfg(unix)]
    if out != Path::new("-") {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{format}");
    }
    said
}

#[test]
fn vcards_fold_escape_and_round_trip_diacritics_and_cjk() {
    let (dir, db) = setup();
    let out = dir.path().join("contacts.vcf");
    export(&db, "vcard", &out, &[]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.ends_with("END:VCARD\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
    let unfolded = text.replace("\r\n ", "");
    let cards: Vec<&str> = unfolded.split("BEGIN:VCARD\r\n").skip(1).collect();
    // Everyone tied to the owner, once each, and not the owner.
    assert!(cards.len() >= 8, "{}", cards.len());
    assert!(!unfolded.contains("FN:Marit Hoekstra"));
    assert!(unfolded.contains("FN:王芳\r\n"));
    assert!(
        unfolded.contains("FN:Łukasz Żółkiewski\r\n")
            || unfolded.contains("FN:Lukasz Zolkiewski\r\n")
    );
    assert!(unfolded.contains("VERSION:4.0\r\n"));
    // Jan (linked by email): his LinkedIn position, both profiles, how she knows him.
    let jan = cards
        .iter()
        .find(|c| c.contains("EMAIL:jan.devries@example.com"))
        .unwrap();
    assert!(jan.contains("ORG:Dijkstra Bouw\r\n"), "{jan}");
    assert!(jan.contains("TITLE:Projectleider\r\n"));
    assert!(
        jan.contains("X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/jan-de-vries-7b1")
    );
    assert!(jan.contains("X-SOCIALPROFILE;TYPE=hyves:http://jandevries.hyves.nl/"));
    assert!(jan.contains("connected on LinkedIn on 2016-03-12"), "{jan}");
    assert!(jan.contains("CATEGORIES:Hyves,LinkedIn\r\n"), "{jan}");
    assert!(jan.contains("REV:20240420T090000Z\r\n"), "{jan}");
    // Escaping: "Groen & Co" is plain; a note joins ties with an escaped `;`.
    let uid = jan
        .lines()
        .find(|l| l.starts_with("UID:urn:uuid:"))
        .unwrap();
    // Stable across exports.
    let again = dir.path().join("again.vcf");
    export(&db, "vcard", &again, &[]);
    assert!(std::fs::read_to_string(&again).unwrap().contains(uid));
    // Refuses to overwrite without --force.
    let o = freehold(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "vcard",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    // 3.0.
    let v3 = dir.path().join("v3.vcf");
    export(&db, "vcard", &v3, &["--vcard-version", "3.0"]);
    let t3 = std::fs::read_to_string(&v3).unwrap();
    assert!(t3.contains("VERSION:3.0\r\n"));
    assert!(t3.contains("EMAIL;TYPE=INTERNET:jan.devries@example.com"));
    assert!(t3.contains("REV:2024-04-20T09:00:00Z"));
}

#[test]
fn contact_csv_has_the_google_header_and_a_plain_one() {
    let (dir, db) = setup();
    let google = dir.path().join("google.csv");
    export(&db, "contacts-csv", &google, &[]);
    let text = std::fs::read_to_string(&google).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("First Name,Middle Name,Last Name,"));
    assert!(header.contains("E-mail 1 - Value"));
    let rows: Vec<&str> = lines.collect();
    assert!(rows.len() >= 8);
    assert!(
        rows.iter()
            .any(|r| r.contains("Dijkstra Bouw") && r.contains("jan.devries@example.com"))
    );
    assert!(text.contains("\"Groen & Co\"") || text.contains("Groen & Co"));
    let plain = dir.path().join("plain.csv");
    export(&db, "contacts-csv", &plain, &["--csv-style", "plain"]);
    let p = std::fs::read_to_string(&plain).unwrap();
    assert!(p.starts_with("person_id,name,given_name,family_name,emails,"));
    assert_eq!(p.lines().count(), text.lines().count());
    // To standard output.
    let o = freehold(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "contacts-csv",
        "--out",
        "-",
    ]);
    assert!(o.status.success());
    assert_eq!(String::from_utf8(o.stdout).unwrap(), text);
}

#[test]
fn graphs_have_dated_edges_and_agree() {
    let (dir, db) = setup();
    let gexf = dir.path().join("graph.gexf");
    let graphml = dir.path().join("graph.graphml");
    let said = export(&db, "gexf", &gexf, &[]);
    export(&db, "graphml", &graphml, &[]);
    let g = std::fs::read_to_string(&gexf).unwrap();
    let m = std::fs::read_to_string(&graphml).unwrap();
    assert!(g.contains(r#"<graph mode="dynamic" defaultedgetype="directed" timeformat="date">"#));
    let nodes = g.matches("<node ").count();
    let edges = g.matches("<edge ").count();
    assert_eq!(m.matches("<node ").count(), nodes);
    assert_eq!(m.matches("<edge ").count(), edges);
    assert!(said.contains(&format!("{nodes} nodes")), "{said}");
    // Every relationship is an edge (all are between accounts in the database).
    let store = freehold_store::Store::open(&db).unwrap();
    assert_eq!(edges as u64, store.count_rows("relationships").unwrap());
    assert!(
        g.contains(r#"start="2016-03-12""#),
        "LinkedIn connection date"
    );
    let accounts = dir.path().join("accounts.gexf");
    export(&db, "gexf", &accounts, &["--nodes", "accounts"]);
    let a = std::fs::read_to_string(&accounts).unwrap();
    assert!(a.matches("<node ").count() > nodes);
    assert_eq!(a.matches("<edge ").count(), edges);
    // Well-formed XML with the model's escaping.
    for text in [&g, &m, &a] {
        assert!(!text.contains(" & "));
    }
}

#[test]
fn a_version_4_database_gains_the_people_tables() {
    let (_dir, db) = setup();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "DROP TABLE persons; DROP TABLE person_accounts; DROP TABLE person_links;
             DROP TABLE person_decisions; DROP TABLE raw_records; PRAGMA user_version = 4;",
        )
        .unwrap();
    }
    let json = people_json(&db, &[]);
    assert!(!json["persons"].as_array().unwrap().is_empty());
    let store = freehold_store::Store::open(&db).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        freehold_model::SCHEMA_VERSION
    );
    assert!(db.with_file_name("db.sqlite.v4.bak").exists());
}
