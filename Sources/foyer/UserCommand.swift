import ArgumentParser
import Foundation
import FoyerCore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage local accounts (passwords stored as bcrypt hashes).",
        subcommands: [Create.self, List.self, Disable.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account that signs in with a password.",
            discussion: "The password is read from --password-file or, without it, from the first line of standard input; never from the command line, where other users could see it.")
        @OptionGroup var storage: StorageOptions
        @Option(help: "Sign-in name: letters a–z, digits and . _ - @ +; linked to the catalog User of that name.") var username: String
        @Option(help: "Email address; links the account to the catalog User with this spec.profile.email when no name matches.") var email: String?
        @Option(help: "viewer, editor or admin.") var role: String = "viewer"
        @Option(help: "A file holding the password on its first line.") var passwordFile: String?

        func run() async throws {
            try await withServer(storage) { server in
                let password = try readPassword()
                let account = try await AccountManager(authenticator: server.authenticator)
                    .create(username: username, email: email, password: password, role: try Role.parse(role))
                try await recordCommand("user create \(account.username) as \(account.role.rawValue)", on: server)
                print("Created account \(account.username) (\(account.role.rawValue))"
                      + (account.userRef.map { ", linked to \($0)" } ?? ", not linked to a catalog user") + ".")
            }
        }

        private func readPassword() throws -> String {
            if let passwordFile {
                guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                    throw FoyerError.badRequest("cannot read the password file \(passwordFile)")
                }
                return String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
            }
            guard let line = readLine(strippingNewline: true) else { throw FoyerError.badRequest("give the password on standard input or with --password-file") }
            return line
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        @OptionGroup var storage: StorageOptions

        func run() async throws {
            try await withServer(storage) { server in
                let rows = try await server.authenticator.accounts.all().map { account in
                    [account.username, account.role.rawValue, account.origin.rawValue, account.userRef ?? "—", account.isDisabled ? "disabled" : "active"]
                }
                print(TextTable.render(header: ["USERNAME", "ROLE", "ORIGIN", "CATALOG USER", "STATUS"], rows: rows))
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account and end its sessions.")
        @OptionGroup var storage: StorageOptions
        @Argument(help: "The username.") var username: String

        func run() async throws {
            try await withServer(storage) { server in
                guard let account = try await server.authenticator.accounts.find(username: username) else {
                    throw FoyerError.notFound("no account named '\(username)'")
                }
                _ = try await AccountManager(authenticator: server.authenticator).update(id: account.id, disabled: true, by: nil)
                try await recordCommand("user disable \(account.username)", on: server)
                print("Disabled \(account.username); its sessions are ended.")
            }
        }
    }
}
