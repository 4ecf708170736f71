import CMallocTuning
import Foundation

/// glibc gives each thread that allocates its own heap arena (up to eight per core), and memory
/// freed in one arena is not reused by another: with NIO's, SQLite's and Swift's worker threads,
/// a large catalog read left tens of megabytes of freed heap resident per arena. Two arenas keep
/// the peak close to what is actually live. An operator's own `MALLOC_ARENA_MAX` wins.
enum MallocArenas {
    static func limit() {
        guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil else { return }
        foyer_limit_malloc_arenas(2)
    }
}
