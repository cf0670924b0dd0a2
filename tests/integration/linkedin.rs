//! LinkedIn fixtures, with exact expected values.
//!
//! Every expected value is taken from `fixtures/linkedin/EXPECTED.md`, never from what the
//! parser happens to write. Ids follow the documented rules: `li:account:<slug>`, or
//! `li:account:name:<16 hex of hash_parts([normalised name])>`; the owner is always keyed
//! by name so that every era gives the same owner row.

use std::path::{Path, PathBuf};

use freehold_archive::{Archive, Fate, Platform, Report, Severity};
use freehold_model::id::hash_parts;
use rusqlite::Connection;

use crate::util::{Imported, count, files_under, fixture, import, rows, text, texts};
use crate::util::{assert_folder_and_zips_agree, assert_reimport_changes_nothing};

const ERAS: [&str; 4] = ["basic-2018", "basic-2021", "complete-2023", "complete-2026"];

fn dir(name: &str) -> PathBuf {
    fixture(&format!("linkedin/{name}"))
}

/// The id of someone known only by name.
fn by_name(name: &str) -> String {
    let norm = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    format!("li:account:name:{}", &hash_parts(&[&norm])[..16])
}

fn owner() -> String {
    by_name("Noor van den Berg")
}

fn slug(s: &str) -> String {
    format!("li:account:{s}")
}

/// The part of an account id after `li:account:`.
fn key(account: &str) -> String {
    account.trim_start_matches("li:account:").to_string()
}

fn rel(kind: &str, from: &str, to: &str) -> String {
    format!("li:{kind}:{}:{}", key(from), key(to))
}

struct Fixture {
    imported: Imported,
    conn: Connection,
}

impl Fixture {
    fn load(name: &str) -> Fixture {
        let imported = import(&[&dir(name)]);
        let conn = imported.conn();
        Fixture { imported, conn }
    }

    fn report(&self) -> &Report {
        &self.imported.reports[0]
    }

    fn count(&self, table: &str, filter: &str) -> i64 {
        count(&self.conn, table, filter)
    }

    fn one(&self, sql: &str) -> Option<String> {
        text(&self.conn, sql)
    }

    fn row(&self, sql: &str) -> Vec<Option<String>> {
        let mut all = rows(&self.conn, sql);
        assert_eq!(all.len(), 1, "{sql}");
        all.remove(0)
    }
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

/// Table → expected row count.
fn assert_totals(f: &Fixture, name: &str, expected: &[(&str, i64)]) {
    for (table, want) in expected {
        assert_eq!(f.count(table, ""), *want, "{name}: {table}");
    }
}

/// Diagnostics as `(code, path, locator)`.
fn diagnostics(report: &Report) -> Vec<(String, Option<String>, Option<String>)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.code.to_string(), d.path.clone(), d.locator.clone()))
        .collect()
}

fn diag(code: &str, path: &str, locator: Option<&str>) -> (String, Option<String>, Option<String>) {
    (code.to_string(), s(path), locator.map(str::to_string))
}

fn fates(report: &Report) -> Vec<(String, Fate)> {
    report
        .files
        .values()
        .map(|f| (f.path.clone(), f.fate))
        .collect()
}

fn relationship(f: &Fixture, id: &str) -> Vec<Option<String>> {
    f.row(&format!(
        "SELECT kind, from_account, to_account, started_at, status FROM relationships WHERE id = '{id}'"
    ))
}

fn field_values(f: &Fixture, account: &str, field: &str) -> Vec<String> {
    texts(
        &f.conn,
        &format!(
            "SELECT value FROM profile_fields WHERE account_id = '{account}' AND field = '{field}' ORDER BY value"
        ),
    )
}

// ---------------------------------------------------------------------------------------
// basic-2018
// ---------------------------------------------------------------------------------------

#[test]
fn basic_2018_totals_owner_and_report() {
    let f = Fixture::load("basic-2018");
    assert_eq!(f.report().layout, "linkedin/classic-2015");
    assert_totals(
        &f,
        "basic-2018",
        &[
            ("accounts", 6),
            ("relationships", 6),
            ("profile_fields", 20),
            ("experiences", 2),
            ("conversations", 2),
            ("conversation_members", 4),
            ("messages", 3),
            ("groups", 1),
            ("group_members", 1),
            ("posts", 0),
        ],
    );
    // No URL anywhere: the owner has no handle, and everyone is keyed by name.
    assert_eq!(
        f.row("SELECT id, handle, display_name, profile_url, CAST(is_owner AS TEXT) FROM accounts WHERE is_owner = 1"),
        vec![s(&owner()), None, s("Noor van den Berg"), None, s("1")]
    );
    assert_eq!(f.count("accounts", "id LIKE 'li:account:name:%'"), 6);
    assert_eq!(
        f.count(
            "accounts",
            "is_owner = 0 AND json_extract(extra, '$.id_from') = 'name'"
        ),
        5
    );
    // US month-first slash dates that would also read day first: one note per file.
    assert_eq!(
        diagnostics(f.report()),
        vec![
            diag("ambiguous-date", "Email Addresses.csv", Some("line 2")),
            diag("ambiguous-date", "Connections.csv", Some("line 3")),
            diag("ambiguous-date", "Invitations.csv", Some("line 2")),
        ]
    );
    let counts = f.report().fate_counts();
    assert_eq!(counts.get(&Fate::Parsed), Some(&9));
    assert_eq!(counts.get(&Fate::Skipped), Some(&1));
    assert_eq!(f.report().files["Rich Media.csv"].fate, Fate::Skipped);
}

#[test]
fn basic_2018_profile_connections_and_us_dates() {
    let f = Fixture::load("basic-2018");
    let o = owner();
    for (field, value) in [
        ("birthday", "1990-03-14"),
        ("headline", "Data engineer at Kanaalhuis"),
        ("bio", "Building pipelines.\nLoves maps."),
        ("industry", "Computer Software"),
        ("country", "nl"),
        ("zip_code", "1012 AB"),
        ("location", "Amsterdam Area, Netherlands"),
        ("twitter", "noorvdb"),
        ("website", "https://noor.example.com"),
        ("email", "noor@example.com"),
    ] {
        assert_eq!(field_values(&f, &o, field), [value], "{field}");
    }
    // The birthday as written stays in extra.
    assert_eq!(
        f.one(&format!(
            "SELECT json_extract(extra, '$.raw') FROM profile_fields WHERE account_id = '{o}' AND field = 'birthday'"
        )),
        s("Mar 14, 1990")
    );
    assert_eq!(
        field_values(&f, &o, "skill"),
        ["Kartografie", "Python", "SQL"]
    );
    assert_eq!(
        f.one(&format!("SELECT json_extract(extra, '$.updated_at') FROM profile_fields WHERE account_id = '{o}' AND field = 'email'")),
        s("2016-03-02")
    );

    let zoe = by_name("Zoë Brandt");
    let jane = by_name("Jane Doe, Ph.D.");
    assert_eq!(
        relationship(&f, &rel("connection", &o, &zoe)),
        vec![s("connection"), s(&o), s(&zoe), s("2017-11-23"), None]
    );
    assert_eq!(
        f.one(&format!(
            "SELECT started_at FROM relationships WHERE id = '{}'",
            rel("connection", &o, &by_name("Kenji Watanabe"))
        )),
        s("2018-02-05")
    );
    assert_eq!(
        f.one(&format!(
            "SELECT started_at FROM relationships WHERE id = '{}'",
            rel("connection", &o, &jane)
        )),
        s("2016-12-01")
    );
    assert_eq!(
        f.one(&format!(
            "SELECT display_name FROM accounts WHERE id = '{jane}'"
        )),
        s("Jane Doe, Ph.D.")
    );
    assert_eq!(field_values(&f, &zoe, "email"), ["zoe.brandt@example.com"]);
    assert_eq!(field_values(&f, &zoe, "company"), ["Kanaalhuis"]);
    assert_eq!(field_values(&f, &zoe, "position"), ["Product Lead"]);
    assert_eq!(
        f.one(&format!(
            "SELECT json_extract(extra, '$.\"Connected On\"') FROM relationships WHERE id = '{}'",
            rel("connection", &o, &zoe)
        )),
        s("11/23/17")
    );

    // Invitations (no URL columns) with `M/D/YY, h:mm AM` dates.
    assert_eq!(
        relationship(&f, &rel("invitation", &by_name("Łukasz Wiśniewski"), &o)),
        vec![
            s("invitation"),
            s(&by_name("Łukasz Wiśniewski")),
            s(&o),
            s("2018-04-09T08:30:00"),
            None
        ]
    );
    assert_eq!(
        f.one(&format!(
            "SELECT started_at FROM relationships WHERE id = '{}'",
            rel("invitation", &o, &by_name("Thandiwe Nkosi"))
        )),
        s("2018-04-10T18:05:00")
    );
    // Endorsement, company follow, positions.
    assert_eq!(
        f.row("SELECT from_account, to_account, started_at, status, json_extract(extra, '$.\"Skill Name\"') FROM relationships WHERE kind = 'endorses'"),
        vec![s(&zoe), s(&o), s("2017-12-01T10:00:00Z"), s("accepted"), s("Python")]
    );
    assert_eq!(
        f.row("SELECT g.name, g.kind, m.role, m.joined_at FROM groups g JOIN group_members m ON m.group_id = g.id"),
        vec![s("Kanaalhuis"), s("company"), s("follower"), s("2018-06-13T08:00:00Z")]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT organisation, title, description, location, started_at, ended_at, CAST(json_extract(extra, '$.current') AS TEXT) FROM experiences ORDER BY started_at"
        ),
        vec![
            vec![
                s("Sakura Labs"),
                s("Intern"),
                None,
                s("Tokyo"),
                s("2014-06"),
                s("2014-08"),
                None
            ],
            vec![
                s("Kanaalhuis"),
                s("Data Engineer"),
                s("Pipelines, maps and \"big\" data"),
                s("Amsterdam"),
                s("2016-01"),
                None,
                Some("1".into())
            ],
        ]
    );
}

#[test]
fn basic_2018_messages_grouped_by_participants() {
    let f = Fixture::load("basic-2018");
    let o = owner();
    let zoe = by_name("Zoë Brandt");
    let kenji = by_name("Kenji Watanabe");
    assert_eq!(
        f.count(
            "conversations",
            "kind = 'direct' AND id LIKE 'li:conversation:p:%'"
        ),
        2
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT sender_account, sent_at, text FROM messages ORDER BY sent_at"
        ),
        vec![
            vec![
                s(&zoe),
                s("2018-03-14T09:12:44"),
                s("Hoi Noor, koffie morgen?")
            ],
            vec![
                s(&o),
                s("2018-03-14T10:01:02"),
                s("Ja! 10:00, \"De Koffiebar\"")
            ],
            vec![
                s(&kenji),
                s("2018-04-02T22:15:00"),
                s("よろしくお願いします")
            ],
        ]
    );
    // Zoë's two messages share a conversation whose members are Zoë and the owner.
    let conv = f
        .one("SELECT conversation_id FROM messages WHERE text LIKE 'Hoi%'")
        .unwrap();
    assert_eq!(
        f.count("messages", &format!("conversation_id = '{conv}'")),
        2
    );
    let mut members = texts(
        &f.conn,
        &format!(
            "SELECT account_id FROM conversation_members WHERE conversation_id = '{conv}' ORDER BY account_id"
        ),
    );
    let mut want = vec![o.clone(), zoe];
    want.sort();
    members.sort();
    assert_eq!(members, want);
    assert_eq!(
        f.one("SELECT json_extract(extra, '$.SUBJECT') FROM messages WHERE sent_at = '2018-03-14T10:01:02'"),
        s("RE: Koffie?")
    );
}

// ---------------------------------------------------------------------------------------
// basic-2021
// ---------------------------------------------------------------------------------------

#[test]
fn basic_2021_totals_and_diagnostics() {
    let f = Fixture::load("basic-2021");
    assert_eq!(f.report().layout, "linkedin/notes-2021");
    assert_totals(
        &f,
        "basic-2021",
        &[
            ("accounts", 6),
            ("relationships", 6),
            ("profile_fields", 15),
            ("experiences", 2),
            ("conversations", 3),
            ("conversation_members", 7),
            ("messages", 4),
        ],
    );
    assert_eq!(
        diagnostics(f.report()),
        vec![
            diag("bad-date", "Connections.csv", Some("line 8")),
            diag("hidden-members", "Connections.csv", Some("lines 7")),
            diag("encoding", "Endorsement Received Info.csv", Some("line 1")),
        ]
    );
    let bad = &f.report().diagnostics[0];
    assert_eq!(bad.severity, Severity::Warning);
    assert!(bad.message.contains("Sometime in 2020"), "{}", bad.message);
    assert_eq!(f.report().fate_counts().get(&Fate::Parsed), Some(&11));
    assert!(
        f.report().files["Connections.csv"]
            .note
            .as_deref()
            .unwrap()
            .contains("1 hidden")
    );
}

#[test]
fn basic_2021_preamble_hidden_member_and_bad_date() {
    let f = Fixture::load("basic-2021");
    let o = owner();
    // The owner's URL came from the message she sent.
    assert_eq!(
        f.row("SELECT id, handle, profile_url FROM accounts WHERE is_owner = 1"),
        vec![
            s(&o),
            s("noor-vandenberg"),
            s("https://www.linkedin.com/in/noor-vandenberg")
        ]
    );
    // Names in a URL-less Connections.csv resolve to the slugs messages revealed.
    let zoe = slug("zoë-brandt");
    let mateo = slug("mateo-garcia-es");
    let priya = by_name("Priya Raghunathan");
    assert_eq!(
        texts(
            &f.conn,
            "SELECT to_account || '=' || COALESCE(started_at, 'NULL') FROM relationships WHERE kind = 'connection' ORDER BY to_account"
        ),
        {
            let mut v = vec![
                format!("{zoe}=2017-11-23"),
                format!("{mateo}=2021-03-04"),
                format!("{priya}=NULL"),
            ];
            v.sort();
            v
        }
    );
    // The unknown date stays as text in extra; the row is kept.
    assert_eq!(
        f.one(&format!(
            "SELECT json_extract(extra, '$.\"Connected On\"') FROM relationships WHERE id = '{}'",
            rel("connection", &o, &priya)
        )),
        s("Sometime in 2020")
    );
    assert_eq!(field_values(&f, &mateo, "email"), ["mateo@example.com"]);
    assert_eq!(field_values(&f, &mateo, "company"), ["Olé Data"]);
    assert_eq!(
        f.one(&format!(
            "SELECT display_name FROM accounts WHERE id = '{zoe}'"
        )),
        s("Zoë Brandt")
    );
}

#[test]
fn basic_2021_utf16_tab_separated_endorsements() {
    let f = Fixture::load("basic-2021");
    let o = owner();
    assert_eq!(
        rows(
            &f.conn,
            "SELECT from_account, started_at, status, json_extract(extra, '$.\"Skill Name\"') FROM relationships WHERE kind = 'endorses' ORDER BY started_at"
        ),
        vec![
            vec![
                s(&slug("mateo-garcia-es")),
                s("2021-02-11T16:20:05Z"),
                s("accepted"),
                s("Data Engineering")
            ],
            vec![
                s(&slug("zoë-brandt")),
                s("2021-03-02T09:00:00Z"),
                s("accepted"),
                s("SQL, PostgreSQL")
            ],
        ]
    );
    assert_eq!(
        f.count(
            "relationships",
            &format!("kind = 'endorses' AND to_account = '{o}'")
        ),
        2
    );
}

#[test]
fn basic_2021_nine_column_messages() {
    let f = Fixture::load("basic-2021");
    let o = owner();
    assert_eq!(
        rows(
            &f.conn,
            "SELECT id, title, kind FROM conversations ORDER BY id"
        ),
        vec![
            vec![s("li:conversation:2-QUJDMTIz"), None, s("direct")],
            vec![s("li:conversation:2-R1JQNDU2"), s("Team Kaart"), s("group")],
            vec![s("li:conversation:2-U1BPTjc4"), None, s("direct")],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT sender_account, sent_at, text FROM messages WHERE conversation_id = 'li:conversation:2-QUJDMTIz' ORDER BY sent_at"
        ),
        vec![
            vec![
                s(&slug("mateo-garcia-es")),
                s("2021-05-03T08:15:00Z"),
                s("¡Hola Noor! ¿Café el jueves?")
            ],
            vec![s(&o), s("2021-05-03T09:00:10Z"), s("Sí, jueves 10:00.")],
        ]
    );
    let mut group = texts(
        &f.conn,
        "SELECT account_id FROM conversation_members WHERE conversation_id = 'li:conversation:2-R1JQNDU2'",
    );
    group.sort();
    let mut want = vec![o.clone(), slug("zoë-brandt"), slug("mateo-garcia-es")];
    want.sort();
    assert_eq!(group, want);
    // Sponsored InMail without a URL: the sender is known by name; the HTML is kept.
    assert_eq!(
        f.row("SELECT sender_account, text, json_extract(extra, '$.content_format') FROM messages WHERE conversation_id = 'li:conversation:2-U1BPTjc4'"),
        vec![
            s(&by_name("Acme Talent")),
            s("<p class=\"spinmail-quill-editor__spin-break\">Hi %FIRSTNAME%, we have a role</p>"),
            s("html")
        ]
    );
    // Career and registration.
    assert_eq!(
        f.row("SELECT organisation, title, started_at, ended_at, json_extract(extra, '$.Activities') FROM experiences WHERE kind = 'education'"),
        vec![s("Universiteit van Amsterdam"), s("BSc Informatica"), s("2008"), s("2012"), s("Rowing")]
    );
    assert_eq!(field_values(&f, &o, "created_at"), ["2009-11-24T18:56:00"]);
    assert_eq!(field_values(&f, &o, "language"), ["Dutch", "English"]);
    assert_eq!(field_values(&f, &o, "skill"), ["Kartografie", "Python"]);
    assert_eq!(
        f.one(&format!(
            "SELECT started_at FROM relationships WHERE id = '{}'",
            rel("invitation", &by_name("Olusegun Adeyemi"), &o)
        )),
        s("2021-07-19T15:45:00")
    );
}

// ---------------------------------------------------------------------------------------
// complete-2023
// ---------------------------------------------------------------------------------------

#[test]
fn complete_2023_totals_and_report() {
    let f = Fixture::load("complete-2023");
    assert_eq!(f.report().layout, "linkedin/url-2023");
    assert_totals(
        &f,
        "complete-2023",
        &[
            ("accounts", 6),
            ("relationships", 8),
            ("profile_fields", 8),
            ("experiences", 0),
            ("posts", 3),
            ("reactions", 3),
            ("conversations", 2),
            ("conversation_members", 5),
            ("messages", 4),
            ("groups", 1),
            ("group_members", 1),
        ],
    );
    assert_eq!(
        f.count("accounts", "id LIKE 'li:account:name:%' AND is_owner = 0"),
        0
    );
    assert_eq!(
        diagnostics(f.report()),
        vec![
            diag("hidden-members", "Connections.csv", Some("lines 8, 9")),
            diag("bad-date", "messages.csv", Some("line 6")),
            diag("drafts-dropped", "messages.csv", Some("lines 4")),
            diag(
                "ambiguous-date",
                "Recommendations_Given.csv",
                Some("line 2")
            ),
        ]
    );
    for skipped in [
        "Ad_Targeting.csv",
        "Inferences_about_you.csv",
        "SearchQueries.csv",
        "Learning.csv",
        "Rich_Media.csv",
    ] {
        assert_eq!(f.report().files[skipped].fate, Fate::Skipped, "{skipped}");
    }
    assert_eq!(f.report().fate_counts().get(&Fate::Parsed), Some(&12));
}

#[test]
fn complete_2023_people_and_ties() {
    let f = Fixture::load("complete-2023");
    let o = owner();
    assert_eq!(
        f.one("SELECT json_extract(extra, '$.Pronouns') FROM accounts WHERE is_owner = 1"),
        s("she/her")
    );
    assert_eq!(
        texts(
            &f.conn,
            "SELECT to_account || '=' || started_at FROM relationships WHERE kind = 'connection' ORDER BY started_at"
        ),
        [
            format!("{}=2017-11-23", slug("zoë-brandt")),
            format!("{}=2023-08-14", slug("fatima-alsayed")),
            format!("{}=2023-09-01", slug("sunny-day-42")),
        ]
    );
    assert_eq!(
        f.row(&format!(
            "SELECT display_name, profile_url FROM accounts WHERE id = '{}'",
            slug("sunny-day-42")
        )),
        vec![
            s("Sunny 🌻 Day"),
            s("https://www.linkedin.com/in/sunny-day-42")
        ]
    );
    assert_eq!(
        field_values(&f, &slug("fatima-alsayed"), "email"),
        ["fatima@example.com"]
    );
    assert_eq!(
        relationship(&f, &rel("invitation", &o, &slug("sunny-day-42"))),
        vec![
            s("invitation"),
            s(&o),
            s(&slug("sunny-day-42")),
            s("2023-08-30T09:15:00"),
            None
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT from_account, to_account, started_at, status FROM relationships WHERE kind = 'endorses' ORDER BY started_at"
        ),
        vec![
            vec![
                s(&slug("fatima-alsayed")),
                s(&o),
                s("2023-08-20T12:00:00Z"),
                s("accepted")
            ],
            vec![
                s(&o),
                s(&slug("fatima-alsayed")),
                s("2023-08-21T08:00:00Z"),
                s("pending")
            ],
        ]
    );
    assert_eq!(
        relationship(&f, &rel("recommends", &slug("zoë-brandt"), &o)),
        vec![
            s("recommends"),
            s(&slug("zoë-brandt")),
            s(&o),
            s("2023-09-15"),
            s("visible")
        ]
    );
    assert_eq!(
        f.one(&format!(
            "SELECT json_extract(extra, '$.Text') FROM relationships WHERE id = '{}'",
            rel("recommends", &slug("zoë-brandt"), &o)
        )),
        s("Noor is a rare engineer.\nShe ships, and she \"listens\".")
    );
    assert_eq!(
        f.one(&format!(
            "SELECT json_extract(extra, '$.Text') FROM relationships WHERE id = '{}'",
            rel("recommends", &o, &slug("kenji-watanabe-4a7b1c"))
        )),
        s("Kenji leads with calm.")
    );
    assert_eq!(
        f.row("SELECT g.name, m.joined_at FROM groups g JOIN group_members m ON m.group_id = g.id"),
        vec![s("Nile Analytics"), s("2023-08-15T09:30:00Z")]
    );
}

#[test]
fn complete_2023_messages_drafts_and_credentials() {
    let f = Fixture::load("complete-2023");
    let o = owner();
    assert_eq!(f.count("messages", "text LIKE 'Draft%'"), 0);
    assert_eq!(
        rows(
            &f.conn,
            "SELECT sender_account, sent_at, text FROM messages WHERE conversation_id = 'li:conversation:2-RkFUSU1B' ORDER BY sent_at"
        ),
        vec![
            vec![
                s(&slug("fatima-alsayed")),
                s("2023-08-15T10:00:00Z"),
                s("Thanks for connecting, Noor!")
            ],
            vec![s(&o), s("2023-08-15T11:30:00Z"), s("Likewise! مرحبا")],
        ]
    );
    assert_eq!(
        f.row("SELECT title, kind FROM conversations WHERE id = 'li:conversation:2-R1JPVVA5'"),
        vec![s("Reading group"), s("group")]
    );
    let mut members = texts(
        &f.conn,
        "SELECT account_id FROM conversation_members WHERE conversation_id = 'li:conversation:2-R1JPVVA5'",
    );
    members.sort();
    let mut want = vec![
        o.clone(),
        slug("kenji-watanabe-4a7b1c"),
        slug("janedoe-phd"),
    ];
    want.sort();
    assert_eq!(members, want);
    assert_eq!(
        f.one(&format!(
            "SELECT display_name FROM accounts WHERE id = '{}'",
            slug("janedoe-phd")
        )),
        s("Jane Doe, Ph.D.")
    );
    // The unparseable date: no sent_at, raw text in extra, the message kept.
    assert_eq!(
        f.row("SELECT sender_account, sent_at, json_extract(extra, '$.DATE'), json_extract(extra, '$.FOLDER') FROM messages WHERE text = 'Dune, obviously'"),
        vec![s(&slug("janedoe-phd")), None, s("01.09.2023 19:00"), s("ARCHIVE")]
    );
}

#[test]
fn complete_2023_activity() {
    let f = Fixture::load("complete-2023");
    let o = owner();
    assert_eq!(
        rows(
            &f.conn,
            "SELECT id, kind, author_account, created_at, text, visibility FROM posts ORDER BY id"
        ),
        vec![
            vec![
                s("li:post:comment:(activity:7104000000000000009,7104000000000000010)"),
                s("comment"),
                s(&o),
                s("2023-09-06T10:00:00"),
                s("Great point, Zoë!"),
                None
            ],
            vec![
                s("li:post:share:7104000000000000001"),
                s("share"),
                s(&o),
                s("2023-09-05T14:03:22"),
                s("New post on maps:\n\"Every map lies\""),
                s("connections")
            ],
            vec![
                s("li:post:share:7114000000000000002"),
                s("share"),
                s(&o),
                s("2023-10-01T08:00:00"),
                s("Hello LinkedIn 👋"),
                s("public")
            ],
        ]
    );
    assert_eq!(
        f.one("SELECT in_reply_to FROM posts WHERE kind = 'comment'"),
        s("li:post:activity:7104000000000000009")
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT kind, actor_account, target_post, created_at FROM reactions ORDER BY created_at"
        ),
        vec![
            vec![
                s("praise"),
                s(&o),
                s("li:post:activity:7104000000000000009"),
                s("2023-09-07T11:11:11")
            ],
            vec![
                s("like"),
                s(&o),
                s("li:post:comment:(activity:7104000000000000009,7104000000000000011)"),
                s("2023-09-07T11:12:00")
            ],
            vec![
                s("like"),
                s(&o),
                s("li:post:ugcPost:7105000000000000001"),
                s("2023-09-08T12:00:00")
            ],
        ]
    );
    // The reaction to the comment and the one to the post it sits under are two rows.
    let k = key(&o);
    assert_eq!(
        texts(
            &f.conn,
            "SELECT id FROM reactions WHERE created_at < '2023-09-08' ORDER BY id"
        ),
        [
            format!("li:reaction:{k}:activity:7104000000000000009"),
            format!("li:reaction:{k}:comment:(activity:7104000000000000009,7104000000000000011)"),
        ]
    );
}

// ---------------------------------------------------------------------------------------
// complete-2018: old names, UTF-16 tab-separated files, files freehold cannot map
// ---------------------------------------------------------------------------------------

#[test]
fn complete_2018_reads_old_names_and_keeps_what_it_cannot_map() {
    let f = Fixture::load("complete-2018");
    assert_eq!(f.report().layout, "linkedin/classic-2015");
    assert_totals(
        &f,
        "complete-2018",
        &[
            ("accounts", 2),
            ("relationships", 1),
            ("profile_fields", 5),
            ("posts", 2),
            ("raw_records", 4),
        ],
    );
    let o = owner();
    // Shares.csv: UTF-16LE, tab-separated, every field quoted, commentary over 3 lines.
    assert_eq!(
        rows(
            &f.conn,
            "SELECT id, author_account, created_at, title, text, visibility, url, json_extract(extra, '$.Type') FROM posts ORDER BY created_at"
        ),
        vec![
            vec![
                s(&format!(
                    "li:post:share:h{}",
                    &hash_parts(&[
                        "2017/06/08 08:15:44 UTC",
                        "Three things I learned, mapping the harbour:\n1. tides, tabs\tand commas\n2. \"quotes\" too"
                    ])[..16]
                )),
                s(&o),
                s("2017-06-08T08:15:44Z"),
                s("Maps of the old harbour"),
                s(
                    "Three things I learned, mapping the harbour:\n1. tides, tabs\tand commas\n2. \"quotes\" too"
                ),
                s("public"),
                s("https://www.linkedin.com/updates?topic=6278000000000000001&type=U"),
                s("ARTICLE"),
            ],
            vec![
                s("li:post:activity:6360000000000000002"),
                s(&o),
                s("2018-01-15T19:02:03Z"),
                None,
                s("Happy new year, network!"),
                s("connections"),
                s("https://www.linkedin.com/feed/update/urn:li:activity:6360000000000000002"),
                s("IMAGE"),
            ],
        ]
    );
    // Registration.csv with the 2018 names: the date is the value, the rest in extra.
    assert_eq!(
        rows(
            &f.conn,
            "SELECT value, json_extract(extra, '$.\"Registration IP Address\"'), json_extract(extra, '$.\"Invited by (First Name)\"'), json_extract(extra, '$.\"Invited by (Last Name)\"') FROM profile_fields WHERE field = 'created_at'"
        ),
        vec![vec![
            s("2009-11-24T18:56:00Z"),
            s("192.0.2.10"),
            s("Zoë"),
            s("Brandt")
        ]]
    );
    // A header of no known era: what is recognised is mapped, the rest kept in extra.
    assert_eq!(
        rows(
            &f.conn,
            "SELECT value, json_extract(extra, '$.Level') FROM profile_fields WHERE field = 'language'"
        ),
        vec![vec![s("Dutch"), s("Native")]]
    );
    // A file with none of its key columns, and a JSON file no parser knows: kept raw.
    assert_eq!(
        rows(
            &f.conn,
            "SELECT path, position, record FROM raw_records ORDER BY path, position"
        ),
        vec![
            vec![
                s("Assessments.json"),
                s("[0]"),
                s(r#"{"result":"passed","skill":"Python"}"#)
            ],
            vec![
                s("Assessments.json"),
                s("[1]"),
                s(r#"{"result":"passed","score":92,"skill":"SQL"}"#)
            ],
            vec![
                s("Positions.csv"),
                s("line 2"),
                s(r#"{"Employer":"Kanaalhuis","From":"Jan 2016","Role Title":"Data Engineer"}"#)
            ],
            vec![
                s("Positions.csv"),
                s("line 3"),
                s(r#"{"Employer":"Sakura Labs","From":"Jun 2014","Role Title":"Intern"}"#)
            ],
        ]
    );
    let files = &f.report().files;
    let fate = |p: &str| (files[p].fate, files[p].records, files[p].header.clone());
    assert_eq!(fate("Shares.csv"), (Fate::Parsed, 2, s("2018")));
    assert_eq!(fate("Registration.csv"), (Fate::Parsed, 1, s("2018")));
    assert_eq!(fate("Profile.csv"), (Fate::Parsed, 1, s("2018")));
    assert_eq!(
        fate("Languages.csv"),
        (Fate::Partial, 1, s("unknown: Name, Level"))
    );
    assert_eq!(fate("Positions.csv"), (Fate::Failed, 2, None));
    assert_eq!(fate("Assessments.json"), (Fate::Unknown, 2, None));
    assert!(
        files["Positions.csv"]
            .note
            .as_deref()
            .unwrap()
            .ends_with("2 records kept as raw records")
    );
    let codes: Vec<(String, Option<String>, Option<String>)> = diagnostics(f.report())
        .into_iter()
        .filter(|d| d.0 != "encoding" && d.0 != "unknown-file")
        .collect();
    assert_eq!(
        codes,
        vec![
            diag("no-header", "Positions.csv", Some("line 1")),
            diag("unknown-header", "Languages.csv", Some("line 1")),
            (String::from("raw-records"), s("Assessments.json"), None),
            (String::from("raw-records"), s("Positions.csv"), None),
        ]
    );
    assert_reimport_changes_nothing(&dir("complete-2018"));
    assert_folder_and_zips_agree(
        &dir("complete-2018"),
        "Complete_LinkedInDataExport_06-20-2018",
    );
}

// ---------------------------------------------------------------------------------------
// complete-2026
// ---------------------------------------------------------------------------------------

#[test]
fn complete_2026_totals_and_report() {
    let f = Fixture::load("complete-2026");
    assert_eq!(f.report().layout, "linkedin/quoted-2026");
    assert_totals(
        &f,
        "complete-2026",
        &[
            ("accounts", 6),
            ("relationships", 6),
            ("profile_fields", 13),
            ("experiences", 5),
            ("posts", 5),
            ("reactions", 1),
            ("conversations", 2),
            ("conversation_members", 3),
            ("messages", 3),
            ("media", 2),
            ("attachments", 2),
            ("groups", 1),
            ("group_members", 1),
            ("events", 1),
        ],
    );
    assert_eq!(
        diagnostics(f.report()),
        vec![
            (String::from("unknown-file"), s("Mystery_Feature.csv"), None),
            diag("ragged-row", "Connections.csv", Some("line 8")),
            diag("hidden-members", "Connections.csv", Some("lines 9")),
            diag("drafts-dropped", "messages.csv", Some("lines 8")),
            (String::from("raw-records"), s("Mystery_Feature.csv"), None),
        ]
    );
    // The file no parser knows keeps its one row, as it was read.
    assert_eq!(
        rows(
            &f.conn,
            "SELECT platform, path, position, record, CASE WHEN import_id IS NULL THEN 'no' ELSE 'yes' END FROM raw_records"
        ),
        vec![vec![
            s("linkedin"),
            s("Mystery_Feature.csv"),
            s("line 2"),
            s(r#"{"Bar":"2","Foo":"1"}"#),
            s("yes"),
        ]]
    );
    let counts = f.report().fate_counts();
    assert_eq!(counts.get(&Fate::Parsed), Some(&22));
    assert_eq!(counts.get(&Fate::Skipped), Some(&6));
    assert_eq!(counts.get(&Fate::Unknown), Some(&1));
    let files = &f.report().files;
    assert_eq!(files["LearningCoachMessages.csv"].fate, Fate::Skipped);
    assert_eq!(files["guide_messages.csv"].fate, Fate::Parsed);
    assert_eq!(files["guide_messages.csv"].records, 0);
    assert_eq!(files["Mystery_Feature.csv"].fate, Fate::Unknown);
    assert_eq!(files["Mystery_Feature.csv"].records, 1);
    assert_eq!(
        files["Shares_123456789.csv"].header.as_deref(),
        Some("2020")
    );
    for suffixed in [
        "Shares_123456789.csv",
        "Comments_123456789.csv",
        "Reactions_123456789.csv",
        "Votes_123456789.csv",
        "InstantReposts_123456789.csv",
        "Member_Follows_123456789.csv",
    ] {
        assert_eq!(files[suffixed].fate, Fate::Parsed, "{suffixed}");
        assert!(files[suffixed].records >= 1, "{suffixed}");
    }
}

#[test]
fn complete_2026_quoted_multiline_messages_and_attachments() {
    let f = Fixture::load("complete-2026");
    let o = owner();
    let kenji = slug("kenji-watanabe-4a7b1c");
    assert_eq!(
        rows(
            &f.conn,
            "SELECT sender_account, sent_at, text FROM messages WHERE conversation_id = 'li:conversation:2-S0VOSkk=' ORDER BY sent_at"
        ),
        vec![
            vec![
                s(&kenji),
                s("2026-02-10T09:00:00Z"),
                s("Hi Noor,\nline two with a \"quote\"\nand, commas")
            ],
            vec![
                s(&o),
                s("2026-02-10T09:30:00Z"),
                s("See attached 📎\nCRLF line")
            ],
        ]
    );
    let sent = f
        .one("SELECT id FROM messages WHERE text LIKE 'See attached%'")
        .unwrap();
    assert_eq!(
        rows(
            &f.conn,
            &format!(
                "SELECT m.kind, m.remote_url, CAST(a.position AS TEXT) FROM attachments a JOIN media m ON m.id = a.media_id WHERE a.owner_kind = 'message' AND a.owner_id = '{sent}' ORDER BY a.position"
            )
        ),
        vec![
            vec![
                s("photo"),
                s("https://www.linkedin.com/dms/prv/image/v2/D4E06AQ1/feedshare-shrink"),
                s("0")
            ],
            vec![
                s("file"),
                s("https://www.linkedin.com/dms/prv/document/v2/D4E06AQ2/doc"),
                s("1")
            ],
        ]
    );
    // The hidden member: no sender account; only the owner is a member.
    assert_eq!(
        f.row("SELECT sender_account, text, json_extract(extra, '$.FROM') FROM messages WHERE conversation_id = 'li:conversation:2-TUVNQkVS'"),
        vec![None, s("Hidden member says hi"), s("LinkedIn Member")]
    );
    assert_eq!(
        texts(
            &f.conn,
            "SELECT account_id FROM conversation_members WHERE conversation_id = 'li:conversation:2-TUVNQkVS'"
        ),
        std::slice::from_ref(&o)
    );
    assert_eq!(f.count("messages", "text = 'unsent draft'"), 0);
}

#[test]
fn complete_2026_connections_ragged_row_and_slugs() {
    let f = Fixture::load("complete-2026");
    let o = owner();
    assert_eq!(
        texts(
            &f.conn,
            "SELECT to_account || '=' || started_at FROM relationships WHERE kind = 'connection' ORDER BY started_at"
        ),
        [
            format!("{}=2017-11-23", slug("zoë-brandt")),
            format!("{}=2018-02-05", slug("kenji-watanabe-4a7b1c")),
            format!("{}=2026-01-12", slug("thandiwe-nkosi")),
            format!("{}=2026-01-30", slug("łukasz-wisniewski")),
        ]
    );
    assert_eq!(
        f.one(&format!(
            "SELECT json_extract(extra, '$._extra_fields[0]') FROM relationships WHERE id = '{}'",
            rel("connection", &o, &slug("thandiwe-nkosi"))
        )),
        s("EXTRA")
    );
    assert_eq!(
        relationship(&f, &rel("invitation", &slug("łukasz-wisniewski"), &o)),
        vec![
            s("invitation"),
            s(&slug("łukasz-wisniewski")),
            s(&o),
            s("2026-01-29T14:37:00"),
            None
        ]
    );
    assert_eq!(
        relationship(&f, &rel("follows", &o, &by_name("Mateo García"))),
        vec![
            s("follows"),
            s(&o),
            s(&by_name("Mateo García")),
            s("2026-01-05T10:00:00"),
            s("active")
        ]
    );
    assert_eq!(
        f.row("SELECT g.name, m.joined_at FROM groups g JOIN group_members m ON m.group_id = g.id"),
        vec![s("Wisła Systems"), s("2026-06-24T12:43:42Z")]
    );
}

#[test]
fn complete_2026_profile_career_activity_and_article() {
    let f = Fixture::load("complete-2026");
    let o = owner();
    assert_eq!(
        field_values(&f, &o, "bio"),
        ["Maps, pipelines\nand people."]
    );
    assert_eq!(
        field_values(&f, &o, "headline"),
        ["Principal data engineer"]
    );
    assert_eq!(
        f.row(&format!("SELECT value, json_extract(extra, '$.Type'), json_extract(extra, '$.Is_WhatsApp_Number') FROM profile_fields WHERE account_id = '{o}' AND field = 'phone'")),
        vec![s("+31 6 1234 5678"), s("Mobile"), s("true")]
    );
    // `31612345678` in the WhatsApp file is the same number: one row.
    assert_eq!(
        f.count(
            "profile_fields",
            &format!("account_id = '{o}' AND field = 'phone'")
        ),
        1
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT kind, organisation, title, started_at, ended_at FROM experiences ORDER BY kind"
        ),
        vec![
            vec![
                s("certification"),
                s("GIS Institute"),
                s("GIS Professional"),
                s("2025-02"),
                None
            ],
            vec![s("honor"), None, s("Best Map 2025"), s("2025-11"), None],
            vec![
                s("project"),
                None,
                s("Canal Atlas"),
                s("2025-01"),
                s("2025-12")
            ],
            vec![
                s("publication"),
                s("Kaart Press"),
                s("Maps That Lie"),
                s("2024-03-14"),
                None
            ],
            vec![
                s("work"),
                s("Kanaalhuis"),
                s("Principal Data Engineer"),
                s("2024-01"),
                None
            ],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT kind, created_at, text, in_reply_to, repost_of FROM posts WHERE kind <> 'article' ORDER BY created_at"
        ),
        vec![
            vec![
                s("share"),
                s("2026-02-01T07:45:00"),
                s("Three lessons:\n1. maps lie\n2. so do \"averages\""),
                None,
                None
            ],
            vec![
                s("comment"),
                s("2026-02-02T08:00:00"),
                s("Dziękuję!"),
                s("li:post:activity:7290000000000000005"),
                None
            ],
            vec![
                s("vote"),
                s("2026-02-04T10:00:00"),
                s("Paper maps"),
                s("li:post:activity:7290000000000000007"),
                None
            ],
            vec![
                s("repost"),
                s("2026-02-05T11:00:00"),
                None,
                None,
                s("li:post:activity:7290000000000000008")
            ],
        ]
    );
    assert_eq!(
        f.count(
            "posts",
            "kind = 'share' AND id = 'li:post:share:7290000000000000001'"
        ),
        1
    );
    assert_eq!(
        f.row("SELECT id, author_account, title, url, text FROM posts WHERE kind = 'article'"),
        vec![
            s("li:post:article:why-every-map-lies-noor-vandenberg-7f3a"),
            s(&o),
            s("Why every map lies"),
            s("https://www.linkedin.com/pulse/why-every-map-lies-noor-vandenberg-7f3a"),
            s(
                "Maps simplify the world & that is fine.\n\nEvery projection distorts;\nchoose yours with care."
            ),
        ]
    );
    assert_eq!(
        f.row("SELECT kind, actor_account, target_post, created_at FROM reactions"),
        vec![
            s("empathy"),
            s(&o),
            s("li:post:activity:7290000000000000005"),
            s("2026-02-03T09:00:00")
        ]
    );
    assert_eq!(
        f.row("SELECT name, starts_at, ends_at, response FROM events"),
        vec![
            s("Kaartdag 2026"),
            s("2026-05-20T09:00:00"),
            s("2026-05-20T17:00:00"),
            s("attending")
        ]
    );
    assert!(
        !f.report()
            .diagnostics
            .iter()
            .any(|d| d.code == "bad-date" && d.path.as_deref() == Some("Events.csv")),
        "an event range is not a bad date"
    );
}

// ---------------------------------------------------------------------------------------
// upload-2021: no Profile.csv
// ---------------------------------------------------------------------------------------

#[test]
fn upload_2021_without_a_profile_finds_the_owner_from_invitations_and_messages() {
    let f = Fixture::load("upload-2021");
    let o = owner();
    // One owner, found by name, with her slug from her own sent messages; no nameless
    // `li:account:owner`.
    assert_eq!(f.count("accounts", "is_owner = 1"), 1);
    assert_eq!(f.count("accounts", "id = 'li:account:owner'"), 0);
    assert_eq!(
        f.row("SELECT id, display_name, handle FROM accounts WHERE is_owner = 1"),
        vec![s(&o), s("Noor van den Berg"), s("noor-vandenberg")]
    );
    // Owner, Zoë, Mateo, Priya (connections and messages), Olusegun, Thandiwe.
    assert_eq!(f.count("accounts", ""), 6);
    // 3 connections + 3 invitations, the owner on her side of each.
    assert_eq!(f.count("relationships", ""), 6);
    assert_eq!(
        f.count(
            "relationships",
            &format!("kind = 'invitation' AND (from_account = '{o}' OR to_account = '{o}')")
        ),
        3
    );
    // 1:1 threads are direct (two members), the titled one a group.
    assert_eq!(
        rows(
            &f.conn,
            "SELECT c.native_id, c.kind, CAST(COUNT(m.id) AS TEXT) FROM conversations c \
             JOIN conversation_members m ON m.conversation_id = c.id \
             GROUP BY c.id ORDER BY c.native_id"
        ),
        vec![
            vec![s("2-QUJDMTIz"), s("direct"), s("2")],
            vec![s("2-R1JQNDU2"), s("group"), s("3")],
            vec![s("2-UFJJNzg5"), s("direct"), s("2")],
            vec![s("2-WkJSMzQ1"), s("direct"), s("2")],
        ]
    );
    assert_eq!(
        f.count("conversation_members", &format!("account_id = '{o}'")),
        4
    );
    // The owner's own messages are hers.
    assert_eq!(
        texts(
            &f.conn,
            &format!("SELECT sent_at FROM messages WHERE sender_account = '{o}' ORDER BY sent_at")
        ),
        ["2021-05-03T09:00:10Z", "2021-06-15T07:30:00Z"]
    );
    assert_eq!(f.count("messages", ""), 5);
    assert_eq!(f.count("messages", "sender_account IS NULL"), 0);
    // The reaction is the owner's.
    assert_eq!(f.count("reactions", &format!("actor_account = '{o}'")), 1);
    // How the owner was found is said.
    let notes: Vec<_> = f
        .report()
        .diagnostics
        .iter()
        .filter(|d| d.code == "owner-inferred")
        .collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].severity, Severity::Info);
    for part in [
        "Noor van den Berg",
        "3 of 3 invitations",
        "`From` of 2 OUTGOING",
        "`To` of 1 INCOMING",
        "4 of 4 conversations of messages.csv",
    ] {
        assert!(
            notes[0].message.contains(part),
            "{part}: {}",
            notes[0].message
        );
    }
    assert!(
        !f.report()
            .diagnostics
            .iter()
            .any(|d| d.code == "no-owner-name"),
        "the owner's name was found"
    );
    assert_folder_and_zips_agree(&dir("upload-2021"), "Basic_LinkedInDataExport_08-10-2021");
    assert_reimport_changes_nothing(&dir("upload-2021"));
}

#[test]
fn without_a_profile_or_evidence_the_owner_stays_nameless() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("export");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::copy(
        dir("upload-2021").join("Connections.csv"),
        root.join("Connections.csv"),
    )
    .unwrap();
    let imported = import(&[&root]);
    let c = imported.conn();
    assert_eq!(
        count(&c, "accounts", "id = 'li:account:owner' AND is_owner = 1"),
        1
    );
    assert!(
        imported.reports[0]
            .diagnostics
            .iter()
            .any(|d| d.code == "no-owner-name")
    );
    assert!(
        !imported.reports[0]
            .diagnostics
            .iter()
            .any(|d| d.code == "owner-inferred")
    );
}

// ---------------------------------------------------------------------------------------
// Across fixtures
// ---------------------------------------------------------------------------------------

#[test]
fn all_four_eras_in_one_database() {
    let paths: Vec<PathBuf> = ERAS.iter().map(|e| dir(e)).collect();
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let imported = import(&refs);
    let c = &imported.conn();
    assert_eq!(count(c, "imports", ""), 4);
    let broken = rows(
        c,
        "SELECT \"table\", CAST(rowid AS TEXT), parent FROM pragma_foreign_key_check",
    );
    assert!(broken.is_empty(), "foreign keys: {broken:?}");
    // One owner, the same id in every era.
    assert_eq!(
        texts(c, "SELECT id FROM accounts WHERE is_owner = 1"),
        [owner()]
    );
    assert_eq!(count(c, "accounts", ""), 18);
    assert_eq!(count(c, "relationships", "kind = 'connection'"), 11);
    assert_eq!(
        count(
            c,
            "relationships",
            &format!(
                "id = '{}'",
                rel("connection", &owner(), &slug("zoë-brandt"))
            )
        ),
        1
    );
}

#[test]
fn owner_id_is_stable_across_eras() {
    for era in ERAS {
        let f = Fixture::load(era);
        assert_eq!(
            texts(&f.conn, "SELECT id FROM accounts WHERE is_owner = 1"),
            [owner()],
            "{era}"
        );
        let broken = rows(
            &f.conn,
            "SELECT \"table\", CAST(rowid AS TEXT), parent FROM pragma_foreign_key_check",
        );
        assert!(broken.is_empty(), "{era}: foreign keys: {broken:?}");
    }
}

#[test]
fn folder_and_zip_give_identical_databases() {
    for era in ERAS {
        assert_folder_and_zips_agree(&dir(era), "Complete_LinkedInDataExport_04-17-2026");
    }
}

#[test]
fn importing_twice_changes_nothing() {
    for era in ERAS {
        assert_reimport_changes_nothing(&dir(era));
    }
}

#[test]
fn every_file_of_every_era_is_in_the_report() {
    for era in ERAS {
        let imported = import(&[&dir(era)]);
        let report = &imported.reports[0];
        let reported: Vec<String> = fates(report).into_iter().map(|(p, _)| p).collect();
        assert_eq!(reported, files_under(&dir(era)), "{era}");
        for (path, fate) in fates(report) {
            assert_ne!(fate, Fate::Failed, "{era}: {path}");
            assert_ne!(fate, Fate::Partial, "{era}: {path}");
            assert_eq!(
                fate == Fate::Unknown,
                path == "Mystery_Feature.csv",
                "{era}: {path}"
            );
        }
    }
}

#[test]
fn detection_keeps_platforms_apart() {
    for era in ERAS {
        let archive = Archive::open(&dir(era)).unwrap();
        let detected = freehold_linkedin::LinkedIn.detect(&archive).expect(era);
        assert_eq!(detected.platform, "linkedin");
        assert!(
            freehold_twitter::Twitter.detect(&archive).is_none(),
            "{era}"
        );
    }
    for name in [
        "grailbird-2014",
        "grailbird-csv-2012",
        "ytd-root-2019",
        "ytd-data-2020",
        "ytd-data-2024",
        "ytd-broken",
    ] {
        let archive = Archive::open(&fixture(&format!("twitter/{name}"))).unwrap();
        assert!(
            freehold_linkedin::LinkedIn.detect(&archive).is_none(),
            "{name}"
        );
    }
}

/// A lone connections file, renamed and re-saved by Excel as UTF-16 with tabs and a
/// preamble, is still recognised by its header and read.
#[test]
fn renamed_utf16_connections_file_is_detected_by_content() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "Notes:\r\n\"Some emails are missing.\"\r\n\r\nFirst Name\tLast Name\tURL\tEmail Address\tCompany\tPosition\tConnected On\r\nAna\tSilva\thttps://www.linkedin.com/in/ana-silva\t\tAcme\tCEO\t4-Apr-21\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(tmp.path().join("my network (1).csv"), bytes).unwrap();
    let imported = import(&[tmp.path()]);
    let c = &imported.conn();
    let report = &imported.reports[0];
    assert_eq!(report.platform, "linkedin");
    assert_eq!(report.files["my network (1).csv"].fate, Fate::Parsed);
    assert_eq!(
        texts(
            c,
            "SELECT to_account || '=' || started_at FROM relationships"
        ),
        [format!("{}=2021-04-04", slug("ana-silva"))]
    );
    assert_eq!(
        diagnostics(report),
        vec![
            diag("no-owner-name", "", None),
            diag("encoding", "my network (1).csv", Some("line 1")),
        ]
        .into_iter()
        .map(|(c, p, l)| (c, p.filter(|p| !p.is_empty()), l))
        .collect::<Vec<_>>()
    );
}

/// Writes `files` (name, UTF-8 text) into a fresh folder and imports it.
fn import_files(files: &[(&str, &str)]) -> (tempfile::TempDir, Imported) {
    let tmp = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(tmp.path().join(name), text).unwrap();
    }
    let imported = import(&[tmp.path()]);
    (tmp, imported)
}

const CONNECTIONS_HEADER: &str =
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";

/// Two connections without URL and with one name are two people, told apart by their
/// connected-on date and company, with a `name-collision` warning.
#[test]
fn namesakes_without_url_stay_two_people() {
    let connections = format!(
        "{CONNECTIONS_HEADER}Sam,Lee,,,Acme,CEO,08 Feb 2026\nSam,Lee,,,Globex,Engineer,01 Mar 2020\n"
    );
    let (_tmp, imported) = import_files(&[("Connections.csv", &connections)]);
    let c = &imported.conn();
    let first = format!(
        "{}:{}",
        by_name("Sam Lee"),
        &hash_parts(&["08 Feb 2026", "acme"])[..16]
    );
    let second = format!(
        "{}:{}",
        by_name("Sam Lee"),
        &hash_parts(&["01 Mar 2020", "globex"])[..16]
    );
    let mut want = vec![
        format!("{first}=2026-02-08"),
        format!("{second}=2020-03-01"),
    ];
    want.sort();
    assert_eq!(
        texts(
            c,
            "SELECT to_account || '=' || started_at FROM relationships ORDER BY 1"
        ),
        want
    );
    assert_eq!(
        count(c, "accounts", "display_name = 'Sam Lee'"),
        2,
        "two accounts"
    );
    let report = &imported.reports[0];
    assert!(
        diagnostics(report).contains(&diag(
            "name-collision",
            "Connections.csv",
            Some("lines 2, 3")
        )),
        "{:?}",
        diagnostics(report)
    );
}

/// A name seen with two different profile URLs is never resolved to either of them.
#[test]
fn ambiguous_name_is_not_resolved_to_a_url() {
    let connections = format!(
        "{CONNECTIONS_HEADER}Ana,Silva,https://www.linkedin.com/in/ana-silva-1,,,,08 Feb 2026\nAna,Silva,https://www.linkedin.com/in/ana-silva-2,,,,09 Feb 2026\n"
    );
    let recommendations = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\nAna,Silva,Acme,CEO,Great colleague,,VISIBLE\n";
    let (_tmp, imported) = import_files(&[
        ("Connections.csv", &connections),
        ("Recommendations_Received.csv", recommendations),
    ]);
    let c = &imported.conn();
    assert_eq!(
        texts(
            c,
            "SELECT from_account FROM relationships WHERE kind = 'recommends'"
        ),
        [by_name("Ana Silva")]
    );
}

/// Rows dropped for want of a person or organization are reported, file and line.
#[test]
fn rows_without_a_person_are_reported() {
    let recommendations = "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n,,Acme,CEO,Anonymous praise,,VISIBLE\nAna,Silva,Acme,CEO,Great,,VISIBLE\n";
    let follows = "Organization,Followed On\n,Wed Jun 24 12:43:42 UTC 2026\nAcme,Wed Jun 24 12:43:42 UTC 2026\n";
    let contacts = "Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,CreatedAt,Addresses,Sites,InstantMessageHandles,FullName,Birthday,Location,BookmarkedAt,Profiles\nGOOGLE,,,Acme,,,,,,,,,,,,\n";
    let members = "Date,Status,FullName\n2024-01-01,Active,\n";
    let (_tmp, imported) = import_files(&[
        ("Recommendations_Received.csv", recommendations),
        ("Company Follows.csv", follows),
        ("Contacts.csv", contacts),
        ("Member_Follows.csv", members),
    ]);
    let found = diagnostics(&imported.reports[0]);
    for (path, line) in [
        ("Recommendations_Received.csv", "line 2"),
        ("Company Follows.csv", "line 2"),
        ("Contacts.csv", "line 2"),
        ("Member_Follows.csv", "line 2"),
    ] {
        assert!(
            found.contains(&diag("no-person", path, Some(line))),
            "{path}: {found:?}"
        );
    }
}

/// Imported address-book contacts: an account each, their emails and phone numbers as
/// profile fields, one per address.
#[test]
fn contacts_with_emails_and_phones() {
    let contacts = "Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,CreatedAt,Addresses,Sites,InstantMessageHandles,FullName,Birthday,Location,BookmarkedAt,Profiles\nGOOGLE_CONTACTS,Ana,Silva,Acme,CEO,\"ana@example.com,Ana.Silva@work.example\",+31 6 1234 5678,,,,,,,,,\nPHONE,,,,,,+44 20 7946 0000,,,,,,,,,\n";
    // A lone address book is not enough to recognise the export: add the profile and
    // an empty connections file.
    let profile = "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\nNoor,van den Berg,,,,,,,,,,,\n";
    let (_tmp, imported) = import_files(&[
        ("Profile.csv", profile),
        ("Connections.csv", CONNECTIONS_HEADER),
        ("Contacts.csv", contacts),
    ]);
    let c = &imported.conn();
    let ana = format!(
        "li:account:contact:{}",
        &hash_parts(&[
            "ana silva",
            "ana@example.com,ana.silva@work.example",
            "+31 6 1234 5678"
        ])[..16]
    );
    let anonymous = format!(
        "li:account:contact:{}",
        &hash_parts(&["", "", "+44 20 7946 0000"])[..16]
    );
    assert_eq!(
        text(
            c,
            &format!("SELECT display_name FROM accounts WHERE id = '{ana}'")
        ),
        s("Ana Silva")
    );
    assert_eq!(
        texts(
            c,
            &format!(
                "SELECT field || '=' || value FROM profile_fields WHERE account_id = '{ana}' ORDER BY 1"
            )
        ),
        [
            "email=Ana.Silva@work.example",
            "email=ana@example.com",
            "phone=+31 6 1234 5678",
        ]
    );
    assert_eq!(
        texts(
            c,
            &format!(
                "SELECT field || '=' || value FROM profile_fields WHERE account_id = '{anonymous}'"
            )
        ),
        ["phone=+44 20 7946 0000"]
    );
}

#[test]
fn an_over_long_field_and_a_bad_byte_cost_one_field_each() {
    use freehold_archive::{Limits, ParseContext};
    use freehold_model::Record;
    let dir = tempfile::tempdir().unwrap();
    let mut csv =
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n".to_vec();
    csv.extend_from_slice(b"Ana,Silva,https://www.linkedin.com/in/ana-silva,,\"");
    csv.extend(std::iter::repeat_n(b'x', 600 * 1024));
    csv.extend_from_slice(b"\",Cook,08 Feb 2026\n");
    csv.extend_from_slice(
        b"Jos\xe9,Lima,https://www.linkedin.com/in/jose-lima,,Acme,Chef,09 Feb 2026\n",
    );
    csv.extend_from_slice(
        b"Bea,Moss,https://www.linkedin.com/in/bea-moss,,Acme,Baker,10 Feb 2026\n",
    );
    std::fs::write(dir.path().join("Connections.csv"), csv).unwrap();
    std::fs::write(
        dir.path().join("Profile.csv"),
        "First Name,Last Name,Headline\nNoor,van den Berg,Tester\n",
    )
    .unwrap();
    // A CSV field may be a quarter of the record limit: 256 KiB here.
    let limits = Limits {
        max_record_bytes: 1 << 20,
        ..Limits::default()
    };
    let archive = Archive::open_with(dir.path(), limits).unwrap();
    let detection = freehold_linkedin::LinkedIn.detect(&archive).unwrap();
    let mut records: Vec<Record> = Vec::new();
    let mut cx = ParseContext::new(&mut records);
    freehold_linkedin::LinkedIn
        .parse(&archive, &detection, &mut cx)
        .unwrap();
    let report = cx.finish(&archive, &detection);
    let connections: Vec<(String, Option<String>)> = records
        .iter()
        .filter_map(|r| match r {
            Record::Relationship(rel) if rel.kind == "connection" => {
                Some((rel.to_account.clone(), rel.started_at.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        connections,
        [
            (slug("ana-silva"), s("2026-02-08")),
            (slug("jose-lima"), s("2026-02-09")),
            (slug("bea-moss"), s("2026-02-10")),
        ]
    );
    let names: Vec<String> = records
        .iter()
        .filter_map(|r| match r {
            Record::Account(a) if !a.is_owner => a.display_name.clone(),
            _ => None,
        })
        .collect();
    assert!(names.contains(&"José Lima".to_string()), "{names:?}");
    let codes: Vec<_> = diagnostics(&report)
        .into_iter()
        .filter(|d| d.0 == "field-too-long" || d.0 == "encoding")
        .collect();
    assert_eq!(
        codes,
        vec![
            diag("field-too-long", "Connections.csv", Some("line 2")),
            diag("encoding", "Connections.csv", Some("line 3")),
        ]
    );
    assert_eq!(report.files["Connections.csv"].fate, Fate::Parsed);
}
