import ArgumentParser
import Foundation
import Catalog
import FoyerCore

@main
struct Foyer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "foyer",
        abstract: "Foyer, the internal developer portal that drives its own adoption.",
        discussion: """
            Start with `foyer serve --demo` and open http://127.0.0.1:7007.
            Every serve option can also be set with a FOYER_* environment variable or a key in a YAML
            file given with --config; a flag beats the environment, which beats the file.
            """,
        version: FoyerVersion.current,
        subcommands: [ServeCommand.self, ValidateCommand.self, MigrateCommand.self, TokenCommand.self, UserCommand.self, VersionCommand.self])

    /// Like ArgumentParser's own entry point, but usage errors exit with status 2, as Unix tools do.
    static func main() async {
        MallocArenas.limit()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}


struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print Foyer's version.")

    func run() {
        print("foyer \(FoyerVersion.current)")
    }
}
