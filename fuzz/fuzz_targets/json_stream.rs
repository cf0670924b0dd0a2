//! The streaming JSON readers: arrays with and without a `window.X =` prefix, whole
//! values, and objects whose one array field is streamed. A streamed object gives the
//! same elements and fields as parsing the whole value.
#![no_main]

use freehold_archive::json::{Prefix, for_each_element_limited, read_object_streaming, read_value};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for prefix in [Prefix::None, Prefix::Assignment] {
        let _ = for_each_element_limited(data, prefix, 1 << 16, |_, _| Ok::<(), ()>(()));
        let _ = read_value(data, prefix);
    }
    let mut elements = Vec::new();
    let streamed = read_object_streaming(data, "messages", |_, _, v| {
        elements.push(v);
        Ok::<(), ()>(())
    });
    let whole = serde_json::from_slice::<serde_json::Value>(data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data));
    if let (Ok(object), Ok(serde_json::Value::Object(map))) = (streamed, whole) {
        if let Some(serde_json::Value::Array(items)) = map.get("messages") {
            if object.found {
                assert_eq!(&elements, items);
            }
        }
        for (k, v) in &object.fields {
            assert!(k == "messages" || map.get(k) == Some(v));
        }
    }
});
