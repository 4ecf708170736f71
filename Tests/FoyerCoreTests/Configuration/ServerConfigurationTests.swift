import FoyerCore
import FoyerTestSupport
import Testing

@Suite struct ServerConfigurationTests {
    @Test func defaultsServeOnLoopbackPort7007WithSQLiteInTheDataFolder() throws {
        let configuration = try ServerConfiguration.resolve(flags: [:], environment: [:], file: nil)
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 7007)
        #expect(configuration.database == .sqlite(path: "./foyer-data/foyer.sqlite"))
        #expect(configuration.demo == false)
    }

    @Test func flagBeatsEnvironmentWhichBeatsFileWhichBeatsDefault() throws {
        let file = try ConfigFile.parse("port: 9001\nhost: 0.0.0.0\nlogLevel: debug\n", path: "foyer.yaml")
        let environment = ["FOYER_PORT": "9002", "FOYER_HOST": "127.0.0.2"]
        let configuration = try ServerConfiguration.resolve(flags: ["port": ["9003"]], environment: environment, file: file)
        #expect(configuration.port == 9003)
        #expect(configuration.host == "127.0.0.2")
        #expect(configuration.logLevel == .debug)
        #expect(configuration.maxBodySize == 2 << 20)
    }

    @Test func authSettingsComeFromDottedKeysTheirFlagsAndEnvironmentVariables() throws {
        #expect(Setting.authAllowGuests.environmentVariable == "FOYER_AUTH_ALLOW_GUESTS" && Setting.authAllowGuests.flag == "--auth-allow-guests")
        let file = try ConfigFile.parse("auth.allowGuests: true\nauth.trustedProxies: [10.0.0.0/8]\nauth.sessionIdleMinutes: 30\n", path: "foyer.yaml")
        let configuration = try ServerConfiguration.resolve(flags: [:], environment: ["FOYER_AUTH_BCRYPT_COST": "10"], file: file)
        #expect(configuration.auth.allowGuests && configuration.auth.proxy.addresses == ["10.0.0.0/8"] && configuration.auth.bcryptCost == 10)
        #expect(configuration.auth.sessionLifetime.idle == .seconds(1800))
        #expect(try ServerConfiguration.resolve(flags: [:], environment: [:], file: nil).auth.allowGuests == false, "closed unless allowed")
        let nested = try ConfigFile.parse("auth:\n  allowGuests: true\n  proxyUserHeader: X-Remote-User\n", path: "foyer.yaml")
        let fromNested = try ServerConfiguration.resolve(flags: [:], environment: [:], file: nested)
        #expect(fromNested.auth.allowGuests && fromNested.auth.proxy.userHeader == "X-Remote-User")
        #expect(throws: FoyerError.self) { try ServerConfiguration.resolve(flags: [:], environment: ["FOYER_AUTH_TRUSTED_PROXIES": "proxy.local"], file: nil) }
        #expect(throws: FoyerError.self) { try ServerConfiguration.resolve(flags: [:], environment: ["FOYER_AUTH_BCRYPT_COST": "3"], file: nil) }
    }

    @Test func moduleSettingsAlsoComeFromDottedKeysAsTheSpecsWriteThem() throws {
        let file = try ConfigFile.parse("adoption.newUserDays: 30\ncatalog.allowedHosts: [git.example.com]\ninsights:\n  retentionDays: 400\n", path: "foyer.yaml")
        let configuration = try ServerConfiguration.resolve(flags: [:], environment: [:], file: file)
        #expect(configuration.adoptionNewUserDays == 30)
        #expect(configuration.catalogAllowedHosts == ["git.example.com"])
        #expect(configuration.insightsRetentionDays == 400)
        #expect(throws: FoyerError.self) { try ConfigFile.parse("adoption.newUserWeeks: 3\n", path: "foyer.yaml") }
    }

    @Test func secretsAreReadFromTheFileTheirFileVariableNames() throws {
        let folder = try TestFolder()
        try folder.write("token", "from-a-file-token\n")
        let environment = ["FOYER_BOOTSTRAP_TOKEN_FILE": folder.file("token"), "FOYER_PORT_FILE": folder.file("token")]
        let configuration = try ServerConfiguration.resolve(flags: [:], environment: environment, file: nil)
        #expect(configuration.bootstrapToken == "from-a-file-token")
        #expect(configuration.port == 7007, "only secret settings read files")
        let missing = #expect(throws: FoyerError.self) {
            try ServerConfiguration.resolve(flags: [:], environment: ["FOYER_DATABASE_FILE": folder.file("nope")], file: nil)
        }
        #expect(missing?.message.contains("FOYER_DATABASE_FILE") == true)
    }

    @Test func dataDirectoryMovesTheDefaultSQLiteFile() throws {
        let configuration = try ServerConfiguration.resolve(flags: ["dataDir": ["/srv/foyer"]], environment: [:], file: nil)
        #expect(configuration.database == .sqlite(path: "/srv/foyer/foyer.sqlite"))
    }

    @Test func catalogListComesFromRepeatedFlagsCommaSeparatedEnvironmentOrYAMLList() throws {
        let file = try ConfigFile.parse("catalog:\n  - a.yaml\n  - b/\n", path: "foyer.yaml")
        #expect(try ServerConfiguration.resolve(flags: [:], environment: [:], file: file).catalogPaths == ["a.yaml", "b/"])
        #expect(try ServerConfiguration.resolve(flags: [:], environment: ["FOYER_CATALOG": "x.yaml, y/*.yaml"], file: file).catalogPaths == ["x.yaml", "y/*.yaml"])
        #expect(try ServerConfiguration.resolve(flags: ["catalog": ["z.yaml"]], environment: [:], file: file).catalogPaths == ["z.yaml"])
    }

    @Test func badPortNamesTheSourceItCameFrom() {
        #expect(throws: FoyerError.self) { try ServerConfiguration.resolve(flags: [:], environment: ["FOYER_PORT": "http"], file: nil) }
        do {
            _ = try ServerConfiguration.resolve(flags: [:], environment: ["FOYER_PORT": "70000"], file: nil)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("FOYER_PORT"))
            #expect(error.message.contains("70000"))
        }
    }

    @Test func postgresDatabaseRaisesTheDefaultPoolSize() throws {
        let configuration = try ServerConfiguration.resolve(flags: ["database": ["postgres://u:p@db:5433/foyer"]], environment: [:], file: nil)
        #expect(configuration.databasePoolSize == 10)
        guard case .postgres(let url) = configuration.database else {
            Issue.record("expected PostgreSQL")
            return
        }
        #expect(url.port == 5433)
        #expect(url.database == "foyer")
        #expect(url.password == "p")
    }

    @Test func bootstrapTokenWithSpacesIsRefusedAndAnyOtherIsKept() throws {
        #expect(throws: FoyerError.self) { try ServerConfiguration.resolve(flags: [:], environment: ["FOYER_BOOTSTRAP_TOKEN": "two words"], file: nil) }
        #expect(try ServerConfiguration.resolve(flags: [:], environment: ["FOYER_BOOTSTRAP_TOKEN": "dev"], file: nil).bootstrapToken == "dev")
    }
}

@Suite struct ConfigFileTests {
    @Test func unknownKeyIsRefusedWithItsLine() {
        do {
            _ = try ConfigFile.parse("port: 7007\nprot: 8080\n", path: "foyer.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.hasPrefix("config file foyer.yaml:2: unknown key 'prot'"))
        }
    }

    @Test func malformedYAMLNamesFileAndLine() {
        do {
            _ = try ConfigFile.parse("port: 7007\nhost: [unclosed\n", path: "foyer.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("foyer.yaml"))
            #expect(error.message.contains("line"))
        }
    }

    @Test func topLevelListIsNotAConfigFile() {
        #expect(throws: FoyerError.self) { try ConfigFile.parse("- port\n", path: "foyer.yaml") }
    }

    @Test func emptyFileSetsNothing() throws {
        #expect(try ConfigFile.parse("", path: "foyer.yaml").values.isEmpty)
    }
}

@Suite struct DatabaseLocationTests {
    @Test func sqliteURLNamesAFile() throws {
        #expect(try DatabaseLocation.parse("sqlite:/tmp/x.sqlite") == .sqlite(path: "/tmp/x.sqlite"))
        #expect(try DatabaseLocation.parse("sqlite://data/x.sqlite") == .sqlite(path: "data/x.sqlite"))
    }

    @Test func unsupportedSchemeIsRefusedWithoutShowingThePassword() {
        do {
            _ = try DatabaseLocation.parse("mysql://root:secret@db/foyer")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("not supported"))
            #expect(!error.message.contains("secret"))
        }
    }

    @Test func postgresURLWithoutDatabaseOrUserIsRefused() {
        #expect(throws: FoyerError.self) { try DatabaseLocation.parse("postgres://user:pw@localhost:5432") }
        #expect(throws: FoyerError.self) { try DatabaseLocation.parse("postgres://localhost:5432/foyer") }
        #expect(throws: FoyerError.self) { try DatabaseLocation.parse("postgres://u@localhost/foyer?sslmode=verify") }
    }

    @Test func descriptionNeverContainsThePassword() throws {
        let location = try DatabaseLocation.parse("postgres://foyer:hunter2@db.internal:5432/portal")
        #expect(location.description == "postgres://foyer:***@db.internal:5432/portal")
    }
}
