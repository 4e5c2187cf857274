/// Closes every connection at once: what the gRPC port does until the ALS receiver is wired to it, so the
/// port is reserved and a misconfigured Envoy sees a clean close rather than a timeout.
final class RefusingConnectionHandler: ConnectionHandler {
    func connectionOpened(_ context: any ConnectionContext, now: MonotonicInstant) {
        context.close(.immediately)
    }
    func bytesReceived(_ bytes: UnsafeRawBufferPointer, context: any ConnectionContext, now: MonotonicInstant) {}
    func inputEnded(context: any ConnectionContext, now: MonotonicInstant) {}
    func outboundDrained(context: any ConnectionContext, now: MonotonicInstant) {}
    func deadlineReached(context: any ConnectionContext, now: MonotonicInstant) {}
    func messageDelivered(_ message: any Sendable, context: any ConnectionContext, now: MonotonicInstant) {}
    func shutdownRequested(context: any ConnectionContext, now: MonotonicInstant) {}
    func connectionClosed(context: any ConnectionContext) {}
}
