//! Every date format LinkedIn has used, per file and per era, parsed to honest time.
//!
//! | source | example | result |
//! |---|---|---|
//! | messages (2020 →), endorsements, search queries | `2025-06-01 14:03:22 UTC`, `2022/03/01 10:00:00 UTC` | `2025-06-01T14:03:22Z` |
//! | Company Follows (Java `Date.toString`) | `Wed Jun 24 12:43:42 UTC 2026` | `2026-06-24T12:43:42Z` |
//! | shares, comments, reactions, votes | `2024-03-05 18:22:10` | `2024-03-05T18:22:10` (no zone) |
//! | messages (≤ 2020) | `2019-11-06T02:08:20` | `2019-11-06T02:08:20` |
//! | invitations | `1/29/26, 2:37 PM` | `2026-01-29T14:37:00` |
//! | connections | `08 Feb 2026`; 2018: `11/23/17`; Excel: `4-Apr-21` | `2026-02-08` |
//! | positions, education | `Jan 2024`, `2008` | `2024-01`, `2008` |
//! | events (a range) | `May 07, 2022 08:00 AM - May 07, 2022 11:00 AM` | `2022-05-07T08:00:00` – `2022-05-07T11:00:00` |
//!
//! The formats do not overlap, so one ordered list serves every file. Only a literal
//! `UTC`/`GMT` (or an RFC 3339 offset) gives a `Z`; everything else is wall-clock time.

use freehold_model::time::{
    date_only, english_month, from_rfc3339, utc_wall_clock, wall_clock, year_month, year_only,
};

const UTC_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M:%S UTC",
    "%Y/%m/%d %H:%M:%S UTC",
    "%Y-%m-%d %H:%M UTC",
    "%Y-%m-%d %H:%M:%S%.f UTC",
    "%a %b %d %H:%M:%S UTC %Y",
    "%Y-%m-%d %H:%M:%S GMT",
    "%a %b %d %H:%M:%S GMT %Y",
];

const WALL_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%m/%d/%y, %I:%M %p",
    "%m/%d/%Y, %I:%M %p",
    "%m/%d/%y %I:%M %p",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%y, %H:%M",
    "%m/%d/%Y %H:%M",
    "%m/%d/%y %H:%M",
    "%b %d, %Y %I:%M %p",
    "%B %d, %Y %I:%M %p",
];

const DATE_FORMATS: &[&str] = &[
    "%d %b %Y",
    "%Y-%m-%d",
    "%m/%d/%y",
    "%m/%d/%Y",
    "%d-%b-%y",
    "%d-%b-%Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %B %Y",
    "%Y/%m/%d",
];

/// Parses a LinkedIn date in any known format; `None` when no format matches.
pub(crate) fn parse(raw: &str) -> Option<String> {
    let s = clean(raw);
    if s.is_empty() {
        return None;
    }
    let two_digit_year = |f: &str| f.contains("%y");
    for f in UTC_FORMATS {
        if let Some(t) = utc_wall_clock(&s, f) {
            return Some(t);
        }
    }
    if let Some(t) = from_rfc3339(&s) {
        return Some(t);
    }
    // `%y` before `%Y`: `%Y` would read `1/29/26` as the year 26.
    for f in WALL_FORMATS {
        if let Some(t) = wall_clock(&s, f)
            && (two_digit_year(f) || !has_short_year(&s))
        {
            return Some(t);
        }
    }
    for f in DATE_FORMATS {
        if let Some(t) = date_only(&s, f)
            && (two_digit_year(f) || !has_short_year(&s))
        {
            return Some(t);
        }
    }
    month_or_year(&s)
}

/// A range `<start> - <end>` whose both ends are dates in a known format.
pub(crate) fn parse_range(raw: &str) -> Option<(String, String)> {
    let (start, end) = raw.split_once(" - ")?;
    if end.contains(" - ") {
        return None;
    }
    Some((parse(start)?, parse(end)?))
}

/// `Jan 2024`, `January 2024`, `2024-01`, `01/2024`, or a bare `2008`.
fn month_or_year(s: &str) -> Option<String> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        return year_only(s.parse().ok()?);
    }
    let (a, b) = s
        .split_once(' ')
        .or_else(|| s.split_once('-'))
        .or_else(|| s.split_once('/'))?;
    let (a, b) = (a.trim(), b.trim());
    let year = |y: &str| -> Option<i32> {
        (y.len() == 4 && y.bytes().all(|c| c.is_ascii_digit()))
            .then(|| y.parse().ok())
            .flatten()
    };
    let number = |m: &str| -> Option<u32> {
        (m.len() <= 2 && m.bytes().all(|c| c.is_ascii_digit()))
            .then(|| m.parse().ok())
            .flatten()
    };
    if let (Some(m), Some(y)) = (english_month(a), year(b)) {
        return year_month(y, m);
    }
    if let (Some(y), Some(m)) = (year(a), number(b)) {
        return year_month(y, m);
    }
    if let (Some(m), Some(y)) = (number(a), year(b)) {
        return year_month(y, m);
    }
    None
}

/// Whether a month-first slash date (`03/04/21`) would read as another valid date
/// day-first: both leading parts are 1–12 and differ.
pub(crate) fn ambiguous_slash(raw: &str) -> bool {
    let s = clean(raw);
    let date = s.split([',', ' ']).next().unwrap_or("");
    let parts: Vec<&str> = date.split('/').collect();
    let small = |p: &str| -> Option<u32> {
        (!p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
            .filter(|n| (1..=12).contains(n))
    };
    parts.len() == 3 && matches!((small(parts[0]), small(parts[1])), (Some(a), Some(b)) if a != b)
}

/// Dutch month names that differ from the English ones (`mrt`, `mei`, `okt`, as a Dutch
/// Excel re-save writes them), with the English name that replaces them.
const DUTCH_MONTHS: &[(&str, &str)] = &[
    ("mrt", "Mar"),
    ("maart", "March"),
    ("mei", "May"),
    ("okt", "Oct"),
    ("oktober", "October"),
];

/// Replaces Dutch month words (whole words, any case, a trailing `.` dropped) with
/// English ones.
fn english_months(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let lower = word.to_lowercase();
        match DUTCH_MONTHS.iter().find(|(nl, _)| *nl == lower) {
            Some((_, en)) => out.push_str(en),
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in s.chars() {
        if c.is_alphabetic() {
            word.push(c);
            continue;
        }
        let was_dutch = DUTCH_MONTHS
            .iter()
            .any(|(nl, _)| *nl == word.to_lowercase());
        flush(&mut word, &mut out);
        if c == '.' && was_dutch {
            continue;
        }
        out.push(c);
    }
    flush(&mut word, &mut out);
    out
}

/// Whether a slash date has a two-digit year (`1/29/26`), which a `%Y` format would
/// misread as the year 26.
fn has_short_year(s: &str) -> bool {
    let date = s.split([',', ' ']).next().unwrap_or("");
    let parts: Vec<&str> = date.split('/').collect();
    parts.len() == 3 && parts[2].len() == 2
}

/// Trims, turns no-break and narrow no-break spaces (newer `h:mm AM` strings) into
/// plain spaces and collapses runs of spaces.
fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.trim().chars() {
        let c = if matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}') {
            ' '
        } else {
            c
        };
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    english_months(&out)
}

#[cfg(test)]
mod tests {
    use super::{ambiguous_slash, parse, parse_range};

    #[test]
    fn dutch_month_abbreviations() {
        assert_eq!(parse("14 mrt 2021").as_deref(), Some("2021-03-14"));
        assert_eq!(parse("4-mei-21").as_deref(), Some("2021-05-04"));
        assert_eq!(parse("okt. 2019").as_deref(), Some("2019-10"));
        assert_eq!(parse("Mrt 2020").as_deref(), Some("2020-03"));
        // Words that merely contain the letters are left alone.
        assert_eq!(parse("meinung 2020"), None);
    }

    #[test]
    fn ambiguous_slash_dates() {
        assert!(ambiguous_slash("03/04/21"));
        assert!(ambiguous_slash("3/4/21, 2:37 PM"));
        assert!(!ambiguous_slash("11/23/17"));
        assert!(!ambiguous_slash("4/4/21"));
        assert!(!ambiguous_slash("2022/03/01 10:00:00 UTC"));
        assert!(!ambiguous_slash("08 Feb 2026"));
        // Month first is kept.
        assert_eq!(parse("03/04/21").as_deref(), Some("2021-03-04"));
    }

    #[test]
    fn every_known_format() {
        let cases = [
            ("08 Feb 2026", "2026-02-08"),
            ("8 Feb 2026", "2026-02-08"),
            ("1/29/26, 2:37 PM", "2026-01-29T14:37:00"),
            ("1/29/26, 2:37\u{202f}PM", "2026-01-29T14:37:00"),
            ("12/3/2021, 11:05 AM", "2021-12-03T11:05:00"),
            ("2025-06-01 14:03:22 UTC", "2025-06-01T14:03:22Z"),
            ("2022/03/01 10:00:00 UTC", "2022-03-01T10:00:00Z"),
            ("Wed Jun 24 12:43:42 UTC 2026", "2026-06-24T12:43:42Z"),
            ("2024-03-05 18:22:10", "2024-03-05T18:22:10"),
            ("2019-11-06T02:08:20", "2019-11-06T02:08:20"),
            ("2020-06-06T15:02:35Z", "2020-06-06T15:02:35Z"),
            ("Jan 2024", "2024-01"),
            ("September 2008", "2024-01"),
            ("2008", "2008"),
            ("11/23/17", "2017-11-23"),
            ("4-Apr-21", "2021-04-04"),
            ("2024-01-15", "2024-01-15"),
            ("Apr 15, 1990", "1990-04-15"),
            ("2024-01", "2024-01"),
        ];
        for (raw, want) in cases {
            let want = if raw == "September 2008" {
                "2008-09"
            } else {
                want
            };
            assert_eq!(parse(raw).as_deref(), Some(want), "{raw}");
        }
    }

    #[test]
    fn ranges_give_both_ends_in_wall_clock_time() {
        assert_eq!(
            parse_range("May 07, 2022 08:00 AM - May 07, 2022 11:00 AM"),
            Some(("2022-05-07T08:00:00".into(), "2022-05-07T11:00:00".into()))
        );
        assert_eq!(
            parse_range("Dec 31, 2022 10:00 PM - Jan 01, 2023 02:00 AM"),
            Some(("2022-12-31T22:00:00".into(), "2023-01-01T02:00:00".into()))
        );
        assert_eq!(parse_range("May 07, 2022 08:00 AM - soon"), None);
        assert_eq!(parse_range("2024-01-15"), None);
        assert_eq!(
            parse("May 07, 2022 08:00 AM").as_deref(),
            Some("2022-05-07T08:00:00")
        );
    }

    #[test]
    fn unknown_formats_are_none() {
        for raw in [
            "",
            "yesterday",
            "32 Feb 2026",
            "Wed Jun 24 12:43:42 PDT 2026",
            "Sun Jun 24 12:43:42 UTC 2026",
            "You uploaded a photo on April 12, 2026 at 8:03 AM (GMT)",
            "13/29/26, 2:37 PM",
        ] {
            assert_eq!(parse(raw), None, "{raw}");
        }
    }
}
