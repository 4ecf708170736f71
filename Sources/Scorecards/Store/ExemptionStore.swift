import FoyerCore
import SQLKit

/// A change to an exemption, as the audit trail keeps it.
public struct ExemptionAudit: Sendable, Equatable, Codable {
    public let at: Int64
    public let actor: String
    public let action: String
    public let exemptionID: String
    public let entityRef: String
    public let check: String
    public let reason: String
}

/// Exemptions, each change recorded in the audit trail in the same transaction.
public struct ExemptionStore: Sendable {
    public let database: Database

    public init(database: Database) { self.database = database }

    public func create(_ exemption: Exemption) async throws {
        try await database.transaction { sql in
            try await sql.insert(into: "scorecard_exemptions")
                .columns("id", "entity_ref", "check_name", "reason", "expires_at", "created_by", "created_at")
                .values(SQLBind(exemption.id), SQLBind(exemption.entityRef), SQLBind(exemption.check), SQLBind(exemption.reason),
                        SQLBind(exemption.expiresAt), SQLBind(exemption.createdBy), SQLBind(exemption.createdAt))
                .run()
            try await Self.audit(sql, action: "create", exemption: exemption, actor: exemption.createdBy, at: exemption.createdAt)
        }
    }

    /// Deletes exemption `id`; false when there is none.
    public func delete(id: String, actor: String, at now: EpochMillis = .now()) async throws -> Bool {
        try await database.transaction { sql in
            guard let exemption = try await Self.read(sql, where: "id = \(bind: id)").first else { return false }
            try await sql.delete(from: "scorecard_exemptions").where("id", .equal, SQLBind(id)).run()
            try await Self.audit(sql, action: "delete", exemption: exemption, actor: actor, at: now.value)
            return true
        }
    }

    public func exemption(id: String) async throws -> Exemption? {
        try await Self.read(database.sql, where: "id = \(bind: id)").first
    }

    /// Every exemption (expired ones too), or those of one entity.
    public func all(entity: String? = nil) async throws -> [Exemption] {
        try await Self.read(database.sql, where: entity.map { "entity_ref = \(bind: $0)" } ?? "1=1")
    }

    /// The audit trail, newest first.
    public func auditTrail(limit: Int = 200) async throws -> [ExemptionAudit] {
        try await database.sql.raw("""
            SELECT at, actor, action, exemption_id, entity_ref, check_name, reason FROM scorecard_audit ORDER BY at DESC, id DESC LIMIT \(bind: limit)
            """).all().map { row in
            ExemptionAudit(at: try row.decode(column: "at", as: Int64.self), actor: try row.decode(column: "actor", as: String.self),
                           action: try row.decode(column: "action", as: String.self), exemptionID: try row.decode(column: "exemption_id", as: String.self),
                           entityRef: try row.decode(column: "entity_ref", as: String.self), check: try row.decode(column: "check_name", as: String.self),
                           reason: try row.decode(column: "reason", as: String.self))
        }
    }

    private static func read(_ sql: any SQLDatabase, where predicate: SQLQueryString) async throws -> [Exemption] {
        try await sql.raw("""
            SELECT id, entity_ref, check_name, reason, expires_at, created_by, created_at FROM scorecard_exemptions WHERE \(predicate) ORDER BY id
            """).all().map { row in
            Exemption(id: try row.decode(column: "id", as: String.self), entityRef: try row.decode(column: "entity_ref", as: String.self),
                      check: try row.decode(column: "check_name", as: String.self), reason: try row.decode(column: "reason", as: String.self),
                      expiresAt: try row.decode(column: "expires_at", as: Int64?.self), createdBy: try row.decode(column: "created_by", as: String.self),
                      createdAt: try row.decode(column: "created_at", as: Int64.self))
        }
    }

    private static func audit(_ sql: any SQLDatabase, action: String, exemption: Exemption, actor: String, at: Int64) async throws {
        try await sql.insert(into: "scorecard_audit")
            .columns("id", "at", "actor", "action", "exemption_id", "entity_ref", "check_name", "reason")
            .values(SQLBind(SortableID.make()), SQLBind(at), SQLBind(actor), SQLBind(action), SQLBind(exemption.id),
                    SQLBind(exemption.entityRef), SQLBind(exemption.check), SQLBind(exemption.reason))
            .run()
    }
}
