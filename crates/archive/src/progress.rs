//! Progress reporting. Libraries never print: they call a [`Progress`] that only the
//! command-line tool implements.

use std::io::{self, Read};

/// Receives progress while an archive is parsed. Every method has an empty default.
pub trait Progress: Sync {
    /// Parsing starts; `total_bytes` is the size of the data files that will be read.
    fn start(&self, total_bytes: u64) {
        let _ = total_bytes;
    }
    /// A file is being read.
    fn file(&self, path: &str) {
        let _ = path;
    }
    /// `bytes` more bytes were read.
    fn advance(&self, bytes: u64) {
        let _ = bytes;
    }
    /// The parse is over and a named phase of the work after it begins (the store's:
    /// `writing`, `checking references`, `indexing`, `committing`); it lasts until the
    /// next phase or the end.
    fn phase(&self, name: &str) {
        let _ = name;
    }
}

/// A [`Progress`] that ignores everything.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// A reader that reports what it reads to a [`Progress`], in steps of at least 64 KiB.
pub struct CountingReader<'a, R: ?Sized> {
    inner: &'a mut R,
    progress: &'a dyn Progress,
    pending: u64,
}

impl<'a, R: Read + ?Sized> CountingReader<'a, R> {
    /// Wraps `inner`.
    pub fn new(inner: &'a mut R, progress: &'a dyn Progress) -> Self {
        CountingReader {
            inner,
            progress,
            pending: 0,
        }
    }
}

impl<R: Read + ?Sized> Read for CountingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pending += n as u64;
        if self.pending >= 64 * 1024 || n == 0 {
            self.progress.advance(self.pending);
            self.pending = 0;
        }
        Ok(n)
    }
}

impl<R: ?Sized> Drop for CountingReader<'_, R> {
    fn drop(&mut self) {
        if self.pending > 0 {
            self.progress.advance(self.pending);
        }
    }
}
