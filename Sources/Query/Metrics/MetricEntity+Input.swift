import GraphQL

extension MetricEntity {
    /// The entity of an `Entity` input object (query-protocol.md §2.4); `scope` and the process names are ignored
    /// (the scope comes from the metric's name, processes are not fed by ALS). A missing or null input is the empty
    /// entity, which is complete for no scope and is a global top N's parent.
    package init(input: InputValue?) {
        func string(_ name: String) -> String? { input?[name]?.stringValue }
        func flag(_ name: String) -> Bool? { input?[name]?.boolValue }
        self.init(
            serviceName: string("serviceName"), normal: flag("normal"),
            serviceInstanceName: string("serviceInstanceName"), endpointName: string("endpointName"),
            destServiceName: string("destServiceName"), destNormal: flag("destNormal"),
            destServiceInstanceName: string("destServiceInstanceName"), destEndpointName: string("destEndpointName"))
    }
}
