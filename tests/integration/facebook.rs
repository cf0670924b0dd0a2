//! Facebook fixtures, with exact expected values. Every expected value below is taken from
//! the fixtures' inventory, `fixtures/facebook/EXPECTED.md` (names and texts after the
//! mojibake repair, times, counts), never from what the parser happens to write.
//!
//! Conventions checked here: people are `fb:account:<hash(owner's normalised name,
//! their normalised name)>`, the owner `fb:account:<hash("owner", owner's normalised
//! name)>` (`freehold_model::id::hash_parts`); conversations `fb:conversation:<thread
//! folder name>`; JSON times are UTC with `Z` (milliseconds for messages), HTML times are
//! wall-clock without an offset.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use freehold_archive::{Archive, Fate, Report, Severity};
use freehold_model::id::hash_parts;
use freehold_store::{ImportOptions, Store};
use rusqlite::Connection;

use crate::util::{
    Imported, ZipStyle, count, dump, files_under, fixture, import, platforms, rows, text, texts,
    zip_dir,
};
use crate::util::{assert_folder_and_zips_agree, assert_reimport_changes_nothing};

const OWNER: &str = "Zofia Wiśniewska";
const MAI: &str = "Nguyễn Thị Mai";
const FANG: &str = "王芳";
const LUKASZ: &str = "Łukasz Żółkiewski";
const EMMA: &str = "Emma 🌸 Larsen";
const JP: &str = "Jean-Luc Pérez";
const KRZYS: &str = "Krzysztof Nowak";
const HUNG: &str = "Trần Văn Hùng";
const MINH: &str = "Lê Minh";
const WEI: &str = "李伟";
const OLGA: &str = "Olga Dąbrowska";
const PIOTR: &str = "Piotr Wójcik";

const FIXTURES: [&str; 7] = [
    "json-2019",
    "json-2022",
    "json-2024",
    "json-2026",
    "html-2020",
    "html-2024",
    "messenger-secure-storage",
];

fn dir(name: &str) -> PathBuf {
    fixture(&format!("facebook/{name}"))
}

fn owner_id() -> String {
    format!("fb:account:{}", hash_parts(&["owner", "zofia wiśniewska"]))
}

fn acc(name: &str) -> String {
    if name == OWNER {
        return owner_id();
    }
    format!(
        "fb:account:{}",
        hash_parts(&["zofia wiśniewska", &name.to_lowercase()])
    )
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

    fn texts(&self, sql: &str) -> Vec<String> {
        texts(&self.conn, sql)
    }
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn sorted(list: &[&str]) -> Vec<String> {
    let mut v = strings(list);
    v.sort();
    v
}

/// `(table, rows)` pairs.
fn assert_counts(f: &Fixture, expected: &[(&str, i64)]) {
    for (table, n) in expected {
        assert_eq!(f.count(table, ""), *n, "rows in {table}");
    }
}

fn names(f: &Fixture) -> Vec<String> {
    f.texts("SELECT display_name FROM accounts ORDER BY display_name")
}

fn ties(f: &Fixture, kind: &str) -> Vec<Vec<Option<String>>> {
    rows(
        &f.conn,
        &format!(
            "SELECT f.display_name, t.display_name, r.started_at, r.ended_at, r.status
             FROM relationships r JOIN accounts f ON f.id = r.from_account
             JOIN accounts t ON t.id = r.to_account WHERE r.kind = '{kind}'
             ORDER BY f.display_name, t.display_name"
        ),
    )
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

fn messages(f: &Fixture, conversation: &str) -> Vec<Vec<Option<String>>> {
    rows(
        &f.conn,
        &format!(
            "SELECT a.display_name, m.sent_at, m.text, m.kind FROM messages m
             LEFT JOIN accounts a ON a.id = m.sender_account
             WHERE m.conversation_id = 'fb:conversation:{conversation}'
             ORDER BY m.sent_at, m.rowid"
        ),
    )
}

// ---------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------

#[test]
fn every_fixture_is_detected_with_its_layout() {
    let platforms = platforms();
    for (name, layout) in [
        ("json-2019", "facebook/json-2018"),
        ("json-2022", "facebook/json-2021"),
        ("json-2024", "facebook/json-2024"),
        ("json-2026", "facebook/json-2026"),
        ("html-2020", "facebook/html-uibox"),
        ("html-2024", "facebook/html-a6g"),
        (
            "messenger-secure-storage",
            "facebook/messenger-secure-storage",
        ),
    ] {
        let archive = Archive::open(&dir(name)).unwrap();
        let (platform, detection) = freehold_archive::detect(platforms, &archive).unwrap();
        assert_eq!(platform.name(), "facebook", "{name}");
        assert_eq!(detection.layout, layout, "{name}");
    }
    // Twitter archives are not Facebook's.
    let twitter = Archive::open(&fixture("twitter/ytd-data-2024")).unwrap();
    assert!(freehold_facebook::Facebook.detect_is_none(&twitter));
}

trait DetectNone {
    fn detect_is_none(&self, archive: &Archive) -> bool;
}

impl DetectNone for freehold_facebook::Facebook {
    fn detect_is_none(&self, archive: &Archive) -> bool {
        freehold_archive::Platform::detect(self, archive).is_none()
    }
}

// ---------------------------------------------------------------------------------------
// json-2019
// ---------------------------------------------------------------------------------------

#[test]
fn json_2019_exact() {
    let f = Fixture::load("json-2019");
    assert_counts(
        &f,
        &[
            ("accounts", 10),
            ("relationships", 8),
            ("posts", 3),
            ("post_entities", 1),
            ("reactions", 3),
            ("conversations", 1),
            ("conversation_members", 2),
            ("messages", 3),
            ("media", 1),
            ("attachments", 1),
            ("albums", 0),
            ("groups", 2),
            ("group_members", 2),
            ("events", 2),
            ("profile_fields", 6),
            ("experiences", 2),
        ],
    );
    assert_eq!(
        names(&f),
        sorted(&[OWNER, MAI, FANG, HUNG, WEI, OLGA, PIOTR, MINH, JP, EMMA])
    );
    assert_eq!(
        text(&f.conn, "SELECT id FROM accounts WHERE is_owner = 1"),
        Some(owner_id())
    );
    assert_eq!(
        text(
            &f.conn,
            &format!(
                "SELECT display_name FROM accounts WHERE id = '{}'",
                acc(MAI)
            )
        ),
        s(MAI)
    );
    assert_eq!(
        ties(&f, "friend"),
        vec![
            vec![s(OWNER), s(MAI), s("2017-07-14T02:40:00Z"), None, None],
            vec![s(OWNER), s(FANG), s("2017-11-06T20:26:40Z"), None, None],
        ]
    );
    assert_eq!(
        ties(&f, "removed_friend"),
        vec![vec![
            s(OWNER),
            s(HUNG),
            None,
            s("2018-03-02T14:13:20Z"),
            None
        ]]
    );
    assert_eq!(
        ties(&f, "friend_request"),
        vec![
            vec![
                s(OLGA),
                s(OWNER),
                s("2018-10-20T01:46:40Z"),
                None,
                s("received")
            ],
            vec![
                s(PIOTR),
                s(OWNER),
                s("2018-12-16T22:40:00Z"),
                None,
                s("rejected")
            ],
            vec![s(OWNER), s(WEI), s("2018-06-26T08:00:00Z"), None, s("sent")],
        ]
    );
    assert_eq!(
        ties(&f, "follows"),
        vec![
            vec![s(MINH), s(OWNER), None, None, None],
            vec![s(OWNER), s(JP), s("2019-02-12T19:33:20Z"), None, None],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT kind, created_at, text, title FROM posts ORDER BY created_at"
        ),
        vec![
            vec![
                s("status"),
                s("2019-01-01T12:00:00Z"),
                s("Zażółć gęślą jaźń 🦆"),
                s("Zofia Wiśniewska updated her status.")
            ],
            vec![
                s("status"),
                s("2019-04-01T12:00:00Z"),
                s("Hôm nay trời đẹp quá ☀️"),
                None
            ],
            vec![
                s("comment"),
                s("2019-04-11T16:26:40Z"),
                s("Super! 👍"),
                s("Zofia Wiśniewska commented on 王芳's post.")
            ],
        ]
    );
    assert_eq!(
        rows(&f.conn, "SELECT kind, value, account_id FROM post_entities"),
        vec![vec![s("tag"), s(MAI), Some(acc(MAI))]]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT kind, created_at, target_text FROM reactions WHERE target_message IS NULL ORDER BY created_at"
        ),
        vec![
            vec![
                s("like"),
                s("2019-04-23T06:13:20Z"),
                s("Zofia Wiśniewska likes 王芳's post.")
            ],
            vec![
                s("love"),
                s("2019-05-04T20:00:00Z"),
                s("Zofia Wiśniewska loves Łukasz Żółkiewski's photo.")
            ],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT g.kind, g.name, m.role, m.joined_at FROM groups g JOIN group_members m ON m.group_id = g.id ORDER BY g.kind"
        ),
        vec![
            vec![
                s("group"),
                s("Rowerowy Kraków"),
                s("member"),
                s("2016-11-24T15:06:40Z")
            ],
            vec![
                s("page"),
                s("Pierogi Fan Club 🥟"),
                s("liked"),
                s("2015-12-13T09:46:40Z")
            ],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT name, starts_at, ends_at, response FROM events ORDER BY starts_at"
        ),
        vec![
            vec![
                s("Tết w Krakowie 🧧"),
                s("2019-02-02T13:00:00Z"),
                None,
                s("interested")
            ],
            vec![
                s("Juwenalia 2019"),
                s("2019-05-18T18:00:00Z"),
                s("2019-05-19T00:00:00Z"),
                s("going")
            ],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT field, value FROM profile_fields ORDER BY field"
        ),
        vec![
            vec![s("birthday"), s("1990-04-15")],
            vec![s("created_at"), s("2008-01-01T00:00:00Z")],
            vec![s("email"), s("zofia@example.com")],
            vec![s("handle"), s("zofia.wisniewska")],
            vec![s("location"), s("Kraków")],
            vec![s("name"), s(OWNER)],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT kind, organisation, title, description, started_at, ended_at FROM experiences ORDER BY kind"
        ),
        vec![
            vec![
                s("education"),
                s("Uniwersytet Jagielloński"),
                None,
                s("Sinologia"),
                s("2009-07-01T00:00:00Z"),
                s("2014-07-01T00:00:00Z")
            ],
            vec![
                s("work"),
                s("Pierogarnia Łódź Sp. z o.o."),
                s("Kucharka"),
                None,
                s("2015-01-01T00:00:00Z"),
                None
            ],
        ]
    );
    assert_eq!(
        messages(&f, "emmalarsen_ABC123"),
        vec![
            vec![
                s(EMMA),
                s("2019-03-01T10:00:00.000Z"),
                s("Hej! 🌸"),
                s("text")
            ],
            vec![
                s(OWNER),
                s("2019-03-01T10:01:00.000Z"),
                s("Cześć Emma!"),
                s("text")
            ],
            vec![s(EMMA), s("2019-03-01T10:02:00.000Z"), None, s("text")],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT r.kind, a.display_name FROM reactions r JOIN accounts a ON a.id = r.actor_account WHERE r.target_message IS NOT NULL"
        ),
        vec![vec![s("❤"), s(EMMA)]]
    );
    assert_eq!(
        rows(&f.conn, "SELECT kind, archive_path FROM media"),
        vec![vec![s("photo"), s("messages/stickers_used/39178562_1.png")]]
    );
    assert_eq!(
        f.report().files["search_history/your_search_history.json"].fate,
        Fate::Skipped
    );
}

// ---------------------------------------------------------------------------------------
// json-2022
// ---------------------------------------------------------------------------------------

#[test]
fn json_2022_exact() {
    let f = Fixture::load("json-2022");
    assert_counts(
        &f,
        &[
            ("accounts", 9),
            ("relationships", 8),
            ("posts", 4),
            ("post_entities", 0),
            ("reactions", 2),
            ("conversations", 2),
            ("conversation_members", 4),
            ("messages", 3),
            ("media", 2),
            ("attachments", 2),
            ("albums", 1),
            ("groups", 1),
            ("group_members", 1),
            ("events", 0),
            ("profile_fields", 4),
            ("experiences", 0),
        ],
    );
    assert_eq!(
        names(&f),
        sorted(&[OWNER, MAI, FANG, LUKASZ, HUNG, WEI, OLGA, JP, MINH])
    );
    assert_eq!(f.count("relationships", "kind = 'friend'"), 3);
    assert_eq!(
        f.texts("SELECT coalesce(text, '-') FROM posts ORDER BY created_at"),
        strings(&[
            "Nowy rok, nowe przygody! 🏔️",
            "Đẹp quá! 😍",
            "我们去滑雪吧 ⛷️",
            "-"
        ])
    );
    assert_eq!(
        text(&f.conn, "SELECT title FROM posts WHERE text IS NULL"),
        s("Zofia Wiśniewska updated her profile picture.")
    );
    assert_eq!(
        text(
            &f.conn,
            "SELECT json_extract(extra, '$.updated_at') FROM posts WHERE text = '我们去滑雪吧 ⛷️'"
        ),
        s("2022-02-01T00:01:40Z")
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT a.title, a.description, m.archive_path, m.title FROM albums a JOIN attachments t ON t.owner_id = a.id JOIN media m ON m.id = t.media_id"
        ),
        vec![vec![
            s("Tatry 2022 🏔️"),
            s("Zakopane i okolice"),
            s("posts/media/Tatry2022_7c6d/301.jpg"),
            s("Tatry 2022 🏔️")
        ]]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT m.archive_path, m.taken_at FROM attachments t JOIN media m ON m.id = t.media_id WHERE t.owner_kind = 'post'"
        ),
        vec![vec![
            s("posts/media/YourPosts_9f8e/201.jpg"),
            s("2021-12-31T23:58:20Z")
        ]]
    );
    assert_eq!(
        f.texts("SELECT kind FROM reactions ORDER BY kind"),
        strings(&["wow", "😆"])
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT g.kind, g.name, m.role FROM groups g JOIN group_members m ON m.group_id = g.id"
        ),
        vec![vec![s("page"), s("Phở Hà Nội Kraków"), s("liked")]]
    );
    assert_eq!(
        messages(&f, "lukaszzolkiewski_XYZ987"),
        vec![
            vec![
                s(LUKASZ),
                s("2022-02-16T08:26:40.000Z"),
                s("Gdzie jest Łódź? 😂"),
                s("text")
            ],
            vec![
                s(OWNER),
                s("2022-02-16T08:27:10.000Z"),
                s("W Polsce 🇵🇱"),
                s("text")
            ],
        ]
    );
    assert_eq!(
        messages(&f, "liwei_555"),
        vec![vec![
            s(WEI),
            s("2022-02-27T22:13:20.000Z"),
            s("你好"),
            s("text")
        ]]
    );
    assert_eq!(
        text(
            &f.conn,
            "SELECT json_extract(extra, '$.section') FROM conversations WHERE native_id = 'liwei_555'"
        ),
        s("filtered_threads")
    );
    // The page file's name has a typographic apostrophe (U+2019).
    assert_eq!(
        f.report().files["pages/pages_you\u{2019}ve_liked.json"].fate,
        Fate::Parsed
    );
}

// ---------------------------------------------------------------------------------------
// json-2024
// ---------------------------------------------------------------------------------------

const MAI_THREAD: &str = "nguyenthimai_1234567890";
const MSG_DIR: &str = "your_facebook_activity/messages";

#[test]
fn json_2024_exact() {
    let f = Fixture::load("json-2024");
    assert_counts(
        &f,
        &[
            ("accounts", 12),
            ("relationships", 10),
            ("posts", 6),
            ("post_entities", 2),
            ("reactions", 5),
            ("conversations", 4),
            ("conversation_members", 11),
            ("messages", 17),
            ("media", 2),
            ("attachments", 2),
            ("albums", 0),
            ("groups", 1),
            ("group_members", 1),
            ("events", 3),
            ("profile_fields", 10),
            ("experiences", 2),
        ],
    );
    assert_eq!(
        names(&f),
        sorted(&[
            OWNER, MAI, FANG, LUKASZ, EMMA, HUNG, WEI, OLGA, PIOTR, JP, MINH, KRZYS
        ])
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT handle, profile_url, display_name FROM accounts WHERE is_owner = 1"
        ),
        vec![vec![
            s("zofia.wisniewska"),
            s("https://www.facebook.com/zofia.wisniewska"),
            s(OWNER)
        ]]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT field, value, started_at FROM profile_fields ORDER BY field, value"
        ),
        vec![
            vec![s("birthday"), s("1990-04-15"), None],
            vec![s("created_at"), s("2008-01-01T00:00:00Z"), None],
            vec![s("email"), s("zofia@example.com"), None],
            vec![s("handle"), s("zofia.wisniewska"), None],
            vec![s("hometown"), s("Zakopane"), None],
            vec![s("location"), s("Kraków"), s("2020-09-13T12:26:40Z")],
            vec![s("name"), s(OWNER), None],
            vec![s("phone"), s("+48 600 000 000"), None],
            vec![s("previous_email"), s("zofia.w@example.org"), None],
            vec![s("website"), s("https://example.com/zofia"), None],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT kind, organisation, title, description, location, started_at, ended_at FROM experiences ORDER BY kind"
        ),
        vec![
            vec![
                s("education"),
                s("Uniwersytet Jagielloński"),
                None,
                s("Sinologia, Wietnamistyka"),
                None,
                s("2009-07-01T00:00:00Z"),
                s("2014-07-01T00:00:00Z")
            ],
            vec![
                s("work"),
                s("Pierogarnia Łódź Sp. z o.o."),
                s("Główna kucharka"),
                None,
                s("Łódź"),
                s("2015-01-01T00:00:00Z"),
                s("2020-01-01T00:00:00Z")
            ],
        ]
    );
    assert_eq!(f.count("relationships", "kind = 'friend'"), 4);
    assert_eq!(
        ties(&f, "follows"),
        vec![
            vec![s(MINH), s(OWNER), s("2019-06-08T13:20:00Z"), None, None],
            vec![s(OWNER), s(JP), s("2019-02-12T19:33:20Z"), None, None],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT kind, created_at, text, title, place FROM posts WHERE kind != 'comment' ORDER BY created_at"
        ),
        vec![
            vec![
                s("status"),
                s("2024-01-01T12:00:00Z"),
                s("Szczęśliwego Nowego Roku! 🎆🥂"),
                s("Zofia Wiśniewska updated her status."),
                None
            ],
            vec![
                s("status"),
                s("2024-02-01T12:00:00Z"),
                s("北京的烤鸭真好吃！"),
                s("Zofia Wiśniewska was at Quanjude 全聚德."),
                s("Quanjude 全聚德")
            ],
            vec![
                s("status"),
                s("2024-03-01T12:00:00Z"),
                s("Chúc mừng sinh nhật Mai! 🎂"),
                None,
                None
            ],
            vec![
                s("note"),
                s("2024-04-01T12:00:00Z"),
                s("Żurek, pierogi, kiełbasa"),
                s("Lista zakupów"),
                None
            ],
        ]
    );
    let (lat, lon): (f64, f64) = f
        .conn
        .query_row(
            "SELECT latitude, longitude FROM posts WHERE place IS NOT NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((lat, lon), (39.8988, 116.3974));
    assert_eq!(
        rows(
            &f.conn,
            "SELECT kind, value, account_id, expanded_url FROM post_entities ORDER BY kind"
        ),
        vec![
            vec![
                s("link"),
                s("https://example.org/kaoya"),
                None,
                s("https://example.org/kaoya")
            ],
            vec![s("tag"), s(MAI), Some(acc(MAI)), None],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT m.archive_path, m.taken_at, m.description FROM attachments t JOIN media m ON m.id = t.media_id WHERE t.owner_kind = 'post'"
        ),
        vec![vec![
            s("your_facebook_activity/posts/media/Mobileuploads_1a2b/101.jpg"),
            s("2024-01-01T11:36:40Z"),
            s("Szczęśliwego Nowego Roku! 🎆🥂")
        ]]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT text, created_at, json_extract(extra, '$.group') FROM posts WHERE kind = 'comment' ORDER BY created_at"
        ),
        vec![
            vec![
                s("Wszystkiego najlepszego! 🎉"),
                s("2024-01-02T12:53:20Z"),
                None
            ],
            vec![
                s("Świetna trasa 🚴"),
                s("2024-01-03T16:40:00Z"),
                s("Rowerowy Kraków")
            ],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT kind, target_url, json_extract(extra, '$.target_author'), created_at FROM reactions WHERE target_message IS NULL ORDER BY created_at"
        ),
        vec![
            vec![
                s("love"),
                s("https://www.facebook.com/example/posts/1"),
                s(MAI),
                s("2024-01-04T20:26:40Z")
            ],
            vec![
                s("haha"),
                s("https://www.facebook.com/example/posts/2"),
                s(FANG),
                s("2024-01-06T00:13:20Z")
            ],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT name, starts_at, response FROM events ORDER BY starts_at"
        ),
        vec![
            vec![
                s("Wigilia u Łukasza"),
                s("2023-12-24T18:00:00Z"),
                s("going")
            ],
            vec![s("Sinh nhật Mai 🎉"), s("2024-03-02T15:00:00Z"), None],
            vec![
                s("Maraton Warszawski"),
                s("2024-09-29T08:00:00Z"),
                s("declined")
            ],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT g.name, m.role, m.joined_at FROM groups g JOIN group_members m ON m.group_id = g.id"
        ),
        vec![vec![
            s("Rowerowy Kraków"),
            s("member"),
            s("2022-04-15T05:20:00Z")
        ]]
    );
}

#[test]
fn long_thread_every_part_in_order() {
    let f = Fixture::load("json-2024");
    assert_eq!(
        messages(&f, MAI_THREAD),
        vec![
            vec![
                s(MAI),
                s("2023-01-05T10:00:00.123Z"),
                s("Chào Zofia! Bạn khỏe không?"),
                s("text")
            ],
            vec![
                s(OWNER),
                s("2023-01-05T10:01:00.000Z"),
                s("Cześć Mai! Wszystko dobrze, dziękuję 😊"),
                s("text")
            ],
            vec![s(MAI), s("2023-01-05T10:02:00.000Z"), None, s("text")],
            vec![
                s(OWNER),
                s("2023-01-05T10:03:00.000Z"),
                s("Piękne zdjęcie! 😍"),
                s("text")
            ],
            vec![
                s(MAI),
                s("2023-01-05T10:04:00.000Z"),
                s("Xem cái này nè"),
                s("share")
            ],
            vec![
                s(OWNER),
                s("2023-01-05T10:05:00.000Z"),
                s("You called Nguyễn Thị Mai."),
                s("call")
            ],
            vec![s(MAI), s("2023-01-05T10:06:00.000Z"), None, s("unsent")],
            vec![
                s(OWNER),
                s("2023-01-05T10:07:00.000Z"),
                s("Do zobaczenia w Krakowie! 🚲🇵🇱"),
                s("text")
            ],
            vec![
                s(MAI),
                s("2023-01-05T10:08:00.000Z"),
                s("Hẹn gặp lại! 👋"),
                s("text")
            ],
        ]
    );
    // Each part's messages are traced to their own file.
    let thread = format!("{MSG_DIR}/inbox/{MAI_THREAD}");
    for part in 1..=3 {
        let path = format!("{thread}/message_{part}.json");
        assert_eq!(
            count(
                &f.conn,
                "provenance",
                &format!("entity = 'messages' AND path = '{path}'")
            ),
            3,
            "{path}"
        );
        assert_eq!(f.report().files[&path].fate, Fate::Parsed);
    }
    assert_eq!(
        text(
            &f.conn,
            "SELECT json_extract(extra, '$.share.share_text') FROM messages WHERE kind = 'share'"
        ),
        s("Phở ngon nhất Hà Nội")
    );
    assert_eq!(
        text(
            &f.conn,
            "SELECT CAST(json_extract(extra, '$.call_duration') AS TEXT) FROM messages WHERE kind = 'call'"
        ),
        s("125")
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT r.kind, a.display_name, m.text FROM reactions r JOIN accounts a ON a.id = r.actor_account JOIN messages m ON m.id = r.target_message WHERE m.conversation_id = 'fb:conversation:nguyenthimai_1234567890'"
        ),
        vec![vec![s("❤"), s(MAI), s("Piękne zdjęcie! 😍")]]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT m.kind, m.archive_path, m.mime FROM attachments t JOIN media m ON m.id = t.media_id WHERE t.owner_kind = 'message'"
        ),
        vec![vec![
            s("photo"),
            s("your_facebook_activity/messages/inbox/nguyenthimai_1234567890/photos/111_222.jpg"),
            s("image/jpeg")
        ]]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT kind, title FROM conversations WHERE native_id = 'nguyenthimai_1234567890'"
        ),
        vec![vec![s("direct"), s(MAI)]]
    );
}

#[test]
fn group_thread_keeps_the_member_who_left() {
    let f = Fixture::load("json-2024");
    let conv = "fb:conversation:rowerowykrakow_98765";
    assert_eq!(
        rows(
            &f.conn,
            &format!(
                "SELECT kind, title, json_extract(extra, '$.section') FROM conversations WHERE id = '{conv}'"
            )
        ),
        vec![vec![
            s("group"),
            s("Rowerowy Kraków 🚴"),
            s("archived_threads")
        ]]
    );
    assert_eq!(
        rows(
            &f.conn,
            &format!(
                "SELECT a.display_name, c.left_at FROM conversation_members c
             JOIN accounts a ON a.id = c.account_id
             WHERE c.conversation_id = '{conv}' ORDER BY a.display_name"
            )
        ),
        vec![
            vec![s(EMMA), None],
            vec![s(KRZYS), s("2023-03-28T10:40:02.000Z")],
            vec![s(OWNER), None],
            vec![s(LUKASZ), None],
            vec![s(FANG), None],
        ]
    );
    assert_eq!(
        count(
            &f.conn,
            "conversation_members",
            &format!(
                "conversation_id = '{conv}' AND json_extract(extra, '$.listed_as_participant') = 0"
            )
        ),
        1
    );
    assert_eq!(
        messages(&f, "rowerowykrakow_98765")
            .into_iter()
            .map(|r| (
                r[0].clone().unwrap(),
                r[2].clone().unwrap(),
                r[3].clone().unwrap()
            ))
            .collect::<Vec<_>>(),
        vec![
            (
                LUKASZ.to_string(),
                "Kto jedzie w sobotę?".to_string(),
                "text".to_string()
            ),
            (
                KRZYS.to_string(),
                "Ja nie mogę, przepraszam.".to_string(),
                "text".to_string()
            ),
            (
                KRZYS.to_string(),
                "Krzysztof Nowak left the group.".to_string(),
                "system".to_string()
            ),
            (FANG.to_string(), "我也去！".to_string(), "text".to_string()),
            (
                EMMA.to_string(),
                "Jeg kommer også 🌸".to_string(),
                "text".to_string()
            ),
        ]
    );
    assert_eq!(
        count(
            &f.conn,
            "reactions",
            "kind = '👍' AND target_message IS NOT NULL"
        ),
        2
    );
    assert_eq!(
        messages(&f, "emmalarsen_777"),
        vec![vec![
            s(EMMA),
            s("2023-11-14T22:13:20.000Z"),
            s("Hej Zofia 🌸"),
            s("text")
        ]]
    );
}

#[test]
fn stray_html_unknown_json_and_malformed_part_are_reported_and_the_rest_imports() {
    let f = Fixture::load("json-2024");
    let report = f.report();
    let html = "your_facebook_activity/posts/your_posts_1.html";
    let unknown = "your_facebook_activity/brand_new_feature/brand_new_thing.json";
    let broken = "your_facebook_activity/messages/inbox/wangfang_5555/message_2.json";
    assert_eq!(report.files[html].fate, Fate::Unknown);
    assert_eq!(report.files[unknown].fate, Fate::Unknown);
    assert_eq!(report.files[broken].fate, Fate::Failed);
    let find = |code: &str, path: &str| {
        report
            .diagnostics
            .iter()
            .find(|d| d.code == code && d.path.as_deref() == Some(path))
            .unwrap_or_else(|| panic!("no {code} for {path}: {:#?}", report.diagnostics))
    };
    assert_eq!(
        find("html-in-json-export", html).severity,
        Severity::Warning
    );
    assert_eq!(find("unknown-file", unknown).severity, Severity::Info);
    let d = find("json-syntax", broken);
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.locator.as_deref(), Some("line 14, column 21"));
    // The good part of the broken thread is imported.
    assert_eq!(
        messages(&f, "wangfang_5555"),
        vec![
            vec![
                s(FANG),
                s("2023-07-22T04:26:40.000Z"),
                s("你好，Zofia！"),
                s("text")
            ],
            vec![
                s(OWNER),
                s("2023-07-22T04:27:40.000Z"),
                s("Nǐ hǎo! 😀"),
                s("text")
            ],
        ]
    );
    assert_eq!(
        report.files["logged_information/search/your_search_history.json"].fate,
        Fate::Skipped
    );
    // The JSON file no parser knows keeps its record, as it was read.
    assert_eq!(find("raw-records", unknown).severity, Severity::Info);
    assert_eq!(
        rows(
            &f.conn,
            "SELECT path, position, CAST(json_extract(record, '$.timestamp') AS TEXT) FROM raw_records"
        ),
        vec![vec![
            s(unknown),
            s(".brand_new_thing_v2[0]"),
            s("1710000000")
        ]]
    );
    assert_eq!(report.diagnostics.len(), 4, "{:#?}", report.diagnostics);
}

// ---------------------------------------------------------------------------------------
// json-2026 and HTML
// ---------------------------------------------------------------------------------------

#[test]
fn json_2026_variant() {
    let f = Fixture::load("json-2026");
    assert_counts(
        &f,
        &[
            ("accounts", 5),
            ("relationships", 1),
            ("posts", 2),
            ("conversations", 3),
            ("conversation_members", 6),
            ("messages", 5),
            ("reactions", 2),
            ("media", 1),
            ("attachments", 1),
            ("profile_fields", 2),
        ],
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT created_at, text FROM posts ORDER BY created_at"
        ),
        vec![
            vec![s("2025-12-25T12:00:00Z"), s("Wesołych Świąt! 🎄")],
            vec![
                s("2025-12-30T13:06:40Z"),
                s("Przepis na żurek w załączniku")
            ]
        ]
    );
    assert_eq!(
        messages(&f, MAI_THREAD),
        vec![vec![
            s(MAI),
            s("2026-01-01T00:00:00.000Z"),
            s("Chúc mừng năm mới 2026! 🎆"),
            s("text")
        ]]
    );
    assert_eq!(
        ties(&f, "follows"),
        vec![vec![s(OWNER), s(JP), s("2019-02-12T19:33:20Z"), None, None]]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT field, value FROM profile_fields ORDER BY field"
        ),
        vec![
            vec![s("gender"), s("Demi-woman")],
            vec![s("name"), s(OWNER)]
        ]
    );
}

const A26: &str = "this_profile's_activity_across_facebook";

/// The conversation's members and its messages' senders, as account ids, oldest first.
fn members_and_senders(f: &Fixture, key: &str) -> (Vec<String>, Vec<Vec<Option<String>>>) {
    let members = f.texts(&format!(
        "SELECT account_id FROM conversation_members \
         WHERE conversation_id = 'fb:conversation:{key}' ORDER BY account_id"
    ));
    let senders = rows(
        &f.conn,
        &format!(
            "SELECT sender_account, sent_at, text FROM messages \
             WHERE conversation_id = 'fb:conversation:{key}' ORDER BY sent_at"
        ),
    );
    (members, senders)
}

#[test]
fn a_messenger_person_without_a_visible_name_is_one_anonymous_member_per_thread() {
    let f = Fixture::load("json-2026");
    // `{"name": ""}` among the participants, `"sender_name": ""` on two messages.
    let key = "facebookuser_2345678901";
    let nobody = anon(
        &format!("{A26}/messages/inbox/{key}/message_1.json"),
        "participants[0]",
    );
    let mut both = vec![nobody.clone(), owner_id()];
    both.sort();
    let (members, senders) = members_and_senders(&f, key);
    assert_eq!(members, both);
    assert_eq!(
        senders,
        vec![
            vec![
                Some(nobody.clone()),
                s("2026-01-01T23:58:00.000Z"),
                s("Cześć Zofia!")
            ],
            vec![
                Some(owner_id()),
                s("2026-01-01T23:59:00.000Z"),
                s("Cześć, kto to?")
            ],
            vec![
                Some(nobody.clone()),
                s("2026-01-02T00:00:00.000Z"),
                s("Do zobaczenia!")
            ],
        ]
    );
    // 170 × U+206F is no name either: another anonymous person, of that thread.
    let key = "_3456789012";
    let hidden = anon(
        &format!("{A26}/messages/inbox/{key}/message_1.json"),
        "participants[0]",
    );
    let mut both = vec![hidden.clone(), owner_id()];
    both.sort();
    let (members, senders) = members_and_senders(&f, key);
    assert_eq!(members, both);
    assert_eq!(
        senders,
        vec![vec![
            Some(hidden.clone()),
            s("2026-01-03T00:00:00.000Z"),
            s("👋")
        ]]
    );
    for a in [&nobody, &hidden] {
        assert_eq!(
            text(
                &f.conn,
                &format!(
                    "SELECT CAST(json_extract(extra, '$.anonymous') AS TEXT) FROM accounts \
                     WHERE id = '{a}' AND display_name IS NULL"
                )
            ),
            s("1")
        );
    }
    assert_eq!(
        f.count("conversations", "kind = 'direct'"),
        3,
        "a nameless person and the owner are a direct thread"
    );
    assert_eq!(f.count("messages", "sender_account IS NULL"), 0);
}

#[test]
fn reactions_in_both_2026_shapes_are_one_row_each_with_url_and_title() {
    let f = Fixture::load("json-2026");
    assert_eq!(
        rows(
            &f.conn,
            "SELECT kind, actor_account, created_at, target_url, target_text, \
             json_extract(extra, '$.target_author') FROM reactions ORDER BY created_at"
        ),
        vec![
            vec![
                s("love"),
                Some(owner_id()),
                s("2025-12-28T05:33:20Z"),
                s("https://www.facebook.com/photo.php?fbid=1002"),
                s(&format!("{OWNER} reacted to {FANG}'s photo.")),
                s(FANG)
            ],
            vec![
                s("like"),
                Some(owner_id()),
                s("2025-12-29T09:20:00Z"),
                s("https://www.facebook.com/permalink.php?story_fbid=1001&id=2001"),
                s(&format!("{OWNER} likes {MAI}'s post.")),
                s(MAI)
            ],
        ]
    );
}

#[test]
fn a_text_file_a_group_post_names_is_its_media() {
    let f = Fixture::load("json-2026");
    let path = "files/1234567890123456.txt";
    assert_eq!(
        rows(
            &f.conn,
            "SELECT m.kind, m.archive_path, CAST(m.bytes AS TEXT), p.text FROM media m \
             JOIN attachments a ON a.media_id = m.id JOIN posts p ON p.id = a.owner_id"
        ),
        vec![vec![
            s("file"),
            s(path),
            s("34"),
            s("Przepis na żurek w załączniku")
        ]]
    );
    assert_eq!(f.report().files[path].fate, Fate::Media);
}

#[test]
fn html_2020_exact() {
    let f = Fixture::load("html-2020");
    assert_counts(
        &f,
        &[
            ("accounts", 4),
            ("relationships", 3),
            ("posts", 2),
            ("conversations", 1),
            ("conversation_members", 2),
            ("messages", 3),
            ("media", 1),
            ("attachments", 1),
        ],
    );
    assert_eq!(names(&f), sorted(&[OWNER, MAI, FANG, LUKASZ]));
    assert_eq!(
        text(&f.conn, "SELECT id FROM accounts WHERE is_owner = 1"),
        Some(owner_id())
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT t.display_name, r.started_at, json_extract(r.extra, '$.date_text') FROM relationships r JOIN accounts t ON t.id = r.to_account ORDER BY r.started_at"
        ),
        vec![
            vec![s(FANG), s("2015-06-18T21:35"), s("Jun 18, 2015, 9:35 PM")],
            vec![s(MAI), s("2019-03-01T14:05"), s("Mar 1, 2019 2:05pm")],
            vec![s(LUKASZ), s("2019-12-24T11:00"), s("Dec 24, 2019 11:00am")],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT created_at, text, title FROM posts ORDER BY created_at"
        ),
        vec![
            vec![
                s("2020-01-01T12:00"),
                s("Zażółć gęślą jaźń 🦆 & więcej"),
                s("Zofia Wiśniewska updated her status.")
            ],
            vec![
                s("2020-02-14T08:30"),
                s("Tôi yêu Hà Nội ❤️"),
                s("Zofia Wiśniewska added a new photo.")
            ],
        ]
    );
    assert_eq!(
        text(&f.conn, "SELECT archive_path FROM media"),
        s("photos_and_videos/your_posts/401.jpg")
    );
    assert_eq!(
        messages(&f, "nguyenthimai_abc123"),
        vec![
            vec![s(MAI), s("2020-03-02T21:05"), s("Chào bạn! 😊"), s("text")],
            vec![
                s(MAI),
                s("2020-03-02T21:10"),
                s("你好 & xin chào"),
                s("text")
            ],
            vec![
                s(OWNER),
                s("2020-03-02T21:15"),
                s("Do widzenia! 👋"),
                s("text")
            ],
        ]
    );
    assert_eq!(text(&f.conn, "SELECT title FROM conversations"), s(MAI));
    assert_eq!(
        text(
            &f.conn,
            "SELECT json_extract(extra, '$.reactions') FROM messages WHERE text = 'Chào bạn! 😊'"
        ),
        s(r#"["❤Zofia Wiśniewska"]"#)
    );
}

#[test]
fn html_2024_a6g_exact() {
    let f = Fixture::load("html-2024");
    assert_counts(
        &f,
        &[
            ("accounts", 5),
            ("relationships", 4),
            ("posts", 3),
            ("post_entities", 0),
            ("reactions", 0),
            ("conversations", 2),
            ("conversation_members", 5),
            ("messages", 8),
            ("media", 2),
            ("attachments", 2),
        ],
    );
    assert_eq!(names(&f), sorted(&[OWNER, MAI, FANG, LUKASZ, EMMA]));
    // The owner's name comes from the `Full name` row of the profile's key/value table.
    assert_eq!(
        rows(
            &f.conn,
            "SELECT id, display_name FROM accounts WHERE is_owner = 1"
        ),
        vec![vec![Some(owner_id()), s(OWNER)]]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT r.kind, r.from_account, t.display_name, r.to_account, r.started_at, json_extract(r.extra, '$.date_text')
             FROM relationships r JOIN accounts t ON t.id = r.to_account ORDER BY r.started_at"
        ),
        vec![
            vec![
                s("friend"),
                Some(owner_id()),
                s(MAI),
                Some(acc(MAI)),
                s("2017-07-14T04:40:00"),
                s("Jul 14, 2017 4:40:00 am")
            ],
            vec![
                s("friend"),
                Some(owner_id()),
                s(FANG),
                Some(acc(FANG)),
                s("2017-11-06T20:26:40"),
                s("Nov 06, 2017 8:26:40 pm")
            ],
            vec![
                s("friend"),
                Some(owner_id()),
                s(LUKASZ),
                Some(acc(LUKASZ)),
                s("2020-09-13T12:26:40"),
                s("Sep 13, 2020 12:26:40 pm")
            ],
            vec![
                s("friend"),
                Some(owner_id()),
                s(EMMA),
                Some(acc(EMMA)),
                s("2022-04-15T00:05:00"),
                s("Apr 15, 2022 12:05:00 am")
            ],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT author_account, created_at, text, title, json_extract(extra, '$.date_text') FROM posts ORDER BY created_at"
        ),
        vec![
            vec![
                Some(owner_id()),
                s("2024-01-01T13:00:00"),
                s("Szczęśliwego Nowego Roku! 🎆🥂"),
                s("Zofia Wiśniewska updated her status."),
                s("Jan 01, 2024 1:00:00 pm")
            ],
            vec![
                Some(owner_id()),
                s("2024-02-01T20:00:00"),
                s("北京的烤鸭真好吃！ <3"),
                s("Zofia Wiśniewska was at Quanjude 全聚德."),
                s("Feb 01, 2024 8:00:00 pm")
            ],
            vec![
                Some(owner_id()),
                s("2024-03-01T00:00:00"),
                s("Chúc mừng sinh nhật Mai! 🎂"),
                None,
                s("Mar 01, 2024 12:00:00 am")
            ],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT t.owner_kind, m.archive_path, m.kind FROM attachments t JOIN media m ON m.id = t.media_id ORDER BY t.owner_kind"
        ),
        vec![
            vec![
                s("message"),
                s(
                    "your_facebook_activity/messages/inbox/nguyenthimai_1234567890/photos/111_222.jpg"
                ),
                s("photo")
            ],
            vec![
                s("post"),
                s("your_facebook_activity/posts/media/Mobileuploads_1a2b/101.jpg"),
                s("photo")
            ],
        ]
    );
    // The post photo belongs to the New Year post.
    assert_eq!(
        text(
            &f.conn,
            "SELECT p.text FROM attachments t JOIN posts p ON p.id = t.owner_id"
        ),
        s("Szczęśliwego Nowego Roku! 🎆🥂")
    );
    // Both parts of the thread, oldest first.
    assert_eq!(
        messages(&f, MAI_THREAD),
        vec![
            vec![
                s(MAI),
                s("2024-01-05T10:00:00"),
                s("Chào Zofia! Bạn khỏe không?"),
                s("text")
            ],
            vec![
                s(OWNER),
                s("2024-01-05T10:01:00"),
                s("Cześć Mai! Wszystko dobrze 😊"),
                s("text")
            ],
            vec![s(MAI), s("2024-01-05T10:02:00"), None, s("text")],
            vec![
                s(OWNER),
                s("2024-01-05T10:03:00"),
                s("Piękne zdjęcie! 😍"),
                s("text")
            ],
            vec![
                s(MAI),
                s("2024-01-05T10:04:30"),
                s("Hẹn gặp lại! 👋 & tạm biệt"),
                s("text")
            ],
        ]
    );
    let thread = "your_facebook_activity/messages/inbox/nguyenthimai_1234567890";
    for (part, n) in [(1, 3), (2, 2)] {
        let path = format!("{thread}/message_{part}.html");
        assert_eq!(
            count(
                &f.conn,
                "provenance",
                &format!("entity = 'messages' AND path = '{path}'")
            ),
            n,
            "{path}"
        );
    }
    assert_eq!(
        text(
            &f.conn,
            "SELECT json_extract(extra, '$.reactions') FROM messages WHERE text = 'Piękne zdjęcie! 😍'"
        ),
        s(r#"["❤Nguyễn Thị Mai"]"#)
    );
    assert_eq!(
        text(
            &f.conn,
            "SELECT a.archive_path FROM attachments t JOIN media a ON a.id = t.media_id JOIN messages m ON m.id = t.owner_id WHERE m.sent_at = '2024-01-05T10:02:00'"
        ),
        s("your_facebook_activity/messages/inbox/nguyenthimai_1234567890/photos/111_222.jpg")
    );
    assert_eq!(
        messages(&f, "rowerowykrakow_98765"),
        vec![
            vec![
                s(LUKASZ),
                s("2023-03-28T12:40:00"),
                s("Kto jedzie w sobotę?"),
                s("text")
            ],
            vec![s(FANG), s("2023-03-28T12:41:00"), s("我也去！"), s("text")],
            vec![
                s(OWNER),
                s("2023-03-28T12:42:00"),
                s("Ja też! 🚴"),
                s("text")
            ],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT native_id, kind, title FROM conversations ORDER BY native_id"
        ),
        vec![
            vec![s(MAI_THREAD), s("direct"), s(MAI)],
            vec![
                s("rowerowykrakow_98765"),
                s("group"),
                s("Rowerowy Kraków 🚴")
            ],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT c.native_id, a.display_name FROM conversation_members m
             JOIN conversations c ON c.id = m.conversation_id JOIN accounts a ON a.id = m.account_id
             ORDER BY c.native_id, a.display_name"
        ),
        vec![
            vec![s(MAI_THREAD), s(MAI)],
            vec![s(MAI_THREAD), s(OWNER)],
            vec![s("rowerowykrakow_98765"), s(OWNER)],
            vec![s("rowerowykrakow_98765"), s(LUKASZ)],
            vec![s("rowerowykrakow_98765"), s(FANG)],
        ]
    );
    let report = f.report();
    assert_eq!(
        report.files["your_facebook_activity/comments_and_reactions/comments.html"].fate,
        Fate::Unknown
    );
    assert_eq!(report.files["index.html"].fate, Fate::Skipped);
    assert_eq!(report.files["files/style.css"].fate, Fate::Skipped);
    assert_eq!(
        report.files["connections/friends/your_friends.html"].fate,
        Fate::Parsed
    );
    assert_eq!(
        report
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.severity))
            .collect::<Vec<_>>(),
        vec![("html-export", Severity::Info)]
    );
}

// ---------------------------------------------------------------------------------------
// Messenger secure storage
// ---------------------------------------------------------------------------------------

const SECURE_EMMA: &str = "secure:Emma 🌸 Larsen_1";
const SECURE_MAI: &str = "secure:Nguyễn Thị Mai_1";
const SECURE_GROUP: &str = "secure:Rowerowy Kraków 🚴_1";

#[test]
fn secure_storage_exact() {
    let f = Fixture::load("messenger-secure-storage");
    assert_counts(
        &f,
        &[
            ("accounts", 5),
            ("relationships", 0),
            ("posts", 0),
            ("reactions", 3),
            ("conversations", 3),
            ("conversation_members", 8),
            ("messages", 11),
            ("media", 1),
            ("attachments", 1),
        ],
    );
    assert_eq!(names(&f), sorted(&[OWNER, EMMA, MAI, LUKASZ, FANG]));
    // The owner is the one person in every thread; ids are the DYI fixtures' ids.
    assert_eq!(
        text(&f.conn, "SELECT id FROM accounts WHERE is_owner = 1"),
        Some(owner_id())
    );
    for name in [EMMA, MAI, LUKASZ, FANG] {
        assert_eq!(
            count(
                &f.conn,
                "accounts",
                &format!("id = '{}' AND display_name = '{name}'", acc(name))
            ),
            1,
            "{name}"
        );
    }
    assert_eq!(
        rows(
            &f.conn,
            "SELECT id, native_id, kind, title FROM conversations ORDER BY title"
        ),
        vec![
            vec![
                Some(format!("fb:conversation:{SECURE_EMMA}")),
                s(SECURE_EMMA),
                s("direct"),
                s(EMMA)
            ],
            vec![
                Some(format!("fb:conversation:{SECURE_MAI}")),
                s(SECURE_MAI),
                s("direct"),
                s(MAI)
            ],
            vec![
                Some(format!("fb:conversation:{SECURE_GROUP}")),
                s(SECURE_GROUP),
                s("group"),
                s("Rowerowy Kraków 🚴")
            ],
        ]
    );
    // Messages in time order although the files list them out of order; correct UTF-8 kept
    // as it is (no mojibake repair: "Ã³" stays).
    assert_eq!(
        messages(&f, SECURE_EMMA),
        vec![
            vec![
                s(EMMA),
                s("2023-11-14T22:13:20.000Z"),
                s("Hej Zofia 🌸"),
                s("text")
            ],
            vec![
                s(OWNER),
                s("2023-11-14T22:14:20.000Z"),
                s("Cześć Emma! Tęsknię 😊"),
                s("text")
            ],
            vec![s(EMMA), s("2023-11-14T22:15:20.000Z"), None, s("text")],
            vec![
                s(EMMA),
                s("2023-11-14T22:16:20.000Z"),
                s("Emma 🌸 Larsen unsent a message."),
                s("unsent")
            ],
            vec![
                s(OWNER),
                s("2023-11-14T22:17:20.000Z"),
                s("Stare eksporty: Ã³"),
                s("text")
            ],
        ]
    );
    assert_eq!(
        messages(&f, SECURE_MAI),
        vec![
            vec![
                s(MAI),
                s("2024-03-09T16:00:00.000Z"),
                s("Chị ơi, mai mình đi ăn phở nhé? 🍜"),
                s("text")
            ],
            vec![
                s(OWNER),
                s("2024-03-09T16:00:30.000Z"),
                s("Jasne! Do zobaczenia jutro 👋"),
                s("text")
            ],
            vec![s(MAI), s("2024-03-09T16:01:30.000Z"), None, s("text")],
        ]
    );
    assert_eq!(
        messages(&f, SECURE_GROUP),
        vec![
            vec![
                s(LUKASZ),
                s("2024-04-01T19:33:20.000Z"),
                s("Wycieczka do Wieliczki w niedzielę? 🚴\u{200d}♀️"),
                s("text")
            ],
            vec![
                s(FANG),
                s("2024-04-01T19:34:20.000Z"),
                s("好的！我也去。"),
                s("text")
            ],
            vec![
                s(OWNER),
                s("2024-04-01T19:35:20.000Z"),
                s("Zażółć gęślą jaźń — jadę! 🇵🇱"),
                s("text")
            ],
        ]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT r.kind, r.actor_account, m.text FROM reactions r JOIN messages m ON m.id = r.target_message ORDER BY m.sent_at, r.kind"
        ),
        vec![
            vec![
                s("\u{2764}\u{fe0f}"),
                Some(acc(EMMA)),
                s("Cześć Emma! Tęsknię 😊")
            ],
            vec![s("🎉"), Some(owner_id()), s("好的！我也去。")],
            vec![s("👍"), Some(acc(LUKASZ)), s("好的！我也去。")],
        ]
    );
    // One media file, attached to emma's photo message; "Failed to download media" is no file.
    assert_eq!(
        rows(
            &f.conn,
            "SELECT m.kind, m.archive_path, m.mime, msg.sent_at FROM attachments t
             JOIN media m ON m.id = t.media_id JOIN messages msg ON msg.id = t.owner_id"
        ),
        vec![vec![
            s("photo"),
            s("media/5b0c1f9e-2d4a-4c1b-9a57-0e3f6c2d8a11.jpeg"),
            s("image/jpeg"),
            s("2023-11-14T22:15:20.000Z")
        ]]
    );
    assert_eq!(
        rows(
            &f.conn,
            "SELECT c.native_id, a.display_name FROM conversation_members m
             JOIN conversations c ON c.id = m.conversation_id JOIN accounts a ON a.id = m.account_id
             ORDER BY c.native_id, a.display_name"
        ),
        vec![
            vec![s(SECURE_EMMA), s(EMMA)],
            vec![s(SECURE_EMMA), s(OWNER)],
            vec![s(SECURE_MAI), s(MAI)],
            vec![s(SECURE_MAI), s(OWNER)],
            vec![s(SECURE_GROUP), s(EMMA)],
            vec![s(SECURE_GROUP), s(OWNER)],
            vec![s(SECURE_GROUP), s(LUKASZ)],
            vec![s(SECURE_GROUP), s(FANG)],
        ]
    );
    let report = f.report();
    for file in [
        "messages/Emma 🌸 Larsen_1.json",
        "messages/Nguyễn Thị Mai_1.json",
        "messages/Rowerowy Kraków 🚴_1.json",
    ] {
        assert_eq!(report.files[file].fate, Fate::Parsed, "{file}");
    }
    assert_eq!(
        report.files["media/5b0c1f9e-2d4a-4c1b-9a57-0e3f6c2d8a11.jpeg"].fate,
        Fate::Media
    );
    assert_eq!(
        report
            .diagnostics
            .iter()
            .map(|d| (d.code.as_str(), d.severity))
            .collect::<Vec<_>>(),
        vec![("owner-from-threads", Severity::Info)],
        "{:#?}",
        report.diagnostics
    );
}

/// `(sender, sent_at, text)` of every message, sorted.
fn all_messages(c: &Connection) -> Vec<Vec<Option<String>>> {
    rows(
        c,
        "SELECT a.display_name, m.sent_at, m.text FROM messages m
         LEFT JOIN accounts a ON a.id = m.sender_account ORDER BY m.sent_at, m.id",
    )
}

#[test]
fn secure_storage_and_dyi_e2ee_cutover_give_each_message_once() {
    let dyi = dir("json-2024");
    let secure = dir("messenger-secure-storage");
    let mut seen = Vec::new();
    for order in [[&dyi, &secure], [&secure, &dyi]] {
        let both = import(&[order[0], order[1]]);
        let c = both.conn();
        for (table, n) in [
            ("accounts", 12),
            ("conversations", 7),
            ("conversation_members", 19),
            ("messages", 27),
            ("reactions", 8),
            ("media", 3),
            ("attachments", 3),
        ] {
            assert_eq!(count(&c, table, ""), n, "{table}");
        }
        assert_eq!(count(&c, "accounts", "is_owner = 1"), 1);
        // emma's "Hej Zofia 🌸" is in both and written once, sent by the one Emma.
        assert_eq!(
            rows(
                &c,
                "SELECT sender_account, sent_at FROM messages WHERE text = 'Hej Zofia 🌸'"
            ),
            vec![vec![Some(acc(EMMA)), s("2023-11-14T22:13:20.000Z")]]
        );
        seen.push(all_messages(&c));
    }
    assert_eq!(seen[0], seen[1]);
}

#[test]
fn secure_storage_thread_alone_is_not_tied_to_an_owner() {
    // One thread only: two people in it, nobody can tell which is the owner.
    let tmp = tempfile::tempdir().unwrap();
    copy_subset(&dir("messenger-secure-storage"), tmp.path(), |p| {
        p.starts_with("messages/Nguyễn")
    });
    let f = {
        let imported = import(&[tmp.path()]);
        let conn = imported.conn();
        Fixture { imported, conn }
    };
    assert_eq!(
        f.imported.reports[0].diagnostics.len(),
        1,
        "{:#?}",
        f.imported.reports[0].diagnostics
    );
    let d = &f.imported.reports[0].diagnostics[0];
    assert_eq!(
        (d.code.as_str(), d.severity),
        ("no-profile", Severity::Warning)
    );
    assert_eq!(f.count("accounts", "is_owner = 1"), 0);
    assert_eq!(names(&f), sorted(&[OWNER, MAI]));
    assert_eq!(f.count("accounts", &format!("id = '{}'", acc(MAI))), 0);
    assert_eq!(f.count("messages", ""), 3);
    assert_eq!(f.count("media", ""), 0);
}

// ---------------------------------------------------------------------------------------
// Every fixture: folder and zip, re-import, report, foreign keys
// ---------------------------------------------------------------------------------------

#[test]
fn folder_and_zip_agree() {
    for name in FIXTURES {
        assert_folder_and_zips_agree(&dir(name), "facebook-zofia-2024-05-01-AbCd");
    }
}

#[test]
fn reimport_adds_nothing() {
    for name in FIXTURES {
        assert_reimport_changes_nothing(&dir(name));
    }
}

#[test]
fn every_file_is_in_the_report_and_foreign_keys_hold() {
    for name in FIXTURES {
        let f = Fixture::load(name);
        let listed: BTreeSet<String> = f.report().files.keys().cloned().collect();
        let on_disk: BTreeSet<String> = files_under(&dir(name)).into_iter().collect();
        assert_eq!(listed, on_disk, "{name}");
        let problems: Vec<String> = {
            let mut stmt = f.conn.prepare("PRAGMA foreign_key_check").unwrap();
            stmt.query_map([], |r| r.get::<_, String>(0))
                .unwrap()
                .map(Result::unwrap)
                .collect()
        };
        assert!(problems.is_empty(), "{name}: {problems:?}");
        assert!(
            !f.report()
                .files
                .values()
                .any(|file| file.fate == Fate::Partial),
            "{name}"
        );
    }
}

#[test]
fn two_archives_of_the_same_owner_share_ids() {
    let both = import(&[&dir("json-2019"), &dir("json-2022")]);
    let c = both.conn();
    assert_eq!(count(&c, "accounts", "is_owner = 1"), 1);
    assert_eq!(count(&c, "accounts", &format!("display_name = '{MAI}'")), 1);
    // 10 people in 2019, 9 in 2022, 8 shared (all but Emma, Piotr and Łukasz).
    assert_eq!(count(&c, "accounts", ""), 11);
    assert_eq!(
        count(
            &c,
            "relationships",
            &format!("kind = 'friend' AND to_account = '{}'", acc(MAI))
        ),
        1
    );
}

#[test]
fn no_mojibake_survives() {
    for name in ["json-2019", "json-2022", "json-2024", "json-2026"] {
        let f = Fixture::load(name);
        for (table, column) in [
            ("accounts", "display_name"),
            ("posts", "text"),
            ("posts", "title"),
            ("messages", "text"),
            ("reactions", "kind"),
            ("groups", "name"),
            ("events", "name"),
        ] {
            for value in f.texts(&format!(
                "SELECT {column} FROM {table} WHERE {column} IS NOT NULL"
            )) {
                assert!(
                    !value.contains('Ã')
                        && !value.contains('Å')
                        && !value.contains('ð')
                        && !value.contains('â'),
                    "{name} {table}.{column}: {value:?}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Multi-zip
// ---------------------------------------------------------------------------------------

/// Copies the files of `src` whose relative path `keep` accepts into `dest`.
fn copy_subset(src: &Path, dest: &Path, keep: impl Fn(&str) -> bool) {
    for rel in files_under(src) {
        if keep(&rel) {
            let to = dest.join(&rel);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(src.join(&rel), to).unwrap();
        }
    }
}

#[test]
fn a_multi_zip_export_imports_as_one() {
    let tmp = tempfile::tempdir().unwrap();
    let src = dir("json-2024");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    // Part 1: profile, connections, posts. Part 2: messages and every media file.
    let second = |p: &str| {
        p.contains("/messages/") || p.ends_with(".jpg") || p.starts_with("logged_information/")
    };
    copy_subset(&src, &a, |p| !second(p));
    copy_subset(&src, &b, second);
    let za = tmp.path().join("facebook-zofia-2024-05-01-AbCd.zip");
    let zb = tmp.path().join("facebook-zofia-2024-05-01-EfGh.zip");
    zip_dir(
        &a,
        &za,
        ZipStyle {
            wrapper: Some("facebook-zofia-2024-05-01-AbCd"),
            ..ZipStyle::default()
        },
    );
    zip_dir(&b, &zb, ZipStyle::default());

    let archive = Archive::open_many(&[&za, &zb], freehold_facebook::EXPORT_ROOTS).unwrap();
    let platforms = platforms();
    let (platform, detection) = freehold_archive::detect(platforms, &archive).unwrap();
    assert_eq!(detection.layout, "facebook/json-2024");
    let db = tmp.path().join("multi.sqlite");
    let mut store = Store::open(&db).unwrap();
    let outcome = store
        .import(&archive, platform, &detection, &ImportOptions::default())
        .unwrap();
    drop(store);
    assert!(
        !outcome
            .report
            .diagnostics
            .iter()
            .any(|d| d.code == "no-profile"),
        "{:#?}",
        outcome.report.diagnostics
    );
    let merged = dump(&Connection::open(&db).unwrap());
    let whole = import(&[&src]);
    let filter = |rows: Vec<String>| -> Vec<String> {
        rows.into_iter()
            .filter(|r| !r.starts_with("imports:") && !r.starts_with("provenance:"))
            .collect()
    };
    assert_eq!(filter(merged), filter(dump(&whole.conn())));

    // The command line groups the parts of one export into one import.
    let db2 = tmp.path().join("cli.sqlite");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_freehold"))
        .args(["import", "--quiet", "--db"])
        .arg(&db2)
        .arg(&za)
        .arg(&zb)
        .output()
        .unwrap();
    // json-2024 holds a truncated thread on purpose: records lost, exit 1.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = Connection::open(&db2).unwrap();
    assert_eq!(count(&c, "imports", ""), 1);
    assert_eq!(count(&c, "messages", ""), 17);
    assert_eq!(filter(dump(&c)), filter(dump(&whole.conn())));
}

// ---------------------------------------------------------------------------------------
// Review fixes: small synthetic cases built in the test
// ---------------------------------------------------------------------------------------

/// Writes `content` at `rel` under `root`, creating folders.
fn put(root: &Path, rel: &str, content: &str) {
    let to = root.join(rel);
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::write(to, content).unwrap();
}

/// A copy of a fixture in a temporary folder, to add synthetic files to.
fn fixture_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join(name);
    copy_subset(&dir(name), &root, |_| true);
    (tmp, root)
}

#[test]
fn instagram_named_thread_or_album_does_not_reject_a_facebook_export() {
    let (_tmp, root) = fixture_copy("json-2024");
    put(
        &root,
        "your_facebook_activity/messages/inbox/instagram_123/message_1.json",
        r#"{"participants": [{"name": "Instagram"}, {"name": "Zofia Wi\u00c5\u009bniewska"}],
            "title": "Instagram", "thread_path": "inbox/instagram_123",
            "messages": [{"sender_name": "Instagram", "timestamp_ms": 1690000000000, "content": "Hi"}]}"#,
    );
    put(
        &root,
        "your_facebook_activity/posts/media/Instagram_Photos_9z/1.jpg",
        "jpeg",
    );
    let platforms = platforms();
    let archive = Archive::open(&root).unwrap();
    let (platform, detection) = freehold_archive::detect(platforms, &archive).unwrap();
    assert_eq!(platform.name(), "facebook");
    assert_eq!(detection.layout, "facebook/json-2024");
    let imported = import(&[&root]);
    let c = imported.conn();
    // The fixture's 4 conversations plus the one in `inbox/instagram_123`.
    assert_eq!(count(&c, "conversations", ""), 5);
    assert_eq!(count(&c, "messages", "text = 'Hi'"), 1);

    // An Instagram-only root still says the archive is Instagram's.
    put(
        &root,
        "your_instagram_activity/messages/inbox/x_1/message_1.json",
        r#"{"participants": [], "messages": []}"#,
    );
    let archive = Archive::open(&root).unwrap();
    assert!(freehold_facebook::Facebook.detect_is_none(&archive));
}

#[test]
fn a_media_part_holding_only_your_facebook_activity_is_not_unwrapped() {
    let tmp = tempfile::tempdir().unwrap();
    let src = dir("json-2024");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    // Part 2 has one top folder, `your_facebook_activity/`: every photo and the second
    // part of a thread. Part 1 (wrapped) has the rest.
    let second = |p: &str| p.ends_with(".jpg") || p.ends_with("inbox/wangfang_5555/message_2.json");
    copy_subset(&src, &a, |p| !second(p));
    copy_subset(&src, &b, second);
    assert_eq!(
        std::fs::read_dir(&b).unwrap().count(),
        1,
        "part 2 has a single top folder"
    );
    let za = tmp.path().join("facebook-zofia-2024-05-01-AbCd.zip");
    let zb = tmp.path().join("facebook-zofia-2024-05-01-EfGh.zip");
    zip_dir(
        &a,
        &za,
        ZipStyle {
            wrapper: Some("facebook-zofia-2024-05-01-AbCd"),
            ..ZipStyle::default()
        },
    );
    zip_dir(&b, &zb, ZipStyle::default());

    for order in [[&za, &zb], [&zb, &za]] {
        let archive = Archive::open_many(
            &[order[0].as_path(), order[1].as_path()],
            freehold_facebook::EXPORT_ROOTS,
        )
        .unwrap();
        assert!(
            archive
                .get("your_facebook_activity/posts/media/Mobileuploads_1a2b/101.jpg")
                .is_some()
        );
        let platforms = platforms();
        let (platform, detection) = freehold_archive::detect(platforms, &archive).unwrap();
        assert_eq!(detection.layout, "facebook/json-2024");
        let db = tmp.path().join("media-part.sqlite");
        let _ = std::fs::remove_file(&db);
        let mut store = Store::open(&db).unwrap();
        let outcome = store
            .import(&archive, platform, &detection, &ImportOptions::default())
            .unwrap();
        drop(store);
        assert!(
            !outcome
                .report
                .diagnostics
                .iter()
                .any(|d| d.code == "missing-part" || d.code == "no-profile"),
            "{:#?}",
            outcome.report.diagnostics
        );
        let c = Connection::open(&db).unwrap();
        // Both media files are found in the archive and linked.
        assert_eq!(count(&c, "media", "archive_path IS NOT NULL"), 2);
        assert_eq!(count(&c, "attachments", ""), 2);
        // The split thread is one conversation with both parts' messages.
        assert_eq!(count(&c, "conversations", ""), 4);
        let whole = import(&[&src]);
        let filter = |rows: Vec<String>| -> Vec<String> {
            rows.into_iter()
                .filter(|r| !r.starts_with("imports:") && !r.starts_with("provenance:"))
                .collect()
        };
        assert_eq!(filter(dump(&c)), filter(dump(&whole.conn())));
    }
}

#[test]
fn a_single_label_values_record_file_is_read_as_a_one_element_list() {
    let (_tmp, root) = fixture_copy("json-2024");
    let rel = "your_facebook_activity/comments_and_reactions/likes_and_reactions_2.json";
    put(
        &root,
        rel,
        r#"{"timestamp": 1704600000, "fbid": "1002",
            "label_values": [{"label": "Reaction", "value": "Wow"},
                             {"label": "Name", "value": "\u00c5\u0081ukasz \u00c5\u00bb\u00c3\u00b3\u00c5\u0082kiewski"},
                             {"label": "URL", "value": "https://www.facebook.com/example/posts/3"}]}"#,
    );
    let imported = import(&[&root]);
    let c = imported.conn();
    let file = &imported.reports[0].files[rel];
    assert_eq!(file.fate, Fate::Parsed, "{file:?}");
    assert_eq!(
        rows(
            &c,
            "SELECT kind, target_url, created_at, json_extract(extra, '$.target_author') \
             FROM reactions WHERE target_url LIKE '%/posts/3'"
        ),
        [vec![
            s("wow"),
            s("https://www.facebook.com/example/posts/3"),
            s("2024-01-07T04:00:00Z"),
            s(LUKASZ)
        ]]
    );
}

#[test]
fn non_object_messages_are_reported_and_non_text_content_is_kept() {
    let (_tmp, root) = fixture_copy("json-2024");
    let rel = "your_facebook_activity/messages/inbox/oddthread_4242/message_1.json";
    put(
        &root,
        rel,
        r#"{"participants": [{"name": "Odd Person"}, {"name": "Zofia Wi\u00c5\u009bniewska"}],
            "title": "Odd Person", "thread_path": "inbox/oddthread_4242",
            "messages": [
              {"sender_name": "Odd Person", "timestamp_ms": 1710000002000, "content": "text one"},
              null,
              "just a string",
              42,
              {"sender_name": "Odd Person", "timestamp_ms": 1710000001000, "content": {"weird": [1, 2]}}
            ]}"#,
    );
    let imported = import(&[&root]);
    let c = imported.conn();
    let conv = "fb:conversation:oddthread_4242";
    // Only the two objects become messages, oldest first.
    assert_eq!(
        rows(
            &c,
            &format!(
                "SELECT text, json_extract(extra, '$.content') FROM messages \
                 WHERE conversation_id = '{conv}' ORDER BY sent_at"
            )
        ),
        [
            vec![None, s(r#"{"weird":[1,2]}"#)],
            vec![s("text one"), None]
        ]
    );
    let bad: Vec<(Option<String>, Option<String>)> = imported.reports[0]
        .diagnostics
        .iter()
        .filter(|d| d.code == "bad-record")
        .map(|d| (d.path.clone(), d.locator.clone()))
        .collect();
    assert_eq!(
        bad,
        [1, 2, 3].map(|i| (Some(rel.to_string()), Some(format!("messages[{i}]"))))
    );
}

fn anon(path: &str, loc: &str) -> String {
    format!(
        "fb:account:{}",
        hash_parts(&["anonymous", "zofia wiśniewska", path, loc])
    )
}

#[test]
fn reactions_without_a_kind_and_nameless_followers_are_kept() {
    let (_tmp, root) = fixture_copy("json-2024");
    put(
        &root,
        "your_facebook_activity/comments_and_reactions/likes_and_reactions_2.json",
        r#"[{"timestamp": 1704700000,
             "label_values": [{"label": "Name", "value": "Someone"},
                              {"label": "URL", "value": "https://www.facebook.com/example/posts/9"}]}]"#,
    );
    let followers = "connections/followers/people_who_followed_you_2.json";
    put(
        &root,
        followers,
        r#"[{"title": "", "string_list_data": [{"value": "", "timestamp": 1700000000}]},
            {"name": "", "timestamp": 1700000001}]"#,
    );
    let imported = import(&[&root]);
    let c = imported.conn();
    assert_eq!(
        rows(
            &c,
            "SELECT kind, json_extract(extra, '$.target_author') FROM reactions \
             WHERE target_url LIKE '%/posts/9'"
        ),
        [vec![s("reaction"), s("Someone")]]
    );
    let (a0, a1) = (anon(followers, "[0]"), anon(followers, "[1]"));
    assert_eq!(
        rows(
            &c,
            "SELECT from_account, started_at FROM relationships \
             WHERE kind = 'follows' AND started_at LIKE '2023-11-14T22:13:2%' ORDER BY started_at"
        ),
        [
            vec![Some(a0.clone()), s("2023-11-14T22:13:20Z")],
            vec![Some(a1.clone()), s("2023-11-14T22:13:21Z")]
        ]
    );
    for a in [&a0, &a1] {
        assert_eq!(
            text(
                &c,
                &format!(
                    "SELECT CAST(json_extract(extra, '$.anonymous') AS TEXT) FROM accounts WHERE id = '{a}' AND display_name IS NULL"
                )
            ),
            s("1")
        );
    }
}

#[test]
fn facebook_user_placeholders_are_separate_anonymous_people() {
    let (_tmp, root) = fixture_copy("json-2024");
    let thread = |key: &str| {
        format!(
            r#"{{"participants": [{{"name": "Facebook user"}}, {{"name": "Zofia Wi\u00c5\u009bniewska"}}],
                "title": "Facebook user", "thread_path": "inbox/{key}",
                "messages": [{{"sender_name": "Facebook user", "timestamp_ms": 1711000000000, "content": "from {key}"}}]}}"#
        )
    };
    let p1 = "your_facebook_activity/messages/inbox/facebookuser_1/message_1.json";
    let p2 = "your_facebook_activity/messages/inbox/facebookuser_2/message_1.json";
    put(&root, p1, &thread("facebookuser_1"));
    put(&root, p2, &thread("facebookuser_2"));
    let friends = "connections/friends/your_friends_2.json";
    put(
        &root,
        friends,
        r#"{"friends_v2": [{"name": "Facebook user", "timestamp": 1600000100},
                           {"name": "Facebook User", "timestamp": 1600000101}]}"#,
    );
    let imported = import(&[&root]);
    let c = imported.conn();
    let (t1, t2) = (anon(p1, "participants[0]"), anon(p2, "participants[0]"));
    assert_eq!(
        rows(
            &c,
            "SELECT sender_account FROM messages WHERE text LIKE 'from facebookuser_%' ORDER BY text"
        ),
        [vec![Some(t1.clone())], vec![Some(t2.clone())]]
    );
    let (f0, f1) = (
        anon(friends, "friends_v2[0]"),
        anon(friends, "friends_v2[1]"),
    );
    assert_eq!(
        rows(
            &c,
            "SELECT to_account FROM relationships WHERE kind = 'friend' \
             AND started_at LIKE '2020-09-13T12:28:2%' ORDER BY started_at"
        ),
        [vec![Some(f0.clone())], vec![Some(f1.clone())]]
    );
    // No single shared "Facebook user" account; each anonymous one is flagged.
    assert_eq!(
        count(&c, "accounts", &format!("id = '{}'", acc("Facebook user"))),
        0
    );
    for a in [&t1, &t2, &f0, &f1] {
        assert_eq!(
            rows(
                &c,
                &format!(
                    "SELECT CAST(json_extract(extra, '$.anonymous') AS TEXT), json_extract(extra, '$.placeholder_name') FROM accounts WHERE id = '{a}'"
                )
            ),
            [vec![
                s("1"),
                Some(
                    if a == &f1 {
                        "Facebook User"
                    } else {
                        "Facebook user"
                    }
                    .to_string()
                )
            ]]
        );
    }
}

#[test]
fn check_ins_and_places_tagged_become_checkin_posts() {
    let (_tmp, root) = fixture_copy("json-2024");
    // A single check-in: written as a bare object, not a list.
    let checkins = "your_facebook_activity/posts/check-ins.json";
    put(
        &root,
        checkins,
        r#"{"timestamp": 1714000000, "fbid": "555",
            "label_values": [
              {"label": "Message", "value": "Kawa w Krakowie \u00e2\u0098\u0095"},
              {"label": "Place tags", "dict": [
                 {"label": "Name", "value": "Kawiarnia Noworolski"},
                 {"label": "Address", "value": "Rynek G\u00c5\u0082\u00c3\u00b3wny 1, Krak\u00c3\u00b3w"},
                 {"label": "Coordinates", "value": "(50.0617 , 19.9373)"}]}]}"#,
    );
    let tagged = "your_facebook_activity/posts/places_you_have_been_tagged_in.json";
    put(
        &root,
        tagged,
        r#"[{"label_values": [
               {"label": "Place name", "value": "Wawel"},
               {"label": "Visit time", "timestamp_value": 1715000000},
               {"label": "Coordinates", "value": "(not , known)"}]}]"#,
    );
    let imported = import(&[&root]);
    let c = imported.conn();
    for path in [checkins, tagged] {
        assert_eq!(imported.reports[0].files[path].fate, Fate::Parsed, "{path}");
    }
    assert_eq!(
        rows(
            &c,
            "SELECT text, place, CAST(latitude AS TEXT), CAST(longitude AS TEXT), created_at, \
             json_extract(extra, '$.source'), json_extract(extra, '$.address'), author_account \
             FROM posts WHERE kind = 'checkin' ORDER BY created_at"
        ),
        [
            vec![
                s("Kawa w Krakowie ☕"),
                s("Kawiarnia Noworolski"),
                s("50.0617"),
                s("19.9373"),
                s("2024-04-24T23:06:40Z"),
                s("check-in"),
                s("Rynek Główny 1, Kraków"),
                Some(owner_id())
            ],
            vec![
                None,
                s("Wawel"),
                None,
                None,
                s("2024-05-06T12:53:20Z"),
                s("place-tagged"),
                None,
                Some(owner_id())
            ],
        ]
    );
}

#[test]
fn partly_mapped_profile_keys_event_places_and_comment_attachments_keep_their_raw_value() {
    let (_tmp, root) = fixture_copy("json-2024");
    put(
        &root,
        "personal_information/profile_information/profile_information.json",
        r#"{"profile_v2": {
             "name": {"full_name": "Zofia Wi\u00c5\u009bniewska", "first_name": "Zofia",
                      "middle_name": "Anna", "last_name": "Wi\u00c5\u009bniewska"},
             "birthday": {"year": 1990, "month": 0, "day": 15},
             "gender": {"gender_option": "FEMALE", "pronoun": "FEMALE"},
             "current_city": {"name": "Krak\u00c3\u00b3w", "timestamp": 1600000000, "region": "Ma\u00c5\u0082opolska"},
             "hometown": {"name": "Zakopane", "timestamp": 0},
             "relationship": {"status": "Married", "partner": "Jan", "anniversary": {"year": 2015, "month": 6, "day": 1}},
             "phone_numbers": [{"phone_type": "Mobile", "phone_number": "+48 600 000 000", "verified": true}],
             "websites": [{"address": "https://example.com/zofia"}],
             "username": "zofia.wisniewska"}}"#,
    );
    let events = "your_facebook_activity/events/your_events.json";
    put(
        &root,
        events,
        r#"{"your_events_v2": [{"name": "Parapet\u00c3\u00b3wka", "start_timestamp": 1720000000,
             "place": {"name": "Mieszkanie", "coordinate": {"latitude": 50.06, "longitude": 19.94},
                       "address": "ul. Floria\u00c5\u0084ska 1"}},
            {"name": "Bare place", "start_timestamp": 1720000001, "place": {"name": "Somewhere"}}]}"#,
    );
    let comments = "your_facebook_activity/comments_and_reactions/comments_2.json";
    put(
        &root,
        comments,
        r#"{"comments_v2": [{"timestamp": 1720001000, "title": "x",
             "data": [{"comment": {"timestamp": 1720001000, "comment": "look", "author": "Zofia Wi\u00c5\u009bniewska"}}],
             "attachments": [{"data": [
               {"external_context": {"url": "https://example.com/a", "name": "A page"}},
               {"text": "a sticker"},
               {"place": {"name": "Rynek"}}]}]}]}"#,
    );
    let imported = import(&[&root]);
    let c = imported.conn();
    let owner = owner_id();
    let profile = |key: &str| {
        text(
            &c,
            &format!(
                "SELECT json_extract(extra, '$.profile.{key}') FROM accounts WHERE id = '{owner}'"
            ),
        )
    };
    assert_eq!(
        profile("name"),
        s(
            r#"{"first_name":"Zofia","full_name":"Zofia Wiśniewska","last_name":"Wiśniewska","middle_name":"Anna"}"#
        )
    );
    assert_eq!(
        profile("birthday"),
        s(r#"{"day":15,"month":0,"year":1990}"#)
    );
    assert_eq!(
        profile("gender"),
        s(r#"{"gender_option":"FEMALE","pronoun":"FEMALE"}"#)
    );
    assert_eq!(
        profile("current_city"),
        s(r#"{"name":"Kraków","region":"Małopolska","timestamp":1600000000}"#)
    );
    assert_eq!(
        profile("relationship"),
        s(r#"{"anniversary":{"day":1,"month":6,"year":2015},"partner":"Jan","status":"Married"}"#)
    );
    assert_eq!(
        profile("phone_numbers"),
        s(r#"[{"phone_number":"+48 600 000 000","phone_type":"Mobile","verified":true}]"#)
    );
    // Fully mapped keys are not repeated.
    assert_eq!(profile("hometown"), None);
    assert_eq!(profile("websites"), None);
    assert_eq!(
        rows(
            &c,
            "SELECT name, place, json_extract(extra, '$.place') FROM events \
             WHERE starts_at LIKE '2024-07-03T09:46:4%' ORDER BY starts_at"
        ),
        [
            vec![
                s("Parapetówka"),
                s("Mieszkanie"),
                s(
                    r#"{"address":"ul. Floriańska 1","coordinate":{"latitude":50.06,"longitude":19.94},"name":"Mieszkanie"}"#
                )
            ],
            vec![s("Bare place"), s("Somewhere"), None]
        ]
    );
    assert_eq!(
        rows(
            &c,
            "SELECT json_extract(p.extra, '$.attachments'), json_extract(e.extra, '$.name') \
             FROM posts p JOIN post_entities e ON e.post_id = p.id WHERE p.text = 'look'"
        ),
        [vec![
            s(r#"[{"text":"a sticker"},{"place":{"name":"Rynek"}}]"#),
            s("A page")
        ]]
    );
}

#[test]
fn the_owner_s_shorter_previous_and_other_names_are_the_owner() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("aliases");
    put(
        &root,
        "personal_information/profile_information/profile_information.json",
        r#"{"profile_v2": {
             "name": {"full_name": "Zofia Anna Wi\u00c5\u009bniewska", "first_name": "Zofia",
                      "middle_name": "Anna", "last_name": "Wi\u00c5\u009bniewska"},
             "previous_names": [{"name": "Zofia Kowalska", "timestamp": 1300000000}],
             "other_names": [{"name": "Zosia", "type": "Nickname", "timestamp": 0}]}}"#,
    );
    put(
        &root,
        "your_facebook_activity/messages/inbox/emma_1/message_1.json",
        r#"{"participants": [{"name": "Emma"}, {"name": "Zofia Wi\u00c5\u009bniewska"}],
            "title": "Emma", "thread_path": "inbox/emma_1",
            "messages": [
              {"sender_name": "Zosia", "timestamp_ms": 1710000004000, "content": "4"},
              {"sender_name": "Zofia Kowalska", "timestamp_ms": 1710000003000, "content": "3"},
              {"sender_name": "Zofia Wi\u00c5\u009bniewska", "timestamp_ms": 1710000002000, "content": "2"},
              {"sender_name": "Emma", "timestamp_ms": 1710000001000, "content": "1"}]}"#,
    );
    let imported = import(&[&root]);
    let c = imported.conn();
    let owner = format!(
        "fb:account:{}",
        hash_parts(&["owner", "zofia anna wiśniewska"])
    );
    let emma = format!(
        "fb:account:{}",
        hash_parts(&["zofia anna wiśniewska", "emma"])
    );
    assert_eq!(
        rows(
            &c,
            "SELECT text, sender_account FROM messages ORDER BY sent_at"
        ),
        [
            vec![s("1"), Some(emma.clone())],
            vec![s("2"), Some(owner.clone())],
            vec![s("3"), Some(owner.clone())],
            vec![s("4"), Some(owner.clone())],
        ]
    );
    assert_eq!(texts(&c, "SELECT id FROM accounts ORDER BY id"), {
        let mut ids = vec![owner.clone(), emma];
        ids.sort();
        ids
    });
    assert_eq!(
        texts(
            &c,
            "SELECT account_id FROM conversation_members ORDER BY account_id"
        )
        .len(),
        2
    );
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A birthday on a day that does not exist is not invented into a date: no field, the raw
/// value in the owner's `extra.profile`, and a `bad-date` warning (as Hyves does).
#[test]
fn a_birthday_on_31_february_is_reported_and_kept_raw() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("json-2024");
    copy_tree(&dir("json-2024"), &root);
    let profile = "personal_information/profile_information/profile_information.json";
    let path = root.join(profile);
    let json = std::fs::read_to_string(&path).unwrap();
    let changed = json.replacen(
        "\"month\": 4,\n      \"day\": 15",
        "\"month\": 2,\n      \"day\": 31",
        1,
    );
    assert_ne!(changed, json, "the fixture's birthday moved");
    std::fs::write(&path, changed).unwrap();

    let imported = import(&[&root]);
    let conn = imported.conn();
    assert_eq!(count(&conn, "profile_fields", "field = 'birthday'"), 0);
    assert_eq!(
        text(
            &conn,
            "SELECT CAST(json_extract(extra, '$.profile.birthday.day') AS TEXT) FROM accounts WHERE is_owner = 1"
        ),
        Some("31".to_string())
    );
    let report = &imported.reports[0];
    let bad = report
        .diagnostics
        .iter()
        .find(|d| d.code == "bad-date" && d.path.as_deref() == Some(profile))
        .unwrap_or_else(|| panic!("no bad-date: {:#?}", report.diagnostics));
    assert_eq!(bad.severity, Severity::Warning);
}

#[test]
fn a_missing_messenger_part_is_an_error_records_were_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("export");
    // message_2.json of a three-part thread is not in the archive.
    copy_subset(&dir("json-2024"), &root, |p| {
        !p.ends_with("inbox/nguyenthimai_1234567890/message_2.json")
    });
    let (_, report) = freehold_facebook::parse_path(&root).unwrap();
    let missing: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "missing-part")
        .collect();
    assert_eq!(missing.len(), 1, "{:#?}", report.diagnostics);
    assert_eq!(missing[0].severity, Severity::Error);
    assert!(
        missing[0]
            .path
            .as_deref()
            .is_some_and(|p| p.ends_with("nguyenthimai_1234567890/message_2.json")),
        "{missing:?}"
    );
    assert!(report.records_lost());
}
