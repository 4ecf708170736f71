import FoyerCore
import Logging
import ServiceLifecycle

/// Re-reads every location on an interval; with several replicas, only the lease holder does.
struct CatalogRefreshService: Service {
    let catalog: CatalogService
    let leases: LeaseStore
    let interval: Duration

    /// Returns normally on graceful shutdown (the sleep is cancelled), so the server exits 0.
    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    try await Task.sleep(for: interval)
                    if try await leases.acquire("catalog-refresh", for: interval * 2) {
                        await catalog.refreshAll()
                    }
                }
            }
        } catch is CancellationError {
            return
        }
    }
}
