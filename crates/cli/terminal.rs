//! Text from an archive is escaped before it reaches the terminal: a file name or value
//! holding ESC, BEL or other control characters must not set the terminal's title, clear
//! its screen or move its cursor, and bidirectional overrides must not reorder a line.

use std::fmt::Display;

/// `text` with every control character (C0, DEL, C1) and bidirectional control shown as
/// `\u{…}` (`\n`, `\r` and `\t` as those escapes), everything else as it is.
pub fn safe(text: impl Display) -> String {
    let text = text.to_string();
    if !text.chars().any(needs_escape) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn escapes_what_drives_a_terminal_and_keeps_the_rest() {
        assert_eq!(
            safe("a\u{1b}]0;pwned\u{7}b\u{1b}[2J"),
            "a\\u{1b}]0;pwned\\u{7}b\\u{1b}[2J"
        );
        assert_eq!(safe("x\u{9b}y\u{202e}z"), "x\\u{9b}y\\u{202e}z");
        assert_eq!(safe("line\nnext\ttab"), "line\\nnext\\ttab");
        assert_eq!(safe("Zoë 陈 😋 data/tweets.js"), "Zoë 陈 😋 data/tweets.js");
    }
}
