//! Facebook: a "Download Your Information" JSON export of the current era (2024 on:
//! `personal_information/`, `connections/`, `your_facebook_activity/`), with every string
//! written the way Meta writes it (UTF-8 bytes as `\u00XX` escapes).
//!
//! `size` messages are spread over Messenger threads (default `max(1, size/200)`):
//! every thread gets one message, then half of the rest is shared evenly and half by a
//! Zipf law, so a few threads are long (the longest about 5 % of all messages) and are
//! split into `message_1.json` (newest), `message_2.json`, … of 10,000 messages each, as
//! Meta does. One thread in ten is a group chat; one in six sits in `archived_threads/`.
//! Messages carry reactions, photos (written to the thread's `photos/` folder), shared
//! links, calls and unsent messages. Posts (`size/100`, some with a photo, a link or a
//! place), friends (`size/1000`, at least 10) and the profile complete the export.

use std::collections::HashSet;
use std::io;

use crate::json::{JsonWriter, META};
use crate::output::{FileWriter, Output};
use crate::rng::{Rng, mix};
use crate::spec::Spec;
use crate::text::{self, CHINESE, Culture, DUTCH, NORDIC, POLISH, TURKISH, VIETNAMESE};
use crate::time;

const OWNER: &str = "Weronika Zielińska";
const OWNER_USERNAME: &str = "weronika.zielinska";
const ACTIVITY: &str = "your_facebook_activity";
const PEOPLE: &[&Culture] = &[&POLISH, &VIETNAMESE, &CHINESE, &DUTCH, &NORDIC, &TURKISH];
const POSTS_PER_FILE: u64 = 2000;

const WORDS: &[&str] = &[
    "cześć",
    "dzięki",
    "jutro",
    "kawa",
    "pierogi",
    "Kraków",
    "świetnie",
    "zdjęcie",
    "gdzie",
    "jesteś",
    "chào",
    "bạn",
    "khỏe",
    "không",
    "cảm",
    "ơn",
    "phở",
    "Hà",
    "Nội",
    "你好",
    "谢谢",
    "明天",
    "吃饭",
    "好的",
    "hoi",
    "gezellig",
    "tot",
    "straks",
    "ok",
    "haha",
    "see",
    "you",
    "tomorrow",
    "😊",
    "😂",
    "❤️",
    "👍",
    "🚲",
    "🇵🇱",
    "🍜",
    "\"cytat\"",
    "a/b",
];
const REACTIONS: &[&str] = &["❤", "😆", "😮", "😢", "😠", "👍", "😍"];
const GROUP_TITLES: &[(&str, &str)] = &[
    ("Rowerowy Kraków 🚴", "rowerowykrakow"),
    ("Phở thứ Sáu 🍜", "phothusau"),
    ("Rodzina ❤️", "rodzina"),
    ("Hội bạn thân", "hoibanthan"),
    ("周末爬山", "zhoumopashan"),
    ("Klasa 3B", "klasa3b"),
    ("Wyjazd do Zakopanego 🏔️", "wyjazddozakopanego"),
    ("Buren Utrecht", "burenutrecht"),
];
const PLACES: &[(&str, &str, &str)] = &[
    ("Rynek Główny", "50.0617", "19.9373"),
    ("Hồ Hoàn Kiếm", "21.0288", "105.8525"),
    ("Wawel", "50.0540", "19.9354"),
    ("全聚德", "39.8988", "116.3974"),
    ("Vondelpark", "52.3580", "4.8686"),
];
const LINK_NAMES: &[&str] = &[
    "Przepis na pierogi",
    "Phở ngon nhất Hà Nội",
    "Rowerem przez Małopolskę",
    "Kawa specialty w Krakowie",
];

/// How many of each thing a Facebook export holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacebookCounts {
    /// Messenger threads (one folder each).
    pub threads: u64,
    /// Of which group chats.
    pub group_threads: u64,
    /// Messages in all threads.
    pub messages: u64,
    /// `message_N.json` files.
    pub message_files: u64,
    /// Messages in the longest thread.
    pub longest_thread: u64,
    /// Thread members (participants, the owner included, summed over threads).
    pub thread_members: u64,
    /// Reactions on messages.
    pub message_reactions: u64,
    /// Photos sent in messages (each a file in the thread's `photos/`).
    pub message_photos: u64,
    /// Messages sharing a link.
    pub shares: u64,
    /// Call messages.
    pub calls: u64,
    /// Unsent messages.
    pub unsent: u64,
    /// Posts.
    pub posts: u64,
    /// Posts with a photo (each a file under `posts/media/`).
    pub post_photos: u64,
    /// Posts with a link.
    pub post_links: u64,
    /// Posts at a place.
    pub post_places: u64,
    /// Friends.
    pub friends: u64,
    /// Distinct people named (friends and thread members), the owner not included.
    pub people: u64,
}

impl FacebookCounts {
    pub(crate) fn items(&self) -> Vec<(&'static str, u64)> {
        vec![
            ("threads", self.threads),
            ("group_threads", self.group_threads),
            ("messages", self.messages),
            ("message_files", self.message_files),
            ("longest_thread", self.longest_thread),
            ("thread_members", self.thread_members),
            ("message_reactions", self.message_reactions),
            ("message_photos", self.message_photos),
            ("shares", self.shares),
            ("calls", self.calls),
            ("unsent", self.unsent),
            ("posts", self.posts),
            ("post_photos", self.post_photos),
            ("post_links", self.post_links),
            ("post_places", self.post_places),
            ("friends", self.friends),
            ("people", self.people),
        ]
    }

    pub(crate) fn expected_rows(&self) -> Vec<(&'static str, u64)> {
        vec![
            ("accounts", self.people + 1),
            ("relationships", self.friends),
            ("posts", self.posts),
            ("post_entities", self.post_links),
            ("conversations", self.threads),
            ("conversation_members", self.thread_members),
            ("messages", self.messages),
            ("reactions", self.message_reactions),
            ("media", self.message_photos + self.post_photos),
            ("attachments", self.message_photos + self.post_photos),
        ]
    }
}

/// Writes the export.
pub(crate) fn write(spec: &Spec, out: &mut Output) -> io::Result<FacebookCounts> {
    out.set_date((2025, 3, 1));
    let export = time::epoch(2025, 3, 1);
    let mut counts = FacebookCounts::default();
    let mut people: HashSet<u64> = HashSet::new();
    profile(out)?;
    counts.friends = (spec.size / 1000).max(10);
    friends(spec.seed, out, counts.friends, export)?;
    people.extend(0..counts.friends);
    posts(spec.seed, out, spec.size / 100, export, &mut counts)?;
    messenger(spec, out, export, &mut counts, &mut people)?;
    counts.people = people.len() as u64;
    Ok(counts)
}

fn person(k: u64) -> text::Name {
    text::name(k, PEOPLE)
}

fn profile(out: &mut Output) -> io::Result<()> {
    out.file(
        "personal_information/profile_information/profile_information.json",
        |w| {
            let mut j = JsonWriter::new(w, META, 0);
            j.begin_object()?;
            j.key("profile_v2")?;
            j.begin_object()?;
            j.key("name")?;
            j.begin_object()?;
            j.field_str("full_name", OWNER)?;
            j.field_str("first_name", "Weronika")?;
            j.field_str("middle_name", "")?;
            j.field_str("last_name", "Zielińska")?;
            j.end_object()?;
            j.key("emails")?;
            j.begin_object()?;
            j.field_strings("emails", &["weronika@example.com"])?;
            j.field_strings("previous_emails", &["w.zielinska@example.org"])?;
            j.field_strings("pending_emails", &[])?;
            j.field_strings("ad_account_emails", &[])?;
            j.end_object()?;
            j.key("birthday")?;
            j.begin_object()?;
            j.field_int("year", 1991)?;
            j.field_int("month", 9)?;
            j.field_int("day", 23)?;
            j.end_object()?;
            j.key("gender")?;
            j.begin_object()?;
            j.field_str("pronoun", "FEMALE")?;
            j.end_object()?;
            j.key("current_city")?;
            j.begin_object()?;
            j.field_str("name", "Kraków")?;
            j.field_int("timestamp", 1_600_000_000)?;
            j.end_object()?;
            j.key("hometown")?;
            j.begin_object()?;
            j.field_str("name", "Łódź")?;
            j.field_int("timestamp", 0)?;
            j.end_object()?;
            j.key("work_experiences")?;
            j.begin_array()?;
            j.begin_object()?;
            j.field_str("employer", "Kawiarnia Pod Żurawiem")?;
            j.field_str("title", "Baristka")?;
            j.field_str("location", "Kraków")?;
            j.field_int("start_timestamp", 1_420_070_400)?;
            j.field_int("end_timestamp", 1_577_836_800)?;
            j.end_object()?;
            j.end_array()?;
            j.key("education_experiences")?;
            j.begin_array()?;
            j.begin_object()?;
            j.field_str("name", "Uniwersytet Łódzki")?;
            j.field_int("start_timestamp", 1_254_355_200)?;
            j.field_int("end_timestamp", 1_404_172_800)?;
            j.field_bool("graduated", true)?;
            j.field_strings("concentrations", &["Filologia wietnamska"])?;
            j.field_str("school_type", "University")?;
            j.end_object()?;
            j.end_array()?;
            j.key("websites")?;
            j.begin_array()?;
            j.begin_object()?;
            j.field_str("address", "https://example.com/weronika")?;
            j.end_object()?;
            j.end_array()?;
            j.key("phone_numbers")?;
            j.begin_array()?;
            j.begin_object()?;
            j.field_str("phone_type", "Mobile")?;
            j.field_str("phone_number", "+48 600 000 001")?;
            j.field_bool("verified", true)?;
            j.end_object()?;
            j.end_array()?;
            j.field_str("username", OWNER_USERNAME)?;
            j.field_int("registration_timestamp", 1_230_768_000)?;
            j.field_str(
                "profile_uri",
                &format!("https://www.facebook.com/{OWNER_USERNAME}"),
            )?;
            j.end_object()?;
            j.end_object()
        },
    )
}

fn friends(seed: u64, out: &mut Output, n: u64, export: u64) -> io::Result<()> {
    let mut rng = Rng::stream(seed, 11);
    let start = time::epoch(2009, 1, 1);
    out.file("connections/friends/your_friends.json", |w| {
        let mut j = JsonWriter::new(w, META, 0);
        j.begin_object()?;
        j.key("friends_v2")?;
        j.begin_array()?;
        for k in 0..n {
            j.begin_object()?;
            j.field_str("name", &person(k).full)?;
            j.field_int("timestamp", rng.range(start, export - 86_400))?;
            j.end_object()?;
        }
        j.end_array()?;
        j.end_object()
    })
}

/// A media file to write once the JSON file that names it is finished.
struct Photo {
    path: String,
    label: String,
}

fn write_photos(out: &mut Output, photos: &mut Vec<Photo>) -> io::Result<()> {
    for p in photos.drain(..) {
        out.bytes(&p.path, &jpeg(&p.label))?;
    }
    Ok(())
}

fn posts(
    seed: u64,
    out: &mut Output,
    n: u64,
    export: u64,
    counts: &mut FacebookCounts,
) -> io::Result<()> {
    let mut rng = Rng::stream(seed, 12);
    counts.posts = n;
    let end = export - 3600;
    let start = time::epoch(2010, 1, 1);
    let step = ((end - start) / n.max(1)).max(1);
    let album = "Mobileuploads_7f3a";
    let mut photos = Vec::new();
    let mut text = String::new();
    let mut p = 0;
    let mut page = 1;
    while p < n {
        let path = format!("{ACTIVITY}/posts/your_posts__check_ins__photos_and_videos_{page}.json");
        out.file(&path, |w| {
            let mut j = JsonWriter::new(w, META, 0);
            j.begin_array()?;
            let last = (p + POSTS_PER_FILE).min(n);
            while p < last {
                // Newest first, one post per time slot.
                let ts = end - p * step - rng.below(step);
                let photo = p % 10 == 0;
                let link = p % 7 == 3;
                let place = (p % 13 == 5).then(|| rng.pick(PLACES));
                text.clear();
                text::words(&mut rng, WORDS, 3, 30, &mut text);
                j.begin_object()?;
                j.field_int("timestamp", ts)?;
                match place {
                    Some((name, _, _)) => {
                        j.field_str("title", &format!("{OWNER} was at {name}."))?
                    }
                    None => j.field_str("title", &format!("{OWNER} updated her status."))?,
                }
                j.key("data")?;
                j.begin_array()?;
                j.begin_object()?;
                j.field_str("post", &text)?;
                j.end_object()?;
                if p % 9 == 4 {
                    j.begin_object()?;
                    j.field_int("update_timestamp", ts + 60 + rng.below(86_400))?;
                    j.end_object()?;
                }
                j.end_array()?;
                if photo || link || place.is_some() {
                    j.key("attachments")?;
                    j.begin_array()?;
                    j.begin_object()?;
                    j.key("data")?;
                    j.begin_array()?;
                    if photo {
                        let uri = format!("{ACTIVITY}/posts/media/{album}/{}.jpg", 1000 + p);
                        j.begin_object()?;
                        j.key("media")?;
                        j.begin_object()?;
                        j.field_str("uri", &uri)?;
                        j.field_int("creation_timestamp", ts - 60)?;
                        j.field_str("title", "Mobile uploads")?;
                        j.field_str("description", &text)?;
                        j.key("media_metadata")?;
                        j.begin_object()?;
                        j.key("photo_metadata")?;
                        j.begin_object()?;
                        j.key("exif_data")?;
                        j.begin_array()?;
                        j.begin_object()?;
                        j.field_str("upload_ip", &format!("192.0.2.{}", 1 + p % 250))?;
                        j.field_int("taken_timestamp", ts - 600 - rng.below(3600))?;
                        j.end_object()?;
                        j.end_array()?;
                        j.end_object()?;
                        j.end_object()?;
                        j.end_object()?;
                        j.end_object()?;
                        photos.push(Photo {
                            path: uri,
                            label: format!("post {p}"),
                        });
                        counts.post_photos += 1;
                    }
                    if link {
                        j.begin_object()?;
                        j.key("external_context")?;
                        j.begin_object()?;
                        j.field_str("url", &format!("https://example.org/przepisy/{p}"))?;
                        j.field_str("name", rng.pick(LINK_NAMES))?;
                        j.end_object()?;
                        j.end_object()?;
                        counts.post_links += 1;
                    }
                    if let Some((name, lat, lon)) = place {
                        j.begin_object()?;
                        j.key("place")?;
                        j.begin_object()?;
                        j.field_str("name", name)?;
                        j.key("coordinate")?;
                        j.begin_object()?;
                        j.field_raw("latitude", lat)?;
                        j.field_raw("longitude", lon)?;
                        j.end_object()?;
                        j.end_object()?;
                        j.end_object()?;
                        counts.post_places += 1;
                    }
                    j.end_array()?;
                    j.end_object()?;
                    j.end_array()?;
                }
                j.end_object()?;
                p += 1;
            }
            j.end_array()
        })?;
        write_photos(out, &mut photos)?;
        page += 1;
    }
    Ok(())
}

/// How many messages each thread gets: one each, then half of the rest evenly and half
/// by a Zipf law (thread `t` in proportion to `1/(t+1)`). Integer arithmetic only.
fn thread_sizes(size: u64, threads: u64) -> Vec<u64> {
    if threads == 0 {
        return Vec::new();
    }
    let mut sizes = vec![1u64; threads as usize];
    let rest = size - threads;
    let even = rest / 2;
    let zipf = rest - even;
    for (t, s) in sizes.iter_mut().enumerate() {
        *s += even / threads + u64::from((t as u64) < even % threads);
    }
    let weights: Vec<u128> = (0..threads)
        .map(|t| (1u128 << 40) / u128::from(t + 1))
        .collect();
    let total: u128 = weights.iter().sum();
    let mut given = 0;
    for (s, w) in sizes.iter_mut().zip(&weights) {
        let share = (u128::from(zipf) * w / total) as u64;
        *s += share;
        given += share;
    }
    for s in sizes.iter_mut().take((zipf - given) as usize) {
        *s += 1;
    }
    sizes
}

/// One Messenger thread.
struct Thread {
    folder: String,
    section: &'static str,
    title: String,
    /// Participants; the owner is the last.
    members: Vec<String>,
    group: bool,
}

fn messenger(
    spec: &Spec,
    out: &mut Output,
    export: u64,
    counts: &mut FacebookCounts,
    people: &mut HashSet<u64>,
) -> io::Result<()> {
    let size = spec.size;
    let threads = spec
        .facebook_threads
        .unwrap_or((size / 200).max(1))
        .min(size);
    let per_file = spec.facebook_messages_per_file.max(1);
    let sizes = thread_sizes(size, threads);
    let mut rng = Rng::stream(spec.seed, 13);
    let base = time::epoch(2012, 1, 1) * 1000;
    let ticks = (export * 1000 - base) / threads.max(1);
    let mut g: u64 = 0;
    let mut photos = Vec::new();
    let mut content = String::new();
    for (t, &n) in sizes.iter().enumerate() {
        let t = t as u64;
        let thread = new_thread(&mut rng, t, people);
        counts.threads += 1;
        counts.group_threads += u64::from(thread.group);
        counts.thread_members += thread.members.len() as u64;
        counts.messages += n;
        counts.longest_thread = counts.longest_thread.max(n);
        // Newest first: from a random end, going back by random gaps; thread `t` only
        // uses milliseconds ≡ t (mod threads), so no two threads share a time.
        let mut tick = ticks / 2 + rng.below(ticks / 2);
        let gap = (tick / n).max(1);
        let dir = format!("{ACTIVITY}/messages/{}/{}", thread.section, thread.folder);
        let mut m = 0;
        let mut part = 1;
        while m < n {
            let path = format!("{dir}/message_{part}.json");
            out.file(&path, |w| {
                let mut j = JsonWriter::new(w, META, 0);
                j.begin_object()?;
                j.key("participants")?;
                j.begin_array()?;
                for name in &thread.members {
                    j.begin_object()?;
                    j.field_str("name", name)?;
                    j.end_object()?;
                }
                j.end_array()?;
                j.key("messages")?;
                j.begin_array()?;
                let last = (m + per_file).min(n);
                while m < last {
                    tick = tick.saturating_sub(1 + rng.below(gap)).max(n - m);
                    let ms = base + tick * threads + t;
                    message(
                        &mut j,
                        &mut rng,
                        &thread,
                        &dir,
                        g,
                        ms,
                        &mut content,
                        &mut photos,
                        counts,
                    )?;
                    m += 1;
                    g += 1;
                }
                j.end_array()?;
                j.field_str("title", &thread.title)?;
                j.field_bool("is_still_participant", true)?;
                j.field_str(
                    "thread_path",
                    &format!("{}/{}", thread.section, thread.folder),
                )?;
                j.key("magic_words")?;
                j.begin_array()?;
                j.end_array()?;
                j.end_object()
            })?;
            counts.message_files += 1;
            write_photos(out, &mut photos)?;
            part += 1;
        }
    }
    Ok(())
}

fn new_thread(rng: &mut Rng, t: u64, people: &mut HashSet<u64>) -> Thread {
    let group = t % 10 == 3;
    let section = if t % 6 == 5 {
        "archived_threads"
    } else {
        "inbox"
    };
    let id = 10_158_000_000_000 + t * 1000 + mix(t) % 1000;
    let mut members = Vec::new();
    let (title, ascii) = if group {
        let others = rng.range(2, 6);
        for k in t..t + others {
            people.insert(k);
            members.push(person(k).full);
        }
        let (title, ascii) = rng.pick(GROUP_TITLES);
        (title.to_string(), ascii.to_string())
    } else {
        people.insert(t);
        let p = person(t);
        members.push(p.full.clone());
        (p.full, p.ascii)
    };
    members.push(OWNER.to_string());
    Thread {
        folder: format!("{ascii}_{id}"),
        section,
        title,
        members,
        group,
    }
}

#[allow(clippy::too_many_arguments)]
fn message(
    j: &mut JsonWriter<&mut FileWriter<'_>>,
    rng: &mut Rng,
    thread: &Thread,
    dir: &str,
    g: u64,
    ms: u64,
    content: &mut String,
    photos: &mut Vec<Photo>,
    counts: &mut FacebookCounts,
) -> io::Result<()> {
    let owner = thread.members.len() - 1;
    let sender = if thread.group {
        rng.below(thread.members.len() as u64) as usize
    } else if rng.chance(1, 2) {
        owner
    } else {
        0
    };
    let unsent = g % 173 == 99;
    let call = !unsent && !thread.group && g % 131 == 7;
    let share = !unsent && !call && g % 97 == 41;
    let photo = !unsent && !call && !share && g % 211 == 17;
    j.begin_object()?;
    j.field_str("sender_name", &thread.members[sender])?;
    j.field_int("timestamp_ms", ms)?;
    content.clear();
    if call {
        if sender == owner {
            content.push_str(&format!("You called {}.", thread.members[0]));
        } else {
            content.push_str(&format!("{} called you.", thread.members[0]));
        }
        j.field_str("content", content)?;
        j.field_int("call_duration", rng.below(3600))?;
        counts.calls += 1;
    } else if photo {
        let uri = format!(
            "{dir}/photos/{}_{}.jpg",
            1_000_000 + g,
            100 + rng.below(900)
        );
        j.key("photos")?;
        j.begin_array()?;
        j.begin_object()?;
        j.field_str("uri", &uri)?;
        j.field_int("creation_timestamp", ms / 1000)?;
        j.end_object()?;
        j.end_array()?;
        photos.push(Photo {
            path: uri,
            label: format!("message {g}"),
        });
        counts.message_photos += 1;
    } else if !unsent {
        text::words(rng, WORDS, 1, 15, content);
        j.field_str("content", content)?;
        if share {
            j.key("share")?;
            j.begin_object()?;
            j.field_str("link", &format!("https://example.com/p/{g}"))?;
            j.field_str("share_text", rng.pick(LINK_NAMES))?;
            j.end_object()?;
            counts.shares += 1;
        }
    }
    if !unsent && !call && g % 23 == 5 {
        // One or two people other than the sender react, each once.
        let others: Vec<usize> = (0..thread.members.len()).filter(|&i| i != sender).collect();
        let n = if thread.group && others.len() > 1 && rng.chance(1, 2) {
            2
        } else {
            1
        };
        let first = rng.below(others.len() as u64) as usize;
        j.key("reactions")?;
        j.begin_array()?;
        for r in 0..n {
            let actor = others[(first + r) % others.len()];
            j.begin_object()?;
            j.field_str("reaction", rng.pick(REACTIONS))?;
            j.field_str("actor", &thread.members[actor])?;
            j.end_object()?;
        }
        j.end_array()?;
        counts.message_reactions += n as u64;
    }
    if unsent {
        j.field_bool("is_unsent", true)?;
        counts.unsent += 1;
    }
    j.field_bool("is_geoblocked_for_viewer", false)?;
    j.end_object()
}

/// A tiny valid baseline JPEG (an 8×8 grey square) whose comment segment carries
/// `label`, so that every photo file has its own bytes.
pub(crate) fn jpeg(label: &str) -> Vec<u8> {
    let mut b = Vec::with_capacity(220 + label.len());
    b.extend_from_slice(&[0xFF, 0xD8]); // SOI
    b.extend_from_slice(&[
        0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00,
        0x01, 0x00, 0x00,
    ]); // APP0 JFIF
    b.extend_from_slice(&[0xFF, 0xDB, 0x00, 0x43, 0x00]);
    b.extend_from_slice(&[1u8; 64]); // DQT: every quantiser 1
    b.extend_from_slice(&[
        0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00,
    ]); // SOF0: 8×8, one component
    for class in [0x00, 0x10] {
        // DHT: one code of length 1 for symbol 0 (DC "no change", AC end of block).
        b.extend_from_slice(&[0xFF, 0xC4, 0x00, 0x14, class, 0x01]);
        b.extend_from_slice(&[0u8; 15]);
        b.push(0x00);
    }
    let comment = label.as_bytes();
    let len = (comment.len() + 2).min(0xFFFF);
    b.extend_from_slice(&[0xFF, 0xFE, (len >> 8) as u8, len as u8]);
    b.extend_from_slice(&comment[..len - 2]); // COM
    b.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]); // SOS
    b.push(0x3F); // DC 0, EOB, padded with ones
    b.extend_from_slice(&[0xFF, 0xD9]); // EOI
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_sizes_add_up() {
        for (size, threads) in [(300, 1), (300, 7), (1_000_000, 5000), (10, 10), (57, 3)] {
            let sizes = thread_sizes(size, threads);
            assert_eq!(sizes.len() as u64, threads);
            assert_eq!(sizes.iter().sum::<u64>(), size, "{size} in {threads}");
            assert!(sizes.iter().all(|s| *s >= 1));
        }
        let sizes = thread_sizes(1_000_000, 5000);
        assert!(sizes[0] > 40_000, "the longest thread has {}", sizes[0]);
        assert!(sizes[4999] >= 100);
    }

    #[test]
    fn jpeg_is_framed() {
        let b = jpeg("x");
        assert_eq!(&b[..2], &[0xFF, 0xD8]);
        assert_eq!(&b[b.len() - 2..], &[0xFF, 0xD9]);
        assert_ne!(jpeg("a"), jpeg("b"));
    }
}
