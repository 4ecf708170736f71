import Catalog
import FoyerCore
import Hummingbird

/// `GET /api/scorecards/checks|tracks|campaigns[/{name}]`, `GET /api/scorecards/entities/{kind}/{namespace}/{name}`,
/// `GET|POST /api/scorecards/exemptions`, `DELETE /api/scorecards/exemptions/{id}`.
struct ScorecardController: Sendable {
    let service: ScorecardService

    func register(on router: Router<FoyerRequestContext>) {
        let group = router.group("api/scorecards")
        group.get("checks") { _, _ in
            JSONBody.response(.object(["items": .array(try await service.state().snapshot.checks.map(ScorecardJSON.check))]))
        }
        group.get("tracks") { _, _ in
            JSONBody.response(.object(["items": .array(try await service.state().snapshot.tracks.map(ScorecardJSON.track))]))
        }
        group.get("campaigns") { _, _ in
            JSONBody.response(.object(["items": .array(try await service.state().snapshot.campaigns.map(ScorecardJSON.campaign))]))
        }
        group.get("tracks/:name") { _, context in
            let (summary, history) = try await service.track(try context.parameters.require("name"))
            var members = ScorecardJSON.summary(summary)
            members["history"] = .array(history.map { day, counts in
                .object(["date": .string(day.description), "none": ScorecardJSON.count(counts["none"] ?? 0),
                         "levels": .object(Dictionary(uniqueKeysWithValues: summary.levels.map { ($0.name, ScorecardJSON.count(counts["level:\($0.name)"] ?? 0)) }))])
            })
            return JSONBody.response(.object(members))
        }
        group.get("campaigns/:name") { _, context in
            let (campaign, progress, history) = try await service.campaign(try context.parameters.require("name"))
            var members = ScorecardJSON.progress(progress, campaign: campaign)
            members["history"] = .array(history.map { .object(["date": .string($0.day.description), "done": ScorecardJSON.count($0.done)]) })
            return JSONBody.response(.object(members))
        }
        group.get("entities/:kind/:namespace/:name") { _, context in
            let ref = EntityRef(kind: try context.parameters.require("kind"), namespace: try context.parameters.require("namespace"),
                                name: try context.parameters.require("name"))
            let (snapshot, exemptions) = try await service.current()
            guard snapshot.contains(ref) else { throw FoyerError.notFound("no entity \(ref) in the catalog") }
            return JSONBody.response(ScorecardJSON.entity(ref, snapshot: snapshot, exemptions: exemptions))
        }
        group.get("exemptions") { request, _ in
            let entity = request.uri.queryParameters["entityRef"].map(String.init)
            return JSONBody.response(.object(["items": .array(try await service.exemptions.all(entity: entity).map(ScorecardJSON.exemption))]))
        }
        group.post("exemptions") { request, context in
            struct Body: Decodable { let entityRef: String; let check: String; let reason: String?; let expires: String? }
            let body = try await context.decode(Body.self, from: request)
            let actor = try await service.authorise(for: body.entityRef, context: context)
            let exemption = try await service.exempt(entity: body.entityRef, check: body.check, reason: body.reason, expires: body.expires, actor: actor)
            return JSONBody.response(ScorecardJSON.exemption(exemption), status: .created)
        }
        group.delete("exemptions/:id") { _, context in
            let id = try context.parameters.require("id")
            guard let exemption = try await service.exemptions.exemption(id: id) else { throw FoyerError.notFound("no exemption \(id)") }
            let actor = try await service.authorise(for: exemption.entityRef, context: context)
            _ = try await service.exemptions.delete(id: id, actor: actor)
            return Response(status: .noContent)
        }
    }
}
