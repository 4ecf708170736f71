import Foundation
import FoyerCore
import SQLKit

/// A registered location as the API lists it.
public struct StoredLocation: Sendable, Codable, Equatable {
    public let id: String
    public let type: String
    public let target: String
    /// Folder relative targets resolve against (the server's working folder at registration).
    public let base: String
    public let createdAt: EpochMillis
    public let refreshedAt: EpochMillis?

    public var spec: LocationSpec { LocationSpec(type: type, target: target) }
}

/// Registered locations and the problems found when reading them.
public struct LocationStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    /// Registers a location, or returns the one already registered with the same type and target.
    public func register(_ spec: LocationSpec, base: String, now: EpochMillis = .now()) async throws -> (location: StoredLocation, created: Bool) {
        if let existing = try await find(spec) { return (existing, false) }
        let location = StoredLocation(id: UUID().uuidString.lowercased(), type: spec.type, target: spec.target, base: base, createdAt: now, refreshedAt: nil)
        try await database.sql.insert(into: "catalog_locations")
            .columns("id", "type", "target", "base", "created_at")
            .values(SQLBind(location.id), SQLBind(location.type), SQLBind(location.target), SQLBind(base), SQLBind(now.value))
            .ignoringConflicts(with: ["type", "target"])
            .run()
        // A concurrent registration may have won the insert: whichever row is stored is the location.
        guard let stored = try await find(spec) else { throw FoyerError(.conflict, "location \(spec.type):\(spec.target) was removed while it was being registered") }
        return (stored, stored.id == location.id)
    }

    public func find(_ spec: LocationSpec) async throws -> StoredLocation? {
        try await select().where("type", .equal, SQLBind(spec.type)).where("target", .equal, SQLBind(spec.target)).first().map(Self.location)
    }

    public func location(id: String) async throws -> StoredLocation? {
        try await select().where("id", .equal, SQLBind(id)).first().map(Self.location)
    }

    public func all() async throws -> [StoredLocation] {
        try await select().orderBy("created_at").orderBy("id").all().map(Self.location)
    }

    /// Removes a location and every entity it holds; false when there is none.
    public func delete(id: String) async throws -> Bool {
        try await database.transaction { sql in
            // Locked first (PostgreSQL): a refresh inserting this location's entities holds a key-share
            // lock on it, so the delete waits for those entities to be committed, then sees them.
            guard try await sql.select().column("id").from("catalog_locations").where("id", .equal, SQLBind(id)).for(.update).first() != nil else { return false }
            // The entity rows next: they wait for a refresh rewriting them, whose derived rows are then removed too.
            let removed = try await sql.delete(from: "catalog_entities").where("location_id", .equal, SQLBind(id)).returning("id", "entity_key").all()
            try await DerivedRows.remove(ofEntities: try removed.map(StoredEntityKey.init(row:)), sql: sql)
            try await sql.delete(from: "catalog_locations").where("id", .equal, SQLBind(id)).run()
            try await CatalogVersion.bump(sql)
            return true
        }
    }

    /// The problems of the last read of `locationID` (or of every location), by file then line.
    public func problems(locationID: String? = nil) async throws -> [CatalogProblem] {
        var query = database.sql.select().columns("file", "line", "entity_ref", "field", "message").from("catalog_problems")
        if let locationID { query = query.where("location_id", .equal, SQLBind(locationID)) }
        return try await query.orderBy("file").orderBy("line").all().map { row in
            CatalogProblem(
                file: try row.decode(column: "file", as: String.self), line: try row.decode(column: "line", as: Int.self),
                entityRef: try row.decode(column: "entity_ref", as: String?.self), field: try row.decode(column: "field", as: String?.self),
                message: try row.decode(column: "message", as: String.self))
        }
    }

    private func select() -> SQLSelectBuilder {
        database.sql.select().columns("id", "type", "target", "base", "created_at", "refreshed_at").from("catalog_locations")
    }

    private static func location(_ row: any SQLRow) throws -> StoredLocation {
        StoredLocation(
            id: try row.decode(column: "id", as: String.self), type: try row.decode(column: "type", as: String.self),
            target: try row.decode(column: "target", as: String.self), base: try row.decode(column: "base", as: String.self),
            createdAt: EpochMillis(try row.decode(column: "created_at", as: Int64.self)),
            refreshedAt: try row.decode(column: "refreshed_at", as: Int64?.self).map(EpochMillis.init))
    }
}
