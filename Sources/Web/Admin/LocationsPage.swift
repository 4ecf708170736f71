import Catalog
import Foundation
import FoyerCore
import Hummingbird

/// `GET|POST /admin/locations`: registered locations, when each was last read, their processing errors,
/// and a form to register another. Registering needs the editor role.
struct LocationsPage: Sendable {
    let site: Site

    struct Row {
        let id: String
        let type: String
        let target: String
        let registered: String
        let refreshed: String
        let problems: [Problem]
    }

    struct Problem {
        let location: String
        let entityRef: String?
        let field: String?
        let message: String
    }

    struct Listing {
        let locations: [Row]
        let notice: String?
        let error: String?
        let types: [SelectOption]
        let target: String
        let canEdit: Bool
    }

    func register(on router: Router<FoyerRequestContext>) {
        router.get("admin/locations") { request, context in
            // The notice names a stored location by id, so a crafted link cannot put words in the page's mouth.
            var notice: String?
            if let id = QueryParameters(request.uri.query).first("registered"), let location = try await site.catalog.locations.location(id: id) {
                notice = "Registered and read: \(location.target)"
            }
            return try await page(request, context, notice: notice, error: nil, type: "file", target: "", status: .ok)
        }
        router.post("admin/locations") { request, context in
            let fields = try await FormBody.read(request, context: context)
            let type = fields.first("type") ?? "file"
            let target = (fields.first("target") ?? "").trimmingCharacters(in: .whitespaces)
            do {
                try context.authorize(.edit)
                let spec = try LocationSpec.validated(type: type, target: target)
                let base = FileManager.default.currentDirectoryPath
                // As the API does: a target outside the allowed folders or hosts is refused before it is stored.
                try site.catalog.processor.policy.check(spec, base: base)
                let (location, _, _) = try await site.catalog.register(spec, base: base)
                return PageRenderer.redirect(to: "/admin/locations?registered=" + HTMLText.queryEscape(location.id))
            } catch let error as FoyerError where error.status.code < 500 {
                return try await page(request, context, notice: nil, error: error.message, type: type, target: target, status: error.status)
            }
        }
    }

    private func page(_ request: Request, _ caller: FoyerRequestContext, notice: String?, error: String?, type: String, target: String, status: HTTPResponse.Status) async throws -> Response {
        let store = site.catalog.locations
        var rows: [Row] = []
        for location in try await store.all() {
            let problems = try await store.problems(locationID: location.id).map {
                Problem(location: "\($0.file):\($0.line)", entityRef: $0.entityRef, field: $0.field, message: $0.message)
            }
            rows.append(Row(id: location.id, type: location.type, target: location.target, registered: TimeText.utc(location.createdAt),
                            refreshed: location.refreshedAt.map(TimeText.utc) ?? "not yet", problems: problems))
        }
        let context = try await site.context(for: request, caller)
        let listing = Listing(locations: rows, notice: notice, error: error, types: SelectOption.list(["file", "url", "git"], selected: type),
                              target: target, canEdit: context.may(.edit))
        return site.renderer.response(Page(title: "Locations", template: "admin-locations", content: listing, status: status), context: context)
    }
}
