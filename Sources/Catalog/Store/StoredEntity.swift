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
        var entity = Entity(document: body)
        entity.setMetadata("uid", .string(uid))
        entity.setMetadata("etag", .string(etag))
        entity.setMetadata("generation", .number(Double(generation)))
        if isOrphan { entity.setAnnotation(Annotation.orphan, "true") }
        var members = entity.document.objectValue ?? [:]
        // `{type, targetRef}` only: the shape of the catalog spec and Backstage's OpenAPI (which forbids extra keys).
        members["relations"] = .array(relations.map { relation in
            .object(["type": .string(relation.type), "targetRef": .string(relation.target.description)])
        })
        return .object(members)
    }

    static let columns = ["id", "ref", "body", "etag", "generation", "orphan", "location_id"]

    init(row: any SQLRow) throws {
        uid = try row.decode(column: "id", as: String.self)
        let refText = try row.decode(column: "ref", as: String.self)
        guard let ref = EntityRef(stored: refText) else { throw FoyerError.database("stored entity has an invalid ref '\(refText)'") }
        self.ref = ref
        body = JSONValue.parse(jsonText: try row.decode(column: "body", as: String.self)) ?? .object([:])
        etag = try row.decode(column: "etag", as: String.self)
        generation = try row.decode(column: "generation", as: Int64.self)
        isOrphan = try row.decode(column: "orphan", as: Int.self) != 0
        locationID = try row.decode(column: "location_id", as: String?.self)
    }
}
