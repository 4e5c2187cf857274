import Receiver

/// The fields of Istio's FlatBuffers `FlatNode` (table `Wasm.Common.FlatNode`) that SkyWalking reads
/// (als-mxmesh.md §3.4; envoy-als-wire.md §4.4): the legacy peer metadata of the `wasm.*_peer` keys.
///
/// Absent string fields are `nil`; `protoStruct` turns them into the Struct the mapping engine sees.
package struct FlatNode: Sendable, Equatable {
    /// Slot 0 `name`: the pod or VM name (`NAME`).
    package var name: String?
    /// Slot 1 `namespace` (`NAMESPACE`).
    package var namespace: String?
    /// Slot 2 `labels`, a vector of `KeyVal` tables in buffer order (Istio sorts them by key); an absent key or
    /// value is "".
    package var labels: [(key: String, value: String)]
    /// Slot 9 `cluster_id` (`CLUSTER_ID`).
    package var clusterID: String?

    /// Creates a node.
    package init(
        name: String? = nil, namespace: String? = nil, labels: [(key: String, value: String)] = [],
        clusterID: String? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.clusterID = clusterID
    }

    /// The Struct SkyWalking builds from a FlatNode (als-mxmesh.md §3.2(c)): exactly `NAME`, `NAMESPACE`,
    /// `CLUSTER_ID` (absent → "") and `LABELS` (a Struct of string values; a duplicate key keeps its first
    /// position and its last value, as a protobuf map does).
    package var protoStruct: ProtoStruct {
        var labels = self.labels.map { (key: $0.key, value: ProtoValue.string($0.value)) }
        ProtoMap.deduplicate(&labels)
        return ProtoStruct([
            (key: "NAME", value: .string(self.name ?? "")),
            (key: "NAMESPACE", value: .string(self.namespace ?? "")),
            (key: "CLUSTER_ID", value: .string(self.clusterID ?? "")),
            (key: "LABELS", value: .structValue(ProtoStruct(labels))),
        ])
    }

    /// Whether both nodes have the same fields and labels in the same order.
    package static func == (lhs: FlatNode, rhs: FlatNode) -> Bool {
        lhs.name == rhs.name && lhs.namespace == rhs.namespace && lhs.clusterID == rhs.clusterID
            && lhs.labels.count == rhs.labels.count
            && zip(lhs.labels, rhs.labels).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
