/// The limits and timeouts of the HTTP server, all set from configuration (see `docs/configuration.md`).
package struct HTTPLimits: Sendable, Equatable {
    /// Longest request line; longer → 414 (RFC 9112 §3).
    package var maxRequestLineBytes = 8 * 1024
    /// Largest header section (and chunked trailer section); larger → 431 (RFC 6585 §5).
    package var maxHeaderBytes = 64 * 1024
    /// Most header fields in one request; more → 431.
    package var maxHeaderCount = 100
    /// Largest request content; larger → 413 (RFC 9110 §15.5.14), checked before reading it.
    package var maxBodyBytes = 1024 * 1024
    /// Longest chunk-size line, extensions included; longer → 400.
    package var maxChunkLineBytes = 1024
    /// Most unparsed bytes buffered per connection before reading pauses.
    package var maxReadBufferBytes = 256 * 1024
    /// Most response bytes queued for a slow reader before request processing pauses.
    package var maxPendingOutputBytes = 4 * 1024 * 1024
    /// Time from the first byte of a request (or from accept) to the end of its header section; then 408.
    package var headerReadTimeout: Duration = .seconds(10)
    /// Time from the end of the header section to the end of the content; then 408.
    package var bodyReadTimeout: Duration = .seconds(30)
    /// Time a kept-alive connection may wait for its next request before it is closed.
    package var idleTimeout: Duration = .seconds(60)
    /// Time a deferred handler may take; then 503 and the connection closes.
    package var handlerTimeout: Duration = .seconds(15)
    /// Time queued output may wait without the client reading any of it; then the connection is dropped.
    package var writeTimeout: Duration = .seconds(30)

    /// Creates the defaults.
    package init() {}
}
