//! Hyves: a folder of saved Hyves Data-API responses (XML, API version 2.0), laid out as
//! backup tools wrote them: `api/<method>/pNNNN.xml` pages of 100 items (1,000 for
//! `friends.get`), the parent of comments and respects in the path
//! (`api/blogs.getComments/<blogid>/p0001.xml`), downloaded photos in `media/`, and a
//! `manifest.json`.
//!
//! `size` friends (each with a profile in `users.get`), and in proportion: a WieWatWaar
//! per friend, two krabbels (scraps) per friend on the owner's profile, a blog per 20
//! friends (with comments and respects), a tip and a testimonial per 50, an album of
//! 5–15 photos per 100 and a hub per 200. Bodies use Hyves markup (`[b]`, `:banana:`,
//! `(y)`), some with `[url=…]` links and `[hyver=…]` mentions.

use std::io::{self, Write};

use crate::output::{FileWriter, Output};
use crate::rng::{Rng, mix};
use crate::spec::Spec;
use crate::text::{self, Culture, DUTCH, TURKISH};
use crate::time;

const OWNER_USERNAME: &str = "marloes-t";
const OWNER_FIRST: &str = "Marloes";
const OWNER_LAST: &str = "Terpstra";
const PEOPLE: &[&Culture] = &[&DUTCH, &TURKISH];
const PAGE: u64 = 100;
const FRIENDS_PAGE: u64 = 1000;

const CITIES: &[&str] = &[
    "Utrecht",
    "Amsterdam",
    "Rotterdam",
    "Groningen",
    "Zwolle",
    "Leeuwarden",
    "Eindhoven",
    "Den Haag",
    "Nijmegen",
    "Maastricht",
];
const COUNTRIES: &[&str] = &["Nederland", "België"];
const TIP_CATEGORIES: &[&str] = &["Restaurants", "Uitgaan", "Films", "Muziek", "Reizen"];
const WORDS: &[&str] = &[
    "hoi",
    "doei",
    "gezellig",
    "vanavond",
    "morgen",
    "school",
    "feestje",
    "krabbel",
    "terug",
    "leuk",
    "echt",
    "super",
    "bedankt",
    "voor",
    "de",
    "respect",
    "zomer",
    "strand",
    "ff",
    "lol",
    "xD",
    ":banana:",
    "(y)",
    ":)",
    ";)",
    ":cry:",
    "<3",
    "&",
    "[b]vet[/b]",
    "[i]echt[/i]",
    "Hyves",
    "pimpen",
];
const PLACES: &[&str] = &[
    "thuis",
    "school",
    "Utrecht Centraal",
    "het strand",
    "de kroeg",
    "werk",
    "A2",
    "Scheveningen",
];
const TAGS: &[&str] = &[
    "vakantie", "school", "muziek", "hyves", "zomer", "feest", "familie", "voetbal",
];
const HUBS: &[&str] = &[
    "Utrecht Rocks",
    "Ik haat maandagen",
    "Pimp je Hyves",
    "Zomer 2009",
    "Oud-leerlingen Het Lyceum",
    "Banana dansers",
];

/// How many of each thing a Hyves API dump holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HyvesCounts {
    /// Friends (`friends.get`, each also in `users.get`).
    pub friends: u64,
    /// WieWatWaar status updates of the owner.
    pub wwws: u64,
    /// Krabbels (scraps) on the owner's profile.
    pub scraps: u64,
    /// Blog posts of the owner.
    pub blogs: u64,
    /// Comments on the blog posts.
    pub comments: u64,
    /// Respects on the blog posts.
    pub respects: u64,
    /// Tips of the owner.
    pub tips: u64,
    /// Testimonials written for the owner.
    pub testimonials: u64,
    /// Photo albums of the owner.
    pub albums: u64,
    /// Photos in the albums (each downloaded into `media/`).
    pub photos: u64,
    /// Hubs the owner is a member of.
    pub hubs: u64,
    /// `[url=…]` links in bodies.
    pub links: u64,
    /// `[hyver=…]` mentions in bodies.
    pub mentions: u64,
    /// Blog tags.
    pub tags: u64,
}

impl HyvesCounts {
    pub(crate) fn items(&self) -> Vec<(&'static str, u64)> {
        vec![
            ("friends", self.friends),
            ("wwws", self.wwws),
            ("scraps", self.scraps),
            ("blogs", self.blogs),
            ("comments", self.comments),
            ("respects", self.respects),
            ("tips", self.tips),
            ("testimonials", self.testimonials),
            ("albums", self.albums),
            ("photos", self.photos),
            ("hubs", self.hubs),
            ("links", self.links),
            ("mentions", self.mentions),
            ("tags", self.tags),
        ]
    }

    pub(crate) fn expected_rows(&self) -> Vec<(&'static str, u64)> {
        vec![
            ("accounts", 1 + self.friends),
            ("relationships", self.friends),
            (
                "posts",
                self.wwws
                    + self.scraps
                    + self.blogs
                    + self.comments
                    + self.tips
                    + self.testimonials,
            ),
            ("post_entities", self.links + self.mentions + self.tags),
            ("reactions", self.respects),
            ("albums", self.albums),
            // The photos and the owner's profile picture.
            ("media", self.photos + 1),
            ("attachments", self.photos + 1),
            ("groups", self.hubs),
            ("group_members", self.hubs),
        ]
    }
}

/// A 34-character API v2 id: a kind byte, a per-dump salt and a one-to-one scramble of
/// the number, so ids never repeat.
fn id(seed: u64, kind: u8, n: u64) -> String {
    format!(
        "{kind:02x}{:016x}{:016x}",
        mix(seed ^ u64::from(kind)),
        mix(n ^ 0x4859_5645_5300_0000)
    )
}

/// A friend of the dump.
struct Friend {
    id: String,
    username: String,
    first: String,
    last: String,
}

fn friend(seed: u64, k: u64) -> Friend {
    let name = text::name(k, PEOPLE);
    let prefix: String = name.ascii.chars().take(12).collect();
    Friend {
        id: id(seed, 0x10, k),
        username: format!("{prefix}{k}"),
        first: name.given,
        last: name.family,
    }
}

/// Escapes XML text.
fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// Builds one line of XML elements.
#[derive(Default)]
struct Line(String);

impl Line {
    fn el(&mut self, name: &str, text: &str) -> &mut Self {
        self.0.push('<');
        self.0.push_str(name);
        self.0.push('>');
        escape(text, &mut self.0);
        self.0.push_str("</");
        self.0.push_str(name);
        self.0.push('>');
        self
    }

    fn num(&mut self, name: &str, n: u64) -> &mut Self {
        self.el(name, &n.to_string())
    }

    fn open(&mut self, name: &str) -> &mut Self {
        self.0.push('<');
        self.0.push_str(name);
        self.0.push('>');
        self
    }

    fn close(&mut self, name: &str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(name);
        self.0.push('>');
        self
    }
}

/// Writes one response: `<root>`, the items, the `info` block.
fn response(
    w: &mut FileWriter<'_>,
    root: &str,
    page: Option<(u64, u64, u64)>,
    rng: &mut Rng,
    items: impl FnOnce(&mut FileWriter<'_>) -> io::Result<()>,
) -> io::Result<()> {
    writeln!(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{root}>")?;
    items(w)?;
    let mut info = Line::default();
    info.open("info");
    if let Some((total, per_page, current)) = page {
        info.num("totalresults", total)
            .num("totalpages", total.div_ceil(per_page).max(1))
            .num("resultsperpage", per_page)
            .num("currentpage", current);
    }
    info.num("timestamp_difference", 0)
        .num("running_milliseconds", 3 + rng.below(60))
        .el("secure_connection", "false")
        .el("serverinfo", "data3")
        .close("info");
    writeln!(w, "  {}\n</{root}>", info.0)
}

/// Writes `total` items as pages `api/<method>/p0001.xml`, … of `per_page` items;
/// `item(i, line)` builds item `i`.
fn pages(
    out: &mut Output,
    rng: &mut Rng,
    dir: &str,
    method: &str,
    total: u64,
    per_page: u64,
    mut item: impl FnMut(u64, &mut Line),
) -> io::Result<()> {
    let root = format!("{}_result", method.replace('.', "_"));
    let mut i = 0;
    let mut page = 1;
    while i < total {
        let path = format!("{dir}/p{page:04}.xml");
        out.file(&path, |w| {
            response(w, &root, Some((total, per_page, page)), rng, |w| {
                let last = (i + per_page).min(total);
                let mut line = Line::default();
                while i < last {
                    line.0.clear();
                    item(i, &mut line);
                    writeln!(w, "  {}", line.0)?;
                    i += 1;
                }
                Ok(())
            })
        })?;
        page += 1;
    }
    Ok(())
}

/// A body in Hyves markup; maybe with a link and a mention (counted).
fn body(
    rng: &mut Rng,
    friends: u64,
    seed: u64,
    with_link: bool,
    with_mention: bool,
    counts: &mut HyvesCounts,
    out: &mut String,
) {
    out.clear();
    text::words(rng, WORDS, 3, 25, out);
    if with_mention && friends > 0 {
        let f = friend(seed, rng.below(friends));
        out.push_str(&format!(" [hyver={}]{}[/hyver]", f.username, f.first));
        counts.mentions += 1;
    }
    if with_link {
        out.push_str(&format!(
            " [url=http://www.example.nl/fotos/{}]foto's[/url]",
            rng.below(1_000_000)
        ));
        counts.links += 1;
    }
}

/// Writes the dump.
pub(crate) fn write(spec: &Spec, out: &mut Output) -> io::Result<HyvesCounts> {
    out.set_date((2013, 11, 28));
    let seed = spec.seed;
    let n = spec.size;
    let mut rng = Rng::stream(seed, 31);
    let mut counts = HyvesCounts {
        friends: n,
        wwws: n,
        scraps: 2 * n,
        blogs: (n / 20).max(1),
        tips: (n / 50).max(1),
        testimonials: (n / 50).max(1),
        albums: (n / 100).max(1),
        hubs: (n / 200).max(1),
        ..HyvesCounts::default()
    };
    let owner = id(seed, 0x10, u64::MAX);
    let start = time::epoch(2005, 1, 1);
    let end = time::epoch(2013, 11, 28);
    let when = |rng: &mut Rng| rng.range(start, end).to_string();
    let friend_of = |rng: &mut Rng| {
        if n == 0 {
            owner.clone()
        } else {
            friend(seed, rng.below(n)).id
        }
    };

    out.bytes(
        "manifest.json",
        format!(
            "{{\n  \"source\": \"hyves-api\",\n  \"ha_version\": \"2.0\",\n  \"ha_format\": \"xml\",\n  \"self_userid\": \"{owner}\",\n  \"username\": \"{OWNER_USERNAME}\",\n  \"fetched_at\": \"2013-11-28T21:15:00Z\"\n}}\n"
        )
        .as_bytes(),
    )?;
    lookups(out, &mut rng, seed)?;

    // The owner, with a profile picture.
    let picture = id(seed, 0x50, u64::MAX);
    out.file("api/users.getLoggedin.xml", |w| {
        response(w, "users_getLoggedin_result", None, &mut rng, |w| {
            let mut l = Line::default();
            l.open("user")
                .el("userid", &owner)
                .el("displayname", OWNER_FIRST)
                .el("firstname", OWNER_FIRST)
                .el("lastname", OWNER_LAST)
                .el("gender", "female")
                .open("birthday")
                .num("day", 12)
                .num("month", 8)
                .el("year", "")
                .el("age", "")
                .close("birthday")
                .num("friendscount", n)
                .el("url", &format!("http://{OWNER_USERNAME}.hyves.nl/"))
                .el("mediaid", &picture)
                .el("countryid", &id(seed, 0x02, 0))
                .el("cityid", &id(seed, 0x01, 0))
                .num("created", time::epoch(2005, 3, 14))
                .el(
                    "aboutme",
                    "[b]Hoi![/b] Ik ben Marloes uit Utrecht :banana: (y)",
                )
                .el("onmymind", "Nog even en dan is Hyves dicht :(")
                .el("emailaddress", "marloes@example.nl")
                .open("profilepicture")
                .el("mediaid", &picture)
                .el("mediatype", "image")
                .el("title", "Profielfoto")
                .open("image_fullscreen")
                .el(
                    "src",
                    &format!("http://1.media.hyves-static.net/100000001/6/AbCd/1/{picture}.jpeg"),
                )
                .num("width", 640)
                .num("height", 480)
                .close("image_fullscreen")
                .close("profilepicture")
                .close("user");
            writeln!(w, "  {}", l.0)
        })
    })?;
    out.bytes(
        &format!("media/{picture}.jpeg"),
        &crate::facebook::jpeg(&picture),
    )?;

    pages(
        out,
        &mut rng,
        "api/friends.get",
        "friends.get",
        n,
        FRIENDS_PAGE,
        |k, l| {
            l.el("userid", &friend(seed, k).id);
        },
    )?;
    let mut prng = Rng::stream(seed, 32);
    pages(
        out,
        &mut rng,
        "api/users.get",
        "users.get",
        n,
        PAGE,
        |k, l| {
            let f = friend(seed, k);
            let year = 1975 + prng.below(24);
            let hidden = k % 7 == 3;
            l.open("user")
                .el("userid", &f.id)
                .el("displayname", &f.first)
                .el("firstname", &f.first)
                .el("lastname", &f.last)
                .el("gender", if prng.chance(1, 2) { "female" } else { "male" })
                .open("birthday")
                .num("day", prng.range(1, 28))
                .num("month", prng.range(1, 12))
                .el(
                    "year",
                    &if hidden {
                        String::new()
                    } else {
                        year.to_string()
                    },
                )
                .el(
                    "age",
                    &if hidden {
                        String::new()
                    } else {
                        (2013 - year).to_string()
                    },
                )
                .close("birthday")
                .num("friendscount", 10 + prng.below(400))
                .el("url", &format!("http://{}.hyves.nl/", f.username))
                .el("cityid", &id(seed, 0x01, prng.below(CITIES.len() as u64)))
                .el("countryid", &id(seed, 0x02, 0))
                .num("created", prng.range(start, end - 365 * 86_400))
                .close("user");
        },
    )?;

    let mut text = String::new();
    let mut brng = Rng::stream(seed, 33);
    pages(
        out,
        &mut rng,
        "api/wwws.getByUser",
        "wwws.getByUser",
        counts.wwws,
        PAGE,
        |i, l| {
            text.clear();
            text::words(&mut brng, WORDS, 2, 12, &mut text);
            l.open("www")
                .el("wwwid", &id(seed, 0x20, i))
                .el("emotion", &text)
                .el("where", brng.pick(PLACES))
                .el("userid", &owner)
                .el(
                    "visibility",
                    brng.pick(&["friend", "public", "superpublic", "friends_of_friends"]),
                )
                .el("created", &when(&mut brng))
                .close("www");
        },
    )?;
    let scraps = counts.scraps;
    pages(
        out,
        &mut rng,
        "api/users.getScraps",
        "users.getScraps",
        scraps,
        PAGE,
        |i, l| {
            body(
                &mut brng,
                n,
                seed,
                i % 10 == 3,
                i % 15 == 7,
                &mut counts,
                &mut text,
            );
            l.open("scrap")
                .el("scrapid", &id(seed, 0x21, i))
                .el("userid", &friend_of(&mut brng))
                .el("target_userid", &owner)
                .el("body", &text)
                .el("created", &when(&mut brng))
                .close("scrap");
        },
    )?;
    let testimonials = counts.testimonials;
    pages(
        out,
        &mut rng,
        "api/users.getTestimonials",
        "users.getTestimonials",
        testimonials,
        PAGE,
        |i, l| {
            body(&mut brng, n, seed, false, false, &mut counts, &mut text);
            l.open("testimonial")
                .el("testimonialid", &id(seed, 0x22, i))
                .el("userid", &friend_of(&mut brng))
                .el("target_userid", &owner)
                .el(
                    "body",
                    &format!("{OWNER_FIRST} is echt de liefste <3 {text}"),
                )
                .el("created", &when(&mut brng))
                .close("testimonial");
        },
    )?;

    // Blogs, then each blog's comments and respects in folders named after it.
    let blogs = counts.blogs;
    pages(
        out,
        &mut rng,
        "api/blogs.getByUser",
        "blogs.getByUser",
        blogs,
        PAGE,
        |i, l| {
            body(
                &mut brng,
                n,
                seed,
                i % 4 == 1,
                false,
                &mut counts,
                &mut text,
            );
            text.push_str("\n[i]Doei![/i] :banana:");
            let blog = id(seed, 0x23, i);
            let a = brng.below(TAGS.len() as u64);
            let b = (a + 1 + brng.below(TAGS.len() as u64 - 1)) % TAGS.len() as u64;
            counts.tags += 2;
            l.open("blog")
                .el("blogid", &blog)
                .el("title", &format!("Blog {}: {}", i + 1, brng.pick(TAGS)))
                .el("body", &text)
                .el("userid", &owner)
                .el("visibility", "public")
                .el(
                    "url",
                    &format!("http://{OWNER_USERNAME}.hyves.nl/blog/{blog}/"),
                )
                .el("created", &when(&mut brng))
                .num("commentscount", i % 6)
                .num("respectscount", i % 4)
                .el(
                    "tags",
                    &format!("{},{}", TAGS[a as usize], TAGS[b as usize]),
                )
                .close("blog");
        },
    )?;
    let mut c = 0;
    let mut r = 0;
    for i in 0..blogs {
        let blog = id(seed, 0x23, i);
        let comments = i % 6;
        pages(
            out,
            &mut rng,
            &format!("api/blogs.getComments/{blog}"),
            "blogs.getComments",
            comments,
            PAGE,
            |_, l| {
                text.clear();
                text::words(&mut brng, WORDS, 1, 12, &mut text);
                l.open("comment")
                    .el("commentid", &id(seed, 0x24, c))
                    .el("userid", &friend_of(&mut brng))
                    .el("body", &text)
                    .el("created", &when(&mut brng))
                    .close("comment");
                c += 1;
            },
        )?;
        counts.comments += comments;
        let respects = i % 4;
        pages(
            out,
            &mut rng,
            &format!("api/blogs.getRespects/{blog}"),
            "blogs.getRespects",
            respects,
            PAGE,
            |j, l| {
                l.open("respect")
                    .el("respectid", &id(seed, 0x25, r))
                    .el(
                        "respecttype",
                        if j == 2 { "anonymous" } else { "withprofile" },
                    )
                    .el("userid", &friend_of(&mut brng))
                    .el("created", &when(&mut brng))
                    .close("respect");
                r += 1;
            },
        )?;
        counts.respects += respects;
    }

    let tips = counts.tips;
    pages(
        out,
        &mut rng,
        "api/tips.getByUser",
        "tips.getByUser",
        tips,
        PAGE,
        |i, l| {
            body(
                &mut brng,
                n,
                seed,
                i % 2 == 0,
                false,
                &mut counts,
                &mut text,
            );
            l.open("tip")
                .el("tipid", &id(seed, 0x26, i))
                .el(
                    "tipcategoryid",
                    &id(seed, 0x03, brng.below(TIP_CATEGORIES.len() as u64)),
                )
                .el("title", &format!("Tip {}: {}", i + 1, brng.pick(PLACES)))
                .el("body", &text)
                .num("rating", brng.range(1, 5))
                .el("userid", &owner)
                .el("created", &when(&mut brng))
                .close("tip");
        },
    )?;

    // Albums and their photos, each downloaded into media/.
    let albums = counts.albums;
    let sizes: Vec<u64> = (0..albums).map(|_| brng.range(5, 15)).collect();
    pages(
        out,
        &mut rng,
        "api/albums.getByUser",
        "albums.getByUser",
        albums,
        PAGE,
        |i, l| {
            let album = id(seed, 0x30, i);
            l.open("album")
                .el("albumid", &album)
                .el("title", &format!("{} {}", brng.pick(TAGS), 2005 + i % 9))
                .num("mediacount", sizes[i as usize])
                .el("userid", &owner)
                .el(
                    "url",
                    &format!("http://{OWNER_USERNAME}.hyves.nl/fotos/{album}/"),
                )
                .el("visibility", "friend")
                .close("album");
        },
    )?;
    let mut m = 0;
    for (i, &size) in sizes.iter().enumerate() {
        let album = id(seed, 0x30, i as u64);
        let first = m;
        pages(
            out,
            &mut rng,
            &format!("api/media.getByAlbum/{album}"),
            "media.getByAlbum",
            size,
            PAGE,
            |j, l| {
                let media = id(seed, 0x31, first + j);
                text.clear();
                text::words(&mut brng, WORDS, 1, 8, &mut text);
                l.open("media")
                    .el("mediaid", &media)
                    .el("userid", &owner)
                    .el("title", &format!("Foto {}", j + 1))
                    .el("description", &text)
                    .el("mediatype", "image")
                    .el("created", &when(&mut brng))
                    .open("image_fullscreen")
                    .el(
                        "src",
                        &format!(
                            "http://{}.media.hyves-static.net/{}/6/{}/1/foto.jpeg",
                            1 + j % 4,
                            100_000_000 + first + j,
                            &media[30..]
                        ),
                    )
                    .num("width", 1024)
                    .num("height", 768)
                    .close("image_fullscreen")
                    .close("media");
            },
        )?;
        for j in 0..size {
            let media = id(seed, 0x31, m + j);
            out.bytes(
                &format!("media/{media}.jpeg"),
                &crate::facebook::jpeg(&media),
            )?;
        }
        m += size;
    }
    counts.photos = m;

    let hubs = counts.hubs;
    pages(
        out,
        &mut rng,
        "api/hubs.getByUser",
        "hubs.getByUser",
        hubs,
        PAGE,
        |i, l| {
            let hub = id(seed, 0x40, i);
            let title = format!("{} {}", HUBS[(i % HUBS.len() as u64) as usize], i + 1);
            l.open("hub")
                .el("hubid", &hub)
                .el("hubtype", "hyve")
                .el("title", &title)
                .el("description", "Voor iedereen die erbij hoort (y)")
                .el(
                    "url",
                    &format!("http://hub{}.hyves.nl/", mix(i ^ seed) % 1_000_000),
                )
                .close("hub");
        },
    )?;
    Ok(counts)
}

/// `cities.get`, `countries.get`, `tips.getCategories`: the lookup tables ids point at.
fn lookups(out: &mut Output, rng: &mut Rng, seed: u64) -> io::Result<()> {
    out.file("api/cities.get.xml", |w| {
        response(w, "cities_get_result", None, rng, |w| {
            for (i, name) in CITIES.iter().enumerate() {
                let mut l = Line::default();
                l.open("city")
                    .el("cityid", &id(seed, 0x01, i as u64))
                    .el("countryid", &id(seed, 0x02, 0))
                    .el("name", name)
                    .close("city");
                writeln!(w, "  {}", l.0)?;
            }
            Ok(())
        })
    })?;
    out.file("api/countries.get.xml", |w| {
        response(w, "countries_get_result", None, rng, |w| {
            for (i, name) in COUNTRIES.iter().enumerate() {
                let mut l = Line::default();
                l.open("country")
                    .el("countryid", &id(seed, 0x02, i as u64))
                    .el("name", name)
                    .close("country");
                writeln!(w, "  {}", l.0)?;
            }
            Ok(())
        })
    })?;
    out.file("api/tips.getCategories.xml", |w| {
        response(w, "tips_getCategories_result", None, rng, |w| {
            for (i, name) in TIP_CATEGORIES.iter().enumerate() {
                let mut l = Line::default();
                l.open("tipcategory")
                    .el("tipcategoryid", &id(seed, 0x03, i as u64))
                    .el("name", name)
                    .close("tipcategory");
                writeln!(w, "  {}", l.0)?;
            }
            Ok(())
        })
    })
}
