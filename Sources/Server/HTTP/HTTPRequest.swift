/// A complete request handed to a route handler.
package struct HTTPRequest: Sendable {
    /// The method token, case-sensitive (RFC 9110 §9.1).
    package var method: String
    /// The request target as received (origin form, or absolute form).
    package var target: String
    /// The path of the target, without the query.
    package var path: String
    /// The query of the target after `?`, not decoded; `nil` when there is no `?`.
    package var query: String?
    /// The minor version of HTTP/1.x (0 or 1).
    package var minorVersion: Int
    /// The header fields, names lower-cased.
    package var headers: HTTPHeaders
    /// The content, with any chunked framing removed.
    package var body: [UInt8]

    /// Creates a request.
    package init(
        method: String, target: String, minorVersion: Int = 1, headers: HTTPHeaders = [:], body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        self.minorVersion = minorVersion
        self.headers = headers
        self.body = body
        (self.path, self.query) = Self.split(target)
    }

    /// The query's `name=value` pairs, `+` and percent-escapes decoded (WHATWG URL's form-urlencoded rules).
    package var queryItems: [(name: String, value: String)] {
        guard let query = self.query, !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.formDecode(parts[0])
            let value = parts.count > 1 ? Self.formDecode(parts[1]) : ""
            return (name: name, value: value)
        }
    }

    /// Splits an origin-form or absolute-form target into path and query (RFC 9112 §3.2).
    private static func split(_ target: String) -> (String, String?) {
        var rest = Substring(target)
        if !rest.hasPrefix("/"), let colon = rest.firstIndex(of: ":"), rest[colon...].hasPrefix("://") {
            // absolute-form: drop scheme and authority; the path starts at the next "/" (or is empty → "/").
            let afterAuthority = rest[rest.index(colon, offsetBy: 3)...]
            rest = afterAuthority.firstIndex(where: { $0 == "/" || $0 == "?" }).map { afterAuthority[$0...] } ?? ""
            if !rest.hasPrefix("/") { rest = "/" + rest }
        }
        guard let mark = rest.firstIndex(of: "?") else { return (String(rest), nil) }
        return (String(rest[..<mark]), String(rest[rest.index(after: mark)...]))
    }

    /// Form-urlencoded decoding: `+` is a space, `%XX` a byte; a `%` not followed by two hex digits stays
    /// a literal `%` and decoding goes on with the next byte (WHATWG URL, percent-decode).
    private static func formDecode(_ text: Substring) -> String {
        let input = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "%"), index + 2 < input.count,
                let value = Self.hexValue(input[index + 1], input[index + 2])
            {
                bytes.append(value)
                index += 3
                continue
            }
            bytes.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ high: UInt8, _ low: UInt8) -> UInt8? {
        guard let h = HTTPSyntax.hexDigitValue(high), let l = HTTPSyntax.hexDigitValue(low) else { return nil }
        return UInt8(h << 4 | l)
    }
}
