//! LinkedIn: a "Complete" export of the current era (March 2026 on): `Connections.csv`
//! with its `Notes:` preamble and `URL` column, a fully quoted `messages.csv` with
//! attachment and draft columns, member-id suffixes on the activity files
//! (`Shares_<id>.csv`, …), and the profile and career files.
//!
//! `size` connections (newest first; one row in 500 is a hidden member with only a date),
//! `size/2` messages in conversations of 1–19 (one in twelve a titled group, one in twenty
//! an InMail from a recruiter who is not a connection), a dropped draft after every
//! 1,000th message, `size/50` invitations, `size/100` shares and comments and `size/20`
//! reactions.

use std::io::{self, Write};

use crate::output::Output;
use crate::rng::{Rng, mix};
use crate::spec::Spec;
use crate::text::{self, CHINESE, Culture, DUTCH, NORDIC, POLISH, TURKISH, VIETNAMESE};
use crate::time;

const OWNER_FIRST: &str = "Jeroen";
const OWNER_LAST: &str = "Kuipers";
const OWNER_SLUG: &str = "jeroen-kuipers-3b7a";
const MEMBER_ID: &str = "804417263";
const PEOPLE: &[&Culture] = &[&DUTCH, &POLISH, &NORDIC, &TURKISH, &VIETNAMESE, &CHINESE];

/// A hidden member every this many connection rows.
const HIDDEN_EVERY: u64 = 500;

const NOTES: &str = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more here https://www.linkedin.com/help/linkedin/answer/261\"\n\n";

const COMPANIES: &[&str] = &[
    "Kanaalhuis",
    "Polderdata B.V.",
    "Wisła Systems",
    "Nordlys Analytics",
    "Bosporus Software",
    "Sông Hồng Tech",
    "Tulp & Co",
    "Example Labs, Inc.",
    "Grachtengordel Consultancy",
    "長城 Cloud",
];
const POSITIONS: &[&str] = &[
    "Data Engineer",
    "Product Manager",
    "Software Engineer",
    "Engineer, Data Platform",
    "Head of Product",
    "UX Designer",
    "Recruiter",
    "CTO",
    "Analyst",
    "Teamlead \"Core\"",
];
const WORDS: &[&str] = &[
    "Hi",
    "thanks",
    "for",
    "connecting",
    "koffie",
    "volgende",
    "week",
    "the",
    "pipeline",
    "is",
    "green",
    "again",
    "great",
    "talk",
    "yesterday,",
    "let's",
    "sync",
    "dank",
    "je",
    "wel",
    "dziękuję",
    "cảm ơn",
    "👍",
    "🙂",
    "roadmap",
    "Q3",
    "deadline",
    "\"urgent\"",
];
const GROUP_TITLES: &[&str] = &[
    "Team Kaart",
    "Data Guild",
    "Offsite 2025 🚀",
    "Hackathon, Utrecht",
];
const REACTION_TYPES: &[&str] = &["LIKE", "PRAISE", "EMPATHY", "INTEREST", "APPRECIATION"];

/// How many of each thing a LinkedIn export holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkedinCounts {
    /// Rows of `Connections.csv`, hidden members included.
    pub connections: u64,
    /// Rows of hidden members (a date only; no person).
    pub hidden_connections: u64,
    /// Invitations (people who are not connections).
    pub invitations: u64,
    /// Messages (drafts not included).
    pub messages: u64,
    /// Draft rows (`IS MESSAGE DRAFT` = Yes), which an importer drops.
    pub drafts: u64,
    /// Conversations.
    pub conversations: u64,
    /// Conversation members, the owner included, summed over conversations.
    pub conversation_members: u64,
    /// Recruiters who wrote an InMail (not connections).
    pub recruiters: u64,
    /// Attachment URLs in messages.
    pub attachments: u64,
    /// Shares.
    pub shares: u64,
    /// Comments.
    pub comments: u64,
    /// Reactions.
    pub reactions: u64,
    /// Companies followed.
    pub company_follows: u64,
    /// Positions.
    pub positions: u64,
    /// Schools.
    pub education: u64,
    /// Skills.
    pub skills: u64,
}

impl LinkedinCounts {
    pub(crate) fn items(&self) -> Vec<(&'static str, u64)> {
        vec![
            ("connections", self.connections),
            ("hidden_connections", self.hidden_connections),
            ("invitations", self.invitations),
            ("messages", self.messages),
            ("drafts", self.drafts),
            ("conversations", self.conversations),
            ("conversation_members", self.conversation_members),
            ("recruiters", self.recruiters),
            ("attachments", self.attachments),
            ("shares", self.shares),
            ("comments", self.comments),
            ("reactions", self.reactions),
            ("company_follows", self.company_follows),
            ("positions", self.positions),
            ("education", self.education),
            ("skills", self.skills),
        ]
    }

    pub(crate) fn expected_rows(&self) -> Vec<(&'static str, u64)> {
        let visible = self.connections - self.hidden_connections;
        vec![
            ("accounts", 1 + visible + self.recruiters + self.invitations),
            ("relationships", visible + self.invitations),
            ("conversations", self.conversations),
            ("conversation_members", self.conversation_members),
            ("messages", self.messages),
            ("media", self.attachments),
            ("attachments", self.attachments),
            ("posts", self.shares + self.comments),
            ("reactions", self.reactions),
            ("experiences", self.positions + self.education),
            ("groups", self.company_follows),
            ("group_members", self.company_follows),
        ]
    }
}

/// A position of the owner: company, title, place, start and end (year, month).
type Position = (
    &'static str,
    &'static str,
    &'static str,
    (i64, u32),
    Option<(i64, u32)>,
);

/// A person of the export.
struct Person {
    first: String,
    last: String,
    full: String,
    slug: String,
    url: String,
}

/// A one-to-one scramble of 32 bits, for profile-URL suffixes.
fn scramble(k: u64) -> u32 {
    let mut x = (k as u32).wrapping_mul(0x9E37_79B1);
    x ^= x >> 16;
    x = x.wrapping_mul(0x85EB_CA6B);
    x ^ (x >> 13)
}

fn person(k: u64) -> Person {
    let name = text::name(k, PEOPLE);
    let slug = format!("{}-{:08x}", name.ascii, scramble(k));
    Person {
        url: format!("https://www.linkedin.com/in/{slug}"),
        slug,
        first: name.given,
        last: name.family,
        full: name.full,
    }
}

fn owner_url() -> String {
    format!("https://www.linkedin.com/in/{OWNER_SLUG}")
}

fn owner_name() -> String {
    format!("{OWNER_FIRST} {OWNER_LAST}")
}

/// Writes one CSV field: quoted when `quote` is set or the value needs it.
fn field(w: &mut impl Write, value: &str, quote: bool) -> io::Result<()> {
    if quote || value.contains([',', '"', '\n', '\r']) {
        w.write_all(b"\"")?;
        let mut parts = value.split('"');
        if let Some(first) = parts.next() {
            w.write_all(first.as_bytes())?;
        }
        for part in parts {
            w.write_all(b"\"\"")?;
            w.write_all(part.as_bytes())?;
        }
        w.write_all(b"\"")
    } else {
        w.write_all(value.as_bytes())
    }
}

/// Writes one CSV row (LF line end).
fn row(w: &mut impl Write, values: &[&str], quote: bool) -> io::Result<()> {
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        field(w, v, quote)?;
    }
    w.write_all(b"\n")
}

/// Writes the export.
pub(crate) fn write(spec: &Spec, out: &mut Output) -> io::Result<LinkedinCounts> {
    out.set_date((2026, 4, 17));
    let export = time::epoch(2026, 4, 17);
    let n = spec.size;
    let mut counts = LinkedinCounts::default();
    profile(out, &mut counts)?;
    connections(spec.seed, out, n, export, &mut counts)?;
    messages(spec.seed, out, n, export, &mut counts)?;
    invitations(spec.seed, out, n, export, &mut counts)?;
    activity(spec.seed, out, n, export, &mut counts)?;
    Ok(counts)
}

fn profile(out: &mut Output, counts: &mut LinkedinCounts) -> io::Result<()> {
    out.file("Profile.csv", |w| {
        row(
            w,
            &[
                "First Name",
                "Last Name",
                "Maiden Name",
                "Address",
                "Birth Date",
                "Headline",
                "Summary",
                "Industry",
                "Zip Code",
                "Geo Location",
                "Twitter Handles",
                "Websites",
                "Instant Messengers",
            ],
            false,
        )?;
        // LinkedIn leaves out the newline after the last row.
        for (i, v) in [
            OWNER_FIRST,
            OWNER_LAST,
            "",
            "",
            "",
            "Staff data engineer | maps, pipelines & people",
            "",
            "Software Development",
            "",
            "Utrecht, Utrecht, Netherlands",
            "",
            "",
            "",
        ]
        .iter()
        .enumerate()
        {
            if i > 0 {
                w.write_all(b",")?;
            }
            field(w, v, false)?;
        }
        Ok(())
    })?;
    out.file("Profile Summary.csv", |w| {
        row(w, &["Profile Summary"], false)?;
        row(
            w,
            &["Building data platforms since 2009.\nLikes \"boring\" technology, bikes and maps."],
            false,
        )
    })?;
    out.file("PhoneNumbers.csv", |w| {
        row(w, &["Extension", "Number", "Type"], false)?;
        row(w, &["", "+31 6 00000001", "Mobile"], false)
    })?;
    let registered = time::epoch(2009, 11, 24) + 18 * 3600 + 56 * 60;
    let mut at = String::new();
    time::us_short(registered, &mut at);
    out.file("Registration.csv", |w| {
        row(
            w,
            &["Registered At", "Registration Ip", "Subscription Types"],
            false,
        )?;
        row(w, &[&at, "198.51.100.7", ""], false)
    })?;
    let positions: &[Position] = &[
        (
            "Kanaalhuis",
            "Staff Data Engineer",
            "Utrecht",
            (2022, 3),
            None,
        ),
        (
            "Polderdata B.V.",
            "Senior Data Engineer",
            "Amsterdam",
            (2017, 9),
            Some((2022, 2)),
        ),
        (
            "Example Labs, Inc.",
            "Software Engineer",
            "Rotterdam",
            (2012, 1),
            Some((2017, 8)),
        ),
        ("Tulp & Co", "Intern", "Leiden", (2011, 2), Some((2011, 7))),
    ];
    counts.positions = positions.len() as u64;
    out.file("Positions.csv", |w| {
        row(
            w,
            &[
                "Company Name",
                "Title",
                "Description",
                "Location",
                "Started On",
                "Finished On",
            ],
            false,
        )?;
        for (company, title, place, (sy, sm), end) in positions {
            let mut started = String::new();
            time::month_year(time::epoch(*sy, *sm, 1), &mut started);
            let mut finished = String::new();
            if let Some((ey, em)) = end {
                time::month_year(time::epoch(*ey, *em, 1), &mut finished);
            }
            row(
                w,
                &[
                    company,
                    title,
                    "Pipelines, \"maps\" and people.\nMostly pipelines.",
                    place,
                    &started,
                    &finished,
                ],
                false,
            )?;
        }
        Ok(())
    })?;
    counts.education = 2;
    out.file("Education.csv", |w| {
        row(
            w,
            &[
                "School Name",
                "Start Date",
                "End Date",
                "Notes",
                "Degree Name",
                "Activities",
            ],
            false,
        )?;
        row(
            w,
            &[
                "Universiteit Utrecht",
                "2007",
                "2011",
                "",
                "BSc Informatica",
                "Studievereniging, roeien",
            ],
            false,
        )?;
        row(
            w,
            &[
                "Technische Universiteit Delft",
                "2011",
                "2013",
                "",
                "MSc Computer Science",
                "",
            ],
            false,
        )
    })?;
    let skills = [
        "Python",
        "SQL",
        "Rust",
        "Apache Kafka",
        "PostgreSQL",
        "Data Modeling",
        "ETL",
        "Kartografie",
        "GIS",
        "Airflow",
        "dbt",
        "Leadership",
        "Mentoring",
        "Docker",
        "Kubernetes",
    ];
    counts.skills = skills.len() as u64;
    out.file("Skills.csv", |w| {
        row(w, &["Name"], false)?;
        for s in skills {
            row(w, &[s], false)?;
        }
        Ok(())
    })?;
    out.file("Languages.csv", |w| {
        row(w, &["Name", "Proficiency"], false)?;
        row(w, &["Dutch", "Native or bilingual proficiency"], false)?;
        row(w, &["English", "Full professional proficiency"], false)?;
        row(w, &["Polish", "Elementary proficiency"], false)
    })?;
    Ok(())
}

fn connections(
    seed: u64,
    out: &mut Output,
    n: u64,
    export: u64,
    counts: &mut LinkedinCounts,
) -> io::Result<()> {
    let mut rng = Rng::stream(seed, 21);
    let start = time::epoch(2009, 12, 1);
    let step = ((export - 86_400 - start) / n.max(1)).max(1);
    let mut date = String::new();
    counts.connections = n;
    out.file("Connections.csv", |w| {
        w.write_all(NOTES.as_bytes())?;
        row(
            w,
            &[
                "First Name",
                "Last Name",
                "URL",
                "Email Address",
                "Company",
                "Position",
                "Connected On",
            ],
            false,
        )?;
        for k in 0..n {
            // Newest first.
            let at = export - 86_400 - k * step - rng.below(step);
            date.clear();
            time::day_month_year(at, &mut date);
            if k % HIDDEN_EVERY == HIDDEN_EVERY - 1 {
                row(w, &["", "", "", "", "", "", &date], false)?;
                counts.hidden_connections += 1;
                continue;
            }
            let p = person(k);
            let mut url = p.url.clone();
            if k % 50 == 7 {
                // As LinkedIn sometimes writes it: capitalised, with a trailing slash.
                url = format!(
                    "https://www.linkedin.com/in/{}/",
                    capitalise(url.rsplit('/').next().unwrap_or_default())
                );
            }
            let email = if k % 7 == 3 {
                format!("{}@example.com", p.slug)
            } else {
                String::new()
            };
            row(
                w,
                &[
                    &p.first,
                    &p.last,
                    &url,
                    &email,
                    rng.pick(COMPANIES),
                    rng.pick(POSITIONS),
                    &date,
                ],
                false,
            )?;
        }
        Ok(())
    })
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A connection that is not a hidden member.
fn visible(rng: &mut Rng, n: u64) -> u64 {
    let k = rng.below(n);
    if k % HIDDEN_EVERY == HIDDEN_EVERY - 1 {
        k - 1
    } else {
        k
    }
}

fn conversation_id(seed: u64, c: u64) -> String {
    const B64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = mix(c ^ mix(seed)).to_be_bytes();
    let mut id = String::from("2-");
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                id.push(char::from(B64[((v >> (18 - 6 * i)) & 63) as usize]));
            } else {
                id.push('=');
            }
        }
    }
    id
}

fn messages(
    seed: u64,
    out: &mut Output,
    n: u64,
    export: u64,
    counts: &mut LinkedinCounts,
) -> io::Result<()> {
    let mut rng = Rng::stream(seed, 22);
    let total = n / 2;
    let me = owner_name();
    let my_url = owner_url();
    let start = time::epoch(2012, 1, 1);
    let mut content = String::new();
    let mut date = String::new();
    out.file("messages.csv", |w| {
        row(
            w,
            &[
                "CONVERSATION ID",
                "CONVERSATION TITLE",
                "FROM",
                "SENDER PROFILE URL",
                "TO",
                "RECIPIENT PROFILE URLS",
                "DATE",
                "SUBJECT",
                "CONTENT",
                "FOLDER",
                "ATTACHMENTS",
                "IS MESSAGE DRAFT",
            ],
            true,
        )?;
        let mut written = 0;
        let mut c = 0;
        while written < total {
            let id = conversation_id(seed, c);
            let inmail = c % 20 == 9 && n > 0;
            let group = !inmail && c % 12 == 5;
            let mut others: Vec<Person> = Vec::new();
            if inmail {
                others.push(person(n + counts.recruiters));
                counts.recruiters += 1;
            } else {
                let k = if group { rng.range(2, 4) } else { 1 };
                for _ in 0..k {
                    let p = person(visible(&mut rng, n));
                    if others.iter().all(|o| o.url != p.url) {
                        others.push(p);
                    }
                }
            }
            let len = if inmail { 1 } else { rng.range(1, 19) }.min(total - written);
            counts.conversations += 1;
            counts.conversation_members += 1 + others.len() as u64;
            let title = if group { rng.pick(GROUP_TITLES) } else { "" };
            let subject = if inmail {
                "Exciting opportunity, Amsterdam"
            } else {
                ""
            };
            // Newest first, whole seconds apart.
            let mut at = start + rng.below(export - 86_400 - start - 20 * 86_400);
            at += 19 * 86_400;
            for m in 0..len {
                at -= 1 + rng.below(2 * 86_400);
                let g = written + m;
                let from_owner = !inmail && rng.chance(2, 5);
                let sender = if from_owner {
                    None
                } else {
                    Some(rng.below(others.len() as u64) as usize)
                };
                let (from, from_url) = match sender {
                    None => (me.as_str(), my_url.as_str()),
                    Some(i) => (others[i].full.as_str(), others[i].url.as_str()),
                };
                // Everyone in the conversation but the sender.
                let mut to: Vec<&str> = Vec::new();
                let mut to_urls: Vec<&str> = Vec::new();
                if sender.is_some() {
                    to.push(&me);
                    to_urls.push(&my_url);
                }
                for (i, o) in others.iter().enumerate() {
                    if sender != Some(i) {
                        to.push(&o.full);
                        to_urls.push(&o.url);
                    }
                }
                content.clear();
                if g % 6 == 2 {
                    content.push_str("Hi ");
                    content.push_str(to[0].split(' ').next().unwrap_or_default());
                    content.push_str(",\n");
                }
                text::words(&mut rng, WORDS, 2, 40, &mut content);
                date.clear();
                time::sql(at, " UTC", &mut date);
                let attachment = if g % 150 == 77 {
                    counts.attachments += 1;
                    let mut code = String::new();
                    text::code(&mut rng, 12, &mut code);
                    format!("https://www.linkedin.com/dms/prv/image/v2/{code}/feedshare-shrink_800")
                } else {
                    String::new()
                };
                row(
                    w,
                    &[
                        &id,
                        title,
                        from,
                        from_url,
                        &to.join(", "),
                        &to_urls.join(","),
                        &date,
                        subject,
                        &content,
                        "INBOX",
                        &attachment,
                        "No",
                    ],
                    true,
                )?;
                if (g + 1) % 1000 == 0 && !inmail {
                    // An unsent draft of the owner: LinkedIn exports it, importers drop it.
                    let mut draft_date = String::new();
                    time::sql(at + 60, " UTC", &mut draft_date);
                    let recipients: Vec<&str> = others.iter().map(|o| o.full.as_str()).collect();
                    let recipient_urls: Vec<&str> = others.iter().map(|o| o.url.as_str()).collect();
                    row(
                        w,
                        &[
                            &id,
                            title,
                            &me,
                            &my_url,
                            &recipients.join(", "),
                            &recipient_urls.join(","),
                            &draft_date,
                            "",
                            "unfinished thought…",
                            "INBOX",
                            "",
                            "Yes",
                        ],
                        true,
                    )?;
                    counts.drafts += 1;
                }
            }
            written += len;
            c += 1;
        }
        counts.messages = written;
        Ok(())
    })
}

fn invitations(
    seed: u64,
    out: &mut Output,
    n: u64,
    export: u64,
    counts: &mut LinkedinCounts,
) -> io::Result<()> {
    let mut rng = Rng::stream(seed, 23);
    counts.invitations = (n / 50).max(1);
    let me = owner_name();
    let my_url = owner_url();
    let mut at = String::new();
    out.file("Invitations.csv", |w| {
        row(
            w,
            &[
                "From",
                "To",
                "Sent At",
                "Message",
                "Direction",
                "inviterProfileUrl",
                "inviteeProfileUrl",
            ],
            false,
        )?;
        for i in 0..counts.invitations {
            let p = person(n + 1_000_000_000 + i);
            at.clear();
            time::us_short(export - 86_400 - rng.below(180 * 86_400), &mut at);
            let message = if rng.chance(1, 3) {
                "Hi, we met at the meetup in Utrecht, let's connect!"
            } else {
                ""
            };
            if i % 2 == 0 {
                row(
                    w,
                    &[&p.full, &me, &at, message, "INCOMING", &p.url, &my_url],
                    false,
                )?;
            } else {
                row(
                    w,
                    &[&me, &p.full, &at, message, "OUTGOING", &my_url, &p.url],
                    false,
                )?;
            }
        }
        Ok(())
    })
}

fn activity(
    seed: u64,
    out: &mut Output,
    n: u64,
    export: u64,
    counts: &mut LinkedinCounts,
) -> io::Result<()> {
    let mut rng = Rng::stream(seed, 24);
    let start = time::epoch(2015, 1, 1);
    let mut text = String::new();
    let mut date = String::new();
    let when = |rng: &mut Rng, date: &mut String| {
        date.clear();
        time::sql(rng.range(start, export - 86_400), "", date);
    };
    counts.shares = n / 100;
    out.file(&format!("Shares_{MEMBER_ID}.csv"), |w| {
        row(
            w,
            &[
                "Date",
                "ShareLink",
                "ShareCommentary",
                "SharedUrl",
                "MediaUrl",
                "Visibility",
            ],
            false,
        )?;
        for i in 0..counts.shares {
            when(&mut rng, &mut date);
            text.clear();
            text::words(&mut rng, WORDS, 5, 60, &mut text);
            if i % 4 == 1 {
                text.push_str("\n\n1. maps lie\n2. so do \"averages\"");
            }
            let link = format!(
                "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A{}",
                7_100_000_000_000_000_000u64 + i
            );
            let shared = if i % 3 == 0 {
                format!("https://example.com/blog/{i}")
            } else {
                String::new()
            };
            let visibility = if i % 5 == 0 {
                "MEMBER_NETWORK"
            } else {
                "PUBLIC"
            };
            row(w, &[&date, &link, &text, &shared, "", visibility], false)?;
        }
        Ok(())
    })?;
    counts.comments = n / 100;
    out.file(&format!("Comments_{MEMBER_ID}.csv"), |w| {
        row(w, &["Date", "Link", "Message"], false)?;
        for i in 0..counts.comments {
            when(&mut rng, &mut date);
            text.clear();
            text::words(&mut rng, WORDS, 1, 30, &mut text);
            let activity = 7_200_000_000_000_000_000u64 + i * 3;
            let link = format!(
                "https://www.linkedin.com/feed/update/urn:li:activity:{activity}?commentUrn=urn%3Ali%3Acomment%3A%28activity%3A{activity}%2C{}%29",
                7_300_000_000_000_000_000u64 + i
            );
            row(w, &[&date, &link, &text], false)?;
        }
        Ok(())
    })?;
    counts.reactions = n / 20;
    out.file(&format!("Reactions_{MEMBER_ID}.csv"), |w| {
        row(w, &["Date", "Type", "Link"], false)?;
        for i in 0..counts.reactions {
            when(&mut rng, &mut date);
            let link = format!(
                "https://www.linkedin.com/feed/update/urn:li:activity:{}",
                7_400_000_000_000_000_000u64 + i
            );
            row(w, &[&date, rng.pick(REACTION_TYPES), &link], false)?;
        }
        Ok(())
    })?;
    let companies = &COMPANIES[..5];
    counts.company_follows = companies.len() as u64;
    out.file("Company_Follows.csv", |w| {
        row(w, &["Organization", "Followed On"], false)?;
        for company in companies {
            date.clear();
            time::java(rng.range(start, export - 86_400), &mut date);
            row(w, &[company, &date], false)?;
        }
        Ok(())
    })?;
    Ok(())
}
