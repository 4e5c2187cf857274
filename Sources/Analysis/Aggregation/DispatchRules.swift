import Telemetry

/// Everything the dispatcher needs besides the metric itself: name limits, endpoint grouping and admission,
/// apdex thresholds (als-mxmesh.md §4.10, §4.11, §5.3). Shared by every shard.
package struct DispatchRules: Sendable {
    /// Limits and time zone.
    package var configuration: AggregationConfiguration
    /// The grouped name of an endpoint of a service (or the endpoint itself when no rule matches).
    package var groupEndpoint: @Sendable (_ service: String, _ endpoint: String) -> String
    /// The apdex threshold in ms of a service.
    package var apdexThreshold: @Sendable (_ service: String) -> Int64
    /// The per-service endpoint cap.
    package var admission: EndpointAdmission
    /// Counts calls folded into the overflow endpoint.
    package var foldedEndpointCalls: Counter?
    /// Counts what a full shard drops until its next drain: each update of a new series past
    /// `maxSeriesMinutesPerShard`, each call bringing a new identity past `maxNamesPerShard`, and each endpoint
    /// update whose new endpoint name found no room under `maxNamesPerShard`.
    package var droppedSeriesUpdates: Counter?

    /// Rules from their parts; by default no grouping and OAP's default apdex threshold (500 ms).
    package init(
        configuration: AggregationConfiguration = AggregationConfiguration(),
        groupEndpoint: @escaping @Sendable (String, String) -> String = { $1 },
        apdexThreshold: @escaping @Sendable (String) -> Int64 = { _ in 500 },
        foldedEndpointCalls: Counter? = nil, droppedSeriesUpdates: Counter? = nil
    ) {
        self.droppedSeriesUpdates = droppedSeriesUpdates
        self.configuration = configuration
        self.groupEndpoint = groupEndpoint
        self.apdexThreshold = apdexThreshold
        self.admission = EndpointAdmission(
            maxEndpointsPerService: configuration.maxEndpointsPerService,
            maxAdmittedEndpoints: configuration.maxAdmittedEndpoints)
        self.foldedEndpointCalls = foldedEndpointCalls
    }

    /// `name` cut to `maxLength` UTF-16 units (Java's `substring`), never splitting a scalar.
    package static func truncated(_ name: String, to maxLength: Int) -> String {
        guard name.utf16.count > maxLength else { return name }
        var length = 0
        var end = name.unicodeScalars.startIndex
        for scalar in name.unicodeScalars {
            let width = scalar.utf16.count
            guard length + width <= maxLength else { break }
            length += width
            end = name.unicodeScalars.index(after: end)
        }
        return String(name.unicodeScalars[..<end])
    }
}
