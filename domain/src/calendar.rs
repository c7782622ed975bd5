//! Dates from milliseconds since 1970-01-01 (UTC), without a date library.

use crate::{Millis, DAY};

/// The civil date (year, month 1–12, day 1–31) of `at`, by Howard Hinnant's
/// algorithm (days since 1970-01-01 to a proleptic Gregorian date).
pub fn civil(at: Millis) -> (u64, u64, u64) {
    let z = at / DAY + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + u64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_become_dates() {
        assert_eq!(super::civil(0), (1970, 1, 1));
        assert_eq!(super::civil(951_782_400_000), (2000, 2, 29));
        assert_eq!(super::civil(4_107_542_399_000), (2100, 2, 28));
    }
}
