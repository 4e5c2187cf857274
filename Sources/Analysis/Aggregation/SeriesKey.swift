/// One series-minute of an aggregation shard: scope, minute and the interned ids of its names
/// (``ShardNames``), two words per side, so hashing and comparing never touch a string.
struct SeriesKey: Hashable {
    /// The minute bucket (`yyyyMMddHHmm`).
    var minute: Int64
    /// The scope.
    var scope: MetricScope
    /// Destination service id (high half) and instance or endpoint id (low half), per scope.
    var destination: UInt64
    /// Source service id (high half) and instance id (low half), relations only.
    var source: UInt64

    /// A key from ids; unused ones are 0.
    init(
        _ scope: MetricScope, _ minute: Int64, service: UInt32, member: UInt32 = 0, sourceService: UInt32 = 0,
        sourceInstance: UInt32 = 0
    ) {
        self.minute = minute
        self.scope = scope
        self.destination = UInt64(service) << 32 | UInt64(member)
        self.source = UInt64(sourceService) << 32 | UInt64(sourceInstance)
    }

    /// The destination (or only) service's id.
    var service: UInt32 { UInt32(truncatingIfNeeded: self.destination >> 32) }
    /// The instance or endpoint id.
    var member: UInt32 { UInt32(truncatingIfNeeded: self.destination) }
    /// The source service's id.
    var sourceService: UInt32 { UInt32(truncatingIfNeeded: self.source >> 32) }
    /// The source instance's id.
    var sourceInstance: UInt32 { UInt32(truncatingIfNeeded: self.source) }

    /// The entity names of this key in `names`.
    func entity(in names: ShardNames) -> EntityKey {
        let service = names.services[Int(self.service)]
        switch self.scope {
        case .service:
            return EntityKey(service: service)
        case .instance:
            return EntityKey(service: service, instance: names.instances[Int(self.member)].name)
        case .endpoint:
            return EntityKey(service: service, endpoint: names.endpoints[Int(self.member)].name)
        case .serviceRelationClient, .serviceRelationServer:
            return EntityKey(service: service, sourceService: names.services[Int(self.sourceService)])
        case .instanceRelationClient, .instanceRelationServer:
            return EntityKey(
                service: service, instance: names.instances[Int(self.member)].name,
                sourceService: names.services[Int(self.sourceService)],
                sourceInstance: names.instances[Int(self.sourceInstance)].name)
        }
    }
}
