import FoyerCore

/// Links accounts to the catalog: the `User` entity named like the account, else the one whose
/// `spec.profile.email` is the account's email.
public struct CatalogPeople: PersonLinker {
    let reader: EntityReader

    public init(reader: EntityReader) { self.reader = reader }

    public func userRef(name: String?, email: String?) async throws -> String? {
        if let name, let ref = EntityRef.parse(name, defaultKind: "user", defaultNamespace: Entity.defaultNamespace), ref.kind == "user",
           try await reader.entity(ref: ref) != nil {
            return ref.description
        }
        guard let email else { return nil }
        let filter = EntityFilter.allOf([(key: "kind", values: ["user"]), (key: "spec.profile.email", values: [email])])
        return try await reader.entities(EntityQuery(filter: filter), offset: 0, limit: 1).first?.ref.description
    }
}
