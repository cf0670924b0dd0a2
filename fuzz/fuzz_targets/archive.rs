//! The input is a zip file: open it with every platform, read every entry.
#![no_main]

use freehold_archive::{Archive, ParseContext};
use freehold_model::Record;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("input.zip");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let Ok(archive) = Archive::open(&path) else { return };
    for entry in archive.entries() {
        let _ = archive.read_entry(entry, |r| std::io::copy(r, &mut std::io::sink()));
    }
    for platform in freehold::platforms() {
        if let Some(detection) = platform.detect(&archive) {
            let mut records: Vec<Record> = Vec::new();
            let mut cx = ParseContext::new(&mut records);
            let _ = platform.parse(&archive, &detection, &mut cx);
        }
    }
});
