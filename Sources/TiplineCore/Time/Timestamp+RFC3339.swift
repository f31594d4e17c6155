extension Timestamp {
    /// RFC 3339 in UTC with a `Z` suffix and the shortest of 0, 3, 6 or 9 fraction digits that is exact
    /// (chrono's `AutoSi`), as every CoverDrop JSON timestamp.
    public var rfc3339: String { format(utcSuffix: "Z") }

    /// The same rendering with `+00:00` instead of `Z`: the bytes covered by a signed form's signature.
    public var rfc3339PlusZeroOffset: String { format(utcSuffix: "+00:00") }

    private func format(utcSuffix: String) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Self.civil(fromDays: days)
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
        text += "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if nanoseconds != 0 {
            if nanoseconds % 1_000_000 == 0 {
                text += "." + pad(Int64(nanoseconds / 1_000_000), 3)
            } else if nanoseconds % 1000 == 0 {
                text += "." + pad(Int64(nanoseconds / 1000), 6)
            } else {
                text += "." + pad(Int64(nanoseconds), 9)
            }
        }
        return text + utcSuffix
    }

    private func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Parses RFC 3339 with any number of fraction digits (beyond nine are truncated) and any UTC offset.
    /// - Throws: `TiplineCoreError` with `.invalidEncoding` for anything that is not a valid timestamp, or whose
    ///   instant falls outside the UTC years 0000–9999.
    public init(rfc3339 text: String) throws {
        let bad = TiplineCoreError(.invalidEncoding, "invalid RFC 3339 timestamp")
        let c = Array(text.utf8)
        guard c.count >= 20, c[4] == 0x2D, c[7] == 0x2D, c[10] == 0x54 || c[10] == 0x74 || c[10] == 0x20,
            c[13] == 0x3A, c[16] == 0x3A
        else { throw bad }
        func number(_ range: Range<Int>) throws -> Int64 {
            var value: Int64 = 0
            for index in range {
                guard c[index] >= 0x30, c[index] <= 0x39 else { throw bad }
                value = value * 10 + Int64(c[index] - 0x30)
            }
            return value
        }
        let year = try number(0..<4), month = try number(5..<7), day = try number(8..<10)
        let hour = try number(11..<13), minute = try number(14..<16), second = try number(17..<19)
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year), hour < 24,
            minute < 60, second < 61
        else { throw bad }
        var index = 19
        var nanos: Int64 = 0
        if index < c.count, c[index] == 0x2E {
            index += 1
            var digits = 0
            while index < c.count, c[index] >= 0x30, c[index] <= 0x39 {
                if digits < 9 { nanos = nanos * 10 + Int64(c[index] - 0x30) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { throw bad }
            for _ in digits..<max(digits, 9) { nanos *= 10 }
        }
        guard index < c.count else { throw bad }
        var offset: Int64 = 0
        if c[index] == 0x5A || c[index] == 0x7A {
            index += 1
        } else if c[index] == 0x2B || c[index] == 0x2D, index + 6 == c.count, c[index + 3] == 0x3A {
            let hours = try number(index + 1..<index + 3), minutes = try number(index + 4..<index + 6)
            guard hours < 24, minutes < 60 else { throw bad }
            offset = (hours * 3600 + minutes * 60) * (c[index] == 0x2D ? -1 : 1)
            index += 6
        } else {
            throw bad
        }
        guard index == c.count else { throw bad }
        let days = Self.days(fromCivil: year, month, day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offset
        // The offset may carry the instant out of years 0000–9999, which `rfc3339` could not render parseably.
        guard Self.renderableSeconds.contains(seconds) else { throw bad }
        self.init(seconds: seconds, nanoseconds: UInt32(nanos))
    }

    /// 0000-01-01T00:00:00Z ... 9999-12-31T23:59:59Z: the instants with a four-digit UTC year.
    private static let renderableSeconds: ClosedRange<Int64> = -62_167_219_200...253_402_300_799

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (`civil_from_days`).
    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
