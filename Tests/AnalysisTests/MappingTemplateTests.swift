import Receiver
import Testing

@testable import Analysis

@Suite("Mapping templates of metadata-service-mapping.yaml (als-mxmesh.md §3.1)")
struct MappingTemplateTests {
    /// A template compiled with the defaults, for tests whose templates are valid.
    private func template(_ text: String, keepsTrailingLiteral: Bool = true) throws -> MappingTemplate {
        try MappingTemplate(text, keepsTrailingLiteral: keepsTrailingLiteral)
    }

    /// Local node metadata of the reviews pod, as in the worked example (§3.5).
    private let reviewsNode: ProtoStruct = [
        "NAME": "reviews-v1-7d8f-abc", "NAMESPACE": "default", "CLUSTER_ID": "Kubernetes",
        "LABELS": .structValue(["app": "reviews", "service.istio.io/canonical-name": "reviews"]),
    ]

    /// The unit-test cases of §3.1: fixed--, productpage-Kubernetes.
    @Test("the unit-test cases of §3.1: fixed--, productpage-Kubernetes")
    func documentedCases() throws {
        #expect(try self.template(#"fixed-${LABELS."a",LABELS."b"}"#).evaluate(self.reviewsNode) == "fixed--")
        let peer: ProtoStruct = [
            "CLUSTER_ID": "Kubernetes",
            "LABELS": .structValue(["service.istio.io/canonical-name": "productpage"]),
        ]
        let text = #"${LABELS."service.istio.io/canonical-name"}-${CLUSTER_ID}"#
        #expect(try self.template(text).evaluate(peer) == "productpage-Kubernetes")
        #expect(try self.template(text, keepsTrailingLiteral: false).evaluate(peer) == "productpage-Kubernetes")
    }

    /// The default serviceName template tries canonical-name, app.kubernetes.io/name, app, k8s-app, SERVICE.
    @Test("the default serviceName template tries canonical-name, app.kubernetes.io/name, app, k8s-app, SERVICE")
    func defaultCandidatesInOrder() throws {
        let template = try self.template(ServiceMapping.defaultServiceNameTemplate)
        func labels(_ labels: ProtoStruct, service: String? = nil) -> ProtoStruct {
            var root: ProtoStruct = ["NAMESPACE": "ns", "LABELS": .structValue(labels)]
            if let service { root.fields.append((key: "service", value: .string(service))) }
            return root
        }
        let all: ProtoStruct = [
            "k8s-app": "e", "app": "d", "app.kubernetes.io/name": "c", "service.istio.io/canonical-name": "b",
        ]
        #expect(template.evaluate(labels(all, service: "f")) == "b.ns")
        #expect(template.evaluate(labels(["k8s-app": "e", "app": "d", "app.kubernetes.io/name": "c"])) == "c.ns")
        #expect(template.evaluate(labels(["k8s-app": "e", "app": "d"])) == "d.ns")
        #expect(template.evaluate(labels(["k8s-app": "e"], service: "f")) == "e.ns")
        #expect(template.evaluate(labels([:], service: "f")) == "f.ns")
        #expect(template.evaluate(labels([:])) == "-.ns")
    }

    /// An empty Struct maps to -.- and its instance to -.
    @Test("an empty Struct maps to -.- and its instance to -")
    func emptyStruct() throws {
        #expect(try self.template(ServiceMapping.defaultServiceNameTemplate).evaluate([:]) == "-.-")
        #expect(try self.template("${NAME}").evaluate([:]) == "-")
    }

    /// The e2e template names b1 and b2 peers alike (§3.2(b)).
    @Test("the e2e template names b1 and b2 peers alike (§3.2(b))")
    func e2eTemplateOnBothLayouts() throws {
        let template = try self.template(#"e2e::${LABELS."service.istio.io/canonical-name",SERVICE}"#)
        let b1: ProtoStruct = [
            "NAME": "productpage-v1-x", "NAMESPACE": "default", "WORKLOAD_NAME": "productpage-v1",
            "LABELS": .structValue(["service.istio.io/canonical-name": "productpage", "app": "productpage"]),
        ]
        let b2: ProtoStruct = [
            "name": "productpage-v1-x", "namespace": "default", "service": "productpage",
            "workload": "productpage-v1", "type": "deployment",
        ]
        #expect(template.evaluate(b1) == "e2e::productpage")
        #expect(template.evaluate(b2) == "e2e::productpage")
        let defaultTemplate = try self.template(ServiceMapping.defaultServiceNameTemplate)
        #expect(defaultTemplate.evaluate(b1) == "productpage.default")
        #expect(defaultTemplate.evaluate(b2) == "productpage.default")
        #expect(try self.template("${NAME}").evaluate(b2) == "productpage-v1-x")
    }

    /// Keys match ignoring case; of keys differing only in case the last one wins.
    @Test("keys match ignoring case; of keys differing only in case the last one wins")
    func caseInsensitiveLookup() throws {
        let name = try self.template("${NAME}")
        #expect(name.evaluate(["name": "a", "NAME": "b"]) == "b")
        #expect(name.evaluate(["NAME": "b", "Name": "c", "name": "a"]) == "a")
        #expect(try self.template("${labels.APP}").evaluate(["LABELS": .structValue(["App": "x"])]) == "x")
        #expect(try self.template("${ÄPP}").evaluate(["äpp": "umlaut"]) == "umlaut")
        #expect(try self.template("${äpp}").evaluate(["ÄPP": "upper"]) == "upper")
        #expect(try self.template("${NAMES}").evaluate(["name": "a"]) == "-")
        #expect(try self.template("${NAME}").evaluate(["names": "a"]) == "-")
    }

    /// Only string values count; a non-Struct on the way reads as an empty Struct.
    @Test("only string values count; a non-Struct on the way reads as an empty Struct")
    func nonStringValues() throws {
        let name = try self.template("${NAME,SERVICE}")
        #expect(name.evaluate(["NAME": 42, "SERVICE": "s"]) == "s")
        #expect(name.evaluate(["NAME": true]) == "-")
        #expect(name.evaluate(["NAME": .null]) == "-")
        #expect(name.evaluate(["NAME": ["a"]]) == "-")
        #expect(name.evaluate(["NAME": .structValue(["x": "y"])]) == "-")
        let app = try self.template("${LABELS.app}")
        #expect(app.evaluate(["LABELS": "app=x"]) == "-")
        #expect(app.evaluate(["LABELS": .structValue(["app": .structValue(["app": "x"])])]) == "-")
        #expect(app.evaluate(["LABELS": .list([.structValue(["app": "x"])])]) == "-")
    }

    /// "" and "-" are unresolved: the next candidate is tried.
    @Test("\"\" and \"-\" are unresolved: the next candidate is tried")
    func emptyAndDashFallThrough() throws {
        let template = try self.template("${A,B,C}")
        #expect(template.evaluate(["A": "", "B": "-", "C": "c"]) == "c")
        #expect(template.evaluate(["A": "", "B": "-"]) == "-")
    }

    /// Literal text after the last placeholder is kept, or dropped as OAP does.
    @Test("literal text after the last placeholder is kept, or dropped as OAP does")
    func trailingLiteral() throws {
        let node: ProtoStruct = ["NAME": "pod"]
        #expect(try self.template("${NAME}-x").evaluate(node) == "pod-x")
        #expect(try self.template("${NAME}-x", keepsTrailingLiteral: false).evaluate(node) == "pod")
        #expect(try self.template("a${NAME}b${NAME}c", keepsTrailingLiteral: false).evaluate(node) == "apodbpod")
        #expect(try self.template("fixed").evaluate(node) == "fixed")
        #expect(try self.template("fixed", keepsTrailingLiteral: false).evaluate(node) == "")
        #expect(try self.template("").evaluate(node) == "")
    }

    /// A placeholder needs a body on one line and ends at the first } after it.
    @Test("a placeholder needs a body on one line and ends at the first } after it")
    func placeholderSyntax() throws {
        let node: ProtoStruct = ["NAME": "pod", "}": "brace"]
        #expect(try self.template("a${}b").evaluate(node) == "a${}b")
        #expect(try self.template("a${}b", keepsTrailingLiteral: false).evaluate(node) == "")
        #expect(try self.template("${NAME").evaluate(node) == "${NAME")
        #expect(try self.template("${NA\nME}").evaluate(node) == "${NA\nME}")
        #expect(try self.template("${NA\u{2028}ME}x${NAME}").evaluate(node) == "${NA\u{2028}ME}xpod")
        #expect(try self.template("${}}").evaluate(node) == "brace")
        #expect(try self.template("$${NAME}}").evaluate(node) == "$pod}")
        #expect(try self.template("${NAME}${NAME}").placeholderCount == 2)
    }

    /// Candidates split on commas and paths on dots, empty items dropped, quoted segments joined.
    @Test("candidates split on commas and paths on dots, empty items dropped, quoted segments joined")
    func pathSyntax() throws {
        let node: ProtoStruct = [
            "NAME": "pod",
            "LABELS": .structValue(["a.b.c": "dotted", "app": "x", "\"q\"": "never"]),
        ]
        #expect(try self.template("${,NAME,,}").evaluate(node) == "pod")
        #expect(try self.template("${,}").evaluate(node) == "-")
        #expect(try self.template(#"${LABELS."a.b.c"}"#).evaluate(node) == "dotted")
        #expect(try self.template(#"${LABELS."a.b.c}"#).evaluate(node) == "dotted")
        #expect(try self.template("${LABELS..app.}").evaluate(node) == "x")
        #expect(try self.template(#"${LABELS."app"}"#).evaluate(node) == "x")
        #expect(try self.template("${.}").evaluate(node) == "-")
        #expect(try self.template("${ NAME}").evaluate(node) == "-")
    }

    /// Templates over the limits are rejected with invalidTemplate.
    @Test("templates over the limits are rejected with invalidTemplate")
    func limits() {
        var limits = NamingLimits()
        limits.maxTemplateLength = 8
        limits.maxPlaceholders = 2
        limits.maxCandidates = 2
        limits.maxPathSegments = 2
        #expect(throws: AnalysisConfigurationError.self) { try MappingTemplate("${NAME}-xyz", limits: limits) }
        #expect(throws: AnalysisConfigurationError.self) { try MappingTemplate("${A}${B}${C}", limits: limits) }
        #expect(throws: AnalysisConfigurationError.self) { try MappingTemplate("${A,B,C}", limits: limits) }
        #expect(throws: AnalysisConfigurationError.self) { try MappingTemplate("${A.B.C}", limits: limits) }
        #expect((try? MappingTemplate("${A}${B}", limits: limits)) != nil)
    }

    /// ASCII keys compare without lower-casing; non-ASCII falls back to lowercased().
    @Test("ASCII keys compare without lower-casing; non-ASCII falls back to lowercased()")
    func keyComparison() {
        #expect(ProtoStruct.key("NAMESPACE", equalsLowered: "namespace"))
        #expect(!ProtoStruct.key("NAMESPACE", equalsLowered: "name"))
        #expect(!ProtoStruct.key("NAME", equalsLowered: "namespace"))
        #expect(!ProtoStruct.key("[", equalsLowered: "{"))
        #expect(!ProtoStruct.key("@", equalsLowered: "`"))
        #expect(ProtoStruct.key("", equalsLowered: ""))
        #expect(ProtoStruct.key("ÉTÉ", equalsLowered: "été"))
        #expect(!ProtoStruct.key("ÉTÉ", equalsLowered: "ete"))
        #expect(ProtoStruct.key("XÉ", equalsLowered: "xé"))
    }
}
