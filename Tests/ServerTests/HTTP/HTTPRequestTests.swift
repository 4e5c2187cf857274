import Testing

@testable import Server

/// Splitting a request target into path and query, and decoding the query's form-encoded items.
@Suite struct HTTPRequestTests {
    /// Origin-form, absolute-form and asterisk-form targets split into path and raw query (RFC 9112 §3.2).
    @Test(
        arguments: [
            ("/", "/", nil),
            ("/metrics", "/metrics", nil),
            ("/a/b/c", "/a/b/c", nil),
            ("/search?", "/search", ""),
            ("/search?q=1", "/search", "q=1"),
            ("/?a", "/", "a"),
            ("/p?x=1?y=2", "/p", "x=1?y=2"),
            ("/p?a=%20+b&c", "/p", "a=%20+b&c"),
            ("/a%2Fb?c%3Dd", "/a%2Fb", "c%3Dd"),
            ("/a://b", "/a://b", nil),
            ("*", "*", nil),
            ("http://example.com/a/b?c=d", "/a/b", "c=d"),
            ("http://example.com:8080/x", "/x", nil),
            ("https://user@example.com:443/p?q", "/p", "q"),
            ("HTTP://EXAMPLE.COM/Path", "/Path", nil),
            ("http://example.com", "/", nil),
            ("http://example.com/", "/", nil),
            ("http://example.com?x=1", "/", "x=1"),
            ("http://example.com/?", "/", ""),
            ("http://[::1]:8080/v1?a=b", "/v1", "a=b"),
        ] as [(String, String, String?)])
    func targetSplit(target: String, path: String, query: String?) {
        let request = HTTPRequest(method: "GET", target: target)
        #expect(request.target == target)
        #expect(request.path == path)
        #expect(request.query == query)
    }

    /// The initializer's defaults: HTTP/1.1, no headers, no content.
    @Test func defaults() {
        let request = HTTPRequest(method: "POST", target: "/x")
        #expect(request.method == "POST")
        #expect(request.minorVersion == 1)
        #expect(request.headers.count == 0)
        #expect(request.body.isEmpty)
    }

    /// Query items are split on `&` and the first `=`, with `+` and `%XX` decoded in names and values.
    @Test(arguments: [
        ("a=1&b=2", [("a", "1"), ("b", "2")]),
        ("q=hello+world", [("q", "hello world")]),
        ("q=a%20b", [("q", "a b")]),
        ("q=%2B1", [("q", "+1")]),
        ("q=a%2bb", [("q", "a+b")]),
        ("q=caf%C3%A9", [("q", "café")]),
        ("q=%e2%82%ac", [("q", "€")]),
        ("%41+b=%62", [("A b", "b")]),
        ("q=%26%3D", [("q", "&=")]),
        ("flag", [("flag", "")]),
        ("a=", [("a", "")]),
        ("=v", [("", "v")]),
        ("a=b=c", [("a", "b=c")]),
        ("a=1&&b=2&", [("a", "1"), ("b", "2")]),
        ("a=1&a=2", [("a", "1"), ("a", "2")]),
        ("q=%", [("q", "%")]),
        ("q=%4", [("q", "%4")]),
        ("q=%zz", [("q", "%zz")]),
        ("q=100%", [("q", "100%")]),
        ("q=%FF", [("q", "\u{FFFD}")]),
        ("q=café", [("q", "café")]),
    ])
    func queryItems(query: String, expected: [(String, String)]) {
        let items = HTTPRequest(method: "GET", target: "/p?" + query).queryItems
        #expect(items.map(\.name) == expected.map(\.0))
        #expect(items.map(\.value) == expected.map(\.1))
    }

    /// A `%` not followed by two hex digits stays literal and the bytes after it are decoded normally (WHATWG).
    @Test(arguments: [
        ("q=%%41", "%A"),
        ("q=%+", "% "),
        ("q=%4+", "%4 "),
        ("q=%G%41", "%GA"),
    ])
    func invalidEscapeDoesNotSwallowTheNextBytes(query: String, value: String) {
        let items = HTTPRequest(method: "GET", target: "/p?" + query).queryItems
        #expect(items.map(\.value) == [value])
    }

    /// No query, or an empty one, has no items.
    @Test(arguments: ["/p", "/p?", "/p?&&", "http://example.com"])
    func noQueryItems(target: String) {
        #expect(HTTPRequest(method: "GET", target: target).queryItems.isEmpty)
    }

    /// Query items of an absolute-form target come from its query.
    @Test func absoluteFormQueryItems() {
        let items = HTTPRequest(method: "GET", target: "http://example.com/search?q=a+b&n=%31").queryItems
        #expect(items.map(\.name) == ["q", "n"])
        #expect(items.map(\.value) == ["a b", "1"])
    }
}
