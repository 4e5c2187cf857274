import Analysis
import GraphQL
import Storage

/// A `Duration` argument (query-protocol.md §2.1): two inclusive wall-clock times in the server's zone at one
/// step, as the UI formats them: `yyyy-MM-dd HHmmss` (SECOND), `yyyy-MM-dd HHmm` (MINUTE), `yyyy-MM-dd HH` (HOUR),
/// `yyyy-MM-dd` (DAY). `coldStage` is accepted and ignored (skymesh has no cold stage).
package struct QueryDuration: Sendable, Equatable {
    /// The `Step` enum of the schema.
    package enum Step: String, Sendable, Equatable {
        /// Seconds; metrics are read per minute.
        case second = "SECOND"
        /// Minutes.
        case minute = "MINUTE"
        /// Hours.
        case hour = "HOUR"
        /// Days.
        case day = "DAY"

        /// The digits of a time string of this step (`yyyyMMdd` plus `HH`, `HHmm` or `HHmmss`).
        var digits: Int {
            switch self {
            case .second: 14
            case .minute: 12
            case .hour: 10
            case .day: 8
            }
        }

        /// The storage step metrics of this step are read from.
        var storageStep: TimeBucket.Step {
            switch self {
            case .second, .minute: .minute
            case .hour: .hour
            case .day: .day
            }
        }
    }

    /// The step.
    package var step: Step
    /// The start as a time bucket of `step` (`202611241530` at MINUTE; seconds appended at SECOND).
    package var start: Int64
    /// The end (inclusive), as `start`.
    package var end: Int64

    /// A duration from its parts, already validated.
    package init(step: Step, start: Int64, end: Int64) {
        self.step = step
        self.start = start
        self.end = end
    }

    /// Parses the `Duration` input object `value` of the argument `name`.
    /// - Throws: ``QueryError/invalidArgument(name:reason:)`` naming what is wrong.
    package static func parse(_ value: InputValue?, name: String) throws(QueryError) -> QueryDuration {
        guard let fields = value?.objectValue else {
            throw .invalidArgument(name: name, reason: "a Duration {start, end, step} is required")
        }
        guard let stepName = fields["step"]?.stringValue, let step = Step(rawValue: stepName) else {
            throw .invalidArgument(name: name, reason: "step must be one of SECOND, MINUTE, HOUR, DAY")
        }
        let start = try Self.bucket(fields["start"]?.stringValue, step: step, name: "\(name).start")
        let end = try Self.bucket(fields["end"]?.stringValue, step: step, name: "\(name).end")
        return QueryDuration(step: step, start: start, end: end)
    }

    /// The bucket of `text` at `step`: its digits, after checking the layout and that it is a real time.
    private static func bucket(_ text: String?, step: Step, name: String) throws(QueryError) -> Int64 {
        let layout: String
        switch step {
        case .second: layout = "yyyy-MM-dd HHmmss"
        case .minute: layout = "yyyy-MM-dd HHmm"
        case .hour: layout = "yyyy-MM-dd HH"
        case .day: layout = "yyyy-MM-dd"
        }
        guard let text else { throw .invalidArgument(name: name, reason: "missing; expected \(layout)") }
        let bytes = Array(text.utf8)
        var number: Int64 = 0
        var digits = 0
        var wellFormed = bytes.count == layout.utf8.count
        for (byte, pattern) in zip(bytes, layout.utf8) where wellFormed {
            switch pattern {
            case UInt8(ascii: "-"), UInt8(ascii: " "): wellFormed = byte == pattern
            default:
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                    wellFormed = false
                    continue
                }
                number = number * 10 + Int64(byte - UInt8(ascii: "0"))
                digits += 1
            }
        }
        guard wellFormed, digits == step.digits else {
            throw .invalidArgument(name: name, reason: "'\(text)' does not match \(layout) for step \(step.rawValue)")
        }
        let minuteBucket = step == .second ? number / 100 : number
        guard TimeBucket.startMilliseconds(of: minuteBucket, step: step.storageStep) != nil,
            step != .second || number % 100 < 60
        else { throw .invalidArgument(name: name, reason: "'\(text)' is not a valid time") }
        return number
    }

    /// The buckets of the storage step (seconds fall into their minute), `nil` when the end is before the start:
    /// ``parse(_:name:)`` checked that both ends are real times, so their order is all that can fail.
    private var storageRange: BucketRange? {
        let first = self.step == .second ? self.start / 100 : self.start
        let last = self.step == .second ? self.end / 100 : self.end
        return try? BucketRange(step: self.step.storageStep, first: first, last: last)
    }

    /// The buckets metrics are read in, at most `maxPoints` of them (OAP refuses more than 500 points for a
    /// series; window reads such as topologies pass no limit).
    /// - Throws: ``QueryError/invalidArgument(name:reason:)`` when the end is before the start,
    ///   ``QueryError/limitExceeded(what:requested:maximum:)`` past `maxPoints`.
    package func bucketRange(maxPoints: Int = .max) throws(QueryError) -> BucketRange {
        guard let range = self.storageRange,
            let first = TimeBucket.startMilliseconds(of: range.first, step: range.step),
            let last = TimeBucket.startMilliseconds(of: range.last, step: range.step)
        else { throw .invalidArgument(name: "duration", reason: "the end is before the start") }
        let points = (last - first) / (Int64(range.step.minutes) * 60_000) + 1
        guard points <= Int64(maxPoints) else {
            throw .limitExceeded(what: "Duration points", requested: Int(clamping: points), maximum: maxPoints)
        }
        return range
    }

    /// The minute buckets from the first minute of the start to the last minute of the end (OAP: the end bucket plus
    /// one step, exclusive): the window entity listings compare first- and last-seen minutes with; `nil` when the
    /// end is before the start.
    package var minuteWindow: ClosedRange<Int64>? { self.storageRange?.minuteBounds }
}
