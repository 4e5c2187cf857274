/// The set of SkyWalking component ids seen on a relation (als-mxmesh.md §4.11, §5.1): the protocol's
/// component plus, on the server side, the TLS component. Combining two sets takes their union.
///
/// Stored as a bit mask over the few ids mesh traffic can produce; the raw value is what storage keeps.
package struct ComponentSet: OptionSet, Sendable, Hashable {
    /// The bit mask.
    package var rawValue: UInt8
    /// Wraps a stored bit mask.
    package init(rawValue: UInt8) { self.rawValue = rawValue }

    /// `GRPC` (23).
    package static let grpc = ComponentSet(rawValue: 1 << 0)
    /// `http` (49).
    package static let http = ComponentSet(rawValue: 1 << 1)
    /// `rpc` (50).
    package static let rpc = ComponentSet(rawValue: 1 << 2)
    /// `tcp` (110).
    package static let tcp = ComponentSet(rawValue: 1 << 3)
    /// `tls` (130).
    package static let tls = ComponentSet(rawValue: 1 << 4)
    /// `mtls` (142).
    package static let mtls = ComponentSet(rawValue: 1 << 5)

    /// Each member's SkyWalking component id and name (`component-libraries.yml`), in bit order.
    package static let catalog: [(member: ComponentSet, id: Int, name: String)] = [
        (.grpc, 23, "GRPC"), (.http, 49, "http"), (.rpc, 50, "rpc"), (.tcp, 110, "tcp"), (.tls, 130, "tls"),
        (.mtls, 142, "mtls"),
    ]

    /// The component ids in the set, ascending.
    package var ids: [Int] { Self.catalog.filter { self.contains($0.member) }.map(\.id) }

    /// The component names in the set, in id order.
    package var names: [String] { Self.catalog.filter { self.contains($0.member) }.map(\.name) }
}
