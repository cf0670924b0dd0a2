//! The same spec gives the same bytes (folder and zip); another seed gives other bytes;
//! the zip holds exactly the folder's files.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use freehold_bench::{Platform, Spec, generate, generate_zip};

/// Every file under `dir`: `/`-separated relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn zip_tree(path: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        out.insert(entry.name().unwrap().to_string(), bytes);
    }
    out
}

fn spec(platform: Platform, seed: u64) -> Spec {
    let size = match platform {
        Platform::Facebook => 1500,
        _ => 400,
    };
    let mut spec = Spec::new(platform, size, seed);
    spec.twitter_part_bytes = 100 * 1024;
    spec.facebook_threads = Some(9);
    spec.facebook_messages_per_file = 100;
    spec
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let dir = tempfile::tempdir().unwrap();
    for platform in Platform::ALL {
        let a = dir.path().join(format!("{platform}-a"));
        let b = dir.path().join(format!("{platform}-b"));
        let c = dir.path().join(format!("{platform}-c"));
        let summary = generate(&spec(platform, 1), &a).unwrap();
        assert_eq!(generate(&spec(platform, 1), &b).unwrap(), summary);
        generate(&spec(platform, 2), &c).unwrap();
        let (ta, tb, tc) = (tree(&a), tree(&b), tree(&c));
        assert_eq!(ta.len() as u64, summary.files, "{platform}");
        assert_eq!(
            ta.values().map(|v| v.len() as u64).sum::<u64>(),
            summary.bytes,
            "{platform}"
        );
        assert!(ta == tb, "{platform}: the same seed gave different files");
        assert!(ta != tc, "{platform}: another seed gave the same files");
        // Not just one file: most data files differ.
        let differing = ta
            .iter()
            .filter(|(path, bytes)| tc.get(*path) != Some(*bytes))
            .count();
        assert!(differing * 2 >= ta.len().min(tc.len()) / 2, "{platform}");
    }
}

#[test]
fn zips_are_byte_identical_and_hold_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    for platform in Platform::ALL {
        let folder = dir.path().join(format!("{platform}"));
        let z1 = dir.path().join(format!("{platform}-1.zip"));
        let z2 = dir.path().join(format!("{platform}-2.zip"));
        generate(&spec(platform, 3), &folder).unwrap();
        generate_zip(&spec(platform, 3), &z1).unwrap();
        generate_zip(&spec(platform, 3), &z2).unwrap();
        assert!(
            std::fs::read(&z1).unwrap() == std::fs::read(&z2).unwrap(),
            "{platform}: two zips of one spec differ"
        );
        assert!(zip_tree(&z1) == tree(&folder), "{platform}");
    }
}

#[test]
fn a_folder_that_is_not_empty_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.txt"), b"x").unwrap();
    let err = generate(&Spec::new(Platform::Hyves, 10, 1), dir.path()).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
}

#[test]
fn size_zero_still_writes_a_readable_archive() {
    let dir = tempfile::tempdir().unwrap();
    for platform in Platform::ALL {
        let summary = generate(
            &Spec::new(platform, 0, 1),
            &dir.path().join(platform.name()),
        )
        .unwrap();
        assert!(summary.files > 0, "{platform}");
    }
}
