import FoyerCore
import Logging
import ServiceLifecycle

/// Re-reads every location on an interval; with several replicas, only the lease holder does.
struct CatalogRefreshService: Service {
    let catalog: CatalogService
    let leases: LeaseStore
    let interval: Duration

    func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                if try await leases.acquire("catalog-refresh", for: interval * 2) {
                    await catalog.refreshAll()
                }
            }
        }
    }
}
