/// Bounds on what one descriptor file may hold, so a hostile or broken file cannot exhaust the server.
public struct DescriptorLimits: Sendable {
    public var maxFileBytes = 5 << 20
    public var maxDocuments = 2_000
    public var maxDepth = 64
    /// Nodes per document after alias expansion: stops "billion laughs" alias bombs.
    public var maxNodesPerDocument = 100_000

    public init() {}

    public static let standard = DescriptorLimits()
}
