import Receiver
import Testing

@testable import Analysis

@Suite("Service mapping, identities and tags (als-mxmesh.md §2.6, §3.1, §3.3, §3.5)")
struct ServiceMappingTests {
    /// The default mapping names the worked example's local node and peers (§3.5).
    @Test("the default mapping names the worked example's local node and peers (§3.5)")
    func workedExample() {
        let local: ProtoStruct = [
            "NAME": "reviews-v1-7d8f-abc", "NAMESPACE": "default",
            "LABELS": .structValue(["app": "reviews", "service.istio.io/canonical-name": "reviews"]),
        ]
        #expect(
            ServiceMapping.default.map(local)
                == ServiceIdentity(
                    serviceName: "reviews.default", instanceName: "reviews-v1-7d8f-abc",
                    tags: [(key: "pod", value: "reviews-v1-7d8f-abc"), (key: "namespace", value: "default")]))
        let b2: ProtoStruct = [
            "name": "productpage-v1-x", "namespace": "default", "service": "productpage",
            "workload": "productpage-v1", "type": "deployment",
        ]
        #expect(
            ServiceMapping.default.map(b2)
                == ServiceIdentity(
                    serviceName: "productpage.default", instanceName: "productpage-v1-x",
                    tags: [(key: "pod", value: "productpage-v1-x"), (key: "namespace", value: "default")]))
    }

    /// Tags: pod then namespace, case-insensitive, only for keys that exist, non-strings as "".
    @Test("tags: pod then namespace, case-insensitive, only for keys that exist, non-strings as \"\"")
    func tags() {
        #expect(ServiceIdentity.tags(of: [:]).isEmpty)
        let namespaceOnly = ServiceIdentity.tags(of: ["namespace": "ns", "other": "x"])
        #expect(namespaceOnly.map(\.key) == ["namespace"] && namespaceOnly.map(\.value) == ["ns"])
        let both = ServiceIdentity.tags(of: ["Namespace": "ns", "NaMe": 3])
        #expect(both.map(\.key) == ["pod", "namespace"] && both.map(\.value) == ["", "ns"])
        #expect(ServiceMapping.default.map([:]) == ServiceIdentity(serviceName: "-.-", instanceName: "-"))
    }

    /// UNKNOWN is UNKNOWN/UNKNOWN without tags (§2.6).
    @Test("UNKNOWN is UNKNOWN/UNKNOWN without tags (§2.6)")
    func unknown() {
        #expect(ServiceIdentity.unknown.serviceName == "UNKNOWN")
        #expect(ServiceIdentity.unknown.instanceName == "UNKNOWN")
        #expect(ServiceIdentity.unknown.tags.isEmpty)
    }

    /// The default mapping is SkyWalking's shipped file.
    @Test("the default mapping is SkyWalking's shipped file")
    func defaults() throws {
        #expect(
            ServiceMapping.default.serviceName?.source
                == #"${LABELS."service.istio.io/canonical-name",LABELS."app.kubernetes.io/name",LABELS.app,LABELS.k8s-app,SERVICE}.${NAMESPACE}"#
        )
        #expect(ServiceMapping.default.serviceInstanceName?.source == "${NAME}")
        let shipped = """
            serviceName: ${LABELS."service.istio.io/canonical-name",LABELS."app.kubernetes.io/name",LABELS.app,LABELS.k8s-app,SERVICE}.${NAMESPACE}
            serviceInstanceName: ${NAME}
            """
        #expect(try ServiceMapping(yaml: shipped) == ServiceMapping.default)
    }

    /// The e2e override loads from YAML and applies with either trailing-literal setting.
    @Test("the e2e override loads from YAML and applies with either trailing-literal setting")
    func e2eYAML() throws {
        let yaml = """
            # helm oap.config
            serviceName: e2e::${LABELS."service.istio.io/canonical-name",SERVICE}
            serviceInstanceName: ${NAME}
            """
        let peer: ProtoStruct = [
            "NAME": "details-v1-y", "LABELS": .structValue(["service.istio.io/canonical-name": "details"]),
        ]
        for keeps in [true, false] {
            let mapping = try ServiceMapping(yaml: yaml, keepsTrailingLiteral: keeps)
            #expect(mapping.map(peer).serviceName == "e2e::details")
            #expect(mapping.map(peer).instanceName == "details-v1-y")
        }
    }

    /// A field the file omits stays unset; a literal-only template is unset under OAP's quirk.
    @Test("a field the file omits stays unset; a literal-only template is unset under OAP's quirk")
    func unsetFields() throws {
        let mapping = try ServiceMapping(yaml: "serviceName: ${NAME}-svc\n")
        #expect(mapping.serviceInstanceName == nil)
        #expect(
            mapping.map(["NAME": "p"]) == ServiceIdentity(serviceName: "p-svc", instanceName: "", tags: [("pod", "p")]))
        let quirky = try ServiceMapping(
            yaml: "serviceName: ${NAME}-svc\nserviceInstanceName: fixed\n", keepsTrailingLiteral: false)
        #expect(quirky.map(["NAME": "p"]).serviceName == "p")
        #expect(quirky.map(["NAME": "p"]).instanceName == "")
    }

    /// Bad mapping files fail with a clear AnalysisConfigurationError.
    @Test("bad mapping files fail with a clear AnalysisConfigurationError")
    func badFiles() {
        func error(_ yaml: String) -> AnalysisConfigurationError? {
            do {
                _ = try ServiceMapping(yaml: yaml)
                return nil
            } catch {
                return error
            }
        }
        guard case .malformedYAML = error("serviceName: [unclosed") else {
            Issue.record("expected malformedYAML")
            return
        }
        #expect(
            error("serviceNames: ${NAME}")
                == .invalidValue(
                    source: "metadata-service-mapping.yaml", path: "serviceNames",
                    reason: "unknown field; expected serviceName or serviceInstanceName"))
        #expect(
            error("serviceName:\n  - a\n")
                == .invalidValue(
                    source: "metadata-service-mapping.yaml", path: "serviceName", reason: "expected a string"))
        #expect(error("serviceName:\n") != nil)
        #expect(error("- a\n") != nil)
        #expect(error("") != nil)
        let long = "serviceName: " + String(repeating: "${A}", count: 100)
        guard case .invalidTemplate = error(long) else {
            Issue.record("expected invalidTemplate")
            return
        }
        #expect(error(long)?.description.contains("placeholders") == true)
    }
}
