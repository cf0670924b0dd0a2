//! Where an archive is written: a folder, or a zip file. Files are written one after the
//! other through a buffered writer; none is ever held in memory whole.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

const BUFFER: usize = 256 * 1024;

/// A writer that counts the bytes going through it.
pub(crate) struct Counted<W: Write> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Counted<W> {
    /// Bytes written so far.
    pub(crate) fn bytes(&self) -> u64 {
        self.bytes
    }
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.inner.write_all(buf)?;
        self.bytes += buf.len() as u64;
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The file being written.
pub(crate) type FileWriter<'a> = Counted<BufWriter<Box<dyn Write + 'a>>>;

enum Target {
    Folder(PathBuf),
    Zip(Box<ZipWriter<BufWriter<File>>>),
}

/// An archive being written.
pub(crate) struct Output {
    target: Target,
    files: u64,
    bytes: u64,
    stamp: DateTime,
}

impl Output {
    /// Writes into the folder `dir`, which must not exist or be empty (so that files of
    /// an earlier, larger archive cannot linger in the new one).
    pub(crate) fn folder(dir: &Path) -> io::Result<Output> {
        if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} exists and is not empty", dir.display()),
            ));
        }
        std::fs::create_dir_all(dir)?;
        Ok(Output {
            target: Target::Folder(dir.to_path_buf()),
            files: 0,
            bytes: 0,
            stamp: DateTime::default(),
        })
    }

    /// Writes a zip file at `path` (replacing it). Every entry carries the same fixed
    /// modification time, so equal archives give equal zip files.
    pub(crate) fn zip(path: &Path) -> io::Result<Output> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let file = BufWriter::with_capacity(BUFFER, File::create(path)?);
        Ok(Output {
            target: Target::Zip(Box::new(ZipWriter::new(file))),
            files: 0,
            bytes: 0,
            stamp: DateTime::default(),
        })
    }

    /// Sets the modification time written into zip entries (`(year, month, day)`); the
    /// platforms call it with their export date.
    pub(crate) fn set_date(&mut self, (year, month, day): (u16, u8, u8)) {
        if let Ok(stamp) = DateTime::from_date_and_time(year, month, day, 12, 0, 0) {
            self.stamp = stamp;
        }
    }

    /// Writes one file at `path` (relative, `/`-separated) with `body`, and returns what
    /// `body` returned.
    pub(crate) fn file<T>(
        &mut self,
        path: &str,
        body: impl FnOnce(&mut FileWriter<'_>) -> io::Result<T>,
    ) -> io::Result<T> {
        let (value, bytes) = match &mut self.target {
            Target::Folder(dir) => {
                let full = dir.join(path);
                if let Some(parent) = full.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                let file: Box<dyn Write> = Box::new(File::create(&full)?);
                run(file, body)?
            }
            Target::Zip(zip) => {
                let options = SimpleFileOptions::default()
                    .compression_method(CompressionMethod::Deflated)
                    .last_modified_time(self.stamp)
                    .unix_permissions(0o644);
                zip.start_file(path, options).map_err(io::Error::other)?;
                let entry: Box<dyn Write + '_> = Box::new(&mut **zip);
                run(entry, body)?
            }
        };
        self.files += 1;
        self.bytes += bytes;
        Ok(value)
    }

    /// Writes a small file from bytes.
    pub(crate) fn bytes(&mut self, path: &str, content: &[u8]) -> io::Result<()> {
        self.file(path, |w| w.write_all(content))
    }

    /// Finishes the archive: `(files, bytes)` written (bytes before compression).
    pub(crate) fn finish(self) -> io::Result<(u64, u64)> {
        match self.target {
            Target::Folder(_) => {}
            Target::Zip(zip) => {
                let mut file = zip.finish().map_err(io::Error::other)?;
                file.flush()?;
            }
        }
        Ok((self.files, self.bytes))
    }
}

fn run<'a, T>(
    inner: Box<dyn Write + 'a>,
    body: impl FnOnce(&mut FileWriter<'a>) -> io::Result<T>,
) -> io::Result<(T, u64)> {
    let mut w = Counted {
        inner: BufWriter::with_capacity(BUFFER, inner),
        bytes: 0,
    };
    let value = body(&mut w)?;
    w.flush()?;
    Ok((value, w.bytes))
}
