import Analysis
import GraphQL
import Storage
import Testing

@testable import Query

@Suite("Duration arguments")
struct QueryDurationTests {
    private func parse(_ start: String, _ end: String, _ step: String) throws(QueryError) -> QueryDuration {
        try QueryDuration.parse(
            .object(["start": .string(start), "end": .string(end), "step": .enumValue(step)]), name: "duration")
    }

    @Test("each step's layout gives its bucket number (query-protocol.md §2.1)")
    func layouts() throws {
        #expect(
            try self.parse("2026-11-24 1530", "2026-11-24 1559", "MINUTE")
                == .init(step: .minute, start: 202_611_241_530, end: 202_611_241_559))
        #expect(
            try self.parse("2026-11-24 15", "2026-11-24 17", "HOUR")
                == .init(step: .hour, start: 2_026_112_415, end: 2_026_112_417))
        #expect(
            try self.parse("2026-11-17", "2026-11-24", "DAY") == .init(step: .day, start: 20_261_117, end: 20_261_124))
        #expect(
            try self.parse("2026-11-24 153012", "2026-11-24 153059", "SECOND")
                == .init(step: .second, start: 20_261_124_153_012, end: 20_261_124_153_059))
    }

    @Test(
        "a wrong layout, an impossible date or an unknown step is a clear error",
        arguments: [
            ("2026-11-24 15", "2026-11-24 1559", "MINUTE"), ("2026-11-24 1530", "2026-11-24T1559", "MINUTE"),
            ("2026-02-30", "2026-03-01", "DAY"), ("2026-11-24 2460", "2026-11-24 2461", "MINUTE"),
            ("2026-11-24 153060", "2026-11-24 153061", "SECOND"), ("2026-11-24", "2026-11-24", "MONTH"),
            ("2026-11-24 1530 ", "2026-11-24 1531", "MINUTE"), ("", "2026-11-24", "DAY"),
        ])
    func rejected(start: String, end: String, step: String) {
        #expect {
            _ = try self.parse(start, end, step)
        } throws: { error in
            guard case QueryError.invalidArgument(let name, let reason) = error else { return false }
            return name.hasPrefix("duration") && !reason.isEmpty
        }
    }

    @Test("a missing Duration names the argument")
    func missing() {
        #expect(throws: QueryError.self) { try QueryDuration.parse(nil, name: "duration") }
        #expect(throws: QueryError.self) {
            try QueryDuration.parse(.object(["start": .string("2026-11-24")]), name: "d")
        }
    }

    @Test("a series may span at most maxPoints buckets; the end may not precede the start")
    func pointLimit() throws {
        let day = try self.parse("2026-11-24 0000", "2026-11-24 2359", "MINUTE")
        #expect(throws: QueryError.self) { try day.bucketRange(maxPoints: 500) }
        #expect(try day.bucketRange().first == 202_611_240_000)
        let exactly500 = try self.parse("2026-11-24 0000", "2026-11-24 0819", "MINUTE")
        #expect(try exactly500.bucketRange(maxPoints: 500).last == 202_611_240_819)
        let reversed = try self.parse("2026-11-24 1530", "2026-11-24 1529", "MINUTE")
        #expect(throws: QueryError.self) { try reversed.bucketRange() }
        #expect(reversed.minuteWindow == nil)
    }

    @Test("entity listings compare minutes from the start bucket's first to the end bucket's last")
    func minuteWindow() throws {
        #expect(
            try self.parse("2026-11-24 15", "2026-11-24 16", "HOUR").minuteWindow == 202_611_241_500...202_611_241_659)
        #expect(try self.parse("2026-11-23", "2026-11-24", "DAY").minuteWindow == 202_611_230_000...202_611_242_359)
        #expect(
            try self.parse("2026-11-24 153012", "2026-11-24 153159", "SECOND").minuteWindow
                == 202_611_241_530...202_611_241_531)
    }
}
