//! Hyves fixtures, with exact expected values.
//!
//! Every expected value is taken from `fixtures/hyves/EXPECTED.md`, never from what the
//! parser happens to write. Ids: `hy:account:<userid>`, `hy:post:<kind>:<id>`,
//! `hy:media:<mediaid>`, `hy:album:<albumid>`, `hy:group:<hubid>`, `hy:respect:<id>`,
//! `hy:friend:<from>:<to>`, `hy:event:<eventid>`.

use std::path::PathBuf;
use std::process::Command;

use freehold_archive::{Archive, Fate, Platform, Severity};
use rusqlite::Connection;

use crate::util::{
    ZipStyle, count, dump, files_under, fixture, import, import_into, rows, text, texts, zip_dir,
};
use crate::util::{assert_folder_and_zips_agree, assert_reimport_changes_nothing};

const DANIELLE: &str = "0090d4e100000000000000000000000001";
const JOELLE: &str = "0090d4e100000000000000000000000002";
const BRAM: &str = "0090d4e100000000000000000000000003";
const SEM: &str = "5e3a91c0d2b4f687";
const FENNA: &str = "f3e1a2b4c5d60718";
const B1: &str = "0090ccc300000000000000000000000001";
const A1: &str = "0090eee500000000000000000000000001";
const PIC: &str = "0090eee500000000000000000000000010";
const M1: &str = "0090eee500000000000000000000000011";
const M2: &str = "0090eee500000000000000000000000012";

fn dir(name: &str) -> PathBuf {
    fixture(&format!("hyves/{name}"))
}

fn acc(native: &str) -> String {
    format!("hy:account:{native}")
}

/// `0090xxxx` + zeros + `n`, 34 characters.
fn v2(tag: &str, n: u32) -> String {
    format!("0090{tag}{:0>26}", format!("{n:04}"))
}

fn post(kind: &str, native: &str) -> String {
    format!("hy:post:{kind}:{native}")
}

fn one(conn: &Connection, sql: &str) -> Option<String> {
    text(conn, sql)
}

#[test]
fn ids_helper_matches_the_inventory() {
    assert_eq!(v2("d4e1", 1), DANIELLE);
    assert_eq!(v2("eee5", 12), M2);
}

#[test]
fn api_dump_counts() {
    let imported = import(&[&dir("api-dump")]);
    let conn = imported.conn();
    let expected: &[(&str, &str, i64)] = &[
        ("accounts", "", 5),
        ("accounts", "is_owner = 1", 1),
        ("profile_fields", "", 26),
        ("relationships", "kind = 'friend'", 3),
        ("relationships", "", 3),
        ("posts", "", 17),
        ("posts", "kind = 'wiewatwaar'", 4),
        ("posts", "kind = 'krabbel'", 5),
        ("posts", "kind = 'blog'", 1),
        ("posts", "kind = 'comment'", 3),
        ("posts", "kind = 'tip'", 1),
        ("posts", "kind = 'testimonial'", 1),
        ("posts", "kind = 'gadget'", 1),
        ("posts", "kind = 'ping'", 1),
        ("posts", "text_format = 'hyves-markup'", 16),
        ("posts", "text_format = 'html'", 1),
        ("post_entities", "", 7),
        ("post_entities", "kind = 'mention'", 2),
        ("post_entities", "kind = 'link'", 3),
        ("post_entities", "kind = 'tag'", 2),
        ("reactions", "kind = 'respect'", 2),
        ("reactions", "", 2),
        ("albums", "", 1),
        ("media", "", 3),
        ("media", "archive_path IS NOT NULL", 2),
        ("attachments", "", 4),
        ("groups", "kind = 'hub'", 1),
        ("group_members", "", 1),
        ("events", "", 1),
        ("conversations", "", 0),
        ("messages", "", 0),
        ("experiences", "", 0),
    ];
    for (table, filter, n) in expected {
        assert_eq!(count(&conn, table, filter), *n, "{table} where {filter:?}");
    }
    let problems: i64 = conn
        .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(problems, 0);
    assert_eq!(
        one(&conn, "SELECT layout || ' ' || generated_at FROM imports").as_deref(),
        Some("hyves/api-dump 2013-11-28T21:15:00Z")
    );
}

#[test]
fn api_dump_accounts_and_profiles() {
    let imported = import(&[&dir("api-dump")]);
    let conn = imported.conn();
    let accounts = rows(
        &conn,
        "SELECT id, native_id, handle, display_name, profile_url, CAST(is_owner AS TEXT) FROM accounts ORDER BY id",
    );
    let row = |id: &str, handle: Option<&str>, name: Option<&str>, owner: &str| {
        let id = id.to_string();
        vec![
            Some(acc(&id)),
            Some(id),
            handle.map(str::to_string),
            name.map(str::to_string),
            handle.map(|h| format!("http://{h}.hyves.nl/")),
            Some(owner.to_string()),
        ]
    };
    assert_eq!(
        accounts,
        vec![
            row(DANIELLE, Some("danielle-db"), Some("Daniëlle"), "1"),
            row(JOELLE, Some("joelle"), Some("Joëlle"), "0"),
            row(BRAM, None, None, "0"),
            row(SEM, Some("sem-v"), Some("Sem"), "0"),
            row(FENNA, Some("fenna"), Some("Fenna"), "0"),
        ]
    );
    let fields = |who: &str| {
        texts(
            &conn,
            &format!(
                "SELECT field || '=' || value FROM profile_fields WHERE account_id = '{}' ORDER BY field",
                acc(who)
            ),
        )
    };
    assert_eq!(
        fields(DANIELLE),
        [
            "bio=[b]Hoi![/b] Ik ben Daniëlle uit Utrecht :banana:",
            "birthday=--05-17",
            "country=Nederland",
            "created_at=2006-01-01T00:00:00Z",
            "email=danielle@example.org",
            "first_name=Daniëlle",
            "gender=female",
            "last_name=de Boer",
            "location=Utrecht",
            "on_my_mind=Nog 8 dagen Hyves :(",
        ]
    );
    assert_eq!(
        fields(JOELLE),
        [
            "birthday=1990-03-02",
            "country=Nederland",
            "created_at=2007-01-01T00:00:00Z",
            "first_name=Joëlle",
            "gender=female",
            "last_name=Bakker",
            "location=Amsterdam",
        ]
    );
    assert_eq!(
        fields(SEM),
        [
            "birthday=--11-09",
            "created_at=2005-01-01T00:00:00Z",
            "first_name=Sem",
            "gender=male",
            "last_name=Visser",
        ]
    );
    assert_eq!(
        fields(FENNA),
        [
            "created_at=2008-01-01T00:00:00Z",
            "first_name=Fenna",
            "gender=female",
            "last_name=Jansen",
        ]
    );
    let hidden = |who: &str| {
        one(
            &conn,
            &format!(
                "SELECT CAST(json_extract(extra, '$.year_hidden') AS TEXT) FROM profile_fields WHERE account_id = '{}' AND field = 'birthday'",
                acc(who)
            ),
        )
    };
    assert_eq!(hidden(DANIELLE).as_deref(), Some("1"));
    assert_eq!(hidden(JOELLE).as_deref(), Some("0"));
    assert_eq!(hidden(SEM).as_deref(), Some("1"));
    let friends = texts(
        &conn,
        "SELECT id || ' ' || from_account || ' ' || to_account FROM relationships ORDER BY id",
    );
    let friend = |to: &str| format!("hy:friend:{DANIELLE}:{to} {} {}", acc(DANIELLE), acc(to));
    let mut expected = vec![friend(JOELLE), friend(SEM), friend(FENNA)];
    expected.sort();
    assert_eq!(friends, expected);
}

#[test]
fn api_dump_posts_exact() {
    let imported = import(&[&dir("api-dump")]);
    let conn = imported.conn();
    type Row = (
        String,
        &'static str,
        &'static str,
        Option<&'static str>,
        &'static str,
        &'static str,
    );
    // (id, author, created_at, target, text, file-independent kind check)
    let expected: Vec<Row> = vec![
        (
            post("wiewatwaar", &v2("aaa1", 1)),
            DANIELLE,
            "2013-07-01T12:00:00Z",
            None,
            "Zin in de zomer! :banana:",
            "hyves-markup",
        ),
        (
            post("wiewatwaar", &v2("aaa1", 2)),
            DANIELLE,
            "2013-07-02T12:00:00Z",
            None,
            "[b]Examens[/b] klaar (y)",
            "hyves-markup",
        ),
        (
            post("wiewatwaar", &v2("aaa1", 3)),
            DANIELLE,
            "2013-12-01T00:00:00Z",
            None,
            "Laatste dag op &hv; ♥",
            "hyves-markup",
        ),
        (
            post("wiewatwaar", &v2("aaa1", 4)),
            JOELLE,
            "2013-11-09T08:00:00Z",
            None,
            "Op weg naar [hyver=danielle-db]Daniëlle[/hyver]",
            "hyves-markup",
        ),
        (
            post("krabbel", &v2("bbb2", 1)),
            JOELLE,
            "2013-05-31T10:00:00Z",
            Some(DANIELLE),
            "[b]Hoi Daniëlle![/b] Gezellig vanavond :banana: (y)",
            "hyves-markup",
        ),
        (
            post("krabbel", &v2("bbb2", 2)),
            SEM,
            "2013-06-01T10:00:00Z",
            Some(DANIELLE),
            "Heb je [hyver=joelle]Joëlle[/hyver] al gezien? Kijk: [url=http://www.example.com/fotos]foto's[/url]",
            "hyves-markup",
        ),
        (
            post("krabbel", &v2("bbb2", 3)),
            BRAM,
            "2013-06-02T10:00:00Z",
            Some(DANIELLE),
            "Groetjes uit Groningen & tot snel! http://www.example.org/groningen",
            "hyves-markup",
        ),
        (
            post("krabbel", &v2("bbb2", 4)),
            FENNA,
            "2013-11-30T09:00:00Z",
            Some(DANIELLE),
            "Doei Hyves, hallo toekomst!",
            "hyves-markup",
        ),
        (
            post("krabbel", &v2("bbb2", 5)),
            JOELLE,
            "2013-06-15T18:00:00Z",
            Some(DANIELLE),
            "Kopie van mijn krabbel :-)",
            "hyves-markup",
        ),
        (
            post("blog", B1),
            DANIELLE,
            "2013-11-29T09:00:00Z",
            None,
            "Na [b]acht jaar[/b] gaat Hyves dicht.\n[i]Dag allemaal![/i] :cry:",
            "hyves-markup",
        ),
        (
            post("comment", &v2("ccc3", 11)),
            JOELLE,
            "2013-11-29T10:00:00Z",
            None,
            "Jammer hè :(",
            "hyves-markup",
        ),
        (
            post("comment", &v2("ccc3", 12)),
            FENNA,
            "2013-11-29T11:00:00Z",
            None,
            "Ik ga je missen [b]Daniëlle[/b]!",
            "hyves-markup",
        ),
        (
            post("comment", &v2("ccc3", 13)),
            SEM,
            "2012-07-03T00:00:00Z",
            None,
            "Mooie foto! :)",
            "hyves-markup",
        ),
        (
            post("tip", &v2("fff6", 21)),
            DANIELLE,
            "2012-10-12T00:00:00Z",
            None,
            "[url=http://www.example.nl/pannenkoek]Het Pannenkoekenhuis[/url] in Utrecht, echt een aanrader!",
            "hyves-markup",
        ),
        (
            post("testimonial", &v2("fff6", 31)),
            JOELLE,
            "2013-02-04T00:00:00Z",
            Some(DANIELLE),
            "Daniëlle is de liefste vriendin die je kunt hebben <3",
            "hyves-markup",
        ),
        (
            post("gadget", &v2("fff6", 41)),
            DANIELLE,
            "2011-03-13T00:00:00Z",
            None,
            "<iframe src=\"http://www.example.com/player\"></iframe>",
            "html",
        ),
        (
            post("ping", &v2("fff6", 51)),
            SEM,
            "2013-09-24T00:00:00Z",
            Some(DANIELLE),
            "tikt je aan!",
            "hyves-markup",
        ),
    ];
    let mut expected: Vec<Vec<Option<String>>> = expected
        .into_iter()
        .map(|(id, author, created, target, body, format)| {
            vec![
                Some(id),
                Some(acc(author)),
                Some(created.to_string()),
                target.map(acc),
                Some(body.to_string()),
                Some(format.to_string()),
            ]
        })
        .collect();
    expected.sort();
    let actual = rows(
        &conn,
        "SELECT id, author_account, created_at, target_account, text, text_format FROM posts ORDER BY id",
    );
    assert_eq!(actual, expected);

    // Places, visibility, titles, replies.
    let www = rows(
        &conn,
        "SELECT place, visibility, json_extract(extra, '$.visibility') FROM posts WHERE kind = 'wiewatwaar' ORDER BY id",
    );
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        www,
        vec![
            vec![s("Utrecht Centraal"), s("friends"), s("friend")],
            vec![s("thuis"), s("public"), None],
            vec![s("Amsterdam"), s("public"), s("superpublic")],
            vec![s("A2"), s("public"), None],
        ]
    );
    assert_eq!(
        one(
            &conn,
            &format!(
                "SELECT title || ' | ' || url FROM posts WHERE id = '{}'",
                post("blog", B1)
            )
        )
        .as_deref(),
        Some(
            "Mijn laatste blog op Hyves | http://danielle-db.hyves.nl/blog/0090ccc300000000000000000000000001/"
        )
    );
    assert_eq!(
        texts(
            &conn,
            "SELECT in_reply_to FROM posts WHERE in_reply_to IS NOT NULL"
        ),
        [post("blog", B1), post("blog", B1)]
    );
    assert_eq!(
        one(
            &conn,
            &format!(
                "SELECT json_extract(extra, '$.on_media') FROM posts WHERE id = '{}'",
                post("comment", &v2("ccc3", 13))
            )
        )
        .as_deref(),
        Some(format!("hy:media:{M1}").as_str())
    );
    assert_eq!(
        one(&conn, &format!("SELECT title || ' | ' || json_extract(extra, '$.rating') || ' | ' || json_extract(extra, '$.tipcategory') FROM posts WHERE id = '{}'", post("tip", &v2("fff6", 21)))).as_deref(),
        Some("Beste pannenkoeken | 5 | Restaurants")
    );
    assert_eq!(
        one(
            &conn,
            &format!(
                "SELECT visibility FROM posts WHERE id = '{}'",
                post("ping", &v2("fff6", 51))
            )
        )
        .as_deref(),
        Some("private")
    );

    // Entities.
    let entities = rows(
        &conn,
        "SELECT post_id, kind, value, account_id FROM post_entities ORDER BY post_id, kind, value",
    );
    let e = |p: String, k: &str, v: &str, a: Option<&str>| vec![Some(p), s(k), s(v), a.map(acc)];
    let mut expected = vec![
        e(
            post("krabbel", &v2("bbb2", 2)),
            "mention",
            "joelle",
            Some(JOELLE),
        ),
        e(
            post("krabbel", &v2("bbb2", 2)),
            "link",
            "http://www.example.com/fotos",
            None,
        ),
        e(
            post("krabbel", &v2("bbb2", 3)),
            "link",
            "http://www.example.org/groningen",
            None,
        ),
        e(
            post("tip", &v2("fff6", 21)),
            "link",
            "http://www.example.nl/pannenkoek",
            None,
        ),
        e(
            post("wiewatwaar", &v2("aaa1", 4)),
            "mention",
            "danielle-db",
            Some(DANIELLE),
        ),
        e(post("blog", B1), "tag", "afscheid", None),
        e(post("blog", B1), "tag", "hyves", None),
    ];
    expected.sort();
    assert_eq!(entities, expected);
}

#[test]
fn api_dump_respects_media_hubs_events() {
    let imported = import(&[&dir("api-dump")]);
    let conn = imported.conn();
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        rows(
            &conn,
            "SELECT id, actor_account, target_post, created_at FROM reactions ORDER BY id"
        ),
        vec![
            vec![
                s(&format!("hy:respect:{}", v2("ddd4", 1))),
                Some(acc(JOELLE)),
                Some(post("blog", B1)),
                s("2013-11-29T12:00:00Z")
            ],
            vec![
                s(&format!("hy:respect:{}", v2("ddd4", 2))),
                None,
                Some(post("blog", B1)),
                s("2013-11-29T13:00:00Z")
            ],
        ]
    );
    assert_eq!(
        rows(&conn, "SELECT id, owner_account, title FROM albums"),
        vec![vec![
            s(&format!("hy:album:{A1}")),
            Some(acc(DANIELLE)),
            s("Zomer 2012")
        ]]
    );
    assert_eq!(
        rows(
            &conn,
            "SELECT id, kind, archive_path, remote_url, mime, CAST(bytes AS TEXT), CAST(width AS TEXT) || 'x' || CAST(height AS TEXT), title FROM media ORDER BY id"
        ),
        vec![
            vec![
                s(&format!("hy:media:{PIC}")),
                s("photo"),
                s(&format!("media/{PIC}.jpeg")),
                s("http://1.media.hyves-static.net/100000010/6/AbCd/1/profiel.jpeg"),
                s("image/jpeg"),
                s("34"),
                s("640x480"),
                s("Profielfoto")
            ],
            vec![
                s(&format!("hy:media:{M1}")),
                s("photo"),
                s(&format!("media/{M1}.jpeg")),
                s("http://2.media.hyves-static.net/100000011/6/EfGh/1/strand.jpeg"),
                s("image/jpeg"),
                s("62"),
                s("1024x768"),
                s("Strand Scheveningen")
            ],
            vec![
                s(&format!("hy:media:{M2}")),
                s("video"),
                None,
                s("http://3.media.hyves-static.net/100000012/7/IjKl/1/dansje.flv"),
                None,
                None,
                s("640x360"),
                s("Dansje")
            ],
        ]
    );
    assert_eq!(
        rows(
            &conn,
            &format!("SELECT description, taken_at FROM media WHERE id = 'hy:media:{M1}'")
        ),
        vec![vec![
            s("Met [hyver=joelle]Joëlle[/hyver]"),
            s("2012-07-01T00:00:00Z")
        ]]
    );
    let mut expected = vec![
        vec![
            s(&format!("hy:media:{PIC}")),
            s("account"),
            Some(acc(DANIELLE)),
            None,
        ],
        vec![
            s(&format!("hy:media:{M1}")),
            s("album"),
            s(&format!("hy:album:{A1}")),
            None,
        ],
        vec![
            s(&format!("hy:media:{M2}")),
            s("album"),
            s(&format!("hy:album:{A1}")),
            None,
        ],
        vec![
            s(&format!("hy:media:{M1}")),
            s("account"),
            Some(acc(JOELLE)),
            s("spotted"),
        ],
    ];
    expected.sort();
    assert_eq!(
        rows(
            &conn,
            "SELECT media_id, owner_kind, owner_id, json_extract(extra, '$.role') FROM attachments ORDER BY media_id, owner_kind, owner_id"
        ),
        expected
    );
    assert_eq!(
        one(
            &conn,
            "SELECT json_extract(extra, '$.spotted_by') FROM attachments WHERE json_extract(extra, '$.role') = 'spotted'"
        ),
        Some(acc(DANIELLE))
    );
    assert_eq!(
        rows(&conn, "SELECT id, name, url, kind, description FROM groups"),
        vec![vec![
            s("hy:group:0090fff600000000000000000000000001"),
            s("Utrecht Rocks"),
            s("http://utrechtrocks.hyves.nl/"),
            s("hub"),
            s("Voor iedereen die van Utrecht houdt")
        ]]
    );
    assert_eq!(
        rows(
            &conn,
            "SELECT group_id, account_id, role FROM group_members"
        ),
        vec![vec![
            s("hy:group:0090fff600000000000000000000000001"),
            Some(acc(DANIELLE)),
            s("member")
        ]]
    );
    assert_eq!(
        rows(
            &conn,
            "SELECT id, name, description, starts_at, ends_at, place FROM events"
        ),
        vec![vec![
            s("hy:event:0090fff600000000000000000000000061"),
            s("Hyves afscheidsfeest"),
            s("Laatste avond met z'n allen!"),
            s("2013-12-01T20:00:00Z"),
            s("2013-12-02T02:00:00Z"),
            s("Utrecht")
        ]]
    );
}

#[test]
fn api_dump_report_lists_every_file_and_each_problem() {
    let imported = import(&[&dir("api-dump")]);
    let report = &imported.reports[0];
    let on_disk = files_under(&dir("api-dump"));
    assert_eq!(on_disk.len(), 29);
    assert_eq!(report.files.keys().cloned().collect::<Vec<_>>(), on_disk);
    let fates = report.fate_counts();
    assert_eq!(fates.get(&Fate::Parsed), Some(&26));
    assert_eq!(fates.get(&Fate::Skipped), Some(&1));
    assert_eq!(fates.get(&Fate::Media), Some(&2));
    assert_eq!(fates.len(), 3);
    assert_eq!(
        report.files["api/hubs.getScraps/p0001.xml"].fate,
        Fate::Skipped
    );
    for lookup in [
        "api/cities.get.xml",
        "api/countries.get.xml",
        "api/tips.getCategories.xml",
    ] {
        assert_eq!(report.files[lookup].fate, Fate::Parsed);
        assert_eq!(report.files[lookup].records, 0);
    }

    let codes: Vec<(&str, Option<&str>, Option<&str>, Severity)> = report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code.as_str(),
                d.path.as_deref(),
                d.locator.as_deref(),
                d.severity,
            )
        })
        .collect();
    assert_eq!(report.diagnostics.len(), 5, "{:#?}", report.diagnostics);
    assert!(codes.contains(&(
        "api-error",
        Some("api/hubs.getScraps/p0001.xml"),
        Some("error_result"),
        Severity::Warning
    )));
    assert!(codes.contains(&(
        "api-error",
        Some("api/batch/0001.xml"),
        Some("request[2]/error_result"),
        Severity::Warning
    )));
    assert!(
        codes
            .iter()
            .any(|c| c.0 == "xml-dtd-entities" && c.1 == Some("api/wwws.getByUser/p0002.xml"))
    );
    assert!(
        codes
            .iter()
            .any(|c| c.0 == "xml-entity-kept" && c.1 == Some("api/wwws.getByUser/p0002.xml"))
    );
    assert!(
        codes
            .iter()
            .any(|c| c.0 == "media-not-downloaded" && c.3 == Severity::Info)
    );

    let error = report
        .diagnostics
        .iter()
        .find(|d| d.path.as_deref() == Some("api/hubs.getScraps/p0001.xml"))
        .unwrap();
    assert!(error.message.contains("error_code 19"), "{}", error.message);
    assert!(error.to_string().contains("api/hubs.getScraps/p0001.xml"));
    let batch = report
        .diagnostics
        .iter()
        .find(|d| d.path.as_deref() == Some("api/batch/0001.xml"))
        .unwrap();
    assert!(batch.message.contains("error_code 33"), "{}", batch.message);
    let dtd = report
        .diagnostics
        .iter()
        .find(|d| d.code == "xml-dtd-entities")
        .unwrap();
    assert!(dtd.message.contains("hv"), "{}", dtd.message);
    let missing = report
        .diagnostics
        .iter()
        .find(|d| d.code == "media-not-downloaded")
        .unwrap();
    assert!(missing.message.contains(M2), "{}", missing.message);
}

#[test]
fn folder_and_zip_agree_and_reimport_adds_nothing() {
    assert_folder_and_zips_agree(&dir("api-dump"), "hyves-backup-2013");
    assert_reimport_changes_nothing(&dir("api-dump"));
    // The zip of the same responses adds nothing to a database that holds the folder.
    let folder = import(&[&dir("api-dump")]);
    let before = dump(&folder.conn());
    let tmp = tempfile::tempdir().unwrap();
    let zip = tmp.path().join("hyves-api-dump.zip");
    zip_dir(&dir("api-dump"), &zip, ZipStyle::default());
    import_into(&folder.db, &[&zip]);
    assert_eq!(dump(&folder.conn()), before);
}

#[test]
fn twitter_archives_stay_twitter() {
    let platforms = crate::util::platforms();
    for era in ["ytd-data-2024", "grailbird-2014"] {
        let archive = Archive::open(&fixture(&format!("twitter/{era}"))).unwrap();
        assert!(freehold_hyves::Hyves.detect(&archive).is_none(), "{era}");
        let (platform, _) = freehold_archive::detect(platforms, &archive).unwrap();
        assert_eq!(platform.name(), "twitter");
    }
    let archive = Archive::open(&dir("api-dump")).unwrap();
    let (platform, detection) = freehold_archive::detect(platforms, &archive).unwrap();
    assert_eq!(
        (platform.name(), detection.layout.name()),
        ("hyves", "hyves/api-dump")
    );
}

#[test]
fn not_api_is_refused_with_a_clear_message() {
    let archive = Archive::open(&dir("not-api")).unwrap();
    let detection = freehold_hyves::Hyves.detect(&archive).unwrap();
    assert_eq!(detection.layout, "hyves/unsupported");
    let mut records = Vec::new();
    let mut cx = freehold_archive::ParseContext::new(&mut records);
    let err = freehold_hyves::Hyves
        .parse(&archive, &detection, &mut cx)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("Hyves data in a format freehold does not read yet"),
        "{err}"
    );
    assert!(records.is_empty());

    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("x.sqlite");
    let out = Command::new(env!("CARGO_BIN_EXE_freehold"))
        .args(["import", "--quiet", "--db"])
        .arg(&db)
        .arg(dir("not-api"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Hyves data in a format freehold does not read yet"),
        "{stderr}"
    );
    assert!(stderr.contains("hyves.nl"), "{stderr}");
}

#[test]
fn cli_imports_the_api_dump() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("x.sqlite");
    let out = Command::new(env!("CARGO_BIN_EXE_freehold"))
        .args(["import", "--db"])
        .arg(&db)
        .arg(dir("api-dump"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("hyves/api-dump"), "{stdout}");
    assert!(stdout.contains("api-error"), "{stdout}");
}
