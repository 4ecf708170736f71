import Logging

/// A bounded pool of connections leased one task at a time, for drivers without a pool of their own.
actor ConnectionPool<Connection: Sendable> {
    private let maxSize: Int
    private let open: @Sendable () async throws -> Connection
    private let close: @Sendable (Connection) async -> Void
    private var idle: [Connection] = []
    private var opened = 0
    private var waiters: [CheckedContinuation<Connection, any Error>] = []
    private var isShutDown = false
    /// Shutdown waits here until every leased connection is back and closed: a driver's threads
    /// must outlive its connections (SQLite asserts when a connection goes unclosed).
    private var drained: [CheckedContinuation<Void, Never>] = []

    init(
        maxSize: Int,
        open: @escaping @Sendable () async throws -> Connection,
        close: @escaping @Sendable (Connection) async -> Void
    ) {
        self.maxSize = max(1, maxSize)
        self.open = open
        self.close = close
    }

    /// Hands out an idle connection, opens a new one under the limit, or waits for a release.
    func lease() async throws -> Connection {
        guard !isShutDown else { throw FoyerError.database("the database pool is shut down") }
        if let connection = idle.popLast() { return connection }
        if opened < maxSize {
            opened += 1
            do {
                return try await open()
            } catch {
                connectionGone()
                throw error
            }
        }
        return try await withCheckedThrowingContinuation { waiters.append($0) }
    }

    /// Returns a connection; the oldest waiter gets it first. After shutdown it is closed instead.
    func release(_ connection: Connection) async {
        if isShutDown {
            await close(connection)
            connectionGone()
        } else if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: connection)
        } else {
            idle.append(connection)
        }
    }

    /// Closes every idle connection and refuses new leases.
    func shutdown() async {
        isShutDown = true
        for waiter in waiters { waiter.resume(throwing: FoyerError.database("the database pool is shut down")) }
        waiters.removeAll()
        let toClose = idle
        idle.removeAll()
        opened -= toClose.count
        for connection in toClose { await close(connection) }
        if opened > 0 { await withCheckedContinuation { drained.append($0) } }
    }

    private func connectionGone() {
        opened -= 1
        if isShutDown, opened == 0 {
            for waiter in drained { waiter.resume() }
            drained.removeAll()
        }
    }
}
