import FoyerCore

/// Six months of believable portal use for the demo organisation: a user base that grows, quiet
/// weekends, a spike after a launch, people who drift away, searches that find nothing. Seeded, so
/// every demo shows the same story.
public struct DemoActivity: Sendable {
    public let users: [String]
    public let today: Day
    public let days = 182

    public init(users: [String], today: Day) {
        self.users = users.sorted()
        self.today = today
    }

    static let pages = ["/", "/catalog", "/catalog?kind=component", "/search", "/insights", "/catalog/default/component/basket-service",
                        "/catalog/default/api/payments-api", "/catalog/default/group/team-checkout", "/docs/basket-service",
                        "/adoption", "/learn", "/learn/docs-101", "/learn/ci-101"]
    static let entities = ["component:default/basket-service", "api:default/payments-api", "component:default/checkout-web",
                           "component:default/search-indexer", "system:default/checkout", "api:default/orders-api"]
    static let searches = [("payments", 6), ("kafka", 3), ("basket", 4), ("on-call rota", 0), ("graphql", 2), ("terraform module", 0), ("checkout", 5)]
    static let templates = ["template:default/swift-service", "template:default/docs-site", "template:default/kafka-consumer"]

    /// Every event, in time order.
    public func events() -> [UsageEvent] {
        var random = DemoRandom(seed: 2026)
        let first = today + -(days - 1)
        let launch = today + -42
        var events: [UsageEvent] = []
        for (index, user) in users.enumerated() {
            // People join over the months; a few drift away after a while.
            let joins = first + Int(Double(index) / Double(max(users.count, 1)) * Double(days) * 0.7)
            let leaves = index % 9 == 4 ? joins + 40 + index % 30 : today + 1
            let keen = 0.25 + Double(index % 5) * 0.12
            var day = joins
            while day <= today && day < leaves {
                let weekday = (day.number + 3) % 7  // 0 = Monday
                var chance = weekday >= 5 ? keen * 0.15 : keen
                if day >= launch && day < launch + 14 { chance = min(0.95, chance * 1.8) }
                if random.unit() < chance {
                    let count = 1 + Int(random.unit() * 6)
                    for step in 0..<count {
                        let time = day.epochMillis + Int64(8 * 3600 + Int(random.unit() * 9 * 3600) + step * 60) * 1000
                        events.append(event(user: user, at: time, random: &random))
                    }
                }
                day = day + 1
            }
        }
        return events.sorted { $0.timestamp < $1.timestamp }
    }

    private func event(user: String, at time: Int64, random: inout DemoRandom) -> UsageEvent {
        let roll = random.unit()
        if roll < 0.6 {
            let page = Self.pages[Int(random.unit() * Double(Self.pages.count))]
            var context = ["pluginId": page.hasPrefix("/docs") ? "techdocs" : page.hasPrefix("/search") ? "search" : "catalog"]
            if page.hasPrefix("/catalog/") { context["entityRef"] = Self.entityRef(of: page) }
            return UsageEvent(user: user, action: "navigate", subject: page, context: context, timestamp: time)
        } else if roll < 0.8 {
            let (term, results) = Self.searches[Int(random.unit() * Double(Self.searches.count))]
            return UsageEvent(user: user, action: "search", subject: term, value: Double(results), context: ["pluginId": "search"], timestamp: time)
        } else if roll < 0.95 {
            let entity = Self.entities[Int(random.unit() * Double(Self.entities.count))]
            return UsageEvent(user: user, action: "click", subject: "View source", context: ["pluginId": "catalog", "entityRef": entity], timestamp: time)
        } else {
            let template = Self.templates[Int(random.unit() * Double(Self.templates.count))]
            return UsageEvent(user: user, action: "create", subject: "New project", value: 45, context: ["pluginId": "scaffolder", "entityRef": template], timestamp: time)
        }
    }

    static func entityRef(of page: String) -> String? {
        let parts = page.split(separator: "/")
        guard parts.count == 4 else { return nil }
        return "\(parts[2]):\(parts[1])/\(parts[3])"
    }
}

/// A small deterministic generator (not for anything but demo data).
public struct DemoRandom {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    /// The next number in [0, 1).
    public mutating func unit() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double((state >> 11) & ((1 << 53) - 1)) / Double(1 << 53)
    }
}
