//! The subcommands.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use freehold_archive::{
    Archive, Detection, Fate, Limits, ParseContext, Platform, RecordSink, Report,
};
use freehold_facebook::Facebook;
use freehold_hyves::Hyves;
use freehold_linkedin::LinkedIn;
use freehold_model::{Record, TABLES};
use freehold_store::{ImportOptions, Store};
use freehold_twitter::Twitter;

use crate::args::{Cli, Command, ExportFormat, SchemaFormat};
use crate::progress::Bar;
use crate::terminal::safe;

/// Every platform freehold reads.
fn platforms() -> Vec<&'static dyn Platform> {
    vec![&Twitter, &Facebook, &LinkedIn, &Hyves]
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Import {
            archives,
            db,
            media_dir,
            quiet,
            snapshot_date,
            limits,
        } => import(
            &archives,
            &db,
            media_dir.as_deref(),
            quiet,
            snapshot_date,
            limits.limits(),
        ),
        Command::Inspect {
            archive,
            json,
            limits,
        } => inspect(&archive, json, limits.limits()),
        Command::Export {
            db,
            format,
            out,
            force,
            include,
            platform,
            owner,
            since,
            until,
            media_dir,
            site_url,
            title,
            vcard_version,
            csv_style,
            nodes,
        } => {
            if matches!(
                format,
                ExportFormat::Vcard
                    | ExportFormat::ContactsCsv
                    | ExportFormat::Gexf
                    | ExportFormat::Graphml
            ) {
                if !include.is_empty()
                    || !platform.is_empty()
                    || !owner.is_empty()
                    || since.is_some()
                    || until.is_some()
                {
                    anyhow::bail!(
                        "--include, --platform, --owner, --since and --until choose what a publishing format shows; the people exports hold every person"
                    );
                }
                let what = crate::people::PeopleExport {
                    format,
                    vcard_version,
                    csv_style,
                    nodes,
                };
                return crate::people::export(&db, &out, force, &what);
            }
            if format == ExportFormat::Site {
                let mut widen = freehold_export::privacy::Include::default();
                for what in &include {
                    widen.add(what).map_err(anyhow::Error::msg)?;
                }
                let options = freehold_export::site::SiteOptions {
                    selection: freehold_export::Selection {
                        owners: owner,
                        platforms: platform,
                        since,
                        until,
                    },
                    include: widen,
                    media_dir,
                    site_url,
                    title,
                    force,
                    ..freehold_export::site::SiteOptions::default()
                };
                return export_site(&db, &out, &options);
            }
            if !include.is_empty()
                || !platform.is_empty()
                || !owner.is_empty()
                || since.is_some()
                || until.is_some()
            {
                anyhow::bail!(
                    "--include, --platform, --owner, --since and --until choose what a publishing format shows; json and ndjson always hold the whole database"
                );
            }
            export(&db, format, &out, force)
        }
        Command::People { db, json, action } => crate::people::people(&db, json, action),
        Command::Search {
            query,
            db,
            platform,
            kind,
            limit,
            json,
        } => {
            if !db.exists() {
                anyhow::bail!("no database at {}", db.display());
            }
            let store = Store::open(&db)?;
            let filter = freehold_store::SearchFilter {
                platforms: platform,
                kinds: kind,
                limit,
            };
            let hits = store.search(&query.join(" "), &filter)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&hits)?);
            } else {
                for h in &hits {
                    println!(
                        "{}  {:<8} {:<10} {}\n    {}",
                        h.date.as_deref().unwrap_or("undated"),
                        h.platform,
                        h.kind,
                        h.id,
                        safe(h.snippet.replace('\n', " "))
                    );
                }
                eprintln!("{} found", hits.len());
            }
            Ok(if hits.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Schema { format } => {
            match format {
                SchemaFormat::Sql => print!("{}", freehold_store::SCHEMA_SQL),
                SchemaFormat::Markdown => print!("{}", freehold_model::schema_markdown()),
                SchemaFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&freehold_model::json_schema())?
                ),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn open_and_detect(
    path: &Path,
    limits: Limits,
) -> Result<(Archive, &'static dyn Platform, Detection)> {
    open_parts_and_detect(&[path], limits)
}

/// Opens one archive made of one or more parts (a multi-zip Facebook export) and detects it.
fn open_parts_and_detect(
    parts: &[&Path],
    limits: Limits,
) -> Result<(Archive, &'static dyn Platform, Detection)> {
    let path = parts.first().copied().unwrap_or(Path::new(""));
    // Only the parts of a multi-zip Facebook export are opened together.
    let roots = if parts.len() > 1 {
        freehold_facebook::EXPORT_ROOTS
    } else {
        &[]
    };
    let archive = Archive::open_many_with(parts, limits, roots)?;
    let platforms = platforms();
    let (platform, detection) =
        freehold_archive::detect(&platforms, &archive).ok_or_else(|| {
            let refused = archive.entries().iter().filter(|e| e.refused().is_some()).count();
            let hint = if refused > 0 {
                format!(
                    "{refused} of its {} files were refused by the size limits; see --max-file-mib and --max-ratio",
                    archive.entries().len()
                )
            } else {
                "no Twitter/X, Facebook, LinkedIn or Hyves data files were found".to_string()
            };
            freehold_archive::Error::Unrecognised {
                path: path.to_path_buf(),
                hint,
            }
        })?;
    Ok((archive, platform, detection))
}

fn import(
    archives: &[std::path::PathBuf],
    db: &Path,
    media_dir: Option<&Path>,
    quiet: bool,
    snapshot_date: Option<String>,
    limits: Limits,
) -> Result<ExitCode> {
    let mut store =
        Store::open(db).with_context(|| format!("cannot open the database {}", db.display()))?;
    let mut failed = 0;
    let mut lost = 0;
    for parts in facebook_parts(archives, limits) {
        let parts: Vec<&Path> = parts.iter().map(|p| p.as_path()).collect();
        let path = Path::new(parts.first().copied().unwrap_or(Path::new("")));
        let started = Instant::now();
        let result =
            open_parts_and_detect(&parts, limits).and_then(|(archive, platform, detection)| {
                let bar = Bar::new(quiet);
                let options = ImportOptions {
                    media_dir: media_dir.map(Path::to_path_buf),
                    progress: &bar,
                    interrupt: None,
                    snapshot_date: snapshot_date.clone(),
                };
                let outcome = store.import(&archive, platform, &detection, &options);
                bar.finish();
                Ok((archive, outcome?))
            });
        match result {
            Ok((archive, outcome)) => {
                if outcome.report.records_lost() {
                    lost += 1;
                }
                if !quiet {
                    println!(
                        "Imported {} ({}) in {:.1} s",
                        safe(archive.name()),
                        outcome.report.layout,
                        started.elapsed().as_secs_f64()
                    );
                    if let Some(at) = &outcome.snapshot {
                        println!("  snapshot of {}", safe(at));
                    }
                    if outcome.older_than_another {
                        println!(
                            "  this archive is older than one already imported: {} rows it shares with newer snapshots kept their newer values (it only filled what they lacked)",
                            outcome.rows_kept_newer
                        );
                    }
                    print_files(&outcome.report);
                    print_records("  records read:", &outcome.report.records);
                    if media_dir.is_some() {
                        println!("  media copied: {}", outcome.media_copied);
                    }
                    print_diagnostics(&outcome.report, 20);
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!(
                    "freehold: cannot import {}: {}",
                    safe(path.display()),
                    safe(format!("{e:#}"))
                );
            }
        }
    }
    if !quiet {
        let counts = store.counts()?;
        let counts: BTreeMap<&'static str, u64> = counts
            .into_iter()
            .map(|(t, n)| (t, u64::try_from(n).unwrap_or(0)))
            .collect();
        println!("Database {} now holds:", db.display());
        print_records("  rows:", &counts);
        if let Some(dir) = media_dir {
            println!("Media files are in {}", dir.display());
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else if lost > 0 {
        if !quiet {
            println!(
                "Some records could not be read (see the errors above); everything else was imported."
            );
        }
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The archives in import order, the parts of one multi-zip Facebook export grouped
/// together: names `facebook-<user>-<YYYY-MM-DD>-…` with the same user and date, when
/// the parts together are detected as Facebook. Everything else is imported alone.
fn facebook_parts(archives: &[std::path::PathBuf], limits: Limits) -> Vec<Vec<std::path::PathBuf>> {
    freehold_facebook::group_parts(archives, |parts| {
        open_parts_and_detect(parts, limits).is_ok_and(|(_, _, d)| d.platform == "facebook")
    })
}

/// A sink that only counts: `inspect` writes nothing.
struct Discard;

impl RecordSink for Discard {
    fn push(&mut self, _: Record, _: &str, _: String) -> Result<(), freehold_archive::Error> {
        Ok(())
    }
}

fn inspect(path: &Path, json: bool, limits: Limits) -> Result<ExitCode> {
    let (archive, platform, detection) = open_and_detect(path, limits)?;
    let mut sink = Discard;
    let mut cx = ParseContext::new(&mut sink);
    platform.parse(&archive, &detection, &mut cx)?;
    let report = cx.finish(&archive, &detection);
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{}: {} ({})",
        safe(archive.name()),
        detection.platform,
        detection.layout
    );
    if let Some(wrapper) = archive.wrapper() {
        println!("  inside the wrapper folder {}/", safe(wrapper));
    }
    if let Some(at) = &report.generated_at {
        println!("  generated {}", safe(at));
    }
    print_files(&report);
    println!();
    println!("  {:<9} {:>10} {:>8}  file", "fate", "bytes", "records");
    for file in report.files.values().filter(|f| f.fate != Fate::Media) {
        println!(
            "  {:<9} {:>10} {:>8}  {}{}",
            fate_name(file.fate),
            file.bytes,
            file.records,
            safe(&file.path),
            file.note
                .as_deref()
                .map(|n| format!("  ({})", safe(n)))
                .unwrap_or_default()
        );
    }
    println!();
    print_records("  records an import would write:", &report.records);
    print_diagnostics(&report, usize::MAX);
    Ok(ExitCode::SUCCESS)
}

fn export(db: &Path, format: ExportFormat, out: &Path, force: bool) -> Result<ExitCode> {
    if !db.exists() {
        anyhow::bail!("no database at {}", db.display());
    }
    let protected = freehold_store::output::Protected::database(db);
    // Refused before the database is even opened: nothing is touched.
    if out != Path::new("-") {
        protected.check(out)?;
    }
    let store = Store::open(db)?;
    match format {
        ExportFormat::Json if out == Path::new("-") => {
            let stdout = std::io::stdout();
            let mut writer = std::io::BufWriter::new(stdout.lock());
            store.export_json(&mut writer)?;
            writer.flush()?;
        }
        ExportFormat::Json => {
            let mut file = freehold_store::output::AtomicFile::create(out, &protected, force)?;
            store.export_json(&mut file)?;
            file.commit()?;
            eprintln!("Wrote {}", out.display());
        }
        ExportFormat::Site
        | ExportFormat::Vcard
        | ExportFormat::ContactsCsv
        | ExportFormat::Gexf
        | ExportFormat::Graphml => anyhow::bail!("written by its own exporter"),
        ExportFormat::Ndjson => {
            if out == Path::new("-") {
                anyhow::bail!(
                    "ndjson writes one file per table into a folder; name the folder with --out"
                );
            }
            let files = store.export_ndjson(out, force)?;
            eprintln!("Wrote {} files to {}", files.len(), out.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn export_site(
    db: &Path,
    out: &Path,
    options: &freehold_export::site::SiteOptions,
) -> Result<ExitCode> {
    if !db.exists() {
        anyhow::bail!("no database at {}", db.display());
    }
    let store = Store::open(db)?;
    let report = freehold_export::site::write_site(&store, out, options)?;
    eprint!("{}", report.summary);
    eprintln!(
        "Wrote the site to {} ({} files, {} new or changed, {} removed; {} media copied, {} not available). Open {} in a browser.",
        out.display(),
        report.files,
        report.written,
        report.removed,
        report.media_copied,
        report.media_missing,
        out.join("index.html").display()
    );
    Ok(ExitCode::SUCCESS)
}

fn fate_name(fate: Fate) -> &'static str {
    match fate {
        Fate::Parsed => "parsed",
        Fate::Partial => "partial",
        Fate::Failed => "failed",
        Fate::Media => "media",
        Fate::Skipped => "skipped",
        Fate::Unknown => "unknown",
    }
}

fn print_files(report: &Report) {
    let counts = report.fate_counts();
    let parts: Vec<String> = counts
        .iter()
        .map(|(fate, n)| format!("{n} {}", fate_name(*fate)))
        .collect();
    println!("  files: {}", parts.join(", "));
}

fn print_records(title: &str, records: &BTreeMap<&'static str, u64>) {
    let parts: Vec<String> = TABLES
        .iter()
        .filter_map(|t| {
            records
                .get(t.name)
                .filter(|n| **n > 0)
                .map(|n| format!("{} {n}", t.name))
        })
        .collect();
    println!(
        "{title} {}",
        if parts.is_empty() {
            "none".to_string()
        } else {
            parts.join(", ")
        }
    );
}

fn print_diagnostics(report: &Report, limit: usize) {
    let total = report.diagnostics.len() as u64 + report.diagnostics_dropped;
    if total == 0 {
        println!("  no problems found");
        return;
    }
    println!("  {total} diagnostic{}:", if total == 1 { "" } else { "s" });
    for d in report.diagnostics.iter().take(limit) {
        println!("    {}", safe(d));
    }
    if total > limit as u64 {
        println!(
            "    … and {} more (all are in imports.report)",
            total - limit as u64
        );
    }
}
