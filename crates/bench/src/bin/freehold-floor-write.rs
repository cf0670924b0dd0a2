//! The physical floor of an export that writes many files: reads every file under a
//! folder (an exported site) into memory, then writes the same bytes under the same
//! paths into a new folder, with no rendering, and prints how long the writing took.
//!
//! usage: freehold-floor-write SITE NEW_FOLDER

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn walk(root: &Path, dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) -> std::io::Result<()> {
    for item in std::fs::read_dir(dir)? {
        let path = item?.path();
        if path.is_dir() {
            walk(root, &path, out)?;
        } else {
            let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            out.push((rel, std::fs::read(&path)?));
        }
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(from), Some(to)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: freehold-floor-write SITE NEW_FOLDER");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    walk(Path::new(from), Path::new(from), &mut files)?;
    files.sort();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let started = Instant::now();
    let mut made = std::collections::HashSet::new();
    for (rel, data) in &files {
        let path = Path::new(to).join(rel);
        if let Some(parent) = path.parent()
            && made.insert(parent.to_path_buf())
        {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::File::create_new(&path)?.write_all(data)?;
    }
    println!(
        "wrote {} files, {} bytes, in {:.2} s",
        files.len(),
        bytes,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
