import Testing

@testable import Analysis

@Suite("OAP time buckets")
struct TimeBucketTests {
    @Test("minute buckets in UTC and with a whole-hour offset, across day and year boundaries")
    func minuteBuckets() {
        // 2026-11-24T15:30:59.999Z
        let instant: Int64 = 1_795_534_259_999
        #expect(TimeBucket.minute(epochMilliseconds: instant) == 2026_11_24_1530)
        #expect(TimeBucket.minute(epochMilliseconds: instant, offsetHours: 8) == 2026_11_24_2330)
        #expect(TimeBucket.minute(epochMilliseconds: instant, offsetHours: 9) == 2026_11_25_0030)
        #expect(TimeBucket.minute(epochMilliseconds: 0) == 1970_01_01_0000)
        #expect(TimeBucket.minute(epochMilliseconds: -1) == 1969_12_31_2359)
        #expect(TimeBucket.minute(epochMilliseconds: 951_782_400_000) == 2000_02_29_0000)
    }

    @Test("bucket starts invert minute buckets for every step; invalid dates are rejected")
    func bucketStarts() {
        let instant: Int64 = 1_795_534_200_000
        #expect(TimeBucket.startMilliseconds(of: 2026_11_24_1530, step: .minute) == instant)
        #expect(TimeBucket.startMilliseconds(of: 2026_11_24_15, step: .hour) == instant - 30 * 60_000)
        #expect(TimeBucket.startMilliseconds(of: 2026_11_24, step: .day) == instant - 15 * 3_600_000 - 30 * 60_000)
        #expect(TimeBucket.startMilliseconds(of: 2026_11_24_2330, step: .minute, offsetHours: 8) == instant)
        #expect(TimeBucket.startMilliseconds(of: 2026_02_29_0000, step: .minute) == nil)
        #expect(TimeBucket.startMilliseconds(of: 2026_11_24_1560, step: .minute) == nil)
        #expect(TimeBucket.Step.hour.bucket(ofMinute: 2026_11_24_1530) == 2026_11_24_15)
        #expect(TimeBucket.Step.day.bucket(ofMinute: 2026_11_24_1530) == 2026_11_24)
    }
}
