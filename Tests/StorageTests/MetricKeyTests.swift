import Analysis
import Testing

@testable import Storage

/// The packed metric row key and the entity slots it carries.
@Suite struct MetricKeyTests {
    private let entity = EntitySlot.firstCandidate(scope: .endpoint, entityID: "c3ZjLTE=.1_R0VUOi9h")

    /// A key gives back its entity and bucket, at every step.
    @Test(arguments: [
        (TimeBucket.Step.minute, Int64(202_611_241_530)), (.hour, 2_026_112_415), (.day, 20_261_124),
        (.minute, 197_001_010_000), (.minute, 299_312_312_359),
    ])
    func roundTrips(step: TimeBucket.Step, bucket: Int64) throws {
        let time = try #require(MetricKey.time(of: bucket, step: step))
        let key = MetricKey.key(entity: self.entity, time: time)
        #expect(key > 0)
        #expect(MetricKey.entity(ofKey: key) == self.entity)
        #expect(MetricKey.bucket(ofKey: key, step: step) == bucket)
    }

    /// Buckets outside the years a key holds have no key.
    @Test(arguments: [196_912_312_359, 299_401_010_000, 0])
    func rejectsYearsOutOfRange(bucket: Int64) {
        #expect(MetricKey.time(of: bucket, step: .minute) == nil)
    }

    /// Keys sort like (scope, bucket, slot), so a scope's bucket range is one key range and the purger's "before"
    /// range holds exactly the older buckets.
    @Test func ordersByScopeThenBucket() throws {
        let minutes: [Int64] = [202_512_312_359, 202_601_010_000, 202_611_241_530, 202_611_241_531, 202_611_251_000]
        let keys = try minutes.map { minute in
            MetricKey.key(entity: self.entity, time: try #require(MetricKey.time(of: minute, step: .minute)))
        }
        #expect(keys == keys.sorted())
        let range = try #require(
            MetricKey.range(scope: .endpoint, first: minutes[1], last: minutes[3], step: .minute))
        #expect(keys.map { range.contains($0) } == [false, true, true, true, false])
        #expect(
            MetricKey.range(scope: .service, first: minutes[1], last: minutes[3], step: .minute)?.contains(keys[2])
                == false)
        let before = MetricKey.keys(of: .endpoint, before: minutes[2], step: .minute)
        #expect(keys.map { before.contains($0) } == [true, true, false, false, false])
        #expect(MetricKey.keys(of: .endpoint, before: 196_001_010_000, step: .minute).isEmpty)
        #expect(MetricKey.keys(of: .endpoint, before: 300_001_010_000, step: .minute).contains(keys[4]))
    }

    /// Entity slots stay within their scope's id range, and the probe window too.
    @Test(arguments: MetricScope.allCases)
    func slotsStayInTheirScope(scope: MetricScope) {
        for index in 0..<1_000 {
            let first = EntitySlot.firstCandidate(scope: scope, entityID: "entity-\(index)")
            #expect(EntitySlot.ids(of: scope).contains(first))
            #expect(EntitySlot.ids(of: scope).contains(first + EntitySlot.maxProbes - 1))
            #expect(first & MetricKey.slotMask != 0)
        }
    }
}
