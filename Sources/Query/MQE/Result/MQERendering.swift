import GraphQL

/// An MQE outcome as the GraphQL `ExpressionResult` (query-protocol.md §3.1): `type`, `results` (`metric.labels` as
/// `KeyValue`s, `values` with `id`, `value` rendered by ``MQEValueFormat``, `owner`, `traceID: null`), `error`,
/// `debuggingTrace: null`.
///
/// A failure is `{type: UNKNOWN, results: [], error}`; ``MQEResult/unknown`` (an entity incomplete for the
/// metric's scope) is `{type: UNKNOWN, results: [], error: null}` (§2.4).
package enum MQERendering {
    /// The `ExpressionResult` object of `outcome`.
    package static func expressionResult(_ outcome: Result<MQEResult, MQEError>) -> FieldValue {
        switch outcome {
        case .failure(let error):
            return self.object(type: .unknown, results: [], error: .string(error.description))
        case .success(let result):
            guard result.type != .unknown else { return self.object(type: .unknown, results: [], error: .null) }
            return self.object(type: result.type, results: result.series.map(self.series), error: .null)
        }
    }

    private static func object(type: MQEResultType, results: [FieldValue], error: FieldValue) -> FieldValue {
        .object([
            "type": FieldValue.enumValue(type.rawValue), "results": .list(results), "error": error,
            "debuggingTrace": .null,
        ])
    }

    private static func series(_ series: MQESeries) -> FieldValue {
        let labels = series.labels.map { label in
            FieldValue.object(["key": FieldValue.string(label.name), "value": .string(label.value)])
        }
        return .object([
            "metric": FieldValue.object(["labels": FieldValue.list(labels)]),
            "values": .list(series.values.map(self.value)),
        ])
    }

    private static func value(_ value: MQEValue) -> FieldValue {
        .object([
            "id": value.id.map(FieldValue.string) ?? .null,
            "value": value.value.map { .string(MQEValueFormat.text($0)) } ?? .null,
            "owner": value.owner.map(self.owner) ?? .null,
            "traceID": .null,
        ])
    }

    private static func owner(_ owner: MetricOwner) -> FieldValue {
        func optional(_ text: String?) -> FieldValue { text.map(FieldValue.string) ?? .null }
        return .object([
            "scope": FieldValue.enumValue(owner.scope.rawValue), "serviceID": .string(owner.serviceID),
            "serviceName": .string(owner.serviceName), "normal": .bool(owner.normal),
            "serviceInstanceID": optional(owner.serviceInstanceID),
            "serviceInstanceName": optional(owner.serviceInstanceName), "endpointID": optional(owner.endpointID),
            "endpointName": optional(owner.endpointName),
        ])
    }
}
