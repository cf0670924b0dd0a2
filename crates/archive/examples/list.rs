//! Lists the files of an archive (zip or folder) as freehold sees them.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use freehold_archive::Archive;

fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: list ARCHIVE");
        std::process::exit(2);
    };
    match Archive::open(path.as_ref()) {
        Ok(archive) => {
            if let Some(wrapper) = archive.wrapper() {
                println!("(inside {wrapper}/)");
            }
            for entry in archive.entries() {
                println!("{:>10}  {}", entry.size, entry.path);
            }
            for junk in archive.junk() {
                println!("{:>10}  {} (set aside)", junk.size, junk.path);
            }
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}
