import ArgumentParser
import FoyerCore

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage API tokens (stored as hashes; a new token's secret is printed once).",
        subcommands: [Create.self, List.self, Revoke.self])

    static func withTokens(_ storage: StorageOptions, _ body: (TokenStore, FoyerServer) async throws -> Void) async throws {
        try await withServer(storage) { server in try await body(TokenStore(database: server.database), server) }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print its secret once.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "What the token is for, e.g. 'ci-pipeline'.") var name: String
        @Option(help: "viewer, editor or admin.") var role: String = "viewer"
        @Option(help: "Days until the token expires (default: never).") var expiresInDays: Int?

        func run() async throws {
            try await TokenCommand.withTokens(storage) { tokens, server in
                let expiry = try expiresInDays.map { days throws(FoyerError) -> EpochMillis in
                    guard (1...3650).contains(days) else { throw .badRequest("--expires-in-days must be between 1 and 3650") }
                    return EpochMillis(EpochMillis.now().value + Int64(days) * 86_400_000)
                }
                let created = try await tokens.create(name: name, role: try Role.parse(role), expiresAt: expiry)
                try await recordCommand("token create \(created.token.name) as \(created.token.role.rawValue)", on: server)
                print("Created token \(created.token.id) (\(created.token.role.rawValue)). Its secret, shown only this once:")
                print(created.secret)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens without their secrets.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await TokenCommand.withTokens(storage) { tokens, _ in
                let now = EpochMillis.now()
                let rows = try await tokens.list().map { token in
                    [token.id, token.name, token.role.rawValue, token.createdAt.iso8601, token.expiresAt?.iso8601 ?? "never",
                     token.revokedAt != nil ? "revoked" : (token.isActive(at: now) ? "active" : "expired")]
                }
                print(TextTable.render(header: ["ID", "NAME", "ROLE", "CREATED", "EXPIRES", "STATUS"], rows: rows))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by id; it stops working at once.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "The token id, as `foyer token list` shows it.") var id: String

        func run() async throws {
            try await TokenCommand.withTokens(storage) { tokens, server in
                let token = try await tokens.revoke(id: id)
                try await recordCommand("token revoke \(token.id) (\(token.name))", on: server)
                print("Revoked token \(token.id) (\(token.name)).")
            }
        }
    }
}
