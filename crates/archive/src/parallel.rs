//! Parsing on several threads with the records delivered in order.
//!
//! [`ParseContext::parallel`] runs a parser's independent tasks (the threads of a
//! Messenger export, chunks of a large tweets file) on rayon's workers. Each task writes
//! to its own [`SplitSink`], which hands its records over in parts; the calling thread
//! passes the parts to the parent sink in task order, and merges each task's report in
//! the same order. The database therefore sees the same rows in the same order whatever
//! the number of threads, and importing twice gives the same result.
//!
//! Memory stays bounded: at most a small window of tasks is in flight, and each task's
//! queue of parts is bounded, so a slow task holds back the ones after it instead of
//! letting their output pile up.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};

use crossbeam_channel::{Receiver, Sender, TryRecvError};
use freehold_model::Record;

use crate::Error;
use crate::platform::ParseContext;
use crate::progress::Progress;
use crate::report::Report;
use crate::sink::{Part, RecordSink, SplitSink};

/// Tasks in flight per worker thread, at most.
const WINDOW_PER_THREAD: usize = 3;
/// Parts queued per task, at most.
const PARTS_PER_TASK: usize = 4;

struct Job<'d, T> {
    item: T,
    sink: Box<dyn SplitSink + 'd>,
    out: Sender<Out>,
}

enum Out {
    Part(Part),
    Done(Box<Finished>),
}

struct Finished {
    report: Report,
    orphans: HashMap<String, u64>,
    result: Result<(), Error>,
}

struct Sequencer<'d, T> {
    sink: &'d dyn RecordSink,
    report: &'d mut Report,
    orphans: &'d mut HashMap<String, u64>,
    work: Option<Sender<Job<'d, T>>>,
    pending: VecDeque<Receiver<Out>>,
    window: usize,
    abort: &'d AtomicBool,
}

impl<'d, T> Sequencer<'d, T> {
    fn push(&mut self, item: T) -> Result<(), Error> {
        while self.pending.len() >= self.window {
            self.drain_front()?;
        }
        let Some(sink) = self.sink.split() else {
            return Err(Error::Sink("the sink stopped splitting".into()));
        };
        let (out, rx) = crossbeam_channel::bounded(PARTS_PER_TASK);
        let job = Job { item, sink, out };
        let sent = self.work.as_ref().map(|w| w.send(job));
        if !matches!(sent, Some(Ok(()))) {
            return Err(Error::Sink("the parser threads stopped".into()));
        }
        self.pending.push_back(rx);
        self.drain_ready()
    }

    /// Stops handing out work and lets running tasks fail fast.
    fn stop(&mut self) {
        self.abort.store(true, Ordering::Relaxed);
        self.work = None;
        self.pending.clear();
    }

    /// Handles one message of the oldest task; returns whether that task is done.
    fn handle(&mut self, message: Out) -> Result<bool, Error> {
        match message {
            Out::Part(part) => {
                self.sink.absorb(part)?;
                Ok(false)
            }
            Out::Done(finished) => {
                self.pending.pop_front();
                merge(self.report, self.orphans, finished.report, finished.orphans);
                finished.result?;
                Ok(true)
            }
        }
    }

    /// Waits for the oldest task to finish, passing on its parts.
    fn drain_front(&mut self) -> Result<(), Error> {
        loop {
            let Some(rx) = self.pending.front() else {
                return Ok(());
            };
            let message = rx
                .recv()
                .map_err(|_| Error::Sink("a parser thread stopped without a result".into()));
            let done = message.and_then(|m| self.handle(m));
            match done {
                Ok(true) => return Ok(()),
                Ok(false) => {}
                Err(e) => {
                    self.stop();
                    return Err(e);
                }
            }
        }
    }

    /// Passes on whatever the oldest tasks have ready, without waiting.
    fn drain_ready(&mut self) -> Result<(), Error> {
        loop {
            let Some(rx) = self.pending.front() else {
                return Ok(());
            };
            let message = match rx.try_recv() {
                Ok(m) => Ok(m),
                Err(TryRecvError::Empty) => return Ok(()),
                Err(TryRecvError::Disconnected) => Err(Error::Sink(
                    "a parser thread stopped without a result".into(),
                )),
            };
            if let Err(e) = message.and_then(|m| self.handle(m)) {
                self.stop();
                return Err(e);
            }
        }
    }

    fn finish(&mut self) -> Result<(), Error> {
        self.work = None;
        while !self.pending.is_empty() {
            self.drain_front()?;
        }
        Ok(())
    }
}

/// Adds a task's report to the parent's, in task order.
fn merge(
    report: &mut Report,
    orphans: &mut HashMap<String, u64>,
    part: Report,
    part_orphans: HashMap<String, u64>,
) {
    for (path, file) in part.files {
        match report.files.get_mut(&path) {
            Some(mine) => {
                mine.records += file.records;
                mine.fate = file.fate;
                mine.bytes = file.bytes;
                if file.note.is_some() {
                    mine.note = file.note;
                }
                if file.header.is_some() {
                    mine.header = file.header;
                }
            }
            None => {
                let pending = orphans.remove(&path).unwrap_or(0);
                let mut file = file;
                file.records += pending;
                report.files.insert(path, file);
            }
        }
    }
    for (path, n) in part_orphans {
        match report.files.get_mut(&path) {
            Some(file) => file.records += n,
            None => *orphans.entry(path).or_default() += n,
        }
    }
    for (table, n) in part.records {
        *report.records.entry(table).or_default() += n;
    }
    for d in part.diagnostics {
        report.diagnose(d);
    }
    report.diagnostics_dropped += part.diagnostics_dropped;
    if part.generated_at.is_some() {
        report.generated_at = part.generated_at;
    }
}

/// Passes a task's records to its [`SplitSink`] and hands full parts to the sequencer.
struct Relay<'d> {
    sink: Box<dyn SplitSink + 'd>,
    out: Sender<Out>,
}

impl RecordSink for Relay<'_> {
    fn push(&mut self, record: Record, path: &str, locator: String) -> Result<(), Error> {
        self.sink.push(record, path, locator)?;
        if let Some(part) = self.sink.take_ready() {
            self.out
                .send(Out::Part(part))
                .map_err(|_| Error::Sink("the import stopped".into()))?;
        }
        Ok(())
    }
}

fn work<T>(
    jobs: &Receiver<Job<'_, T>>,
    task: &(dyn Fn(T, &mut ParseContext<'_>) -> Result<(), Error> + Sync),
    progress: &dyn Progress,
    interrupt: Option<&AtomicBool>,
    abort: &AtomicBool,
) {
    while let Ok(job) = jobs.recv() {
        let mut relay = Relay {
            sink: job.sink,
            out: job.out,
        };
        if abort.load(Ordering::Relaxed) {
            continue;
        }
        let mut cx = ParseContext::new(&mut relay).with_progress(progress);
        if let Some(flag) = interrupt {
            cx = cx.with_interrupt(flag);
        }
        let mut result = task(job.item, &mut cx);
        let (report, orphans) = cx.into_parts();
        if result.is_ok()
            && let Some(part) = relay.sink.take_rest()
            && relay.out.send(Out::Part(part)).is_err()
        {
            result = Err(Error::Sink("the import stopped".into()));
        }
        let _ = relay.out.send(Out::Done(Box::new(Finished {
            report,
            orphans,
            result,
        })));
    }
}

/// Hands one item to [`ParseContext::parallel`] as a task. An error means a task (or
/// the sink) failed: the producer should stop and return it.
pub type Push<'p, T> = dyn FnMut(T) -> Result<(), Error> + 'p;

impl ParseContext<'_> {
    /// Runs `task` for every item `produce` pushes, on rayon's threads when the sink can
    /// split ([`RecordSink::split`]) and on this thread otherwise. Records reach the sink,
    /// and task reports reach this context's report, in the order the items were pushed.
    /// Returns the first error of the producer or of a task, after stopping the rest.
    ///
    /// The producer runs on this thread and may read a file as it goes (handing out
    /// chunks of it); tasks must not depend on each other's results.
    ///
    /// ```
    /// use freehold_archive::{ParseContext, Error};
    /// use freehold_model::{Account, Record};
    ///
    /// let mut sink: Vec<Record> = Vec::new();
    /// let mut cx = ParseContext::new(&mut sink);
    /// cx.parallel(
    ///     |push| (1..=3).try_for_each(push),
    ///     |i: u32, cx| cx.emit(Account { id: format!("tw:account:{i}"), ..Default::default() }, "a.js", "[0]"),
    /// )?;
    /// drop(cx);
    /// let ids: Vec<String> = sink.iter().map(|r| match r { Record::Account(a) => a.id.clone(), _ => unreachable!() }).collect();
    /// assert_eq!(ids, ["tw:account:1", "tw:account:2", "tw:account:3"]);
    /// # Ok::<(), Error>(())
    /// ```
    pub fn parallel<T: Send>(
        &mut self,
        produce: impl FnOnce(&mut Push<'_, T>) -> Result<(), Error>,
        task: impl Fn(T, &mut ParseContext<'_>) -> Result<(), Error> + Sync,
    ) -> Result<(), Error> {
        let threads = rayon::current_num_threads();
        if threads < 2 || self.sink.split().is_none() {
            let mut push = |item: T| task(item, self);
            return produce(&mut push);
        }
        let progress = self.progress;
        let interrupt = self.interrupt;
        let abort = AtomicBool::new(false);
        let (work_tx, work_rx) = crossbeam_channel::unbounded::<Job<'_, T>>();
        let (sink, report, orphans) = self.parts_mut();
        rayon::in_place_scope(|scope| {
            for _ in 0..threads {
                let jobs = work_rx.clone();
                let task = &task;
                let abort = &abort;
                scope.spawn(move |_| work(&jobs, task, progress, interrupt, abort));
            }
            drop(work_rx);
            let mut seq = Sequencer {
                sink,
                report,
                orphans,
                work: Some(work_tx),
                pending: VecDeque::new(),
                window: threads * WINDOW_PER_THREAD,
                abort: &abort,
            };
            let produced = produce(&mut |item| seq.push(item));
            match produced {
                Ok(()) => seq.finish(),
                Err(e) => {
                    seq.stop();
                    Err(e)
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::time::Duration;

    use freehold_model::Account;

    use super::*;
    use crate::report::Severity;

    /// A sink that splits: each part is the list of ids a task emitted.
    #[derive(Default)]
    struct Collect {
        ids: RefCell<Vec<String>>,
    }

    struct Part0(Vec<String>);

    struct Piece {
        ids: Vec<String>,
    }

    impl RecordSink for Collect {
        fn push(&mut self, record: Record, _: &str, _: String) -> Result<(), Error> {
            if let Record::Account(a) = record {
                self.ids.get_mut().push(a.id);
            }
            Ok(())
        }
        fn split(&self) -> Option<Box<dyn SplitSink + '_>> {
            Some(Box::new(Piece { ids: Vec::new() }))
        }
        fn absorb(&self, part: Part) -> Result<(), Error> {
            let part = part
                .downcast::<Part0>()
                .map_err(|_| Error::Sink("?".into()))?;
            self.ids.borrow_mut().extend(part.0);
            Ok(())
        }
    }

    impl RecordSink for Piece {
        fn push(&mut self, record: Record, _: &str, _: String) -> Result<(), Error> {
            if let Record::Account(a) = record {
                self.ids.push(a.id);
            }
            Ok(())
        }
    }

    impl SplitSink for Piece {
        fn take_ready(&mut self) -> Option<Part> {
            // Hand over every other record at once, to mix early parts and rests.
            (self.ids.len() >= 2).then(|| Box::new(Part0(std::mem::take(&mut self.ids))) as Part)
        }
        fn take_rest(&mut self) -> Option<Part> {
            (!self.ids.is_empty()).then(|| Box::new(Part0(std::mem::take(&mut self.ids))) as Part)
        }
    }

    fn account(id: String) -> Account {
        Account {
            id,
            ..Account::default()
        }
    }

    /// Task `i` emits `i % 5` records after a delay that makes later tasks finish first.
    fn run(tasks: usize, fail_at: Option<usize>) -> (Result<(), Error>, Vec<String>, Report) {
        let mut sink = Collect::default();
        let mut cx = ParseContext::new(&mut sink);
        let result = cx.parallel(
            |push| (0..tasks).try_for_each(push),
            |i: usize, cx| {
                std::thread::sleep(Duration::from_micros(((tasks - i) % 7) as u64 * 300));
                if Some(i) == fail_at {
                    return Err(Error::Sink(format!("task {i} failed")));
                }
                for j in 0..i % 5 {
                    cx.emit(account(format!("{i}.{j}")), &format!("f{i}"), "[0]")?;
                }
                cx.diagnose(
                    Severity::Info,
                    crate::codes::UNKNOWN_FILE,
                    None,
                    None,
                    format!("task {i}"),
                );
                Ok(())
            },
        );
        let report = cx.report().clone();
        drop(cx);
        (result, sink.ids.into_inner(), report)
    }

    #[test]
    fn records_and_reports_arrive_in_task_order() {
        let (result, ids, report) = run(60, None);
        result.unwrap();
        let expected: Vec<String> = (0..60)
            .flat_map(|i| (0..i % 5).map(move |j| format!("{i}.{j}")))
            .collect();
        assert_eq!(ids, expected);
        let order: Vec<&str> = report
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        let want: Vec<String> = (0..60).map(|i| format!("task {i}")).collect();
        assert_eq!(order, want);
        assert_eq!(report.records["accounts"], expected.len() as u64);
    }

    #[test]
    fn a_failing_task_stops_the_rest_and_its_error_is_returned() {
        let (result, ids, _) = run(200, Some(17));
        let err = result.unwrap_err().to_string();
        assert!(err.contains("task 17 failed"), "{err}");
        // Everything of the tasks before it arrived, nothing of the ones after it.
        let expected: Vec<String> = (0..17)
            .flat_map(|i| (0..i % 5).map(move |j| format!("{i}.{j}")))
            .collect();
        assert_eq!(ids, expected);
    }

    #[test]
    fn a_producer_error_is_returned() {
        let mut sink = Collect::default();
        let mut cx = ParseContext::new(&mut sink);
        let result = cx.parallel(
            |push| {
                push(1)?;
                Err(Error::Sink("the producer failed".into()))
            },
            |_: u32, _| Ok(()),
        );
        assert!(result.unwrap_err().to_string().contains("producer failed"));
    }

    #[test]
    fn a_sink_that_cannot_split_runs_the_tasks_in_order_here() {
        let mut sink: Vec<Record> = Vec::new();
        let mut cx = ParseContext::new(&mut sink);
        let here = std::thread::current().id();
        cx.parallel(
            |push| (0..5).try_for_each(push),
            |i: u32, cx| {
                assert_eq!(std::thread::current().id(), here);
                cx.emit(account(i.to_string()), "f", "[0]")
            },
        )
        .unwrap();
        drop(cx);
        assert_eq!(sink.len(), 5);
    }
}
