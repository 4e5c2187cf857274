import Receiver

/// The SkyWalking service and instance a Struct of Istio metadata maps to, with the instance tags
/// (als-mxmesh.md §3.1, §3.3; OAP's `ServiceMetaInfo`).
package struct ServiceIdentity: Sendable, Equatable {
    /// The service name; "" when the `serviceName` template produced nothing (OAP: not set).
    package var serviceName: String { didSet { self.digest = Self.digest(self.serviceName, self.instanceName) } }
    /// The instance name; "" when the `serviceInstanceName` template produced nothing.
    package var instanceName: String { didSet { self.digest = Self.digest(self.serviceName, self.instanceName) } }
    /// The instance properties, in order: `pod` = `NAME`, then `namespace` = `NAMESPACE`, each only when its key
    /// exists (case-insensitively); empty when neither does (als-mxmesh.md §3.3).
    package var tags: [(key: String, value: String)]
    /// A 64-bit digest of the two names, computed when they are set, so that an aggregation shard finds an
    /// identity it has already resolved without hashing its names again per call (not for untrusted tables:
    /// not collision-resistant; equality still compares the names).
    package private(set) var digest: UInt64

    /// The service every unknown peer becomes: `UNKNOWN` / `UNKNOWN`, no tags (als-mxmesh.md §2.6).
    package static let unknown = ServiceIdentity(serviceName: "UNKNOWN", instanceName: "UNKNOWN")

    /// Creates an identity.
    package init(serviceName: String, instanceName: String, tags: [(key: String, value: String)] = []) {
        self.serviceName = serviceName
        self.instanceName = instanceName
        self.tags = tags
        self.digest = Self.digest(serviceName, instanceName)
    }

    /// FNV-1a over both names' UTF-8, a separator between them.
    private static func digest(_ service: String, _ instance: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in service.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        hash = (hash ^ 0xFF) &* 0x100_0000_01B3
        for byte in instance.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }

    /// The tags of `metadata` (als-mxmesh.md §3.3): `pod` from `NAME` and `namespace` from `NAMESPACE`, looked up
    /// ignoring case; a present key with a non-string value gives "".
    package static func tags(of metadata: ProtoStruct) -> [(key: String, value: String)] {
        let name = metadata.value(forLoweredKey: "name")
        let namespace = metadata.value(forLoweredKey: "namespace")
        guard name != nil || namespace != nil else { return [] }
        var tags: [(key: String, value: String)] = []
        tags.reserveCapacity(2)
        if let name { tags.append((key: "pod", value: name.stringValue ?? "")) }
        if let namespace { tags.append((key: "namespace", value: namespace.stringValue ?? "")) }
        return tags
    }

    /// Whether both have the same names and the same tags in the same order.
    package static func == (lhs: ServiceIdentity, rhs: ServiceIdentity) -> Bool {
        lhs.serviceName == rhs.serviceName && lhs.instanceName == rhs.instanceName && lhs.tags.count == rhs.tags.count
            && zip(lhs.tags, rhs.tags).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
