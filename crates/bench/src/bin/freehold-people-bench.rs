//! `freehold-people-bench`: the people targets of issue 17 on a synthetic linking set.
//!
//! ```sh
//! freehold-people-bench gen  --db /tmp/people.sqlite --persons 40000   # ~100k accounts
//! freehold-people-bench link --db /tmp/people.sqlite                   # time, peak RSS, precision, recall
//! freehold-people-bench export --db /tmp/people.sqlite                 # each people export, timed
//! ```
//!
//! The set: invented persons with names drawn from pools (30 first names, 6,000 family
//! names, so common names and namesakes occur: about one person in ten shares a name), each with accounts on one to four platforms; spelling variants per
//! account (diacritics dropped, `Last, First`, an initial, lower case), handles that
//! spell the name or not, emails on some LinkedIn and Hyves accounts (the same address
//! on both when a person has both), and a dated tie to the owner. The true person of
//! every account is kept in `accounts.extra.truth`.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use freehold_export::people::{People, contacts_csv, graph, vcard};
use freehold_store::Store;

#[derive(Parser, Debug)]
#[command(name = "freehold-people-bench", version)]
struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(Subcommand, Debug)]
enum What {
    /// Writes a synthetic linking set into a new database.
    Gen {
        /// The database (replaced).
        #[arg(long)]
        db: PathBuf,
        /// Persons to invent (each has 1-4 accounts, 2.5 on average).
        #[arg(long, default_value_t = 40_000)]
        persons: u64,
        /// At most this many platforms per person (1 gives one account per person).
        #[arg(long, default_value_t = 4)]
        max_platforms: u64,
        /// The seed.
        #[arg(long, default_value_t = 17)]
        seed: u64,
    },
    /// Links the database, and reports time, peak RSS, precision and recall.
    Link {
        /// The database.
        #[arg(long)]
        db: PathBuf,
    },
    /// Writes every people export to /dev/null-like sinks and times each.
    Export {
        /// The database (linked first).
        #[arg(long)]
        db: PathBuf,
    },
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const FIRST: &[&str] = &[
    "Jan",
    "Daniëlle",
    "Sanne",
    "Łukasz",
    "Anna",
    "Piet",
    "Fenna",
    "Joëlle",
    "Bram",
    "Sem",
    "Zofia",
    "Noor",
    "Femke",
    "Mai",
    "Fang",
    "Emma",
    "Lars",
    "Maarten",
    "Søren",
    "Chloé",
    "José",
    "Renée",
    "Ines",
    "Tomasz",
    "Agnieszka",
    "Marek",
    "Julia",
    "Ruud",
    "Kees",
    "Wim",
];
const LAST_A: &[&str] = &[
    "de Vries",
    "Bakker",
    "Smit",
    "Żółkiewski",
    "Kowalska",
    "Jansen",
    "van Dijk",
    "Visser",
    "Mulder",
    "de Boer",
    "Meijer",
    "Nowak",
    "Wiśniewska",
    "Nguyễn",
    "Larsen",
    "Müller",
    "García",
    "Dubois",
    "Janssens",
    "Peeters",
];
const LAST_M: &[&str] = &[
    "", "ar", "el", "on", "ik", "os", "ul", "en", "am", "or", "is", "et", "ab", "ov", "ez", "an",
    "il", "ut", "om", "er", "ip", "ag", "ed", "ok", "us",
];
const LAST_B: &[&str] = &[
    "", "-Hoek", "sma", "berg", "stra", "man", "ink", "huis", "veld", "dam", "kamp", "ing",
];
const PLATFORMS: [&str; 4] = ["twitter", "facebook", "linkedin", "hyves"];

fn strip(s: &str) -> String {
    freehold_people::normal::fold(s)
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn generate(db: &Path, persons: u64, max_platforms: u64, seed: u64) -> anyhow::Result<()> {
    for ext in ["", "-wal", "-shm", ".lock"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
    drop(Store::open(db)?);
    let mut conn = rusqlite::Connection::open(db)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    let tx = conn.transaction()?;
    let mut rng = Rng(seed);
    {
        let mut acc = tx.prepare(
            "INSERT INTO accounts (id, platform, native_id, handle, display_name, profile_url, is_owner, extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        let mut field = tx.prepare(
            "INSERT INTO profile_fields (id, account_id, field, value) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut rel = tx.prepare(
            "INSERT INTO relationships (id, platform, kind, from_account, to_account, started_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for p in PLATFORMS {
            let id = format!("{p}:owner");
            acc.execute(rusqlite::params![
                id,
                p,
                None::<String>,
                Some("bench-owner"),
                Some("Owner Of Bench"),
                None::<String>,
                1,
                r#"{"truth":"owner"}"#
            ])?;
            field.execute(rusqlite::params![
                format!("{id}#email"),
                id,
                "email",
                "owner@example.org"
            ])?;
        }
        for person in 0..persons {
            let first = FIRST[rng.below(FIRST.len() as u64) as usize];
            let last = format!(
                "{}{}{}",
                LAST_A[rng.below(LAST_A.len() as u64) as usize],
                LAST_M[rng.below(LAST_M.len() as u64) as usize],
                LAST_B[rng.below(LAST_B.len() as u64) as usize]
            );
            let name = format!("{first} {last}");
            let n = 1 + rng.below(max_platforms.min(4));
            let mut chosen: Vec<usize> = Vec::new();
            while chosen.len() < n as usize {
                let p = rng.below(4) as usize;
                if !chosen.contains(&p) {
                    chosen.push(p);
                }
            }
            let email = format!("p{person}@example.net");
            let email_on_li = rng.chance(40);
            let email_on_hy = rng.chance(40);
            for p in chosen {
                let platform = PLATFORMS[p];
                let id = format!("{platform}:{person}");
                let shown = match rng.below(10) {
                    0 => strip(&name),
                    1 => format!("{last}, {first}"),
                    2 if platform == "twitter" => {
                        format!("{}. {last}", first.chars().next().unwrap_or('X'))
                    }
                    3 => name.to_lowercase(),
                    _ => name.clone(),
                };
                let handle = if rng.chance(50) {
                    freehold_people::normal::handle_key(&format!("{first}{last}"))
                } else {
                    format!("user{}", rng.below(1_000_000))
                };
                let url = match platform {
                    "twitter" => Some(format!("https://twitter.com/{handle}")),
                    "linkedin" => Some(format!("https://www.linkedin.com/in/{handle}-{person}")),
                    "hyves" => Some(format!("http://{handle}{person}.hyves.nl/")),
                    _ => None,
                };
                acc.execute(rusqlite::params![
                    id,
                    platform,
                    person.to_string(),
                    Some(handle),
                    Some(shown),
                    url,
                    0,
                    format!(r#"{{"truth":"p{person}"}}"#)
                ])?;
                if (platform == "linkedin" && email_on_li) || (platform == "hyves" && email_on_hy) {
                    field.execute(rusqlite::params![format!("{id}#email"), id, "email", email])?;
                }
                if platform == "linkedin" {
                    field.execute(rusqlite::params![
                        format!("{id}#company"),
                        id,
                        "company",
                        "Bench & Co"
                    ])?;
                }
                let kind = match platform {
                    "linkedin" => "connection",
                    "twitter" => "follows",
                    _ => "friend",
                };
                let date = format!(
                    "{}-{:02}-{:02}",
                    2005 + rng.below(19),
                    1 + rng.below(12),
                    1 + rng.below(28)
                );
                rel.execute(rusqlite::params![
                    format!("{platform}:{kind}:{person}"),
                    platform,
                    kind,
                    format!("{platform}:owner"),
                    id,
                    date
                ])?;
            }
        }
    }
    tx.commit()?;
    let n: i64 = conn.query_row("SELECT COUNT(*) FROM accounts", [], |r| r.get(0))?;
    println!("wrote {persons} persons, {n} accounts to {}", db.display());
    Ok(())
}

fn rss_mb() -> f64 {
    freehold_bench::e2e::peak_rss_bytes().unwrap_or(0) as f64 / 1e6
}

fn link(db: &Path) -> anyhow::Result<()> {
    let store = Store::open(db)?;
    let start = Instant::now();
    let linking = freehold_people::link(&store)?;
    let secs = start.elapsed().as_secs_f64();
    let peak = rss_mb();
    // The truth.
    let mut truth: HashMap<String, String> = HashMap::new();
    store.for_each_row_as::<freehold_model::Account>(|a| {
        let t = a
            .extra
            .as_ref()
            .and_then(|e| e.get("truth"))
            .and_then(|v| v.as_str())
            .unwrap_or("?")
            .to_string();
        truth.insert(a.id, t);
        Ok(())
    })?;
    let t = &linking.tables;
    let mut members: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for m in &t.members {
        members
            .entry(m.person_id.as_str())
            .or_default()
            .push(m.id.as_str());
    }
    let (mut auto_pairs, mut auto_true) = (0u64, 0u64);
    let mut offered: std::collections::HashSet<(String, String)> = Default::default();
    for accounts in members.values() {
        for (i, a) in accounts.iter().enumerate() {
            for b in &accounts[i + 1..] {
                if truth[*a] == "owner" {
                    continue;
                }
                auto_pairs += 1;
                if truth[*a] == truth[*b] {
                    auto_true += 1;
                }
                offered.insert(((*a).to_string(), (*b).to_string()));
            }
        }
    }
    for l in freehold_people::candidates(t) {
        offered.insert((l.account_a.clone(), l.account_b.clone()));
    }
    let mut by: HashMap<&str, Vec<&str>> = HashMap::new();
    for (a, p) in &truth {
        if p != "owner" {
            by.entry(p.as_str()).or_default().push(a.as_str());
        }
    }
    let (mut true_pairs, mut found) = (0u64, 0u64);
    for accounts in by.values_mut() {
        accounts.sort_unstable();
        for (i, a) in accounts.iter().enumerate() {
            for b in &accounts[i + 1..] {
                true_pairs += 1;
                if offered.contains(&((*a).to_string(), (*b).to_string())) {
                    found += 1;
                }
            }
        }
    }
    let candidates = freehold_people::candidates(t).len();
    let false_candidates = freehold_people::candidates(t)
        .iter()
        .filter(|l| truth[&l.account_a] != truth[&l.account_b])
        .count();
    println!(
        "linked {} accounts into {} persons in {secs:.2} s, peak RSS {peak:.0} MB",
        linking.stats.accounts, linking.stats.persons
    );
    println!(
        "automatic links: {} account pairs joined, {} true: precision {:.4}",
        auto_pairs,
        auto_true,
        if auto_pairs == 0 {
            1.0
        } else {
            auto_true as f64 / auto_pairs as f64
        }
    );
    println!(
        "true matches: {true_pairs}, offered (joined or candidate): {found}: recall {:.4}",
        if true_pairs == 0 {
            1.0
        } else {
            found as f64 / true_pairs as f64
        }
    );
    println!(
        "candidates: {candidates} ({false_candidates} between different persons, for the owner to reject)"
    );
    Ok(())
}

struct Sink(u64);

impl std::io::Write for Sink {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0 += b.len() as u64;
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn export(db: &Path) -> anyhow::Result<()> {
    let store = Store::open(db)?;
    freehold_people::link(&store)?;
    let start = Instant::now();
    let people = People::load(&store)?;
    let load = start.elapsed().as_secs_f64();
    println!(
        "loaded {} persons ({} in the address book) in {load:.2} s",
        people.contacts.len(),
        people.address_book().count()
    );
    type Job<'a> =
        Box<dyn Fn(&mut Sink) -> std::io::Result<freehold_export::people::PeopleReport> + 'a>;
    let jobs: Vec<(&str, Job<'_>)> = vec![
        (
            "vcard 4.0",
            Box::new(|w| vcard::write_vcards(&people, w, vcard::Version::V4)),
        ),
        (
            "vcard 3.0",
            Box::new(|w| vcard::write_vcards(&people, w, vcard::Version::V3)),
        ),
        (
            "contacts-csv google",
            Box::new(|w| contacts_csv::write_contacts_csv(&people, w, contacts_csv::Style::Google)),
        ),
        (
            "contacts-csv plain",
            Box::new(|w| contacts_csv::write_contacts_csv(&people, w, contacts_csv::Style::Plain)),
        ),
        (
            "gexf",
            Box::new(|w| {
                graph::write_graph(&people, w, graph::Format::Gexf, graph::Nodes::Persons)
            }),
        ),
        (
            "graphml",
            Box::new(|w| {
                graph::write_graph(&people, w, graph::Format::Graphml, graph::Nodes::Persons)
            }),
        ),
    ];
    for (name, job) in jobs {
        let mut sink = Sink(0);
        let start = Instant::now();
        let report = job(&mut sink)?;
        let secs = start.elapsed().as_secs_f64();
        println!(
            "{name}: {} records, {} edges, {:.1} MB in {secs:.2} s (+ {load:.2} s load)",
            report.records,
            report.edges,
            sink.0 as f64 / 1e6
        );
    }
    println!("peak RSS {:.0} MB", rss_mb());
    Ok(())
}

fn main() -> ExitCode {
    freehold_store::limit_allocator_arenas();
    let args = Args::parse();
    let result = match &args.what {
        What::Gen {
            db,
            persons,
            max_platforms,
            seed,
        } => generate(db, *persons, *max_platforms, *seed),
        What::Link { db } => link(db),
        What::Export { db } => export(db),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("freehold-people-bench: {e:#}");
            ExitCode::from(2)
        }
    }
}
