import ArgumentParser
import Foundation
import FoyerCore
import Hummingbird
import NIOCore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the portal server.",
        discussion: "Stops gracefully on SIGTERM or SIGINT: requests in flight finish, then it exits 0.")

    @OptionGroup var storage: StorageOptions

    @Option(help: help(.host)) var host: String?
    @Option(help: help(.port)) var port: String?
    @Option(help: help(.catalog)) var catalog: [String] = []
    @Flag(help: help(.demo)) var demo = false
    @Option(help: help(.catalogRefreshInterval)) var catalogRefreshInterval: String?
    @Option(help: help(.catalogAllowedRoots)) var catalogAllowedRoots: [String] = []
    @Option(help: help(.catalogAllowedHosts)) var catalogAllowedHosts: [String] = []
    @Option(help: help(.catalogMaxFileSize)) var catalogMaxFileSize: String?
    @Option(help: help(.insightsRetentionDays)) var insightsRetentionDays: String?
    @Option(help: help(.insightsHeadcount)) var insightsHeadcount: String?
    @Option(help: help(.adoptionNewUserDays)) var adoptionNewUserDays: String?
    @Option(help: help(.maxBodySize)) var maxBodySize: String?
    @Option(help: help(.logLevel)) var logLevel: String?
    @Flag(name: .customLong("auth-allow-guests"), help: help(.authAllowGuests)) var authAllowGuests = false
    @Option(name: .customLong("auth-trusted-proxies"), help: help(.authTrustedProxies)) var authTrustedProxies: [String] = []

    var flags: [String: [String]] {
        var flags: [String: [String]] = [:]
        flags[Setting.host.key] = host.map { [$0] }
        flags[Setting.port.key] = port.map { [$0] }
        flags[Setting.catalog.key] = catalog.isEmpty ? nil : catalog
        flags[Setting.demo.key] = demo ? ["true"] : nil
        flags[Setting.catalogRefreshInterval.key] = catalogRefreshInterval.map { [$0] }
        flags[Setting.catalogAllowedRoots.key] = catalogAllowedRoots.isEmpty ? nil : catalogAllowedRoots
        flags[Setting.catalogAllowedHosts.key] = catalogAllowedHosts.isEmpty ? nil : catalogAllowedHosts
        flags[Setting.catalogMaxFileSize.key] = catalogMaxFileSize.map { [$0] }
        flags[Setting.insightsRetentionDays.key] = insightsRetentionDays.map { [$0] }
        flags[Setting.insightsHeadcount.key] = insightsHeadcount.map { [$0] }
        flags[Setting.adoptionNewUserDays.key] = adoptionNewUserDays.map { [$0] }
        flags[Setting.maxBodySize.key] = maxBodySize.map { [$0] }
        flags[Setting.logLevel.key] = logLevel.map { [$0] }
        flags[Setting.authAllowGuests.key] = authAllowGuests ? ["true"] : nil
        flags[Setting.authTrustedProxies.key] = authTrustedProxies.isEmpty ? nil : authTrustedProxies
        return flags
    }

    func run() async throws {
        try await reportingFailures {
            let configuration = try storage.resolve(extraFlags: flags)
            let logger = makeLogger(level: configuration.logLevel)
            if case .sqlite = configuration.database { try DataFolder.prepare(configuration.dataDir) }
            logger.info("opening database", metadata: ["database": .string(configuration.database.description)])
            let server = try await FoyerServer.start(configuration: configuration, modules: try registeredModules(), logger: logger)
            if configuration.demo {
                try await server.loadDemoIfEmpty()
            }
            try await server.startModules()
            do {
                try await server.makeApplication().runService()
            } catch let error as IOError where error.errnoCode == EADDRINUSE {
                throw FoyerError.configuration("cannot listen on \(configuration.host):\(configuration.port): the address is already in use")
            } catch let error as IOError {
                throw FoyerError.configuration("cannot listen on \(configuration.host):\(configuration.port): \(error.description)")
            }
            logger.notice("Foyer stopped")
        }
    }
}
