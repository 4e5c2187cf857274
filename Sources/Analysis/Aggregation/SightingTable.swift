/// The first and last minute each interned service, instance or endpoint was seen in since the last drain, in
/// first-seen order (the `*_traffic` sightings of als-mxmesh.md §5.1), kept in arrays indexed by id.
struct SightingTable {
    private var firstMinutes: [Int64] = []
    private var lastMinutes: [Int64] = []
    /// The ids seen since the last reset, in first-seen order.
    private(set) var order: [UInt32] = []

    /// Records that `id` was seen in `minute`; returns whether it is the first sighting since the last reset.
    @discardableResult
    mutating func see(_ id: UInt32, in minute: Int64) -> Bool {
        let index = Int(id)
        if index >= self.firstMinutes.count {
            let missing = index + 1 - self.firstMinutes.count
            self.firstMinutes.append(contentsOf: repeatElement(Int64.max, count: missing))
            self.lastMinutes.append(contentsOf: repeatElement(Int64.min, count: missing))
        }
        let isFirst = self.firstMinutes[index] == Int64.max
        if isFirst { self.order.append(id) }
        if minute < self.firstMinutes[index] { self.firstMinutes[index] = minute }
        if minute > self.lastMinutes[index] { self.lastMinutes[index] = minute }
        return isFirst
    }

    /// The first and last minute of `id`, which must have been seen since the last reset.
    func minutes(of id: UInt32) -> (first: Int64, last: Int64) {
        (self.firstMinutes[Int(id)], self.lastMinutes[Int(id)])
    }

    /// Forgets the sightings, keeping the arrays (their ids stay valid).
    mutating func reset() {
        for id in self.order {
            self.firstMinutes[Int(id)] = Int64.max
            self.lastMinutes[Int(id)] = Int64.min
        }
        self.order.removeAll(keepingCapacity: true)
    }

    /// Forgets everything, for when the ids themselves are dropped.
    mutating func removeAll() {
        self.firstMinutes.removeAll()
        self.lastMinutes.removeAll()
        self.order.removeAll()
    }
}
