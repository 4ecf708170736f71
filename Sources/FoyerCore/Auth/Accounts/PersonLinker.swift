/// Finds the catalog `User` an account is: implemented by the catalog, so the platform does not
/// read the catalog's tables.
public protocol PersonLinker: Sendable {
    /// The ref (`user:default/jane`) of the user named `name` or with `email`, if one exists.
    func userRef(name: String?, email: String?) async throws -> String?
}
