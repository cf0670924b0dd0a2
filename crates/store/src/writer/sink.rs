//! The sinks of an import: the import thread's, and one per parallel task.

use std::sync::Arc;

use freehold_archive::{Archive, Diagnostic, Part, RecordSink, Severity, SplitSink};
use freehold_model::Record;

use super::batch::{BATCH, Batch};
use super::queue::QueueSender;

/// Encodes records into batches and copies media files; one per thread that parses.
struct Encoder<'a> {
    batch: Batch,
    /// Rows to make room for in a new batch: a full batch on the import's thread, none
    /// (grow as needed) for a parallel task, which is often short.
    room: usize,
    last_path: Arc<str>,
    archive: &'a Archive,
    media_dir: Option<&'a std::path::Path>,
    media_copied: u64,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Encoder<'a> {
    fn new(archive: &'a Archive, media_dir: Option<&'a std::path::Path>, room: usize) -> Self {
        Encoder {
            batch: Batch::with_capacity(room),
            room,
            last_path: Arc::from(""),
            archive,
            media_dir,
            media_copied: 0,
            diagnostics: Vec::new(),
        }
    }

    fn push(&mut self, mut record: Record, path: &str, locator: &str) {
        if let Record::Media(media) = &mut record {
            self.copy_media(media);
        }
        if *self.last_path != *path {
            self.last_path = Arc::from(path);
        }
        self.batch.push(&record, &self.last_path, locator);
    }

    /// The batch so far, trimmed to its size: a parallel task's last batch is often
    /// small, and a window of them must not hold a full batch's room each.
    fn take_batch(&mut self) -> Batch {
        let mut batch = std::mem::replace(&mut self.batch, Batch::with_capacity(self.room));
        if batch.len() < BATCH {
            batch.shrink_to_fit();
        }
        batch
    }

    fn copy_media(&mut self, media: &mut freehold_model::Media) {
        let (Some(dir), Some(path)) = (self.media_dir, media.archive_path.as_deref()) else {
            return;
        };
        let Some(entry) = self.archive.get(path) else {
            return;
        };
        match crate::media::copy_content_addressed(self.archive, entry, dir) {
            Ok((sha, _)) => {
                media.sha256 = Some(sha);
                self.media_copied += 1;
            }
            Err(e) => self.diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                code: freehold_archive::codes::MEDIA_COPY,
                path: Some(path.to_string()),
                locator: None,
                message: format!("could not copy this media file: {e}"),
            }),
        }
    }
}

/// The sink of an import: batches go to the writer thread through the byte-bounded queue.
/// Worker threads of a parallel parse encode with their own [`WorkerSink`]; their parts
/// come back through [`RecordSink::absorb`] in task order and go to the writer from here.
pub(super) struct ChannelSink<'a> {
    pub(super) tx: QueueSender,
    /// Records pushed on this thread. In a `RefCell` because parts are absorbed through
    /// `&self`, and this thread's earlier records must reach the writer before them.
    own: std::cell::RefCell<Encoder<'a>>,
    media_copied: std::cell::Cell<u64>,
    diagnostics: std::cell::RefCell<Vec<Diagnostic>>,
}

impl<'a> ChannelSink<'a> {
    pub(super) fn new(
        tx: QueueSender,
        archive: &'a Archive,
        media_dir: Option<&'a std::path::Path>,
    ) -> Self {
        ChannelSink {
            tx,
            own: std::cell::RefCell::new(Encoder::new(archive, media_dir, BATCH)),
            media_copied: std::cell::Cell::new(0),
            diagnostics: std::cell::RefCell::new(Vec::new()),
        }
    }

    fn send(&self, batch: Batch) -> Result<(), freehold_archive::Error> {
        if batch.is_empty() {
            return Ok(());
        }
        self.tx
            .send(batch)
            .map_err(|()| freehold_archive::Error::Sink("the database writer stopped".into()))
    }

    /// Sends what this thread has encoded and collects its media results.
    pub(super) fn flush(&self) -> Result<(), freehold_archive::Error> {
        let mut own = self.own.borrow_mut();
        let batch = own.take_batch();
        self.media_copied
            .set(self.media_copied.get() + std::mem::take(&mut own.media_copied));
        self.diagnostics.borrow_mut().append(&mut own.diagnostics);
        drop(own);
        self.send(batch)
    }

    pub(super) fn media_copied(&self) -> u64 {
        self.media_copied.get()
    }

    pub(super) fn take_diagnostics(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut *self.diagnostics.borrow_mut())
    }
}

impl RecordSink for ChannelSink<'_> {
    fn push(
        &mut self,
        record: Record,
        path: &str,
        locator: String,
    ) -> Result<(), freehold_archive::Error> {
        let own = self.own.get_mut();
        own.push(record, path, &locator);
        if own.batch.is_full() {
            self.flush()?;
        }
        Ok(())
    }

    fn split(&self) -> Option<Box<dyn SplitSink + '_>> {
        let own = self.own.borrow();
        Some(Box::new(WorkerSink {
            encoder: Encoder::new(own.archive, own.media_dir, 0),
        }))
    }

    fn absorb(&self, part: Part) -> Result<(), freehold_archive::Error> {
        let part = part
            .downcast::<WorkerPart>()
            .map_err(|_| freehold_archive::Error::Sink("a part of another sink".into()))?;
        self.flush()?;
        self.media_copied
            .set(self.media_copied.get() + part.media_copied);
        self.diagnostics.borrow_mut().extend(part.diagnostics);
        self.send(part.batch)
    }
}

/// What a [`WorkerSink`] hands over.
struct WorkerPart {
    batch: Batch,
    media_copied: u64,
    diagnostics: Vec<Diagnostic>,
}

/// Encodes the records of one parallel task on a worker thread.
struct WorkerSink<'a> {
    encoder: Encoder<'a>,
}

impl WorkerSink<'_> {
    fn part(&mut self) -> Part {
        Box::new(WorkerPart {
            batch: self.encoder.take_batch(),
            media_copied: std::mem::take(&mut self.encoder.media_copied),
            diagnostics: std::mem::take(&mut self.encoder.diagnostics),
        })
    }
}

impl RecordSink for WorkerSink<'_> {
    fn push(
        &mut self,
        record: Record,
        path: &str,
        locator: String,
    ) -> Result<(), freehold_archive::Error> {
        self.encoder.push(record, path, &locator);
        Ok(())
    }
}

impl SplitSink for WorkerSink<'_> {
    fn take_ready(&mut self) -> Option<Part> {
        self.encoder.batch.is_full().then(|| self.part())
    }

    fn take_rest(&mut self) -> Option<Part> {
        let empty = self.encoder.batch.is_empty()
            && self.encoder.media_copied == 0
            && self.encoder.diagnostics.is_empty();
        (!empty).then(|| self.part())
    }
}
