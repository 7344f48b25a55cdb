//! `Retry-After` header values: delay-seconds or an HTTP-date (RFC 9110 §10.2.3).

/// Seconds to wait according to a `Retry-After` value, or `None` when it is malformed.
///
/// A date in the past gives `Some(0)`; huge values saturate at `u32::MAX` and are left for the
/// retry policy to cap. `now_unix` is the current time in seconds since the Unix epoch.
///
/// ```
/// use seekpass_button::parse_retry_after;
/// assert_eq!(parse_retry_after("3", 0), Some(3));
/// assert_eq!(parse_retry_after("-1", 0), None);
/// assert_eq!(parse_retry_after("Thu, 01 Jan 1970 00:01:40 GMT", 40), Some(60));
/// ```
pub fn parse_retry_after(value: &str, now_unix: u64) -> Option<u32> {
    let v = value.trim_matches([' ', '\t']);
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        // Digits only, so the only possible parse failure is overflow.
        return Some(v.parse::<u64>().map_or(u32::MAX, saturate));
    }
    let at = parse_imf_fixdate(v)?;
    Some(saturate(at.saturating_sub(now_unix)))
}

fn saturate(secs: u64) -> u32 {
    u32::try_from(secs).unwrap_or(u32::MAX)
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// `Sun, 06 Nov 1994 08:49:37 GMT` → seconds since the epoch. The weekday is checked for form only.
fn parse_imf_fixdate(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    if b.len() != 29 || !s.is_ascii() || &s[3..5] != ", " || &s[25..] != " GMT" {
        return None;
    }
    if !DAYS.contains(&&s[..3])
        || b[7] != b' '
        || b[11] != b' '
        || b[16] != b' '
        || b[19] != b':'
        || b[22] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u64> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let day = num(5..7)?;
    let month = MONTHS.iter().position(|m| *m == &s[8..11])? as u64 + 1;
    let year = num(12..16)?;
    let (h, m, sec) = (num(17..19)?, num(20..22)?, num(23..25)?);
    if year < 1970 || day == 0 || day > days_in_month(year, month) || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    Some(days_from_epoch(year, month, day) * 86_400 + h * 3600 + m * 60 + sec)
}

/// Whether `year` is a Gregorian leap year.
pub(crate) fn is_leap(year: u64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`.
pub(crate) fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn days_from_epoch(year: u64, month: u64, day: u64) -> u64 {
    let years: u64 = (1970..year)
        .map(|y| if is_leap(y) { 366 } else { 365 })
        .sum();
    let months: u64 = (1..month).map(|m| days_in_month(year, m)).sum();
    years + months + day - 1
}
