import Testing

@testable import Receiver

/// The linked C libraries answer their version calls (the system-library targets are wired correctly).
@Suite struct LibraryVersionTests {
    /// nghttp2 and OpenSSL report real versions.
    @Test func versions() {
        #expect(HTTP2Library.version.split(separator: ".").count == 3)
        #expect(TLSLibrary.version.hasPrefix("OpenSSL "))
    }
}
