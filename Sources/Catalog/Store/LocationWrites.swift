import FoyerCore
import Synchronization

/// The location writes running in this process, per database, so background whole-catalog work
/// can wait for a large ingest to end instead of evaluating each half-stored state of it.
enum LocationWrites {
    private static let running = Mutex<[Database.ID: Int]>([:])

    /// Counts a write as running on `database` until `ended` is called for it.
    static func started(on database: Database) {
        running.withLock { $0[database.id, default: 0] += 1 }
    }

    static func ended(on database: Database) {
        running.withLock { running in
            let left = (running[database.id] ?? 1) - 1
            running[database.id] = left > 0 ? left : nil
        }
    }

    static func inProgress(on database: Database) -> Bool {
        running.withLock { $0[database.id] != nil }
    }
}

extension EntityReader {
    /// Whether a location write of this process is storing entities in this database now: background
    /// whole-catalog evaluations wait for it rather than evaluate a catalog still arriving.
    public var isStoringLocation: Bool { LocationWrites.inProgress(on: database) }
}

extension Postponement {
    /// While a location write of this process stores entities through `reader`'s database, at most
    /// `limit` (long enough for a few hundred thousand entities).
    public static func whileStoringLocation(_ reader: EntityReader, atMost limit: Duration = .seconds(600)) -> Postponement {
        Postponement(while: { reader.isStoringLocation }, atMost: limit)
    }
}
