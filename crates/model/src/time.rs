//! Honest time.
//!
//! Timestamps are ISO 8601 text: with `Z` when the instant is known in UTC, with no offset
//! when the source gives a wall-clock time without a zone, and cut to the precision the
//! source has (`2024-01` for "Jan 2024"). These helpers never invent a zone or a day.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, SecondsFormat, Timelike, Utc};

/// Formats an instant in UTC with `Z`, keeping `fraction_digits` digits of the second
/// (0, 3, 6 or 9; other values are rounded up to the next of those).
pub fn utc(instant: DateTime<Utc>, fraction_digits: usize) -> String {
    let format = match fraction_digits {
        0 => SecondsFormat::Secs,
        1..=3 => SecondsFormat::Millis,
        4..=6 => SecondsFormat::Micros,
        _ => SecondsFormat::Nanos,
    };
    instant.to_rfc3339_opts(format, true)
}

/// `YYYY-MM-DD` for a day that exists in the calendar (31 February does not).
///
/// ```
/// use freehold_model::time::calendar_date;
/// assert_eq!(calendar_date(2024, 2, 29).as_deref(), Some("2024-02-29"));
/// assert_eq!(calendar_date(2023, 2, 29), None);
/// ```
pub fn calendar_date(year: i32, month: u32, day: u32) -> Option<String> {
    NaiveDate::from_ymd_opt(year, month, day).map(|d| d.format("%Y-%m-%d").to_string())
}

/// A date with exactly the parts the source gives, as ISO 8601 text: `YYYY-MM-DD`,
/// `YYYY-MM`, `YYYY`, or `--MM-DD` (ISO 8601's form for a day without a year, as in a
/// birthday whose year is hidden). A part that is `None` is unknown; nothing is invented
/// for it.
///
/// `None` when no part is given, and when the parts cannot be written honestly: a day
/// that does not exist (31 February, 29 February of a year that is not a leap year), a
/// month outside 1–12, a year outside 1–9999, or a set of parts that no ISO form holds
/// (a year and a day without the month, a month alone). A day without a year is checked
/// against a leap year, so `--02-29` is a day. Callers keep the source's text in `extra`
/// and report it when they get `None` for parts that were given.
///
/// ```
/// use freehold_model::time::partial_date;
/// assert_eq!(partial_date(Some(1988), Some(5), Some(17)).as_deref(), Some("1988-05-17"));
/// assert_eq!(partial_date(Some(1988), Some(5), None).as_deref(), Some("1988-05"));
/// assert_eq!(partial_date(Some(1988), None, None).as_deref(), Some("1988"));
/// assert_eq!(partial_date(None, Some(2), Some(29)).as_deref(), Some("--02-29"));
/// assert_eq!(partial_date(Some(1990), Some(2), Some(31)), None);
/// assert_eq!(partial_date(Some(1988), None, Some(17)), None);
/// assert_eq!(partial_date(None, None, None), None);
/// ```
pub fn partial_date(year: Option<i32>, month: Option<u32>, day: Option<u32>) -> Option<String> {
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) if (1..=9999).contains(&y) => calendar_date(y, m, d),
        (Some(y), Some(m), None) => year_month(y, m),
        (Some(y), None, None) => year_only(y),
        (None, Some(m), Some(d)) => {
            calendar_date(2000, m, d)?;
            Some(format!("--{m:02}-{d:02}"))
        }
        _ => None,
    }
}

/// Parses an RFC 3339 / ISO 8601 timestamp with a zone (`2022-01-27T15:58:52.744Z`,
/// `2020-06-06T15:02:35+02:00`) and returns it in UTC with the source's precision.
///
/// ```
/// use freehold_model::time::from_rfc3339;
/// assert_eq!(from_rfc3339("2022-01-27T15:58:52.744Z").as_deref(), Some("2022-01-27T15:58:52.744Z"));
/// assert_eq!(from_rfc3339("2020-06-06T15:02:35+02:00").as_deref(), Some("2020-06-06T13:02:35Z"));
/// assert_eq!(from_rfc3339("yesterday"), None);
/// ```
pub fn from_rfc3339(s: &str) -> Option<String> {
    let s = s.trim();
    let parsed = DateTime::parse_from_rfc3339(s).ok()?;
    Some(utc(parsed.with_timezone(&Utc), fraction_digits(s)))
}

/// Parses a timestamp with a numeric offset in a `chrono` format (`%z` required), such as
/// Twitter's `Sat Jun 06 13:02:35 +0000 2020` (`%a %b %d %H:%M:%S %z %Y`), and returns it
/// in UTC.
///
/// ```
/// use freehold_model::time::from_format_with_offset;
/// let t = from_format_with_offset("Sat Jun 06 13:02:35 +0000 2020", "%a %b %d %H:%M:%S %z %Y");
/// assert_eq!(t.as_deref(), Some("2020-06-06T13:02:35Z"));
/// ```
pub fn from_format_with_offset(s: &str, format: &str) -> Option<String> {
    let parsed = DateTime::parse_from_str(s.trim(), format).ok()?;
    Some(utc(parsed.with_timezone(&Utc), 0))
}

/// Parses X's `created_at` (`Sat Jun 06 13:02:35 +0000 2020`) and returns it in UTC:
/// the same result as `from_format_with_offset(s, "%a %b %d %H:%M:%S %z %Y")`, but a
/// string in X's exact layout (every tweet's) is read field by field, without chrono's
/// format machinery. Anything else, including a weekday that does not match the date,
/// goes through chrono.
///
/// ```
/// use freehold_model::time::from_twitter;
/// assert_eq!(from_twitter("Sat Jun 06 23:02:35 -0200 2020").as_deref(), Some("2020-06-07T01:02:35Z"));
/// assert_eq!(from_twitter("Fri Jun 06 13:02:35 +0000 2020"), None);
/// ```
pub fn from_twitter(s: &str) -> Option<String> {
    twitter_layout(s.as_bytes()).or_else(|| from_format_with_offset(s, "%a %b %d %H:%M:%S %z %Y"))
}

/// [`from_twitter`] for `Www Mmm DD HH:MM:SS +HHMM YYYY` exactly; None for anything else.
fn twitter_layout(b: &[u8]) -> Option<String> {
    const WEEKDAYS: [&[u8]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];
    const MONTHS: [&[u8]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    if b.len() != 30 || [3, 7, 10, 19, 25].iter().any(|&i| b[i] != b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let month = MONTHS.iter().position(|m| *m == &b[4..7])?;
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(number(26, 30)?).ok()?,
        u32::try_from(month).ok()? + 1,
        number(8, 10)?,
    )?;
    let weekday = date.weekday().num_days_from_monday() as usize;
    if WEEKDAYS[weekday] != &b[0..3] {
        return None;
    }
    let time = chrono::NaiveTime::from_hms_opt(number(11, 13)?, number(14, 16)?, number(17, 19)?)?;
    let (hours, minutes) = (number(21, 23)?, number(23, 25)?);
    if hours > 23 || minutes > 59 {
        return None;
    }
    let offset = i64::from(hours * 3600 + minutes * 60);
    let offset = match b[20] {
        b'+' => offset,
        b'-' => -offset,
        _ => return None,
    };
    let instant = NaiveDateTime::new(date, time) - chrono::TimeDelta::seconds(offset);
    if !(0..=9999).contains(&instant.year()) {
        return None;
    }
    let mut out = String::with_capacity(20);
    let mut push = |n: u32, width: u32, then: char| {
        for place in (0..width).rev() {
            out.push(char::from(b'0' + ((n / 10u32.pow(place)) % 10) as u8));
        }
        out.push(then);
    };
    let (year, time) = (instant.year().unsigned_abs(), instant.time());
    push(year, 4, '-');
    push(instant.month(), 2, '-');
    push(instant.day(), 2, 'T');
    push(time.hour(), 2, ':');
    push(time.minute(), 2, ':');
    push(time.second(), 2, 'Z');
    Some(out)
}

/// Parses a wall-clock time without a zone and returns it without an offset, as the
/// source gave it: the instant is not known.
///
/// ```
/// use freehold_model::time::wall_clock;
/// assert_eq!(wall_clock("2013-05-01 14:03", "%Y-%m-%d %H:%M").as_deref(), Some("2013-05-01T14:03:00"));
/// ```
pub fn wall_clock(s: &str, format: &str) -> Option<String> {
    let parsed = NaiveDateTime::parse_from_str(s.trim(), format).ok()?;
    Some(parsed.format("%Y-%m-%dT%H:%M:%S").to_string())
}

/// Parses a wall-clock time that the source states is in UTC without a numeric offset
/// (`2025-06-01 14:03:22 UTC`, `Wed Jun 24 12:43:42 UTC 2026`) and returns it with `Z`.
/// The literal zone text belongs in `format`.
///
/// ```
/// use freehold_model::time::utc_wall_clock;
/// let t = utc_wall_clock("2025-06-01 14:03:22 UTC", "%Y-%m-%d %H:%M:%S UTC");
/// assert_eq!(t.as_deref(), Some("2025-06-01T14:03:22Z"));
/// ```
pub fn utc_wall_clock(s: &str, format: &str) -> Option<String> {
    let parsed = NaiveDateTime::parse_from_str(s.trim(), format).ok()?;
    Some(utc(parsed.and_utc(), 0))
}

/// Parses a calendar date without a time and returns it with day precision
/// (`2024-01-15`): no time and no zone are invented.
///
/// ```
/// use freehold_model::time::date_only;
/// assert_eq!(date_only("08 Feb 2026", "%d %b %Y").as_deref(), Some("2026-02-08"));
/// assert_eq!(date_only("31 Feb 2026", "%d %b %Y"), None);
/// ```
pub fn date_only(s: &str, format: &str) -> Option<String> {
    let parsed = NaiveDate::parse_from_str(s.trim(), format).ok()?;
    Some(parsed.format("%Y-%m-%d").to_string())
}

/// A date known only to the month (`Jan 2024`), as `2024-01`. Checks the month and a
/// four-digit year.
///
/// ```
/// use freehold_model::time::year_month;
/// assert_eq!(year_month(2024, 1).as_deref(), Some("2024-01"));
/// assert_eq!(year_month(2024, 13), None);
/// ```
pub fn year_month(year: i32, month: u32) -> Option<String> {
    ((1..=9999).contains(&year) && (1..=12).contains(&month))
        .then(|| format!("{year:04}-{month:02}"))
}

/// A date known only to the year, as `2008`.
///
/// ```
/// assert_eq!(freehold_model::time::year_only(2008).as_deref(), Some("2008"));
/// assert_eq!(freehold_model::time::year_only(0), None);
/// ```
pub fn year_only(year: i32) -> Option<String> {
    (1..=9999).contains(&year).then(|| format!("{year:04}"))
}

/// The number (1–12) of an English month name or its three-letter abbreviation, in any
/// case (`Jan`, `january`, `SEPT`).
///
/// ```
/// assert_eq!(freehold_model::time::english_month("Sep"), Some(9));
/// assert_eq!(freehold_model::time::english_month("September"), Some(9));
/// assert_eq!(freehold_model::time::english_month("Sept"), Some(9));
/// assert_eq!(freehold_model::time::english_month("Mai"), None);
/// ```
pub fn english_month(name: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = name.trim().trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    NAMES
        .iter()
        .position(|full| *full == lower || (full.starts_with(&lower) && lower.len() <= 4))
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// Unix epoch seconds to UTC.
///
/// ```
/// assert_eq!(freehold_model::time::from_epoch_seconds(0).as_deref(), Some("1970-01-01T00:00:00Z"));
/// ```
pub fn from_epoch_seconds(seconds: i64) -> Option<String> {
    DateTime::<Utc>::from_timestamp(seconds, 0).map(|t| utc(t, 0))
}

/// Unix epoch milliseconds to UTC, keeping the milliseconds.
///
/// ```
/// assert_eq!(freehold_model::time::from_epoch_millis(1_500).as_deref(), Some("1970-01-01T00:00:01.500Z"));
/// ```
pub fn from_epoch_millis(millis: i64) -> Option<String> {
    DateTime::<Utc>::from_timestamp_millis(millis).map(|t| utc(t, 3))
}

/// The current time in UTC, to the second.
pub fn now() -> String {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    from_epoch_seconds(i64::try_from(since_epoch).unwrap_or(i64::MAX)).unwrap_or_default()
}

/// Seconds since the Unix epoch of a UTC timestamp produced by these helpers (one with `Z`).
///
/// ```
/// assert_eq!(freehold_model::time::epoch_seconds("1970-01-01T00:01:40.250Z"), Some(100));
/// assert_eq!(freehold_model::time::epoch_seconds("2013-05-01T14:03:00"), None);
/// ```
pub fn epoch_seconds(iso_utc: &str) -> Option<i64> {
    if !iso_utc.ends_with('Z') {
        return None;
    }
    DateTime::parse_from_rfc3339(iso_utc)
        .ok()
        .map(|t| t.timestamp())
}

/// The year of an ISO 8601 timestamp produced by these helpers.
pub fn year(iso: &str) -> Option<i32> {
    iso.get(..4)?.parse().ok()
}

/// How many digits of fractional seconds the source string carries.
fn fraction_digits(s: &str) -> usize {
    match s.find('.') {
        Some(dot) => s[dot + 1..]
            .chars()
            .take_while(char::is_ascii_digit)
            .count(),
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const X_FORMAT: &str = "%a %b %d %H:%M:%S %z %Y";

    /// X's layout read field by field gives what chrono gives, over forty years of days,
    /// at times and offsets that move the instant across days, months and years.
    #[test]
    fn twitter_layout_agrees_with_chrono() {
        let start = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
        let offsets = [
            0,
            3600,
            -3600,
            5 * 3600 + 30 * 60,
            -(9 * 3600 + 45 * 60),
            14 * 3600,
        ];
        let mut checked = 0;
        for day in (0..40 * 366).step_by(3) {
            let date = start + chrono::Days::new(day);
            let seconds = (day * 7919) % 86_400;
            let time =
                chrono::NaiveTime::from_num_seconds_from_midnight_opt(seconds as u32, 0).unwrap();
            let offset =
                chrono::FixedOffset::east_opt(offsets[day as usize % offsets.len()]).unwrap();
            let local = NaiveDateTime::new(date, time)
                .and_local_timezone(offset)
                .unwrap();
            let raw = local.format(X_FORMAT).to_string();
            let fast = twitter_layout(raw.as_bytes());
            assert!(fast.is_some(), "{raw} is in X's layout");
            assert_eq!(fast, from_format_with_offset(&raw, X_FORMAT), "{raw}");
            checked += 1;
        }
        assert!(checked > 4000);
    }

    /// The edge cases where Facebook's and Hyves' birthday readers used to disagree.
    #[test]
    fn partial_dates_are_checked_against_the_calendar() {
        assert_eq!(partial_date(Some(2001), Some(2), Some(29)), None);
        assert_eq!(
            partial_date(Some(2000), Some(2), Some(29)).as_deref(),
            Some("2000-02-29")
        );
        assert_eq!(partial_date(None, Some(2), Some(30)), None);
        assert_eq!(partial_date(None, Some(13), Some(1)), None);
        assert_eq!(partial_date(None, Some(1), Some(0)), None);
        assert_eq!(partial_date(Some(1990), Some(13), None), None);
        assert_eq!(partial_date(Some(0), Some(1), Some(1)), None);
        assert_eq!(partial_date(Some(12345), None, None), None);
        assert_eq!(partial_date(None, Some(5), None), None);
        assert_eq!(partial_date(None, None, Some(5)), None);
        assert_eq!(
            partial_date(Some(7), Some(1), Some(2)).as_deref(),
            Some("0007-01-02")
        );
    }

    #[test]
    fn twitter_layout_refuses_what_it_does_not_read() {
        for raw in [
            "Fri Jun 06 13:02:35 +0000 2020", // Saturday in fact
            "Sat Jun 31 13:02:35 +0000 2020",
            "Sat Jun 06 24:02:35 +0000 2020",
            "Sat Jun 06 13:02:35 +2400 2020",
            "Sat Jun 06 13:02:35 *0000 2020",
            "sat jun 06 13:02:35 +0000 2020",
            "Sat Jun 6 13:02:35 +0000 2020",
            "Sat Jun 06 13:02:35 +00:00 2020",
        ] {
            assert_eq!(twitter_layout(raw.as_bytes()), None, "{raw}");
        }
        // What the field-by-field reading leaves to chrono still gets chrono's answer.
        assert_eq!(from_twitter("Fri Jun 06 13:02:35 +0000 2020"), None);
        assert_eq!(
            from_twitter("sat jun 06 13:02:35 +0000 2020"),
            from_format_with_offset("sat jun 06 13:02:35 +0000 2020", X_FORMAT)
        );
        assert_eq!(
            from_twitter(" Sat Jun 06 13:02:35 +0000 2020 ").as_deref(),
            Some("2020-06-06T13:02:35Z")
        );
    }
}
