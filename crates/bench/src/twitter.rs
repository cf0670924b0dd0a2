//! Twitter/X: the YTD archive in `data/` (2020 on), with the plural names X uses since
//! late 2022 or the singular names of 2020–2022.
//!
//! The X generator (it replaced an earlier Python script) keeps that script's proportions and content
//! shape, so numbers stay comparable: `size` tweets split into ~100 MB parts, followers
//! (`size/10`), following (`size/20`), likes (`size/2`) and direct messages (`size/10`, in
//! conversations of 50). Every 3rd tweet mentions someone, every 4th is a reply, every 5th
//! carries a link; the words mix Dutch, Vietnamese, Chinese, emoji and the HTML entities
//! X leaves in `full_text`. Unlike the script, dates are real calendar dates (the weekday
//! matches), tweets are newest first, and tweet ids are snowflakes of their dates.

use std::io::{self, Write};

use crate::json::{JsonWriter, TWITTER};
use crate::output::{FileWriter, Output};
use crate::rng::{Rng, mix};
use crate::spec::{Spec, TwitterEra};
use crate::text::{self, CHINESE, Culture, DUTCH, NORDIC, POLISH, TURKISH, VIETNAMESE};
use crate::time;

/// The archive owner's account id.
pub(crate) const OWNER: &str = "113890157185681353";
const OWNER_HANDLE: &str = "marithoekstra";
const OWNER_NAME: &str = "Marit Hoekstra 🚲";

/// The words tweets and messages are made of (those of the Python script).
const WORDS: &[&str] = &[
    "fiets",
    "gracht",
    "koffie",
    "rain",
    "tram",
    "🚲",
    "café",
    "陈",
    "Lan",
    "đường",
    "hello",
    "world",
    "archive",
    "freedom",
    "own",
    "your",
    "data",
    "&amp;",
    "&lt;3",
    "#rustlang",
];

const SOURCES: &[&str] = &[
    "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
    "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
    "<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>",
];
const LANGS: &[&str] = &["nl", "nl", "nl", "en", "und", "vi"];
const LINK_HOSTS: &[&str] = &["example.com", "example.org", "example.net"];
const PEOPLE: &[&Culture] = &[&DUTCH, &POLISH, &VIETNAMESE, &CHINESE, &NORDIC, &TURKISH];

/// Accounts mentioned or replied to are drawn from this many people (as in the script).
const MENTIONED: u64 = 5000;
const MENTION_BASE: u64 = 300_000_000_000_000_000;
const FOLLOWER_BASE: u64 = 400_000_000_000_000_000;
const FOLLOWING_BASE: u64 = 500_000_000_000_000_000;
const DM_PARTNER_BASE: u64 = 600_000_000_000_000_000;
const LIKED_BASE: u64 = 900_000_000_000_000_000;
const DMS_PER_CONVERSATION: u64 = 50;

/// Twitter's snowflake epoch (ms).
const SNOWFLAKE_EPOCH: u64 = 1_288_834_974_657;

/// How many of each thing a Twitter/X archive holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TwitterCounts {
    /// Tweets in `tweets.js` and its parts.
    pub tweets: u64,
    /// Files the tweets are split into (`tweets.js`, `tweets-part1.js`, …).
    pub tweet_files: u64,
    /// Tweets that reply to another account.
    pub replies: u64,
    /// Mentions (`entities.user_mentions`), one per mentioning tweet.
    pub mentions: u64,
    /// Links (`entities.urls`), one per linking tweet.
    pub links: u64,
    /// Followers (`follower.js`).
    pub followers: u64,
    /// Accounts followed (`following.js`).
    pub following: u64,
    /// Likes (`like.js`).
    pub likes: u64,
    /// Direct-message conversations (`direct-messages.js`).
    pub dm_conversations: u64,
    /// Direct messages.
    pub dm_messages: u64,
    /// Distinct accounts named anywhere, the owner included.
    pub accounts: u64,
}

impl TwitterCounts {
    pub(crate) fn items(&self) -> Vec<(&'static str, u64)> {
        vec![
            ("tweets", self.tweets),
            ("tweet_files", self.tweet_files),
            ("replies", self.replies),
            ("mentions", self.mentions),
            ("links", self.links),
            ("followers", self.followers),
            ("following", self.following),
            ("likes", self.likes),
            ("dm_conversations", self.dm_conversations),
            ("dm_messages", self.dm_messages),
            ("accounts", self.accounts),
        ]
    }

    pub(crate) fn expected_rows(&self) -> Vec<(&'static str, u64)> {
        vec![
            ("accounts", self.accounts),
            ("posts", self.tweets),
            ("post_entities", self.mentions + self.links),
            ("relationships", self.followers + self.following),
            ("reactions", self.likes),
            ("conversations", self.dm_conversations),
            ("conversation_members", 2 * self.dm_conversations),
            ("messages", self.dm_messages),
        ]
    }
}

/// One part file of a data type, for the manifest.
struct PartFile {
    path: String,
    global: String,
    count: u64,
}

/// Writes the archive.
pub(crate) fn write(spec: &Spec, out: &mut Output) -> io::Result<TwitterCounts> {
    let n = spec.size;
    // The tweets' file name (also their data type in the manifest), media folder and
    // export date.
    let (tweet_stem, media_dir, (y, m, d)) = match spec.twitter_era {
        TwitterEra::Plural => ("tweets", "tweets_media", (2024, 11, 15)),
        TwitterEra::Singular => ("tweet", "tweet_media", (2021, 10, 10)),
    };
    out.set_date((y, m, d));
    let export = time::epoch(i64::from(y), u32::from(m), u32::from(d));
    let part_bytes = spec.twitter_part_bytes.max(1);
    let mut counts = TwitterCounts::default();
    let mut types: Vec<(&str, Option<String>, Vec<PartFile>)> = Vec::new();

    out.bytes("Your archive.html", VIEWER.as_bytes())?;
    out.bytes("data/README.txt", README.as_bytes())?;

    let account = ytd(out, "account", 1, part_bytes, |_, j| {
        j.begin_object()?;
        j.key("account")?;
        j.begin_object()?;
        j.field_str("email", "marit.hoekstra@example.com")?;
        j.field_str("createdVia", "web")?;
        j.field_str("username", OWNER_HANDLE)?;
        j.field_str("accountId", OWNER)?;
        j.field_str("createdAt", "2009-02-12T12:50:19.000Z")?;
        j.field_str("accountDisplayName", OWNER_NAME)?;
        j.end_object()?;
        j.end_object()
    })?;
    types.push(("account", None, account));

    // Tweets, newest first, one per time slot of an even share of 2011 – the export.
    let mut rng = Rng::stream(spec.seed, 1);
    let mut mentioned = vec![false; MENTIONED as usize];
    let start_ms = time::epoch(2011, 1, 1) * 1000;
    let end_ms = (export - 86_400) * 1000;
    let step = ((end_ms - start_ms) / n.max(1)).max(1);
    let mut buf = Tweet::default();
    let tweets = ytd(out, tweet_stem, n, part_bytes, |i, j| {
        let ms = end_ms - i * step - rng.below(step);
        buf.fill(&mut rng, i, ms);
        if buf.mention.is_some() || buf.reply.is_some() {
            mentioned[(i % MENTIONED) as usize] = true;
        }
        counts.mentions += u64::from(buf.mention.is_some());
        counts.replies += u64::from(buf.reply.is_some());
        counts.links += u64::from(buf.link.is_some());
        buf.write(j)
    })?;
    counts.tweets = n;
    counts.tweet_files = tweets.len() as u64;
    types.push((tweet_stem, Some(format!("data/{media_dir}")), tweets));

    counts.followers = n / 10;
    let followers = ytd(out, "follower", counts.followers, part_bytes, |i, j| {
        relation(j, "follower", FOLLOWER_BASE + i)
    })?;
    types.push(("follower", None, followers));
    counts.following = n / 20;
    let following = ytd(out, "following", counts.following, part_bytes, |i, j| {
        relation(j, "following", FOLLOWING_BASE + i)
    })?;
    types.push(("following", None, following));

    counts.likes = n / 2;
    let mut rng = Rng::stream(spec.seed, 2);
    let mut text = String::new();
    let likes = ytd(out, "like", counts.likes, part_bytes, |i, j| {
        let id = LIKED_BASE + i * 7 + rng.below(7);
        text.clear();
        text::words(&mut rng, WORDS, 3, 25, &mut text);
        j.begin_object()?;
        j.key("like")?;
        j.begin_object()?;
        j.field_str("tweetId", &id.to_string())?;
        j.field_str("fullText", &text)?;
        j.field_str(
            "expandedUrl",
            &format!("https://twitter.com/i/web/status/{id}"),
        )?;
        j.end_object()?;
        j.end_object()
    })?;
    types.push(("like", None, likes));

    counts.dm_messages = n / 10;
    counts.dm_conversations = counts.dm_messages.div_ceil(DMS_PER_CONVERSATION);
    let dms = direct_messages(spec.seed, out, &counts, export, part_bytes)?;
    types.push((
        "directMessages",
        Some("data/direct_messages_media".into()),
        dms,
    ));

    counts.accounts = 1
        + counts.followers
        + counts.following
        + counts.dm_conversations
        + mentioned.iter().filter(|m| **m).count() as u64;

    if spec.twitter_manifest {
        manifest(out, &types, export)?;
    }
    Ok(counts)
}

/// Writes one data type as `data/<stem>.js`, `data/<stem>-part1.js`, … (a new part once
/// one holds `part_bytes`), each `window.YTD.<stem with _>.partN = [ … ]`. `element(i, w)`
/// writes element `i` of `count`. Returns the files written.
fn ytd(
    out: &mut Output,
    stem: &str,
    count: u64,
    part_bytes: u64,
    mut element: impl FnMut(u64, &mut JsonWriter<&mut FileWriter<'_>>) -> io::Result<()>,
) -> io::Result<Vec<PartFile>> {
    let global = stem.replace('-', "_");
    let mut files = Vec::new();
    let mut i = 0;
    let mut part = 0;
    loop {
        let path = if part == 0 {
            format!("data/{stem}.js")
        } else {
            format!("data/{stem}-part{part}.js")
        };
        let first = i;
        out.file(&path, |w| {
            write!(w, "window.YTD.{global}.part{part} = [")?;
            if count == 0 {
                return w.write_all(b" ]");
            }
            let mut j = JsonWriter::new(&mut *w, TWITTER, 1);
            loop {
                j.get_mut()
                    .write_all(if i == first { b"\n  " } else { b",\n  " })?;
                element(i, &mut j)?;
                i += 1;
                if i == count || j.get_mut().bytes() >= part_bytes {
                    break;
                }
            }
            w.write_all(b"\n]")
        })?;
        files.push(PartFile {
            path,
            global: format!("YTD.{global}.part{part}"),
            count: i - first,
        });
        part += 1;
        if i >= count {
            return Ok(files);
        }
    }
}

fn relation(j: &mut JsonWriter<&mut FileWriter<'_>>, key: &str, id: u64) -> io::Result<()> {
    j.begin_object()?;
    j.key(key)?;
    j.begin_object()?;
    j.field_str("accountId", &id.to_string())?;
    j.field_str(
        "userLink",
        &format!("https://twitter.com/intent/user?user_id={id}"),
    )?;
    j.end_object()?;
    j.end_object()
}

/// Another account, as a tweet names it.
struct Person {
    id: String,
    handle: String,
    name: String,
}

fn person(k: u64) -> Person {
    let name = text::name(k, PEOPLE);
    let prefix: String = name.ascii.chars().take(10).collect();
    Person {
        id: (MENTION_BASE + k).to_string(),
        handle: format!("{prefix}{k}"),
        name: name.full,
    }
}

/// One tweet being written (buffers reused from tweet to tweet).
#[derive(Default)]
struct Tweet {
    id: String,
    created_at: String,
    editable_until: String,
    text: String,
    chars: u64,
    display_start: u64,
    mention: Option<(Person, u64)>,
    link: Option<(String, String, String, u64, u64)>,
    reply: Option<(String, Person)>,
    favorites: u64,
    retweets: u64,
    source: &'static str,
    lang: &'static str,
}

impl Tweet {
    fn fill(&mut self, rng: &mut Rng, i: u64, ms: u64) {
        self.id = (((ms - SNOWFLAKE_EPOCH) << 22) | (mix(i) & 0x3F_FFFF)).to_string();
        self.created_at.clear();
        time::twitter(ms / 1000, &mut self.created_at);
        self.editable_until.clear();
        time::iso_ms(ms + 3_600_000, &mut self.editable_until);
        self.text.clear();
        self.display_start = 0;
        let k = i % MENTIONED;
        self.mention = i.is_multiple_of(3).then(|| {
            let p = person(k);
            self.text.push('@');
            self.text.push_str(&p.handle);
            let end = self.text.chars().count() as u64;
            self.text.push(' ');
            (p, end)
        });
        self.reply = (i % 4 == 1).then(|| {
            let parent = ms - 60_000 - rng.below(86_400_000);
            let parent_id = ((parent - SNOWFLAKE_EPOCH) << 22) | (rng.next_u64() & 0x3F_FFFF);
            (parent_id.to_string(), person(k))
        });
        if let (Some(_), Some((_, end))) = (&self.reply, &self.mention) {
            // A reply's visible text starts after the `@handle ` it answers.
            self.display_start = end + 1;
        }
        text::words(rng, WORDS, 5, 30, &mut self.text);
        self.link = i.is_multiple_of(5).then(|| {
            let mut short = String::from("https://t.co/");
            text::code(rng, 10, &mut short);
            let host = rng.pick(LINK_HOSTS);
            let mut path = String::new();
            text::code(rng, 8, &mut path);
            let expanded = format!("https://{host}/{i}/{path}");
            let display = format!("{host}/{i}/{}…", &path[..4]);
            self.text.push(' ');
            let start = self.text.chars().count() as u64;
            self.text.push_str(&short);
            let end = start + short.chars().count() as u64;
            (short, expanded, display, start, end)
        });
        self.chars = self.text.chars().count() as u64;
        self.favorites = rng.below(17).pow(2) / 8;
        self.retweets = rng.below(9).pow(2) / 16;
        self.source = rng.pick(SOURCES);
        self.lang = rng.pick(LANGS);
    }

    fn write(&self, j: &mut JsonWriter<&mut FileWriter<'_>>) -> io::Result<()> {
        j.begin_object()?;
        j.key("tweet")?;
        j.begin_object()?;
        j.key("edit_info")?;
        j.begin_object()?;
        j.key("initial")?;
        j.begin_object()?;
        j.field_strings("editTweetIds", &[&self.id])?;
        j.field_str("editableUntil", &self.editable_until)?;
        j.field_str("editsRemaining", "5")?;
        j.field_bool("isEditEligible", false)?;
        j.end_object()?;
        j.end_object()?;
        j.field_bool("retweeted", false)?;
        j.field_str("source", self.source)?;
        j.key("entities")?;
        j.begin_object()?;
        j.key("hashtags")?;
        j.begin_array()?;
        j.end_array()?;
        j.key("symbols")?;
        j.begin_array()?;
        j.end_array()?;
        j.key("user_mentions")?;
        j.begin_array()?;
        if let Some((p, end)) = &self.mention {
            j.begin_object()?;
            j.field_str("name", &p.name)?;
            j.field_str("screen_name", &p.handle)?;
            j.field_strings("indices", &["0", &end.to_string()])?;
            j.field_str("id_str", &p.id)?;
            j.field_str("id", &p.id)?;
            j.end_object()?;
        }
        j.end_array()?;
        j.key("urls")?;
        j.begin_array()?;
        if let Some((short, expanded, display, start, end)) = &self.link {
            j.begin_object()?;
            j.field_str("url", short)?;
            j.field_str("expanded_url", expanded)?;
            j.field_str("display_url", display)?;
            j.field_strings("indices", &[&start.to_string(), &end.to_string()])?;
            j.end_object()?;
        }
        j.end_array()?;
        j.end_object()?;
        j.field_strings(
            "display_text_range",
            &[&self.display_start.to_string(), &self.chars.to_string()],
        )?;
        j.field_str("favorite_count", &self.favorites.to_string())?;
        if let Some((parent, p)) = &self.reply {
            j.field_str("in_reply_to_status_id_str", parent)?;
            j.field_str("id_str", &self.id)?;
            j.field_str("in_reply_to_user_id", &p.id)?;
        } else {
            j.field_str("id_str", &self.id)?;
        }
        j.field_bool("truncated", false)?;
        j.field_str("retweet_count", &self.retweets.to_string())?;
        j.field_str("id", &self.id)?;
        if let Some((parent, _)) = &self.reply {
            j.field_str("in_reply_to_status_id", parent)?;
        }
        j.field_str("created_at", &self.created_at)?;
        j.field_bool("favorited", false)?;
        j.field_str("full_text", &self.text)?;
        j.field_str("lang", self.lang)?;
        if let Some((_, p)) = &self.reply {
            j.field_str("in_reply_to_screen_name", &p.handle)?;
            j.field_str("in_reply_to_user_id_str", &p.id)?;
        }
        j.end_object()?;
        j.end_object()
    }
}

/// `direct-messages.js`: 1:1 conversations of 50 messages with one partner each, newest
/// first. Times are unique across conversations (conversation `c` of `C` only uses
/// milliseconds ≡ `c` mod `C`), so every message id, a snowflake of its time, is unique.
fn direct_messages(
    seed: u64,
    out: &mut Output,
    counts: &TwitterCounts,
    export: u64,
    part_bytes: u64,
) -> io::Result<Vec<PartFile>> {
    let mut rng = Rng::stream(seed, 3);
    let convs = counts.dm_conversations;
    let total = counts.dm_messages;
    let base = time::epoch(2014, 1, 1) * 1000;
    let ticks = (export * 1000 - base) / convs.max(1);
    let mut text = String::new();
    let mut at = String::new();
    ytd(out, "direct-messages", convs, part_bytes, |c, j| {
        let other = (DM_PARTNER_BASE + c).to_string();
        let n = (total - c * DMS_PER_CONVERSATION).min(DMS_PER_CONVERSATION);
        // Newest first: from a random end, going back by random gaps.
        let mut tick = ticks / 2 + rng.below(ticks / 2);
        j.begin_object()?;
        j.key("dmConversation")?;
        j.begin_object()?;
        j.field_str("conversationId", &format!("{OWNER}-{other}"))?;
        j.key("messages")?;
        j.begin_array()?;
        for m in 0..n {
            let gap = 1 + rng.below((ticks / 1000).max(1));
            tick = tick.saturating_sub(gap).max(n - m);
            let ms = base + tick * convs + c;
            let id = ((ms - SNOWFLAKE_EPOCH) << 22) | (rng.next_u64() & 0x3F_FFFF);
            let from_owner = rng.chance(1, 2);
            let (sender, recipient) = if from_owner {
                (OWNER, other.as_str())
            } else {
                (other.as_str(), OWNER)
            };
            text.clear();
            text.push_str("bericht");
            text::words(&mut rng, WORDS, 3, 20, &mut text);
            at.clear();
            time::iso_ms(ms, &mut at);
            j.begin_object()?;
            j.key("messageCreate")?;
            j.begin_object()?;
            j.field_str("recipientId", recipient)?;
            j.key("reactions")?;
            j.begin_array()?;
            j.end_array()?;
            j.key("urls")?;
            j.begin_array()?;
            j.end_array()?;
            j.field_str("text", &text)?;
            j.key("mediaUrls")?;
            j.begin_array()?;
            j.end_array()?;
            j.field_str("senderId", sender)?;
            j.field_str("id", &id.to_string())?;
            j.field_str("createdAt", &at)?;
            j.end_object()?;
            j.end_object()?;
        }
        j.end_array()?;
        j.end_object()?;
        j.end_object()
    })
}

/// `data/manifest.js`: every data type with its files and record counts.
fn manifest(
    out: &mut Output,
    types: &[(&str, Option<String>, Vec<PartFile>)],
    export: u64,
) -> io::Result<()> {
    let mut generated = String::new();
    time::iso_ms(export * 1000 + 34_000_344, &mut generated);
    out.file("data/manifest.js", |w| {
        w.write_all(b"window.__THAR_CONFIG = ")?;
        let mut j = JsonWriter::new(&mut *w, TWITTER, 0);
        j.begin_object()?;
        j.key("userInfo")?;
        j.begin_object()?;
        j.field_str("accountId", OWNER)?;
        j.field_str("userName", OWNER_HANDLE)?;
        j.field_str("displayName", OWNER_NAME)?;
        j.end_object()?;
        j.key("archiveInfo")?;
        j.begin_object()?;
        j.field_str("generationDate", &generated)?;
        j.field_bool("isPartialArchive", false)?;
        j.field_str("maxPartSizeBytes", "53687091200")?;
        j.end_object()?;
        j.key("readmeInfo")?;
        j.begin_object()?;
        j.field_str("fileName", "data/README.txt")?;
        j.field_str("directory", "data/")?;
        j.field_str("name", "README.txt")?;
        j.end_object()?;
        j.key("dataTypes")?;
        j.begin_object()?;
        for (name, media, files) in types {
            j.key(name)?;
            j.begin_object()?;
            if let Some(dir) = media {
                j.field_str("mediaDirectory", dir)?;
            }
            j.key("files")?;
            j.begin_array()?;
            for f in files {
                j.begin_object()?;
                j.field_str("fileName", &f.path)?;
                j.field_str("globalName", &f.global)?;
                j.field_str("count", &f.count.to_string())?;
                j.end_object()?;
            }
            j.end_array()?;
            j.end_object()?;
        }
        j.end_object()?;
        j.end_object()
    })
}

const VIEWER: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Your archive</title></head>\n<body><p>The offline viewer of this synthetic archive is not included; the data is in data/.</p></body>\n</html>\n";

const README: &str = "This is a synthetic archive written by freehold-gen for benchmarking.\n\
Everything in it is invented. The data files are in the same format as those of a real\n\
X archive: one JavaScript assignment of a JSON array per data type, split into parts\n\
(name-part1.js, ...) when large.\n";
