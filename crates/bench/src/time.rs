//! Calendar arithmetic and the date formats the platforms write, without a date library.
//! All times are UTC seconds (or milliseconds) since 1970.

use std::fmt::Write as _;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub(crate) const fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Seconds since 1970 of midnight UTC on a civil date.
pub(crate) const fn epoch(y: i64, m: u32, d: u32) -> u64 {
    (days_from_civil(y, m, d) * 86_400) as u64
}

/// The civil date of a day number: `(year, month 1–12, day 1–31)`.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// A broken-down UTC time.
struct Parts {
    year: i64,
    month: u32,
    day: u32,
    hour: u64,
    minute: u64,
    second: u64,
    weekday: &'static str,
}

fn parts(secs: u64) -> Parts {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    Parts {
        year,
        month,
        day,
        hour: rem / 3600,
        minute: rem / 60 % 60,
        second: rem % 60,
        weekday: WEEKDAYS[(days % 7) as usize],
    }
}

/// Twitter's `created_at`: `Sat Jun 06 13:02:35 +0000 2020`.
pub(crate) fn twitter(secs: u64, out: &mut String) {
    c_style(secs, "+0000", out);
}

/// Java's `Date.toString()` in UTC, as LinkedIn's company follows: `Wed Jun 24 12:43:42 UTC 2026`.
pub(crate) fn java(secs: u64, out: &mut String) {
    c_style(secs, "UTC", out);
}

/// `Wed Jun 24 12:43:42 <zone> 2026`, the shape of C's `asctime` with a zone before the year.
fn c_style(secs: u64, zone: &str, out: &mut String) {
    let p = parts(secs);
    let _ = write!(
        out,
        "{} {} {:02} {:02}:{:02}:{:02} {zone} {}",
        p.weekday,
        MONTHS[p.month as usize - 1],
        p.day,
        p.hour,
        p.minute,
        p.second,
        p.year
    );
}

/// ISO 8601 with milliseconds: `2022-01-27T15:58:52.744Z`.
pub(crate) fn iso_ms(ms: u64, out: &mut String) {
    let p = parts(ms / 1000);
    let _ = write!(
        out,
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        p.year,
        p.month,
        p.day,
        p.hour,
        p.minute,
        p.second,
        ms % 1000
    );
}

/// `2025-06-01 14:03:22`, followed by `suffix` (LinkedIn writes ` UTC` in messages and
/// nothing in shares).
pub(crate) fn sql(secs: u64, suffix: &str, out: &mut String) {
    let p = parts(secs);
    let _ = write!(
        out,
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}{suffix}",
        p.year, p.month, p.day, p.hour, p.minute, p.second
    );
}

/// LinkedIn's `Connected On`: `08 Feb 2026`.
pub(crate) fn day_month_year(secs: u64, out: &mut String) {
    let p = parts(secs);
    let _ = write!(
        out,
        "{:02} {} {}",
        p.day,
        MONTHS[p.month as usize - 1],
        p.year
    );
}

/// LinkedIn's positions: `Jan 2024`.
pub(crate) fn month_year(secs: u64, out: &mut String) {
    let p = parts(secs);
    let _ = write!(out, "{} {}", MONTHS[p.month as usize - 1], p.year);
}

/// LinkedIn's invitations: `1/29/26, 2:37 PM`.
pub(crate) fn us_short(secs: u64, out: &mut String) {
    let p = parts(secs);
    let (hour, half) = match p.hour {
        0 => (12, "AM"),
        h @ 1..=11 => (h, "AM"),
        12 => (12, "PM"),
        h => (h - 12, "PM"),
    };
    let _ = write!(
        out,
        "{}/{}/{:02}, {}:{:02} {half}",
        p.month,
        p.day,
        p.year % 100,
        hour,
        p.minute
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(f: impl Fn(&mut String)) -> String {
        let mut out = String::new();
        f(&mut out);
        out
    }

    #[test]
    fn formats() {
        // 2020-06-06T13:02:35Z was a Saturday.
        let t = epoch(2020, 6, 6) + 13 * 3600 + 2 * 60 + 35;
        assert_eq!(s(|o| twitter(t, o)), "Sat Jun 06 13:02:35 +0000 2020");
        assert_eq!(s(|o| iso_ms(t * 1000 + 744, o)), "2020-06-06T13:02:35.744Z");
        assert_eq!(s(|o| sql(t, " UTC", o)), "2020-06-06 13:02:35 UTC");
        assert_eq!(s(|o| day_month_year(t, o)), "06 Jun 2020");
        assert_eq!(s(|o| month_year(t, o)), "Jun 2020");
        assert_eq!(s(|o| us_short(t, o)), "6/6/20, 1:02 PM");
        assert_eq!(s(|o| us_short(epoch(2026, 1, 29), o)), "1/29/26, 12:00 AM");
        assert_eq!(s(|o| java(t, o)), "Sat Jun 06 13:02:35 UTC 2020");
    }

    #[test]
    fn round_trip_every_day_of_a_few_centuries() {
        for days in -50_000..100_000 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(epoch(1970, 1, 1), 0);
        assert_eq!(epoch(2000, 3, 1), 951_868_800);
    }
}
