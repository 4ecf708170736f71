import Foundation
import Catalog
import FoyerCore
import Hummingbird

/// What every page handler shares: the renderer, the catalog, and who is asking.
struct Site: Sendable {
    let renderer: PageRenderer
    let catalog: CatalogService
    let contributions: PageContributions

    /// The page context of `request`: the viewer named by the profile cookie, if that user exists.
    func context(for request: Request, searchTerm: String = "") async throws -> PageContext {
        var context = PageContext(viewer: nil, path: request.uri.path, searchTerm: searchTerm)
        if let text = Cookies.value(ViewerProfile.cookieName, in: request), text.count <= 300,
           let ref = EntityRef.parse(text.removingPercentEncoding ?? text), ref.kind == "user",
           let entity = try await catalog.reader.entity(ref: ref) {
            context.viewer = ViewerProfile(entity)
        }
        return context
    }
}
