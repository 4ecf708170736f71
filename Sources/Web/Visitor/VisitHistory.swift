import Catalog

/// The entity pages one browser visited, most recent first, with how often: kept in a cookie so the
/// home page can offer "recently" and "most visited" before the insights module records visits.
struct VisitHistory: Equatable {
    struct Visit: Equatable {
        let ref: EntityRef
        var count: Int
    }

    static let cookieName = "foyer_visits"
    static let capacity = 12

    private(set) var visits: [Visit] = []

    init(visits: [Visit] = []) { self.visits = visits }

    /// Reads the cookie's `ref*count|ref*count` text; anything malformed is skipped, never trusted.
    init(cookie: String?) {
        guard let cookie, cookie.utf8.count <= 4096 else { return }
        for entry in cookie.split(separator: "|").prefix(Self.capacity) {
            let parts = entry.split(separator: "*")
            guard parts.count == 2, let ref = EntityRef.parse(String(parts[0])), let count = Int(parts[1]), (1...1_000_000).contains(count),
                  !visits.contains(where: { $0.ref == ref }) else { continue }
            visits.append(Visit(ref: ref, count: count))
        }
    }

    /// The history after visiting `ref`: it moves to the front and its count grows.
    func recording(_ ref: EntityRef) -> VisitHistory {
        var visits = self.visits
        var visit = Visit(ref: ref, count: 0)
        if let index = visits.firstIndex(where: { $0.ref == ref }) { visit = visits.remove(at: index) }
        visit.count += 1
        visits.insert(visit, at: 0)
        return VisitHistory(visits: Array(visits.prefix(Self.capacity)))
    }

    var cookieValue: String { visits.map { "\($0.ref)*\($0.count)" }.joined(separator: "|") }

    var recent: [EntityRef] { visits.map(\.ref) }

    /// Most visited first; ties go to the more recent.
    var mostVisited: [Visit] {
        visits.enumerated().sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }.map(\.element)
    }
}
