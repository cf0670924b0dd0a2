//! Where the archives are in a path: one archive, a folder holding several (several zips,
//! several extracted exports), or a tree with exports somewhere deep inside it.

use std::path::{Path, PathBuf};

use crate::{Archive, Error, Limits, Platform, detect};

/// What a path holds, by [`find`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The path is one archive: a zip, or a folder whose root (or single wrapper folder)
    /// is an export's root.
    One(PathBuf),
    /// The folder holds several archives side by side, each its own import: the zips and
    /// folders, sorted by name.
    Several(Vec<PathBuf>),
    /// The folder is not an archive, but archives sit deeper inside it: their roots,
    /// sorted. Importing it whole would mix unrelated files, so it is refused.
    Nested(Vec<PathBuf>),
}

/// Looks at a path before it is imported. A zip file (or anything that is not a folder)
/// is [`Found::One`]; so is a folder that an export's markers show to be one archive. A
/// folder whose children include two or more archives (zip files or folders that a
/// platform detects on their own, leaving out the folders an export of that platform
/// is made of, [`Platform::data_folders`]) holds [`Found::Several`], or
/// [`Found::Nested`] when some of them hold several archives themselves.
pub fn find(path: &Path, platforms: &[&dyn Platform], limits: Limits) -> Result<Found, Error> {
    if !path.is_dir() {
        return Ok(Found::One(path.to_path_buf()));
    }
    Ok(match classify(path, platforms, limits, 0)? {
        Kind::Container(items) => {
            let mut roots = Vec::new();
            let mut nested = false;
            for (child, kind) in items {
                match kind {
                    Kind::Root => roots.push(child),
                    Kind::Container(inner) => {
                        nested = true;
                        flatten(inner, &mut roots);
                    }
                    Kind::None => {}
                }
            }
            if nested {
                Found::Nested(roots)
            } else {
                Found::Several(roots)
            }
        }
        Kind::Root | Kind::None => Found::One(path.to_path_buf()),
    })
}

/// How deep [`find`] looks for archives.
const MAX_DEPTH: usize = 4;

enum Kind {
    /// An archive.
    Root,
    /// A folder holding several archives (or folders holding them).
    Container(Vec<(PathBuf, Kind)>),
    /// Not an archive.
    None,
}

fn flatten(items: Vec<(PathBuf, Kind)>, out: &mut Vec<PathBuf>) {
    for (path, kind) in items {
        match kind {
            Kind::Root => out.push(path),
            Kind::Container(inner) => flatten(inner, out),
            Kind::None => {}
        }
    }
}

fn detects(path: &Path, platforms: &[&dyn Platform], limits: Limits) -> Option<&'static str> {
    let archive = Archive::open_with(path, limits).ok()?;
    detect(platforms, &archive).map(|(p, _)| p.name())
}

fn classify(
    path: &Path,
    platforms: &[&dyn Platform],
    limits: Limits,
    depth: usize,
) -> Result<Kind, Error> {
    if !path.is_dir() {
        return Ok(if detects(path, platforms, limits).is_some() {
            Kind::Root
        } else {
            Kind::None
        });
    }
    let mut children: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?
        .filter_map(Result::ok)
        .filter(|item| {
            let name = item.file_name().to_string_lossy().to_lowercase();
            let kind = item.file_type().ok();
            !name.starts_with('.')
                && name != "__macosx"
                && (kind.is_some_and(|k| k.is_dir())
                    || (kind.is_some_and(|k| k.is_file()) && name.ends_with(".zip")))
        })
        .map(|item| item.path())
        .collect();
    children.sort();
    let mut exports = Vec::new();
    for child in children {
        let name = child
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let Some(platform) = detects(&child, platforms, limits) else {
            continue;
        };
        let data_folder = child.is_dir()
            && platforms
                .iter()
                .filter(|p| p.name() == platform)
                .any(|p| p.data_folders().iter().any(|d| plain(d) == plain(&name)));
        if !data_folder {
            exports.push(child);
        }
    }
    match exports.len() {
        0 => Ok(whole(path, platforms, limits)),
        1 => {
            // A single export inside: the folder's wrapper, or one export among
            // unrelated files. Either way the folder is what it holds, unless that holds
            // several archives itself.
            let child = exports.remove(0);
            if depth < MAX_DEPTH
                && let Kind::Container(inner) = classify(&child, platforms, limits, depth + 1)?
            {
                return Ok(Kind::Container(vec![(child, Kind::Container(inner))]));
            }
            Ok(whole(path, platforms, limits))
        }
        _ => {
            let mut items = Vec::with_capacity(exports.len());
            for child in exports {
                let kind = if depth < MAX_DEPTH {
                    match classify(&child, platforms, limits, depth + 1)? {
                        Kind::None => Kind::Root,
                        kind => kind,
                    }
                } else {
                    Kind::Root
                };
                items.push((child, kind));
            }
            Ok(Kind::Container(items))
        }
    }
}

fn whole(path: &Path, platforms: &[&dyn Platform], limits: Limits) -> Kind {
    if detects(path, platforms, limits).is_some() {
        Kind::Root
    } else {
        Kind::None
    }
}

/// Lower-cased, apostrophes as `_`.
fn plain(name: &str) -> String {
    name.replace(['\'', '\u{2019}'], "_").to_lowercase()
}
