import HTTPTypes

/// The one error type that crosses module boundaries; each case maps to exactly one HTTP status.
public struct FoyerError: Error, Sendable, CustomStringConvertible {
    /// Machine-readable category, also the `name` of the JSON error body.
    public enum Kind: String, Sendable {
        case badRequest = "InputError"
        case unauthorized = "AuthenticationError"
        case forbidden = "NotAllowedError"
        case notFound = "NotFoundError"
        case conflict = "ConflictError"
        case payloadTooLarge = "PayloadTooLargeError"
        case tooManyRequests = "TooManyRequestsError"
        case unavailable = "ServiceUnavailableError"
        case configuration = "ConfigurationError"
        case database = "DatabaseError"
        case internalError = "Error"
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// The HTTP status code this error answers with: the single place the mapping lives.
    public var status: HTTPResponse.Status {
        switch kind {
        case .badRequest: .badRequest
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .payloadTooLarge: .contentTooLarge
        case .tooManyRequests: .tooManyRequests
        case .unavailable: .serviceUnavailable
        case .configuration, .database, .internalError: .internalServerError
        }
    }

    public static func badRequest(_ message: String) -> FoyerError { .init(.badRequest, message) }
    public static func notFound(_ message: String) -> FoyerError { .init(.notFound, message) }
    public static func configuration(_ message: String) -> FoyerError { .init(.configuration, message) }
    public static func database(_ message: String) -> FoyerError { .init(.database, message) }
}
