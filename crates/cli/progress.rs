//! Progress on stderr: the only place that draws on the terminal while an archive is
//! read or a database is exported. Everything here is hidden when stderr is not a
//! terminal, and with `--quiet`.

use std::sync::Mutex;
use std::time::Duration;

use freehold_archive::Progress;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How often a spinner moves while nothing else is reported.
const TICK: Duration = Duration::from_millis(120);

/// One line for the archive being read (a byte bar with percentage, rate and ETA), then
/// one spinner line per named phase of the work after the parse.
pub struct Bar {
    lines: MultiProgress,
    bar: ProgressBar,
    phase: Mutex<Option<ProgressBar>>,
}

impl Bar {
    /// A bar for the archive `name`.
    pub fn new(quiet: bool, name: &str) -> Bar {
        let lines = MultiProgress::with_draw_target(if quiet {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        });
        let bar = lines.add(ProgressBar::new(0));
        bar.set_style(style(
            "{prefix} {wide_bar} {percent:>3}%  {binary_bytes}/{binary_total_bytes}  {binary_bytes_per_sec}  ETA {eta}",
        ));
        bar.set_prefix(crate::terminal::safe(name));
        Bar {
            lines,
            bar,
            phase: Mutex::new(None),
        }
    }

    /// Removes every line.
    pub fn finish(&self) {
        self.end_phase();
        self.bar.finish_and_clear();
        let _ = self.lines.clear();
    }

    fn end_phase(&self) {
        if let Some(spinner) = self.phase.lock().ok().and_then(|mut p| p.take()) {
            spinner.finish_with_message("done");
        }
    }
}

impl Progress for Bar {
    fn start(&self, total_bytes: u64) {
        self.bar.set_length(total_bytes);
        self.bar.set_position(0);
        self.bar.reset_eta();
    }

    fn advance(&self, bytes: u64) {
        self.bar.inc(bytes);
    }

    fn phase(&self, name: &str) {
        if !self.bar.is_finished() {
            // Everything is read: the bar shows 100 % and stops its clock.
            if let Some(total) = self.bar.length() {
                self.bar.set_position(total);
            }
            self.bar.finish();
        }
        self.end_phase();
        let spinner = self.lines.add(ProgressBar::new_spinner());
        spinner.set_style(style("  {spinner} {prefix} … {msg} [{elapsed}]"));
        spinner.set_prefix(name.to_string());
        spinner.enable_steady_tick(TICK);
        if let Ok(mut phase) = self.phase.lock() {
            *phase = Some(spinner);
        }
    }
}

/// A bar for writing an export: rows written of `total`, with percentage, rate and ETA.
/// The export command reports each row (or each batch) with [`ProgressBar::inc`].
pub fn export_bar(quiet: bool, what: &str, total_rows: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(
        Some(total_rows),
        if quiet {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        },
    );
    bar.set_style(style(
        "{prefix} {wide_bar} {percent:>3}%  {human_pos}/{human_len} rows  {per_sec}  ETA {eta}",
    ));
    bar.set_prefix(crate::terminal::safe(what));
    bar
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar())
}
