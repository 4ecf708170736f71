extension EntityReader {
    /// Whether `person` (a `user` ref) owns `entity`: directly, or through a group they are a member
    /// of. False when either is not in the catalog or the entity has no owner.
    public func isOwner(_ person: EntityRef, of entity: EntityRef) async throws -> Bool {
        guard let owners = try await self.entity(ref: entity)?.relations.filter({ $0.type == RelationType.ownedBy }).map(\.target),
              !owners.isEmpty else { return false }
        if owners.contains(person) { return true }
        let groups = try await self.entity(ref: person)?.relations.filter { $0.type == RelationType.memberOf }.map(\.target) ?? []
        return owners.contains { groups.contains($0) }
    }
}
