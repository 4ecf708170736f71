/// A rule about how the entities of one location fit together, which no single entity can check
/// alone (e.g. a scorecard track naming checks that exist). Rejected entities are not stored.
public protocol LocationCheck: Sendable {
    /// Problems by index into `entities`.
    func problems(in entities: [ProcessedEntity]) async -> [(index: Int, problem: FieldProblem)]
}
