//! `freehold export --format site`: built from the fixtures of all four platforms, checked
//! as a browser would see it (every link and source resolves, nothing is loaded from
//! elsewhere) and for privacy (no message, no post for a narrower or unknown audience, no
//! e-mail address or phone number).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{files_under, fixture, texts};

const FIXTURES: [&str; 4] = [
    "twitter/ytd-data-2024",
    "facebook/json-2024",
    "linkedin/complete-2026",
    "hyves/api-dump",
];

fn freehold(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_freehold"))
        .args(args)
        .output()
        .unwrap()
}

/// Imports `archives` with media into `dir/db.sqlite` and `dir/media`.
fn import(dir: &Path, archives: &[&str]) -> (PathBuf, PathBuf) {
    let db = dir.join("db.sqlite");
    let media = dir.join("media");
    for a in archives {
        let out = freehold(&[
            "import",
            fixture(a).to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "--media-dir",
            media.to_str().unwrap(),
            "--quiet",
        ]);
        // json-2024 holds a truncated thread on purpose (exit 1).
        assert!(matches!(out.status.code(), Some(0 | 1)), "{a}: {out:?}");
    }
    (db, media)
}

fn export_site(db: &Path, media: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec![
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "site",
        "--out",
        out.to_str().unwrap(),
        "--media-dir",
        media.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = freehold(&args);
    let said = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{said}");
    said
}

/// Every file of the site as bytes, by path.
fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

#[test]
fn the_site_of_four_platforms_links_up_loads_nothing_from_elsewhere_and_publishes_nothing_private()
{
    let dir = tempfile::tempdir().unwrap();
    let (db, media) = import(dir.path(), &FIXTURES);
    let site = dir.path().join("site");
    let said = export_site(&db, &media, &site, &[]);
    let files = read_tree(&site);

    // Every internal link and source resolves; every source is local.
    let selector = scraper::Selector::parse("a[href], img[src], link[href], script[src], video[src], audio[src], source[src], iframe[src]").unwrap();
    let mut pages = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = scraper::Html::parse_document(std::str::from_utf8(bytes).unwrap());
        assert!(
            html.select(&scraper::Selector::parse("html[lang]").unwrap())
                .next()
                .is_some(),
            "{path} has no lang"
        );
        let base = Path::new(path).parent().unwrap_or(Path::new(""));
        for el in html.select(&selector) {
            let v = el.value();
            let (attr, target) = match v.attr("src") {
                Some(s) => ("src", s),
                None => ("href", v.attr("href").unwrap()),
            };
            let external = target.starts_with("http://") || target.starts_with("https://");
            let loads =
                attr == "src" || (v.name() == "link" && v.attr("rel") == Some("stylesheet"));
            if external {
                assert!(!loads, "{path} loads {target} from elsewhere");
                continue;
            }
            assert!(!target.starts_with('/'), "{path}: {target} is not relative");
            assert!(!target.contains(':'), "{path}: {target} has a scheme");
            let clean = target.split(['#', '?']).next().unwrap();
            let mut resolved = PathBuf::new();
            for part in base.join(clean).components() {
                match part {
                    std::path::Component::ParentDir => {
                        assert!(resolved.pop(), "{path}: {target} leaves the site");
                    }
                    std::path::Component::Normal(p) => resolved.push(p),
                    _ => {}
                }
            }
            let key = resolved.to_string_lossy().replace('\\', "/");
            assert!(
                files.contains_key(&key),
                "{path}: {target} -> {key} does not exist"
            );
        }
    }
    assert!(pages > 10, "{pages} pages");
    for required in [
        "index.html",
        "search.html",
        "search-index.js",
        "search.js",
        "style.css",
        "feed.xml",
        "feed.json",
        "archive/index.html",
    ] {
        assert!(files.contains_key(required), "{required} missing");
    }

    // One permalink per published post, and the summary says how many.
    let permalinks = files.keys().filter(|f| f.starts_with("posts/")).count();
    let published: usize = said
        .lines()
        .find_map(|l| l.strip_prefix("published: "))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert_eq!(permalinks, published, "{said}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    // Independently: the owners' public posts (X counts as public unless marked),
    // less those deleted on the platform.
    let expected: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM posts p JOIN accounts a ON a.id = p.author_account AND a.is_owner
             WHERE (p.visibility = 'public' OR (p.platform = 'twitter' AND p.visibility IS NULL))
               AND COALESCE(json_extract(p.extra, '$.deleted'), 0) = 0
               AND NOT (p.kind = 'comment')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(published as i64, expected, "{said}");
    assert!(
        said.contains("--include unknown-audience")
            && said.contains("private messages (never published)"),
        "{said}"
    );

    // Nothing private anywhere in the output.
    let all: Vec<u8> = files.values().flatten().copied().collect();
    let all = String::from_utf8_lossy(&all);
    let escaped = |t: &str| crate::util::html_escape(t);
    let private_texts = texts(&conn, "SELECT text FROM messages WHERE length(text) >= 12");
    assert!(!private_texts.is_empty());
    let narrower = texts(
        &conn,
        "SELECT p.text FROM posts p WHERE length(p.text) >= 12 AND (
             (p.visibility IS NOT NULL AND p.visibility <> 'public')
             OR (p.visibility IS NULL AND p.platform <> 'twitter')
             OR p.author_account NOT IN (SELECT id FROM accounts WHERE is_owner))",
    );
    assert!(!narrower.is_empty());
    let contacts = texts(
        &conn,
        "SELECT value FROM profile_fields WHERE field IN ('email', 'phone', 'previous_email') AND length(value) >= 6",
    );
    assert!(!contacts.is_empty());
    for t in private_texts.iter().chain(&narrower).chain(&contacts) {
        // A prefix long enough to be this text's own, short enough to survive line
        // breaks and markup.
        let probe: String = t.lines().next().unwrap_or("").chars().take(40).collect();
        if probe.chars().count() < 10 {
            continue;
        }
        assert!(
            !all.contains(&probe) && !all.contains(&escaped(&probe)),
            "private text in the site: {probe:?}"
        );
    }
}

#[test]
fn the_same_database_gives_the_same_site_and_a_new_archive_rewrites_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let (db, media) = import(dir.path(), &["twitter/ytd-data-2024"]);
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    export_site(&db, &media, &a, &["--title", "Marieke"]);
    export_site(&db, &media, &b, &["--title", "Marieke"]);
    assert_eq!(read_tree(&a), read_tree(&b), "byte-identical output");

    // An export into the same folder again: nothing is rewritten.
    let mtimes = |dir: &Path| -> BTreeMap<String, std::time::SystemTime> {
        files_under(dir)
            .into_iter()
            .map(|f| {
                let t = std::fs::metadata(dir.join(&f)).unwrap().modified().unwrap();
                (f, t)
            })
            .collect()
    };
    let before = mtimes(&a);
    std::thread::sleep(std::time::Duration::from_millis(50));
    let said = export_site(&db, &media, &a, &["--title", "Marieke"]);
    assert!(said.contains(" 0 new or changed, 0 removed"), "{said}");
    assert_eq!(before, mtimes(&a));

    // A new archive: its posts are added, pages that do not show them stay untouched.
    import(dir.path(), &["linkedin/complete-2026"]);
    export_site(&db, &media, &a, &["--title", "Marieke"]);
    let after = mtimes(&a);
    assert!(after.contains_key("posts/li-post-share-7290000000000000001.html"));
    assert_ne!(
        before["index.html"], after["index.html"],
        "the timeline shows the new post"
    );
    let untouched = before
        .iter()
        .filter(|(f, t)| f.starts_with("posts/tw-") && after.get(*f) == Some(t))
        .count();
    let tweets = before.keys().filter(|f| f.starts_with("posts/tw-")).count();
    assert_eq!(untouched, tweets, "no X permalink page changed");
}

#[test]
fn an_export_refuses_a_folder_it_did_not_write_and_each_widening_has_its_flag() {
    let dir = tempfile::tempdir().unwrap();
    let (db, media) = import(dir.path(), &["facebook/json-2024"]);
    let foreign = dir.path().join("photos");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("holiday.jpg"), b"x").unwrap();
    let o = freehold(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "site",
        "--out",
        foreign.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--force"));
    // Facebook records no audience: nothing by default, the posts with the flag.
    let site = dir.path().join("site");
    let said = export_site(&db, &media, &site, &[]);
    assert!(said.contains("published: 0 posts"), "{said}");
    let said = export_site(&db, &media, &site, &["--include", "unknown-audience"]);
    assert!(!said.contains("published: 0 posts"), "{said}");
    let o = freehold(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "site",
        "--out",
        site.to_str().unwrap(),
        "--include",
        "messages",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn redacting_third_parties_masks_their_handles_and_names_with_stable_pseudonyms() {
    let dir = tempfile::tempdir().unwrap();
    let (db, media) = import(dir.path(), &["twitter/ytd-data-2024"]);
    let plain = dir.path().join("plain");
    export_site(&db, &media, &plain, &[]);
    let index = String::from_utf8(std::fs::read(plain.join("index.html")).unwrap()).unwrap();
    assert!(index.contains("@lan_nguyen"), "the fixture mentions her");
    let red = dir.path().join("red");
    export_site(&db, &media, &red, &["--redact", "third-parties"]);
    let again = dir.path().join("again");
    export_site(&db, &media, &again, &["--redact", "third-parties"]);
    let other = dir.path().join("other");
    export_site(
        &db,
        &media,
        &other,
        &["--redact", "third-parties", "--redact-key", "k2"],
    );
    let all = |d: &Path| -> String {
        read_tree(d)
            .into_values()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .collect()
    };
    let red_all = all(&red);
    for handle in ["lan_nguyen", "zoe_sunflower"] {
        assert!(
            !red_all.contains(handle),
            "{handle} is still in the redacted site"
        );
    }
    assert!(red_all.contains("@person-"));
    assert_eq!(
        read_tree(&red),
        read_tree(&again),
        "the same pseudonyms every time"
    );
    assert_ne!(
        read_tree(&red),
        read_tree(&other),
        "another key, other pseudonyms"
    );
    // The owner is not redacted.
    assert!(red_all.contains("@mariekedv"));
}

#[test]
fn a_permalink_shows_the_published_thread_around_its_post() {
    let dir = tempfile::tempdir().unwrap();
    let (db, media) = import(dir.path(), &["twitter/ytd-data-2024"]);
    {
        // A self-thread of two replies under one of the owner's tweets, and a reply by
        // someone else, which is not shown.
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "INSERT INTO posts (id, platform, native_id, kind, author_account, created_at, text, text_format, in_reply_to)
             VALUES ('tw:post:9000000000000000001', 'twitter', '9000000000000000001', 'tweet', 'tw:account:113890157185681353',
                     '2024-02-10T11:00:00Z', 'Draadje 2/3: het beslag moet rusten', 'plain', 'tw:post:1756258507827361375'),
                    ('tw:post:9000000000000000002', 'twitter', '9000000000000000002', 'tweet', 'tw:account:113890157185681353',
                     '2024-02-10T11:05:00Z', 'Draadje 3/3: boter, veel boter', 'plain', 'tw:post:9000000000000000001'),
                    ('tw:post:9000000000000000003', 'twitter', '9000000000000000003', 'tweet', 'tw:account:425262802519687159',
                     '2024-02-10T11:06:00Z', 'Iemand anders antwoordt hier', 'plain', 'tw:post:1756258507827361375');",
        )
        .unwrap();
    }
    let site = dir.path().join("site");
    export_site(&db, &media, &site, &[]);
    let page =
        |slug: &str| std::fs::read_to_string(site.join(format!("posts/{slug}.html"))).unwrap();
    let root = page("tw-post-1756258507827361375");
    assert!(root.contains("aria-label=\"Replies\""), "{root}");
    assert!(root.contains("Draadje 2/3"));
    assert!(
        !root.contains("Iemand anders"),
        "someone else's reply is not published"
    );
    let last = page("tw-post-9000000000000000002");
    // The page's body (its <title> names the post too).
    let last = &last[last.find("<main>").unwrap()..];
    let before = last
        .find("Earlier in the thread")
        .expect("the thread before it");
    let first = last.find("Vanavond poffertjes").unwrap();
    let second = last.find("Draadje 2/3").unwrap();
    let focus = last.find("Draadje 3/3").unwrap();
    assert!(
        before < first && first < second && second < focus,
        "oldest first, the post last"
    );
}
