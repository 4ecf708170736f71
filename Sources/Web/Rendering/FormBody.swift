import FoyerCore
import Hummingbird

/// HTML form posts (`application/x-www-form-urlencoded`), read within the body limit.
enum FormBody {
    static func read(_ request: Request, context: FoyerRequestContext) async throws -> QueryParameters {
        let contentType = request.headers[.contentType] ?? ""
        guard contentType.lowercased().hasPrefix("application/x-www-form-urlencoded") else {
            throw FoyerError.badRequest("this form expects application/x-www-form-urlencoded, not '\(contentType)'")
        }
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        return QueryParameters(String(buffer: buffer))
    }
}
