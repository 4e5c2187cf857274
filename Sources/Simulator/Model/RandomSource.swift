import Glibc

/// The simulator's deterministic pseudo-random numbers: SplitMix64 (Steele, Lea, Flood, "Fast splittable
/// pseudorandom number generators", OOPSLA 2014), so one `--seed` gives the same mesh, call trees, failures
/// and latencies (not the same wall-clock times).
package struct RandomSource: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from `seed`.
    package init(seed: UInt64) {
        self.state = seed
    }

    /// The next 64 random bits.
    package mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = self.state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A uniform value in [0, 1).
    package mutating func unit() -> Double {
        Double(self.next() >> 11) * 0x1.0p-53
    }

    /// Whether an event of probability `probability` happens.
    package mutating func chance(_ probability: Double) -> Bool {
        self.unit() < probability
    }

    /// An exponentially distributed value with mean `mean` (Poisson inter-arrival times).
    package mutating func exponential(mean: Double) -> Double {
        -mean * log1p(-self.unit())
    }

    /// A log-normally distributed latency whose median is `median` and whose spread is `sigma` (service
    /// latencies are skewed: mostly near the median, with a long slow tail).
    package mutating func logNormal(median: Double, sigma: Double) -> Double {
        // Box–Muller: a standard normal from two uniforms.
        let u1 = max(self.unit(), 1e-12)
        let u2 = self.unit()
        let normal = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        return median * exp(sigma * normal)
    }

    /// A random element of a non-empty array.
    package mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[Int(self.next() % UInt64(elements.count))]
    }

    /// A random 32-digit hexadecimal string in UUID shape (an `x-request-id`).
    package mutating func requestID() -> String {
        let high = self.next()
        let low = self.next()
        let hex = String(high, radix: 16).leftPadded(to: 16) + String(low, radix: 16).leftPadded(to: 16)
        let characters = Array(hex)
        return String(characters[0..<8]) + "-" + String(characters[8..<12]) + "-" + String(characters[12..<16])
            + "-" + String(characters[16..<20]) + "-" + String(characters[20..<32])
    }
}

extension String {
    /// The string padded on the left with zeros to `length` characters.
    fileprivate func leftPadded(to length: Int) -> String {
        self.count >= length ? self : String(repeating: "0", count: length - self.count) + self
    }
}
