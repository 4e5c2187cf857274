import Analysis

/// The integer primary key of a `metrics_minute`, `metrics_hour` or `metrics_day` row (schema version 2): the
/// scope, the time bucket and the entity packed into one non-negative 63-bit rowid, so each row is one rowid B-tree
/// entry found with integer comparisons, and a scope's rows of a bucket range are one contiguous key range.
///
/// Layout, most significant first: the scope (3 bits, ``MetricScope`` raw value 1–7), the bucket (30 bits: year − 1970
/// in 10 bits, month 4, day 5, hour 5, minute 6; hour and day buckets leave the smaller fields 0), the entity's slot
/// (30 bits, the low bits of its `entities.id`, see ``EntitySlot``). The bucket field keeps the calendar order of
/// `yyyyMMddHHmm` values without calendar arithmetic. Buckets of years outside 1970–2993 have no key.
enum MetricKey {
    /// Bits of the entity slot.
    static let slotBits: Int64 = 30
    /// Bits of the bucket field.
    static let timeBits: Int64 = 30
    /// The mask of the entity slot.
    static let slotMask: Int64 = (1 << 30) - 1
    /// The largest bucket field.
    static let maxTime: Int64 = (1 << 30) - 1
    /// The first year a key can hold.
    static let firstYear: Int64 = 1970
    /// The last year a key can hold.
    static let lastYear: Int64 = 1970 + 1023

    /// The bucket field of `bucket` of `step`, or `nil` when its year is outside ``firstYear``…``lastYear``.
    @inline(__always)
    static func time(of bucket: Int64, step: TimeBucket.Step) -> Int64? {
        let fields = self.fields(of: bucket, step: step)
        guard fields.year >= self.firstYear, fields.year <= self.lastYear else { return nil }
        return self.pack(fields)
    }

    /// The key of the row of `entity` (an `entities.id`, whose scope it carries) at bucket field `time`.
    @inline(__always)
    static func key(entity: Int64, time: Int64) -> Int64 {
        (entity >> self.slotBits) << (self.timeBits + self.slotBits) | time << self.slotBits | (entity & self.slotMask)
    }

    /// The `entities.id` a key belongs to.
    @inline(__always)
    static func entity(ofKey key: Int64) -> Int64 {
        (key >> (self.timeBits + self.slotBits)) << self.slotBits | (key & self.slotMask)
    }

    /// The bucket (`yyyyMMddHHmm`, `yyyyMMddHH` or `yyyyMMdd` for `step`) a key belongs to.
    static func bucket(ofKey key: Int64, step: TimeBucket.Step) -> Int64 {
        let time = (key >> self.slotBits) & self.maxTime
        let minute = time & 63
        let hour = (time >> 6) & 31
        let day = (time >> 11) & 31
        let month = (time >> 16) & 15
        let year = (time >> 20) + self.firstYear
        let minuteBucket = (((year * 100 + month) * 100 + day) * 100 + hour) * 100 + minute
        return step.bucket(ofMinute: minuteBucket)
    }

    /// The keys of `scope`'s rows from bucket `first` to bucket `last` of `step` (inclusive), clamped to the years a
    /// key can hold; `nil` when no key can fall in the range.
    static func range(scope: MetricScope, first: Int64, last: Int64, step: TimeBucket.Step) -> ClosedRange<Int64>? {
        let low = self.fields(of: first, step: step)
        let high = self.fields(of: last, step: step)
        guard low.year <= self.lastYear, high.year >= self.firstYear else { return nil }
        let lowTime = low.year < self.firstYear ? 0 : self.pack(low)
        let highTime = high.year > self.lastYear ? self.maxTime : self.pack(high)
        guard lowTime <= highTime else { return nil }
        let scopeBits = Int64(scope.rawValue) << (self.timeBits + self.slotBits)
        return (scopeBits | lowTime << self.slotBits)...(scopeBits | highTime << self.slotBits | self.slotMask)
    }

    /// The keys of `scope`'s rows of buckets of `step` before `bucket` (excluded): what the purger deletes.
    static func keys(of scope: MetricScope, before bucket: Int64, step: TimeBucket.Step) -> Range<Int64> {
        let scopeBits = Int64(scope.rawValue) << (self.timeBits + self.slotBits)
        let year = self.fields(of: bucket, step: step).year
        if year < self.firstYear { return scopeBits..<scopeBits }
        // Every key of the scope but the very last, which is no valid date.
        if year > self.lastYear { return scopeBits..<(scopeBits | ((1 << (self.timeBits + self.slotBits)) - 1)) }
        return scopeBits..<(scopeBits | self.pack(self.fields(of: bucket, step: step)) << self.slotBits)
    }

    private struct Fields {
        var year: Int64
        var month: Int64
        var day: Int64
        var hour: Int64
        var minute: Int64
    }

    @inline(__always)
    private static func fields(of bucket: Int64, step: TimeBucket.Step) -> Fields {
        let minuteBucket: Int64 =
            switch step {
            case .minute: bucket
            case .hour: bucket &* 100
            case .day: bucket &* 10_000
            }
        return Fields(
            year: minuteBucket / 100_000_000, month: minuteBucket / 1_000_000 % 100,
            day: minuteBucket / 10_000 % 100, hour: minuteBucket / 100 % 100, minute: minuteBucket % 100)
    }

    /// Packs fields that are in range for their widths (those of a valid bucket are).
    @inline(__always)
    private static func pack(_ fields: Fields) -> Int64 {
        let month = fields.month & 15
        let day = fields.day & 31
        let hour = fields.hour & 31
        let minute = fields.minute & 63
        return (((((fields.year - self.firstYear) << 4 | month) << 5 | day) << 5 | hour) << 6) | minute
    }
}
