/// A first-come, first-served async mutex. SQLite allows one writer, so our own writers queue here
/// instead of spinning in SQLite's busy handler; git checkouts share a folder the same way.
///
/// Background work may queue behind everyone instead (`withLock(deferring: true)`): it gets the gate
/// only when no one else waits, or once `patience` others went ahead of it, so it cannot starve.
public actor AsyncGate {
    private var isHeld = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var deferredWaiters: [CheckedContinuation<Void, Never>] = []
    /// How many plain waiters went ahead of the first deferred one.
    private var overtaken = 0
    private let patience: Int

    /// `patience`: how many plain waiters may go ahead of a deferred one.
    public init(patience: Int = 8) { self.patience = patience }

    /// How many wait for the gate.
    public var queueLength: Int { waiters.count + deferredWaiters.count }

    public func acquire(deferring: Bool = false) async {
        guard isHeld else {
            isHeld = true
            return
        }
        await withCheckedContinuation { continuation in
            if deferring { deferredWaiters.append(continuation) } else { waiters.append(continuation) }
        }
    }

    public func release() {
        if !deferredWaiters.isEmpty, waiters.isEmpty || overtaken >= patience {
            overtaken = 0
            deferredWaiters.removeFirst().resume()
        } else if !waiters.isEmpty {
            if !deferredWaiters.isEmpty { overtaken += 1 }
            waiters.removeFirst().resume()
        } else {
            isHeld = false
        }
    }
}

extension AsyncGate {
    /// Runs `body` holding the gate, releasing it however `body` ends; when `deferring`, others
    /// waiting go first (up to the gate's patience).
    public nonisolated func withLock<T>(deferring: Bool = false, _ body: () async throws -> T) async throws -> T {
        await acquire(deferring: deferring)
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }
}
