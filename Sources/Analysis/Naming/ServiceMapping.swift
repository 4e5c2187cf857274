import Receiver

/// OAP's `metadata-service-mapping.yaml`: the two templates that name a service and its instance from Istio
/// metadata (als-mxmesh.md §3.1), applied alike to the local node and to every peer (§2.4, §3.2).
///
/// Compile once (at start-up), then `map(_:)` per Struct; the analyzer caches results per peer payload.
package struct ServiceMapping: Sendable, Equatable {
    /// SkyWalking's shipped `serviceName` template.
    package static let defaultServiceNameTemplate =
        #"${LABELS."service.istio.io/canonical-name",LABELS."app.kubernetes.io/name",LABELS.app,LABELS.k8s-app,SERVICE}.${NAMESPACE}"#
    /// SkyWalking's shipped `serviceInstanceName` template.
    package static let defaultInstanceNameTemplate = "${NAME}"
    /// The YAML keys of the two target fields (OAP: the `ServiceMetaInfo` setters).
    private static let serviceNameKey = "serviceName"
    private static let instanceNameKey = "serviceInstanceName"

    /// SkyWalking's shipped mapping (it has no trailing literal, so `keepsTrailingLiteral` does not matter).
    package static let `default`: ServiceMapping = {
        do {
            return try ServiceMapping()
        } catch {
            preconditionFailure("the default mapping templates compile: \(error)")
        }
    }()

    /// The `serviceName` template; `nil` when the file does not set it (the name is then "").
    package let serviceName: MappingTemplate?
    /// The `serviceInstanceName` template; `nil` when the file does not set it.
    package let serviceInstanceName: MappingTemplate?

    /// Compiles a mapping from template texts, SkyWalking's defaults unless given; `nil` leaves a field unset.
    ///
    /// - Throws: `invalidTemplate` when a template exceeds `limits`.
    package init(
        serviceName: String? = ServiceMapping.defaultServiceNameTemplate,
        serviceInstanceName: String? = ServiceMapping.defaultInstanceNameTemplate,
        keepsTrailingLiteral: Bool = true, limits: NamingLimits = NamingLimits()
    ) throws(AnalysisConfigurationError) {
        self.serviceName = try serviceName.map { template throws(AnalysisConfigurationError) in
            try MappingTemplate(template, keepsTrailingLiteral: keepsTrailingLiteral, limits: limits)
        }
        self.serviceInstanceName = try serviceInstanceName.map { template throws(AnalysisConfigurationError) in
            try MappingTemplate(template, keepsTrailingLiteral: keepsTrailingLiteral, limits: limits)
        }
    }

    /// Loads a mapping from the text of a `metadata-service-mapping.yaml` (als-mxmesh.md §3.1): a mapping with
    /// `serviceName` and/or `serviceInstanceName`, each a template string. A key the file omits stays unset, as in
    /// OAP.
    ///
    /// - Throws: `malformedYAML`; `invalidValue` for an empty document, a non-mapping, a non-string template or
    ///   another key (OAP has no other target field); `invalidTemplate`.
    package init(
        yaml: String, source: String = "metadata-service-mapping.yaml", keepsTrailingLiteral: Bool = true,
        limits: NamingLimits = NamingLimits()
    ) throws(AnalysisConfigurationError) {
        let document = try ConfigurationDocument(yaml, source: source, limits: limits)
        guard let root = document.root else {
            throw document.invalid("(document)", "empty; expected serviceName and serviceInstanceName")
        }
        var serviceName: String?
        var instanceName: String?
        for (key, value) in try document.mapping(root, at: "(document)") {
            let name = try document.string(key, at: "(key)")
            switch name {
            case Self.serviceNameKey: serviceName = try document.string(value, at: name)
            case Self.instanceNameKey: instanceName = try document.string(value, at: name)
            default: throw document.invalid(name, "unknown field; expected serviceName or serviceInstanceName")
            }
        }
        try self.init(
            serviceName: serviceName, serviceInstanceName: instanceName, keepsTrailingLiteral: keepsTrailingLiteral,
            limits: limits)
    }

    /// The identity `metadata` maps to: both templates evaluated (als-mxmesh.md §3.1) and the tags (§3.3).
    package func map(_ metadata: ProtoStruct) -> ServiceIdentity {
        ServiceIdentity(
            serviceName: self.serviceName?.evaluate(metadata) ?? "",
            instanceName: self.serviceInstanceName?.evaluate(metadata) ?? "",
            tags: ServiceIdentity.tags(of: metadata))
    }
}
