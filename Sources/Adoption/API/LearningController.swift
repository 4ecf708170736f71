import Catalog
import FoyerCore
import Hummingbird

/// `GET /api/learning/paths`, `GET /api/learning/paths/{name}/stats`, `GET|POST /api/learning/progress`.
struct LearningController: Sendable {
    let tracker: LearningTracker

    func register(on router: Router<FoyerRequestContext>) {
        let group = router.group("api/learning")
        group.get("paths") { _, _ in
            let state = try await tracker.engine.current()
            return JSONBody.response(.object(["items": .array(state.paths.map(AdoptionJSON.path))]))
        }
        group.get("paths/:name/stats") { _, context in
            JSONBody.response(AdoptionJSON.statistics(try await tracker.statistics(path: try context.parameters.require("name"))))
        }
        group.get("progress") { request, _ in
            let query = request.uri.queryParameters
            guard let path = query["path"].map(String.init), !path.isEmpty else { throw FoyerError.badRequest("give the learning path: ?path=<name>") }
            let user = try Self.user(query["user"].map(String.init))
            return JSONBody.response(AdoptionJSON.progress(try await tracker.progress(user: user, path: path)))
        }
        group.post("progress") { request, context in
            struct Body: Decodable { let user: String; let path: String; let step: String }
            let body = try await context.decode(Body.self, from: request)
            // People check off their own steps; an admin checks off anyone's.
            let user = try Self.user(body.user)
            try context.authorize(.actFor(user: user.description))
            return JSONBody.response(AdoptionJSON.progress(try await tracker.checkOff(user: user, path: body.path, step: body.step)))
        }
    }

    /// A user ref from a parameter: `user:default/jane`, `default/jane` or `jane`.
    static func user(_ text: String?) throws -> EntityRef {
        guard let text, !text.isEmpty else { throw FoyerError.badRequest("give the user: user=user:default/<name>") }
        guard text.count <= 300, let ref = EntityRef.parse(text, defaultKind: "user", defaultNamespace: "default"), ref.kind == "user" else {
            throw FoyerError.badRequest("'\(text.prefix(100))' is not a user entity ref such as user:default/jane")
        }
        return ref
    }
}
