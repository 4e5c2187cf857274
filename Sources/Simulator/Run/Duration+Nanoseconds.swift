extension Duration {
    /// The duration in whole nanoseconds (the simulator's clock unit), truncated.
    var nanosecondCount: Int64 {
        self.components.seconds * 1_000_000_000 + self.components.attoseconds / 1_000_000_000
    }
}
