import Yams

/// OAP's custom endpoint-name grouping (`endpoint-name-grouping.yml`): per service, an ordered list of regular
/// expressions, each naming the group an endpoint that fully matches it belongs to (als-mxmesh.md §4.5).
///
/// The analyzer applies it to the endpoint (`GET:/reviews/0`) keyed by the **destination** service name, for
/// both detect points; no rules (the default) means no grouping. Patterns are Swift `Regex` syntax, which accepts
/// the Java patterns OAP files use (`\/prod\/.+`), matched over Unicode scalars as Java matches code points.
package struct EndpointGrouping: Sendable {
    /// One rule: endpoints whose whole name matches `regex` become `groupName`.
    package struct Rule: Sendable {
        /// The endpoint name of the group (`endpoint-name`), such as `/prod/{id}`.
        package let groupName: String
        /// The pattern text (`regex`).
        package let pattern: String
        /// The compiled pattern.
        let regex: CompiledRegex
    }

    /// A compiled pattern, shareable across tasks.
    ///
    /// `Regex` is not declared `Sendable` (its `Output`, here `AnyRegexOutput`, holds `Any` captures). Sharing
    /// this one is still safe: it is a value that is never mutated after `init`, which also runs one match so that
    /// the regex runtime's lazily compiled program exists before the value is shared (readers then only read it);
    /// every match creates its own output in the calling task and `groupName` returns plain strings, so no
    /// `AnyRegexOutput` crosses tasks.
    struct CompiledRegex: @unchecked Sendable {
        /// The regex.
        let regex: Regex<AnyRegexOutput>

        /// Wraps `regex`, compiling its program now.
        init(_ regex: Regex<AnyRegexOutput>) {
            self.regex = regex
            _ = try? regex.wholeMatch(in: "")
        }
    }

    /// The rules of each service, in file order.
    private var rulesByService: [String: [Rule]] = [:]
    /// The number of rules over all services.
    package private(set) var ruleCount = 0
    /// The limits in force.
    private let limits: NamingLimits

    /// No rules: every endpoint keeps its name.
    package init(limits: NamingLimits = NamingLimits()) {
        self.limits = limits
    }

    /// Loads rules from the text of an `endpoint-name-grouping.yml`:
    ///
    /// ```yaml
    /// grouping:
    ///   - service-name: serviceA
    ///     rules:
    ///       - endpoint-name: /prod/{id}
    ///         regex: \/prod\/.+
    /// ```
    ///
    /// Services listed twice have their rules appended in file order. An empty document or a missing `grouping`
    /// means no rules.
    ///
    /// - Throws: `malformedYAML`; `invalidValue` for a wrong shape, an unknown key, a missing field, a regex that
    ///   does not compile or is longer than `limits.maxRegexLength`, or more than `limits.maxGroupingRules` rules.
    package init(yaml: String, source: String = "endpoint-name-grouping.yml", limits: NamingLimits = NamingLimits())
        throws(AnalysisConfigurationError)
    {
        self.init(limits: limits)
        let document = try ConfigurationDocument(yaml, source: source, limits: limits)
        guard let root = document.root else { return }
        for (key, value) in try document.mapping(root, at: "(document)") {
            let name = try document.string(key, at: "(key)")
            guard name == "grouping" else { throw document.invalid(name, "unknown field; expected grouping") }
            for (serviceIndex, entry) in try document.sequence(value, at: "grouping").enumerated() {
                try self.load(entry, at: "grouping[\(serviceIndex)]", in: document)
            }
        }
    }

    /// Loads one `service-name` / `rules` entry.
    private mutating func load(_ entry: Node, at path: String, in document: ConfigurationDocument)
        throws(AnalysisConfigurationError)
    {
        var service: String?
        var rules: [Node] = []
        for (key, value) in try document.mapping(entry, at: path) {
            let name = try document.string(key, at: "\(path).(key)")
            switch name {
            case "service-name": service = try document.string(value, at: "\(path).service-name")
            case "rules": rules = try document.sequence(value, at: "\(path).rules")
            default: throw document.invalid("\(path).\(name)", "unknown field; expected service-name or rules")
            }
        }
        guard let service else { throw document.invalid(path, "missing service-name") }
        for (ruleIndex, rule) in rules.enumerated() {
            let rulePath = "\(path).rules[\(ruleIndex)]"
            var groupName: String?
            var pattern: String?
            for (key, value) in try document.mapping(rule, at: rulePath) {
                let name = try document.string(key, at: "\(rulePath).(key)")
                switch name {
                case "endpoint-name": groupName = try document.string(value, at: "\(rulePath).endpoint-name")
                case "regex": pattern = try document.string(value, at: "\(rulePath).regex")
                default: throw document.invalid("\(rulePath).\(name)", "unknown field; expected endpoint-name or regex")
                }
            }
            guard let groupName else { throw document.invalid(rulePath, "missing endpoint-name") }
            guard let pattern else { throw document.invalid(rulePath, "missing regex") }
            do throws(AnalysisConfigurationError) {
                try self.addRule(service: service, groupName: groupName, pattern: pattern)
            } catch .invalidValue(_, _, let reason) {
                throw document.invalid("\(rulePath).regex", reason)
            }
        }
    }

    /// Appends a rule for `service`: endpoints whose whole name matches `pattern` are named `groupName`.
    ///
    /// - Throws: `invalidValue` when the pattern does not compile, is longer than `maxRegexLength`, or the rule
    ///   would exceed `maxGroupingRules`.
    package mutating func addRule(service: String, groupName: String, pattern: String)
        throws(AnalysisConfigurationError)
    {
        let source = "endpoint grouping"
        guard self.ruleCount < self.limits.maxGroupingRules else {
            throw .invalidValue(
                source: source, path: service, reason: "more than \(self.limits.maxGroupingRules) grouping rules")
        }
        guard pattern.utf8.count <= self.limits.maxRegexLength else {
            throw .invalidValue(
                source: source, path: service, reason: "regex longer than \(self.limits.maxRegexLength) bytes")
        }
        let regex: CompiledRegex
        do {
            regex = CompiledRegex(try Regex(pattern).matchingSemantics(.unicodeScalar))
        } catch {
            throw .invalidValue(source: source, path: service, reason: "invalid regex '\(pattern)': \(error)")
        }
        self.rulesByService[service, default: []].append(Rule(groupName: groupName, pattern: pattern, regex: regex))
        self.ruleCount += 1
    }

    /// Whether there are no rules.
    package var isEmpty: Bool { self.ruleCount == 0 }

    /// The rules of `service`, in order.
    package func rules(for service: String) -> [Rule] {
        self.rulesByService[service] ?? []
    }

    /// The group of `endpoint` in `service`: the `groupName` of the first rule whose regex matches the whole
    /// endpoint name, or `nil` when none does, the service has no rules, or either name is empty (§4.5 step 3).
    package func groupName(endpoint: String, service: String) -> String? {
        guard !endpoint.isEmpty, !service.isEmpty, let rules = self.rulesByService[service] else { return nil }
        for rule in rules where (try? rule.regex.regex.wholeMatch(in: endpoint)) != nil {
            return rule.groupName
        }
        return nil
    }

    /// The name `endpoint` is recorded under in `service`: its group, or itself when no rule matches.
    package func group(endpoint: String, service: String) -> String {
        self.groupName(endpoint: endpoint, service: service) ?? endpoint
    }
}
