//! Ctrl-C and SIGTERM: the first one asks the import to stop (it rolls back, removes
//! what it was building and says so); a second one ends the process at once.

use std::sync::atomic::{AtomicBool, Ordering};

static STOP: AtomicBool = AtomicBool::new(false);

/// Installs the handler and returns the flag it sets.
pub fn flag() -> &'static AtomicBool {
    let _ = ctrlc::set_handler(|| {
        if STOP.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    &STOP
}

/// Whether a stop was asked for.
pub fn asked() -> bool {
    STOP.load(Ordering::SeqCst)
}
