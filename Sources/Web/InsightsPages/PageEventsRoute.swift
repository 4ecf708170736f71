import Catalog
import FoyerCore
import Hummingbird
import Insights

/// `POST /page-events`: what the page script reports for a signed-in person (outbound clicks,
/// search results opened). Events are theirs and happen now; anyone else's reports are dropped.
struct PageEventsRoute: Sendable {
    let site: Site

    static let maxEvents = 20
    static let allowedActions: Set<String> = ["click", "discover"]

    func register(on router: Router<FoyerRequestContext>) {
        router.post("page-events") { request, context in
            // The script reports for everyone; only a signed-in person's reports are kept.
            guard let user = (try? context.authorize(.participate))?.user.flatMap(EntityRef.parse) else { return Response(status: .noContent) }
            var request = request
            let body = try await request.collectBody(upTo: min(context.maxUploadSize, 64 << 10))
            guard case .array(let items)? = JSONValue.parse(jsonText: String(buffer: body)), items.count <= Self.maxEvents else {
                throw FoyerError.badRequest("the body must be a JSON array of at most \(Self.maxEvents) events")
            }
            let validator = EventValidator(sender: .person(user: user.description), now: EpochMillis.now().value)
            let events = items.compactMap { try? validator.validate($0).get() }.filter { Self.allowedActions.contains($0.action) }
            await site.record(events)
            return Response(status: .noContent)
        }
    }
}
