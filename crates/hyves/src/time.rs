//! Hyves times and dates: `created`, `startdate`, `enddate` are Unix epoch seconds (a
//! string in XML, a string or a number in JSON); birthdays are `{day, month, year}`
//! with a year that may be hidden.

use freehold_model::time::{from_epoch_seconds, partial_date};

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

/// A birthday as honest ISO 8601 text, by [`freehold_model::time::partial_date`]:
/// `YYYY-MM-DD` when the year is known, `--MM-DD` (ISO 8601's form for a day without a
/// year) when it is hidden, and `YYYY-MM` or `YYYY` when the day or the month is empty.
/// A year that is empty, `0` or negative (Bee.NET used `-1`) counts as hidden.
///
/// `None` when the parts name no day that exists (31 February), when a part that is
/// given is not a number, and when nothing is given; the caller keeps the source's value
/// and reports it.
///
/// ```
/// use freehold_hyves::time::birthday;
///
/// assert_eq!(birthday("17", "5", "1988").as_deref(), Some("1988-05-17"));
/// assert_eq!(birthday("17", "05", "").as_deref(), Some("--05-17"));
/// assert_eq!(birthday("9", "11", "-1").as_deref(), Some("--11-09"));
/// assert_eq!(birthday("31", "2", "1990"), None);
/// assert_eq!(birthday("", "2", "1990").as_deref(), Some("1990-02"));
/// assert_eq!(birthday("x", "2", "1990"), None);
/// ```
pub fn birthday(day: &str, month: &str, year: &str) -> Option<String> {
    let part = |s: &str| -> Result<Option<i64>, ()> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        s.parse().map(Some).map_err(|_| ())
    };
    let (day, month, year) = (part(day).ok()?, part(month).ok()?, part(year).ok()?);
    let day = match day {
        Some(d) => Some(u32::try_from(d).ok()?),
        None => None,
    };
    let month = match month {
        Some(m) => Some(u32::try_from(m).ok()?),
        None => None,
    };
    let year = match year.filter(|y| *y > 0) {
        Some(y) => Some(i32::try_from(y).ok()?),
        None => None,
    };
    partial_date(year, month, day)
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
        assert_eq!(birthday("", "", "1988").as_deref(), Some("1988"));
        assert_eq!(birthday("", "", ""), None);
        assert_eq!(birthday("17", "", "1988"), None);
        assert_eq!(birthday("-3", "1", "1988"), None);
    }
}
