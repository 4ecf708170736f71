import FoyerCore
import Hummingbird
import NIOCore

/// `POST /api/insights/events`: a JSON array of up to 1,000 events; valid ones are stored even when
/// others are rejected, and are committed before the answer.
struct EventsController: Sendable {
    let store: EventStore
    static let maxEvents = 1000
    /// Room for 1,000 events whose 2,048-character subjects are all 4-byte UTF-8 (8 MiB), with their
    /// other fields. Not every valid batch fits (every field at its limit, written as `\u` escapes):
    /// such a batch is a 413 and goes in two requests.
    static let maxBodyBytes = 16 << 20

    struct Rejected: Encodable { let index: Int; let error: String }
    struct Answer: Encodable { let accepted: Int; let duplicates: Int; let rejected: [Rejected] }

    func register(on router: Router<FoyerRequestContext>) {
        router.post("api/insights/events") { request, context in
            // Tokens send events for anyone; a signed-in person sends only their own, happening now,
            // and must be a catalog user (whatever their role, never by the token rules).
            let sender: EventSender
            if let principal = context.principal, principal.source != .token {
                guard let user = try context.authorize(.participate).user else { throw FoyerError(.forbidden, "a signed-in person must be a catalog user to send events") }
                sender = .person(user: user)
            } else {
                try context.authorize(.edit)
                sender = .token
            }
            var request = request
            let buffer = try await request.collectBody(upTo: context.maxUploadSize)  // at least `maxBodyBytes`, see InsightsModule
            let answer = try await ingest(buffer, sender: sender, now: EpochMillis.now().value)
            return try JSONBody.response(answer, status: .accepted)
        }
    }

    /// Validates each event of the body and stores the valid ones.
    func ingest(_ body: ByteBuffer, sender: EventSender, now: Int64) async throws -> Answer {
        guard let document = JSONValue.parse(jsonText: String(buffer: body)) else {
            throw FoyerError.badRequest("the body is not valid JSON")
        }
        guard case .array(let items) = document else { throw FoyerError.badRequest("the body must be a JSON array of events, not \(document.typeName)") }
        guard items.count <= Self.maxEvents else {
            throw FoyerError(.payloadTooLarge, "a batch holds at most \(Self.maxEvents) events; this one holds \(items.count)")
        }
        let validator = EventValidator(sender: sender, now: now)
        var events: [UsageEvent] = []
        var rejected: [Rejected] = []
        for (index, item) in items.enumerated() {
            switch validator.validate(item) {
            case .success(let event): events.append(event)
            case .failure(let rejection): rejected.append(Rejected(index: index, error: rejection.message))
            }
        }
        let result = try await store.ingest(events, receivedAt: now)
        return Answer(accepted: result.accepted, duplicates: result.duplicates, rejected: rejected)
    }
}
