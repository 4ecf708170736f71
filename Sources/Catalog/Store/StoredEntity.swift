import FoyerCore
import SQLKit

/// An entity as the catalog holds it: source document plus the bookkeeping Backstage serves with it.
public struct StoredEntity: Sendable {
    public let uid: String
    public let ref: EntityRef
    public let body: JSONValue
    public let etag: String
    public let generation: Int64
    public let isOrphan: Bool
    public let locationID: String?
    public var relations: [Relation] = []

    /// The entity as the API serves it: `metadata.uid`, `etag`, `generation`, relations, orphan mark.
    public var served: JSONValue {
        guard case .object(var members) = servedWithoutRelations else { return body }
        members["relations"] = .array(relations.map(\.served))
        return .object(members)
    }

    /// `served` but for `relations`, for readers that take those from `relations` (rule evaluation).
    public var servedWithoutRelations: JSONValue {
        // Built in one pass rather than through `Entity.setMetadata`, which copies both levels per
        // key: this runs for every entity of every whole-catalog evaluation.
        var members = body.objectValue ?? [:]
        var metadata = members["metadata"]?.objectValue ?? [:]
        // Backstage stores the default namespace on entities whose files leave it out.
        if metadata["namespace"] == nil { metadata["namespace"] = .string(Entity.defaultNamespace) }
        metadata["uid"] = .string(uid)
        metadata["etag"] = .string(etag)
        metadata["generation"] = .number(Double(generation))
        if isOrphan {
            var annotations = metadata["annotations"]?.objectValue ?? [:]
            annotations[Annotation.orphan] = .string("true")
            metadata["annotations"] = .object(annotations)
        }
        members["metadata"] = .object(metadata)
        return .object(members)
    }

    static let columns = ["id", "ref", "body", "etag", "generation", "orphan", "location_id"]

    init(row: any SQLRow) throws {
        try self.init(StoredColumns(row: row))
    }

    /// Parses columns read apart, so a scan can parse one batch while it reads the next.
    init(_ columns: StoredColumns) throws {
        uid = columns.uid
        guard let ref = EntityRef(stored: columns.ref) else { throw FoyerError.database("stored entity has an invalid ref '\(columns.ref)'") }
        self.ref = ref
        body = JSONValue.parse(jsonText: columns.body) ?? .object([:])
        etag = columns.etag
        generation = columns.generation
        isOrphan = columns.isOrphan
        locationID = columns.locationID
    }
}

/// An entity row's columns as read, not yet parsed.
struct StoredColumns: Sendable {
    let uid: String
    let ref: String
    let body: String
    let etag: String
    let generation: Int64
    let isOrphan: Bool
    let locationID: String?

    init(row: any SQLRow) throws {
        uid = try row.decode(column: "id", as: String.self)
        ref = try row.decode(column: "ref", as: String.self)
        body = try row.decode(column: "body", as: String.self)
        etag = try row.decode(column: "etag", as: String.self)
        generation = try row.decode(column: "generation", as: Int64.self)
        isOrphan = try row.decode(column: "orphan", as: Int.self) != 0
        locationID = try row.decode(column: "location_id", as: String?.self)
    }
}
