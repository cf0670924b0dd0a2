//! Repairing Meta's mojibake.
//!
//! Meta's JSON exports take the UTF-8 bytes of every string, treat each byte as a code
//! point U+0000–U+00FF and escape it (`é` is written `"\u00c3\u00a9"`). A JSON parser
//! therefore yields `"Ã©"`. [`repair`] undoes that with the all-or-nothing rule: when
//! **every** character of a string is at most U+00FF and the characters, taken as bytes,
//! are valid UTF-8, the string is replaced by that UTF-8 text; otherwise it is returned
//! unchanged. Text that is already correct is never altered unless it consists only of
//! Latin-1 characters that happen to form valid UTF-8 (such as a user typing `Ã©`), which
//! is negligible in practice.

use std::borrow::Cow;

use serde_json::{Map, Value};

/// Repairs one string (see the [module documentation](self)).
///
/// ```
/// use freehold_facebook::mojibake::repair;
///
/// // What a JSON parser reads from Meta's `"Zofia Wi\u00c5\u009bniewska"`:
/// assert_eq!(repair("Zofia Wi\u{c5}\u{9b}niewska"), "Zofia Wiśniewska");
/// // 😅 written as four escaped bytes:
/// assert_eq!(repair("\u{f0}\u{9f}\u{98}\u{85}"), "😅");
/// // Chinese: 没有
/// assert_eq!(repair("\u{e6}\u{b2}\u{a1}\u{e6}\u{9c}\u{89}"), "没有");
/// // Correct text is left alone (borrowed, not copied):
/// assert!(matches!(repair("Nguyễn Thị Mai"), std::borrow::Cow::Borrowed(_)));
/// assert_eq!(repair("café"), "café"); // `é` alone is not valid UTF-8 as a byte
/// ```
pub fn repair(s: &str) -> Cow<'_, str> {
    // Plain ASCII needs nothing; so does any string with a character above U+00FF.
    if s.is_ascii() || s.chars().any(|c| u32::from(c) > 0xFF) {
        return Cow::Borrowed(s);
    }
    let bytes: Vec<u8> = s.chars().map(|c| u32::from(c) as u8).collect();
    match String::from_utf8(bytes) {
        Ok(fixed) => Cow::Owned(fixed),
        Err(_) => Cow::Borrowed(s),
    }
}

/// Repairs every string and every object key inside a JSON value, in place.
///
/// ```
/// use freehold_facebook::mojibake::repair_value;
///
/// let mut v = serde_json::json!({"name": "Nguy\u{e1}\u{bb}\u{85}n", "tags": [{"name": "\u{e7}\u{8e}\u{8b}\u{e8}\u{8a}\u{b3}"}]});
/// repair_value(&mut v);
/// assert_eq!(v["name"], "Nguyễn");
/// assert_eq!(v["tags"][0]["name"], "王芳");
/// ```
pub fn repair_value(value: &mut Value) {
    match value {
        Value::String(s) => {
            if let Cow::Owned(fixed) = repair(s) {
                *s = fixed;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(repair_value),
        Value::Object(map) => {
            let needs_key_fix = map.keys().any(|k| matches!(repair(k), Cow::Owned(_)));
            if needs_key_fix {
                let old = std::mem::take(map);
                let mut fixed = Map::with_capacity(old.len());
                for (k, mut v) in old {
                    repair_value(&mut v);
                    fixed.insert(repair(&k).into_owned(), v);
                }
                *map = fixed;
            } else {
                map.values_mut().for_each(repair_value);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What Meta does to a string: every UTF-8 byte becomes one code point.
    fn break_like_meta(s: &str) -> String {
        s.bytes().map(char::from).collect()
    }

    #[test]
    fn known_mojibake() {
        assert_eq!(repair("\u{c3}\u{a9}"), "é");
        assert_eq!(repair("\u{c4}\u{8d}"), "č");
        assert_eq!(repair("\u{e2}\u{80}\u{99}"), "\u{2019}");
        assert_eq!(repair("Ł\u{f3}d\u{17a}"), "Łódź"); // already correct, chars > U+00FF
        assert_eq!(repair(&break_like_meta("Łódź")), "Łódź");
        assert_eq!(repair(&break_like_meta("Hà Nội 🍜")), "Hà Nội 🍜");
        assert_eq!(repair(""), "");
    }

    #[test]
    fn keys_are_repaired() {
        let mut v = serde_json::json!({ break_like_meta("ключ"): break_like_meta("значение") });
        repair_value(&mut v);
        assert_eq!(v["ключ"], "значение");
    }

    proptest! {
        #[test]
        fn undoes_meta_on_any_unicode(s in "\\PC*") {
            let broken = break_like_meta(&s);
            prop_assert_eq!(repair(&broken), s.as_str());
        }

        #[test]
        fn idempotent_on_repaired_text(s in "\\PC*") {
            let once = repair(&break_like_meta(&s)).into_owned();
            // A purely Latin-1 string that is also valid UTF-8 as bytes ("Ã©") is the
            // one documented exception.
            prop_assume!(once.is_ascii() || once.chars().any(|c| u32::from(c) > 0xFF)
                || String::from_utf8(once.chars().map(|c| u32::from(c) as u8).collect()).is_err());
            prop_assert_eq!(repair(&once), once.as_str());
        }

        #[test]
        fn text_with_a_wide_char_is_unchanged(s in "\\PC*", c in "[\u{100}-\u{10ffff}]") {
            let text = format!("{s}{c}");
            prop_assert_eq!(repair(&text), text.as_str());
        }

        #[test]
        fn never_panics(s in any::<String>()) {
            let _ = repair(&s);
        }
    }
}
