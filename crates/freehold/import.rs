//! Importing many paths as the command does: folders of several archives expanded, the
//! parts of a multi-zip Facebook export grouped, each archive opened and detected.

use std::path::{Path, PathBuf};

use freehold_archive::roots::Found;
use freehold_archive::{Archive, Detection, Limits, ParseContext, Platform, RecordSink, Report};
use freehold_model::Record;
use freehold_store::{ImportOptions, ImportOutcome, Store};

use crate::registry::platforms;

/// One archive opened and recognised.
pub struct Opened {
    /// The archive (all its parts).
    pub archive: Archive,
    /// The platform that recognised it.
    pub platform: &'static dyn Platform,
    /// What the platform recognised: its layout and how sure it is.
    pub detection: Detection,
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opened")
            .field("archive", &self.archive.name())
            .field("platform", &self.platform.name())
            .field("detection", &self.detection)
            .finish()
    }
}

/// Opens one archive made of one or more parts and detects its platform. Only the parts
/// of a multi-zip Facebook export are opened together (with
/// [`freehold_facebook::EXPORT_ROOTS`] as their data roots).
///
/// # Errors
///
/// When the archive cannot be opened, or no platform recognises it
/// ([`freehold_archive::Error::Unrecognised`], whose hint says whether the size limits
/// refused files).
pub fn open(parts: &[&Path], limits: Limits) -> Result<Opened, freehold_archive::Error> {
    let path = parts.first().copied().unwrap_or(Path::new(""));
    let roots = if parts.len() > 1 {
        freehold_facebook::EXPORT_ROOTS
    } else {
        &[]
    };
    let archive = Archive::open_many_with(parts, limits, roots)?;
    let Some((platform, detection)) = freehold_archive::detect(platforms(), &archive) else {
        let refused = archive
            .entries()
            .iter()
            .filter(|e| e.refused().is_some())
            .count();
        let hint = if refused > 0 {
            format!(
                "{refused} of its {} files were refused by the size limits; see --max-file-mib and --max-ratio",
                archive.entries().len()
            )
        } else {
            "no Twitter/X, Facebook, LinkedIn or Hyves data files were found".to_string()
        };
        return Err(freehold_archive::Error::Unrecognised {
            path: path.to_path_buf(),
            hint,
        });
    };
    Ok(Opened {
        archive,
        platform,
        detection,
    })
}

/// What the paths given to an import hold, by [`sources`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    /// The archives in import order, each as its parts (one path, or the zips of one
    /// multi-zip Facebook export).
    pub archives: Vec<Vec<PathBuf>>,
    /// The folders that held several archives, each with them in import order.
    pub expanded: Vec<(PathBuf, Vec<PathBuf>)>,
    /// The folders refused because archives sit deeper inside them, each with those
    /// archives: importing such a folder whole would mix unrelated files.
    pub nested: Vec<(PathBuf, Vec<PathBuf>)>,
}

/// The archives `paths` hold, in import order: a folder of several archives gives each of
/// them, a folder with archives deep inside is refused (listed in [`Sources::nested`]),
/// and the parts of one multi-zip Facebook export (names `facebook-<user>-<YYYY-MM-DD>-…`
/// with the same user and date, detected as Facebook together) are grouped. A path that
/// cannot be looked at is kept: opening it says what is wrong.
pub fn sources(paths: &[PathBuf], limits: Limits) -> Sources {
    let mut out = Sources::default();
    let mut archives = Vec::new();
    for path in paths {
        match freehold_archive::roots::find(path, platforms(), limits) {
            Ok(Found::One(path)) => archives.push(path),
            Ok(Found::Several(several)) => {
                archives.extend(several.iter().cloned());
                out.expanded.push((path.clone(), several));
            }
            Ok(Found::Nested(nested)) => out.nested.push((path.clone(), nested)),
            Err(_) => archives.push(path.clone()),
        }
    }
    out.archives = group(&archives, limits);
    out
}

/// The archives in import order, the parts of one multi-zip Facebook export grouped
/// together; everything else alone (see [`freehold_facebook::group_parts`]).
pub fn group(archives: &[PathBuf], limits: Limits) -> Vec<Vec<PathBuf>> {
    freehold_facebook::group_parts(archives, |parts| {
        open(parts, limits).is_ok_and(|o| o.detection.platform == "facebook")
    })
}

/// A sink that only counts: an inspection writes nothing.
struct Discard;

impl RecordSink for Discard {
    fn push(&mut self, _: Record, _: &str, _: String) -> Result<(), freehold_archive::Error> {
        Ok(())
    }
}

/// Reads one archive without writing anything and returns its report, as an import
/// would make it (unmapped files kept as raw records included).
///
/// # Errors
///
/// When the archive cannot be opened or recognised, or its parser fails as a whole.
pub fn inspect(
    parts: &[&Path],
    limits: Limits,
) -> Result<(Opened, Report), freehold_archive::Error> {
    let opened = open(parts, limits)?;
    let mut sink = Discard;
    let mut cx = ParseContext::new(&mut sink);
    opened
        .platform
        .parse(&opened.archive, &opened.detection, &mut cx)?;
    freehold_archive::keep_unmapped(&opened.archive, opened.detection.platform, &mut cx)?;
    let report = cx.finish(&opened.archive, &opened.detection);
    Ok((opened, report))
}

/// One archive of [`import_paths`].
#[derive(Debug)]
pub struct Imported {
    /// Its parts.
    pub parts: Vec<PathBuf>,
    /// What its import did, or why it failed (nothing of it was written then).
    pub result: Result<ImportOutcome, freehold_store::Error>,
}

/// Imports everything `paths` hold into `store`, as `freehold import` does but printing
/// nothing: [`sources`] finds the archives, each is [`open`]ed and imported on its own
/// with `options`. Folders refused by [`sources`] (archives nested deep inside) are not
/// imported; call [`sources`] first to tell about them.
///
/// ```
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # let dir = std::env::temp_dir().join(format!("freehold-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir)?;
/// # std::fs::write(dir.join("Connections.csv"), "First Name,Last Name,Email Address,Company,Position,Connected On\nAda,Lovelace,,Engines,Analyst,01 Jan 2020\n")?;
/// use freehold::store::{ImportOptions, Store};
///
/// let mut store = Store::in_memory()?;
/// let imported = freehold::import_paths(&mut store, &[dir.clone()], &ImportOptions::default());
/// assert_eq!(imported.len(), 1);
/// let outcome = imported[0].result.as_ref().map_err(|e| e.to_string())?;
/// assert_eq!(outcome.report.platform, "linkedin");
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok(())
/// # }
/// ```
pub fn import_paths(
    store: &mut Store,
    paths: &[PathBuf],
    options: &ImportOptions<'_>,
) -> Vec<Imported> {
    let limits = Limits::default();
    sources(paths, limits)
        .archives
        .into_iter()
        .map(|parts| {
            let refs: Vec<&Path> = parts.iter().map(PathBuf::as_path).collect();
            let result = open(&refs, limits)
                .map_err(freehold_store::Error::from)
                .and_then(|o| store.import(&o.archive, o.platform, &o.detection, options));
            Imported { parts, result }
        })
        .collect()
}
