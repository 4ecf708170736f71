import FoyerCore
import Hummingbird

/// `GET /api/insights/events?from&to[&limit][&format=csv]` (admin): raw events of a range, user ids
/// replaced by pseudonyms when a key is configured.
struct ExportController: Sendable {
    let store: EventStore
    let pseudonyms: Pseudonyms

    static let maxLimit = 100_000

    func register(on router: Router<FoyerRequestContext>) {
        router.get("api/insights/events") { request, context in
            try context.authorize(.administer)
            let parameters = QueryParameters(request.uri.query)
            let range = try DayRange(from: parameters.first("from"), to: parameters.first("to"))
            let limit = try parameters.integer("limit", in: 1...Self.maxLimit) ?? 10_000
            let events = try await store.events(in: range, limit: limit)
            if try KPIController.wantsCSV(parameters) {
                let rows = events.map { event in
                    [event.id ?? "", pseudonyms.name(for: event.user), event.action, event.subject, event.value?.description ?? "",
                     JSONValue.object(event.context.mapValues(JSONValue.string)).jsonText(), EpochMillis(event.timestamp).iso8601]
                }
                return CSV.response(CSV.text(header: ["id", "user", "action", "subject", "value", "context", "timestamp"], rows: rows), name: "events")
            }
            return JSONBody.response(.object(["items": .array(events.map { event in
                .object(["id": .string(event.id ?? ""), "user": .string(pseudonyms.name(for: event.user)), "action": .string(event.action),
                         "subject": .string(event.subject), "value": event.value.map(JSONValue.number) ?? .null,
                         "attributes": .object(event.attributes), "context": .object(event.context.mapValues(JSONValue.string)),
                         "timestamp": .string(EpochMillis(event.timestamp).iso8601)])
            })]))
        }
    }
}
