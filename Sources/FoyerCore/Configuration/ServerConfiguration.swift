import Foundation
import Logging

/// Everything `foyer serve` needs, resolved with precedence flag > environment > config file > default.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 7007
    public var dataDir = "./foyer-data"
    public var database: DatabaseLocation = .sqlite(path: "./foyer-data/foyer.sqlite")
    public var databasePoolSize = 4
    public var catalogPaths: [String] = []
    public var catalogRefreshInterval: Duration = .seconds(120)
    /// Empty means the working folder and `dataDir`.
    public var catalogAllowedRoots: [String] = []
    public var catalogAllowedHosts: [String] = []
    public var catalogMaxFileSize = 5 << 20
    public var insightsRetentionDays = 395
    /// Zero means the catalog's `User` entities.
    public var insightsHeadcount = 0
    /// Days after their first event (or account creation, if earlier) that a person counts as new and gets the onboarding paths.
    public var adoptionNewUserDays = 90
    /// Whether people rate pages 1 to 5 or with thumbs up (kept as 5) and down (kept as 1).
    public var feedbackThumbs = false
    /// The reasons a rating may give; empty means Foyer's own list.
    public var feedbackReasons: [String] = []
    public var insightsPseudonymKey: String?
    public var demo = false
    public var maxBodySize = 2 << 20
    public var logLevel: Logger.Level = .info
    public var bootstrapToken: String?
    public var auth = AuthSettings()

    public init() {}

    /// Resolves every setting from its sources; a bad value names the source it came from.
    public static func resolve(
        flags: [String: [String]], environment: [String: String], file: ConfigFile?
    ) throws(FoyerError) -> ServerConfiguration {
        let sources = SettingSources(flags: flags, environment: try readingSecretFiles(environment), file: file)
        var configuration = ServerConfiguration()
        if let value = sources.value(.host) { configuration.host = value.text }
        if let value = sources.value(.port) { configuration.port = try value.integer(in: 1...65535) }
        if let value = sources.value(.dataDir) { configuration.dataDir = value.text }
        if let value = sources.value(.database) {
            do {
                configuration.database = try DatabaseLocation.parse(value.text)
            } catch {
                throw .configuration("\(value.origin): \(error.message)")
            }
        } else {
            configuration.database = .sqlite(path: configuration.dataDir + "/foyer.sqlite")
        }
        if case .postgres = configuration.database { configuration.databasePoolSize = 10 }
        if let value = sources.value(.databasePoolSize) { configuration.databasePoolSize = try value.integer(in: 1...500) }
        configuration.catalogPaths = sources.list(.catalog)
        configuration.catalogAllowedRoots = sources.list(.catalogAllowedRoots)
        configuration.catalogAllowedHosts = sources.list(.catalogAllowedHosts).map { $0.lowercased() }
        if let value = sources.value(.catalogMaxFileSize) { configuration.catalogMaxFileSize = try value.integer(in: 1024...(1 << 30)) }
        if let value = sources.value(.catalogRefreshInterval) { configuration.catalogRefreshInterval = .seconds(try value.integer(in: 1...86_400)) }
        if let value = sources.value(.insightsRetentionDays) { configuration.insightsRetentionDays = try value.integer(in: 1...36_500) }
        if let value = sources.value(.insightsHeadcount) { configuration.insightsHeadcount = try value.integer(in: 0...10_000_000) }
        if let value = sources.value(.adoptionNewUserDays) { configuration.adoptionNewUserDays = try value.integer(in: 1...3650) }
        if let value = sources.value(.feedbackRatingScale) {
            switch value.text.lowercased() {
            case "stars": configuration.feedbackThumbs = false
            case "thumbs": configuration.feedbackThumbs = true
            default: throw .configuration("\(value.origin): '\(value.text)' is not a rating scale (stars or thumbs)")
            }
        }
        configuration.feedbackReasons = sources.list(.feedbackReasons)
        guard configuration.feedbackReasons.count <= 20, configuration.feedbackReasons.allSatisfy({ (1...60).contains($0.count) }) else {
            throw .configuration("feedbackReasons: give at most 20 reasons of 1 to 60 characters")
        }
        if let value = sources.value(.insightsPseudonymKey), !value.text.isEmpty {
            guard value.text.count >= 16, value.text.count <= 256 else {
                throw .configuration("\(value.origin): the pseudonym key must be 16 to 256 characters")
            }
            configuration.insightsPseudonymKey = value.text
        }
        if let value = sources.value(.demo) { configuration.demo = try value.boolean() }
        if let value = sources.value(.maxBodySize) { configuration.maxBodySize = try value.integer(in: 1024...(1 << 30)) }
        if let value = sources.value(.logLevel) {
            guard let level = Logger.Level(rawValue: value.text.lowercased()) else {
                throw .configuration("\(value.origin): '\(value.text)' is not a log level (trace, debug, info, notice, warning, error, critical)")
            }
            configuration.logLevel = level
        }
        if let value = sources.value(.bootstrapToken), !value.text.isEmpty {
            guard value.text.count <= 256, !value.text.contains(where: \.isWhitespace) else {
                throw .configuration("\(value.origin): the bootstrap token must be 1 to 256 characters without spaces")
            }
            configuration.bootstrapToken = value.text
        }
        try resolveAuth(sources, into: &configuration.auth)
        return configuration
    }

    /// `FOYER_X_FILE=path` gives a secret setting (database URL, tokens, keys) from a file, as
    /// container secrets are mounted, so it never has to sit in the environment or a config file.
    static func readingSecretFiles(_ environment: [String: String]) throws(FoyerError) -> [String: String] {
        var environment = environment
        for setting in Setting.all where setting.isSecret {
            let variable = setting.environmentVariable
            guard (environment[variable] ?? "").isEmpty, let path = environment[variable + "_FILE"] else { continue }
            guard let data = FileManager.default.contents(atPath: path), data.count <= 65_536, let text = String(data: data, encoding: .utf8) else {
                throw .configuration("\(variable)_FILE: \(path) cannot be read as a UTF-8 file of at most 64 KiB")
            }
            environment[variable] = text.trimmingCharacters(in: .newlines)
        }
        return environment
    }

    /// The `auth.*` settings.
    private static func resolveAuth(_ sources: SettingSources, into auth: inout AuthSettings) throws(FoyerError) {
        if let value = sources.value(.authAllowGuests) { auth.allowGuests = try value.boolean() }
        auth.proxy.addresses = sources.list(.authTrustedProxies)
        for address in auth.proxy.addresses {
            do { try ProxyTrust.validate(address) } catch { throw .configuration("\(Setting.authTrustedProxies.environmentVariable) or config: \(error.message)") }
        }
        if let value = sources.value(.authProxyUserHeader) { auth.proxy.userHeader = try value.headerName() }
        if let value = sources.value(.authProxyEmailHeader) { auth.proxy.emailHeader = try value.headerName() }
        if let value = sources.value(.authSessionIdleMinutes) { auth.sessionLifetime.idle = .seconds(60 * (try value.integer(in: 1...525_600))) }
        if let value = sources.value(.authSessionMaxHours) { auth.sessionLifetime.absolute = .seconds(3600 * (try value.integer(in: 1...8760))) }
        if let value = sources.value(.authBcryptCost) { auth.bcryptCost = try value.integer(in: 4...16) }
    }
}

/// A raw setting value and where it came from, for error messages.
struct SettingValue {
    let text: String
    let origin: String

    func integer(in range: ClosedRange<Int>) throws(FoyerError) -> Int {
        guard let number = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(number) else {
            throw .configuration("\(origin): '\(text)' is not a whole number between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    /// An HTTP header name: letters, digits and dashes.
    func headerName() throws(FoyerError) -> String {
        guard (1...100).contains(text.count), text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw .configuration("\(origin): '\(text.prefix(100))' is not an HTTP header name")
        }
        return text
    }

    func boolean() throws(FoyerError) -> Bool {
        switch text.lowercased() {
        case "true", "yes", "1", "on": return true
        case "false", "no", "0", "off", "": return false
        default: throw .configuration("\(origin): '\(text)' is not true or false")
        }
    }
}

/// The three places a setting can be given, consulted in precedence order.
struct SettingSources {
    let flags: [String: [String]]
    let environment: [String: String]
    let file: ConfigFile?

    func value(_ setting: Setting) -> SettingValue? {
        if let values = flags[setting.key], let last = values.last {
            return SettingValue(text: last, origin: setting.flag)
        }
        if let text = environment[setting.environmentVariable] {
            return SettingValue(text: text, origin: setting.environmentVariable)
        }
        if let file, let last = file.values[setting.key]?.last {
            return SettingValue(text: last, origin: "config file \(file.path): \(setting.key)")
        }
        return nil
    }

    func list(_ setting: Setting) -> [String] {
        if let values = flags[setting.key], !values.isEmpty { return values }
        if let text = environment[setting.environmentVariable] {
            return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return file?.values[setting.key] ?? []
    }
}
