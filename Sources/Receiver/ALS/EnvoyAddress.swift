/// `envoy.config.core.v3.Address` (envoy-als-wire.md §3.7), the oneof `address`; v2's `envoy.api.v2.core.Address`
/// has the same numbers without field 3.
///
/// Envoy logs a socket address for IP peers, a pipe for Unix sockets and (v3) an internal address for internal
/// listeners. The host and path strings are zero-copy views.
package enum EnvoyAddress: Sendable, Hashable, ProtoDecodable, CustomStringConvertible {
    /// An `Address` message with no member of the oneof set.
    case unspecified
    /// `socket_address` (1).
    case socket(SocketAddress)
    /// `pipe` (2).
    case pipe(Pipe)
    /// `envoy_internal_address` (3).
    case envoyInternal(InternalAddress)

    /// `envoy.config.core.v3.SocketAddress` (envoy-als-wire.md §3.7).
    package struct SocketAddress: Sendable, Hashable, ProtoDecodable {
        /// `protocol` (1).
        package var transportProtocol = TransportProtocol.tcp
        /// `address` (2): an IP address (or a host name, in configuration).
        package var address: ProtoBytes {
            get { self.bytes(at: self.addressSpan) }
            set { self.setBytes(newValue, at: \.addressSpan) }
        }
        private var addressSpan = ProtoSpan.empty
        /// `port_value` (3), one member of the oneof `port_specifier`; 0 when `namedPort` is set.
        package var portValue: UInt32 = 0
        /// `named_port` (4), the other member of `port_specifier`; empty when `portValue` is set.
        package var namedPort: ProtoBytes {
            get { self.bytes(at: self.namedPortSpan) }
            set { self.setBytes(newValue, at: \.namedPortSpan) }
        }
        private var namedPortSpan = ProtoSpan.empty
        /// `resolver_name` (5).
        package var resolverName: ProtoBytes {
            get { self.bytes(at: self.resolverNameSpan) }
            set { self.setBytes(newValue, at: \.resolverNameSpan) }
        }
        private var resolverNameSpan = ProtoSpan.empty
        /// `ipv4_compat` (6).
        package var ipv4Compat = false
        /// `network_namespace_filepath` (7), v3 only.
        package var networkNamespaceFilepath: ProtoBytes {
            get { self.bytes(at: self.networkNamespaceFilepathSpan) }
            set { self.setBytes(newValue, at: \.networkNamespaceFilepathSpan) }
        }
        private var networkNamespaceFilepathSpan = ProtoSpan.empty

        /// The buffer of the span fields (see `ProtoSpanOwner`).
        var spanBuffer: ProtoBuffer?

        /// An empty socket address.
        package init() {}

        /// A TCP socket address, as Envoy logs its peers.
        package init(address: ProtoBytes, portValue: UInt32) {
            self.address = address
            self.portValue = portValue
        }

        /// A TCP socket address whose `address` is `addressSpan` of `buffer` (see `StoredAddress`).
        init(buffer: ProtoBuffer?, addressSpan: ProtoSpan, portValue: UInt32) {
            self.spanBuffer = addressSpan.isEmpty ? nil : buffer
            self.addressSpan = addressSpan
            self.portValue = portValue
        }

        /// Decodes `envoy.config.core.v3.SocketAddress` (envoy-als-wire.md §3.7); `port_value` and `named_port`
        /// form a oneof, so reading one clears the other.
        ///
        /// - Throws: `ProtoDecodingError`.
        package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
            self.adoptBuffer(reader.sharedBuffer)
            while let tag = try reader.nextTag() {
                switch tag.fieldNumber {
                case 1: self.transportProtocol = TransportProtocol(rawValue: try reader.readEnum(for: tag))
                case 2: self.addressSpan = try reader.readSpan(for: tag)
                case 3:
                    self.portValue = try reader.readUInt32(for: tag)
                    self.namedPortSpan = .empty
                case 4:
                    self.namedPortSpan = try reader.readSpan(for: tag)
                    self.portValue = 0
                case 5: self.resolverNameSpan = try reader.readSpan(for: tag)
                case 6: self.ipv4Compat = try reader.readBool(for: tag)
                case 7: self.networkNamespaceFilepathSpan = try reader.readSpan(for: tag)
                default: try reader.skipField(tag)
                }
            }
        }
    }

    /// `envoy.config.core.v3.SocketAddress.Protocol` (envoy-als-wire.md §3.8), an open enum.
    package struct TransportProtocol: RawRepresentable, Sendable, Hashable {
        /// The enum number as sent.
        package var rawValue: Int32
        /// Wraps an enum number.
        package init(rawValue: Int32) { self.rawValue = rawValue }
        /// `TCP` (0).
        package static let tcp = TransportProtocol(rawValue: 0)
        /// `UDP` (1).
        package static let udp = TransportProtocol(rawValue: 1)
    }

    /// `envoy.config.core.v3.Pipe` (envoy-als-wire.md §3.7), a Unix domain socket.
    package struct Pipe: Sendable, Hashable, ProtoDecodable {
        /// `path` (1).
        package var path: ProtoBytes {
            get { self.bytes(at: self.pathSpan) }
            set { self.setBytes(newValue, at: \.pathSpan) }
        }
        private var pathSpan = ProtoSpan.empty
        /// `mode` (2), the file mode.
        package var mode: UInt32 = 0

        /// The buffer of the span fields (see `ProtoSpanOwner`).
        var spanBuffer: ProtoBuffer?

        /// An empty pipe address.
        package init() {}

        /// Decodes `envoy.config.core.v3.Pipe` (envoy-als-wire.md §3.7).
        ///
        /// - Throws: `ProtoDecodingError`.
        package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
            self.adoptBuffer(reader.sharedBuffer)
            while let tag = try reader.nextTag() {
                switch tag.fieldNumber {
                case 1: self.pathSpan = try reader.readSpan(for: tag)
                case 2: self.mode = try reader.readUInt32(for: tag)
                default: try reader.skipField(tag)
                }
            }
        }
    }

    /// `envoy.config.core.v3.EnvoyInternalAddress` (envoy-als-wire.md §3.7), an internal listener.
    package struct InternalAddress: Sendable, Hashable, ProtoDecodable {
        /// `server_listener_name` (1).
        package var serverListenerName: ProtoBytes {
            get { self.bytes(at: self.serverListenerNameSpan) }
            set { self.setBytes(newValue, at: \.serverListenerNameSpan) }
        }
        private var serverListenerNameSpan = ProtoSpan.empty
        /// `endpoint_id` (2).
        package var endpointID: ProtoBytes {
            get { self.bytes(at: self.endpointIDSpan) }
            set { self.setBytes(newValue, at: \.endpointIDSpan) }
        }
        private var endpointIDSpan = ProtoSpan.empty

        /// The buffer of the span fields (see `ProtoSpanOwner`).
        var spanBuffer: ProtoBuffer?

        /// An empty internal address.
        package init() {}

        /// Decodes `envoy.config.core.v3.EnvoyInternalAddress` (envoy-als-wire.md §3.7).
        ///
        /// - Throws: `ProtoDecodingError`.
        package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
            self.adoptBuffer(reader.sharedBuffer)
            while let tag = try reader.nextTag() {
                switch tag.fieldNumber {
                case 1: self.serverListenerNameSpan = try reader.readSpan(for: tag)
                case 2: self.endpointIDSpan = try reader.readSpan(for: tag)
                default: try reader.skipField(tag)
                }
            }
        }
    }

    /// `.unspecified`.
    package init() {
        self = .unspecified
    }

    /// The IP address (or host) of a socket address, else `nil`.
    package var host: ProtoBytes? {
        if case .socket(let socket) = self { socket.address } else { nil }
    }

    /// The port of a socket address, else `nil`.
    package var port: UInt32? {
        if case .socket(let socket) = self { socket.portValue } else { nil }
    }

    /// `10.0.0.1:8080`, `[fd00::1]:8080`, `unix:/path`, `envoy://listener/endpoint`, or `unspecified`.
    package var description: String {
        switch self {
        case .unspecified:
            return "unspecified"
        case .socket(let socket):
            let host = socket.address.string
            let port = socket.namedPort.isEmpty ? String(socket.portValue) : socket.namedPort.string
            return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .pipe(let pipe):
            return "unix:\(pipe.path.string)"
        case .envoyInternal(let address):
            return "envoy://\(address.serverListenerName.string)/\(address.endpointID.string)"
        }
    }

    /// Decodes `envoy.config.core.v3.Address` (envoy-als-wire.md §3.7): 1 `socket_address`, 2 `pipe`, 3
    /// `envoy_internal_address`. The last member on the wire wins; the same member again merges into it.
    ///
    /// - Throws: `ProtoDecodingError`.
    package mutating func merge(from reader: inout ProtoReader) throws(ProtoDecodingError) {
        while let tag = try reader.nextTag() {
            switch tag.fieldNumber {
            case 1:
                // Only a repeated member starts from the old value.
                var socket = SocketAddress()
                if case .socket(let existing) = self { socket = existing }
                try reader.mergeMessage(for: tag, into: &socket)
                self = .socket(socket)
            case 2:
                var pipe = Pipe()
                if case .pipe(let existing) = self { pipe = existing }
                try reader.mergeMessage(for: tag, into: &pipe)
                self = .pipe(pipe)
            case 3:
                var address = InternalAddress()
                if case .envoyInternal(let existing) = self { address = existing }
                try reader.mergeMessage(for: tag, into: &address)
                self = .envoyInternal(address)
            default:
                try reader.skipField(tag)
            }
        }
    }
}

extension EnvoyAddress.SocketAddress: ProtoSpanOwner {
    static var spanFields: [WritableKeyPath<EnvoyAddress.SocketAddress, ProtoSpan>] {
        [\.addressSpan, \.namedPortSpan, \.resolverNameSpan, \.networkNamespaceFilepathSpan]
    }

    /// Whether both hold the same field values (strings compared by content).
    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.transportProtocol == rhs.transportProtocol && lhs.portValue == rhs.portValue
            && lhs.ipv4Compat == rhs.ipv4Compat && lhs.spanFieldsEqual(rhs)
    }

    /// Hashes the field values (strings by content).
    package func hash(into hasher: inout Hasher) {
        hasher.combine(self.transportProtocol)
        hasher.combine(self.portValue)
        hasher.combine(self.ipv4Compat)
        self.hashSpanFields(into: &hasher)
    }
}

extension EnvoyAddress.Pipe: ProtoSpanOwner {
    static var spanFields: [WritableKeyPath<EnvoyAddress.Pipe, ProtoSpan>] { [\.pathSpan] }

    /// Whether both hold the same field values (strings compared by content).
    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.mode == rhs.mode && lhs.spanFieldsEqual(rhs)
    }

    /// Hashes the field values (strings by content).
    package func hash(into hasher: inout Hasher) {
        hasher.combine(self.mode)
        self.hashSpanFields(into: &hasher)
    }
}

extension EnvoyAddress.InternalAddress: ProtoSpanOwner {
    static var spanFields: [WritableKeyPath<EnvoyAddress.InternalAddress, ProtoSpan>] {
        [\.serverListenerNameSpan, \.endpointIDSpan]
    }

    /// Whether both hold the same field values (strings compared by content).
    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.spanFieldsEqual(rhs)
    }

    /// Hashes the field values (strings by content).
    package func hash(into hasher: inout Hasher) {
        self.hashSpanFields(into: &hasher)
    }
}
