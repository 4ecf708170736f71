import FoyerCore
import Insights
import Testing

struct TopDimensionTests {
    static let events = [
        UsageEvent(user: "user:default/a", action: "navigate", subject: "/docs?page=2#top", context: ["pluginId": "techdocs"], timestamp: 0),
        UsageEvent(user: "user:default/a", action: "search", subject: "  Kafka\n", value: 0, context: ["pluginId": ""], timestamp: 0),
        UsageEvent(user: "user:default/a", action: "search", subject: "Kafka", value: 3, timestamp: 0),
        UsageEvent(user: "user:default/a", action: "search", subject: "\u{00A0}Café ", timestamp: 0),
        UsageEvent(user: "user:default/a", action: "create", subject: "New", context: ["entityRef": " Template:Default/Service "], timestamp: 0),
        UsageEvent(user: "user:default/a", action: "click", subject: "x", context: ["entityRef": "not a ref "], timestamp: 0),
    ]

    @Test func allKeysAtOnceEqualEachDimensionsOwnKey() {
        for event in Self.events {
            let each = TopDimension.allCases.compactMap { dimension in dimension.key(for: event).map { "\(dimension.rawValue)=\($0)" } }
            #expect(TopDimension.keys(for: event).map { "\($0.dimension.rawValue)=\($0.key)" } == each, "\(event.subject)")
        }
        #expect(TopDimension.keys(for: Self.events[1]).map(\.key) == ["", "kafka", "kafka", "search"])
        #expect(TopDimension.keys(for: Self.events[4]).map(\.key) == ["template:default/service", "template:default/service", "create"])
    }
}
