//! Hyves times and dates: `created`, `startdate`, `enddate` are Unix epoch seconds (a
//! string in XML, a string or a number in JSON); birthdays are `{day, month, year}`
//! with a year that may be hidden.

use freehold_model::time::from_epoch_seconds;

/// Converts Hyves epoch seconds (as text) to an ISO 8601 UTC timestamp with `Z`.
/// Surrounding spaces and a fraction of zeros (`"1136073600.0"`) are accepted. Empty
/// text and `0` mean "no date" and give `None`, as does anything that is not a number.
///
/// ```
/// use freehold_hyves::time::epoch_to_utc;
///
/// assert_eq!(epoch_to_utc("1122984883").as_deref(), Some("2005-08-02T12:14:43Z"));
/// assert_eq!(epoch_to_utc(" 1385942400 ").as_deref(), Some("2013-12-02T00:00:00Z"));
/// assert_eq!(epoch_to_utc("0"), None);
/// assert_eq!(epoch_to_utc("gisteren"), None);
/// ```
pub fn epoch_to_utc(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let digits = match raw.split_once('.') {
        Some((whole, frac)) if frac.bytes().all(|b| b == b'0') => whole,
        Some(_) => return None,
        None => raw,
    };
    let seconds: i64 = digits.parse().ok()?;
    if seconds == 0 {
        return None;
    }
    from_epoch_seconds(seconds)
}

/// A birthday as honest ISO 8601 text: `YYYY-MM-DD` when the year is known, `--MM-DD`
/// (ISO 8601's form for a day without a year) when it is hidden, `None` when the day or
/// month is missing or impossible. A year that is empty, `0` or negative (Bee.NET used
/// `-1`) counts as hidden.
///
/// ```
/// use freehold_hyves::time::birthday;
///
/// assert_eq!(birthday("17", "5", "1988").as_deref(), Some("1988-05-17"));
/// assert_eq!(birthday("17", "05", "").as_deref(), Some("--05-17"));
/// assert_eq!(birthday("9", "11", "-1").as_deref(), Some("--11-09"));
/// assert_eq!(birthday("31", "2", "1990"), None);
/// assert_eq!(birthday("", "2", "1990"), None);
/// ```
pub fn birthday(day: &str, month: &str, year: &str) -> Option<String> {
    let day: u32 = day.trim().parse().ok()?;
    let month: u32 = month.trim().parse().ok()?;
    let year: Option<i32> = year.trim().parse().ok().filter(|y| *y > 0);
    match year {
        Some(year) => {
            let date = calendar_date(year, month, day)?;
            Some(date)
        }
        None => {
            // 29 February is a valid day without a year.
            calendar_date(2000, month, day)?;
            Some(format!("--{month:02}-{day:02}"))
        }
    }
}

fn calendar_date(year: i32, month: u32, day: u32) -> Option<String> {
    // A calendar check without pulling chrono into this crate.
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days_in_month)
        .contains(&day)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_edge_cases() {
        assert_eq!(epoch_to_utc("").as_deref(), None);
        assert_eq!(
            epoch_to_utc("1136073600.000").as_deref(),
            Some("2006-01-01T00:00:00Z")
        );
        assert_eq!(epoch_to_utc("1136073600.5"), None);
        assert_eq!(
            epoch_to_utc("-86400").as_deref(),
            Some("1969-12-31T00:00:00Z")
        );
        assert_eq!(epoch_to_utc("99999999999999999999"), None);
    }

    #[test]
    fn birthday_edge_cases() {
        assert_eq!(birthday("29", "2", "").as_deref(), Some("--02-29"));
        assert_eq!(birthday("29", "2", "2001"), None);
        assert_eq!(birthday("29", "2", "2000").as_deref(), Some("2000-02-29"));
        assert_eq!(birthday("1", "13", ""), None);
        assert_eq!(birthday("0", "1", ""), None);
        assert_eq!(birthday("1", "1", "0").as_deref(), Some("--01-01"));
    }
}
