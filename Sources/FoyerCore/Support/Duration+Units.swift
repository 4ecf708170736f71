extension Duration {
    /// Whole nanoseconds, for metrics that take integers.
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// Whole milliseconds, for log lines.
    public var milliseconds: Int64 { nanoseconds / 1_000_000 }
}
