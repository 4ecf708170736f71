import Hummingbird
import NIOCore

/// `/healthz` (serving), `/readyz` (database answers) and `/metrics` (Prometheus text).
struct HealthController: Sendable {
    let database: Database

    struct Status: Codable {
        let status: String
    }

    func register(on router: Router<FoyerRequestContext>) {
        router.get("healthz") { _, _ in try JSONBody.response(Status(status: "ok")) }
        router.get("readyz") { _, context in
            do {
                try await withTimeout(.seconds(2)) { try await database.ping() }
                return try JSONBody.response(Status(status: "ready"))
            } catch {
                context.logger.warning("readiness check failed", metadata: ["error": "\(error)"])
                return try ErrorBody.response(for: FoyerError(.unavailable, "the database does not answer"))
            }
        }
        router.get("metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: MetricsRegistry.shared.emitToBuffer())))
        }
    }
}

/// Runs `body`, giving up with a timeout error after `limit`.
func withTimeout<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw FoyerError(.unavailable, "timed out after \(limit)")
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
