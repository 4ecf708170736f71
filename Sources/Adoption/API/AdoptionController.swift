import Catalog
import FoyerCore
import Hummingbird
import Insights
import EntityRules

/// `GET /api/adoption/features|entities/{kind}/{namespace}/{name}|groups/{namespace}/{name}|summary`.
struct AdoptionController: Sendable {
    let engine: AdoptionEngine
    let history: AdoptionHistoryStore

    func register(on router: Router<FoyerRequestContext>) {
        let group = router.group("api/adoption")
        group.get("features") { _, _ in
            let state = try await engine.current()
            return JSONBody.response(.object(["items": .array(state.features.map(AdoptionJSON.feature))]))
        }
        group.get("entities/:kind/:namespace/:name") { _, context in
            let ref = EntityRef(kind: try context.parameters.require("kind"), namespace: try context.parameters.require("namespace"),
                                name: try context.parameters.require("name"))
            guard let adoption = try await engine.current().snapshot.entity(ref) else {
                throw FoyerError.notFound("no entity \(ref) in the catalog")
            }
            return JSONBody.response(AdoptionJSON.entity(adoption))
        }
        group.get("groups/:namespace/:name") { _, context in
            let ref = EntityRef(kind: "group", namespace: try context.parameters.require("namespace"), name: try context.parameters.require("name"))
            guard let totals = try await engine.current().group(ref) else { throw FoyerError.notFound("no group \(ref) in the catalog") }
            return JSONBody.response(.object(AdoptionJSON.totals(totals, groupRef: ref)))
        }
        group.get("summary") { _, _ in
            JSONBody.response(try await summary(now: .now()))
        }
    }

    /// The organisation's totals, every group's, and the organisation's daily percent for a year.
    func summary(now: EpochMillis) async throws -> JSONValue {
        let state = try await engine.current()
        var members = AdoptionJSON.totals(state.organisation, groupRef: nil)
        members["groups"] = .array(state.groups.map { group in
            .object(["groupRef": .string(group.ref.description), "entities": .number(Double(group.totals.entities)),
                     "percent": AdoptionJSON.number(group.totals.percent)])
        })
        let today = Day(epochMillis: now.value)
        // Today's point is the live figure, so it always agrees with the totals above it.
        var points = try await history.history(scope: AdoptionHistoryStore.organisation, since: (today + -365).number).filter { $0.day < today.number }
        let live = state.organisation
        points.append(HistoryPoint(day: today.number, unlocked: live.unlocked, applicable: live.applicable, entities: live.entities))
        members["history"] = .array(points.map { point in
            .object(["day": .string(Day(point.day).description), "percent": AdoptionJSON.number(Percent.of(point.unlocked, point.applicable)),
                     "unlocked": .number(Double(point.unlocked)), "applicable": .number(Double(point.applicable))])
        })
        return .object(members)
    }
}
