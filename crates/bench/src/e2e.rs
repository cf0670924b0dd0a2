//! End-to-end measurements: an import run as `freehold import` runs it, the process's CPU
//! time and peak memory, and the physical floor of the same work.
//!
//! [`import`] opens, detects and imports archives into a fresh database exactly as the
//! command-line tool does (the same platforms, the same default [`Limits`], the same
//! grouping of a multi-zip Facebook export). [`floor`] then measures, on the same
//! archives, the least any importer has to do: inflate the data files, parse their bytes
//! without building anything, and insert as many rows of the same size into SQLite.
//! The `freehold-e2e` binary prints both.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Instant;

use freehold_archive::{Archive, Entry, Limits, Platform as Parser, Severity};
use freehold_store::{ImportOptions, Store};
use serde::Deserialize as _;

/// Every platform parser freehold has, in the order the command-line tool lists them
/// (the registry of the `freehold` library).
pub fn parsers() -> &'static [&'static dyn Parser] {
    freehold::platforms()
}

/// The parser of one generator platform, from the registry (`None` would mean the
/// generator makes archives of a platform freehold does not read).
pub fn parser(platform: crate::Platform) -> Option<&'static dyn Parser> {
    freehold::platform(platform.name())
}

/// Opens one archive of one or more parts and detects its platform, as the command-line
/// tool does ([`freehold::open`]).
///
/// # Errors
///
/// When the archive cannot be opened or no platform recognises it.
pub fn open_and_detect(
    parts: &[&Path],
) -> io::Result<(Archive, &'static dyn Parser, freehold_archive::Detection)> {
    let name = parts
        .first()
        .map_or_else(String::new, |p| p.display().to_string());
    let opened = freehold::open(parts, Limits::default())
        .map_err(|e| io::Error::other(format!("cannot open {name}: {e}")))?;
    Ok((opened.archive, opened.platform, opened.detection))
}

/// The archives in import order, the parts of one multi-zip Facebook export grouped
/// together, as `freehold import` groups them ([`freehold::group`]).
pub fn group_parts(archives: &[PathBuf]) -> Vec<Vec<PathBuf>> {
    freehold::group(archives, Limits::default())
}

/// Deletes a SQLite database and its `-wal` and `-shm` files, if they exist.
///
/// # Errors
///
/// When a file exists but cannot be deleted.
pub fn remove_database(path: &Path) -> io::Result<()> {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::remove_file(PathBuf::from(name)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// One archive of an [`ImportRun`].
#[derive(Debug, Clone)]
pub struct ImportedArchive {
    /// Its name (several parts joined with ` + `).
    pub name: String,
    /// The layout detected, e.g. `twitter/ytd-data-plural`.
    pub layout: String,
    /// Whether it was read from zip files.
    pub zip: bool,
    /// Uncompressed bytes of its data files ([`Archive::data_bytes`]).
    pub data_bytes: u64,
    /// Records written ([`freehold_archive::Report::total_records`]).
    pub records: u64,
}

/// What an end-to-end import did and cost.
#[derive(Debug, Clone)]
pub struct ImportRun {
    /// The archives, in import order.
    pub archives: Vec<ImportedArchive>,
    /// Wall time from opening the database to closing it, in seconds.
    pub seconds: f64,
    /// CPU time (user + system, every thread) over the same span, when the platform
    /// tells it (Linux).
    pub cpu_seconds: Option<f64>,
    /// The process's peak resident memory right after the import, when the platform
    /// tells it (Linux).
    pub peak_rss_bytes: Option<u64>,
    /// Records written per table, summed over the archives.
    pub records_by_table: BTreeMap<&'static str, u64>,
    /// Warnings and errors the reports hold.
    pub problems: u64,
    /// The size of the database file once closed.
    pub db_bytes: u64,
}

impl ImportRun {
    /// Records written, all tables.
    pub fn records(&self) -> u64 {
        self.archives.iter().map(|a| a.records).sum()
    }

    /// Uncompressed bytes of the data files read.
    pub fn data_bytes(&self) -> u64 {
        self.archives.iter().map(|a| a.data_bytes).sum()
    }
}

/// Imports `archives` into a new database at `db` (deleted first, with its `-wal` and
/// `-shm` files) exactly as `freehold import -q` does, and measures it. Returns the
/// measurements and the opened archives, for [`floor`].
///
/// # Errors
///
/// When an archive cannot be opened, recognised or imported, or the database fails.
pub fn import(archives: &[PathBuf], db: &Path) -> io::Result<(ImportRun, Vec<Archive>)> {
    remove_database(db)?;
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let mut store = Store::open(db)
        .map_err(|e| io::Error::other(format!("cannot open {}: {e}", db.display())))?;
    let mut imported = Vec::new();
    let mut opened = Vec::new();
    let mut records_by_table = BTreeMap::new();
    let mut problems = 0;
    for parts in group_parts(archives) {
        let parts: Vec<&Path> = parts.iter().map(PathBuf::as_path).collect();
        let (archive, parser, detection) = open_and_detect(&parts)?;
        let outcome = store
            .import(&archive, parser, &detection, &ImportOptions::default())
            .map_err(|e| io::Error::other(format!("cannot import {}: {e}", archive.name())))?;
        let report = outcome.report;
        for (table, n) in &report.records {
            *records_by_table.entry(*table).or_default() += n;
        }
        problems += report
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .count() as u64
            + report.diagnostics_dropped;
        imported.push(ImportedArchive {
            name: archive.name(),
            layout: report.layout.clone(),
            zip: archive.is_zip(),
            data_bytes: archive.data_bytes(),
            records: report.total_records(),
        });
        opened.push(archive);
    }
    // Closing checkpoints the write-ahead log into the database, as the command does
    // when it exits.
    drop(store);
    let seconds = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    let run = ImportRun {
        archives: imported,
        seconds,
        cpu_seconds: cpu,
        peak_rss_bytes: peak_rss_bytes(),
        records_by_table,
        problems,
        db_bytes: std::fs::metadata(db).map_or(0, |m| m.len()),
    };
    Ok((run, opened))
}

/// The physical floor of an import: the least any importer must do with the same
/// archives and the same number of rows. See [`floor`].
#[derive(Debug, Clone, Default)]
pub struct Floor {
    /// Seconds to read every data file to its end (for a zip: to inflate it).
    pub inflate_seconds: f64,
    /// Seconds to parse the same bytes into nothing: JSON (and `.js` after its
    /// `window.X =` prefix) with serde_json into `IgnoredAny`, CSV records counted with
    /// the csv crate, XML events counted with quick-xml.
    pub parse_seconds: f64,
    /// Seconds to insert [`Floor::rows`] rows of [`Floor::row_bytes`] bytes into a fresh
    /// SQLite file with one prepared statement in one transaction, commit and close it.
    pub insert_seconds: f64,
    /// Data files read.
    pub files: u64,
    /// Bytes read from them.
    pub bytes: u64,
    /// JSON documents parsed.
    pub json_documents: u64,
    /// CSV records counted.
    pub csv_records: u64,
    /// XML events counted.
    pub xml_events: u64,
    /// Data files read but not parsed (HTML, plain text).
    pub unparsed_files: u64,
    /// Files whose bare parse failed, with the reason (they still count in the times).
    pub parse_failures: Vec<String>,
    /// Rows inserted.
    pub rows: u64,
    /// Bytes per row: an id and a body.
    pub row_bytes: u64,
}

impl Floor {
    /// The floor: inflate + parse + insert, one after another.
    pub fn seconds(&self) -> f64 {
        self.inflate_seconds + self.parse_seconds + self.insert_seconds
    }

    /// The floor when reading and parsing run beside the insert, as an import's parser
    /// and writer threads do: the larger of the two.
    pub fn overlapped_seconds(&self) -> f64 {
        (self.inflate_seconds + self.parse_seconds).max(self.insert_seconds)
    }
}

/// The extensions of data files ([`Archive::data_bytes`] counts the same ones).
const DATA: &[&str] = &["js", "json", "csv", "tsv", "xml", "html", "htm", "txt"];

fn extension(entry: &Entry) -> Option<String> {
    let (_, ext) = entry.file_name().rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    DATA.contains(&ext.as_str()).then_some(ext)
}

/// Measures the floor of importing `archives`: (a) read every data file to its end
/// (media files are left out: an import without `--media-dir` never reads them),
/// (b) parse the same bytes into nothing, and (c) insert `rows` rows of about
/// `row_bytes` bytes each into a new SQLite file at `scratch_db` (deleted before and
/// after) with the pragmas of freehold's store.
///
/// # Errors
///
/// When a file cannot be read or SQLite fails. A file that does not parse is listed in
/// [`Floor::parse_failures`] instead.
pub fn floor(
    archives: &[Archive],
    rows: u64,
    row_bytes: u64,
    scratch_db: &Path,
) -> io::Result<Floor> {
    let mut floor = Floor::default();
    let mut buf = Vec::new();
    for archive in archives {
        for entry in archive.entries() {
            let Some(ext) = extension(entry) else {
                continue;
            };
            if entry.refused().is_some() {
                continue;
            }
            buf.clear();
            let started = Instant::now();
            archive
                .read_entry(entry, |r| r.read_to_end(&mut buf))
                .map_err(io::Error::other)?;
            floor.inflate_seconds += started.elapsed().as_secs_f64();
            floor.files += 1;
            floor.bytes += buf.len() as u64;
            let started = Instant::now();
            let parsed = bare_parse(&ext, &buf, &mut floor);
            floor.parse_seconds += started.elapsed().as_secs_f64();
            if let Err(e) = parsed {
                floor.parse_failures.push(format!("{}: {e}", entry.path));
            }
        }
    }
    drop(buf);
    floor.rows = rows;
    floor.row_bytes = row_bytes;
    floor.insert_seconds = bare_insert(scratch_db, rows, row_bytes)?;
    Ok(floor)
}

/// Parses `bytes` as a file with extension `ext` into nothing, counting what it saw.
fn bare_parse(ext: &str, bytes: &[u8], floor: &mut Floor) -> Result<(), String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match ext {
        "json" | "js" => {
            let json = if ext == "js" {
                // `window.YTD.tweets.part0 = [ … ]`: the JSON starts after the first `=`.
                bytes
                    .iter()
                    .position(|&b| b == b'=')
                    .map_or(bytes, |i| &bytes[i + 1..])
            } else {
                bytes
            };
            let mut de = serde_json::Deserializer::from_slice(json);
            serde::de::IgnoredAny::deserialize(&mut de).map_err(|e| e.to_string())?;
            floor.json_documents += 1;
        }
        "csv" | "tsv" => {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(if ext == "tsv" { b'\t' } else { b',' })
                .from_reader(bytes);
            let mut record = csv::ByteRecord::new();
            while reader
                .read_byte_record(&mut record)
                .map_err(|e| e.to_string())?
            {
                floor.csv_records += 1;
            }
        }
        "xml" => {
            let mut reader = quick_xml::Reader::from_reader(bytes);
            loop {
                match reader.read_event().map_err(|e| e.to_string())? {
                    quick_xml::events::Event::Eof => break,
                    _ => floor.xml_events += 1,
                }
            }
        }
        _ => floor.unparsed_files += 1,
    }
    Ok(())
}

/// Inserts `rows` rows of about `row_bytes` bytes into a new database at `path` and
/// returns the seconds it took, from opening to closing. The file is deleted after.
fn bare_insert(path: &Path, rows: u64, row_bytes: u64) -> io::Result<f64> {
    let sql = |e: rusqlite::Error| io::Error::other(format!("bare insert: {e}"));
    remove_database(path)?;
    let started = Instant::now();
    {
        let conn = rusqlite::Connection::open(path).map_err(sql)?;
        // The pragmas of the first import into a new database (see
        // `freehold_store::Store::import`): no journal, synced once at the end.
        conn.pragma_update(None, "page_size", 16_384).map_err(sql)?;
        conn.pragma_update(None, "journal_mode", "OFF")
            .map_err(sql)?;
        conn.pragma_update(None, "synchronous", "OFF")
            .map_err(sql)?;
        conn.pragma_update(None, "temp_store", "FILE")
            .map_err(sql)?;
        conn.pragma_update(None, "cache_size", -16_000)
            .map_err(sql)?;
        conn.execute_batch("CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT); BEGIN")
            .map_err(sql)?;
        let mut id = String::with_capacity(32);
        // Ids as long as freehold's readable ones (`tw:post:<snowflake>`), ascending.
        let id_len = "fl:row:0000000000000000000".len() as u64;
        let body = "x".repeat(usize::try_from(row_bytes.saturating_sub(id_len)).unwrap_or(0));
        {
            let mut insert = conn
                .prepare("INSERT INTO t (id, body) VALUES (?1, ?2)")
                .map_err(sql)?;
            for i in 0..rows {
                id.clear();
                let _ = write!(id, "fl:row:{i:019}");
                insert.execute((id.as_str(), body.as_str())).map_err(sql)?;
            }
        }
        conn.execute_batch("COMMIT").map_err(sql)?;
        conn.close().map_err(|(_, e)| sql(e))?;
        std::fs::OpenOptions::new()
            .write(true)
            .open(path)?
            .sync_all()?;
    }
    let seconds = started.elapsed().as_secs_f64();
    remove_database(path)?;
    Ok(seconds)
}

/// Clock ticks per second of `/proc/<pid>/stat`: `USER_HZ`, 100 on every Linux
/// architecture's user-space ABI.
const USER_HZ: f64 = 100.0;

/// CPU time this process has used so far, user + system, all threads: fields 14 and 15
/// of `/proc/self/stat`. `None` where there is no such file.
pub fn cpu_seconds() -> Option<f64> {
    parse_stat_cpu(&std::fs::read_to_string("/proc/self/stat").ok()?)
}

/// The user + system seconds in the text of a `/proc/<pid>/stat` file.
pub fn parse_stat_cpu(stat: &str) -> Option<f64> {
    // The command name (field 2) is in parentheses and may hold spaces and `)`: the
    // fields after it start after the last `)`, with field 3 (the state) first.
    let (_, rest) = stat.rsplit_once(')')?;
    let mut fields = rest.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some((user + system) as f64 / USER_HZ)
}

/// This process's peak resident memory so far (`VmHWM` of `/proc/self/status`), in
/// bytes. `None` where there is no such file.
pub fn peak_rss_bytes() -> Option<u64> {
    parse_status_hwm(&std::fs::read_to_string("/proc/self/status").ok()?)
}

/// The `VmHWM` line of a `/proc/<pid>/status` file, in bytes.
pub fn parse_status_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let mut words = line["VmHWM:".len()..].split_whitespace();
    let n: u64 = words.next()?.parse().ok()?;
    match words.next() {
        Some("kB") | None => Some(n * 1024),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_cpu_fields() {
        let stat = "1234 (a) b) c) S 1 1234 1234 0 -1 4194560 500 0 0 0 150 25 0 0 20 0 3 0 100";
        assert_eq!(parse_stat_cpu(stat), Some(1.75));
        assert_eq!(parse_stat_cpu("garbage"), None);
    }

    #[test]
    fn status_hwm_line() {
        let status = "Name:\tx\nVmPeak:\t  9000 kB\nVmHWM:\t    2048 kB\nVmRSS:\t 1024 kB\n";
        assert_eq!(parse_status_hwm(status), Some(2048 * 1024));
        assert_eq!(parse_status_hwm("Name: x\n"), None);
    }

    #[test]
    fn bare_parse_of_each_format() {
        let mut floor = Floor::default();
        bare_parse(
            "js",
            b"window.YTD.tweets.part0 = [ {\"a\": 1} ]",
            &mut floor,
        )
        .unwrap();
        bare_parse("json", b"\xEF\xBB\xBF{\"b\": [1, 2]}", &mut floor).unwrap();
        bare_parse("csv", b"Notes:\n\"x\"\n\na,b\n1,2\n3,\"4\"\n", &mut floor).unwrap();
        bare_parse("xml", b"<a><b>t</b></a>", &mut floor).unwrap();
        bare_parse("html", b"<p>", &mut floor).unwrap();
        assert_eq!(floor.json_documents, 2);
        assert_eq!(floor.csv_records, 5);
        assert_eq!(floor.xml_events, 5);
        assert_eq!(floor.unparsed_files, 1);
        assert!(bare_parse("json", b"{", &mut floor).is_err());
    }
}
