/// A rule about how the entities of one location fit together, which no single entity can check
/// alone (e.g. a scorecard track naming checks that exist). Rejected entities are not stored.
public protocol LocationCheck: Sendable {
    /// The kinds (lower-cased) this check looks at: entities of these kinds wait for the whole
    /// location to be read; the others are stored as they are read.
    var kinds: Set<String> { get }

    /// Problems by index into `entities`: every entity of the location whose kind is in `kinds`.
    func problems(in entities: [ProcessedEntity]) async -> [(index: Int, problem: FieldProblem)]
}
