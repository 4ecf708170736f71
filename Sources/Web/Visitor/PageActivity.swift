import Catalog
import Insights

/// The usage events Foyer's own pages record for a signed-in person, in Backstage's analytics shape.
enum PageActivity {
    /// A page view: `navigate` with the path, the plugin the page belongs to, and the entity it shows.
    static func navigate(path: String, query: String?, user: EntityRef, now: Int64) -> UsageEvent {
        let segments = path.split(separator: "/").map(String.init)
        var context = ["pluginId": segments.first ?? "home"]
        if segments.count == 4, segments[0] == "catalog" {
            context["entityRef"] = EntityRef(kind: segments[2], namespace: segments[1], name: segments[3]).description
        }
        let subject = query.map { path + "?" + $0 } ?? path
        return UsageEvent(user: user.description, action: "navigate", subject: String(subject.prefix(EventValidator.maxSubjectLength)),
                          context: context, timestamp: now)
    }

    /// A search from the search page, with how many results it found.
    static func search(term: String, results: Int, user: EntityRef, now: Int64) -> UsageEvent {
        UsageEvent(user: user.description, action: "search", subject: String(term.prefix(EventValidator.maxSubjectLength)), value: Double(results),
                   context: ["pluginId": "search"], timestamp: now)
    }
}
