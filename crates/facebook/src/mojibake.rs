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
//!
//! Meta cuts some texts (previews) at a byte count, so the last character's bytes can be
//! incomplete. When the only UTF-8 error is such an incomplete sequence at the very end,
//! and the string shows it is mojibake (the valid part holds a multi-byte character, or
//! the incomplete tail is at least two bytes long), the valid part is decoded and U+FFFD
//! marks the cut. A correct Latin-1 string ending in one such letter (`café`) is left
//! alone.

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
/// // A preview cut inside 🌸 (`F0 9F 8C B8`) after `é`:
/// assert_eq!(repair("\u{c3}\u{a9} \u{f0}\u{9f}"), "é \u{FFFD}");
/// ```
pub fn repair(s: &str) -> Cow<'_, str> {
    // Plain ASCII needs nothing; so does any string with a character above U+00FF.
    if s.is_ascii() || s.chars().any(|c| u32::from(c) > 0xFF) {
        return Cow::Borrowed(s);
    }
    let bytes: Vec<u8> = s.chars().map(|c| u32::from(c) as u8).collect();
    match String::from_utf8(bytes) {
        Ok(fixed) => Cow::Owned(fixed),
        Err(e) => {
            let utf8 = e.utf8_error();
            let valid = utf8.valid_up_to();
            let bytes = e.as_bytes();
            let tail = bytes.len() - valid;
            // `error_len() == None`: the input ends inside a sequence, the only error.
            if utf8.error_len().is_some() {
                return Cow::Borrowed(s);
            }
            let prefix_has_multibyte = !bytes[..valid].is_ascii();
            if !(prefix_has_multibyte || tail >= 2) {
                return Cow::Borrowed(s);
            }
            match std::str::from_utf8(&bytes[..valid]) {
                Ok(prefix) => Cow::Owned(format!("{prefix}\u{FFFD}")),
                Err(_) => Cow::Borrowed(s),
            }
        }
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

    #[test]
    fn truncated_previews() {
        // Cut inside the last character, after other repaired text.
        assert_eq!(
            repair("Zofia Wi\u{c5}\u{9b}niewska \u{f0}\u{9f}\u{8c}"),
            "Zofia Wiśniewska \u{FFFD}"
        );
        assert_eq!(repair("\u{e6}\u{b2}\u{a1}\u{e6}"), "没\u{FFFD}");
        // Plain ASCII then a cut emoji: two bytes or more of a sequence.
        assert_eq!(repair("Hi \u{f0}\u{9f}"), "Hi \u{FFFD}");
        // One Latin-1 letter at the end of correct text is not a cut.
        assert_eq!(repair("café"), "café");
        assert_eq!(repair("Straße"), "Straße");
        assert_eq!(repair("naïve à"), "naïve à");
        // An error that is not at the end leaves the string alone.
        assert_eq!(repair("\u{f0}\u{9f} x"), "\u{f0}\u{9f} x");
        assert_eq!(repair("\u{c3}\u{a9}\u{ff}"), "\u{c3}\u{a9}\u{ff}");
    }

    proptest! {
        #[test]
        fn a_cut_inside_the_last_character_gives_the_prefix_and_a_replacement(
            s in "\\PC*", cut in any::<prop::sample::Index>()
        ) {
            let bytes = s.as_bytes();
            let cut = cut.index(bytes.len() + 1);
            let broken: String = bytes[..cut].iter().copied().map(char::from).collect();
            // The longest whole-character prefix of `s` within `cut` bytes.
            let mut whole = cut;
            while !s.is_char_boundary(whole) {
                whole -= 1;
            }
            let prefix = &s[..whole];
            let expected = if whole == cut {
                prefix.to_string()
            } else if !prefix.is_ascii() || cut - whole >= 2 {
                format!("{prefix}\u{FFFD}")
            } else {
                // One lone lead byte after ASCII: indistinguishable from correct Latin-1.
                broken.clone()
            };
            prop_assert_eq!(repair(&broken), expected.as_str());
        }

        #[test]
        fn latin1_text_that_is_not_utf8_is_unchanged(s in "[a-z \u{e0}-\u{ff}]*") {
            // Correct Latin-1 text is changed only when it is valid UTF-8 as bytes, or
            // it ends in an incomplete sequence that follows a valid multi-byte one or is
            // two bytes or more long; otherwise it stays as it is.
            let bytes: Vec<u8> = s.chars().map(|c| u32::from(c) as u8).collect();
            if let Err(e) = std::str::from_utf8(&bytes) {
                let tail = bytes.len() - e.valid_up_to();
                if e.error_len().is_some() || (bytes[..e.valid_up_to()].is_ascii() && tail < 2) {
                    prop_assert_eq!(repair(&s), s.as_str());
                }
            }
        }

        #[test]
        fn undoes_meta_on_any_unicode(s in "\\PC*") {
            let broken = break_like_meta(&s);
            prop_assert_eq!(repair(&broken), s.as_str());
        }

        #[test]
        fn idempotent_on_repaired_text(s in "\\PC*") {
            let once = repair(&break_like_meta(&s)).into_owned();
            // A purely Latin-1 string that is also valid UTF-8 as bytes ("Ã©"), or that
            // ends like a cut preview after such a sequence ("Ã©à"), is the documented
            // exception; `latin1_text_that_is_not_utf8_is_unchanged` covers the rest.
            prop_assume!(once.is_ascii() || once.chars().any(|c| u32::from(c) > 0xFF));
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
