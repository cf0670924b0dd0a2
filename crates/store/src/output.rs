//! Writing outputs safely: an export never writes onto the database or its companion
//! files, never follows a symlink at its output path, and never leaves a half-written
//! file or folder. Files are created readable by their owner only (0600), folders 0700.
//!
//! ```
//! use freehold_store::output::{AtomicFile, Protected};
//! use std::io::Write;
//!
//! let dir = tempfile::tempdir()?;
//! let db = dir.path().join("freehold.sqlite");
//! let protected = Protected::database(&db);
//! // The database itself is refused before anything is written.
//! assert!(AtomicFile::create(&db, &protected, false).is_err());
//! let out = dir.path().join("export/freehold.json");
//! let mut file = AtomicFile::create(&out, &protected, false)?;
//! file.write_all(b"{}")?;
//! file.commit()?;
//! assert_eq!(std::fs::read(&out)?, b"{}");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::Error;

/// The name of the marker file that a folder written by freehold holds, so that a later
/// export may replace that folder (and no other) without `--force`.
pub const MARKER: &str = ".freehold-export";

/// Paths that no output may be, or (for a folder output) hold.
#[derive(Debug, Clone, Default)]
pub struct Protected {
    paths: Vec<PathBuf>,
}

impl Protected {
    /// A database and the files SQLite and freehold keep beside it (`-wal`, `-shm`,
    /// `-journal`, `.lock`).
    pub fn database(db: &Path) -> Protected {
        let mut p = Protected::default();
        p.add_database(db);
        p
    }

    /// Adds a database and its companion files.
    pub fn add_database(&mut self, db: &Path) {
        self.paths.push(db.to_path_buf());
        for suffix in ["-wal", "-shm", "-journal", ".lock"] {
            let mut name = db.as_os_str().to_owned();
            name.push(suffix);
            self.paths.push(PathBuf::from(name));
        }
    }

    /// Adds a path (a media folder, an archive being read).
    pub fn add(&mut self, path: &Path) {
        self.paths.push(path.to_path_buf());
    }

    /// Refuses `out` when it is a protected path, when a protected path lies inside it
    /// (replacing the folder would remove it), or when it is a symlink.
    pub fn check(&self, out: &Path) -> Result<(), Error> {
        if std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(refused(
                out,
                "it is a symbolic link; freehold does not write through links (remove it or choose another --out)",
            ));
        }
        let out_abs = absolute(out);
        for p in &self.paths {
            let p_abs = absolute(p);
            if p_abs == out_abs {
                return Err(refused(
                    out,
                    &format!("it is {} itself; choose another --out", what_is(p)),
                ));
            }
            if p_abs.starts_with(&out_abs) {
                return Err(refused(
                    out,
                    &format!("it holds {}; choose another --out", what_is(p)),
                ));
            }
        }
        Ok(())
    }
}

fn what_is(p: &Path) -> String {
    format!("{} (which this command reads)", p.display())
}

fn refused(out: &Path, why: &str) -> Error {
    Error::Output {
        path: out.to_path_buf(),
        reason: why.to_string(),
    }
}

/// `path` made absolute with its symlinks resolved as far as it exists: the existing
/// ancestor canonicalised, the rest appended.
fn absolute(path: &Path) -> PathBuf {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut rest = Vec::new();
    let mut base = path.as_path();
    loop {
        if let Ok(c) = base.canonicalize() {
            let mut out = c;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (base.parent(), base.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                base = parent;
            }
            _ => return path,
        }
    }
}

/// Creates `dir` and its missing parents, readable by the owner only.
pub fn create_private_dir_all(dir: &Path) -> Result<(), Error> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })
}

/// A new file, private, created only if nothing (not even a dangling link) is there.
fn create_new_private(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// A temporary name beside `dest`: `.<name>.freehold-tmp-<pid>-<n>`.
fn sibling(dest: &Path, what: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    let n = N.fetch_add(1, Ordering::Relaxed);
    dest.with_file_name(format!(
        ".{name}.freehold-{what}-{}-{n}",
        std::process::id()
    ))
}

/// One output file, written under a temporary name beside its destination and renamed
/// into place by [`AtomicFile::commit`]; dropped without a commit, it leaves nothing.
#[derive(Debug)]
pub struct AtomicFile {
    dest: PathBuf,
    tmp: PathBuf,
    file: Option<io::BufWriter<File>>,
}

impl AtomicFile {
    /// Starts writing `dest`. Refused when `dest` is protected, a symlink or a folder,
    /// or when it exists and `force` is not set. Missing parent folders are created
    /// (0700).
    pub fn create(dest: &Path, protected: &Protected, force: bool) -> Result<AtomicFile, Error> {
        protected.check(dest)?;
        if let Ok(meta) = std::fs::symlink_metadata(dest) {
            if meta.is_dir() {
                return Err(refused(dest, "it is a folder; name a file"));
            }
            if !force {
                return Err(refused(
                    dest,
                    "it exists already; add --force to replace it",
                ));
            }
        }
        if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            create_private_dir_all(parent)?;
        }
        let tmp = sibling(dest, "tmp");
        let file = create_new_private(&tmp).map_err(|source| Error::Io {
            path: tmp.clone(),
            source,
        })?;
        Ok(AtomicFile {
            dest: dest.to_path_buf(),
            tmp,
            file: Some(io::BufWriter::new(file)),
        })
    }

    /// Flushes the file and moves it into place (replacing the file there, or the link
    /// itself, never what a link points to).
    pub fn commit(mut self) -> Result<(), Error> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Io { path, source }
        };
        if let Some(file) = self.file.take() {
            let file = file.into_inner().map_err(|e| Error::Io {
                path: self.tmp.clone(),
                source: e.into_error(),
            })?;
            file.sync_all().map_err(io(&self.tmp))?;
        }
        std::fs::rename(&self.tmp, &self.dest).map_err(io(&self.dest))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("the file was committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.is_some() {
            self.file = None;
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// One output folder, built under a temporary name beside its destination and swapped
/// into place by [`AtomicDir::commit`], which also drops the files of an earlier export
/// that this one did not write. A folder that freehold did not make (no [`MARKER`]) and
/// that is not empty is refused unless `force`; with `force` the new files are moved
/// into it one by one and nothing else in it is touched.
#[derive(Debug)]
pub struct AtomicDir {
    dest: PathBuf,
    tmp: PathBuf,
    /// The destination is a foreign folder written into with `--force`.
    merge: bool,
    committed: bool,
}

impl AtomicDir {
    /// Starts building `dest`.
    pub fn create(dest: &Path, protected: &Protected, force: bool) -> Result<AtomicDir, Error> {
        protected.check(dest)?;
        let mut merge = false;
        if let Ok(meta) = std::fs::symlink_metadata(dest) {
            if !meta.is_dir() {
                return Err(refused(dest, "it is a file; name a folder"));
            }
            let ours = dest.join(MARKER).is_file();
            let empty = std::fs::read_dir(dest)
                .map_err(|source| Error::Io {
                    path: dest.to_path_buf(),
                    source,
                })?
                .next()
                .is_none();
            if !ours && !empty {
                if !force {
                    return Err(refused(
                        dest,
                        "it is a folder that freehold did not write and it is not empty; choose an empty or new folder, or add --force to write into it",
                    ));
                }
                merge = true;
            }
        }
        if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
            create_private_dir_all(parent)?;
        }
        let tmp = sibling(dest, "tmp");
        create_private_dir_all(&tmp)?;
        let marker = create_new_private(&tmp.join(MARKER)).and_then(|mut f| {
            f.write_all(b"This folder was written by freehold; a later export may replace it.\n")
        });
        marker.map_err(|source| Error::Io {
            path: tmp.join(MARKER),
            source,
        })?;
        Ok(AtomicDir {
            dest: dest.to_path_buf(),
            tmp,
            merge,
            committed: false,
        })
    }

    /// The folder to write into (the temporary one).
    pub fn path(&self) -> &Path {
        &self.tmp
    }

    /// The final folder.
    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// A new private file at `rel` inside the folder being built.
    pub fn create_file(&self, rel: &str) -> Result<io::BufWriter<File>, Error> {
        let path = self.tmp.join(rel);
        if let Some(parent) = path.parent() {
            create_private_dir_all(parent)?;
        }
        create_new_private(&path)
            .map(io::BufWriter::new)
            .map_err(|source| Error::Io { path, source })
    }

    /// Moves the built folder into place.
    pub fn commit(mut self) -> Result<(), Error> {
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Io { path, source }
        };
        if self.merge {
            for item in std::fs::read_dir(&self.tmp).map_err(io(&self.tmp))? {
                let item = item.map_err(io(&self.tmp))?;
                if item.file_name() == MARKER {
                    continue;
                }
                let to = self.dest.join(item.file_name());
                std::fs::rename(item.path(), &to).map_err(io(&to))?;
            }
            std::fs::remove_dir_all(&self.tmp).map_err(io(&self.tmp))?;
        } else if self.dest.exists() {
            let old = sibling(&self.dest, "old");
            std::fs::rename(&self.dest, &old).map_err(io(&self.dest))?;
            if let Err(e) = std::fs::rename(&self.tmp, &self.dest) {
                let _ = std::fs::rename(&old, &self.dest);
                return Err(Error::Io {
                    path: self.dest.clone(),
                    source: e,
                });
            }
            std::fs::remove_dir_all(&old).map_err(io(&old))?;
        } else {
            std::fs::rename(&self.tmp, &self.dest).map_err(io(&self.dest))?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for AtomicDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// A folder of many files kept up to date: the first export is built under a temporary
/// name beside the folder and renamed into place; a later export into a folder that
/// freehold wrote rewrites only the files whose bytes changed (each through a temporary
/// file and a rename) and removes the files of the earlier export that this one did not
/// write, last. The list of files written is kept in the folder's [`MARKER`], so that only
/// freehold's own files are ever removed.
#[derive(Debug)]
pub struct Tree {
    dest: PathBuf,
    root: PathBuf,
    /// Building a new folder under a temporary name.
    fresh: bool,
    previous: Vec<String>,
    written: std::collections::BTreeSet<String>,
    /// Folders known to exist, relative to the root.
    dirs: std::collections::HashSet<String>,
    /// The thread that creates a new folder's files.
    writer: Option<Background>,
    stats: TreeStats,
    committed: bool,
}

/// What [`Tree::commit`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TreeStats {
    /// Files of the folder now (the marker not counted).
    pub files: u64,
    /// Files written because they were new or changed.
    pub written: u64,
    /// Files of the earlier export removed.
    pub removed: u64,
}

impl Tree {
    /// Starts writing the folder `dest`: refused when it is protected, a symlink or a
    /// file, or a non-empty folder freehold did not write (unless `force`, when files
    /// are added and replaced but nothing else in it is removed).
    pub fn create(dest: &Path, protected: &Protected, force: bool) -> Result<Tree, Error> {
        protected.check(dest)?;
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Io { path, source }
        };
        match std::fs::symlink_metadata(dest) {
            Err(_) => {
                if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
                    create_private_dir_all(parent)?;
                }
                let tmp = sibling(dest, "tmp");
                create_private_dir_all(&tmp)?;
                Ok(Tree {
                    dest: dest.to_path_buf(),
                    root: tmp,
                    fresh: true,
                    previous: Vec::new(),
                    written: Default::default(),
                    dirs: Default::default(),
                    writer: None,
                    stats: TreeStats::default(),
                    committed: false,
                })
            }
            Ok(meta) if !meta.is_dir() => Err(refused(dest, "it is a file; name a folder")),
            Ok(_) => {
                let marker = dest.join(MARKER);
                let previous = match std::fs::read_to_string(&marker) {
                    Ok(text) => text
                        .lines()
                        .skip(1)
                        .filter(|l| safe_rel(l))
                        .map(str::to_string)
                        .collect(),
                    Err(_) => {
                        let empty = std::fs::read_dir(dest).map_err(io(dest))?.next().is_none();
                        if !empty && !force {
                            return Err(refused(
                                dest,
                                "it is a folder that freehold did not write and it is not empty; choose an empty or new folder, or add --force to write into it",
                            ));
                        }
                        Vec::new()
                    }
                };
                Ok(Tree {
                    dest: dest.to_path_buf(),
                    root: dest.to_path_buf(),
                    fresh: false,
                    previous,
                    written: Default::default(),
                    dirs: Default::default(),
                    writer: None,
                    stats: TreeStats::default(),
                    committed: false,
                })
            }
        }
    }

    /// Where `rel` is being written (inside the temporary folder for a first export).
    pub fn path_of(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Writes the file `rel` (a `/`-separated relative path), unless it holds these
    /// bytes already.
    pub fn write(&mut self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.claim(rel)?;
        if self.fresh {
            // A new folder: the files are created on a thread of their own, so that
            // the file system's work overlaps the caller's rendering.
            let writer = self.writer.get_or_insert_with(Background::start);
            self.stats.written += 1;
            return writer.send(path, bytes.to_vec());
        }
        if std::fs::read(&path).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        self.replace(&path, |f| f.write_all(bytes))
    }

    /// Writes the file `rel` by streaming into it (for files too large to hold in
    /// memory); when the folder held the same bytes already, the old file stays.
    pub fn write_stream(
        &mut self,
        rel: &str,
        fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), Error> {
        let path = self.claim(rel)?;
        let tmp = sibling(&path, "new");
        let result = create_new_private(&tmp).and_then(|f| {
            let mut w = io::BufWriter::with_capacity(1 << 16, f);
            fill(&mut w)?;
            w.flush()
        });
        if let Err(source) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::Io { path, source });
        }
        if !self.fresh && same_bytes(&tmp, &path) {
            let _ = std::fs::remove_file(&tmp);
            return Ok(());
        }
        if let Err(source) = std::fs::rename(&tmp, &path) {
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::Io { path, source });
        }
        self.stats.written += 1;
        Ok(())
    }

    /// Copies the file `source` to `rel`, unless a file of the same bytes is there.
    pub fn copy(&mut self, rel: &str, source: &Path) -> Result<(), Error> {
        let path = self.claim(rel)?;
        if !self.fresh
            && let (Ok(a), Ok(b)) = (std::fs::metadata(&path), std::fs::metadata(source))
            && a.is_file()
            && a.len() == b.len()
            && std::fs::read(&path).ok() == std::fs::read(source).ok()
        {
            return Ok(());
        }
        let mut input = File::open(source).map_err(|e| Error::Io {
            path: source.to_path_buf(),
            source: e,
        })?;
        self.replace(&path, |f| io::copy(&mut input, f).map(|_| ()))
    }

    fn claim(&mut self, rel: &str) -> Result<PathBuf, Error> {
        if !safe_rel(rel) || rel == MARKER {
            return Err(Error::Integrity(format!(
                "{rel} is not a file name inside the output"
            )));
        }
        self.written.insert(rel.to_string());
        let path = self.root.join(rel);
        // Each folder is made once (a site writes many files into few folders).
        if let Some((dir, _)) = rel.rsplit_once('/')
            && !self.dirs.contains(dir)
        {
            create_private_dir_all(&self.root.join(dir))?;
            self.dirs.insert(dir.to_string());
        }
        Ok(path)
    }

    fn replace(
        &mut self,
        path: &Path,
        fill: impl FnOnce(&mut File) -> io::Result<()>,
    ) -> Result<(), Error> {
        if self.fresh {
            // A new folder is built under its own temporary name and moved into place
            // whole: its files need no temporary names of their own.
            let result = create_new_private(path).and_then(|mut f| {
                fill(&mut f)?;
                f.flush()
            });
            result.map_err(|source| Error::Io {
                path: path.to_path_buf(),
                source,
            })?;
            self.stats.written += 1;
            return Ok(());
        }
        let tmp = sibling(path, "tmp");
        let result = create_new_private(&tmp).and_then(|mut f| {
            fill(&mut f)?;
            f.flush()
        });
        if let Err(source) = result.and_then(|()| std::fs::rename(&tmp, path)) {
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::Io {
                path: path.to_path_buf(),
                source,
            });
        }
        self.stats.written += 1;
        Ok(())
    }

    /// Writes the marker with the list of files, moves a new folder into place, and
    /// removes the files of the earlier export that were not written again.
    pub fn commit(mut self) -> Result<TreeStats, Error> {
        if let Some(writer) = self.writer.take() {
            writer.finish()?;
        }
        let mut marker = String::from(
            "This folder was written by freehold; a later export may replace it. Its files:\n",
        );
        for rel in &self.written {
            marker.push_str(rel);
            marker.push('\n');
        }
        let marker_path = self.root.join(MARKER);
        if std::fs::read_to_string(&marker_path).ok().as_deref() != Some(marker.as_str()) {
            let written = self.stats.written;
            self.replace(&marker_path, |f| f.write_all(marker.as_bytes()))?;
            self.stats.written = written;
        }
        if self.fresh {
            std::fs::rename(&self.root, &self.dest).map_err(|source| Error::Io {
                path: self.dest.clone(),
                source,
            })?;
        } else {
            for rel in &self.previous {
                if !self.written.contains(rel) {
                    let path = self.dest.join(rel);
                    if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
                        std::fs::remove_file(&path).map_err(|source| Error::Io {
                            path: path.clone(),
                            source,
                        })?;
                        self.stats.removed += 1;
                        // Folders left empty go too.
                        let mut dir = path.parent();
                        while let Some(d) = dir.filter(|d| *d != self.dest.as_path()) {
                            if std::fs::remove_dir(d).is_err() {
                                break;
                            }
                            dir = d.parent();
                        }
                    }
                }
            }
        }
        self.stats.files = self.written.len() as u64;
        self.committed = true;
        Ok(self.stats)
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        if let Some(writer) = self.writer.take() {
            let _ = writer.finish();
        }
        if self.fresh && !self.committed {
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}

/// Creates files on a thread of its own; the first failure is reported by `send` or
/// `finish`.
#[derive(Debug)]
struct Background {
    tx: Option<std::sync::mpsc::SyncSender<(PathBuf, Vec<u8>)>>,
    thread: Option<std::thread::JoinHandle<Result<(), Error>>>,
}

impl Background {
    fn start() -> Background {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(PathBuf, Vec<u8>)>(256);
        let thread = std::thread::spawn(move || {
            for (path, bytes) in rx {
                let result = create_new_private(&path).and_then(|mut f| f.write_all(&bytes));
                if let Err(source) = result {
                    return Err(Error::Io { path, source });
                }
            }
            Ok(())
        });
        Background {
            tx: Some(tx),
            thread: Some(thread),
        }
    }

    fn send(&mut self, path: PathBuf, bytes: Vec<u8>) -> Result<(), Error> {
        let sent = self
            .tx
            .as_ref()
            .is_some_and(|tx| tx.send((path, bytes)).is_ok());
        if sent {
            Ok(())
        } else {
            // The thread stopped: its error says why.
            self.tx = None;
            self.join()
        }
    }

    fn join(&mut self) -> Result<(), Error> {
        match self.thread.take().map(std::thread::JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(Error::Integrity("the file writer thread panicked".into())),
            None => Ok(()),
        }
    }

    fn finish(mut self) -> Result<(), Error> {
        self.tx = None;
        self.join()
    }
}

/// Whether two files hold the same bytes (read in blocks, never whole).
fn same_bytes(a: &Path, b: &Path) -> bool {
    use std::io::Read;
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    if !mb.is_file() || ma.len() != mb.len() {
        return false;
    }
    let (Ok(fa), Ok(fb)) = (File::open(a), File::open(b)) else {
        return false;
    };
    let (mut ra, mut rb) = (io::BufReader::new(fa), io::BufReader::new(fb));
    let (mut ba, mut bb) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let n = match ra.read(&mut ba) {
            Ok(n) => n,
            Err(_) => return false,
        };
        if n == 0 {
            return true;
        }
        if rb.read_exact(&mut bb[..n]).is_err() || ba[..n] != bb[..n] {
            return false;
        }
    }
}

/// A relative path of plain parts: no `..`, no absolute path, no empty part.
fn safe_rel(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.starts_with('/')
        && !rel.contains('\\')
        && rel
            .split('/')
            .all(|p| !p.is_empty() && p != "." && p != "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_and_its_companions_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite");
        std::fs::write(&db, b"precious").unwrap();
        let p = Protected::database(&db);
        for name in [
            "db.sqlite",
            "db.sqlite-wal",
            "db.sqlite-shm",
            "db.sqlite.lock",
        ] {
            let err = AtomicFile::create(&dir.path().join(name), &p, true).unwrap_err();
            assert!(err.to_string().contains("reads"), "{name}: {err}");
        }
        // The same file by another spelling.
        let other = dir.path().join("sub/../db.sqlite");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(AtomicFile::create(&other, &p, true).is_err());
        // A folder that holds it.
        assert!(AtomicDir::create(dir.path(), &p, true).is_err());
        assert_eq!(std::fs::read(&db).unwrap(), b"precious");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_at_the_output_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.txt");
        std::fs::write(&target, b"keep").unwrap();
        let link = dir.path().join("out.json");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = AtomicFile::create(&link, &Protected::default(), true).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read(&target).unwrap(), b"keep");
    }

    #[cfg(unix)]
    #[test]
    fn files_are_private_and_nothing_is_left_by_a_dropped_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new/a.json");
        {
            let mut f = AtomicFile::create(&out, &Protected::default(), false).unwrap();
            f.write_all(b"half").unwrap();
        }
        assert!(!out.exists());
        let names: Vec<_> = std::fs::read_dir(dir.path().join("new")).unwrap().collect();
        assert!(names.is_empty(), "{names:?}");
        let mode = std::fs::metadata(dir.path().join("new"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
        let mut f = AtomicFile::create(&out, &Protected::default(), false).unwrap();
        f.write_all(b"whole").unwrap();
        f.commit().unwrap();
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        // An existing file needs --force.
        assert!(AtomicFile::create(&out, &Protected::default(), false).is_err());
        assert!(AtomicFile::create(&out, &Protected::default(), true).is_ok());
    }

    #[test]
    fn a_folder_is_swapped_whole_and_a_foreign_one_needs_force() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("nd");
        let d = AtomicDir::create(&out, &Protected::default(), false).unwrap();
        d.create_file("a.ndjson").unwrap().write_all(b"1").unwrap();
        d.create_file("stale.ndjson").unwrap();
        d.commit().unwrap();
        let d = AtomicDir::create(&out, &Protected::default(), false).unwrap();
        d.create_file("a.ndjson").unwrap().write_all(b"2").unwrap();
        d.commit().unwrap();
        assert_eq!(std::fs::read(out.join("a.ndjson")).unwrap(), b"2");
        assert!(!out.join("stale.ndjson").exists());
        let foreign = dir.path().join("mine");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("notes.txt"), b"x").unwrap();
        assert!(AtomicDir::create(&foreign, &Protected::default(), false).is_err());
        let d = AtomicDir::create(&foreign, &Protected::default(), true).unwrap();
        d.create_file("a.ndjson").unwrap();
        d.commit().unwrap();
        assert!(foreign.join("notes.txt").exists() && foreign.join("a.ndjson").exists());
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}

#[cfg(test)]
mod tree_tests {
    use super::*;

    #[test]
    fn a_later_export_rewrites_only_what_changed_and_removes_its_stale_files_last() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let mut t = Tree::create(&out, &Protected::default(), false).unwrap();
        t.write("index.html", b"one").unwrap();
        t.write("posts/a.html", b"a").unwrap();
        t.write("posts/b.html", b"b").unwrap();
        let stats = t.commit().unwrap();
        assert_eq!((stats.files, stats.written, stats.removed), (3, 3, 0));
        let mtime = |p: &str| std::fs::metadata(out.join(p)).unwrap().modified().unwrap();
        let before = mtime("posts/a.html");
        std::thread::sleep(std::time::Duration::from_millis(20));
        let mut t = Tree::create(&out, &Protected::default(), false).unwrap();
        t.write("index.html", b"two").unwrap();
        t.write("posts/a.html", b"a").unwrap();
        let stats = t.commit().unwrap();
        assert_eq!((stats.files, stats.written, stats.removed), (2, 1, 1));
        assert_eq!(
            mtime("posts/a.html"),
            before,
            "an unchanged file is not rewritten"
        );
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"two");
        assert!(!out.join("posts/b.html").exists());
        assert!(
            Tree::create(&out, &Protected::default(), false)
                .unwrap()
                .write("../x", b"")
                .is_err()
        );
    }

    #[test]
    fn a_foreign_folder_is_refused_and_with_force_only_written_into() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.txt"), b"x").unwrap();
        assert!(Tree::create(dir.path(), &Protected::default(), false).is_err());
        let mut t = Tree::create(dir.path(), &Protected::default(), true).unwrap();
        t.write("index.html", b"i").unwrap();
        t.commit().unwrap();
        let mut t = Tree::create(dir.path(), &Protected::default(), false).unwrap();
        t.write("other.html", b"o").unwrap();
        t.commit().unwrap();
        assert!(
            dir.path().join("mine.txt").exists(),
            "never ours, never removed"
        );
        assert!(
            !dir.path().join("index.html").exists(),
            "ours and stale: removed"
        );
    }

    #[test]
    fn a_first_export_that_fails_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        {
            let mut t = Tree::create(&out, &Protected::default(), false).unwrap();
            t.write("index.html", b"half").unwrap();
        }
        assert!(!out.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
