import Testing

@testable import Analysis

@Suite("Endpoint grouping and apdex thresholds from OAP's YAML files (als-mxmesh.md §4.5, §5.3)")
struct EndpointGroupingTests {
    static let grouping = """
        grouping:
          # Endpoints of serviceA follow these rules, in order.
          - service-name: serviceA
            rules:
              - endpoint-name: GET:/prod/{id}
                regex: GET:\\/prod\\/[0-9]+
              - endpoint-name: /prod/{any}
                regex: .*\\/prod\\/.+
          - service-name: e2e::reviews
            rules:
              - endpoint-name: GET:/reviews/{id}
                regex: GET:/reviews/(\\d+)
          - service-name: serviceA
            rules:
              - endpoint-name: late
                regex: .*
        """

    /// The first rule whose regex matches the whole endpoint wins, per destination service.
    @Test("the first rule whose regex matches the whole endpoint wins, per destination service")
    func firstFullMatchWins() throws {
        let grouping = try EndpointGrouping(yaml: Self.grouping)
        #expect(grouping.ruleCount == 4)
        #expect(grouping.group(endpoint: "GET:/prod/123", service: "serviceA") == "GET:/prod/{id}")
        #expect(grouping.group(endpoint: "POST:/prod/123", service: "serviceA") == "/prod/{any}")
        #expect(grouping.group(endpoint: "GET:/prod/12x", service: "serviceA") == "/prod/{any}")
        #expect(grouping.group(endpoint: "GET:/other", service: "serviceA") == "late")
        #expect(grouping.group(endpoint: "GET:/reviews/0", service: "e2e::reviews") == "GET:/reviews/{id}")
        #expect(grouping.group(endpoint: "GET:/reviews/0?x=1", service: "e2e::reviews") == "GET:/reviews/0?x=1")
        #expect(grouping.group(endpoint: "xGET:/reviews/0", service: "e2e::reviews") == "xGET:/reviews/0")
        #expect(grouping.groupName(endpoint: "GET:/prod/1", service: "serviceB") == nil)
        #expect(grouping.groupName(endpoint: "", service: "serviceA") == nil)
        #expect(grouping.groupName(endpoint: "GET:/prod/1", service: "") == nil)
        #expect(grouping.rules(for: "serviceA").map(\.groupName) == ["GET:/prod/{id}", "/prod/{any}", "late"])
    }

    /// No file, an empty file or an empty grouping list means no grouping.
    @Test("no file, an empty file or an empty grouping list means no grouping")
    func emptyConfigurations() throws {
        #expect(EndpointGrouping().isEmpty)
        #expect(try EndpointGrouping(yaml: "").isEmpty)
        #expect(try EndpointGrouping(yaml: "grouping:\n").isEmpty)
        #expect(try EndpointGrouping(yaml: "grouping: []\n").group(endpoint: "GET:/", service: "s") == "GET:/")
    }

    /// Rules added in code behave as loaded ones.
    @Test("rules added in code behave as loaded ones")
    func addRule() throws {
        var grouping = EndpointGrouping()
        try grouping.addRule(service: "s", groupName: "/user/{id}", pattern: "/user/.+")
        #expect(grouping.group(endpoint: "/user/42", service: "s") == "/user/{id}")
        #expect(grouping.group(endpoint: "/users", service: "s") == "/users")
    }

    /// Bad grouping files name the YAML path of the problem.
    @Test("bad grouping files name the YAML path of the problem")
    func badGroupingFiles() {
        func error(_ yaml: String, limits: NamingLimits = NamingLimits()) -> AnalysisConfigurationError? {
            do {
                _ = try EndpointGrouping(yaml: yaml, limits: limits)
                return nil
            } catch {
                return error
            }
        }
        let source = "endpoint-name-grouping.yml"
        let badRegex =
            "grouping:\n  - service-name: a\n    rules:\n      - endpoint-name: x\n        regex: '(unclosed'\n"
        guard case .invalidValue(source, "grouping[0].rules[0].regex", let reason) = error(badRegex) else {
            Issue.record("expected an invalid regex")
            return
        }
        #expect(reason.contains("(unclosed"))
        #expect(
            error("grouping:\n  - rules: []\n")
                == .invalidValue(source: source, path: "grouping[0]", reason: "missing service-name"))
        #expect(
            error("grouping:\n  - service-name: a\n    rules:\n      - regex: x\n")
                == .invalidValue(source: source, path: "grouping[0].rules[0]", reason: "missing endpoint-name"))
        #expect(
            error("groups: []\n")
                == .invalidValue(source: source, path: "groups", reason: "unknown field; expected grouping"))
        #expect(error("grouping: 3\n") == .invalidValue(source: source, path: "grouping", reason: "expected a list"))
        var limits = NamingLimits()
        limits.maxGroupingRules = 3
        #expect(error(Self.grouping, limits: limits) != nil)
        limits = NamingLimits()
        limits.maxRegexLength = 4
        #expect(error(Self.grouping, limits: limits) != nil)
        limits = NamingLimits()
        limits.maxConfigurationBytes = 10
        guard case .malformedYAML = error(Self.grouping, limits: limits) else {
            Issue.record("expected malformedYAML for an oversized file")
            return
        }
    }

    /// Apdex thresholds: the service's own, else default, else 500.
    @Test("apdex thresholds: the service's own, else default, else 500")
    func apdexThresholds() throws {
        let thresholds = try ApdexThresholds(yaml: "default: 300\ne2e::productpage: 1000\n\"quoted\": \"200\"\n")
        #expect(thresholds.threshold(for: "e2e::productpage") == 1000)
        #expect(thresholds.threshold(for: "quoted") == 200)
        #expect(thresholds.threshold(for: "other") == 300)
        #expect(try ApdexThresholds(yaml: "a: 10\n").threshold(for: "b") == 500)
        #expect(try ApdexThresholds(yaml: "") == ApdexThresholds())
        #expect(ApdexThresholds().threshold(for: "x") == ApdexThresholds.shippedDefault)
    }

    /// Apdex thresholds reject non-integers, negatives and non-mappings.
    @Test("apdex thresholds reject non-integers, negatives and non-mappings")
    func badApdexFiles() {
        let source = "service-apdex-threshold.yml"
        let reason = "expected a non-negative number of milliseconds"
        #expect(throws: AnalysisConfigurationError.invalidValue(source: source, path: "a", reason: reason)) {
            try ApdexThresholds(yaml: "a: fast\n")
        }
        #expect(throws: AnalysisConfigurationError.invalidValue(source: source, path: "default", reason: reason)) {
            try ApdexThresholds(yaml: "default: -1\n")
        }
        #expect(throws: AnalysisConfigurationError.invalidValue(source: source, path: "a", reason: reason)) {
            try ApdexThresholds(yaml: "a: 1.5\n")
        }
        #expect(throws: AnalysisConfigurationError.self) { try ApdexThresholds(yaml: "- 500\n") }
        #expect(throws: AnalysisConfigurationError.self) { try ApdexThresholds(yaml: "a: [1]\n") }
    }
}
