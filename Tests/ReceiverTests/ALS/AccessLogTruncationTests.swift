import Testing

@testable import Receiver

/// Realistic messages cut at every offset.
///
/// What is asserted, for every prefix length `L` of a message: if `L` falls exactly between two top-level fields,
/// the prefix is itself a valid message and decodes (to the fields before the cut); otherwise decoding throws
/// `truncated` at the first element that crosses the cut: the top-level field's tag when the cut is inside the
/// tag, else the start of its payload (the length prefix of a length-delimited field, the varint or fixed-width
/// value otherwise). Never a crash, never a silently shorter message.
@Suite struct AccessLogTruncationTests {
    /// A top-level field: where it starts and where its payload starts.
    struct FieldSpan {
        let start: Int
        let payloadStart: Int
    }

    /// The top-level fields of `bytes`, walked with the (separately tested) reader.
    static func spans(_ bytes: [UInt8]) throws -> [FieldSpan] {
        var reader = try ProtoReader(bytes)
        var spans: [FieldSpan] = []
        while let tag = try reader.nextTag() {
            spans.append(FieldSpan(start: reader.fieldOffset, payloadStart: reader.offset))
            try reader.skipField(tag)
        }
        return spans
    }

    /// The error expected when `message` (whose top-level fields are `spans`) is cut to `length` bytes, or `nil`
    /// when the cut is between fields.
    static func expectedError(cutAt length: Int, spans: [FieldSpan], base: Int = 0) -> ProtoDecodingError? {
        guard let crossing = spans.last(where: { $0.start < length }), !spans.contains(where: { $0.start == length })
        else { return nil }
        return .truncated(offset: base + (length < crossing.payloadStart ? crossing.start : crossing.payloadStart))
    }

    /// The messages cut: the spec's annotated example, Istio-like HTTP and TCP batches, a bare identifier.
    static let fixtures: [(String, [UInt8])] = [
        ("spec example", AccessLogExampleTests.example),
        ("HTTP batch", AccessLogFixtures.httpMessage(entryCount: 3, firstIndex: 8)),
        ("TCP batch", AccessLogFixtures.tcpMessage(entryCount: 2)),
        (
            "identifier",
            {
                var writer = ProtoWriter();
                AccessLogFixtures.writeIdentifier(&writer, node: AccessLogFixtures.workloads[1], logName: "x");
                return writer.bytes
            }()
        ),
    ]

    /// Every prefix of every fixture either decodes (at field boundaries) or throws `truncated` where expected.
    @Test(arguments: Self.fixtures.indices)
    func everyPrefix(fixture: Int) throws {
        let (name, bytes) = Self.fixtures[fixture]
        let spans = try Self.spans(bytes)
        #expect(throws: Never.self) { try AccessLogDecoder.decodeMessage(bytes[...]) }
        for length in 0..<bytes.count {
            let expected = Self.expectedError(cutAt: length, spans: spans)
            let actual = decodingError(StreamAccessLogsMessage.self, Array(bytes[..<length]))
            #expect(actual == expected, "\(name) cut at \(length) of \(bytes.count)")
        }
    }

    /// Every prefix of one entry, re-wrapped with correct outer lengths (so the cut is inside a nested window, not
    /// at the end of the input), fails inside the entry or decodes the fields before the cut.
    @Test(arguments: [0, 1, 9, 16])
    func everyPrefixOfANestedEntry(callIndex: Int) throws {
        var writer = ProtoWriter()
        AccessLogFixtures.writeHTTPEntry(&writer, call: AccessLogFixtures.httpCall(callIndex))
        let entry = writer.bytes
        let spans = try Self.spans(entry)
        for length in 0...entry.count {
            var wrapped = ProtoWriter()
            wrapped.writeMessageField(2) { $0.writeBytesField(1, entry[..<length]) }
            let header = wrapped.bytes.count - length
            let expected = length == entry.count ? nil : Self.expectedError(cutAt: length, spans: spans, base: header)
            let result = Result { () throws(ProtoDecodingError) in
                try AccessLogDecoder.decodeMessage(wrapped.bytes[...])
            }
            switch result {
            case .success(let message):
                #expect(expected == nil, "entry \(callIndex) cut at \(length) decoded")
                #expect(message.httpEntries.count == 1)
            case .failure(let error):
                #expect(error == expected, "entry \(callIndex) cut at \(length)")
            }
        }
    }

    /// A prefix cut between fields decodes to exactly the fields before the cut.
    @Test func boundaryPrefixesDecodeTheirFields() throws {
        let bytes = AccessLogFixtures.httpMessage(entryCount: 2)
        let spans = try Self.spans(bytes)
        #expect(spans.count == 2)
        let identifierOnly = try AccessLogDecoder.decodeMessage(bytes[..<spans[1].start])
        #expect(identifierOnly.identifier != nil && identifierOnly.httpEntries.isEmpty)
    }

    /// Corrupting any single byte never crashes: each corruption either throws or decodes (as a different
    /// message), and both happen — the decoder validates structure without rejecting changed content.
    @Test func singleByteCorruption() throws {
        let bytes = AccessLogExampleTests.example
        var rejected = 0
        var accepted = 0
        for offset in bytes.indices {
            for replacement: UInt8 in [0x00, 0x07, 0x7F, 0x80, 0xFF, bytes[offset] ^ 0x08] {
                var corrupt = bytes
                corrupt[offset] = replacement
                if decodingError(StreamAccessLogsMessage.self, corrupt) == nil { accepted += 1 } else { rejected += 1 }
            }
        }
        #expect(rejected > bytes.count)  // at least one per byte on average: tags and lengths are checked
        #expect(accepted > 0)  // content bytes (strings, numbers) may change freely
    }
}
