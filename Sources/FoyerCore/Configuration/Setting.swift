/// One configurable value of `foyer serve`: its config-file key, command-line flag and environment variable.
public struct Setting: Sendable, Hashable {
    public let key: String
    public let summary: String
    public let defaultText: String
    public let isList: Bool
    /// Also read from the file `FOYER_X_FILE` names, and never echoed.
    public let isSecret: Bool

    public var flag: String { "--" + key.kebabCased }
    public var environmentVariable: String { "FOYER_" + key.kebabCased.uppercased().replacingOccurrences(of: "-", with: "_") }

    init(_ key: String, _ summary: String, default defaultText: String, isList: Bool = false, isSecret: Bool = false) {
        self.key = key
        self.summary = summary
        self.defaultText = defaultText
        self.isList = isList
        self.isSecret = isSecret
    }
}

extension Setting {
    public static let host = Setting("host", "Address to listen on", default: "127.0.0.1")
    public static let port = Setting("port", "TCP port to listen on", default: "7007")
    public static let dataDir = Setting("dataDir", "Folder for Foyer's files, including the SQLite database", default: "./foyer-data")
    public static let database = Setting("database", "Database URL: sqlite:PATH or postgres://user:pass@host:port/db", default: "sqlite:<dataDir>/foyer.sqlite", isSecret: true)
    public static let databasePoolSize = Setting("databasePoolSize", "Maximum open database connections", default: "4 (SQLite), 10 (PostgreSQL)")
    public static let catalog = Setting("catalog", "Catalog location to register: file, folder or glob (repeatable; comma-separated in the environment)", default: "none", isList: true)
    public static let catalogRefreshInterval = Setting("catalogRefreshInterval", "Seconds between background re-reads of every catalog location", default: "120")
    public static let catalogAllowedRoots = Setting("catalogAllowedRoots", "Folders file locations may read (comma-separated in the environment)", default: "the working folder and dataDir", isList: true)
    public static let catalogAllowedHosts = Setting("catalogAllowedHosts", "Hosts url/git locations may fetch from (comma-separated in the environment)", default: "none", isList: true)
    public static let catalogMaxFileSize = Setting("catalogMaxFileSize", "Largest descriptor file read, in bytes", default: "5242880")
    public static let insightsRetentionDays = Setting("insightsRetentionDays", "Days raw usage events are kept; older ones are deleted daily while the KPI rollups stay", default: "395")
    public static let insightsHeadcount = Setting("insightsHeadcount", "Licensed-user count adoption is measured against (0: the catalog's User entities)", default: "0")
    public static let insightsPseudonymKey = Setting("insightsPseudonymKey", "Secret for keyed hashes that replace user ids in usage exports (empty: ids shown as they are)", default: "none", isSecret: true)
    public static let demo = Setting("demo", "Load the demo organisation into an empty database", default: "false")
    public static let maxBodySize = Setting("maxBodySize", "Largest accepted request body, in bytes", default: "2097152")
    public static let logLevel = Setting("logLevel", "trace, debug, info, notice, warning, error or critical", default: "info")
    public static let bootstrapToken = Setting("bootstrapToken", "Value accepted as an admin API token (first setup, tests)", default: "none", isSecret: true)

    /// Every `serve` setting, in the order the README documents them.
    public static let adoptionNewUserDays = Setting("adoptionNewUserDays", "Days after their first event (or account creation, if earlier) that a person counts as new and is assigned the onboarding paths", default: "90")
    public static let feedbackRatingScale = Setting("feedbackRatingScale", "How people rate catalog pages: stars (1 to 5) or thumbs (up or down)", default: "stars")
    public static let feedbackReasons = Setting("feedbackReasons", "The reasons a rating may give (comma-separated in the environment)", default: "incorrect info, missing docs, hard to find, out of date", isList: true)
    public static let authAllowGuests = Setting("auth.allowGuests", "Let anonymous visitors read pages and APIs (never write)", default: "false")
    public static let authTrustedProxies = Setting("auth.trustedProxies", "Addresses (or IPv4 ranges) of the authenticating proxy whose identity headers are trusted", default: "none", isList: true)
    public static let authProxyUserHeader = Setting("auth.proxyUserHeader", "Header naming the proxy's signed-in user", default: "X-Forwarded-User")
    public static let authProxyEmailHeader = Setting("auth.proxyEmailHeader", "Header carrying the proxy's signed-in email", default: "X-Forwarded-Email")
    public static let authSessionIdleMinutes = Setting("auth.sessionIdleMinutes", "Minutes without a request after which a session ends", default: "480")
    public static let authSessionMaxHours = Setting("auth.sessionMaxHours", "Hours after sign-in after which a session ends however active", default: "168")
    public static let authBcryptCost = Setting("auth.bcryptCost", "bcrypt cost (log2 rounds) of new password hashes, 4 to 16", default: "12")
    public static let all: [Setting] = [host, port, dataDir, database, databasePoolSize, catalog, catalogRefreshInterval, catalogAllowedRoots, catalogAllowedHosts, catalogMaxFileSize, insightsRetentionDays, insightsHeadcount, insightsPseudonymKey, adoptionNewUserDays, feedbackRatingScale, feedbackReasons, authAllowGuests, authTrustedProxies, authProxyUserHeader, authProxyEmailHeader, authSessionIdleMinutes, authSessionMaxHours, authBcryptCost, demo, maxBodySize, logLevel, bootstrapToken]
}

extension String {
    /// `dataDir` → `data-dir`, `auth.allowGuests` → `auth-allow-guests`.
    var kebabCased: String {
        var result = ""
        for character in self {
            if character == "." {
                result += "-"
            } else if character.isUppercase {
                result += "-" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
