//! Property test: mutated fixture bytes never make any parser panic. Every platform's
//! `detect` and `parse` run on a copy of a fixture in which one file was damaged.

use std::path::{Path, PathBuf};

use freehold_archive::{Archive, ParseContext};
use freehold_model::Record;
use proptest::prelude::*;

use crate::util::{files_under, fixture, platforms};

/// The fixture folders the mutations start from.
fn seeds() -> Vec<PathBuf> {
    let mut seeds = Vec::new();
    for platform in ["twitter", "facebook", "linkedin", "hyves"] {
        let dir = fixture(platform);
        let Ok(items) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut folders: Vec<PathBuf> = items
            .filter_map(Result::ok)
            .map(|i| i.path())
            .filter(|p| p.is_dir())
            .collect();
        folders.sort();
        seeds.extend(folders);
    }
    seeds
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (
            any::<usize>(),
            prop_oneof![
                proptest::collection::vec(any::<u8>(), 1..16),
                Just(b"\"".to_vec()),
                Just(b"{[".to_vec()),
                Just(b"\xff\xfe".to_vec()),
                Just(b",\n".to_vec()),
                Just(b"<!DOCTYPE x [<!ENTITY a \"b\">]>".to_vec()),
            ]
        )
            .prop_map(|(i, bytes)| Mutation::Insert(i, bytes)),
        (any::<usize>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len().max(1);
    match m {
        Mutation::Truncate(i) => bytes.truncate(i % len),
        Mutation::Flip(i, b) => {
            if !bytes.is_empty() {
                let i = i % bytes.len();
                bytes[i] ^= b | 1;
            }
        }
        Mutation::Insert(i, new) => {
            let i = i % (bytes.len() + 1);
            bytes.splice(i..i, new.iter().copied());
        }
        Mutation::Delete(i, n) => {
            if !bytes.is_empty() {
                let i = i % bytes.len();
                let end = (i + n).min(bytes.len());
                bytes.drain(i..end);
            }
        }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for rel in files_under(from) {
        let dest = to.join(&rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(from.join(&rel), dest).unwrap();
    }
}

/// Runs every platform on the archive; only a panic fails.
fn parse_all(path: &Path) {
    let Ok(archive) = Archive::open(path) else {
        return;
    };
    for platform in platforms() {
        if let Some(detection) = platform.detect(&archive) {
            let mut records: Vec<Record> = Vec::new();
            let mut cx = ParseContext::new(&mut records);
            let _ = platform.parse(&archive, &detection, &mut cx);
            let _ = cx.finish(&archive, &detection);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_archives_never_panic(seed in any::<usize>(), file in any::<usize>(), m in mutation(), m2 in mutation()) {
        let seeds = seeds();
        let root = &seeds[seed % seeds.len()];
        let files = files_under(root);
        prop_assume!(!files.is_empty());
        let dir = tempfile::tempdir().unwrap();
        copy_tree(root, dir.path());
        let target = dir.path().join(&files[file % files.len()]);
        let mut bytes = std::fs::read(&target).unwrap();
        apply(&mut bytes, &m);
        apply(&mut bytes, &m2);
        std::fs::write(&target, &bytes).unwrap();
        parse_all(dir.path());
    }
}
