import FoyerCore

extension FoyerRequestContext {
    /// The signed-in person acting as themself (rating, answering, checking off steps), as the
    /// access policy allows it: 401 without one, 403 for tokens and accounts with no catalog user.
    public func signedInPerson() throws -> EntityRef {
        guard let person = try authorize(.participate).user.flatMap(EntityRef.parse) else {
            throw FoyerError(.forbidden, "this needs a signed-in person linked to a catalog user")
        }
        return person
    }

    /// The caller, allowed to act as an owner of `entity` (a member of a group owning it, or an
    /// admin); ownership is read from the catalog only when it decides.
    @discardableResult
    public func authorizeOwner(of entity: EntityRef, reader: EntityReader) async throws -> Principal {
        try await authorize(.actAsOwner) { user in
            guard let person = EntityRef.parse(user) else { return false }
            return try await reader.isOwner(person, of: entity)
        }
    }
}
