//! Moments in the portal's time zone, for feeds, structured data and calendars.
//!
//! Content has dates, not times; machines want moments. A date becomes the start of that
//! day (publication) or its last second (a deadline: a vacancy is open all of its last
//! day) in the portal's IANA time zone, with that day's offset (+01:00 in winter, +02:00
//! in summer for Europe/Amsterdam). Nothing here reads the clock.

use jiff::ZonedDateTime as Zoned;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// The portal's time zone.
#[derive(Debug, Clone)]
pub struct Zone(TimeZone);

impl Zone {
    /// The zone named in the settings (checked there), or UTC if it cannot be found.
    pub fn new(name: &str) -> Zone {
        Zone(TimeZone::get(name).unwrap_or(TimeZone::UTC))
    }

    fn at(&self, date: Date, hour: i8, minute: i8, second: i8) -> Option<Zoned> {
        date.at(hour, minute, second, 0)
            .to_zoned_datetime(self.0.clone())
            .ok()
    }

    /// A local date and time in the zone (the earlier of two moments in the autumn's
    /// repeated hour; the moment after a spring gap).
    pub fn at_datetime(&self, datetime: jiff::civil::DateTime) -> Option<Zoned> {
        datetime.to_zoned_datetime(self.0.clone()).ok()
    }

    /// 00:00:00 of `date`.
    pub fn start_of_day(&self, date: Date) -> Option<Zoned> {
        self.at(date, 0, 0, 0)
    }

    /// 23:59:59 of `date`: the last moment a deadline on that day allows.
    pub fn end_of_day(&self, date: Date) -> Option<Zoned> {
        self.at(date, 23, 59, 59)
    }
}

/// RFC 3339 with the local offset: `2027-01-15T23:59:59+01:00`.
pub fn rfc3339(moment: &Zoned) -> String {
    moment
        .timestamp()
        .display_with_offset(moment.offset())
        .to_string()
}

/// RFC 822 (as RSS 2.0 wants it, with a four-digit year): `Fri, 15 Jan 2027 00:00:00 +0100`.
pub fn rfc822(moment: &Zoned) -> String {
    jiff::fmt::rfc2822::to_string(moment).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn offsets_follow_summer_and_winter_time() {
        let zone = Zone::new("Europe/Amsterdam");
        let winter = zone.end_of_day(date(2027, 1, 15)).unwrap();
        assert_eq!(rfc3339(&winter), "2027-01-15T23:59:59+01:00");
        let summer = zone.start_of_day(date(2026, 9, 14)).unwrap();
        assert_eq!(rfc3339(&summer), "2026-09-14T00:00:00+02:00");
        assert_eq!(rfc822(&summer), "Mon, 14 Sep 2026 00:00:00 +0200");
    }

    #[test]
    fn unknown_zones_fall_back_to_utc() {
        let zone = Zone::new("Nowhere/Else");
        assert_eq!(
            rfc3339(&zone.start_of_day(date(2027, 1, 1)).unwrap()),
            "2027-01-01T00:00:00+00:00"
        );
    }
}
