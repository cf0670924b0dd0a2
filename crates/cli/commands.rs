//! The subcommands.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};
use freehold_archive::{Archive, Detection, Fate, Limits, Report};
use freehold_model::TABLES;
use freehold_store::{ImportOptions, Store};

use crate::args::{Cli, Command, ExportFormat, SchemaFormat};
use crate::progress::Bar;
use crate::terminal::safe;

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
            archives,
            json,
            limits,
        } => inspect(&archives, json, limits.limits()),
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
            wxr_max_mib,
            redact,
            redact_key,
        } => {
            let redact = match redact.as_deref() {
                None => None,
                Some("third-parties") => Some(freehold_export::privacy::Redactor::new(
                    redact_key.as_deref(),
                )),
                Some(other) => anyhow::bail!(
                    "--redact takes `third-parties` (everyone but you), not `{other}`"
                ),
            };
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
                    redact,
                };
                return crate::people::export(&db, &out, force, &what);
            }
            if matches!(
                format,
                ExportFormat::Site
                    | ExportFormat::Wxr
                    | ExportFormat::Markdown
                    | ExportFormat::Activitystreams
            ) {
                let mut widen = freehold_export::privacy::Include::default();
                for what in &include {
                    widen.add(what).map_err(anyhow::Error::msg)?;
                }
                let selection = freehold_export::Selection {
                    owners: owner,
                    platforms: platform,
                    since,
                    until,
                };
                let publishing = PublishArgs {
                    common: freehold_export::published::Publishing {
                        selection,
                        include: widen,
                        media_dir,
                        force,
                        redact,
                    },
                    site_url,
                    title,
                    wxr_max_bytes: wxr_max_mib.max(1).saturating_mul(1 << 20),
                };
                return export_publishing(&db, format, &out, publishing);
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
            export(&db, format, &out, force, redact)
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
        Command::DatasetteMetadata { db } => {
            // Datasette names a database by its file name without the extension.
            let name = db
                .file_stem()
                .map_or_else(|| "freehold".into(), |s| s.to_string_lossy().into_owned());
            println!(
                "{}",
                serde_json::to_string_pretty(&freehold_model::datasette_metadata(&name))?
            );
            Ok(ExitCode::SUCCESS)
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

fn import(
    archives: &[std::path::PathBuf],
    db: &Path,
    media_dir: Option<&Path>,
    quiet: bool,
    snapshot_date: Option<String>,
    limits: Limits,
) -> Result<ExitCode> {
    let interrupt = crate::interrupt::flag();
    let (archives, mut failed) = expand(archives, limits, quiet);
    let mut store =
        Store::open(db).with_context(|| format!("cannot open the database {}", db.display()))?;
    let mut lost = 0;
    let mut imported = 0;
    let mut interrupted = None;
    for parts in &archives {
        let parts: Vec<&Path> = parts.iter().map(|p| p.as_path()).collect();
        let path = Path::new(parts.first().copied().unwrap_or(Path::new("")));
        if crate::interrupt::asked() {
            interrupted = Some(path.to_path_buf());
            break;
        }
        let started = Instant::now();
        let result = freehold::open(&parts, limits)
            .map_err(anyhow::Error::from)
            .and_then(|opened| {
                let bar = Bar::new(quiet, &opened.archive.name());
                let options = ImportOptions {
                    media_dir: media_dir.map(Path::to_path_buf),
                    progress: &bar,
                    interrupt: Some(interrupt),
                    snapshot_date: snapshot_date.clone(),
                };
                let outcome = store.import(
                    &opened.archive,
                    opened.platform,
                    &opened.detection,
                    &options,
                );
                bar.finish();
                Ok((opened.archive, outcome?))
            });
        match result {
            Ok((archive, outcome)) => {
                imported += 1;
                if outcome.report.records_lost() {
                    lost += 1;
                }
                if !quiet {
                    print_outcome(&archive, &outcome, media_dir.is_some(), started);
                }
            }
            Err(_) if crate::interrupt::asked() => {
                interrupted = Some(path.to_path_buf());
                break;
            }
            Err(e) => {
                failed += 1;
                let message = crate::errors::message(&e);
                let shown = path.display().to_string();
                if message.contains(&shown) {
                    eprintln!("freehold: {}", safe(message));
                } else {
                    eprintln!("freehold: cannot import {}: {}", safe(shown), safe(message));
                }
            }
        }
    }
    let store = if imported == 0 {
        // A new database that nothing was written to goes, with its lock file.
        store
            .close_removing_if_unused()
            .with_context(|| format!("cannot remove the unused database {}", db.display()))?;
        None
    } else {
        Some(store)
    };
    if let Some(path) = interrupted {
        let kept = if imported > 0 {
            format!(
                "; the {imported} archive{} imported before it {} kept in {}",
                if imported == 1 { "" } else { "s" },
                if imported == 1 { "is" } else { "are" },
                db.display()
            )
        } else {
            String::new()
        };
        eprintln!(
            "freehold: interrupted: nothing of {} was written{kept}",
            safe(path.display())
        );
        return Ok(ExitCode::from(130));
    }
    if let Some(store) = store.filter(|_| !quiet) {
        let counts = store.counts()?;
        let counts: BTreeMap<&'static str, u64> = counts
            .into_iter()
            .map(|(t, n)| (t, u64::try_from(n).unwrap_or(0)))
            .collect();
        println!("Database {} now holds:", db.display());
        print_records("  rows:", &counts);
        println!(
            "  (fewer rows than records read: the same person, post or message read from several files or archives is stored once, merged)"
        );
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

/// The summary of one import.
fn print_outcome(
    archive: &Archive,
    outcome: &freehold_store::ImportOutcome,
    media: bool,
    started: Instant,
) {
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
    print_set_aside(&outcome.report, SET_ASIDE_SHOWN);
    print_records("  records read:", &outcome.report.records);
    if media {
        println!("  media copied: {}", outcome.media_copied);
    }
    print_diagnostics(&outcome.report, 20);
}

/// The archives the paths hold (see [`freehold::sources`]), saying which folders held
/// several; a folder with archives deep inside is refused with their list. Returns the
/// archives, each as its parts, and how many paths were refused.
fn expand(paths: &[PathBuf], limits: Limits, quiet: bool) -> (Vec<Vec<PathBuf>>, u32) {
    let sources = freehold::sources(paths, limits);
    if !quiet {
        for (folder, archives) in &sources.expanded {
            println!(
                "{} holds {} archives; each is imported on its own, in this order:",
                safe(folder.display()),
                archives.len()
            );
            for a in archives {
                println!("  {}", safe(a.display()));
            }
        }
    }
    for (folder, archives) in &sources.nested {
        eprintln!("{}", nested_message(folder, archives));
    }
    let refused = u32::try_from(sources.nested.len()).unwrap_or(u32::MAX);
    (sources.archives, refused)
}

/// The refusal of a folder with archives deep inside, each path escaped for the terminal.
fn nested_message(path: &Path, archives: &[std::path::PathBuf]) -> String {
    let list: Vec<String> = archives
        .iter()
        .map(|a| format!("  {}", safe(a.display())))
        .collect();
    format!(
        "freehold: {} is not an export archive, but {} archives sit deeper inside it; name the ones you mean:\n{}",
        safe(path.display()),
        archives.len(),
        list.join("\n")
    )
}

/// How many skipped and unknown files a summary names.
const SET_ASIDE_SHOWN: usize = 5;

/// Names the first skipped and unknown files, and says where the rest are.
fn print_set_aside(report: &Report, shown: usize) {
    for (fate, label) in [(Fate::Skipped, "skipped"), (Fate::Unknown, "unknown")] {
        let files: Vec<&freehold_archive::FileReport> =
            report.files.values().filter(|f| f.fate == fate).collect();
        if files.is_empty() {
            continue;
        }
        let names: Vec<String> = files
            .iter()
            .take(shown)
            .map(|f| match &f.note {
                Some(note) => format!("{} ({})", safe(&f.path), safe(note)),
                None => safe(&f.path),
            })
            .collect();
        let rest = if files.len() > shown {
            format!(
                "; and {} more (every file is in imports.report, or run freehold inspect)",
                files.len() - shown
            )
        } else {
            String::new()
        };
        println!("  {label}: {}{rest}", names.join(", "));
    }
}

fn inspect(paths: &[std::path::PathBuf], json: bool, limits: Limits) -> Result<ExitCode> {
    let (archives, mut failed) = expand(paths, limits, json);
    let mut reports = Vec::new();
    for parts in &archives {
        let parts: Vec<&Path> = parts.iter().map(|p| p.as_path()).collect();
        match freehold::inspect(&parts, limits).map_err(anyhow::Error::from) {
            Ok((opened, report)) => {
                if !json {
                    print_inspection(&opened.archive, &opened.detection, &report);
                }
                reports.push(report);
            }
            Err(e) => {
                failed += 1;
                eprintln!("freehold: {}", safe(crate::errors::message(&e)));
            }
        }
    }
    if json {
        // One archive: its report; several: the list of their reports.
        let text = match reports.as_slice() {
            [one] => serde_json::to_string_pretty(one)?,
            many => serde_json::to_string_pretty(many)?,
        };
        println!("{text}");
    }
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_inspection(archive: &Archive, detection: &Detection, report: &Report) {
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
    print_files(report);
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
    print_media(report);
    println!();
    print_records("  records an import would read:", &report.records);
    print_diagnostics(report, usize::MAX);
    println!();
}

/// The media files, by folder: a table row each would drown the data files.
fn print_media(report: &Report) {
    let mut folders: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for file in report.files.values().filter(|f| f.fate == Fate::Media) {
        let dir = file.path.rsplit_once('/').map_or("", |(d, _)| d);
        let slot = folders.entry(dir).or_default();
        slot.0 += 1;
        slot.1 += file.bytes;
    }
    if folders.is_empty() {
        return;
    }
    let total: u64 = folders.values().map(|(n, _)| n).sum();
    println!("  and {total} media files by folder (--json lists each):");
    for (dir, (n, bytes)) in &folders {
        let dir = if dir.is_empty() { "." } else { dir };
        println!(
            "  {:<9} {:>10} {:>8}  {}/ ({n} files)",
            "media",
            bytes,
            0,
            safe(dir)
        );
    }
}

fn export(
    db: &Path,
    format: ExportFormat,
    out: &Path,
    force: bool,
    redact: Option<freehold_export::privacy::Redactor>,
) -> Result<ExitCode> {
    if !db.exists() {
        anyhow::bail!("no database at {}", db.display());
    }
    let protected = freehold_store::output::Protected::database(db);
    // Refused before the database is even opened: nothing is touched.
    if out != Path::new("-") {
        protected.check(out)?;
    }
    let store = Store::open(db)?;
    let mut redaction = match redact {
        Some(r) => Some(freehold_export::data::DataRedaction::new(&store, r)?),
        None => None,
    };
    let mut transform =
        |table: &freehold_model::TableDef, row: &mut serde_json::Map<String, serde_json::Value>| {
            redaction.as_mut().is_none_or(|r| r.transform(table, row))
        };
    match format {
        ExportFormat::Json if out == Path::new("-") => {
            let stdout = std::io::stdout();
            let mut writer = std::io::BufWriter::new(stdout.lock());
            store.export_json_with(&mut writer, &mut transform)?;
            writer.flush()?;
        }
        ExportFormat::Json => {
            let mut file = freehold_store::output::AtomicFile::create(out, &protected, force)?;
            store.export_json_with(&mut file, &mut transform)?;
            file.commit()?;
            eprintln!("Wrote {}", out.display());
        }
        ExportFormat::Site
        | ExportFormat::Vcard
        | ExportFormat::ContactsCsv
        | ExportFormat::Gexf
        | ExportFormat::Graphml => anyhow::bail!("written by its own exporter"),
        ExportFormat::Wxr | ExportFormat::Markdown | ExportFormat::Activitystreams => {
            anyhow::bail!("publishing formats are written by export_publishing")
        }
        ExportFormat::Ndjson => {
            if out == Path::new("-") {
                anyhow::bail!(
                    "ndjson writes one file per table into a folder; name the folder with --out"
                );
            }
            let files = store.export_ndjson_with(out, force, &mut transform)?;
            eprintln!("Wrote {} files to {}", files.len(), out.display());
        }
    }
    if let Some(r) = &redaction {
        let dropped: Vec<String> = r
            .dropped()
            .iter()
            .map(|(table, n)| format!("{n} {table}"))
            .collect();
        eprintln!(
            "Redacted (--redact third-parties): {} accounts other than yours are pseudonyms; their names, handles, ids and contact details are masked; rows left out: {}.",
            r.pseudonymised(),
            if dropped.is_empty() {
                "none".to_string()
            } else {
                dropped.join(", ")
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The options of the publishing formats: those they all share, and those some take.
struct PublishArgs {
    common: freehold_export::published::Publishing,
    site_url: Option<String>,
    title: Option<String>,
    wxr_max_bytes: u64,
}

fn export_publishing(
    db: &Path,
    format: ExportFormat,
    out: &Path,
    o: PublishArgs,
) -> Result<ExitCode> {
    if !db.exists() {
        anyhow::bail!("no database at {}", db.display());
    }
    if o.common.include.graph && format != ExportFormat::Activitystreams {
        anyhow::bail!(
            "--include graph adds the follows CSV and likes of activitystreams; {format:?} publishes posts only"
        );
    }
    let store = Store::open(db)?;
    let redacted = o.common.redact.is_some();
    let done = match format {
        ExportFormat::Wxr => {
            let options = freehold_export::wxr::WxrOptions {
                publishing: o.common,
                site_url: o.site_url,
                title: o.title,
                max_bytes: o.wxr_max_bytes,
            };
            let report = freehold_export::wxr::write_wxr(&store, out, &options)?;
            eprint!("{}", report.summary);
            eprintln!(
                "Wrote {} WXR file(s) to {} ({} posts, {} attachments, {} comments; {} media copied, {} without an address to give WordPress{}). Import them in order with Tools > Import > WordPress.",
                report.files.len(),
                out.display(),
                report.posts,
                report.attachments,
                report.comments,
                report.media_copied,
                report.media_missing,
                if options.site_url.is_none() && report.media_copied > 0 {
                    ": add --site-url for where you will upload the folder"
                } else {
                    ""
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        ExportFormat::Markdown => {
            let options = freehold_export::markdown::MarkdownOptions {
                publishing: o.common,
            };
            let report = freehold_export::markdown::write_markdown(&store, out, &options)?;
            eprint!("{}", report.summary);
            eprintln!(
                "Wrote {} pages to {} ({} media copied, {} not available).",
                report.pages,
                out.join("content/posts").display(),
                report.media_copied,
                report.media_missing
            );
            Ok(ExitCode::SUCCESS)
        }
        ExportFormat::Activitystreams => {
            let options = freehold_export::activitystreams::ActivityOptions {
                publishing: o.common,
                site_url: o.site_url,
            };
            let report =
                freehold_export::activitystreams::write_activitystreams(&store, out, &options)?;
            eprint!("{}", report.summary);
            if report.reposts_withheld > 0 {
                eprintln!(
                    "withheld: {} reposts of posts not known to be public",
                    report.reposts_withheld
                );
            }
            if let Some((people, likes)) = report.graph_withheld {
                eprintln!(
                    "withheld: {people} accounts you follow or are connected to and {likes} likes (add --include graph to write following_accounts.csv, find-them-again.csv and likes.json)"
                );
            }
            eprintln!(
                "Wrote the archive to {} ({} posts, {} reposts, {} likes; {} media copied, {} not available; {} fediverse accounts to follow, {} to find again by hand).",
                out.display(),
                report.notes,
                report.announces,
                report.likes,
                report.media_copied,
                report.media_missing,
                report.follows,
                report.find_again
            );
            Ok(ExitCode::SUCCESS)
        }
        _ => {
            let options = freehold_export::site::SiteOptions {
                publishing: o.common,
                site_url: o.site_url,
                title: o.title,
                ..freehold_export::site::SiteOptions::default()
            };
            export_site(&store, out, &options)
        }
    };
    if redacted {
        eprintln!(
            "Redacted (--redact third-parties): everyone but you is a pseudonym; their handles and names are masked in the text, their profile links dropped."
        );
    }
    done
}

fn export_site(
    store: &Store,
    out: &Path,
    options: &freehold_export::site::SiteOptions,
) -> Result<ExitCode> {
    let bar = crate::progress::export_bar(false, "site", 0);
    let report = freehold_export::site::write_site_with_progress(
        store,
        out,
        options,
        &mut |done, total| {
            bar.set_length(total);
            bar.set_position(done);
        },
    )?;
    bar.finish_and_clear();
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
