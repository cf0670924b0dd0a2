//! Every generated archive is recognised by its platform's parser, imports without an
//! error, a warning or an unknown file, and gives exactly the rows its summary promises.

use std::path::Path;

use freehold_archive::{Archive, Fate, Report, Severity};
use freehold_bench::{Counts, Platform, Spec, Summary, TwitterEra, generate, generate_zip};
use freehold_store::{ImportOptions, Store};

fn parser(platform: Platform) -> &'static dyn freehold_archive::Platform {
    freehold_bench::e2e::parser(platform).unwrap()
}

fn all_parsers() -> &'static [&'static dyn freehold_archive::Platform] {
    freehold::platforms()
}

#[test]
fn every_generator_platform_has_its_parser_in_the_registry() {
    for platform in Platform::ALL {
        assert_eq!(parser(platform).name(), platform.name());
    }
}

/// Imports `path` with `platform`'s parser into a new in-memory database.
fn import(path: &Path, platform: Platform, layout: &str) -> (Store, Report) {
    let archive = Archive::open(path).unwrap();
    let detection = parser(platform)
        .detect(&archive)
        .unwrap_or_else(|| panic!("{platform} does not recognise {}", path.display()));
    assert_eq!(detection.layout, layout, "{}", path.display());
    // Among all parsers, this one wins.
    let parsers = all_parsers();
    let (winner, _) = freehold_archive::detect(parsers, &archive).unwrap();
    assert_eq!(winner.name(), parser(platform).name());
    let mut store = Store::in_memory().unwrap();
    let outcome = store
        .import(
            &archive,
            parser(platform),
            &detection,
            &ImportOptions::default(),
        )
        .unwrap();
    (store, outcome.report)
}

fn count(store: &Store, table: &str) -> u64 {
    let counts = store.counts().unwrap();
    let (_, n) = counts
        .iter()
        .find(|(t, _)| *t == table)
        .unwrap_or_else(|| panic!("no table {table}"));
    u64::try_from(*n).unwrap()
}

/// The import of `path` matches `summary`: rows per table, a clean report, every file.
fn check(path: &Path, summary: &Summary, layout: &str) {
    let (store, report) = import(path, summary.platform, layout);
    let name = path.display();
    let problems: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Info)
        .map(ToString::to_string)
        .collect();
    assert!(problems.is_empty(), "{name}: {problems:#?}");
    let bad: Vec<(&String, Fate)> = report
        .files
        .iter()
        .filter(|(_, f)| matches!(f.fate, Fate::Unknown | Fate::Failed | Fate::Partial))
        .map(|(p, f)| (p, f.fate))
        .collect();
    assert!(bad.is_empty(), "{name}: {bad:?}");
    assert_eq!(report.files.len() as u64, summary.files, "{name}: files");
    let mut wrong = Vec::new();
    for (table, expected) in summary.expected_rows() {
        let got = count(&store, table);
        if got != expected {
            wrong.push(format!("{table}: {got} rows, summary says {expected}"));
        }
    }
    assert!(wrong.is_empty(), "{name}:\n{}", wrong.join("\n"));
}

/// Generates `spec` as a folder and as a zip, checks both imports, and returns the
/// summary.
fn round_trip(spec: &Spec, layout: &str) -> Summary {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("archive");
    let summary = generate(spec, &folder).unwrap();
    check(&folder, &summary, layout);
    let zip = dir.path().join("archive.zip");
    assert_eq!(generate_zip(spec, &zip).unwrap(), summary);
    check(&zip, &summary, layout);
    summary
}

#[test]
fn twitter_plural_in_parts() {
    let mut spec = Spec::new(Platform::Twitter, 300, 11);
    spec.twitter_part_bytes = 64 * 1024;
    let summary = round_trip(&spec, "twitter/ytd-data-plural");
    let Counts::Twitter(c) = &summary.counts else {
        panic!()
    };
    assert_eq!(c.tweets, 300);
    assert!(c.tweet_files >= 3, "{c:?}");
    assert_eq!((c.followers, c.following, c.likes), (30, 15, 150));
    assert_eq!((c.mentions, c.replies, c.links), (100, 75, 60));
    assert_eq!((c.dm_messages, c.dm_conversations), (30, 1));
}

#[test]
fn twitter_singular_without_manifest() {
    let mut spec = Spec::new(Platform::Twitter, 1200, 12);
    spec.twitter_era = TwitterEra::Singular;
    spec.twitter_manifest = false;
    spec.twitter_part_bytes = 256 * 1024;
    let summary = round_trip(&spec, "twitter/ytd-data-singular");
    assert!(summary.get("tweet_files") >= 2);
    assert_eq!(summary.get("dm_conversations"), 3);
}

#[test]
fn facebook_threads_in_parts() {
    let mut spec = Spec::new(Platform::Facebook, 1000, 13);
    spec.facebook_threads = Some(7);
    spec.facebook_messages_per_file = 40;
    let summary = round_trip(&spec, "facebook/json-2024");
    let Counts::Facebook(c) = &summary.counts else {
        panic!()
    };
    assert_eq!((c.messages, c.threads, c.group_threads), (1000, 7, 1));
    assert!(c.message_files > 25, "{c:?}");
    assert!(c.longest_thread > 200, "{c:?}");
    assert!(c.message_reactions > 0 && c.message_photos > 0, "{c:?}");
    assert_eq!((c.posts, c.friends), (10, 10));
}

#[test]
fn facebook_defaults() {
    let summary = round_trip(
        &Spec::new(Platform::Facebook, 300, 14),
        "facebook/json-2024",
    );
    assert_eq!(summary.get("threads"), 1);
    assert_eq!(summary.get("message_files"), 1);
}

#[test]
fn linkedin_complete_export() {
    let summary = round_trip(
        &Spec::new(Platform::Linkedin, 2500, 15),
        "linkedin/quoted-2026",
    );
    let Counts::Linkedin(c) = &summary.counts else {
        panic!()
    };
    assert_eq!((c.connections, c.hidden_connections), (2500, 5));
    assert_eq!(c.messages, 1250);
    assert!(c.drafts >= 1 && c.recruiters >= 1, "{c:?}");
}

#[test]
fn hyves_api_dump() {
    let summary = round_trip(&Spec::new(Platform::Hyves, 300, 16), "hyves/api-dump");
    let Counts::Hyves(c) = &summary.counts else {
        panic!()
    };
    assert_eq!((c.friends, c.scraps, c.blogs), (300, 600, 15));
    assert!(c.links > 0 && c.mentions > 0 && c.respects > 0, "{c:?}");
}

/// Larger archives, folder only: `cargo test -p freehold-bench -- --ignored`.
#[test]
#[ignore = "takes a minute in a debug build"]
fn larger_archives_match_their_summaries() {
    let dir = tempfile::tempdir().unwrap();
    let mut facebook = Spec::new(Platform::Facebook, 100_000, 21);
    facebook.facebook_messages_per_file = 2_000;
    let mut twitter = Spec::new(Platform::Twitter, 20_000, 22);
    twitter.twitter_part_bytes = 4 * 1024 * 1024;
    let specs = [
        (twitter, "twitter/ytd-data-plural"),
        (facebook, "facebook/json-2024"),
        (
            Spec::new(Platform::Linkedin, 20_000, 23),
            "linkedin/quoted-2026",
        ),
        (Spec::new(Platform::Hyves, 5_000, 24), "hyves/api-dump"),
    ];
    for (spec, layout) in specs {
        let folder = dir.path().join(spec.platform.name());
        let summary = generate(&spec, &folder).unwrap();
        check(&folder, &summary, layout);
    }
}
