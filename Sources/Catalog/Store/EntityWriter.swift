import Foundation
import FoyerCore
import SQLKit

/// What one application of a location changed.
public struct ApplySummary: Sendable, Equatable, Codable {
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    public var orphaned = 0
    public var conflicts = 0
}

/// Writes a location's entities: adds new ones, updates changed ones (etag always, generation only
/// when `spec` changed), orphans the ones that vanished, and never drops what a broken file held.
public struct EntityWriter: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// Starts storing a fresh read of location `locationID`; hand it the read in slices, then finish it.
    public func begin(locationID: String, now: EpochMillis = .now()) -> LocationWrite {
        LocationWrite(database: database, locationID: locationID, now: now)
    }

    /// Deletes an entity (and its derived rows) by uid; false when there is none.
    public func delete(uid: String) async throws -> Bool {
        try await database.transaction { sql in
            // The entity row first: it waits for a refresh writing it, whose derived rows are then removed too.
            guard let removed = try await sql.delete(from: "catalog_entities").where("id", .equal, SQLBind(uid)).returning("entity_key").first() else { return false }
            try await DerivedRows.remove(ofEntities: [StoredEntityKey(id: uid, key: try removed.decode(column: "entity_key", as: Int64.self))], sql: sql)
            try await CatalogVersion.bump(sql)
            return true
        }
    }
}

/// An entity's stored form: body text and the hashes that tell what changed.
struct EntityRow {
    let item: ProcessedEntity
    let body: String
    let etag: String
    let specHash: String

    init(item: ProcessedEntity) {
        self.item = item
        body = item.entity.document.jsonText()
        etag = String(RandomToken.sha256Hex(body).prefix(24))
        specHash = RandomToken.sha256Hex((item.entity.document["spec"] ?? .null).jsonText())
    }
}
