//! The two entry points: an archive into a folder or into a zip file, by the platform's
//! generator.

use std::io;
use std::path::Path;

use crate::output::Output;
use crate::platform::Platform;
use crate::spec::Spec;
use crate::summary::{Counts, Summary};
use crate::{facebook, hyves, linkedin, twitter};

/// Generates the archive described by `spec` into the folder `out_dir`, which must not
/// exist yet or be empty. Returns what was written.
///
/// # Errors
///
/// When `out_dir` is not empty, or writing fails.
pub fn generate(spec: &Spec, out_dir: &Path) -> io::Result<Summary> {
    run(spec, Output::folder(out_dir)?)
}

/// Generates the same archive as [`generate`] as one zip file at `zip_path` (replaced if
/// it exists): the same files with the same bytes, deflated, with fixed timestamps so the
/// zip itself is byte-identical for the same spec.
///
/// # Errors
///
/// When writing fails.
pub fn generate_zip(spec: &Spec, zip_path: &Path) -> io::Result<Summary> {
    run(spec, Output::zip(zip_path)?)
}

fn run(spec: &Spec, mut out: Output) -> io::Result<Summary> {
    let counts = match spec.platform {
        Platform::Twitter => Counts::Twitter(twitter::write(spec, &mut out)?),
        Platform::Facebook => Counts::Facebook(facebook::write(spec, &mut out)?),
        Platform::Linkedin => Counts::Linkedin(linkedin::write(spec, &mut out)?),
        Platform::Hyves => Counts::Hyves(hyves::write(spec, &mut out)?),
    };
    let (files, bytes) = out.finish()?;
    Ok(Summary {
        platform: spec.platform,
        files,
        bytes,
        counts,
    })
}
