import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Metrics

/// Outermost middleware: request id, body limit, access log line and request metrics.
struct RequestObserverMiddleware: RouterMiddleware {
    typealias Context = FoyerRequestContext

    let maxBodySize: Int
    /// Paths that take larger bodies than `maxBodySize`; the configured limit wins when it is larger.
    var largerBodies: [String: Int] = [:]
    static let requestIDHeader = HTTPField.Name("X-Request-Id")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var context = context
        let requestID = Self.requestID(from: request)
        context.logger[metadataKey: "request_id"] = .string(requestID)
        let limit = max(maxBodySize, largerBodies[request.uri.path] ?? 0)
        context.maxUploadSize = limit

        var response: Response
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            response = try ErrorBody.response(for: FoyerError(.payloadTooLarge, "request body of \(length) bytes is larger than the limit of \(limit) bytes"), request: request)
        } else {
            do {
                response = try await next(request, context)
            } catch {
                // Errors normally become responses in ErrorMiddleware; this catches the ones before it.
                response = try ErrorBody.response(for: ErrorMiddleware.map(error), request: request)
            }
        }
        response.headers[Self.requestIDHeader] = requestID
        SecurityHeaders.apply(to: &response.headers)

        let elapsed = ContinuousClock.now - started
        let route = context.endpointPath ?? "unmatched"
        let status = String(response.status.code)
        Counter(label: "foyer_http_requests_total", dimensions: [("route", route), ("method", request.method.rawValue), ("status", status)]).increment()
        Timer(label: "foyer_http_request_duration_seconds", dimensions: [("route", route), ("method", request.method.rawValue)]).recordNanoseconds(elapsed.nanoseconds)
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "route": .string(route),
            "status": .string(status),
            "duration_ms": .string(String(format: "%.1f", Double(elapsed.nanoseconds) / 1e6)),
        ])
        return response
    }

    /// Honours a sane incoming id (from a proxy) so logs correlate; otherwise makes one.
    static func requestID(from request: Request) -> String {
        if let incoming = request.headers[requestIDHeader], (1...64).contains(incoming.count),
           incoming.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            return incoming
        }
        return RandomToken.make(length: 16)
    }
}

