//! Parser throughput, in MB/s of archive data: each platform's parser on a generated
//! archive, into a sink that only counts records (no database). The sink splits like
//! the import's, so parsers that parse in parallel (Messenger threads, chunks of a large
//! tweets file) do so here too. One more group reads the Twitter archive from a zip
//! (inflate + parse).
//!
//! ```sh
//! cargo bench -p freehold-bench --bench parsers            # every group, a few minutes
//! cargo bench -p freehold-bench --bench parsers -- twitter # one platform
//! ```

use std::cell::Cell;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput, criterion_main};
use freehold_archive::{Archive, Error, ParseContext, Part, RecordSink, SplitSink};
use freehold_bench::{Platform, Spec, e2e, generate, generate_zip};
use freehold_model::Record;

/// Counts records; each task of a parallel parse counts its own and hands the count over.
#[derive(Default)]
struct Counter {
    records: Cell<u64>,
}

impl RecordSink for Counter {
    fn push(&mut self, _: Record, _: &str, _: String) -> Result<(), Error> {
        self.records.set(self.records.get() + 1);
        Ok(())
    }

    fn split(&self) -> Option<Box<dyn SplitSink + '_>> {
        Some(Box::new(TaskCounter(0)))
    }

    fn absorb(&self, part: Part) -> Result<(), Error> {
        let n = part
            .downcast::<u64>()
            .map_err(|_| Error::Sink("not a count".into()))?;
        self.records.set(self.records.get() + *n);
        Ok(())
    }
}

/// The counter of one task.
struct TaskCounter(u64);

impl RecordSink for TaskCounter {
    fn push(&mut self, _: Record, _: &str, _: String) -> Result<(), Error> {
        self.0 += 1;
        Ok(())
    }
}

impl SplitSink for TaskCounter {
    fn take_ready(&mut self) -> Option<Part> {
        None
    }

    fn take_rest(&mut self) -> Option<Part> {
        Some(Box::new(std::mem::take(&mut self.0)))
    }
}

/// Parses `archive` with the parser that detects it; returns the records counted.
fn parse(archive: &Archive) -> u64 {
    let (parser, detection) =
        freehold_archive::detect(e2e::parsers(), archive).expect("a recognised archive");
    let mut counter = Counter::default();
    let mut cx = ParseContext::new(&mut counter);
    parser
        .parse(archive, &detection, &mut cx)
        .expect("the parse succeeds");
    drop(cx);
    counter.records.get()
}

/// Benches the parse of the archive at `path` as `name` in its own group.
fn bench_archive(c: &mut Criterion, group: &str, name: &str, path: &Path) {
    let archive = Archive::open(path).expect("the generated archive opens");
    let started = Instant::now();
    let records = parse(&archive);
    let once = started.elapsed();
    assert!(records > 0, "{group}: no records");
    let mut g = c.benchmark_group(group);
    // Ten samples of one parse each, with room to spare: a few seconds per group.
    g.sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time((once * 20).max(Duration::from_secs(3)))
        .throughput(Throughput::BytesDecimal(archive.data_bytes()));
    g.bench_function(name, |b| b.iter(|| parse(&archive)));
    g.finish();
}

/// Generates `spec` into a temporary folder (and zip, with `zip`) and benches its parse.
fn bench_platform(c: &mut Criterion, spec: &Spec, zip: bool) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let name = format!("{}-{}", spec.platform, spec.size);
    let folder = dir.path().join(&name);
    generate(spec, &folder).expect("the archive is generated");
    bench_archive(c, spec.platform.name(), &format!("{name}/folder"), &folder);
    if zip {
        let file = dir.path().join(format!("{name}.zip"));
        generate_zip(spec, &file).expect("the zip is generated");
        bench_archive(
            c,
            &format!("{}-zip", spec.platform.name()),
            &format!("{name}/zip"),
            &file,
        );
    }
}

fn twitter(c: &mut Criterion) {
    bench_platform(c, &Spec::new(Platform::Twitter, 20_000, 1), true);
}

fn facebook(c: &mut Criterion) {
    bench_platform(c, &Spec::new(Platform::Facebook, 50_000, 1), false);
}

fn linkedin(c: &mut Criterion) {
    bench_platform(c, &Spec::new(Platform::Linkedin, 20_000, 1), false);
}

fn hyves(c: &mut Criterion) {
    bench_platform(c, &Spec::new(Platform::Hyves, 5_000, 1), false);
}

/// The group `criterion_main!` runs (a module, so that the function the macro writes
/// may go undocumented).
mod group {
    #![allow(missing_docs)]
    use super::{facebook, hyves, linkedin, twitter};
    criterion::criterion_group!(parsers, twitter, facebook, linkedin, hyves);
}

criterion_main!(group::parsers);
