//! The build's idea of "today": the only place a date comes from outside the content.
//!
//! Nothing else in stagebord reads the wall clock, so the same content and the same
//! `Today` always give the same output.

use jiff::civil::Date;

/// The date against which deadlines are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Today(pub Date);

/// Where "today" came from, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TodaySource {
    /// `--today YYYY-MM-DD`.
    Flag,
    /// The `SOURCE_DATE_EPOCH` environment variable.
    SourceDateEpoch,
    /// The system clock, in the portal's time zone.
    Clock,
}

/// Why "today" could not be settled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TodayError {
    /// `--today` is not a valid `YYYY-MM-DD` date.
    BadFlag(String),
    /// `SOURCE_DATE_EPOCH` is not a whole number of seconds.
    BadEpoch(String),
    /// The portal's time zone is unknown.
    BadTimeZone(String),
}

impl std::fmt::Display for TodayError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TodayError::BadFlag(v) => {
                write!(f, "--today {v:?} is not a date of the form YYYY-MM-DD")
            }
            TodayError::BadEpoch(v) => {
                write!(
                    f,
                    "SOURCE_DATE_EPOCH={v:?} is not a whole number of seconds since 1970"
                )
            }
            TodayError::BadTimeZone(v) => write!(f, "unknown time zone {v:?}"),
        }
    }
}

impl std::error::Error for TodayError {}

impl Today {
    /// `--today` if given, else `SOURCE_DATE_EPOCH` (as a date in `time_zone`), else the
    /// clock in `time_zone`.
    pub fn resolve(
        flag: Option<&str>,
        source_date_epoch: Option<&str>,
        time_zone: &str,
    ) -> Result<(Today, TodaySource), TodayError> {
        if let Some(text) = flag {
            return parse_date(text)
                .map(|d| (Today(d), TodaySource::Flag))
                .ok_or_else(|| TodayError::BadFlag(text.to_string()));
        }
        let tz = jiff::tz::TimeZone::get(time_zone)
            .map_err(|_| TodayError::BadTimeZone(time_zone.to_string()))?;
        if let Some(text) = source_date_epoch.filter(|t| !t.trim().is_empty()) {
            let seconds: i64 = text
                .trim()
                .parse()
                .map_err(|_| TodayError::BadEpoch(text.to_string()))?;
            let ts = jiff::Timestamp::from_second(seconds)
                .map_err(|_| TodayError::BadEpoch(text.to_string()))?;
            return Ok((
                Today(ts.to_zoned_datetime(tz.clone()).date()),
                TodaySource::SourceDateEpoch,
            ));
        }
        Ok((
            Today(jiff::Timestamp::now().to_zoned_datetime(tz.clone()).date()),
            TodaySource::Clock,
        ))
    }
}

/// Parses a strict `YYYY-MM-DD` date; impossible dates (`2026-02-30`) are `None`.
///
/// # Example
/// ```
/// use stagebord::model::today::parse_date;
/// assert!(parse_date("2027-01-15").is_some());
/// assert!(parse_date("2026-13-45").is_none());
/// assert!(parse_date("15-01-2027").is_none());
/// ```
pub fn parse_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    let year: i16 = text[0..4].parse().ok()?;
    let month: i8 = text[5..7].parse().ok()?;
    let day: i8 = text[8..10].parse().ok()?;
    Date::new(year, month, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn flag_wins_over_epoch() {
        let (today, source) =
            Today::resolve(Some("2026-11-23"), Some("0"), "Europe/Amsterdam").unwrap();
        assert_eq!(today, Today(date(2026, 11, 23)));
        assert_eq!(source, TodaySource::Flag);
    }

    #[test]
    fn epoch_is_read_in_the_portal_time_zone() {
        // 2026-11-22T23:30:00Z is already the 23rd in Amsterdam (UTC+1).
        let epoch = jiff::Timestamp::from_second(1_795_390_200).unwrap();
        assert_eq!(epoch.to_string(), "2026-11-22T23:30:00Z");
        let (today, source) = Today::resolve(None, Some("1795390200"), "Europe/Amsterdam").unwrap();
        assert_eq!(today, Today(date(2026, 11, 23)));
        assert_eq!(source, TodaySource::SourceDateEpoch);
        let (utc, _) = Today::resolve(None, Some("1795390200"), "UTC").unwrap();
        assert_eq!(utc, Today(date(2026, 11, 22)));
    }

    #[test]
    fn bad_inputs_are_errors() {
        assert!(matches!(
            Today::resolve(Some("2026-02-30"), None, "UTC"),
            Err(TodayError::BadFlag(_))
        ));
        assert!(matches!(
            Today::resolve(None, Some("yesterday"), "UTC"),
            Err(TodayError::BadEpoch(_))
        ));
        assert!(matches!(
            Today::resolve(None, None, "Europe/Lindewoude"),
            Err(TodayError::BadTimeZone(_))
        ));
    }
}
