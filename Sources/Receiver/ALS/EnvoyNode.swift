/// `envoy.config.core.v3.Node` (envoy-als-wire.md §3.1), the proxy that sends a stream; v2's
/// `envoy.api.v2.core.Node` uses the same numbers plus field 5 `build_version` (a deprecated string), which is
/// skipped like any unknown field.
///
/// Decoded once per stream, so it uses plain `String`s. Istio puts the sidecar's bootstrap metadata in
/// `metadata` (envoy-als-wire.md §4.1).
package struct EnvoyNode: Sendable, Equatable {
    /// `id` (1), e.g. `sidecar~10.244.2.166~frontend-748ff7887-gk2gv.default~default.svc.cluster.local`.
    package var id = ""
    /// `cluster` (2), e.g. `frontend.default`.
    package var cluster = ""
    /// `metadata` (3); empty when absent.
    package var metadata = ProtoStruct()
    /// `locality` (4); empty when absent.
    package var locality = Locality()
    /// `user_agent_name` (6), `envoy`.
    package var userAgentName = ""
    /// `user_agent_version` (7), one member of the oneof `user_agent_version_type`.
    package var userAgentVersion = ""
    /// `user_agent_build_version` (8), the other member.
    package var userAgentBuildVersion: BuildVersion?
    /// `extensions` (9).
    package var extensions: [Extension] = []
    /// `client_features` (10).
    package var clientFeatures: [String] = []
    /// `listening_addresses` (11), deprecated.
    package var listeningAddresses: [EnvoyAddress] = []
    /// `dynamic_parameters` (12, v3), `map<string, xds.core.v3.ContextParams>` in wire order, each key once.
    package var dynamicParameters: [(key: String, value: ContextParams)] = []

    /// A node with every field at its default.
    package init() {}

    /// `envoy.config.core.v3.Locality` (envoy-als-wire.md §3.1).
    package struct Locality: Sendable, Hashable, ProtoDecodable {
        /// `region` (1).
        package var region = ""
        /// `zone` (2).
        package var zone = ""
        /// `sub_zone` (3).
        package var subZone = ""

        /// An empty locality.
        package init() {}

        /// A locality with the given parts.
        package init(region: String, zone: String, subZone: String = "") {
            self.region = region
            self.zone = zone
            self.subZone = subZone
        }

        /// Decodes `envoy.config.core.v3.Locality` (envoy-als-wire.md §3.1): 1 `region`, 2 `zone`, 3 `sub_zone`.
        ///
        /// - Throws: `ProtoDecodingError`.
        package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
            while let tag = try reader.nextTag() {
                switch tag.fieldNumber {
                case 1: self.region = try reader.readString(for: tag)
                case 2: self.zone = try reader.readString(for: tag)
                case 3: self.subZone = try reader.readString(for: tag)
                default: try reader.skipField(tag)
                }
            }
        }
    }

    /// `envoy.type.v3.SemanticVersion`: `major_number` (1), `minor_number` (2), `patch` (3).
    package struct SemanticVersion: Sendable, Hashable, ProtoDecodable, CustomStringConvertible {
        /// `major_number` (1).
        package var majorNumber: UInt32 = 0
        /// `minor_number` (2).
        package var minorNumber: UInt32 = 0
        /// `patch` (3).
        package var patch: UInt32 = 0

        /// Version 0.0.0.
        package init() {}

        /// The given version.
        package init(_ majorNumber: UInt32, _ minorNumber: UInt32, _ patch: UInt32) {
            self.majorNumber = majorNumber
            self.minorNumber = minorNumber
            self.patch = patch
        }

        /// `1.30.4`.
        package var description: String { "\(self.majorNumber).\(self.minorNumber).\(self.patch)" }

        /// Decodes `envoy.type.v3.SemanticVersion` (envoy-als-wire.md §3.1, notes on `Node`).
        ///
        /// - Throws: `ProtoDecodingError`.
        package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
            while let tag = try reader.nextTag() {
                switch tag.fieldNumber {
                case 1: self.majorNumber = try reader.readUInt32(for: tag)
                case 2: self.minorNumber = try reader.readUInt32(for: tag)
                case 3: self.patch = try reader.readUInt32(for: tag)
                default: try reader.skipField(tag)
                }
            }
        }
    }

    /// `envoy.config.core.v3.BuildVersion` (envoy-als-wire.md §3.1).
    package struct BuildVersion: Sendable, Equatable, ProtoDecodable {
        /// `version` (1).
        package var version: SemanticVersion?
        /// `metadata` (2), e.g. `revision.sha`, `build.type`; empty when absent.
        package var metadata = ProtoStruct()

        /// An empty build version.
        package init() {}

        /// Decodes `envoy.config.core.v3.BuildVersion` (envoy-als-wire.md §3.1): 1 `version`, 2 `metadata`.
        ///
        /// - Throws: `ProtoDecodingError`.
        package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
            while let tag = try reader.nextTag() {
                switch tag.fieldNumber {
                case 1: try reader.mergeMessage(for: tag, into: &self.version)
                case 2: try reader.mergeMessage(for: tag, into: &self.metadata)
                default: try reader.skipField(tag)
                }
            }
        }
    }

    /// `envoy.config.core.v3.Extension` (envoy-als-wire.md §3.1): an extension the node supports.
    package struct Extension: Sendable, Equatable, ProtoDecodable {
        /// `name` (1).
        package var name = ""
        /// `category` (2).
        package var category = ""
        /// `type_descriptor` (3), deprecated.
        package var typeDescriptor = ""
        /// `version` (4).
        package var version: BuildVersion?
        /// `disabled` (5).
        package var disabled = false
        /// `type_urls` (6).
        package var typeURLs: [String] = []

        /// An empty extension.
        package init() {}

        /// Decodes `envoy.config.core.v3.Extension` (envoy-als-wire.md §3.1), fields 1–6.
        ///
        /// - Throws: `ProtoDecodingError`.
        package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
            while let tag = try reader.nextTag() {
                switch tag.fieldNumber {
                case 1: self.name = try reader.readString(for: tag)
                case 2: self.category = try reader.readString(for: tag)
                case 3: self.typeDescriptor = try reader.readString(for: tag)
                case 4: try reader.mergeMessage(for: tag, into: &self.version)
                case 5: self.disabled = try reader.readBool(for: tag)
                case 6:
                    try reader.checkRoom(afterElements: self.typeURLs.count)
                    self.typeURLs.append(try reader.readString(for: tag))
                default: try reader.skipField(tag)
                }
            }
        }
    }

    /// `xds.core.v3.ContextParams`: 1 `params`, `map<string, string>`.
    package struct ContextParams: Sendable, Equatable, ProtoDecodable, ProtoMapComponent {
        /// `params` (1) in wire order, each key once.
        package var params: [(key: String, value: String)] = []

        /// No parameters.
        package init() {}

        /// Whether both hold the same parameters in the same order.
        package static func == (lhs: ContextParams, rhs: ContextParams) -> Bool {
            ProtoMap.equal(lhs.params, rhs.params)
        }

        /// Decodes `xds.core.v3.ContextParams` (the value type of `Node.dynamic_parameters`, envoy-als-wire.md
        /// §3.1).
        ///
        /// - Throws: `ProtoDecodingError`.
        package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
            let paramsCount = self.params.count
            while let tag = try reader.nextTag() {
                switch tag.fieldNumber {
                case 1: try reader.appendMapEntry(for: tag, to: &self.params)
                default: try reader.skipField(tag)
                }
            }
            ProtoMap.deduplicate(&self.params, afterMergingOnto: paramsCount)
        }
    }

    /// Whether both nodes have equal fields.
    package static func == (lhs: EnvoyNode, rhs: EnvoyNode) -> Bool {
        lhs.id == rhs.id && lhs.cluster == rhs.cluster && lhs.metadata == rhs.metadata
            && lhs.locality == rhs.locality && lhs.userAgentName == rhs.userAgentName
            && lhs.userAgentVersion == rhs.userAgentVersion && lhs.userAgentBuildVersion == rhs.userAgentBuildVersion
            && lhs.extensions == rhs.extensions && lhs.clientFeatures == rhs.clientFeatures
            && lhs.listeningAddresses == rhs.listeningAddresses
            && ProtoMap.equal(lhs.dynamicParameters, rhs.dynamicParameters)
    }
}

extension EnvoyNode: ProtoDecodable {
    /// Decodes `envoy.config.core.v3.Node` (envoy-als-wire.md §3.1, §3.10): fields 1–4 and 6–12; the oneof of 7
    /// `user_agent_version` and 8 `user_agent_build_version` keeps the last one; v2's field 5 is skipped.
    ///
    /// - Throws: `ProtoDecodingError`; strings must be valid UTF-8.
    package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        let dynamicParametersCount = self.dynamicParameters.count
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1: self.id = try reader.readString(for: tag)
            case 2: self.cluster = try reader.readString(for: tag)
            case 3: try reader.mergeMessage(for: tag, into: &self.metadata)
            case 4: try reader.mergeMessage(for: tag, into: &self.locality)
            case 6: self.userAgentName = try reader.readString(for: tag)
            case 7:
                self.userAgentVersion = try reader.readString(for: tag)
                self.userAgentBuildVersion = nil
            case 8:
                try reader.mergeMessage(for: tag, into: &self.userAgentBuildVersion)
                self.userAgentVersion = ""
            case 9:
                try reader.checkRoom(afterElements: self.extensions.count)
                var value = Extension()
                try reader.mergeMessage(for: tag, into: &value)
                self.extensions.append(value)
            case 10:
                try reader.checkRoom(afterElements: self.clientFeatures.count)
                self.clientFeatures.append(try reader.readString(for: tag))
            case 11:
                try reader.checkRoom(afterElements: self.listeningAddresses.count)
                var address = EnvoyAddress.unspecified
                try reader.mergeMessage(for: tag, into: &address)
                self.listeningAddresses.append(address)
            case 12: try reader.appendMapEntry(for: tag, to: &self.dynamicParameters)
            default: try reader.skipField(tag)
            }
        }
        ProtoMap.deduplicate(&self.dynamicParameters, afterMergingOnto: dynamicParametersCount)
    }
}
