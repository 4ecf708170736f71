import Foundation

/// Where the data lives: an embedded SQLite file or a PostgreSQL server.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresURL)

    /// Parses `sqlite:PATH` or `postgres://user:pass@host:port/db`; the error names what is wrong.
    public static func parse(_ text: String) throws(FoyerError) -> DatabaseLocation {
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else {
                throw .configuration("database URL '\(text)' names no SQLite file (expected sqlite:PATH)")
            }
            return .sqlite(path: path)
        }
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            return .postgres(try PostgresURL.parse(text))
        }
        throw .configuration("database URL '\(PostgresURL.redacted(text))' is not supported (expected sqlite:PATH or postgres://user:pass@host:port/db)")
    }

    /// Safe to log: the password is never shown.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): url.description
        }
    }
}

/// The parts of a `postgres://` URL that Foyer uses.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    /// `sslmode` query parameter: `disable` (default), `prefer` or `require`.
    public var tlsMode: String

    static func parse(_ text: String) throws(FoyerError) -> PostgresURL {
        let shown = redacted(text)
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw .configuration("database URL '\(shown)' is malformed (expected postgres://user:pass@host:port/db)")
        }
        guard let user = components.user, !user.isEmpty else {
            throw .configuration("database URL '\(shown)' names no user (expected postgres://user:pass@host:port/db)")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else {
            throw .configuration("database URL '\(shown)' names no database (expected postgres://user:pass@host:port/db)")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else {
            throw .configuration("database URL '\(shown)' has an invalid port \(port)")
        }
        let mode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "disable"
        guard ["disable", "prefer", "require"].contains(mode) else {
            throw .configuration("database URL '\(shown)': sslmode must be disable, prefer or require, not '\(mode)'")
        }
        return PostgresURL(
            host: host, port: port, username: user.removingPercentEncoding ?? user,
            password: components.password.map { $0.removingPercentEncoding ?? $0 },
            database: database, tlsMode: mode)
    }

    /// The URL with any password replaced by `***`, for messages and logs.
    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? text
    }

    public var description: String {
        "postgres://\(username)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)"
    }
}
