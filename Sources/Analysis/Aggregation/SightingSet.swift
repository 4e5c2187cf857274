/// A service, instance or endpoint sighting of an ``AggregationSnapshot``: several sightings of the same thing
/// combine into one.
protocol Sighting: Sendable {
    /// What identifies the thing seen.
    var sightingKey: SightingKey { get }
    /// Widens this sighting by `other`, a sighting of the same thing seen later: first = min, last = max, and
    /// for instances later property values win.
    mutating func absorb(_ other: Self)
}

/// The identity of a sighting: a name within a parent (an instance's or endpoint's service; a service's layer).
struct SightingKey: Hashable, Sendable {
    /// The service (instances, endpoints) or the layer (services).
    var parent: String
    /// The name.
    var name: String
}

/// Sightings in first-seen order, each thing once: what the merge of shard snapshots builds
/// (``AggregationSnapshot/init(merging:)``; a shard itself keeps its sightings by id in ``SightingTable``s).
struct SightingSet<Value: Sighting>: Sendable {
    private var positions: [SightingKey: Int] = [:]
    /// The sightings, in first-seen order.
    private(set) var values: [Value] = []

    /// An empty set.
    init() {}

    /// Adds `sighting`, absorbing it into an earlier one of the same thing.
    mutating func add(_ sighting: Value) {
        let key = sighting.sightingKey
        if let position = self.positions[key] {
            self.values[position].absorb(sighting)
        } else {
            self.positions[key] = self.values.count
            self.values.append(sighting)
        }
    }

}

extension AggregationSnapshot.ServiceSighting: Sighting {
    /// The layer and name.
    var sightingKey: SightingKey { SightingKey(parent: self.layer, name: self.name) }

    /// First = min, last = max.
    mutating func absorb(_ other: Self) {
        self.firstMinute = min(self.firstMinute, other.firstMinute)
        self.lastMinute = max(self.lastMinute, other.lastMinute)
    }
}

extension AggregationSnapshot.InstanceSighting: Sighting {
    /// The service and name.
    var sightingKey: SightingKey { SightingKey(parent: self.service, name: self.name) }

    /// First = min, last = max; properties merged key by key, `other`'s values winning, new keys appended.
    mutating func absorb(_ other: Self) {
        self.firstMinute = min(self.firstMinute, other.firstMinute)
        self.lastMinute = max(self.lastMinute, other.lastMinute)
        Self.merge(other.properties, into: &self.properties)
    }

    /// Merges `properties` into `target` key by key: a key already there takes the new value in place, a new key
    /// is appended (OAP's `ServiceInstanceUpdate`: later keys overwrite earlier ones, als-mxmesh.md §4.11). Shared
    /// by the merge of shard snapshots and a shard merging the tags of several identities of one instance.
    static func merge(_ properties: [(key: String, value: String)], into target: inout [(key: String, value: String)]) {
        for property in properties {
            if let index = target.firstIndex(where: { $0.key == property.key }) {
                target[index].value = property.value
            } else {
                target.append(property)
            }
        }
    }
}

extension AggregationSnapshot.EndpointSighting: Sighting {
    /// The service and name.
    var sightingKey: SightingKey { SightingKey(parent: self.service, name: self.name) }

    /// First = min, last = max.
    mutating func absorb(_ other: Self) {
        self.firstMinute = min(self.firstMinute, other.firstMinute)
        self.lastMinute = max(self.lastMinute, other.lastMinute)
    }
}
