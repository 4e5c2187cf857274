import Receiver

/// One compiled template of `metadata-service-mapping.yaml`, such as
/// `${LABELS."service.istio.io/canonical-name",SERVICE}.${NAMESPACE}` (als-mxmesh.md §3.1).
///
/// Compiling follows OAP's rules: a placeholder is `${` followed by at least one character and up to the first
/// `}` after it, all on one line (a non-greedy match); its body is split on `,` into candidate paths and each path
/// on `.` into segments, dropping empty items; a token starting with `"` opens a quoted segment that takes the
/// following tokens, re-joined with `.`, up to one ending with `"`, and every `"` is then removed
/// (`LABELS."service.istio.io/canonical-name"` → `LABELS`, `service.istio.io/canonical-name`). Segments are
/// lower-cased once, here.
///
/// Evaluating walks each candidate from the root Struct (`evaluate(_:)`). Literal text after the last placeholder
/// is kept when `keepsTrailingLiteral` is true (our fix); OAP drops it, so that `${NAME}-x` gives the name alone
/// and a template without placeholders gives "" ("leave the field unset") — set `keepsTrailingLiteral` to false
/// to reproduce that quirk.
package struct MappingTemplate: Sendable, Equatable, CustomStringConvertible {
    /// A placeholder and the literal text before it.
    private struct Part: Sendable, Equatable {
        /// The text between the previous placeholder (or the start) and this one.
        let literal: String
        /// The candidate paths, tried in order; each a list of lower-cased segments.
        let candidates: [[String]]
    }

    /// The placeholder value of a path that resolves to nothing usable (als-mxmesh.md §3.1 evaluate step 1).
    package static let unresolved = "-"

    /// The template text.
    package let source: String
    /// Whether literal text after the last placeholder is kept.
    package let keepsTrailingLiteral: Bool
    /// The placeholders in order.
    private let parts: [Part]
    /// The text after the last placeholder, or the whole template without placeholders; "" when dropped.
    private let trailingLiteral: String
    /// The UTF-8 length of all literal text, to size the result once.
    private let literalLength: Int

    /// Compiles `template`.
    ///
    /// - Throws: `invalidTemplate` when the template is longer than `limits.maxTemplateLength` or has more
    ///   placeholders, candidates or segments than `limits` allows.
    package init(_ template: String, keepsTrailingLiteral: Bool = true, limits: NamingLimits = NamingLimits())
        throws(AnalysisConfigurationError)
    {
        guard template.utf8.count <= limits.maxTemplateLength else {
            throw .invalidTemplate(template: template, reason: "longer than \(limits.maxTemplateLength) bytes")
        }
        let utf8 = Array(template.utf8)
        var parts: [Part] = []
        var literalStart = 0
        var index = 0
        while index + 3 < utf8.count {  // `${`, one body byte and `}`.
            guard utf8[index] == UInt8(ascii: "$"), utf8[index + 1] == UInt8(ascii: "{"),
                let close = Self.placeholderEnd(in: utf8, bodyStart: index + 2)
            else {
                index += 1
                continue
            }
            guard parts.count < limits.maxPlaceholders else {
                throw .invalidTemplate(template: template, reason: "more than \(limits.maxPlaceholders) placeholders")
            }
            let body = String(decoding: utf8[(index + 2)..<close], as: UTF8.self)
            parts.append(
                Part(
                    literal: String(decoding: utf8[literalStart..<index], as: UTF8.self),
                    candidates: try Self.compileCandidates(body, template: template, limits: limits)))
            index = close + 1
            literalStart = index
        }
        let trailing = String(decoding: utf8[literalStart...], as: UTF8.self)
        self.source = template
        self.keepsTrailingLiteral = keepsTrailingLiteral
        self.parts = parts
        self.trailingLiteral = keepsTrailingLiteral ? trailing : ""
        self.literalLength = parts.reduce(self.trailingLiteral.utf8.count) { $0 + $1.literal.utf8.count }
    }

    /// The number of placeholders.
    package var placeholderCount: Int { self.parts.count }

    /// The template text.
    package var description: String { self.source }

    /// The template's value for `root` (als-mxmesh.md §3.1 evaluate steps 1–4), "" meaning "leave the field
    /// unset".
    ///
    /// Each placeholder takes the first candidate whose path resolves to a non-empty string other than `-`, and is
    /// `-` otherwise. A path resolves by looking up each segment, ignoring case (the last of several keys that
    /// differ only in case wins), in the current value's Struct; a non-Struct value behaves as an empty Struct, and
    /// only a string value counts (numbers, bools, lists and Structs read as "").
    package func evaluate(_ root: ProtoStruct) -> String {
        guard !self.parts.isEmpty else { return self.trailingLiteral }
        var result = ""
        result.reserveCapacity(self.literalLength + 24 * self.parts.count)
        for part in self.parts {
            result += part.literal
            result += Self.resolve(part.candidates, in: root)
        }
        result += self.trailingLiteral
        return result
    }

    // MARK: - Evaluation

    /// The value of a placeholder: its first usable candidate, or `-`.
    @inline(__always)
    private static func resolve(_ candidates: [[String]], in root: ProtoStruct) -> String {
        for path in candidates {
            if let value = Self.stringValue(at: path, in: root), !value.isEmpty, value != Self.unresolved {
                return value
            }
        }
        return Self.unresolved
    }

    /// The string at `path`: `nil` for a missing key, "" for a non-string value.
    private static func stringValue(at path: [String], in root: ProtoStruct) -> String? {
        guard let last = path.last else { return "" }  // The root itself, a Struct: not a string.
        var current = root
        for segment in path.dropLast() {
            guard case .structValue(let child) = current.value(forLoweredKey: segment) else { return nil }
            current = child
        }
        guard let value = current.value(forLoweredKey: last) else { return nil }
        return value.stringValue ?? ""
    }

    // MARK: - Compilation

    /// The index of the `}` closing a placeholder whose body starts at `bodyStart`, or `nil` when there is none:
    /// the first `}` after at least one body byte, with no line terminator (`\n`, `\r`, U+0085, U+2028, U+2029)
    /// before it, as Java's `.` does not match them.
    private static func placeholderEnd(in utf8: [UInt8], bodyStart: Int) -> Int? {
        var index = bodyStart
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "}"), index > bodyStart { return index }
            if byte == 0x0A || byte == 0x0D { return nil }
            if byte == 0xC2, index + 1 < utf8.count, utf8[index + 1] == 0x85 { return nil }
            if byte == 0xE2, index + 2 < utf8.count, utf8[index + 1] == 0x80, utf8[index + 2] & 0xFE == 0xA8 {
                return nil
            }
            index += 1
        }
        return nil
    }

    /// The candidate paths of a placeholder body (als-mxmesh.md §3.1 compile steps 3–4), segments lower-cased.
    private static func compileCandidates(_ body: String, template: String, limits: NamingLimits)
        throws(AnalysisConfigurationError) -> [[String]]
    {
        let items = body.split(separator: ",", omittingEmptySubsequences: true)
        guard items.count <= limits.maxCandidates else {
            throw .invalidTemplate(template: template, reason: "more than \(limits.maxCandidates) candidates")
        }
        var candidates: [[String]] = []
        candidates.reserveCapacity(items.count)
        for item in items {
            let path = Self.segments(of: item)
            guard path.count <= limits.maxPathSegments else {
                throw .invalidTemplate(template: template, reason: "more than \(limits.maxPathSegments) path segments")
            }
            candidates.append(path)
        }
        return candidates
    }

    /// The lower-cased segments of one candidate path, quoted segments joined back together.
    private static func segments(of path: Substring) -> [String] {
        var segments: [String] = []
        var quoted: String?
        for token in path.split(separator: ".", omittingEmptySubsequences: true) {
            if var open = quoted {
                open += "." + token
                if token.hasSuffix("\"") {
                    segments.append(Self.normalized(open))
                    quoted = nil
                } else {
                    quoted = open
                }
            } else if token.hasPrefix("\""), token.count == 1 || !token.hasSuffix("\"") {
                quoted = String(token)
            } else {
                segments.append(Self.normalized(token))
            }
        }
        if let open = quoted { segments.append(Self.normalized(open)) }  // An unclosed quote takes the rest.
        return segments
    }

    /// `segment` without its quotes, lower-cased.
    private static func normalized(_ segment: some StringProtocol) -> String {
        String(segment.filter { $0 != "\"" }).lowercased()
    }
}
