//! `freehold export --format wxr|markdown|activitystreams`, built from the fixtures of all
//! four platforms, with hostile text put into one public tweet, the owner's comment on
//! their own Hyves blog and a fediverse address in a followed account's name. Checked
//! for counts, dates, titles, escaping and privacy; the real consumers (WordPress's parser
//! rules, hugo, pyld) run in `scripts/check-exits.sh`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use quick_xml::events::Event;

use crate::util::{files_under, fixture, texts};

const FIXTURES: [&str; 4] = [
    "twitter/ytd-data-2024",
    "facebook/json-2024",
    "linkedin/complete-2026",
    "hyves/api-dump",
];

const HOSTILE: &str = "Let op ]]> en {{< shortcode >}} en {{% x %}} en {% raw %}{{ site.title }} <script>alert(1)</script> & klaar";
const HOSTILE_TWEET: &str = "tw:post:1756258507827361375";
const OWN_COMMENT: &str = "hy:post:comment:0090ccc300000000000000000000000011";

fn freehold(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_freehold"))
        .args(args)
        .output()
        .unwrap()
}

struct Setup {
    dir: tempfile::TempDir,
    db: PathBuf,
    media: PathBuf,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite");
    let media = dir.path().join("media");
    for a in FIXTURES {
        let out = freehold(&[
            "import",
            fixture(a).to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "--media-dir",
            media.to_str().unwrap(),
            "--quiet",
        ]);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{a}: {out:?}");
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    let n = conn
        .execute(
            "UPDATE posts SET text = ?1 WHERE id = ?2",
            [HOSTILE, HOSTILE_TWEET],
        )
        .unwrap();
    assert_eq!(n, 1);
    // The owner's own comment, in public, under their own blog.
    let n = conn
        .execute(
            "UPDATE posts SET author_account = 'hy:account:0090d4e100000000000000000000000001', visibility = 'public', text = 'Dank jullie! ]]> [b]echt[/b]' WHERE id = ?1",
            [OWN_COMMENT],
        )
        .unwrap();
    assert_eq!(n, 1);
    // A followed account that names its fediverse address.
    conn.execute(
        "UPDATE accounts SET display_name = 'Jean-Luc (now @jeanluc@mastodon.example)' WHERE id = 'fb:account:4d8363fdea7cc5350dea89090a249bd1'",
        [],
    )
    .unwrap();
    Setup { dir, db, media }
}

impl Setup {
    fn export(&self, format: &str, out: &str, extra: &[&str]) -> (PathBuf, String) {
        let path = self.dir.path().join(out);
        let mut args = vec![
            "export",
            "--db",
            self.db.to_str().unwrap(),
            "--format",
            format,
            "--out",
            path.to_str().unwrap(),
            "--media-dir",
            self.media.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let o = freehold(&args);
        let said = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(o.status.success(), "{said}");
        (path, said)
    }

    fn conn(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).unwrap()
    }
}

fn published(said: &str) -> usize {
    said.lines()
        .find_map(|l| l.strip_prefix("published: "))
        .and_then(|l| l.split(' ').next())
        .unwrap()
        .parse()
        .unwrap()
}

/// Everything written, as text, by path.
fn read_texts(dir: &Path) -> BTreeMap<String, String> {
    files_under(dir)
        .into_iter()
        .filter_map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            String::from_utf8(bytes).ok().map(|t| (f, t))
        })
        .collect()
}

/// What must never appear in a publishing export: message texts, e-mail addresses and
/// phone numbers, and the texts of posts for a narrower audience.
fn private_texts(conn: &rusqlite::Connection) -> Vec<String> {
    let mut out = texts(
        conn,
        "SELECT text FROM messages WHERE length(text) > 15
         UNION SELECT value FROM profile_fields WHERE field IN ('email', 'phone')
         UNION SELECT text FROM posts WHERE length(text) > 15 AND visibility IS NOT NULL AND visibility <> 'public'",
    );
    out.retain(|t| !t.trim().is_empty());
    assert!(out.len() > 10, "{out:?}");
    out
}

fn assert_nothing_private(conn: &rusqlite::Connection, files: &BTreeMap<String, String>) {
    for secret in private_texts(conn) {
        let escaped = secret.replace('&', "&amp;").replace('<', "&lt;");
        for (path, text) in files {
            assert!(
                !text.contains(&secret) && !text.contains(&escaped),
                "{path} holds private text {secret:?}"
            );
        }
    }
}

/// One `item` of a WXR file: its elements' texts (CDATA joined) and its terms.
#[derive(Debug, Default)]
struct Item {
    fields: BTreeMap<String, String>,
    terms: Vec<(String, String)>,
    comments: Vec<BTreeMap<String, String>>,
}

fn parse_wxr(xml: &str) -> (Vec<String>, Vec<Item>) {
    assert!(!xml.contains("<!DOCTYPE"));
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut items = Vec::new();
    let mut authors = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut item: Option<Item> = None;
    let mut comment: Option<BTreeMap<String, String>> = None;
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                match name.as_str() {
                    "item" => item = Some(Item::default()),
                    "wp:comment" => comment = Some(BTreeMap::new()),
                    "category" => {
                        let mut domain = String::new();
                        let mut nice = String::new();
                        for a in e.attributes() {
                            let a = a.unwrap();
                            let v = a.value.to_string();
                            match a.key.as_ref() {
                                "domain" => domain = v,
                                "nicename" => nice = v,
                                _ => {}
                            }
                        }
                        if let Some(i) = item.as_mut() {
                            i.terms.push((domain, nice));
                        }
                    }
                    _ => {}
                }
                stack.push(name);
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(c) => text.push_str(&c.into_inner()),
            Event::GeneralRef(r) => {
                let name = (*r).to_string();
                text.push_str(match name.as_str() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("entity {other}"),
                });
            }
            Event::End(e) => {
                let name = e.name().as_ref().to_string();
                assert_eq!(stack.pop().as_deref(), Some(name.as_str()));
                match name.as_str() {
                    "item" => items.push(item.take().unwrap()),
                    "wp:comment" => {
                        let c = comment.take().unwrap();
                        item.as_mut().unwrap().comments.push(c);
                    }
                    "wp:author_login" => authors.push(text.clone()),
                    _ => {
                        if let Some(c) = comment.as_mut() {
                            c.insert(name, text.clone());
                        } else if let Some(i) = item.as_mut()
                            && stack.last().map(String::as_str) == Some("item")
                        {
                            i.fields.insert(name, text.clone());
                        }
                    }
                }
                text.clear();
            }
            _ => {}
        }
    }
    (authors, items)
}

fn is_wp_date(d: &str) -> bool {
    d.len() == 19
        && d.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            10 => b == b' ',
            13 | 16 => b == b':',
            _ => b.is_ascii_digit(),
        })
}

#[test]
fn wxr_of_four_platforms_has_every_published_post_titled_dated_and_escaped() {
    let s = setup();
    let (out, said) = s.export(
        "wxr",
        "wxr",
        &[
            "--include",
            "unknown-audience",
            "--site-url",
            "https://example.org/import",
        ],
    );
    let n = published(&said);
    let files = read_texts(&out);
    let wxr: Vec<&String> = files
        .iter()
        .filter(|(p, _)| p.starts_with("wordpress-"))
        .map(|(_, t)| t)
        .collect();
    assert_eq!(wxr.len(), 1);
    let (authors, items) = parse_wxr(wxr[0]);
    assert_eq!(authors, ["owner"]);
    let posts: Vec<&Item> = items
        .iter()
        .filter(|i| i.fields["wp:post_type"] == "post")
        .collect();
    let comments: Vec<&BTreeMap<String, String>> =
        posts.iter().flat_map(|p| p.comments.iter()).collect();
    // Every published post is an item, but the owner's comment, which is under its post.
    assert_eq!(posts.len() + comments.len(), n, "{said}");
    assert_eq!(comments.len(), 1);
    let blog = posts.iter().find(|p| !p.comments.is_empty()).unwrap();
    assert_eq!(blog.fields["title"], "Mijn laatste blog op Hyves");
    let said_comment = &comments[0]["wp:comment_content"];
    assert!(
        said_comment.contains("Dank jullie! ]]&gt; <strong>echt</strong>"),
        "{said_comment}"
    );
    assert!(is_wp_date(&comments[0]["wp:comment_date_gmt"]));

    // Categories per platform, all four; tags per hashtag; every term has a nicename.
    let platforms: BTreeSet<&str> = posts
        .iter()
        .flat_map(|p| p.terms.iter())
        .filter(|(d, _)| d == "category")
        .map(|(_, n)| n.as_str())
        .collect();
    assert_eq!(
        platforms,
        BTreeSet::from(["facebook", "hyves", "linkedin", "twitter"])
    );
    assert!(
        posts
            .iter()
            .any(|p| p.terms.contains(&("post_tag".into(), "秋天".into())))
    );

    // Dates as the database has them; titles unique within their second.
    let conn = s.conn();
    let mut seen = BTreeSet::new();
    for p in &posts {
        let id = &p.fields["wp:post_id"];
        assert_eq!(p.fields["wp:status"], "publish");
        assert!(!p.fields["wp:post_name"].is_empty());
        let date = p
            .fields
            .get("wp:post_date_gmt")
            .cloned()
            .unwrap_or_default();
        assert!(date.is_empty() || is_wp_date(&date), "{id}: {date}");
        assert!(
            seen.insert((p.fields["title"].clone(), date)),
            "{id}: title repeated"
        );
    }
    let tweet = posts
        .iter()
        .find(|p| {
            p.fields
                .get("link")
                .is_some_and(|l| l.ends_with("1756258507827361375"))
        })
        .unwrap();
    assert_eq!(tweet.fields["wp:post_date_gmt"], "2024-02-10 10:07:12");
    // Short posts are titled by their first words, articles keep theirs.
    assert_eq!(tweet.fields["title"], "Let op ]]> en {{< shortcode >}} en…");
    assert!(
        posts
            .iter()
            .any(|p| p.fields["title"] == "Vanavond pannenkoeken bakken met de buren!")
    );
    let article_title = crate::util::text(
        &conn,
        "SELECT title FROM posts WHERE kind = 'article' AND platform = 'linkedin' AND title IS NOT NULL",
    )
    .unwrap();
    assert!(posts.iter().any(|p| p.fields["title"] == article_title));
    // A repost's title is never the other person's words.
    assert!(!posts.iter().any(|p| p.fields["title"].starts_with("RT @")));

    // Hostile text: `]]>` survives the CDATA, the script is text.
    let body = &tweet.fields["content:encoded"];
    assert!(
        body.contains("]]&gt;") && body.contains("&lt;script&gt;"),
        "{body}"
    );
    assert!(!body.contains("<script"));
    assert!(wxr[0].contains("]]]]><![CDATA[>"));

    // Attachments: absolute, under their post, with the file beside the WXR.
    let attachments: Vec<&Item> = items
        .iter()
        .filter(|i| i.fields["wp:post_type"] == "attachment")
        .collect();
    assert!(!attachments.is_empty());
    let post_ids: BTreeSet<&str> = posts
        .iter()
        .map(|p| p.fields["wp:post_id"].as_str())
        .collect();
    for a in &attachments {
        assert!(post_ids.contains(a.fields["wp:post_parent"].as_str()));
        let url = &a.fields["wp:attachment_url"];
        let rel = url.strip_prefix("https://example.org/import/").unwrap();
        assert!(files.contains_key(rel) || out.join(rel).is_file(), "{url}");
    }
    assert_nothing_private(&conn, &files);

    // Re-export: byte-identical.
    let (again, _) = s.export(
        "wxr",
        "wxr2",
        &[
            "--include",
            "unknown-audience",
            "--site-url",
            "https://example.org/import",
        ],
    );
    assert_eq!(
        std::fs::read(out.join("wordpress-001.xml")).unwrap(),
        std::fs::read(again.join("wordpress-001.xml")).unwrap()
    );

    // By default: no Facebook post (its audience is unknown).
    let (default, said) = s.export("wxr", "wxr-default", &[]);
    let text = std::fs::read_to_string(default.join("wordpress-001.xml")).unwrap();
    assert!(!text.contains("nicename=\"facebook\""));
    assert!(said.contains("--include unknown-audience"), "{said}");
}

#[test]
fn wxr_splits_into_files_each_valid_alone() {
    let s = setup();
    let store = freehold_store::Store::open(&s.db).unwrap();
    let out = s.dir.path().join("split");
    let options = freehold_export::wxr::WxrOptions {
        publishing: freehold_export::published::Publishing {
            include: {
                let mut i = freehold_export::privacy::Include::default();
                i.add("unknown-audience").unwrap();
                i
            },
            media_dir: Some(s.media.clone()),
            ..Default::default()
        },
        site_url: Some("https://example.org/".into()),
        max_bytes: 8 * 1024,
        ..freehold_export::wxr::WxrOptions::default()
    };
    let report = freehold_export::wxr::write_wxr(&store, &out, &options).unwrap();
    assert!(report.files.len() > 2, "{:?}", report.files);
    let mut posts = 0;
    for f in &report.files {
        let text = std::fs::read_to_string(out.join(f)).unwrap();
        let (authors, items) = parse_wxr(&text);
        assert_eq!(authors, ["owner"], "{f}");
        assert!(text.contains("<wp:wxr_version>1.2</wp:wxr_version>"));
        // Over the limit only when one post alone is larger.
        assert!(
            text.len() <= 8 * 1024 || items.len() == 1,
            "{f}: {}",
            text.len()
        );
        let ids: BTreeSet<&str> = items
            .iter()
            .map(|i| i.fields["wp:post_id"].as_str())
            .collect();
        for i in &items {
            if i.fields["wp:post_type"] == "attachment" {
                assert!(ids.contains(i.fields["wp:post_parent"].as_str()), "{f}");
            } else {
                posts += 1;
            }
        }
    }
    assert_eq!(posts, report.posts);
}

#[test]
fn markdown_pages_have_front_matter_and_no_archive_text_becomes_markup() {
    let s = setup();
    let (out, said) = s.export("markdown", "md", &["--include", "unknown-audience"]);
    let n = published(&said);
    let files = read_texts(&out);
    let pages: Vec<(&String, &String)> = files.iter().filter(|(p, _)| p.ends_with(".md")).collect();
    assert_eq!(pages.len(), n);
    let mut categories = BTreeSet::new();
    let mut hostile = None;
    for (path, page) in &pages {
        assert!(path.starts_with("content/posts/"), "{path}");
        let rest = page.strip_prefix("---\n").unwrap();
        let (front, body) = rest.split_once("\n---\n").unwrap();
        let keys: BTreeMap<&str, &str> =
            front.lines().map(|l| l.split_once(": ").unwrap()).collect();
        for k in ["title", "slug", "tags", "categories", "platform"] {
            assert!(keys.contains_key(k), "{path}: no {k}");
        }
        assert!(keys["title"].starts_with('"') && keys["title"].ends_with('"'));
        match keys.get("date") {
            Some(d) => {
                assert!(
                    freehold_model::time::from_rfc3339(d).is_some(),
                    "{path}: {d}"
                );
                assert!(path.starts_with(&format!("content/posts/{}/", &d[..4])));
            }
            None => assert!(path.starts_with("content/posts/undated/")),
        }
        categories.insert(keys["categories"].to_string());
        if keys["freehold_id"] == format!("\"{HOSTILE_TWEET}\"") {
            hostile = Some(body.to_string());
        }
        // No shortcode, Liquid tag or raw HTML from archive text, on any page.
        let unescaped = body
            .replace("\\<", "")
            .replace("\\&", "")
            .replace("\\{", "");
        for bad in ["{{", "{%", "<script", "<b>", "<div"] {
            assert!(!unescaped.contains(bad), "{path}: {bad} in {body}");
        }
    }
    assert_eq!(
        categories,
        BTreeSet::from([
            "[\"Facebook\"]".to_string(),
            "[\"Hyves\"]".to_string(),
            "[\"LinkedIn\"]".to_string(),
            "[\"X\"]".to_string()
        ])
    );
    let hostile = hostile.unwrap();
    assert!(
        hostile.contains("Let op \\]\\]\\> en \\{\\{\\< shortcode \\>\\}\\}"),
        "{hostile}"
    );
    assert!(hostile.contains("\\<script\\>alert(1)\\</script\\>"));
    // Media beside the post in its bundle.
    let with_media = pages
        .iter()
        .find(|(_, p)| p.contains("!["))
        .map(|(p, page)| (p.to_string(), page.to_string()))
        .unwrap();
    assert!(with_media.0.ends_with("/index.md"), "{with_media:?}");
    let bundle = Path::new(&with_media.0).parent().unwrap();
    assert!(files_under(&out.join(bundle)).len() > 1, "{with_media:?}");
    // Posts without media are single pages.
    assert!(pages.iter().any(|(p, _)| !p.ends_with("/index.md")));
    assert_nothing_private(&s.conn(), &files);
}

#[test]
fn activitystreams_is_a_mastodon_layout_archive_with_a_follows_csv() {
    let s = setup();
    let (out, said) = s.export(
        "activitystreams",
        "as",
        &["--include", "unknown-audience", "--include", "graph"],
    );
    let n = published(&said);
    let files = read_texts(&out);
    let outbox: serde_json::Value = serde_json::from_str(&files["outbox.json"]).unwrap();
    assert_eq!(outbox["type"], "OrderedCollection");
    assert_eq!(
        outbox["@context"][0],
        "https://www.w3.org/ns/activitystreams"
    );
    let items = outbox["orderedItems"].as_array().unwrap();
    assert_eq!(outbox["totalItems"], items.len());
    assert!(
        items.len() <= n && items.len() + 2 >= n,
        "{} of {n}",
        items.len()
    );
    let mut ids = BTreeSet::new();
    let mut last = String::new();
    let mut announces = 0;
    for a in items {
        assert_eq!(
            a["to"],
            serde_json::json!([freehold_export::activitystreams::PUBLIC])
        );
        if let Some(p) = a["published"].as_str() {
            assert_eq!(freehold_model::time::from_rfc3339(p).as_deref(), Some(p));
            assert!(p >= last.as_str(), "oldest first");
            last = p.to_string();
        }
        match a["type"].as_str().unwrap() {
            "Create" => {
                assert_eq!(a["object"]["type"], "Note");
                ids.insert(a["object"]["id"].as_str().unwrap().to_string());
            }
            "Announce" => {
                announces += 1;
                assert!(a["object"].as_str().unwrap().starts_with("https://"));
            }
            other => panic!("{other}"),
        }
    }
    assert!(announces >= 1);
    let hostile = items
        .iter()
        .find(|a| {
            a["object"]["url"]
                .as_str()
                .is_some_and(|u| u.ends_with("1756258507827361375"))
        })
        .unwrap();
    let content = hostile["object"]["content"].as_str().unwrap();
    assert!(content.contains("&lt;script&gt;") && !content.contains("<script"));
    for a in items {
        if let Some(r) = a["object"]["inReplyTo"].as_str() {
            assert!(ids.contains(r), "{r}");
        }
        for att in a["object"]["attachment"].as_array().into_iter().flatten() {
            let url = att["url"].as_str().unwrap();
            assert!(url.starts_with("media_attachments/files/"));
            assert!(out.join(url).is_file());
        }
    }
    let actor: serde_json::Value = serde_json::from_str(&files["actor.json"]).unwrap();
    assert_eq!(actor["type"], "Person");
    assert_eq!(actor["outbox"], "outbox.json");
    assert_eq!(actor["likes"], "likes.json");
    let likes: serde_json::Value = serde_json::from_str(&files["likes.json"]).unwrap();
    assert!(likes["totalItems"].as_u64().unwrap() > 0);

    let follows = &files["following_accounts.csv"];
    assert_eq!(
        follows,
        "Account address,Show boosts,Notify on new posts,Languages\njeanluc@mastodon.example,true,false,\n"
    );
    let again = &files["find-them-again.csv"];
    assert!(again.starts_with("Platform,Name,Handle,Profile URL,Tie\n"));
    assert!(again.lines().count() > 5 && !again.contains("Jean-Luc"));
    assert!(files["fediverse-evidence.csv"].contains("(now @jeanluc@mastodon.example)"));
    assert_nothing_private(&s.conn(), &files);

    // Without --include graph: no follows, no likes, and the summary says so.
    let (plain, said) = s.export("activitystreams", "as-default", &[]);
    assert!(!plain.join("following_accounts.csv").exists());
    let likes: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(plain.join("likes.json")).unwrap()).unwrap();
    assert_eq!(likes["totalItems"], 0);
    assert!(said.contains("add --include graph"), "{said}");
    // Byte-identical on re-export.
    let (again, _) = s.export("activitystreams", "as-again", &[]);
    assert_eq!(read_texts(&plain), read_texts(&again));
}
