//! Whole-archive cases built in a temporary folder.

use freehold_archive::{Archive, Fate, Limits, ParseContext, Platform, Report, Severity};
use freehold_model::Record;

use crate::Hyves;

/// Writes `files` into a temporary folder and imports it with `limits`.
pub(crate) fn run_with(files: &[(&str, &[u8])], limits: Limits) -> (Vec<Record>, Report) {
    let dir = tempfile::tempdir().expect("tempdir");
    for (path, bytes) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, bytes).expect("write");
    }
    let archive = Archive::open_with(dir.path(), limits).expect("open");
    let detection = Hyves.detect(&archive).expect("detected as Hyves");
    let mut records = Vec::new();
    let mut cx = ParseContext::new(&mut records);
    Hyves.parse(&archive, &detection, &mut cx).expect("parse");
    let report = cx.finish(&archive, &detection);
    (records, report)
}

pub(crate) fn run(files: &[(&str, &[u8])]) -> (Vec<Record>, Report) {
    run_with(files, Limits::default())
}

pub(crate) fn fate(report: &Report, path: &str) -> Fate {
    report
        .files
        .get(path)
        .map(|f| f.fate)
        .unwrap_or_else(|| panic!("{path} not in {:?}", report.files.keys()))
}

pub(crate) fn has(report: &Report, severity: Severity, code: &str) -> bool {
    report
        .diagnostics
        .iter()
        .any(|d| d.severity == severity && d.code == code)
}

pub(crate) fn accounts(records: &[Record]) -> Vec<&freehold_model::Account> {
    records
        .iter()
        .filter_map(|r| match r {
            Record::Account(a) => Some(a),
            _ => None,
        })
        .collect()
}

pub(crate) fn posts(records: &[Record]) -> Vec<&freehold_model::Post> {
    records
        .iter()
        .filter_map(|r| match r {
            Record::Post(p) => Some(p),
            _ => None,
        })
        .collect()
}

const USER: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?>
<users_getLoggedin_result><user><userid>0090d4e100000000000000000000000001</userid><username>danielle</username><firstname>Danielle</firstname></user></users_getLoggedin_result>"#;

#[test]
fn an_unreadable_file_fails_alone_and_the_rest_imports() {
    let big = format!(
        "<users_getScraps_result>{}</users_getScraps_result>",
        "<scrap><scrapid>1</scrapid></scrap>".repeat(200)
    );
    let limits = Limits {
        max_entry_bytes: 4096,
        ..Limits::default()
    };
    let (records, report) = run_with(
        &[
            ("users.getLoggedin.xml", USER),
            ("users.getScraps.xml", big.as_bytes()),
        ],
        limits,
    );
    assert_eq!(fate(&report, "users.getScraps.xml"), Fate::Failed);
    assert!(has(&report, Severity::Error, "unreadable-file"));
    assert_eq!(fate(&report, "users.getLoggedin.xml"), Fate::Parsed);
    assert_eq!(accounts(&records).len(), 1);
}

#[test]
fn an_item_over_the_record_limit_fails_its_file_only() {
    let big = format!(
        "<users_getScraps_result><scrap><scrapid>1</scrapid><body>hoi</body><userid>0090d4e100000000000000000000000001</userid></scrap><scrap><scrapid>2</scrapid><body>{}</body></scrap></users_getScraps_result>",
        "x".repeat(400_000)
    );
    let limits = Limits {
        max_record_bytes: 100_000,
        ..Limits::default()
    };
    let (records, report) = run_with(
        &[
            ("users.getLoggedin.xml", USER),
            ("users.getScraps.xml", big.as_bytes()),
        ],
        limits,
    );
    assert!(has(&report, Severity::Error, "record-too-large"));
    assert_eq!(fate(&report, "users.getScraps.xml"), Fate::Partial);
    assert_eq!(posts(&records).len(), 1);
}

fn extra_of<'a>(
    extra: &'a Option<serde_json::Map<String, serde_json::Value>>,
    key: &str,
) -> Option<&'a serde_json::Value> {
    extra.as_ref().and_then(|e| e.get(key))
}

#[test]
fn unreadable_dates_stay_in_extra_and_string_birthdays_are_read() {
    let users = br#"<users_get_result>
<user><userid>5e3a91c0d2b4f687</userid><firstname>Sem</firstname><created>gisteren</created><birthday>1988-05-17</birthday></user>
<user><userid>f3e1a2b4c5d60718</userid><firstname>Fenna</firstname><birthday>ooit in mei</birthday></user>
<user><userid>f3e1a2b4c5d60719</userid><firstname>Bram</firstname><birthday><day>31</day><month>2</month><year>1990</year></birthday></user>
</users_get_result>"#;
    let events = br#"<events_getByUser_result><event><eventid>e1</eventid><title>Feest</title><startdate>morgen</startdate><enddate>1385942400</enddate></event></events_getByUser_result>"#;
    let (records, report) = run(&[("users.get.xml", users), ("events.getByUser.xml", events)]);
    let accs = accounts(&records);
    let sem = accs
        .iter()
        .find(|a| a.native_id.as_deref() == Some("5e3a91c0d2b4f687"))
        .expect("sem");
    assert_eq!(
        extra_of(&sem.extra, "created"),
        Some(&serde_json::Value::from("gisteren"))
    );
    let fenna = accs
        .iter()
        .find(|a| a.native_id.as_deref() == Some("f3e1a2b4c5d60718"))
        .expect("fenna");
    assert_eq!(
        extra_of(&fenna.extra, "birthday"),
        Some(&serde_json::Value::from("ooit in mei"))
    );
    let bram = accs
        .iter()
        .find(|a| a.native_id.as_deref() == Some("f3e1a2b4c5d60719"))
        .expect("bram");
    assert_eq!(
        extra_of(&bram.extra, "birthday").and_then(|b| b.get("day")),
        Some(&serde_json::Value::from("31"))
    );
    let birthdays: Vec<(&str, &str)> = records
        .iter()
        .filter_map(|r| match r {
            Record::ProfileField(f) if f.field == "birthday" => {
                Some((f.account_id.as_str(), f.value.as_str()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(birthdays, [("hy:account:5e3a91c0d2b4f687", "1988-05-17")]);
    let bad_dates = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "bad-date")
        .count();
    // created of Sem, both birthdays that cannot be read, the event's startdate.
    assert_eq!(bad_dates, 4);
    let event = records
        .iter()
        .find_map(|r| match r {
            Record::Event(e) => Some(e),
            _ => None,
        })
        .expect("event");
    assert_eq!(event.starts_at, None);
    assert_eq!(event.ends_at.as_deref(), Some("2013-12-02T00:00:00Z"));
    assert_eq!(
        extra_of(&event.extra, "startdate"),
        Some(&serde_json::Value::from("morgen"))
    );
}

fn relationships(records: &[Record]) -> Vec<&freehold_model::Relationship> {
    records
        .iter()
        .filter_map(|r| match r {
            Record::Relationship(x) => Some(x),
            _ => None,
        })
        .collect()
}

const FRIENDS: &[u8] = b"<friends_get_result><userid>f3e1a2b4c5d60718</userid><userid>0090d4e100000000000000000000000002</userid></friends_get_result>";

#[test]
fn a_logged_in_user_saved_without_method_is_the_owner() {
    let me = br#"{"user": [{"userid": "5e3a91c0d2b4f687", "username": "sem", "firstname": "Sem", "emailaddress": "sem@example.org"}], "info": {"running_milliseconds": 12}}"#;
    let (records, report) = run(&[("ik.json", me), ("friends.get.xml", FRIENDS)]);
    let owners: Vec<_> = accounts(&records)
        .into_iter()
        .filter(|a| a.is_owner)
        .map(|a| a.id.clone())
        .collect();
    assert_eq!(owners, ["hy:account:5e3a91c0d2b4f687"]);
    let friends: Vec<(&str, &str)> = relationships(&records)
        .iter()
        .map(|r| (r.from_account.as_str(), r.to_account.as_str()))
        .collect();
    assert_eq!(
        friends,
        [
            ("hy:account:5e3a91c0d2b4f687", "hy:account:f3e1a2b4c5d60718"),
            (
                "hy:account:5e3a91c0d2b4f687",
                "hy:account:0090d4e100000000000000000000000002"
            ),
        ]
    );
    assert!(has(&report, Severity::Info, "owner-from-private-fields"));
    assert!(!has(&report, Severity::Warning, "owner-unknown"));
}

#[test]
fn a_member_with_an_invisible_name_keeps_an_account_without_a_name() {
    let users = "<users_get_result><user><userid>f3e1a2b4c5d60718</userid>\
        <displayname>\u{206f}\u{206f}\u{200b}</displayname><firstname>\u{3164}</firstname></user></users_get_result>";
    let (records, _) = run(&[
        ("users.get.xml", users.as_bytes()),
        ("friends.get.xml", FRIENDS),
    ]);
    let account = accounts(&records)
        .into_iter()
        .find(|a| a.id == "hy:account:f3e1a2b4c5d60718")
        .expect("the member's account");
    assert_eq!(account.display_name, None);
}

#[test]
fn the_manifest_username_names_the_owner() {
    let manifest = br#"{"source": "hyves-api", "ha_version": "2.0", "username": "Sem"}"#;
    let users = br#"<users_get_result><user><userid>5e3a91c0d2b4f687</userid><username>sem</username></user></users_get_result>"#;
    let (records, _) = run(&[
        ("manifest.json", manifest),
        ("users.get.xml", users),
        ("friends.get.xml", FRIENDS),
    ]);
    let owners: Vec<_> = accounts(&records)
        .into_iter()
        .filter(|a| a.is_owner)
        .map(|a| a.id.clone())
        .collect();
    assert_eq!(owners, ["hy:account:5e3a91c0d2b4f687"]);
    assert_eq!(relationships(&records).len(), 2);
}

fn detect(files: &[(&str, &[u8])]) -> Option<freehold_archive::Detection> {
    let dir = tempfile::tempdir().expect("tempdir");
    for (path, bytes) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, bytes).expect("write");
    }
    let archive = Archive::open(dir.path()).expect("open");
    Hyves.detect(&archive)
}

#[test]
fn a_generic_json_api_dump_is_not_claimed() {
    let error = br#"{"error_code": 401, "error_message": "Unauthorized", "method": "orders.list"}"#;
    let data = br#"{"method": "orders.list", "orders": [{"id": 7, "total": 12.5}]}"#;
    assert_eq!(
        detect(&[("orders.json", error), ("README.txt", b"dump")]),
        None
    );
    assert_eq!(
        detect(&[("orders.json", data), ("README.txt", b"dump")]),
        None
    );
    // Several such files are at most a weak guess that any other platform beats.
    let weak = detect(&[("a.json", error), ("b.json", data)]).expect("weak guess");
    assert!(weak.confidence < 50, "{weak:?}");
    // One Hyves-specific field is enough.
    let hyves = br#"{"error_code": 17, "error_message": "token invalid", "info": {"running_milliseconds": 4}}"#;
    assert_eq!(
        detect(&[("x.json", hyves), ("README.txt", b"dump")]).map(|d| d.confidence),
        Some(80)
    );
}

#[test]
fn respects_without_id_hash_a_stable_parent_key_and_position() {
    let blog = "0090ccc300000000000000000000000001";
    let respects = br#"<blogs_getRespects_result>
<respect><userid>5e3a91c0d2b4f687</userid><created>1385942400</created></respect>
<respect><userid>5e3a91c0d2b4f687</userid><created>1385942400</created></respect>
</blogs_getRespects_result>"#;
    let path = format!("blogs.getRespects/{blog}/p0001.xml");
    let (records, _) = run(&[(path.as_str(), respects), ("README.txt", b"dump")]);
    let ids: Vec<&str> = records
        .iter()
        .filter_map(|r| match r {
            Record::Reaction(x) => Some(x.id.as_str()),
            _ => None,
        })
        .collect();
    let expected = |i: usize| {
        format!(
            "hy:respect:{}",
            freehold_model::id::hash_parts(&[
                &format!("post:hy:post:blog:{blog}"),
                "5e3a91c0d2b4f687",
                "2013-12-02T00:00:00Z",
                &format!("respect[{i}]"),
            ])
        )
    };
    assert_eq!(ids, [expected(0), expected(1)]);
}

#[test]
fn an_album_whose_id_is_an_attribute_is_imported() {
    let albums = br#"<albums_getByUser_result><album albumid="0090eee500000000000000000000000001"><title>Zomer 2012</title></album></albums_getByUser_result>"#;
    let (records, report) = run(&[
        ("users.getLoggedin.xml", USER),
        ("albums.getByUser.xml", albums),
    ]);
    let titles: Vec<(&str, Option<&str>)> = records
        .iter()
        .filter_map(|r| match r {
            Record::Album(a) => Some((a.id.as_str(), a.title.as_deref())),
            _ => None,
        })
        .collect();
    assert_eq!(
        titles,
        [(
            "hy:album:0090eee500000000000000000000000001",
            Some("Zomer 2012")
        )]
    );
    assert!(!has(&report, Severity::Warning, "no-id"));
}

fn formats(records: &[Record]) -> Vec<(String, Option<String>)> {
    posts(records)
        .iter()
        .map(|p| {
            (
                p.native_id.clone().unwrap_or_default(),
                p.text_format.clone(),
            )
        })
        .collect()
}

#[test]
fn fancylayout_bodies_are_html() {
    let scraps = br#"<users_getScraps_result>
<scrap><scrapid>s1</scrapid><userid>0090d4e100000000000000000000000001</userid><body>Hoi&lt;br /&gt;&lt;a href="http://x.hyves.nl/"&gt;x&lt;/a&gt;</body></scrap>
<scrap><scrapid>s2</scrapid><userid>0090d4e100000000000000000000000001</userid><body>[b]Hoi[/b] :banana:</body></scrap>
</users_getScraps_result>"#;
    let (records, report) = run(&[
        ("users.getLoggedin.xml", USER),
        ("users.getScraps.xml", scraps),
    ]);
    assert_eq!(
        formats(&records),
        [
            ("s1".to_string(), Some("html".to_string())),
            ("s2".to_string(), Some("hyves-markup".to_string())),
        ]
    );
    assert!(has(&report, Severity::Info, "fancylayout-html"));

    let manifest = br#"{"source": "hyves-api", "ha_fancylayout": true, "self_userid": "0090d4e100000000000000000000000001"}"#;
    let (records, _) = run(&[("manifest.json", manifest), ("users.getScraps.xml", scraps)]);
    assert_eq!(
        formats(&records),
        [
            ("s1".to_string(), Some("html".to_string())),
            ("s2".to_string(), Some("html".to_string())),
        ]
    );
}
