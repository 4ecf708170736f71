import ServiceLifecycle

/// Background work repeated every `interval` for the server's lifetime; with several replicas only
/// the holder of the lease `name` runs it. Returns normally on graceful shutdown, so the server exits 0.
public struct LeasedJob: Service {
    public let name: String
    public let leases: LeaseStore
    public let interval: Duration
    /// How long before the first run: lets the server come up first.
    public let firstDelay: Duration
    /// How long the lease holds: longer than one run, so two replicas never overlap.
    public let leaseDuration: Duration
    /// Waited out before each run, before the lease is taken.
    public let postponement: Postponement
    public let work: @Sendable () async -> Void

    public init(name: String, leases: LeaseStore, interval: Duration, firstDelay: Duration, leaseDuration: Duration? = nil,
                postponement: Postponement = .none, work: @escaping @Sendable () async -> Void) {
        self.name = name
        self.leases = leases
        self.interval = interval
        self.firstDelay = firstDelay
        self.leaseDuration = leaseDuration ?? interval * 2
        self.postponement = postponement
        self.work = work
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                try await Task.sleep(for: firstDelay)
                while !Task.isCancelled {
                    try await postponement.wait()
                    if try await leases.acquire(name, for: leaseDuration) { await work() }
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            return
        }
    }
}
