import ArgumentParser
import Foundation
import FoyerCore
import Logging

/// Options every command that opens the database shares with `serve`.
struct StorageOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: ArgumentHelp("YAML config file with setting keys (env FOYER_CONFIG).", valueName: "file"))
    var configFile: String?

    @Option(help: help(.dataDir))
    var dataDir: String?

    @Option(help: help(.database))
    var database: String?

    @Option(help: help(.databasePoolSize))
    var databasePoolSize: String?

    var flags: [String: [String]] {
        var flags: [String: [String]] = [:]
        flags[Setting.dataDir.key] = dataDir.map { [$0] }
        flags[Setting.database.key] = database.map { [$0] }
        flags[Setting.databasePoolSize.key] = databasePoolSize.map { [$0] }
        return flags
    }

    /// Resolves flags over the environment over the config file.
    func resolve(extraFlags: [String: [String]] = [:]) throws(FoyerError) -> ServerConfiguration {
        let environment = ProcessInfo.processInfo.environment
        let file = try (configFile ?? environment["FOYER_CONFIG"]).map { path throws(FoyerError) in try ConfigFile.load(path: path) }
        return try ServerConfiguration.resolve(flags: flags.merging(extraFlags) { $1 }, environment: environment, file: file)
    }
}

/// Help text for a setting that names its environment variable.
func help(_ setting: Setting) -> ArgumentHelp {
    ArgumentHelp("\(setting.summary) (env \(setting.environmentVariable); default \(setting.defaultText)).", valueName: setting.key.lowercased())
}

/// Runs a command body, printing any failure as one line on standard error and exiting non-zero.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        FileHandle.standardError.write(Data("foyer: error: \(describeFailure(error))\n".utf8))
        throw ExitCode.failure
    }
}

func describeFailure(_ error: any Error) -> String {
    if let foyerError = error as? FoyerError { return foyerError.message }
    return String(describing: error).split(separator: "\n").first.map(String.init) ?? "unknown error"
}

/// A logger on standard error at `level`; the logging system is set up once per process.
func makeLogger(level: Logger.Level) -> Logger {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
    var logger = Logger(label: "foyer")
    logger.logLevel = level
    return logger
}
