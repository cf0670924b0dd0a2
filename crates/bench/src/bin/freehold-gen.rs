//! `freehold-gen`: writes a large synthetic export archive for benchmarking freehold.
//!
//! ```sh
//! freehold-gen twitter /tmp/x-100k --size 100000 --seed 1
//! freehold-gen twitter /tmp/x-100k.zip --size 100k --zip --era singular
//! freehold-gen facebook /tmp/fb-1m --size 1M
//! ```

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, ValueEnum};
use freehold_bench::{Platform, Spec, TwitterEra, generate, generate_zip};

/// Writes a large, realistic, deterministic synthetic export archive (everything in it
/// is invented). The same size and seed always give the same bytes.
#[derive(Parser, Debug)]
#[command(name = "freehold-gen", version)]
struct Args {
    /// The platform whose archive to write.
    #[arg(value_enum)]
    platform: Which,
    /// Where: a folder that does not exist yet (or is empty), or with --zip a zip file.
    out: PathBuf,
    /// How big: tweets (twitter), messages (facebook), connections (linkedin), friends
    /// (hyves). Accepts 100000, 100_000, 100k, 1M.
    #[arg(long, default_value = "10000", value_parser = parse_count)]
    size: u64,
    /// The seed of the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write one zip file instead of a folder.
    #[arg(long)]
    zip: bool,
    /// Twitter: the era of the file names.
    #[arg(long, value_enum)]
    era: Option<Era>,
    /// Twitter: leave out data/manifest.js.
    #[arg(long)]
    no_manifest: bool,
    /// Twitter: the size of one tweets-partN.js file, in MiB (X uses about 100).
    #[arg(long, value_parser = parse_count)]
    part_mb: Option<u64>,
    /// Facebook: the number of Messenger threads (default: size / 200).
    #[arg(long, value_parser = parse_count)]
    threads: Option<u64>,
    /// Facebook: messages per message_N.json file (default 10,000).
    #[arg(long, value_parser = parse_count)]
    messages_per_file: Option<u64>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Which {
    Twitter,
    Facebook,
    Linkedin,
    Hyves,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Era {
    /// data/tweets.js, window.YTD.tweets.partN (late 2022 – today).
    Plural,
    /// data/tweet.js, window.YTD.tweet.partN (2020 – 2022; what twitter-to-sqlite reads).
    Singular,
}

/// `100000`, `100_000`, `100k`, `2M`, `1G`.
fn parse_count(s: &str) -> Result<u64, String> {
    let clean: String = s.chars().filter(|c| *c != '_' && *c != ',').collect();
    let (digits, factor) = match clean.char_indices().last() {
        Some((i, 'k' | 'K')) => (&clean[..i], 1_000),
        Some((i, 'm' | 'M')) => (&clean[..i], 1_000_000),
        Some((i, 'g' | 'G')) => (&clean[..i], 1_000_000_000),
        _ => (clean.as_str(), 1),
    };
    digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .ok_or_else(|| format!("not a count: {s:?}"))
}

fn main() -> ExitCode {
    let args = Args::parse();
    let platform = match args.platform {
        Which::Twitter => Platform::Twitter,
        Which::Facebook => Platform::Facebook,
        Which::Linkedin => Platform::Linkedin,
        Which::Hyves => Platform::Hyves,
    };
    let twitter_only = args.era.is_some() || args.no_manifest || args.part_mb.is_some();
    let facebook_only = args.threads.is_some() || args.messages_per_file.is_some();
    if (twitter_only && platform != Platform::Twitter)
        || (facebook_only && platform != Platform::Facebook)
    {
        eprintln!(
            "freehold-gen: --era, --no-manifest and --part-mb are for twitter; --threads and --messages-per-file for facebook"
        );
        return ExitCode::from(2);
    }
    let mut spec = Spec::new(platform, args.size, args.seed);
    if let Some(era) = args.era {
        spec.twitter_era = match era {
            Era::Plural => TwitterEra::Plural,
            Era::Singular => TwitterEra::Singular,
        };
    }
    spec.twitter_manifest = !args.no_manifest;
    if let Some(mb) = args.part_mb {
        spec.twitter_part_bytes = mb.max(1) * 1024 * 1024;
    }
    spec.facebook_threads = args.threads;
    if let Some(n) = args.messages_per_file {
        spec.facebook_messages_per_file = n.max(1);
    }

    let started = Instant::now();
    let result = if args.zip {
        generate_zip(&spec, &args.out)
    } else {
        generate(&spec, &args.out)
    };
    let summary = match result {
        Ok(summary) => summary,
        Err(e) => {
            eprintln!("freehold-gen: cannot write {}: {e}", args.out.display());
            return ExitCode::from(2);
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let era = if platform == Platform::Twitter {
        format!(" ({} era)", spec.twitter_era.name())
    } else {
        String::new()
    };
    println!(
        "freehold-gen: {platform}{era}, size {} {}, seed {}",
        spec.size,
        platform.size_unit(),
        spec.seed
    );
    let mut wrote = format!(
        "wrote {}: {} files, {:.1} MB",
        args.out.display(),
        summary.files,
        summary.bytes as f64 / 1e6
    );
    if args.zip
        && let Ok(meta) = std::fs::metadata(&args.out)
    {
        wrote.push_str(&format!(" ({:.1} MB zipped)", meta.len() as f64 / 1e6));
    }
    println!("{wrote} in {seconds:.2} s");
    for (name, n) in summary.items() {
        println!("  {name:<22} {n:>12}");
    }
    println!("an import should give:");
    for (table, n) in summary.expected_rows() {
        println!("  {table:<22} {n:>12}");
    }
    ExitCode::SUCCESS
}
