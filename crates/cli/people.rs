//! `freehold people` and the people exports (vcard, contacts-csv, gexf, graphml).

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;
use freehold_export::people::{People, PeopleReport, contacts_csv, graph, vcard};
use freehold_store::Store;

use crate::args::{CsvStyle, ExportFormat, GraphNodes, PeopleAction};
use crate::terminal::safe;

/// The options of a people export.
pub struct PeopleExport {
    pub format: ExportFormat,
    pub vcard_version: String,
    pub csv_style: CsvStyle,
    pub nodes: GraphNodes,
    pub redact: Option<freehold_export::privacy::Redactor>,
}

fn open(db: &Path) -> Result<Store> {
    if !db.exists() {
        anyhow::bail!("no database at {}", db.display());
    }
    Ok(Store::open(db)?)
}

/// Writes a people export to `out` (`-` for standard output, for vcard and csv).
pub fn export(db: &Path, out: &Path, force: bool, what: &PeopleExport) -> Result<ExitCode> {
    let protected = freehold_store::output::Protected::database(db);
    let stdout = out == Path::new("-");
    if !stdout {
        protected.check(out)?;
    }
    let store = open(db)?;
    freehold_people::link(&store)?;
    let mut people = People::load(&store)?;
    let redacted = what.redact.as_ref().map(|r| people.redact(r));
    let write = |w: &mut dyn Write| -> std::io::Result<PeopleReport> {
        match what.format {
            ExportFormat::Vcard => vcard::write_vcards(
                &people,
                w,
                if what.vcard_version == "3.0" {
                    vcard::Version::V3
                } else {
                    vcard::Version::V4
                },
            ),
            ExportFormat::ContactsCsv => contacts_csv::write_contacts_csv(
                &people,
                w,
                match what.csv_style {
                    CsvStyle::Google => contacts_csv::Style::Google,
                    CsvStyle::Plain => contacts_csv::Style::Plain,
                },
            ),
            ExportFormat::Gexf | ExportFormat::Graphml => graph::write_graph(
                &people,
                w,
                if what.format == ExportFormat::Gexf {
                    graph::Format::Gexf
                } else {
                    graph::Format::Graphml
                },
                match what.nodes {
                    GraphNodes::Persons => graph::Nodes::Persons,
                    GraphNodes::Accounts => graph::Nodes::Accounts,
                },
            ),
            _ => Err(std::io::Error::other("not a people export")),
        }
    };
    let report = if stdout {
        let out = std::io::stdout();
        let mut lock = out.lock();
        let report = write(&mut lock)?;
        lock.flush()?;
        report
    } else {
        let mut file = freehold_store::output::AtomicFile::create(out, &protected, force)?;
        let report = write(&mut file)?;
        file.commit()?;
        report
    };
    match redacted {
        Some(n) => {
            // The notice of other people's data does not hold: say what was done instead.
            let summary = report.summary.replace(freehold_export::people::NOTICE, "");
            eprint!("{}", summary.trim_end());
            eprintln!();
            eprintln!("{}", freehold_export::people::redacted_notice(n));
        }
        None => eprint!("{}", report.summary),
    }
    if !stdout {
        eprintln!("Wrote {}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// `freehold people [list|accept|reject|link|unlink]`.
pub fn people(db: &Path, json: bool, action: Option<PeopleAction>) -> Result<ExitCode> {
    let store = open(db)?;
    let now = freehold_model::time::now();
    let mut all = false;
    match action {
        None => {}
        Some(PeopleAction::List { all: a }) => all = a,
        Some(PeopleAction::Accept { id }) => decide(&store, "accept", &id, &now)?,
        Some(PeopleAction::Reject { id }) => decide(&store, "reject", &id, &now)?,
        Some(PeopleAction::Link { account, other }) => {
            known(&store, &account)?;
            known(&store, &other)?;
            store.add_person_decision("link", &account, Some(&other), &now)?;
        }
        Some(PeopleAction::Unlink { account, other }) => {
            known(&store, &account)?;
            if let Some(o) = &other {
                known(&store, o)?;
            }
            store.add_person_decision("unlink", &account, other.as_deref(), &now)?;
        }
    }
    let linking = freehold_people::link(&store)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&freehold_people::to_json(&linking.tables))?
        );
        return Ok(ExitCode::SUCCESS);
    }
    print_people(&linking, all);
    Ok(ExitCode::SUCCESS)
}

fn known(store: &Store, account: &str) -> Result<()> {
    if store.account(account)?.is_none() {
        anyhow::bail!("no account {} in the database", safe(account));
    }
    Ok(())
}

/// Accepts or rejects a candidate by its id (or the id of any stored link).
fn decide(store: &Store, action: &str, id: &str, now: &str) -> Result<()> {
    let linking = freehold_people::link(store)?;
    let Some(link) = linking.tables.links.iter().find(|l| l.id == id) else {
        anyhow::bail!(
            "no candidate {}: `freehold people` lists them (ids start with `link:`)",
            safe(id)
        );
    };
    store.add_person_decision(action, &link.account_a, Some(&link.account_b), now)?;
    Ok(())
}

fn print_people(linking: &freehold_people::Linking, all: bool) {
    let t = &linking.tables;
    let mut members: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for m in &t.members {
        members
            .entry(m.person_id.as_str())
            .or_default()
            .push(m.id.as_str());
    }
    let s = linking.stats;
    println!(
        "{} accounts, {} persons ({} with more than one account); {} automatic links, {} by you, {} rejected; {} candidates to decide.",
        s.accounts, s.persons, s.linked_persons, s.automatic, s.by_owner, s.rejected, s.candidates
    );
    println!();
    println!("Persons:");
    let mut singles = 0;
    for p in &t.persons {
        let accounts = members.get(p.id.as_str()).cloned().unwrap_or_default();
        if accounts.len() < 2 && !p.is_owner && !all {
            singles += 1;
            continue;
        }
        println!(
            "  {}  {}{}",
            p.id,
            safe(p.name.as_deref().unwrap_or("(no name)")),
            if p.is_owner { "  (you)" } else { "" }
        );
        for a in accounts {
            println!("      {}", safe(a));
        }
    }
    if singles > 0 {
        println!("  … and {singles} persons with one account (`freehold people list --all`)");
    }
    let candidates = freehold_people::candidates(t);
    println!();
    if candidates.is_empty() {
        println!("No candidates to decide.");
        return;
    }
    println!("Candidates (accept or reject each with `freehold people accept|reject ID`):");
    for l in candidates {
        let evidence: Vec<freehold_people::Evidence> =
            serde_json::from_str(&l.evidence).unwrap_or_default();
        println!(
            "  {}  score {:.2}  {}  ~  {}",
            l.id,
            l.score.unwrap_or(0.0),
            safe(&l.account_a),
            safe(&l.account_b)
        );
        for e in evidence {
            println!("      {}: {}", e.kind, safe(&e.detail));
        }
    }
}
