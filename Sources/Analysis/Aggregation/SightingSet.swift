/// A service, instance or endpoint sighting of an ``AggregationSnapshot``: several sightings of the same thing
/// combine into one.
package protocol Sighting: Sendable {
    /// What identifies the thing seen.
    var sightingKey: SightingKey { get }
    /// Widens this sighting by `other`, a sighting of the same thing seen later: first = min, last = max, and
    /// for instances later property values win.
    mutating func absorb(_ other: Self)
}

/// The identity of a sighting: a name within a parent (an instance's or endpoint's service; a service's layer).
package struct SightingKey: Hashable, Sendable {
    /// The service (instances, endpoints) or the layer (services).
    package var parent: String
    /// The name.
    package var name: String
}

/// Sightings in first-seen order, each thing once: what both an aggregation shard and the merge of shard
/// snapshots build.
package struct SightingSet<Value: Sighting>: Sendable {
    private var positions: [SightingKey: Int] = [:]
    /// The sightings, in first-seen order.
    package private(set) var values: [Value] = []

    /// An empty set.
    package init() {}

    /// Adds `sighting`, absorbing it into an earlier one of the same thing.
    package mutating func add(_ sighting: Value) {
        let key = sighting.sightingKey
        if let position = self.positions[key] {
            self.values[position].absorb(sighting)
        } else {
            self.positions[key] = self.values.count
            self.values.append(sighting)
        }
    }

    /// Empties the set.
    package mutating func removeAll() {
        self.positions.removeAll()
        self.values.removeAll()
    }
}

extension AggregationSnapshot.ServiceSighting: Sighting {
    /// The layer and name.
    package var sightingKey: SightingKey { SightingKey(parent: self.layer, name: self.name) }

    /// First = min, last = max.
    package mutating func absorb(_ other: Self) {
        self.firstMinute = min(self.firstMinute, other.firstMinute)
        self.lastMinute = max(self.lastMinute, other.lastMinute)
    }
}

extension AggregationSnapshot.InstanceSighting: Sighting {
    /// The service and name.
    package var sightingKey: SightingKey { SightingKey(parent: self.service, name: self.name) }

    /// First = min, last = max; properties merged key by key, `other`'s values winning, new keys appended.
    package mutating func absorb(_ other: Self) {
        self.firstMinute = min(self.firstMinute, other.firstMinute)
        self.lastMinute = max(self.lastMinute, other.lastMinute)
        for property in other.properties {
            if let index = self.properties.firstIndex(where: { $0.key == property.key }) {
                self.properties[index].value = property.value
            } else {
                self.properties.append(property)
            }
        }
    }
}

extension AggregationSnapshot.EndpointSighting: Sighting {
    /// The service and name.
    package var sightingKey: SightingKey { SightingKey(parent: self.service, name: self.name) }

    /// First = min, last = max.
    package mutating func absorb(_ other: Self) {
        self.firstMinute = min(self.firstMinute, other.firstMinute)
        self.lastMinute = max(self.lastMinute, other.lastMinute)
    }
}
