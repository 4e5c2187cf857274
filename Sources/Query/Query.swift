/// SkyWalking's query protocol (and MQE) served through the GraphQL engine over the metric store.
///
/// Filled by the query-protocol issue; the namespace exists so the module graph is complete.
public enum Query {
    /// The OAP version whose query protocol this module follows.
    public static let protocolVersion = "10.4"
}
