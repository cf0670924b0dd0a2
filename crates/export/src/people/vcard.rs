//! vCard 4.0 (RFC 6350), or 3.0 (RFC 2426) for older address books: one card per person.
//!
//! Each card has `UID` (a `urn:uuid:` derived from the person id, the same in every
//! export), `FN`, `N`, `EMAIL`, `TEL`, `ORG`, `TITLE`, a `URL` and an
//! `X-SOCIALPROFILE;TYPE=<platform>` for every account with a profile link, `NOTE` with
//! how and since when the owner knows them, `CATEGORIES` by platform and `REV` (the
//! newest archive's snapshot time). Text is escaped (`\\`, `\,`, `\;`, `\n`) and lines
//! are folded at 75 octets without splitting a UTF-8 character; lines end in CRLF.

use std::io::Write;

use sha2::{Digest, Sha256};

use super::{Contact, NOTICE, People, PeopleReport, platform_name};

/// Which vCard version to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Version {
    /// vCard 4.0 (RFC 6350).
    #[default]
    V4,
    /// vCard 3.0 (RFC 2426).
    V3,
}

/// Escapes a text value: backslash, comma, semicolon and newlines.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds one content line at 75 octets (continuation lines start with a space, which
/// counts), never inside a UTF-8 character, each line ending in CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

/// A stable `urn:uuid:` for a person id (a name-based UUID from SHA-256).
pub fn uid(person_id: &str) -> String {
    let d = Sha256::digest(format!("freehold:{person_id}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// `2024-04-20T09:00:00.000Z` → `20240420T090000Z` (4.0) or `2024-04-20T09:00:00Z` (3.0).
fn rev(time: &str, version: Version) -> Option<String> {
    let digits: String = time.chars().filter(char::is_ascii_digit).take(14).collect();
    if digits.len() < 8 {
        return None;
    }
    let digits = format!("{digits:0<14}");
    let (y, mo, d, h, mi, s) = (
        &digits[0..4],
        &digits[4..6],
        &digits[6..8],
        &digits[8..10],
        &digits[10..12],
        &digits[12..14],
    );
    Some(match version {
        Version::V4 => format!("{y}{mo}{d}T{h}{mi}{s}Z"),
        Version::V3 => format!("{y}-{mo}-{d}T{h}:{mi}:{s}Z"),
    })
}

/// One card.
pub fn card(c: &Contact, revised: Option<&str>, version: Version) -> String {
    let mut out = String::new();
    let mut line = |s: String| out.push_str(&fold(&s));
    line("BEGIN:VCARD".into());
    line(match version {
        Version::V4 => "VERSION:4.0".into(),
        Version::V3 => "VERSION:3.0".into(),
    });
    if version == Version::V3 {
        line("PRODID:-//freehold//people export//EN".into());
    }
    line(format!("UID:{}", uid(&c.person.id)));
    let name = c.person.name.clone().unwrap_or_default();
    line(format!("FN:{}", escape(&name)));
    let (given, family) = c.name_parts();
    line(format!("N:{};{};;;", escape(&family), escape(&given)));
    for e in &c.emails {
        line(match version {
            Version::V4 => format!("EMAIL:{}", escape(e)),
            Version::V3 => format!("EMAIL;TYPE=INTERNET:{}", escape(e)),
        });
    }
    for t in &c.phones {
        line(format!("TEL:{}", escape(t)));
    }
    if let Some(o) = &c.organisation {
        line(format!("ORG:{}", escape(o)));
    }
    if let Some(t) = &c.title {
        line(format!("TITLE:{}", escape(t)));
    }
    for a in &c.accounts {
        let Some(url) = a.profile_url.as_deref().filter(|u| u.starts_with("http")) else {
            continue;
        };
        line(format!("URL:{url}"));
        line(format!("X-SOCIALPROFILE;TYPE={}:{url}", a.platform));
    }
    let note = c.note();
    if !note.is_empty() {
        line(format!("NOTE:{}", escape(&note)));
    }
    let categories: Vec<String> = c
        .platforms()
        .iter()
        .map(|p| escape(platform_name(p)))
        .collect();
    if !categories.is_empty() {
        line(format!("CATEGORIES:{}", categories.join(",")));
    }
    if let Some(r) = revised.and_then(|t| rev(t, version)) {
        line(format!("REV:{r}"));
    }
    line("END:VCARD".into());
    out
}

/// Writes one card per person of the address book to `out`.
pub fn write_vcards(
    people: &People,
    out: &mut dyn Write,
    version: Version,
) -> Result<PeopleReport, std::io::Error> {
    let mut report = PeopleReport::default();
    let mut buf = std::io::BufWriter::with_capacity(1 << 16, out);
    for c in people.address_book() {
        buf.write_all(card(c, people.revised.as_deref(), version).as_bytes())?;
        report.records += 1;
    }
    buf.flush()?;
    report.skipped = people.contacts.len() - report.records;
    report.summary = format!(
        "{} contact cards (vCard {}); {} persons left out (you, and people without a name or any tie or contact detail).\n{NOTICE}\n",
        report.records,
        match version {
            Version::V4 => "4.0",
            Version::V3 => "3.0",
        },
        report.skipped
    );
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_at_75_octets_without_splitting_characters() {
        let long = format!("NOTE:{}", "é".repeat(100));
        let folded = fold(&long);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), long);
        let cjk = format!("FN:{}", "王芳".repeat(40));
        let folded = fold(&cjk);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(folded.replace("\r\n ", "").trim_end(), cjk);
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn uid_is_stable_and_a_uuid() {
        let a = uid("person:0123");
        assert_eq!(a, uid("person:0123"));
        assert_ne!(a, uid("person:0124"));
        assert_eq!(a.len(), "urn:uuid:".len() + 36);
        assert_eq!(&a[23..24], "5");
    }
}
