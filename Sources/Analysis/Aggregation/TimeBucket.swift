/// OAP's time buckets (als-mxmesh.md §4.3): `yyyyMMddHHmm` (minute), `yyyyMMddHH` (hour) and `yyyyMMdd` (day)
/// as integers, in a zone given as a whole number of hours east of UTC (0 by default).
///
/// Computed with civil-calendar arithmetic, not a calendar object: this runs once per metric event.
package enum TimeBucket {
    /// The granularities a series is stored in.
    package enum Step: Int, Sendable, CaseIterable {
        /// `yyyyMMddHHmm`.
        case minute = 0
        /// `yyyyMMddHH`.
        case hour = 1
        /// `yyyyMMdd`.
        case day = 2

        /// Minutes in one bucket (the divisor of `cpm`): 1, 60 or 1440.
        package var minutes: Int64 {
            switch self {
            case .minute: 1
            case .hour: 60
            case .day: 1440
            }
        }

        /// The bucket of this step that contains the minute bucket `minute`.
        package func bucket(ofMinute minute: Int64) -> Int64 {
            switch self {
            case .minute: minute
            case .hour: minute / 100
            case .day: minute / 10000
            }
        }
    }

    /// The minute bucket of `epochMilliseconds` in the zone `offsetHours` east of UTC.
    package static func minute(epochMilliseconds: Int64, offsetHours: Int = 0) -> Int64 {
        let local = epochMilliseconds.dividingFloor(by: 60_000) &+ Int64(offsetHours) * 60
        let days = local.dividingFloor(by: 1440)
        let minuteOfDay = local - days * 1440
        let (year, month, day) = civil(fromDays: days)
        return ((year * 100 + month) * 100 + day) * 10000 + minuteOfDay / 60 * 100 + minuteOfDay % 60
    }

    /// The epoch milliseconds at which `bucket` of `step` starts, in the zone `offsetHours` east of UTC; `nil`
    /// when `bucket` is not a valid date of that step.
    package static func startMilliseconds(of bucket: Int64, step: Step, offsetHours: Int = 0) -> Int64? {
        var minuteBucket = bucket
        switch step {
        case .minute: break
        case .hour: minuteBucket = bucket * 100
        case .day: minuteBucket = bucket * 10000
        }
        let minute = minuteBucket % 100
        let hour = minuteBucket / 100 % 100
        let day = minuteBucket / 10000 % 100
        let month = minuteBucket / 1_000_000 % 100
        let year = minuteBucket / 100_000_000
        guard (0..<60).contains(minute), (0..<24).contains(hour), (1...12).contains(month), day >= 1,
            day <= daysInMonth(year: year, month: month), (1...9999).contains(year)
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return ((days * 1440 + hour * 60 + minute) - Int64(offsetHours) * 60) * 60_000
    }

    /// The number of days in `month` of `year` (proleptic Gregorian).
    package static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
    package static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = y.dividingFloor(by: 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    package static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = z.dividingFloor(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    fileprivate func dividingFloor(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
