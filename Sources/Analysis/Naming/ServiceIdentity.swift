/// TEMPORARY stand-in until the naming branch lands (same shape).
package struct ServiceIdentity: Sendable, Hashable {
    package var serviceName: String
    package var instanceName: String
    package var tags: [Tag]
    package struct Tag: Sendable, Hashable {
        package var key: String
        package var value: String
    }
    package init(serviceName: String, instanceName: String, tags: [Tag] = []) {
        self.serviceName = serviceName
        self.instanceName = instanceName
        self.tags = tags
    }
    package static let unknown = ServiceIdentity(serviceName: "UNKNOWN", instanceName: "UNKNOWN")
}
