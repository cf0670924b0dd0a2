//! Opening an archive (a zip, a folder, or a folder holding one wrapper folder) and
//! reading its entries one at a time.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};
use zip::ZipArchive;

use crate::limits::RATIO_FLOOR;
use crate::progress::{CountingReader, Progress};
use crate::{Error, Limits};

/// One file inside an archive.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The normalised path: `/` separators, no wrapper folder, no `.` or `..` parts.
    pub path: String,
    /// Uncompressed size in bytes.
    pub size: u64,
    crc32: Option<u32>,
    source: EntrySource,
    refused: Option<String>,
}

impl Entry {
    fn source_zip<'z>(
        &self,
        zips: &'z [Option<ZipArchive<SharedFile>>],
    ) -> Option<&'z ZipArchive<SharedFile>> {
        match self.source {
            EntrySource::Zip(part, _) => zips.get(part).and_then(Option::as_ref),
            EntrySource::File(_) => None,
        }
    }

    /// Why the entry will not be read, when a [`Limits`] refuses it.
    pub fn refused(&self) -> Option<&str> {
        self.refused.as_deref()
    }

    /// The last path component.
    pub fn file_name(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or(&self.path)
    }

    /// The folder part of the path (empty at the root), without a trailing `/`.
    pub fn dir(&self) -> &str {
        self.path.rsplit_once('/').map_or("", |(dir, _)| dir)
    }

    /// Whether the path ends with `suffix` on a component boundary
    /// (`data/tweets.js` matches `tweets.js` and `data/tweets.js`, not `ets.js`).
    pub fn has_suffix(&self, suffix: &str) -> bool {
        self.path == suffix
            || (self.path.ends_with(suffix)
                && self.path.as_bytes()[self.path.len() - suffix.len() - 1] == b'/')
    }
}

#[derive(Debug, Clone)]
enum EntrySource {
    /// The part it came from and its index in that part's zip.
    Zip(usize, usize),
    File(PathBuf),
}

/// A file the archive holds that is operating-system debris (`__MACOSX/`, `._*`,
/// `.DS_Store`, `Thumbs.db`): listed in the report, never parsed.
#[derive(Debug, Clone)]
pub struct JunkEntry {
    /// The path as stored.
    pub path: String,
    /// Its size.
    pub size: u64,
}

/// An export archive opened for reading.
///
/// ```no_run
/// use freehold_archive::Archive;
///
/// let archive = Archive::open("twitter-2024-01-01-abc.zip".as_ref())?;
/// for entry in archive.entries() {
///     let first_line = archive.read_entry(entry, |r| {
///         let mut buf = [0u8; 64];
///         let n = r.read(&mut buf)?;
///         Ok(String::from_utf8_lossy(&buf[..n]).into_owned())
///     })?;
///     println!("{} ({} bytes): {first_line}", entry.path, entry.size);
/// }
/// # Ok::<(), freehold_archive::Error>(())
/// ```
#[derive(Debug)]
pub struct Archive {
    path: PathBuf,
    /// Every part (one, unless opened with [`Archive::open_many`]).
    parts: Vec<PathBuf>,
    /// The zip of each part (`None` for a folder).
    zips: Vec<Option<ZipArchive<SharedFile>>>,
    entries: Vec<Entry>,
    junk: Vec<JunkEntry>,
    wrapper: Option<String>,
    limits: Limits,
}

impl Archive {
    /// Opens a zip file or a folder. A single wrapper folder (as left by re-zipping an
    /// extracted export) is looked through.
    pub fn open(path: &Path) -> Result<Archive, Error> {
        Archive::open_with(path, Limits::default())
    }

    /// Opens an archive with other [`Limits`] than the default ones.
    pub fn open_with(path: &Path, limits: Limits) -> Result<Archive, Error> {
        Archive::open_many_with(&[path], limits, &[])
    }

    /// Opens several zips or folders that are parts of one export (a large export split
    /// into several zips) as one archive: the entries of all parts, each read from the
    /// part it came from. Each part's wrapper folder is looked through on its own, but
    /// with several parts a part's only folder is not a wrapper when it is `data/`, one
    /// of the platform's `data_roots` (compared lower-cased, apostrophes as `_`; for
    /// Facebook `freehold_facebook::EXPORT_ROOTS`) or a top-level data folder of another
    /// part (a media-only part holding just `your_facebook_activity/` keeps it in its
    /// paths). A path
    /// held by more than one part is kept once when the copies look identical (same size
    /// and, for zips, CRC-32); a differing copy is kept as `partN/<path>` (N from 1, in
    /// the order given), so nothing is lost. One path is the same as [`Archive::open`].
    ///
    /// ```no_run
    /// use freehold_archive::Archive;
    ///
    /// let archive = Archive::open_many(
    ///     &[
    ///         "facebook-jdoe-2025-09-01-AbCd.zip".as_ref(),
    ///         "facebook-jdoe-2025-09-01-EfGh.zip".as_ref(),
    ///     ],
    ///     &["your_facebook_activity", "personal_information"],
    /// )?;
    /// println!("{} files from {} parts", archive.entries().len(), archive.parts().len());
    /// # Ok::<(), freehold_archive::Error>(())
    /// ```
    pub fn open_many(paths: &[&Path], data_roots: &[&str]) -> Result<Archive, Error> {
        Archive::open_many_with(paths, Limits::default(), data_roots)
    }

    /// [`open_many`](Self::open_many) with other [`Limits`] than the default ones.
    pub fn open_many_with(
        paths: &[&Path],
        limits: Limits,
        data_roots: &[&str],
    ) -> Result<Archive, Error> {
        let Some(first) = paths.first() else {
            return Err(Error::Empty {
                path: PathBuf::new(),
            });
        };
        let mut zips = Vec::with_capacity(paths.len());
        let mut entries: Vec<Entry> = Vec::new();
        let mut junk = Vec::new();
        let mut wrapper = None;
        let mut seen: HashMap<String, (u64, Option<u32>)> = HashMap::new();
        let mut listed = Vec::with_capacity(paths.len());
        for (part, path) in paths.iter().enumerate() {
            let (zip, raw) = read_part(path, part, &limits)?;
            zips.push(zip);
            let (part_entries, part_junk) = sort_out(raw);
            junk.extend(part_junk);
            listed.push(part_entries);
        }
        let strip = wrappers_to_strip(&listed, data_roots);
        for (part, (mut part_entries, strip)) in listed.into_iter().zip(strip).enumerate() {
            let part_wrapper = if strip {
                strip_wrapper(&mut part_entries)
            } else {
                None
            };
            wrapper = wrapper.or(part_wrapper);
            for mut entry in part_entries {
                match seen.get(&entry.path) {
                    None => {
                        seen.insert(entry.path.clone(), (entry.size, entry.crc32));
                        entries.push(entry);
                    }
                    Some(&(size, crc)) => {
                        let same = size == entry.size
                            && (crc.is_none() || entry.crc32.is_none() || crc == entry.crc32);
                        if !same {
                            entry.path = format!("part{}/{}", part + 1, entry.path);
                            entries.push(entry);
                        }
                    }
                }
            }
        }
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        junk.sort_by(|a, b| a.path.cmp(&b.path));
        if entries.is_empty() {
            return Err(Error::Empty {
                path: first.to_path_buf(),
            });
        }
        let total: u64 = entries
            .iter()
            .filter(|e| e.refused.is_none())
            .map(|e| e.size)
            .sum();
        if total > limits.max_archive_bytes {
            return Err(Error::TooLarge {
                path: first.to_path_buf(),
                bytes: total,
                limit: limits.max_archive_bytes,
            });
        }
        Ok(Archive {
            path: first.to_path_buf(),
            parts: paths.iter().map(|p| p.to_path_buf()).collect(),
            zips,
            entries,
            junk,
            wrapper,
            limits,
        })
    }

    /// The zips or folders the archive was read from (one, unless it was opened with
    /// [`open_many`](Self::open_many)).
    pub fn parts(&self) -> &[PathBuf] {
        &self.parts
    }

    /// The limits this archive is read with.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// The path the archive was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The archive's file or folder name.
    /// For several parts, their names joined with ` + `.
    pub fn name(&self) -> String {
        self.parts
            .iter()
            .map(|p| {
                p.file_name().map_or_else(
                    || p.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                )
            })
            .collect::<Vec<_>>()
            .join(" + ")
    }

    /// Whether the archive is a zip file (rather than a folder).
    pub fn is_zip(&self) -> bool {
        self.zips.iter().any(Option::is_some)
    }

    /// The wrapper folder that was looked through, if any.
    pub fn wrapper(&self) -> Option<&str> {
        self.wrapper.as_deref()
    }

    /// Every file, sorted by path, without operating-system debris.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Operating-system debris that was set aside.
    pub fn junk(&self) -> &[JunkEntry] {
        &self.junk
    }

    /// Uncompressed size of the entries that hold data rather than media (by extension:
    /// `.js`, `.json`, `.csv`, `.tsv`, `.xml`, `.html`, `.htm`, `.txt`): what a parse reads,
    /// for a progress bar's total.
    pub fn data_bytes(&self) -> u64 {
        const DATA: &[&str] = &["js", "json", "csv", "tsv", "xml", "html", "htm", "txt"];
        self.entries
            .iter()
            .filter(|e| {
                e.path
                    .rsplit_once('.')
                    .is_some_and(|(_, ext)| DATA.iter().any(|d| ext.eq_ignore_ascii_case(d)))
            })
            .map(|e| e.size)
            .sum()
    }

    /// Total uncompressed size of all entries.
    pub fn total_bytes(&self) -> u64 {
        self.entries.iter().map(|e| e.size).sum()
    }

    /// The entry with exactly this normalised path.
    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.entries
            .binary_search_by(|e| e.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.entries[i])
    }

    /// The first entry whose path ends with `suffix` on a component boundary.
    pub fn find(&self, suffix: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.has_suffix(suffix))
    }

    /// Runs `f` on a reader of the entry's bytes. Several threads may read entries of
    /// one archive at once.
    pub fn read_entry<T>(
        &self,
        entry: &Entry,
        f: impl FnOnce(&mut dyn Read) -> io::Result<T>,
    ) -> Result<T, Error> {
        let wrap = |source| Error::Entry {
            archive: self.path.clone(),
            entry: entry.path.clone(),
            source,
        };
        if let Some(reason) = &entry.refused {
            return Err(wrap(io::Error::new(
                io::ErrorKind::InvalidData,
                reason.clone(),
            )));
        }
        match (&entry.source, &entry.source_zip(&self.zips)) {
            (EntrySource::Zip(_, index), Some(zip)) => {
                let mut zip = (*zip).clone();
                let file = zip
                    .by_index(*index)
                    .map_err(|e| wrap(io::Error::other(e)))?;
                // Never more than the size the archive declares.
                let mut file = file.take(entry.size);
                f(&mut file).map_err(wrap)
            }
            (EntrySource::File(path), _) => {
                let mut file = File::open(path).map_err(wrap)?;
                f(&mut file).map_err(wrap)
            }
            (EntrySource::Zip(..), None) => Err(wrap(io::Error::other("zip entry without zip"))),
        }
    }

    /// Like [`read_entry`](Self::read_entry), reporting the bytes read to `progress`.
    pub fn read_entry_with_progress<T>(
        &self,
        entry: &Entry,
        progress: &dyn Progress,
        f: impl FnOnce(&mut dyn Read) -> io::Result<T>,
    ) -> Result<T, Error> {
        self.read_entry(entry, |r| {
            let mut counting = CountingReader::new(r, progress);
            f(&mut counting)
        })
    }

    /// Reads up to `n` bytes from the start of an entry, for sniffing its format.
    pub fn head(&self, entry: &Entry, n: usize) -> Result<Vec<u8>, Error> {
        self.read_entry(entry, |r| {
            let mut buf = Vec::with_capacity(n);
            r.take(n as u64).read_to_end(&mut buf)?;
            Ok(buf)
        })
    }

    /// A SHA-256 fingerprint of the archive's content: each entry's normalised path, size
    /// and CRC-32, in path order. A zip and the folder it extracts to get the same
    /// fingerprint (unless a file of the folder is refused by the limits: it is not read,
    /// and counts with a CRC-32 of 0). For a zip it needs no decompression.
    pub fn fingerprint(&self) -> Result<String, Error> {
        let mut hasher = Sha256::new();
        for entry in &self.entries {
            let crc = match entry.crc32 {
                Some(crc) => crc,
                // A file the limits refuse is not read, not even to be fingerprinted: its
                // path and size stand for it (as its CRC-32 would in a zip).
                None if entry.refused.is_some() => 0,
                None => self.read_entry(entry, |r| {
                    let mut crc = crc32fast::Hasher::new();
                    let mut buf = vec![0u8; 64 * 1024];
                    loop {
                        let n = r.read(&mut buf)?;
                        if n == 0 {
                            break;
                        }
                        crc.update(&buf[..n]);
                    }
                    Ok(crc.finalize())
                })?,
            };
            hasher.update(entry.path.as_bytes());
            hasher.update([0]);
            hasher.update(entry.size.to_le_bytes());
            hasher.update(crc.to_le_bytes());
        }
        Ok(freehold_model::id::hex(&hasher.finalize()))
    }
}

/// Turns a stored name into a clean relative path: `\` becomes `/`, and empty, `.`,
/// `..` and drive-letter components are dropped, so no path can point outside.
pub fn normalise(name: &str) -> String {
    let name = name.replace('\\', "/");
    let mut parts: Vec<&str> = Vec::new();
    for (i, part) in name.split('/').enumerate() {
        if part.is_empty() || part == "." || part == ".." {
            continue;
        }
        if i == 0 && part.len() == 2 && part.ends_with(':') {
            continue;
        }
        parts.push(part);
    }
    parts.join("/")
}

/// Why an entry of this size is refused, if it is.
fn refuse(limits: &Limits, size: u64, compressed: Option<u64>) -> Option<String> {
    if size > limits.max_entry_bytes {
        return Some(format!(
            "it would decompress to {size} bytes, over the limit of {} bytes",
            limits.max_entry_bytes
        ));
    }
    let compressed = compressed?;
    if size > RATIO_FLOOR && size / compressed.max(1) > limits.max_ratio {
        return Some(format!(
            "its compression ratio of {}:1 is over the limit of {}:1 (a zip bomb?)",
            size / compressed.max(1),
            limits.max_ratio
        ));
    }
    None
}

fn is_junk(path: &str) -> bool {
    path.split('/').any(|p| p == "__MACOSX")
        || path.rsplit('/').next().is_some_and(|f| {
            f.starts_with("._") || f == ".DS_Store" || f == "Thumbs.db" || f == "desktop.ini"
        })
}

/// Lists the files of one zip or folder.
fn read_part(
    path: &Path,
    part: usize,
    limits: &Limits,
) -> Result<(Option<ZipArchive<SharedFile>>, Vec<RawEntry>), Error> {
    let meta = std::fs::metadata(path).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => Error::Missing {
            path: path.to_path_buf(),
        },
        _ => Error::Io {
            path: path.to_path_buf(),
            source,
        },
    })?;
    if meta.is_dir() {
        let mut raw = Vec::new();
        walk(path, path, limits, &mut raw).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        return Ok((None, raw));
    }
    let file = SharedFile::open(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut zip =
        ZipArchive::new(file).map_err(|source| match crate::sniff::what_file_is(path) {
            Some(what) => Error::NotAnArchive {
                path: path.to_path_buf(),
                what,
            },
            None => Error::Zip {
                path: path.to_path_buf(),
                source,
            },
        })?;
    let mut raw = Vec::with_capacity(zip.len());
    for index in 0..zip.len() {
        let file = zip.by_index_raw(index).map_err(|source| Error::Zip {
            path: path.to_path_buf(),
            source,
        })?;
        if !file.is_file() {
            continue;
        }
        let name = String::from_utf8_lossy(file.name_raw()).into_owned();
        let refused = refuse(limits, file.size(), Some(file.compressed_size()));
        raw.push((
            name,
            file.size(),
            Some(file.crc32()),
            EntrySource::Zip(part, index),
            refused,
        ));
    }
    Ok((Some(zip), raw))
}

/// Splits listed files into entries and operating-system debris.
fn sort_out(raw: Vec<RawEntry>) -> (Vec<Entry>, Vec<JunkEntry>) {
    let mut entries = Vec::with_capacity(raw.len());
    let mut junk = Vec::new();
    for (name, size, crc32, source, refused) in raw {
        let normalised = normalise(&name);
        if normalised.is_empty() {
            continue;
        }
        if is_junk(&normalised) {
            junk.push(JunkEntry {
                path: normalised,
                size,
            });
        } else {
            entries.push(Entry {
                path: normalised,
                size,
                crc32,
                source,
                refused,
            });
        }
    }
    (entries, junk)
}

/// A folder name with every apostrophe variant spelled `_`, lower-cased, as data roots are
/// given to [`Archive::open_many_with`].
fn plain_root(name: &str) -> String {
    name.replace(['\'', '\u{2019}'], "_").to_lowercase()
}

/// The single top-level folder every entry of a part sits in, if there is one.
fn sole_folder(entries: &[Entry]) -> Option<&str> {
    let first = entries.first()?.path.split_once('/')?.0;
    let prefix_len = first.len();
    entries
        .iter()
        .all(|e| {
            e.path.len() > prefix_len
                && e.path.starts_with(first)
                && e.path.as_bytes()[prefix_len] == b'/'
        })
        .then_some(first)
}

/// For each part, whether its single top folder (if any) is a wrapper to look through.
/// One part: any folder but `data/`. Several parts: a folder that is one of the platform's
/// `data_roots` or a top-level data folder of another part is never a wrapper, so a part
/// holding only `your_facebook_activity/` keeps it in its paths; a real wrapper (such as
/// the `facebook-<user>-…` folder several parts share) is still looked through.
fn wrappers_to_strip(parts: &[Vec<Entry>], data_roots: &[&str]) -> Vec<bool> {
    if parts.len() <= 1 {
        return parts
            .iter()
            .map(|p| sole_folder(p).is_some_and(|w| !w.eq_ignore_ascii_case("data")))
            .collect();
    }
    let sole: Vec<Option<&str>> = parts.iter().map(|p| sole_folder(p)).collect();
    // The top-level data folders each part shows: the folders inside its candidate
    // wrapper, or its own top folders when it has none.
    let tops: Vec<Vec<String>> = parts
        .iter()
        .zip(&sole)
        .map(|(entries, w)| {
            let mut names: Vec<String> = entries
                .iter()
                .filter_map(|e| {
                    let rest = match w {
                        Some(w) => e.path.get(w.len() + 1..)?,
                        None => e.path.as_str(),
                    };
                    rest.split_once('/').map(|(top, _)| plain_root(top))
                })
                .collect();
            names.sort();
            names.dedup();
            names
        })
        .collect();
    sole.iter()
        .enumerate()
        .map(|(i, w)| {
            let Some(w) = w else { return false };
            let name = plain_root(w);
            name != "data"
                && !data_roots.contains(&name.as_str())
                && !tops
                    .iter()
                    .enumerate()
                    .any(|(j, t)| j != i && t.contains(&name))
        })
        .collect()
}

/// Strips a single top-level folder shared by every entry.
fn strip_wrapper(entries: &mut [Entry]) -> Option<String> {
    let first = sole_folder(entries)?.to_string();
    let prefix = format!("{first}/");
    for entry in entries.iter_mut() {
        entry.path.drain(..prefix.len());
    }
    Some(first)
}

type RawEntry = (String, u64, Option<u32>, EntrySource, Option<String>);

fn walk(root: &Path, dir: &Path, limits: &Limits, out: &mut Vec<RawEntry>) -> io::Result<()> {
    for item in std::fs::read_dir(dir)? {
        let item = item?;
        let file_type = item.file_type()?;
        let path = item.path();
        if file_type.is_dir() {
            walk(root, &path, limits, out)?;
        } else if file_type.is_file() {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            let name = rel.to_string_lossy().into_owned();
            let size = item.metadata()?.len();
            out.push((
                name,
                size,
                None,
                EntrySource::File(path),
                refuse(limits, size, None),
            ));
        }
        // Symbolic links are not followed: an archive never needs them, and following
        // them could read outside the folder the user named.
    }
    Ok(())
}

/// A file handle that many zip readers can share: each clone keeps its own position and
/// reads with positional I/O.
#[derive(Debug, Clone)]
struct SharedFile {
    file: Arc<File>,
    len: u64,
    pos: u64,
}

impl SharedFile {
    fn open(path: &Path) -> io::Result<SharedFile> {
        let file = File::open(path)?;
        let len = file.metadata()?.len();
        Ok(SharedFile {
            file: Arc::new(file),
            len,
            pos: 0,
        })
    }
}

impl Read for SharedFile {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        #[cfg(unix)]
        let n = std::os::unix::fs::FileExt::read_at(&*self.file, buf, self.pos)?;
        #[cfg(windows)]
        let n = std::os::windows::fs::FileExt::seek_read(&*self.file, buf, self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for SharedFile {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        let new = match pos {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        match new {
            Some(n) => {
                self.pos = n;
                Ok(n)
            }
            None => Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "seek before the start of the file",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_cleans_windows_and_traversal_names() {
        assert_eq!(normalise("a\\b\\c.js"), "a/b/c.js");
        assert_eq!(normalise("/abs/../x.js"), "abs/x.js");
        assert_eq!(normalise("C:/Users/x.js"), "Users/x.js");
        assert_eq!(normalise("./data/./tweets.js"), "data/tweets.js");
    }

    #[test]
    fn junk_is_recognised() {
        assert!(is_junk("__MACOSX/data/._tweets.js"));
        assert!(is_junk("data/._tweets.js"));
        assert!(is_junk("data/.DS_Store"));
        assert!(!is_junk("data/tweets.js"));
    }

    #[test]
    fn folder_with_wrapper_and_junk() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("twitter-2022-11-09-abc");
        std::fs::create_dir_all(root.join("data")).unwrap();
        std::fs::write(root.join("data/tweets.js"), b"window.YTD.tweets.part0 = []").unwrap();
        std::fs::write(root.join("data/._tweets.js"), b"junk").unwrap();
        let archive = Archive::open(dir.path()).unwrap();
        assert_eq!(archive.wrapper(), Some("twitter-2022-11-09-abc"));
        assert_eq!(archive.entries().len(), 1);
        assert_eq!(archive.entries()[0].path, "data/tweets.js");
        assert_eq!(archive.junk().len(), 1);
        assert!(archive.find("tweets.js").is_some());
        assert!(archive.find("ets.js").is_none());
        std::fs::create_dir_all(root.join("data/tweets_media")).unwrap();
        std::fs::write(root.join("data/tweets_media/1-a.jpg"), [0u8; 100]).unwrap();
        let archive = Archive::open(dir.path()).unwrap();
        assert_eq!(archive.total_bytes(), 128);
        assert_eq!(archive.data_bytes(), 28, "media bytes are not data bytes");
    }

    #[test]
    fn empty_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            Archive::open(dir.path()),
            Err(Error::Empty { .. })
        ));
    }

    #[test]
    fn open_many_merges_parts() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("facebook-x-part1");
        let b = dir.path().join("facebook-x-part2.zip");
        std::fs::create_dir_all(a.join("export/messages")).unwrap();
        std::fs::write(a.join("export/messages/a.json"), b"{}").unwrap();
        std::fs::write(a.join("export/index.html"), b"same").unwrap();
        {
            let file = std::fs::File::create(&b).unwrap();
            let mut zip = zip::ZipWriter::new(file);
            let options = zip::write::SimpleFileOptions::default();
            zip.start_file("photos/1.jpg", options).unwrap();
            zip.write_all(b"jpeg").unwrap();
            zip.start_file("index.html", options).unwrap();
            zip.write_all(b"same").unwrap();
            zip.start_file("messages/a.json", options).unwrap();
            zip.write_all(b"{\"other\": 1}").unwrap();
            zip.finish().unwrap();
        }
        let archive = Archive::open_many(&[&a, &b], &[]).unwrap();
        let paths: Vec<&str> = archive.entries().iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "index.html",
                "messages/a.json",
                "part2/messages/a.json",
                "photos/1.jpg"
            ]
        );
        assert_eq!(archive.parts().len(), 2);
        assert!(archive.is_zip());
        assert_eq!(archive.name(), "facebook-x-part1 + facebook-x-part2.zip");
        let photo = archive.get("photos/1.jpg").unwrap();
        assert_eq!(archive.head(photo, 10).unwrap(), b"jpeg");
        let json = archive.get("messages/a.json").unwrap();
        assert_eq!(archive.head(json, 10).unwrap(), b"{}");
        let other = archive.get("part2/messages/a.json").unwrap();
        assert_eq!(archive.head(other, 20).unwrap(), b"{\"other\": 1}");
        // One part is the same as `open`.
        let single = Archive::open_many(&[&a], &[]).unwrap();
        assert_eq!(single.entries().len(), 2);
        assert_eq!(single.wrapper(), Some("export"));
        assert!(Archive::open_many(&[], &[]).is_err());
    }

    #[test]
    fn open_many_keeps_a_data_root_that_is_a_part_s_only_folder() {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str| {
            let to = dir.path().join(rel);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::write(to, rel.as_bytes()).unwrap();
        };
        // Part 1 is wrapped; parts 2 and 3 hold a single data folder each.
        write("p1/facebook-x-2024-01-01-ab/personal_information/profile.json");
        write("p1/facebook-x-2024-01-01-ab/your_facebook_activity/messages/inbox/t/message_1.json");
        write("p2/your_facebook_activity/messages/inbox/t/photos/1.jpg");
        write("p3/odd_name/x.json");
        write("p4/facebook-x-2024-01-01-ab/odd_name/y.json");
        let p = |n: &str| dir.path().join(n);
        let archive = Archive::open_many(&[&p("p1"), &p("p2")], &[]).unwrap();
        let paths: Vec<&str> = archive.entries().iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "personal_information/profile.json",
                "your_facebook_activity/messages/inbox/t/message_1.json",
                "your_facebook_activity/messages/inbox/t/photos/1.jpg",
            ]
        );
        assert_eq!(archive.wrapper(), Some("facebook-x-2024-01-01-ab"));
        // A folder that is a top-level data folder of another part is not a wrapper either,
        // while the same wrapper name in two parts is looked through in both.
        let archive = Archive::open_many(&[&p("p3"), &p("p4"), &p("p1")], &[]).unwrap();
        let paths: Vec<&str> = archive.entries().iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "odd_name/x.json",
                "odd_name/y.json",
                "personal_information/profile.json",
                "your_facebook_activity/messages/inbox/t/message_1.json",
            ]
        );
        // A data root the platform names is kept even when no other part shows it.
        let roots = ["your_facebook_activity"];
        let archive = Archive::open_many(&[&p("p2"), &p("p3")], &roots).unwrap();
        assert!(
            archive
                .get("your_facebook_activity/messages/inbox/t/photos/1.jpg")
                .is_some()
        );
        let archive = Archive::open_many(&[&p("p2"), &p("p3")], &[]).unwrap();
        assert!(archive.get("messages/inbox/t/photos/1.jpg").is_some());
        // Alone, a part's only folder is still looked through (but never `data/`).
        let single = Archive::open(&p("p2")).unwrap();
        assert_eq!(single.wrapper(), Some("your_facebook_activity"));
    }

    #[test]
    fn non_zip_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, b"hello, this is not a zip").unwrap();
        assert!(matches!(Archive::open(&path), Err(Error::Zip { .. })));
    }
}
