//! The streaming JSON reader, with and without a `window.X =` prefix.
#![no_main]

use freehold_archive::json::{Prefix, for_each_element_limited, read_value};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for prefix in [Prefix::None, Prefix::Assignment] {
        let _ = for_each_element_limited(data, prefix, 1 << 16, |_, _| Ok::<(), ()>(()));
        let _ = read_value(data, prefix);
    }
});
