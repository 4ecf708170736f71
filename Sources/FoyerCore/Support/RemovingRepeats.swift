extension Array where Element: Hashable {
    /// The elements without repeats, first ones kept, in order. Short lists (an entity's few dozen
    /// filter rows or relations) are compared pairwise, cheaper than hashing each; longer ones go
    /// through a set. Inlinable so callers get it specialised for their element type: generic, it
    /// copied and compared each element through witness tables (a tenth of a large ingest's CPU).
    @inlinable
    public func removingRepeats() -> [Element] {
        guard count > 64 else {
            return indices.filter { index in !self[..<index].contains(self[index]) }.map { self[$0] }
        }
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
