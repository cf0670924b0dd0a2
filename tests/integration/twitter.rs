//! The Twitter/X parser on every fixture under `fixtures/twitter/`. Every expected value
//! below is taken from the fixtures' inventory, `fixtures/twitter/EXPECTED.md` (ids, texts
//! after decoding, times, counts), never from what the parser happens to write.
//!
//! Mapping conventions checked here (see the parser): ids are `tw:account:<id>`,
//! `tw:post:<id>`, `tw:message:<id>`, `tw:conversation:<id>`, `tw:media:<id>`; likes are
//! `tw:like:<owner>:<tweet>`, DM reactions `tw:reaction:<eventId>`, relationships
//! `tw:<kind>:<from>:<to>`; times are ISO 8601 UTC with `Z`, with milliseconds only when
//! the source has them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use freehold_archive::{Diagnostic, Fate, Report, Severity};
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Value, json};

use crate::util::{Imported, count, files_under, fixture, import, rows, text, texts};

/// The owner of every fixture, Marieke de Vries.
const OWNER: &str = "113890157185681353";
const MEILING: &str = "307734804123849841";
const LAN: &str = "425262802519687159";
const ZOE: &str = "198826894152881265";
const JORG: &str = "167895630406721753";
const SVEN: &str = "134951299502908511";
const CLUB: &str = "340739492678559191";
const AARAV: &str = "1112661005223781711";
const FATIMA: &str = "1228321556728495331";
const KENJI: &str = "762561014408840507";
const FAN1: &str = "618315288289257685";
const FAN2: &str = "906444353339330263";
const FAN3: &str = "1470003552431771239";
const SPAM: &str = "1533691682601260565";
const MUTED: &str = "947633728359371921";

const FIXTURES: [&str; 6] = [
    "grailbird-2014",
    "grailbird-csv-2012",
    "ytd-root-2019",
    "ytd-data-2020",
    "ytd-data-2024",
    "ytd-broken",
];

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

fn dir(name: &str) -> PathBuf {
    fixture(&format!("twitter/{name}"))
}

fn acc(native: &str) -> String {
    format!("tw:account:{native}")
}

fn pid(native: &str) -> String {
    format!("tw:post:{native}")
}

fn msg(native: &str) -> String {
    format!("tw:message:{native}")
}

fn conv(native: &str) -> String {
    format!("tw:conversation:{native}")
}

/// Owned copies of expected `(text, optional, optional)` triples, to compare with rows.
fn owned(expected: &[(&str, Option<&str>, Option<&str>)]) -> Vec<(String, Opt, Opt)> {
    expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.map(str::to_string), c.map(str::to_string)))
        .collect()
}

type Opt = Option<String>;

/// One fixture imported into a fresh database.
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
}

/// The row counts EXPECTED.md fixes for a fixture.
#[derive(Debug, Default, PartialEq)]
struct Totals {
    posts: i64,
    accounts: i64,
    owners: i64,
    relationships: i64,
    follows: i64,
    blocks: i64,
    mutes: i64,
    reactions: i64,
    /// Likes of tweets (`like.js`), not DM reactions of kind `like`.
    likes: i64,
    dm_reactions: i64,
    conversations: i64,
    direct_conversations: i64,
    group_conversations: i64,
    text_messages: i64,
    /// DM group events (join, leave, rename).
    system_messages: i64,
    media: i64,
    archived_media: i64,
    attachments: i64,
}

fn totals(c: &Connection) -> Totals {
    Totals {
        posts: count(c, "posts", ""),
        accounts: count(c, "accounts", ""),
        owners: count(c, "accounts", "is_owner = 1"),
        relationships: count(c, "relationships", ""),
        follows: count(c, "relationships", "kind = 'follows'"),
        blocks: count(c, "relationships", "kind = 'blocks'"),
        mutes: count(c, "relationships", "kind = 'mutes'"),
        reactions: count(c, "reactions", ""),
        likes: count(c, "reactions", "kind = 'like' AND target_post IS NOT NULL"),
        dm_reactions: count(c, "reactions", "target_message IS NOT NULL"),
        conversations: count(c, "conversations", ""),
        direct_conversations: count(c, "conversations", "kind = 'direct'"),
        group_conversations: count(c, "conversations", "kind = 'group'"),
        text_messages: count(c, "messages", "kind = 'text'"),
        system_messages: count(c, "messages", "kind = 'system'"),
        media: count(c, "media", ""),
        archived_media: count(c, "media", "archive_path IS NOT NULL"),
        attachments: count(c, "attachments", ""),
    }
}

#[derive(Debug)]
struct PostRow {
    native_id: Opt,
    kind: String,
    author: Opt,
    created_at: Opt,
    text: Opt,
    in_reply_to: Opt,
    in_reply_to_account: Opt,
    repost_of: Opt,
    quote_of: Opt,
    edit_of: Opt,
    visibility: Opt,
    lang: Opt,
    place: Opt,
    latitude: Option<f64>,
    longitude: Option<f64>,
    extra: Value,
}

fn json_column(raw: Option<String>) -> Value {
    raw.map_or(Value::Null, |s| serde_json::from_str(&s).unwrap())
}

/// The post with id `id` (panics when there is none).
fn post(c: &Connection, id: &str) -> PostRow {
    c.query_row(
        "SELECT native_id, kind, author_account, created_at, text, in_reply_to,
                in_reply_to_account, repost_of, quote_of, edit_of, visibility, lang, place,
                latitude, longitude, extra
         FROM posts WHERE id = ?1",
        [id],
        |r| {
            Ok(PostRow {
                native_id: r.get(0)?,
                kind: r.get(1)?,
                author: r.get(2)?,
                created_at: r.get(3)?,
                text: r.get(4)?,
                in_reply_to: r.get(5)?,
                in_reply_to_account: r.get(6)?,
                repost_of: r.get(7)?,
                quote_of: r.get(8)?,
                edit_of: r.get(9)?,
                visibility: r.get(10)?,
                lang: r.get(11)?,
                place: r.get(12)?,
                latitude: r.get(13)?,
                longitude: r.get(14)?,
                extra: json_column(r.get(15)?),
            })
        },
    )
    .optional()
    .unwrap()
    .unwrap_or_else(|| panic!("no post {id}"))
}

/// Checks a tweet's id, kind, author, time and decoded text; returns it for more checks.
fn tweet(
    c: &Connection,
    native: &str,
    author: Option<&str>,
    kind: &str,
    created_at: &str,
    text: &str,
) -> PostRow {
    let p = post(c, &pid(native));
    assert_eq!(p.native_id.as_deref(), Some(native), "{native}: native_id");
    assert_eq!(p.kind, kind, "{native}: kind");
    assert_eq!(p.author, author.map(acc), "{native}: author_account");
    assert_eq!(
        p.created_at.as_deref(),
        Some(created_at),
        "{native}: created_at"
    );
    assert_eq!(p.text.as_deref(), Some(text), "{native}: text");
    p
}

/// A tweet of the owner.
fn owner_tweet(c: &Connection, native: &str, kind: &str, created_at: &str, text: &str) -> PostRow {
    tweet(c, native, Some(OWNER), kind, created_at, text)
}

/// A plain tweet (no reply, repost, quote or edit).
fn plain(p: &PostRow) {
    let links = [
        &p.in_reply_to,
        &p.in_reply_to_account,
        &p.repost_of,
        &p.quote_of,
        &p.edit_of,
    ];
    assert!(
        links.iter().all(|l| l.is_none()),
        "{:?} should be a plain tweet: {p:?}",
        p.native_id
    );
}

/// Checks the entities of one kind of a post: `(value, account_id, expanded_url)`.
fn assert_entities(
    c: &Connection,
    native: &str,
    kind: &str,
    expected: &[(&str, Option<&str>, Option<&str>)],
) {
    let mut stmt = c
        .prepare(
            "SELECT value, account_id, expanded_url FROM post_entities
             WHERE post_id = ?1 AND kind = ?2 ORDER BY value",
        )
        .unwrap();
    let found: Vec<(String, Opt, Opt)> = stmt
        .query_map([pid(native), kind.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut expected = owned(expected);
    expected.sort();
    assert_eq!(found, expected, "{native}: {kind} entities");
}

/// `(handle, display_name, is_owner)` of an account, if it exists.
fn account(c: &Connection, native: &str) -> Option<(Opt, Opt, bool)> {
    c.query_row(
        "SELECT handle, display_name, is_owner FROM accounts WHERE id = ?1 AND native_id = ?2",
        [acc(native), native.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()
    .unwrap()
}

/// Checks that an account exists, is not the owner, and has this handle and name.
fn assert_account(c: &Connection, native: &str, handle: Option<&str>, name: Option<&str>) {
    let found = account(c, native).unwrap_or_else(|| panic!("no account {native}"));
    assert_eq!(
        found,
        (handle.map(str::to_string), name.map(str::to_string), false),
        "account {native}"
    );
}

fn assert_owner(c: &Connection, name: &str) {
    assert_eq!(
        account(c, OWNER),
        Some((Some("mariekedv".to_string()), Some(name.to_string()), true)),
        "the owner"
    );
}

/// Checks the ids of the relationships of one kind, and that every id is
/// `tw:<kind>:<from>:<to>` of its own columns.
fn assert_relationships(c: &Connection, kind: &str, expected: &[String]) {
    let found = texts(
        c,
        &format!("SELECT id FROM relationships WHERE kind = '{kind}' ORDER BY id"),
    );
    let mut expected = expected.to_vec();
    expected.sort();
    assert_eq!(found, expected, "{kind}");
    assert_eq!(
        count(
            c,
            "relationships",
            "id <> 'tw:' || kind || ':' || substr(from_account, 12) || ':' || substr(to_account, 12)
             OR platform <> 'twitter'"
        ),
        0,
        "relationship ids match their columns"
    );
}

fn followers_and_following(followers: &[&str], following: &[&str]) -> Vec<String> {
    followers
        .iter()
        .map(|f| format!("tw:follows:{f}:{OWNER}"))
        .chain(following.iter().map(|f| format!("tw:follows:{OWNER}:{f}")))
        .collect()
}

fn outgoing(kind: &str, to: &[&str]) -> Vec<String> {
    to.iter()
        .map(|t| format!("tw:{kind}:{OWNER}:{t}"))
        .collect()
}

/// Checks one like of the owner (likes carry no date).
fn assert_like(c: &Connection, tweet: &str, target_text: Option<&str>) {
    let id = format!("tw:like:{OWNER}:{tweet}");
    let found = rows(
        c,
        &format!(
            "SELECT kind, actor_account, target_post, target_message, target_url, target_text,
                    created_at
             FROM reactions WHERE id = '{id}'"
        ),
    );
    let expected = vec![vec![
        Some("like".to_string()),
        Some(acc(OWNER)),
        Some(pid(tweet)),
        None,
        Some(format!("https://twitter.com/i/web/status/{tweet}")),
        target_text.map(str::to_string),
        None,
    ]];
    assert_eq!(found, expected, "like {tweet}");
}

/// Checks one reaction to a direct message.
fn assert_dm_reaction(
    c: &Connection,
    event: &str,
    kind: &str,
    actor: &str,
    message: &str,
    created_at: &str,
) {
    let found = rows(
        c,
        &format!(
            "SELECT kind, actor_account, target_message, target_post, created_at
             FROM reactions WHERE id = 'tw:reaction:{event}'"
        ),
    );
    let expected = vec![vec![
        Some(kind.to_string()),
        Some(acc(actor)),
        Some(msg(message)),
        None,
        Some(created_at.to_string()),
    ]];
    assert_eq!(found, expected, "reaction {event}");
}

/// Checks one direct message: conversation, sender, time and decoded text.
fn assert_message(
    c: &Connection,
    native: &str,
    conversation: &str,
    sender: &str,
    sent_at: &str,
    text: &str,
) {
    let found = rows(
        c,
        &format!(
            "SELECT conversation_id, native_id, sender_account, sent_at, text, kind
             FROM messages WHERE id = '{}'",
            msg(native)
        ),
    );
    let expected = vec![vec![
        Some(conv(conversation)),
        Some(native.to_string()),
        Some(acc(sender)),
        Some(sent_at.to_string()),
        Some(text.to_string()),
        Some("text".to_string()),
    ]];
    assert_eq!(found, expected, "message {native}");
}

/// `(kind, title)` of a conversation.
fn conversation(c: &Connection, native: &str) -> (String, Opt) {
    c.query_row(
        "SELECT kind, title FROM conversations WHERE id = ?1 AND native_id = ?2",
        [conv(native), native.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .unwrap()
    .unwrap_or_else(|| panic!("no conversation {native}"))
}

/// The members of a conversation: account native id → `(joined_at, left_at)`.
fn members(c: &Connection, native: &str) -> BTreeMap<String, (Opt, Opt)> {
    rows(
        c,
        &format!(
            "SELECT substr(account_id, 12), joined_at, left_at FROM conversation_members
             WHERE conversation_id = '{}'",
            conv(native)
        ),
    )
    .into_iter()
    .map(|r| (r[0].clone().unwrap(), (r[1].clone(), r[2].clone())))
    .collect()
}

fn member_ids(c: &Connection, native: &str) -> BTreeSet<String> {
    members(c, native).into_keys().collect()
}

fn ids(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// `(sender, sent_at)` of the system messages (group events) of a conversation, by time.
fn system_messages(c: &Connection, native: &str) -> Vec<(Opt, Opt)> {
    rows(
        c,
        &format!(
            "SELECT sender_account, sent_at FROM messages
             WHERE conversation_id = '{}' AND kind = 'system' ORDER BY sent_at",
            conv(native)
        ),
    )
    .into_iter()
    .map(|r| (r[0].clone(), r[1].clone()))
    .collect()
}

/// `(value, started_at, ended_at)` of the owner's profile fields called `field`, oldest
/// first.
fn owner_fields(c: &Connection, field: &str) -> Vec<(String, Opt, Opt)> {
    rows(
        c,
        &format!(
            "SELECT value, started_at, ended_at FROM profile_fields
             WHERE account_id = '{}' AND field = '{field}'
             ORDER BY COALESCE(started_at, ''), value",
            acc(OWNER)
        ),
    )
    .into_iter()
    .map(|r| (r[0].clone().unwrap(), r[1].clone(), r[2].clone()))
    .collect()
}

/// Checks that the owner has exactly these values of one profile field (no dates).
fn assert_field(c: &Connection, field: &str, values: &[&str]) {
    let expected: Vec<(String, Opt, Opt)> =
        values.iter().map(|v| (v.to_string(), None, None)).collect();
    assert_eq!(owner_fields(c, field), expected, "profile field {field}");
}

/// The owner's handle history from `screen-name-change.js` (EXPECTED.md: mariekedv →
/// mdevries_nl on 2019-08-01, back to mariekedv on 2020-03-15).
fn assert_handle_history(c: &Connection) {
    assert_eq!(
        owner_fields(c, "handle"),
        owned(&[
            ("mariekedv", None, Some("2019-08-01T10:00:00.000Z")),
            (
                "mdevries_nl",
                Some("2019-08-01T10:00:00.000Z"),
                Some("2020-03-15T16:45:00.000Z")
            ),
            ("mariekedv", Some("2020-03-15T16:45:00.000Z"), None),
        ]),
        "handle history"
    );
}

/// Media attached to one owner row, in position order.
#[derive(Debug, PartialEq)]
struct Attached {
    position: Option<i64>,
    media_id: String,
    kind: String,
    archive_path: Opt,
}

fn attached(c: &Connection, owner_kind: &str, owner_id: &str) -> Vec<Attached> {
    let mut stmt = c
        .prepare(
            "SELECT a.position, m.id, m.kind, m.archive_path
             FROM attachments a JOIN media m ON m.id = a.media_id
             WHERE a.owner_kind = ?1 AND a.owner_id = ?2
             ORDER BY a.position, m.remote_url",
        )
        .unwrap();
    stmt.query_map([owner_kind, owner_id], |r| {
        Ok(Attached {
            position: r.get(0)?,
            media_id: r.get(1)?,
            kind: r.get(2)?,
            archive_path: r.get(3)?,
        })
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn media_at(position: i64, media: &str, kind: &str, archive_path: Option<&str>) -> Attached {
    Attached {
        position: Some(position),
        media_id: format!("tw:media:{media}"),
        kind: kind.to_string(),
        archive_path: archive_path.map(str::to_string),
    }
}

fn remote_url(c: &Connection, media_id: &str) -> Opt {
    text(
        c,
        &format!("SELECT remote_url FROM media WHERE id = '{media_id}'"),
    )
}

/// `(archive_path, remote_url)` of the media attached to the owner's account (the
/// profile's avatar and header), by remote URL.
fn profile_media(c: &Connection) -> Vec<(Opt, Opt)> {
    rows(
        c,
        &format!(
            "SELECT m.archive_path, m.remote_url
             FROM attachments a JOIN media m ON m.id = a.media_id
             WHERE a.owner_kind = 'account' AND a.owner_id = '{}' ORDER BY m.remote_url",
            acc(OWNER)
        ),
    )
    .into_iter()
    .map(|r| (r[0].clone(), r[1].clone()))
    .collect()
}

const PARSED: &[Fate] = &[Fate::Parsed];
const SKIPPED: &[Fate] = &[Fate::Skipped];
const MEDIA: &[Fate] = &[Fate::Media];
/// Known files that are not mapped (ads, headers, ...): read or deliberately skipped, but
/// never unknown or failed.
const KNOWN: &[Fate] = &[Fate::Parsed, Fate::Skipped];

/// Checks that the report lists exactly the files on disk, each with an allowed fate.
fn assert_report_files(name: &str, report: &Report, expected: &[(&str, &[Fate])]) {
    let on_disk = files_under(&dir(name));
    let reported: Vec<String> = report.files.keys().cloned().collect();
    assert_eq!(reported, on_disk, "{name}: files in the report");
    let mut listed: Vec<String> = expected.iter().map(|(p, _)| p.to_string()).collect();
    listed.sort();
    assert_eq!(listed, on_disk, "{name}: the test's file table");
    for (path, fates) in expected {
        let fate = report.files[*path].fate;
        assert!(
            fates.contains(&fate),
            "{name}: {path} is {fate:?}, expected one of {fates:?}"
        );
    }
}

fn diagnostics<'r>(report: &'r Report, code: &str) -> Vec<&'r Diagnostic> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .collect()
}

/// A clean archive: nothing worse than an informational note.
fn assert_no_problems(name: &str, report: &Report) {
    let problems: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .map(ToString::to_string)
        .collect();
    assert!(problems.is_empty(), "{name}: {problems:#?}");
}

fn generated_at(c: &Connection) -> Opt {
    text(c, "SELECT generated_at FROM imports")
}

// ---------------------------------------------------------------------------------------
// 1. grailbird-2014
// ---------------------------------------------------------------------------------------

#[test]
fn grailbird_2014_totals_owner_and_report() {
    let fx = Fixture::load("grailbird-2014");
    let c = &fx.conn;
    // 6 tweets (the js files and tweets.csv hold the same 6, read once), plus the
    // retweeted original that Grailbird carries in full in GB2's `retweeted_status`.
    assert_eq!(
        totals(c),
        Totals {
            posts: 7,
            accounts: 5,
            owners: 1,
            media: 1,
            attachments: 1,
            ..Totals::default()
        }
    );
    assert_eq!(
        count(c, "posts", &format!("author_account = '{}'", acc(OWNER))),
        6
    );
    assert_owner(c, "Marieke de Vries");
    assert_field(c, "bio", &["Fietser, koffiedrinker, leert Chinees. 🚲"]);
    assert_field(c, "location", &["Amsterdam"]);
    assert_field(c, "created_at", &["2011-09-14T08:21:44Z"]);
    // payload_details.js: created_at 2014-06-02 07:12:45 +0000.
    assert_eq!(generated_at(c).as_deref(), Some("2014-06-02T07:12:45Z"));

    assert_report_files(
        "grailbird-2014",
        fx.report(),
        &[
            ("data/js/payload_details.js", KNOWN),
            ("data/js/tweet_index.js", KNOWN),
            ("data/js/tweets/2014_04.js", PARSED),
            ("data/js/tweets/2014_05.js", PARSED),
            ("data/js/user_details.js", PARSED),
            ("index.html", SKIPPED),
            // The same tweets as the js files: read or skipped as a duplicate.
            ("tweets.csv", KNOWN),
        ],
    );
    assert_eq!(
        fx.report().files["data/js/tweets/2014_05.js"].fate,
        Fate::Parsed
    );
    assert!(diagnostics(fx.report(), "missing-part").is_empty());
    assert!(diagnostics(fx.report(), "count-mismatch").is_empty());
}

#[test]
fn grailbird_2014_tweets() {
    let fx = Fixture::load("grailbird-2014");
    let c = &fx.conn;

    let gb1 = owner_tweet(
        c,
        "471265708936874903",
        "tweet",
        "2014-05-27T12:24:35Z",
        "Koffie & appeltaart op het terras #amsterdam http://twitter.com/mariekedv/status/471265708936874903/photo/1",
    );
    plain(&gb1);
    assert_eq!(gb1.lang, None, "Grailbird tweets have no lang");
    assert_entities(
        c,
        "471265708936874903",
        "hashtag",
        &[("amsterdam", None, None)],
    );
    // The photo is not in the archive: only its pbs.twimg.com URL.
    assert_eq!(
        attached(c, "post", &pid("471265708936874903")),
        [media_at(0, "471265689035727745", "photo", None)]
    );
    assert_eq!(
        remote_url(c, "tw:media:471265689035727745").as_deref(),
        Some("https://pbs.twimg.com/media/BoXyZ12CIAAb3cD.jpg")
    );
    // `sizes` is an array here; the largest rendition is 1024x768.
    assert_eq!(
        rows(
            c,
            "SELECT CAST(width AS TEXT), CAST(height AS TEXT) FROM media
             WHERE id = 'tw:media:471265689035727745'"
        ),
        [[Some("1024".to_string()), Some("768".to_string())]]
    );

    let gb2 = owner_tweet(
        c,
        "468814206725404255",
        "repost",
        "2014-05-20T18:03:11Z",
        "RT @lan_nguyen: Xin chào Amsterdam! Phở ngon nhất ở De Pijp http://www.example.com/pho-de-pijp",
    );
    assert_eq!(gb2.repost_of, Some(pid("468793278930234303")));
    assert_eq!((gb2.in_reply_to, gb2.quote_of), (None, None));
    assert_entities(
        c,
        "468814206725404255",
        "mention",
        &[("lan_nguyen", Some(&acc(LAN)), None)],
    );
    assert_entities(
        c,
        "468814206725404255",
        "link",
        &[(
            "http://t.co/vQGNQumHrj",
            None,
            Some("http://www.example.com/pho-de-pijp"),
        )],
    );
    // The retweeted original (retweeted_status), by lan.
    let original = tweet(
        c,
        "468793278930234303",
        Some(LAN),
        "tweet",
        "2014-05-20T16:40:02Z",
        "Xin chào Amsterdam! Phở ngon nhất ở De Pijp http://www.example.com/pho-de-pijp",
    );
    plain(&original);

    let gb3 = owner_tweet(
        c,
        "465789732141777415",
        "tweet",
        "2014-05-12T09:45:00Z",
        "@zoe_sunflower Ja! Zaterdag > zondag, dus zaterdag om 10:00?",
    );
    assert_eq!(gb3.in_reply_to, Some(pid("465786006196625281")));
    assert_eq!(gb3.in_reply_to_account, Some(acc(ZOE)));
    assert_entities(
        c,
        "465789732141777415",
        "mention",
        &[("zoe_sunflower", Some(&acc(ZOE)), None)],
    );

    let gb4 = owner_tweet(
        c,
        "462612745890424237",
        "tweet",
        "2014-05-03T15:20:48Z",
        "今天学了十个汉字 #中文 谢谢 @meiling_chen 老师！",
    );
    plain(&gb4);
    assert_entities(c, "462612745890424237", "hashtag", &[("中文", None, None)]);
    assert_entities(
        c,
        "462612745890424237",
        "mention",
        &[("meiling_chen", Some(&acc(MEILING)), None)],
    );

    let gb5 = owner_tweet(
        c,
        "460013215969875593",
        "tweet",
        "2014-04-26T11:11:11Z",
        "Koningsdag! 👑🎉🍊 Oranje boven <3 #koningsdag",
    );
    plain(&gb5);
    assert_entities(
        c,
        "460013215969875593",
        "hashtag",
        &[("koningsdag", None, None)],
    );

    let gb6 = owner_tweet(
        c,
        "451269129136794387",
        "tweet",
        "2014-04-02T08:05:19Z",
        "Mooi artikel over fietspaden: http://blog.example.org/2014/04/fietspaden via @jmueller",
    );
    plain(&gb6);
    assert_entities(
        c,
        "451269129136794387",
        "mention",
        &[("jmueller", Some(&acc(JORG)), None)],
    );
    assert_entities(
        c,
        "451269129136794387",
        "link",
        &[(
            "http://t.co/OU0csWvN9t",
            None,
            Some("http://blog.example.org/2014/04/fietspaden"),
        )],
    );
}

#[test]
fn grailbird_2014_accounts_and_numeric_ids() {
    let fx = Fixture::load("grailbird-2014");
    let c = &fx.conn;
    assert_account(c, JORG, Some("jmueller"), Some("Jörg Müller"));
    assert_account(c, ZOE, Some("zoe_sunflower"), Some("Zoë 🌻"));
    assert_account(c, MEILING, Some("meiling_chen"), Some("陈美玲"));
    assert_account(c, LAN, Some("lan_nguyen"), Some("Nguyễn Thị Lan"));

    // Grailbird writes `id` as a JSON number; above 2^53 only `id_str` is exact.
    for id in [
        "471265708936874903",
        "468814206725404255",
        "465789732141777415",
        "462612745890424237",
        "460013215969875593",
        "451269129136794387",
    ] {
        let n: u64 = id.parse().unwrap();
        assert!(n > 1 << 53, "{id}");
        let rounded = format!("{}", n as f64 as u64);
        assert_ne!(rounded, id, "{id} is not exact in f64");
        assert_eq!(count(c, "posts", &format!("native_id = '{id}'")), 1, "{id}");
        assert_eq!(
            count(c, "posts", &format!("native_id = '{rounded}'")),
            0,
            "{rounded}"
        );
    }
    assert_eq!(count(c, "media", "id = 'tw:media:471265689035727745'"), 1);
}

// ---------------------------------------------------------------------------------------
// 2. grailbird-csv-2012
// ---------------------------------------------------------------------------------------

#[test]
fn grailbird_csv_2012() {
    let fx = Fixture::load("grailbird-csv-2012");
    let c = &fx.conn;
    // No owner record: only the two ids in the CSV are accounts, and the posts have no
    // known author.
    assert_eq!(
        totals(c),
        Totals {
            posts: 5,
            accounts: 2,
            ..Totals::default()
        }
    );
    assert_account(c, SVEN, None, None);
    assert_account(c, ZOE, None, None);
    assert!(
        !diagnostics(fx.report(), "owner-unknown").is_empty(),
        "the report says the owner is unknown"
    );

    let csv1 = tweet(
        c,
        "281405943768349955",
        None,
        "tweet",
        "2012-12-19T14:29:39Z",
        "Twee mooie foto's van de Amstel: http://www.example.com/amstel/1 en http://www.example.com/amstel/2",
    );
    plain(&csv1);
    let csv2 = tweet(
        c,
        "274607489778594131",
        None,
        "repost",
        "2012-11-30T20:15:02Z",
        "RT @svenbakker: Nieuwe blog over de grachten: http://blog.example.org/grachten",
    );
    assert_eq!(csv2.repost_of, Some(pid("274603371667040415")));
    assert_eq!(csv2.in_reply_to, None);
    let csv3 = tweet(
        c,
        "255213800878886641",
        None,
        "tweet",
        "2012-10-08T07:51:26Z",
        "@zoe_sunflower Ze zei: \"fietsen, altijd fietsen\" en ze had gelijk",
    );
    assert_eq!(csv3.in_reply_to, Some(pid("255210923770793067")));
    assert_eq!(csv3.in_reply_to_account, Some(acc(ZOE)));
    assert_eq!(csv3.repost_of, None);
    let csv4 = tweet(
        c,
        "246941435837386747",
        None,
        "tweet",
        "2012-09-15T12:00:00Z",
        "Boodschappenlijst:\nkaas & brood\nhagelslag",
    );
    plain(&csv4);
    let csv5 = tweet(
        c,
        "230611521090922327",
        None,
        "tweet",
        "2012-08-01T10:30:45Z",
        "Eerste tweet! Hallo wereld 👋",
    );
    plain(&csv5);

    assert_report_files(
        "grailbird-csv-2012",
        fx.report(),
        &[("index.html", SKIPPED), ("tweets.csv", PARSED)],
    );
}

// ---------------------------------------------------------------------------------------
// 3. ytd-root-2019
// ---------------------------------------------------------------------------------------

#[test]
fn ytd_root_2019_totals_owner_and_report() {
    let fx = Fixture::load("ytd-root-2019");
    let c = &fx.conn;
    // Media: the tweet photo (a local file), the avatar and the header (URLs only).
    assert_eq!(
        totals(c),
        Totals {
            posts: 5,
            accounts: 8,
            owners: 1,
            relationships: 9,
            follows: 9,
            reactions: 3,
            likes: 3,
            conversations: 2,
            direct_conversations: 2,
            text_messages: 5,
            media: 3,
            archived_media: 1,
            attachments: 3,
            ..Totals::default()
        }
    );
    assert_owner(c, "Marieke de Vries");
    assert_field(c, "bio", &["Fietser, koffiedrinker, leert Chinees. 🚲☕"]);
    assert_field(c, "location", &["Amsterdam"]);
    assert_field(c, "website", &["https://t.co/4tTOFIJUoK"]);
    assert_field(c, "email", &["marieke.devries@example.com"]);
    assert_field(c, "phone", &["+31612345678"]);
    assert_field(c, "created_at", &["2011-09-14T08:21:44.000Z"]);
    // No profile_media folder in this era: avatar and header are remote only.
    assert_eq!(
        profile_media(c),
        [
            (
                None,
                Some("https://pbs.twimg.com/profile_banners/113890157185681353/1551234567".into())
            ),
            (
                None,
                Some(
                    "https://pbs.twimg.com/profile_images/1101234567890123456/Qw3rTy12_400x400.jpg"
                        .into()
                )
            ),
        ]
    );

    assert_report_files(
        "ytd-root-2019",
        fx.report(),
        &[
            ("account.js", PARSED),
            ("ad-impressions.js", KNOWN),
            ("direct-message.js", PARSED),
            ("follower.js", PARSED),
            ("following.js", PARSED),
            ("like.js", PARSED),
            ("profile.js", PARSED),
            ("tweet.js", PARSED),
            ("tweet_media/1141763181802762479-D9aBcDeWwAAxYz1.jpg", MEDIA),
        ],
    );
    assert_eq!(fx.report().files["tweet.js"].fate, Fate::Parsed);
    assert_no_problems("ytd-root-2019", fx.report());
}

#[test]
fn ytd_root_2019_tweets_wrapped_and_bare() {
    let fx = Fixture::load("ytd-root-2019");
    let c = &fx.conn;

    let r1 = owner_tweet(
        c,
        "1141763181802762479",
        "tweet",
        "2019-06-20T17:42:10Z",
        "Zonsondergang boven het IJ 🌅 https://twitter.com/mariekedv/status/1141763181802762479/photo/1",
    );
    plain(&r1);
    assert_eq!(r1.lang.as_deref(), Some("nl"));
    assert_eq!(
        attached(c, "post", &pid("1141763181802762479")),
        [media_at(
            0,
            "1141763144720467979",
            "photo",
            Some("tweet_media/1141763181802762479-D9aBcDeWwAAxYz1.jpg")
        )]
    );
    assert_eq!(
        remote_url(c, "tw:media:1141763144720467979").as_deref(),
        Some("https://pbs.twimg.com/media/D9aBcDeWwAAxYz1.jpg")
    );

    // A bare record (no {"tweet": …} wrapper).
    let r2 = owner_tweet(
        c,
        "1139443335225509195",
        "tweet",
        "2019-06-14T08:03:55Z",
        "@lan_nguyen Chúc mừng sinh nhật! 🎂 Hẹn gặp lại ở Hà Nội",
    );
    assert_eq!(r2.lang.as_deref(), Some("vi"));
    assert_eq!(r2.in_reply_to, Some(pid("1139441933259676189")));
    assert_eq!(r2.in_reply_to_account, Some(acc(LAN)));
    assert_entities(
        c,
        "1139443335225509195",
        "mention",
        &[("lan_nguyen", Some(&acc(LAN)), None)],
    );

    // YTD has no retweeted_status: the original's id is unknown.
    let r3 = owner_tweet(
        c,
        "1134791732558721203",
        "repost",
        "2019-06-01T12:00:07Z",
        "RT @zoe_sunflower: Zonnebloemen in de tuin 🌻🌻 #tuinieren",
    );
    assert_eq!(r3.repost_of, None);
    assert_entities(
        c,
        "1134791732558721203",
        "mention",
        &[("zoe_sunflower", Some(&acc(ZOE)), None)],
    );
    assert_entities(
        c,
        "1134791732558721203",
        "hashtag",
        &[("tuinieren", None, None)],
    );

    let r4 = owner_tweet(
        c,
        "1131311272850075723",
        "tweet",
        "2019-05-22T21:30:00Z",
        "Gelezen: fietsen & regen in Amsterdam https://example.com/fietsen-in-de-regen #fiets",
    );
    plain(&r4);
    assert_entities(
        c,
        "1131311272850075723",
        "hashtag",
        &[("fiets", None, None)],
    );
    assert_entities(
        c,
        "1131311272850075723",
        "link",
        &[(
            "https://t.co/3XszX8VM6z",
            None,
            Some("https://example.com/fietsen-in-de-regen"),
        )],
    );

    let r5 = owner_tweet(
        c,
        "1126791529492406213",
        "tweet",
        "2019-05-10T10:10:10Z",
        "Dumplings maken met @meiling_chen 🥟 包饺子!",
    );
    plain(&r5);
    assert_entities(
        c,
        "1126791529492406213",
        "mention",
        &[("meiling_chen", Some(&acc(MEILING)), None)],
    );
}

#[test]
fn ytd_root_2019_accounts_follows_and_likes() {
    let fx = Fixture::load("ytd-root-2019");
    let c = &fx.conn;
    assert_account(c, ZOE, Some("zoe_sunflower"), Some("Zoë 🌻"));
    assert_account(c, MEILING, Some("meiling_chen"), Some("陈美玲"));
    assert_account(c, LAN, Some("lan_nguyen"), Some("Nguyễn Thị Lan"));
    for id_only in [CLUB, FAN1, KENJI, FAN2] {
        assert_account(c, id_only, None, None);
    }
    assert_relationships(
        c,
        "follows",
        &followers_and_following(
            &[MEILING, LAN, ZOE, FAN1, FAN2],
            &[MEILING, ZOE, CLUB, KENJI],
        ),
    );
    assert_like(
        c,
        "1134750180373745075",
        Some("Zonnebloemen in de tuin 🌻🌻 #tuinieren"),
    );
    assert_like(c, "1123195292351339791", Some("周末包饺子 🥟 & 看电影"));
    assert_like(c, "1102041670620173545", None);
}

#[test]
fn ytd_root_2019_direct_messages() {
    let fx = Fixture::load("ytd-root-2019");
    let c = &fx.conn;
    let with_lan = "113890157185681353-425262802519687159";
    let with_kenji = "113890157185681353-762561014408840507";
    assert_eq!(conversation(c, with_lan), ("direct".into(), None));
    assert_eq!(conversation(c, with_kenji), ("direct".into(), None));
    assert_eq!(member_ids(c, with_lan), ids(&[OWNER, LAN]));
    assert_eq!(member_ids(c, with_kenji), ids(&[OWNER, KENJI]));

    assert_message(
        c,
        "1139822993189370539",
        with_lan,
        LAN,
        "2019-06-15T09:12:33.120Z",
        "Cảm ơn nhiều! 😊",
    );
    // No `urls` key in 2019 DMs: the t.co link cannot be expanded.
    assert_message(
        c,
        "1139443649393714971",
        with_lan,
        OWNER,
        "2019-06-14T08:05:10.511Z",
        "Ik heb je een link gestuurd: https://t.co/fZuJ7YYWWL",
    );
    assert_message(
        c,
        "1139257134951214781",
        with_lan,
        LAN,
        "2019-06-13T19:44:02.003Z",
        "Hoi Marieke, ben je er volgend jaar bij?",
    );
    assert_message(
        c,
        "1124041055244469655",
        with_kenji,
        OWNER,
        "2019-05-02T20:00:45.900Z",
        "Tot morgen & bedankt!",
    );
    assert_message(
        c,
        "1124040363621065031",
        with_kenji,
        KENJI,
        "2019-05-02T19:58:01.004Z",
        "明日は晴れるかな？",
    );
}

// ---------------------------------------------------------------------------------------
// 4. ytd-data-2020
// ---------------------------------------------------------------------------------------

#[test]
fn ytd_data_2020_totals_owner_and_report() {
    let fx = Fixture::load("ytd-data-2020");
    let c = &fx.conn;
    assert_eq!(
        totals(c),
        Totals {
            posts: 8,
            accounts: 14,
            owners: 1,
            relationships: 13,
            follows: 11,
            blocks: 1,
            mutes: 1,
            reactions: 5,
            likes: 3,
            dm_reactions: 2,
            conversations: 3,
            direct_conversations: 2,
            group_conversations: 1,
            text_messages: 8,
            system_messages: 4,
            media: 5,
            archived_media: 5,
            attachments: 5,
        }
    );
    assert_owner(c, "Marieke de Vries");
    assert_field(c, "bio", &["Fietser 🚲 | koffie ☕ | leert Chinees 学中文"]);
    assert_field(c, "location", &["Amsterdam, NL"]);
    assert_field(c, "website", &["https://t.co/HTa5GzEk3P"]);
    assert_field(c, "email", &["marieke.devries@example.com"]);
    assert_field(c, "phone", &[]);
    assert_handle_history(c);
    assert_eq!(
        profile_media(c),
        [(
            Some("data/profile_media/113890157185681353-Ab12Cd34_400x400.jpg".into()),
            Some(
                "https://pbs.twimg.com/profile_images/1239876543210987654/Ab12Cd34_400x400.jpg"
                    .into()
            )
        )]
    );

    assert_report_files(
        "ytd-data-2020",
        fx.report(),
        &[
            ("Your archive.html", SKIPPED),
            ("assets/js/app.js", SKIPPED),
            ("data/README.txt", SKIPPED),
            ("data/account.js", PARSED),
            ("data/ad-impressions.js", KNOWN),
            ("data/block.js", PARSED),
            ("data/direct-messages-group.js", PARSED),
            ("data/direct-messages.js", PARSED),
            (
                "data/direct_messages_media/1304847413821848271-AbCdEf.jpg",
                MEDIA,
            ),
            ("data/fleet.js", KNOWN),
            ("data/follower.js", PARSED),
            ("data/following.js", PARSED),
            ("data/ip-audit.js", KNOWN),
            ("data/like.js", PARSED),
            ("data/manifest.js", KNOWN),
            ("data/mute.js", PARSED),
            ("data/profile.js", PARSED),
            (
                "data/profile_media/113890157185681353-Ab12Cd34_400x400.jpg",
                MEDIA,
            ),
            ("data/screen-name-change.js", PARSED),
            ("data/tweet-headers.js", KNOWN),
            ("data/tweet-part1.js", PARSED),
            ("data/tweet.js", PARSED),
            (
                "data/tweet_media/1243901201494214409-EU1aBcDXsAEfGh1.jpg",
                MEDIA,
            ),
            (
                "data/tweet_media/1243901201494214409-EU1aBcEXgAIjKl2.jpg",
                MEDIA,
            ),
            (
                "data/tweet_media/1272122473449333091-UhJENdEFGTfExMqN.mp4",
                MEDIA,
            ),
        ],
    );
    assert_no_problems("ytd-data-2020", fx.report());
}

#[test]
fn ytd_data_2020_tweets() {
    let fx = Fixture::load("ytd-data-2020");
    let c = &fx.conn;

    let w8 = owner_tweet(
        c,
        "1311350280827691591",
        "tweet",
        "2020-09-30T17:00:45Z",
        "秋天到了，阿姆斯特丹的树叶开始变黄了 🍂 #秋天",
    );
    plain(&w8);
    assert_eq!(w8.lang.as_deref(), Some("zh"));
    assert_eq!(w8.extra["favorite_count"], json!("7"));
    assert_entities(c, "1311350280827691591", "hashtag", &[("秋天", None, None)]);

    // The mention of @oud_account has id "-1": a mention without an account.
    let w7 = owner_tweet(
        c,
        "1296714956427015359",
        "tweet",
        "2020-08-21T07:45:12Z",
        "Zoals @oud_account al zei: fietsers > auto's & trams < niemand",
    );
    plain(&w7);
    assert_entities(
        c,
        "1296714956427015359",
        "mention",
        &[("oud_account", None, None)],
    );
    assert_eq!(
        count(c, "accounts", "native_id = '-1' OR id LIKE '%:-1'"),
        0
    );

    let w3 = owner_tweet(
        c,
        "1259219350509779609",
        "tweet",
        "2020-05-09T20:31:02Z",
        "@zoe_sunflower Haha, dat klopt 😄 tot straks",
    );
    assert_eq!(w3.in_reply_to, Some(pid("1259218016156118281")));
    assert_eq!(w3.in_reply_to_account, Some(acc(ZOE)));
    assert_entities(
        c,
        "1259219350509779609",
        "mention",
        &[("zoe_sunflower", Some(&acc(ZOE)), None)],
    );

    // coordinates = [lon, lat], geo = [lat, lon].
    let w6 = owner_tweet(
        c,
        "1279408875182613917",
        "tweet",
        "2020-07-04T13:37:00Z",
        "Picknick in het Vondelpark \u{2600}\u{FE0F}",
    );
    plain(&w6);
    assert_eq!(w6.latitude, Some(52.3740));
    assert_eq!(w6.longitude, Some(4.8897));
    assert_eq!(w6.place.as_deref(), Some("Amsterdam, Nederland"));

    // Two photos share one t.co link; both files are linked, in order.
    let w1 = owner_tweet(
        c,
        "1243901201494214409",
        "tweet",
        "2020-03-28T14:02:11Z",
        "Tulpen in de Keukenhof 🌷 https://twitter.com/mariekedv/status/1243901201494214409/photo/1",
    );
    plain(&w1);
    assert_eq!(
        attached(c, "post", &pid("1243901201494214409")),
        [
            media_at(
                0,
                "1243901111192461049",
                "photo",
                Some("data/tweet_media/1243901201494214409-EU1aBcDXsAEfGh1.jpg")
            ),
            media_at(
                1,
                "1243901121685689887",
                "photo",
                Some("data/tweet_media/1243901201494214409-EU1aBcEXgAIjKl2.jpg")
            ),
        ]
    );
    assert_eq!(
        remote_url(c, "tw:media:1243901121685689887").as_deref(),
        Some("https://pbs.twimg.com/media/EU1aBcEXgAIjKl2.jpg")
    );

    let w5 = owner_tweet(
        c,
        "1272232335796476359",
        "repost",
        "2020-06-14T18:20:00Z",
        "RT @adamfietsclub: Zondag 14 juni: de grote grachtenrit! Start om 10:00 bij Centraal Station, finish in het Vondelpark. Neem water mee, het…",
    );
    assert_eq!(w5.repost_of, None);
    assert_entities(
        c,
        "1272232335796476359",
        "mention",
        &[("adamfietsclub", Some(&acc(CLUB)), None)],
    );

    // A video: only the saved mp4 variant is in the archive.
    let w4 = owner_tweet(
        c,
        "1272122473449333091",
        "tweet",
        "2020-06-14T11:03:27Z",
        "Filmpje van de grachtenrit 🚤 https://twitter.com/mariekedv/status/1272122473449333091/video/1",
    );
    plain(&w4);
    assert_eq!(
        attached(c, "post", &pid("1272122473449333091")),
        [media_at(
            0,
            "1272122279333154895",
            "video",
            Some("data/tweet_media/1272122473449333091-UhJENdEFGTfExMqN.mp4")
        )]
    );
    // Of the 4 variants only UhJENdEFGTfExMqN.mp4 is saved: the row's remote URL is that
    // variant's, not another rendition's.
    let remote = remote_url(c, "tw:media:1272122279333154895").unwrap_or_default();
    assert_eq!(
        remote.split('?').next().unwrap().rsplit('/').next(),
        Some("UhJENdEFGTfExMqN.mp4"),
        "{remote}"
    );

    let w2 = owner_tweet(
        c,
        "1251914835139831469",
        "tweet",
        "2020-04-19T16:45:30Z",
        "Dit! Zo moet het 👇 https://twitter.com/meiling_chen/status/1251890802382548625",
    );
    assert_eq!(w2.quote_of, Some(pid("1251890802382548625")));
    assert_eq!((w2.repost_of, w2.in_reply_to), (None, None));
    assert_entities(
        c,
        "1251914835139831469",
        "link",
        &[(
            "https://t.co/m1fog4wwjV",
            None,
            Some("https://twitter.com/meiling_chen/status/1251890802382548625"),
        )],
    );
}

#[test]
fn ytd_data_2020_accounts_relationships_and_likes() {
    let fx = Fixture::load("ytd-data-2020");
    let c = &fx.conn;
    assert_account(c, ZOE, Some("zoe_sunflower"), Some("Zoë 🌻"));
    assert_account(c, CLUB, Some("adamfietsclub"), Some("Amsterdam Fietsclub"));
    // Known here only by id (followers, DMs, group events, block, mute).
    for id_only in [
        SVEN, JORG, MEILING, LAN, FAN1, KENJI, FAN2, MUTED, AARAV, FATIMA, SPAM,
    ] {
        assert_account(c, id_only, None, None);
    }
    assert_relationships(
        c,
        "follows",
        &followers_and_following(
            &[MEILING, LAN, ZOE, JORG, FAN1, FAN2],
            &[MEILING, ZOE, CLUB, KENJI, FATIMA],
        ),
    );
    assert_relationships(c, "blocks", &outgoing("blocks", &[SPAM]));
    assert_relationships(c, "mutes", &outgoing("mutes", &[MUTED]));

    assert_like(
        c,
        "1270641857695475011",
        Some(
            "Zondag 14 juni: de grote grachtenrit! Start om 10:00 bij Centraal Station, finish in het Vondelpark. Neem water mee, het wordt warm. Iedereen welkom, ook met bakfiets of tandem. Aanmelden via de link in onze bio 🚲",
        ),
    );
    assert_like(
        c,
        "1251890802382548625",
        Some("骑自行车上班是最好的选择 🚲 & 环保"),
    );
    assert_like(c, "1289501125588088795", Some("Zomer = ijsjes 🍦<3"));
}

#[test]
fn ytd_data_2020_direct_messages() {
    let fx = Fixture::load("ytd-data-2020");
    let c = &fx.conn;
    let with_meiling = "113890157185681353-307734804123849841";
    let with_sven = "113890157185681353-134951299502908511";
    assert_eq!(conversation(c, with_meiling), ("direct".into(), None));
    assert_eq!(conversation(c, with_sven), ("direct".into(), None));
    assert_eq!(member_ids(c, with_meiling), ids(&[OWNER, MEILING]));
    assert_eq!(member_ids(c, with_sven), ids(&[OWNER, SVEN]));

    assert_message(
        c,
        "1304847767460046383",
        with_meiling,
        OWNER,
        "2020-09-12T18:22:05.318Z",
        "Ja! Hier is het adres: https://example.com/adres/vondelstraat",
    );
    assert_dm_reaction(
        c,
        "1304847996988370137",
        "like",
        MEILING,
        "1304847767460046383",
        "2020-09-12T18:23:00.042Z",
    );
    assert_message(
        c,
        "1304847413821848271",
        with_meiling,
        MEILING,
        "2020-09-12T18:20:41.004Z",
        "Kijk wat ik gemaakt heb 🥟 https://twitter.com/messages/media/1304847413821848271",
    );
    assert_eq!(
        attached(c, "message", &msg("1304847413821848271")),
        [media_at(
            0,
            "1304847413822093563",
            "photo",
            Some("data/direct_messages_media/1304847413821848271-AbCdEf.jpg")
        )]
    );
    assert_eq!(
        remote_url(c, "tw:media:1304847413822093563").as_deref(),
        Some(
            "https://ton.twitter.com/1.1/ton/data/dm/1304847413821848271/1304847413822093563/AbCdEf.jpg"
        )
    );
    assert_message(
        c,
        "1304842463590585467",
        with_meiling,
        OWNER,
        "2020-09-12T18:01:00.777Z",
        "Hoi 美玲! Zin in dumplings & thee?",
    );
    assert_message(
        c,
        "1223910179078582729",
        with_sven,
        SVEN,
        "2020-02-02T10:05:00.500Z",
        "Goed idee <3",
    );
    assert_message(
        c,
        "1223908466754144041",
        with_sven,
        OWNER,
        "2020-02-02T09:58:12.250Z",
        "Zullen we zondag fietsen?",
    );
}

#[test]
fn ytd_data_2020_group_conversation() {
    let fx = Fixture::load("ytd-data-2020");
    let c = &fx.conn;
    let group = "1289531321387056357";
    // Title from the latest conversationNameUpdate.
    assert_eq!(
        conversation(c, group),
        ("group".into(), Some("Zondagsrijders 🚲".into()))
    );
    // Members: the union of senders, the snapshot, joins and leaves.
    let m = members(c, group);
    assert_eq!(
        m.keys().cloned().collect::<BTreeSet<_>>(),
        ids(&[OWNER, ZOE, JORG, AARAV, FATIMA])
    );
    assert_eq!(
        m[FATIMA],
        (Some("2020-08-10T12:00:00.000Z".into()), None),
        "fatima joined (participantsJoin)"
    );
    assert_eq!(
        m[AARAV].1.as_deref(),
        Some("2020-08-15T08:00:00.000Z"),
        "aarav left"
    );
    for stayed in [OWNER, ZOE, JORG] {
        assert_eq!(m[stayed].1, None, "{stayed} never left");
    }

    assert_message(
        c,
        "1296137415581450021",
        group,
        JORG,
        "2020-08-19T17:30:15.600Z",
        "Tot zondag! 👋",
    );
    assert_message(
        c,
        "1292793063798939401",
        group,
        OWNER,
        "2020-08-10T12:01:00.000Z",
        "Welkom Fatima!",
    );
    assert_dm_reaction(
        c,
        "1292794070431679739",
        "excited",
        FATIMA,
        "1292793063798939401",
        "2020-08-10T12:05:00.000Z",
    );
    assert_message(
        c,
        "1289852311950171741",
        group,
        ZOE,
        "2020-08-02T09:15:30.123Z",
        "Wie gaat er mee fietsen? https://example.com/route/zondag",
    );
    // The four events: joinConversation (by zoe), participantsJoin (by the owner),
    // participantsLeave (aarav, who left), conversationNameUpdate (by the owner).
    assert_eq!(
        system_messages(c, group),
        [
            (Some(acc(ZOE)), Some("2020-08-01T12:00:00.000Z".into())),
            (Some(acc(OWNER)), Some("2020-08-10T12:00:00.000Z".into())),
            (Some(acc(AARAV)), Some("2020-08-15T08:00:00.000Z".into())),
            (Some(acc(OWNER)), Some("2020-08-20T10:00:00.000Z".into())),
        ]
    );
}

// ---------------------------------------------------------------------------------------
// 5. ytd-data-2024
// ---------------------------------------------------------------------------------------

const X9_FULL: &str = "Lang verhaal over onze fietsvakantie langs de Moezel: https://example.com/moezel-2024 — zeven dagen, 412 kilometer, twee lekke banden en één kapotte ketting. Elke avond een ander dorpje, elke ochtend verse croissants. Het mooiste stuk was tussen Bernkastel en Traben-Trarbach, waar de wijnranken tot aan het water komen. Volgend jaar willen we de Donau doen, van Passau naar Wenen. Tips zijn welkom! \u{1F6B4}\u{200D}\u{2640}\u{FE0F}";
const X9_TRUNCATED: &str = "Lang verhaal over onze fietsvakantie langs de Moezel: https://example.com/moezel-2024 — zeven dagen, 412 kilometer, twee lekke banden en één kapotte ketting. Elke avond een ander dorpje, elke ochtend verse croissants. Het mooiste stuk was tussen Bernkastel en Traben-Trarbach…";
const X8_FULL: &str = "@lan_nguyen Cảm ơn bạn rất nhiều vì chuyến đi tuyệt vời ở Đà Nẵng! Bánh mì, cà phê sữa đá và bãi biển Mỹ Khê: thật tuyệt. Ik heb zoveel geleerd over de Vietnamese keuken: phở bò, bún chả, bánh xèo en natuurlijk chè als toetje. Volgende keer kom jij naar Amsterdam, dan fietsen we langs de grachten en eten we stroopwafels op de markt. Hẹn gặp lại nhé! \u{1F1FB}\u{1F1F3}\u{1F1F3}\u{1F1F1}";
const X8_TRUNCATED: &str = "@lan_nguyen Cảm ơn bạn rất nhiều vì chuyến đi tuyệt vời ở Đà Nẵng! Bánh mì, cà phê sữa đá và bãi biển Mỹ Khê: thật tuyệt. Ik heb zoveel geleerd over de Vietnamese keuken: phở bò, bún chả, bánh xèo en natuurlijk chè als toetje. Volgende keer kom jij naar Amsterdam, dan fietsen we…";
const N3_TEXT: &str = "Een draadje dat nooit een tweet werd. Over de vraag waarom we in Nederland zoveel fietsen: het is vlak, de afstanden zijn kort, er zijn goede fietspaden, en vooral: iedereen doet het, van kinderen tot opa en oma. In de jaren zeventig is daar bewust voor gekozen na protesten tegen verkeersdoden. Daarover later meer, want dit bericht is al veel te lang geworden.";

#[test]
fn ytd_data_2024_totals_owner_and_report() {
    let fx = Fixture::load("ytd-data-2024");
    let c = &fx.conn;
    // Posts: 10 tweets (both versions of the edited tweet are kept, linked by edit_of),
    // 1 community, 1 circle, 1 deleted tweet, and the note tweet no tweet matched.
    assert_eq!(
        totals(c),
        Totals {
            posts: 14,
            accounts: 10,
            owners: 1,
            relationships: 12,
            follows: 11,
            blocks: 1,
            mutes: 0,
            reactions: 8,
            likes: 5,
            dm_reactions: 3,
            conversations: 3,
            direct_conversations: 2,
            group_conversations: 1,
            text_messages: 9,
            system_messages: 3,
            media: 4,
            archived_media: 4,
            attachments: 4,
        }
    );
    assert_owner(c, "Marieke de Vries 🚲");
    assert_field(
        c,
        "bio",
        &["Fietser 🚲 · koffie ☕ · 学中文 · học tiếng Việt"],
    );
    assert_field(c, "location", &["Amsterdam \u{1F1F3}\u{1F1F1}"]);
    assert_field(c, "website", &["https://t.co/goMmPbyznZ"]);
    assert_field(c, "email", &["marieke.devries@example.com"]);
    assert_field(c, "created_at", &["2011-09-14T08:21:44.000Z"]);
    assert_handle_history(c);
    assert_eq!(
        profile_media(c),
        [(
            Some("data/profile_media/113890157185681353-Zx98Yw76_400x400.jpg".into()),
            Some(
                "https://pbs.twimg.com/profile_images/1745678901234567890/Zx98Yw76_400x400.jpg"
                    .into()
            )
        )]
    );

    assert_report_files(
        "ytd-data-2024",
        fx.report(),
        &[
            ("Your archive.html", SKIPPED),
            ("assets/js/app.js", SKIPPED),
            ("data/README.txt", SKIPPED),
            ("data/account-suspension.js", KNOWN),
            ("data/account.js", PARSED),
            ("data/block.js", PARSED),
            ("data/community-tweet.js", PARSED),
            ("data/deleted-tweet-headers.js", KNOWN),
            ("data/deleted-tweets.js", PARSED),
            (
                "data/deleted_tweets_media/1768743979687100877-GIxYzAbWcAAq9Rt.jpg",
                MEDIA,
            ),
            ("data/direct-messages-group.js", PARSED),
            ("data/direct-messages.js", PARSED),
            (
                "data/direct_messages_group_media/1770420019001641897-XyZ123ab.jpg",
                MEDIA,
            ),
            ("data/follower.js", PARSED),
            ("data/following.js", PARSED),
            ("data/grok-chat-item.js", KNOWN),
            ("data/like-part1.js", PARSED),
            ("data/like.js", PARSED),
            ("data/manifest.js", KNOWN),
            ("data/mute.js", PARSED),
            ("data/note-tweet.js", PARSED),
            // Known but not mapped: skipped, never unknown.
            ("data/personalization.js", SKIPPED),
            ("data/profile.js", PARSED),
            (
                "data/profile_media/113890157185681353-Zx98Yw76_400x400.jpg",
                MEDIA,
            ),
            ("data/screen-name-change.js", PARSED),
            ("data/tweet-headers.js", KNOWN),
            ("data/tweets-part1.js", PARSED),
            ("data/tweets.js", PARSED),
            (
                "data/tweets_media/1725899244154402225-F_Ky0tO2WkAAbCd.jpg",
                MEDIA,
            ),
            ("data/twitter-circle-tweet.js", PARSED),
        ],
    );
    assert_no_problems("ytd-data-2024", fx.report());
}

#[test]
fn ytd_data_2024_long_posts_from_note_tweets() {
    let fx = Fixture::load("ytd-data-2024");
    let c = &fx.conn;

    let x9 = owner_tweet(
        c,
        "1767479571159035733",
        "tweet",
        "2024-03-12T09:15:42Z",
        X9_FULL,
    );
    plain(&x9);
    assert_eq!(x9.extra["truncated_text"], json!(X9_TRUNCATED));
    assert_entities(
        c,
        "1767479571159035733",
        "link",
        &[(
            "https://t.co/Nhoh0zgL7i",
            None,
            Some("https://example.com/moezel-2024"),
        )],
    );

    // A reply: the full text keeps its leading @mention.
    let x8 = owner_tweet(
        c,
        "1760024041242583723",
        "tweet",
        "2024-02-20T19:30:05Z",
        X8_FULL,
    );
    assert_eq!(x8.lang.as_deref(), Some("vi"));
    assert_eq!(x8.extra["truncated_text"], json!(X8_TRUNCATED));
    assert_eq!(x8.in_reply_to, Some(pid("1760001371190488707")));
    assert_eq!(x8.in_reply_to_account, Some(acc(LAN)));
    assert_entities(
        c,
        "1760024041242583723",
        "mention",
        &[("lan_nguyen", Some(&acc(LAN)), None)],
    );

    // N3 matches no tweet: it is a post of its own; N1 and N2 are not.
    let n3 = post(c, "tw:post:note:1664179976919162899");
    assert_eq!(n3.native_id.as_deref(), Some("1664179976919162899"));
    assert_eq!(n3.author, Some(acc(OWNER)));
    assert_eq!(n3.created_at.as_deref(), Some("2023-06-01T08:00:00.123Z"));
    assert_eq!(n3.text.as_deref(), Some(N3_TEXT));
    assert_eq!(count(c, "posts", "id LIKE 'tw:post:note:%'"), 1);
    for matched in ["1767479563892203991", "1760024043999764943"] {
        assert_eq!(
            count(c, "posts", &format!("native_id = '{matched}'")),
            0,
            "{matched}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// ytd-notes-2024
// ---------------------------------------------------------------------------------------

const FEMKE: &str = "1420851166360481793";
const ASPERGES: &str =
    "Vanmorgen de eerste asperges van het seizoen gestoken bij de boer in Limburg. Wit goud! 🌱";

#[test]
fn a_note_whose_tweet_is_its_text_plus_a_media_link_is_that_tweet() {
    let fx = Fixture::load("ytd-notes-2024");
    let c = &fx.conn;
    assert_no_problems("ytd-notes-2024", fx.report());
    // `full_text` is the note's text and a t.co photo link: 113 characters, no `…`.
    let t1 = post(c, &pid("1775226831943762339"));
    assert_eq!(t1.author, Some(acc(FEMKE)));
    assert_eq!(t1.created_at.as_deref(), Some("2024-04-02T18:20:33Z"));
    assert_eq!(t1.text.as_deref(), Some(ASPERGES));
    assert_eq!(
        t1.extra["note_tweet"]["noteTweetId"],
        json!("1775226830249263793")
    );
    assert_eq!(
        count(c, "posts", "id LIKE 'tw:post:note:%'"),
        0,
        "the note is not a post of its own"
    );
    assert_eq!(count(c, "posts", ""), 2);
    assert_eq!(count(c, "accounts", ""), 1);
    assert_eq!(
        count(c, "attachments", "owner_id = 'tw:post:1775226831943762339'"),
        1
    );
    assert_eq!(count(c, "media", "archive_path IS NOT NULL"), 1);
    // The other tweet of that day is untouched.
    let t2 = post(c, &pid("1775267503010742468"));
    assert_eq!(t2.text.as_deref(), Some("Fijne avond allemaal"));
    assert!(t2.extra.get("note_tweet").is_none());
    for (path, file) in &fx.report().files {
        assert!(
            matches!(file.fate, Fate::Parsed | Fate::Media),
            "{path}: {:?}",
            file.fate
        );
    }
    assert_eq!(
        fx.report().files.len(),
        files_under(&dir("ytd-notes-2024")).len()
    );
}

#[test]
fn ytd_data_2024_tweets() {
    let fx = Fixture::load("ytd-data-2024");
    let c = &fx.conn;

    // The edit chain: both versions, the later one pointing at the first.
    let x7 = owner_tweet(
        c,
        "1756258507827361375",
        "tweet",
        "2024-02-10T10:07:12Z",
        "Vanavond poffertjes bakken met de buren! 😋",
    );
    assert_eq!(x7.edit_of, Some(pid("1756256695073020475")));
    let x6 = owner_tweet(
        c,
        "1756256695073020475",
        "tweet",
        "2024-02-10T10:00:00Z",
        "Vanavond pannenkoeken bakken met de buren!",
    );
    plain(&x6);

    // A bogus 2003 date (exporter bug): kept as the archive says, and reported.
    let x0 = owner_tweet(
        c,
        "1658769606875818385",
        "tweet",
        "2003-03-05T11:22:33Z",
        "Hallo! Dit is een heel oude tweet 🦕",
    );
    plain(&x0);
    let suspicious = diagnostics(fx.report(), "suspicious-date");
    assert_eq!(suspicious.len(), 1, "{suspicious:?}");
    assert_eq!(suspicious[0].path.as_deref(), Some("data/tweets.js"));
    assert_eq!(suspicious[0].locator.as_deref(), Some("[4]"));

    let x5 = owner_tweet(
        c,
        "1746864935989309777",
        "tweet",
        "2024-01-15T12:00:30Z",
        "Zo trots op haar 💪 https://x.com/lan_nguyen/status/1746804413047206091",
    );
    assert_eq!(x5.quote_of, Some(pid("1746804413047206091")));
    assert_entities(
        c,
        "1746864935989309777",
        "link",
        &[(
            "https://t.co/5yV9B6ycZB",
            None,
            Some("https://x.com/lan_nguyen/status/1746804413047206091"),
        )],
    );

    // ZWJ family, flags.
    let x4 = owner_tweet(
        c,
        "1741610177216459897",
        "tweet",
        "2023-12-31T23:59:58Z",
        "Gelukkig nieuwjaar! 🎆 Van ons gezin \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} uit \u{1F1F3}\u{1F1F1} naar \u{1F1FB}\u{1F1F3} #nieuwjaar",
    );
    plain(&x4);
    assert_entities(
        c,
        "1741610177216459897",
        "hashtag",
        &[("nieuwjaar", None, None)],
    );

    let x3 = owner_tweet(
        c,
        "1728340918043482393",
        "repost",
        "2023-11-25T09:12:40Z",
        "RT @zoe_sunflower: Zoë's nieuwe moestuin 🥕🥬 #moestuin",
    );
    assert_eq!(x3.repost_of, None);
    assert_entities(
        c,
        "1728340918043482393",
        "mention",
        &[("zoe_sunflower", Some(&acc(ZOE)), None)],
    );
    assert_entities(
        c,
        "1728340918043482393",
        "hashtag",
        &[("moestuin", None, None)],
    );

    let x2 = owner_tweet(
        c,
        "1725899244154402225",
        "tweet",
        "2023-11-18T15:30:20Z",
        "京都的红叶真美 🍁 https://twitter.com/mariekedv/status/1725899244154402225/photo/1",
    );
    plain(&x2);
    assert_eq!(x2.lang.as_deref(), Some("zh"));
    assert_eq!(
        attached(c, "post", &pid("1725899244154402225")),
        [media_at(
            0,
            "1725899170512828915",
            "photo",
            Some("data/tweets_media/1725899244154402225-F_Ky0tO2WkAAbCd.jpg")
        )]
    );
    assert_eq!(
        remote_url(c, "tw:media:1725899170512828915").as_deref(),
        Some("https://pbs.twimg.com/media/F_Ky0tO2WkAAbCd.jpg")
    );

    let x1 = owner_tweet(
        c,
        "1311350280827691591",
        "tweet",
        "2020-09-30T17:00:45Z",
        "秋天到了，阿姆斯特丹的树叶开始变黄了 🍂 #秋天",
    );
    assert_eq!(x1.extra["favorite_count"], json!("9"));
}

#[test]
fn ytd_data_2024_community_circle_and_deleted_tweets() {
    let fx = Fixture::load("ytd-data-2024");
    let c = &fx.conn;
    let ct = owner_tweet(
        c,
        "1743633519986458957",
        "tweet",
        "2024-01-06T14:00:00Z",
        "Wie fietst er zaterdag mee? Vertrek 9:30 bij de molen #fietsen",
    );
    assert_eq!(ct.visibility.as_deref(), Some("community"));
    assert_eq!(ct.extra["community_id"], json!("1701234567890123456"));
    assert_entities(
        c,
        "1743633519986458957",
        "hashtag",
        &[("fietsen", None, None)],
    );

    let cr = owner_tweet(
        c,
        "1710027161625416347",
        "tweet",
        "2023-10-05T20:20:20Z",
        "Alleen voor vrienden: we krijgen een puppy! 🐶",
    );
    assert_eq!(cr.visibility.as_deref(), Some("circle"));

    let dt = owner_tweet(
        c,
        "1768743979687100877",
        "tweet",
        "2024-03-15T21:00:01Z",
        "Oeps, verkeerde foto 🙈 https://twitter.com/mariekedv/status/1768743979687100877/photo/1",
    );
    assert_eq!(dt.extra["deleted"], json!(true));
    // deleted-tweet-headers.js: deleted_at Fri Mar 15 21:02:44 +0000 2024.
    assert_eq!(dt.extra["deleted_at"], json!("2024-03-15T21:02:44Z"));
    assert_eq!(
        attached(c, "post", &pid("1768743979687100877")),
        [media_at(
            0,
            "1768743936454362415",
            "photo",
            Some("data/deleted_tweets_media/1768743979687100877-GIxYzAbWcAAq9Rt.jpg")
        )]
    );
}

#[test]
fn ytd_data_2024_accounts_relationships_and_likes() {
    let fx = Fixture::load("ytd-data-2024");
    let c = &fx.conn;
    assert_account(c, ZOE, Some("zoe_sunflower"), Some("Zoë 🌻"));
    assert_account(c, LAN, Some("lan_nguyen"), Some("Nguyễn Thị Lan"));
    for id_only in [JORG, MEILING, CLUB, KENJI, FATIMA, FAN3, SPAM] {
        assert_account(c, id_only, None, None);
    }
    assert_relationships(
        c,
        "follows",
        &followers_and_following(
            &[MEILING, LAN, ZOE, JORG, FATIMA, FAN3],
            &[MEILING, LAN, ZOE, KENJI, CLUB],
        ),
    );
    assert_relationships(c, "blocks", &outgoing("blocks", &[SPAM]));
    assert_relationships(c, "mutes", &[]);

    assert_like(
        c,
        "1728322632445203055",
        Some("Zoë's nieuwe moestuin 🥕🥬 #moestuin"),
    );
    assert_like(c, "1688777056494110197", Some("東京の夏は暑すぎる 🥵"));
    assert_like(
        c,
        "1746804413047206091",
        Some(
            "Mijn eerste marathon in Amsterdam! \u{1F3C3}\u{200D}\u{2640}\u{FE0F} 42,195 km & heel blij",
        ),
    );
    assert_like(c, "1756105741057704275", Some("新年快乐！🧧🐉"));
    assert_like(c, "1606620707343122427", None);
}

#[test]
fn ytd_data_2024_direct_messages() {
    let fx = Fixture::load("ytd-data-2024");
    let c = &fx.conn;
    let with_zoe = "113890157185681353-198826894152881265";
    let with_kenji = "113890157185681353-762561014408840507";
    assert_eq!(conversation(c, with_zoe), ("direct".into(), None));
    assert_eq!(conversation(c, with_kenji), ("direct".into(), None));
    assert_eq!(member_ids(c, with_zoe), ids(&[OWNER, ZOE]));
    assert_eq!(member_ids(c, with_kenji), ids(&[OWNER, KENJI]));

    assert_message(
        c,
        "1763641730177615303",
        with_zoe,
        OWNER,
        "2024-03-01T19:05:30.010Z",
        "Haha 😂 geweldig! Kijk: https://example.com/kat-in-de-moestuin",
    );
    assert_message(
        c,
        "1763641405310805075",
        with_zoe,
        ZOE,
        "2024-03-01T19:04:12.555Z",
        "Mijn kat heeft de moestuin ontdekt \u{1F408}\u{200D}\u{2B1B}\u{1F96C}",
    );
    assert_dm_reaction(
        c,
        "1763641611762264623",
        "funny",
        OWNER,
        "1763641405310805075",
        "2024-03-01T19:05:01.777Z",
    );
    assert_message(
        c,
        "1763640346438933069",
        with_zoe,
        OWNER,
        "2024-03-01T19:00:00.101Z",
        "Hoe gaat het met de moestuin? 🌱",
    );
    assert_message(
        c,
        "1774738496419186799",
        with_kenji,
        OWNER,
        "2024-04-01T10:00:05.250Z",
        "Welkom! Ik haal je op van Schiphol 🚆",
    );
    assert_dm_reaction(
        c,
        "1774746024146522505",
        "like",
        KENJI,
        "1774738496419186799",
        "2024-04-01T10:30:00.000Z",
    );
    assert_message(
        c,
        "1774561247861755791",
        with_kenji,
        KENJI,
        "2024-03-31T22:15:45.900Z",
        "来週アムステルダムに行きます！\u{1F1EF}\u{1F1F5}\u{2708}\u{FE0F}\u{1F1F3}\u{1F1F1}",
    );
}

#[test]
fn ytd_data_2024_group_conversation() {
    let fx = Fixture::load("ytd-data-2024");
    let c = &fx.conn;
    let group = "1642104516718337019";
    assert_eq!(
        conversation(c, group),
        ("group".into(), Some("Moestuinclub 🥕".into()))
    );
    let m = members(c, group);
    assert_eq!(
        m.keys().cloned().collect::<BTreeSet<_>>(),
        ids(&[ZOE, OWNER, FATIMA, LAN])
    );
    assert_eq!(
        m[LAN],
        (Some("2024-03-09T17:55:00.000Z".into()), None),
        "lan joined (participantsJoin)"
    );
    for member in [ZOE, OWNER, FATIMA] {
        assert_eq!(m[member].1, None, "{member} never left");
    }

    assert_message(
        c,
        "1770420019001641897",
        group,
        FATIMA,
        "2024-03-20T12:00:00.000Z",
        "Oogst van vandaag! https://twitter.com/messages/media/1770420019001641897",
    );
    assert_eq!(
        attached(c, "message", &msg("1770420019001641897")),
        [media_at(
            0,
            "1770420019002916745",
            "photo",
            Some("data/direct_messages_group_media/1770420019001641897-XyZ123ab.jpg")
        )]
    );
    assert_eq!(
        remote_url(c, "tw:media:1770420019002916745").as_deref(),
        Some(
            "https://ton.twitter.com/1.1/ton/data/dm/1770420019001641897/1770420019002916745/XyZ123ab.jpg"
        )
    );
    assert_message(
        c,
        "1766531899194905103",
        group,
        OWNER,
        "2024-03-09T18:30:00.000Z",
        "Ik neem courgettes mee 🥒",
    );
    assert_message(
        c,
        "1766524349445680501",
        group,
        LAN,
        "2024-03-09T18:00:00.000Z",
        "Tuyệt vời! 🌽",
    );
    assert_dm_reaction(
        c,
        "1766524601103579153",
        "excited",
        ZOE,
        "1766524349445680501",
        "2024-03-09T18:01:00.000Z",
    );
    assert_message(
        c,
        "1642104536561421437",
        group,
        ZOE,
        "2023-04-01T10:00:05.000Z",
        "Welkom allemaal in de groep 🌻",
    );
    assert_eq!(
        system_messages(c, group),
        [
            (Some(acc(ZOE)), Some("2023-04-01T10:00:00.000Z".into())),
            (Some(acc(ZOE)), Some("2024-03-09T17:55:00.000Z".into())),
            (Some(acc(OWNER)), Some("2024-03-10T09:00:00.000Z".into())),
        ]
    );
}

// ---------------------------------------------------------------------------------------
// 6. ytd-broken
// ---------------------------------------------------------------------------------------

#[test]
fn ytd_broken_imports_what_is_readable() {
    let fx = Fixture::load("ytd-broken");
    let c = &fx.conn;
    assert_eq!(
        totals(c),
        Totals {
            posts: 5,
            accounts: 3,
            owners: 1,
            relationships: 2,
            follows: 2,
            reactions: 2,
            likes: 2,
            ..Totals::default()
        }
    );
    assert_owner(c, "Marieke de Vries");
    assert_field(c, "email", &["marieke.devries@example.com"]);
    assert_account(c, ZOE, None, None);
    assert_account(c, FAN1, None, None);
    assert_relationships(c, "follows", &followers_and_following(&[ZOE, FAN1], &[]));

    plain(&owner_tweet(
        c,
        "1786319793565254267",
        "tweet",
        "2024-05-03T09:00:01Z",
        "Test één: dit bestand is heel.",
    ));
    plain(&owner_tweet(
        c,
        "1785957408290515161",
        "tweet",
        "2024-05-02T09:00:02Z",
        "Test twee & drie <ok>",
    ));
    plain(&owner_tweet(
        c,
        "1785595024394718409",
        "tweet",
        "2024-05-01T09:00:03Z",
        "Test drie 🌷",
    ));
    plain(&owner_tweet(
        c,
        "1785232641873165005",
        "tweet",
        "2024-04-30T09:00:04Z",
        "Deel 1, tweet A",
    ));
    plain(&owner_tweet(
        c,
        "1784870260049355787",
        "tweet",
        "2024-04-29T09:00:05Z",
        "Deel 1, tweet B 中文",
    ));

    assert_like(c, "1774738478569686327", Some("Eerste like 👍"));
    assert_like(c, "1775100866428898759", Some("Tweede like"));
    assert_eq!(
        count(
            c,
            "reactions",
            "target_post = 'tw:post:1775463252989913739'"
        ),
        0
    );
}

#[test]
fn ytd_broken_report() {
    let fx = Fixture::load("ytd-broken");
    let report = fx.report();
    assert_report_files(
        "ytd-broken",
        report,
        &[
            ("Your archive.html", SKIPPED),
            ("data/account.js", PARSED),
            ("data/brand-new-thing.js", &[Fate::Unknown]),
            ("data/follower.js", PARSED),
            ("data/like.js", &[Fate::Partial]),
            ("data/manifest.js", KNOWN),
            ("data/tweets-part1.js", PARSED),
            ("data/tweets.js", PARSED),
        ],
    );

    // The part the manifest lists but the archive lacks.
    let missing = diagnostics(report, "missing-part");
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert_eq!(missing[0].path.as_deref(), Some("data/tweets-part2.js"));
    assert!(!report.files.contains_key("data/tweets-part2.js"));

    // like.js ends inside its third record: 2 records, then a syntax error on its last line.
    let like = &report.files["data/like.js"];
    assert_eq!(like.records, 2);
    let syntax = diagnostics(report, "json-syntax");
    assert_eq!(syntax.len(), 1, "{syntax:?}");
    assert_eq!(syntax[0].path.as_deref(), Some("data/like.js"));
    let source = std::fs::read_to_string(dir("ytd-broken").join("data/like.js")).unwrap();
    let last_line = source.lines().count();
    assert!(
        source
            .lines()
            .last()
            .unwrap()
            .contains("Derde like, afgebr")
    );
    let locator = syntax[0].locator.as_deref().unwrap_or_default();
    assert!(
        locator.starts_with(&format!("line {last_line},")),
        "locator {locator:?} should name line {last_line}"
    );

    // An unknown data type, listed with its size.
    let unknown = &report.files["data/brand-new-thing.js"];
    let size = std::fs::metadata(dir("ytd-broken").join("data/brand-new-thing.js"))
        .unwrap()
        .len();
    assert_eq!(unknown.bytes, size);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.path.as_deref() == Some("data/brand-new-thing.js"))
    );
}

// ---------------------------------------------------------------------------------------
// Across fixtures
// ---------------------------------------------------------------------------------------

#[test]
fn overlapping_2020_and_2024_give_the_shared_tweet_once() {
    let imported = import(&[&dir("ytd-data-2020"), &dir("ytd-data-2024")]);
    let c = &imported.conn();
    assert_eq!(count(c, "posts", "native_id = '1311350280827691591'"), 1);
    let shared = owner_tweet(
        c,
        "1311350280827691591",
        "tweet",
        "2020-09-30T17:00:45Z",
        "秋天到了，阿姆斯特丹的树叶开始变黄了 🍂 #秋天",
    );
    // favorite_count drifted "7" → "9"; only the 2024 copy has edit_info.
    assert_eq!(shared.extra["favorite_count"], json!("9"));
    assert_eq!(
        shared.extra["edit_info"]["initial"]["editTweetIds"],
        json!(["1311350280827691591"])
    );
    assert_eq!(count(c, "posts", ""), 8 + 14 - 1);
    // The same two screen-name changes: the same three handle periods, once.
    assert_handle_history(c);
    assert_eq!(count(c, "imports", ""), 2);
}

#[test]
fn all_six_fixtures_in_one_database() {
    let paths: Vec<PathBuf> = FIXTURES.iter().map(|f| dir(f)).collect();
    let refs: Vec<&std::path::Path> = paths.iter().map(PathBuf::as_path).collect();
    let imported = import(&refs);
    let c = &imported.conn();
    assert_eq!(count(c, "imports", ""), 6);

    let broken: Vec<Vec<Option<String>>> = rows(
        c,
        "SELECT \"table\", CAST(rowid AS TEXT), parent, CAST(fkid AS TEXT)
         FROM pragma_foreign_key_check",
    );
    assert!(broken.is_empty(), "foreign keys: {broken:?}");

    // 7 + 5 + 5 + 8 + 14 + 5 posts, the shared tweet once.
    assert_eq!(count(c, "posts", ""), 43);
    // The whole cast, the owner once.
    assert_eq!(count(c, "accounts", ""), 15);
    assert_eq!(count(c, "accounts", "is_owner = 1"), 1);
    let handles = texts(
        c,
        "SELECT native_id || '=' || handle FROM accounts WHERE handle IS NOT NULL ORDER BY native_id",
    );
    let mut expected: Vec<String> = [
        (OWNER, "mariekedv"),
        (MEILING, "meiling_chen"),
        (LAN, "lan_nguyen"),
        (ZOE, "zoe_sunflower"),
        (JORG, "jmueller"),
        (CLUB, "adamfietsclub"),
    ]
    .iter()
    .map(|(id, h)| format!("{id}={h}"))
    .collect();
    expected.sort();
    assert_eq!(handles, expected, "handles revealed by some fixture");
    // Ids above 2^53 survive exactly.
    for id in [AARAV, FATIMA, FAN3, SPAM] {
        assert!(id.parse::<u64>().unwrap() > 1 << 53);
        assert_eq!(
            count(c, "accounts", &format!("native_id = '{id}'")),
            1,
            "{id}"
        );
    }
}

#[test]
fn every_file_of_every_fixture_is_in_the_report() {
    for name in FIXTURES {
        let imported = import(&[&dir(name)]);
        let report = &imported.reports[0];
        let on_disk = files_under(&dir(name));
        let reported: Vec<String> = report.files.keys().cloned().collect();
        assert_eq!(reported, on_disk, "{name}");
        for (path, file) in &report.files {
            let unknown_expected = name == "ytd-broken" && path == "data/brand-new-thing.js";
            assert_eq!(
                file.fate == Fate::Unknown,
                unknown_expected,
                "{name}: {path}"
            );
            assert_ne!(file.fate, Fate::Failed, "{name}: {path}");
        }
    }
}

#[test]
fn an_unreadable_dm_date_is_reported_and_kept_in_extra() {
    use freehold_model::Record;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    std::fs::write(
        dir.path().join("data/direct-messages.js"),
        r#"window.YTD.direct_messages.part0 = [ { "dmConversation": { "conversationId": "11-22",
  "messages": [ { "messageCreate": { "id": "901", "senderId": "11", "recipientId": "22",
    "text": "hi", "createdAt": "yesterday-ish", "mediaUrls": [],
    "reactions": [ { "senderId": "22", "reactionKey": "like", "eventId": "77", "createdAt": "soon" } ] } },
  { "participantsLeave": { "userIds": ["22"], "createdAt": "later" } } ] } } ]"#,
    )
    .unwrap();
    let (records, report) = freehold_twitter::parse_path(dir.path()).unwrap();
    let message = records
        .iter()
        .find_map(|r| match r {
            Record::Message(m) if m.native_id.as_deref() == Some("901") => Some(m),
            _ => None,
        })
        .expect("the message is imported");
    assert_eq!(message.sent_at, None);
    assert_eq!(
        message.extra.as_ref().and_then(|e| e.get("createdAt")),
        Some(&serde_json::json!("yesterday-ish"))
    );
    let reaction = records
        .iter()
        .find_map(|r| match r {
            Record::Reaction(x) => Some(x),
            _ => None,
        })
        .expect("the reaction is imported");
    assert_eq!(reaction.created_at, None);
    assert_eq!(
        reaction.extra.as_ref().and_then(|e| e.get("createdAt")),
        Some(&serde_json::json!("soon"))
    );
    let leave = records
        .iter()
        .find_map(|r| match r {
            Record::Message(m) if m.kind == "system" => Some(m),
            _ => None,
        })
        .expect("the leave event is a system message");
    assert_eq!(
        leave.extra.as_ref().and_then(|e| e.get("createdAt")),
        Some(&serde_json::json!("later"))
    );
    let bad_dates = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "bad-date")
        .count();
    assert_eq!(bad_dates, 3, "{:#?}", report.diagnostics);
}

#[test]
fn unreadable_dates_in_ytd_files_are_reported_and_a_follow_keeps_its_text() {
    use freehold_model::Record;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("account.js"),
        r#"window.YTD.account.part0 = [ { "account": { "accountId": "500", "username": "wren_o",
  "accountDisplayName": "Wren", "createdAt": "the spring of 2009" } } ]"#,
    )
    .unwrap();
    std::fs::write(
        data.join("follower.js"),
        r#"window.YTD.follower.part0 = [ { "follower": { "accountId": "600",
  "userLink": "https://twitter.com/intent/user?user_id=600", "createdAt": "long ago" } } ]"#,
    )
    .unwrap();
    std::fs::write(
        data.join("screen-name-change.js"),
        r#"window.YTD.screen_name_change.part0 = [ { "screenNameChange": { "accountId": "500",
  "screenNameChange": { "changedAt": "a tuesday", "changedFrom": "wren_old", "changedTo": "wren_o" } } } ]"#,
    )
    .unwrap();
    let (records, report) = freehold_twitter::parse_path(dir.path()).unwrap();
    let follow = records
        .iter()
        .find_map(|r| match r {
            Record::Relationship(x) if x.kind == "follows" => Some(x),
            _ => None,
        })
        .expect("the follow is imported");
    assert_eq!(follow.started_at, None);
    assert_eq!(
        follow.extra.as_ref().and_then(|e| e.get("createdAt")),
        Some(&serde_json::json!("long ago"))
    );
    let said: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "bad-date")
        .map(|d| d.message.as_str())
        .collect();
    for raw in ["the spring of 2009", "long ago", "a tuesday"] {
        assert!(
            said.iter().any(|m| m.contains(raw)),
            "{raw} is not reported: {said:#?}"
        );
    }
}

#[test]
fn a_like_or_follow_without_an_id_is_reported_not_dropped_in_silence() {
    use freehold_model::Record;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("account.js"),
        r#"window.YTD.account.part0 = [ { "account": { "accountId": "500", "username": "wren_o" } } ]"#,
    )
    .unwrap();
    std::fs::write(
        data.join("like.js"),
        r#"window.YTD.like.part0 = [
  { "like": { "tweetId": "1767479571159035733", "likedAt": "whenever" } },
  { "like": { "tweetId": true } },
  { "like": { "fullText": "no id at all" } } ]"#,
    )
    .unwrap();
    std::fs::write(
        data.join("following.js"),
        r#"window.YTD.following.part0 = [
  { "following": { "accountId": "600" } },
  { "following": { "userLink": "https://twitter.com/intent/user?user_id=" } } ]"#,
    )
    .unwrap();
    let (records, report) = freehold_twitter::parse_path(dir.path()).unwrap();
    let likes: Vec<_> = records
        .iter()
        .filter_map(|r| match r {
            Record::Reaction(x) if x.kind == "like" => Some(x),
            _ => None,
        })
        .collect();
    assert_eq!(
        likes.len(),
        1,
        "the like with an id is kept, no `tw:post:true`"
    );
    assert_eq!(
        likes[0].extra.as_ref().and_then(|e| e.get("likedAt")),
        Some(&serde_json::json!("whenever"))
    );
    let follows = records
        .iter()
        .filter(|r| matches!(r, Record::Relationship(x) if x.kind == "follows"))
        .count();
    assert_eq!(follows, 1);
    let mut no_id: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "no-id")
        .map(|d| d.path.as_deref().unwrap_or(""))
        .collect();
    no_id.sort_unstable();
    assert_eq!(
        no_id,
        ["data/following.js", "data/like.js", "data/like.js"],
        "{:#?}",
        report.diagnostics
    );
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.code == "bad-date" && d.message.contains("whenever"))
    );
}

#[test]
fn a_tweets_csv_row_without_tweet_id_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    for name in ["index.html", "tweets.csv"] {
        std::fs::copy(dir("grailbird-csv-2012").join(name), tmp.path().join(name)).unwrap();
    }
    let csv = tmp.path().join("tweets.csv");
    let mut text = std::fs::read_to_string(&csv).unwrap();
    text.push_str("\"\",\"\",\"\",\"\",\"\",\"2012-12-20 10:00:00 +0000\",\"web\",\"a row without its id\",\"\"\n");
    std::fs::write(&csv, text).unwrap();
    let (_, report) = freehold_twitter::parse_path(tmp.path()).unwrap();
    let no_id: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "no-id")
        .collect();
    assert_eq!(no_id.len(), 1, "{:#?}", report.diagnostics);
    assert_eq!(no_id[0].path.as_deref(), Some("tweets.csv"));
}
