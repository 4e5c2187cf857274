/// The HTTP/2 parameters of a server session (RFC 9113 §6.5.2), set from the receiver configuration.
package struct HTTP2Settings: Sendable, Equatable {
    /// SETTINGS_MAX_CONCURRENT_STREAMS: further streams are refused with RST_STREAM(REFUSED_STREAM).
    package var maxConcurrentStreams: UInt32 = 100
    /// SETTINGS_INITIAL_WINDOW_SIZE: how much a stream may send before the server acknowledges it.
    package var initialStreamWindowBytes: Int32 = 1 << 20
    /// The connection-level receive window, opened with a WINDOW_UPDATE right after the preface.
    package var connectionWindowBytes: Int32 = 16 << 20
    /// SETTINGS_MAX_HEADER_LIST_SIZE, also enforced: a larger header block resets its stream.
    package var maxHeaderListBytes: Int = 16 * 1024
    /// RST_STREAM frames a client may send per second before the connection is closed (rapid-reset defence).
    package var maxResetsPerSecond: UInt64 = 200

    /// Creates the defaults.
    package init() {}
}
