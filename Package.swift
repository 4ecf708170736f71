// swift-tools-version:6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// A module's test target: the modules it tests, the shared test support and HummingbirdTesting.
func moduleTests(_ name: String, testing modules: [Target.Dependency]) -> Target {
    .testTarget(
        name: name,
        dependencies: modules + [
            "FoyerTestSupport",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ],
        swiftSettings: strict
    )
}

let package = Package(
    name: "foyer",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "foyer", targets: ["foyer"]),
        .executable(name: "foyer-fuzz", targets: ["foyer-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
    ],
    targets: [
        .target(
            name: "FoyerCore",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Catalog",
            dependencies: [
                "FoyerCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Demo/organisation")],
            swiftSettings: strict
        ),
        .target(
            name: "Insights",
            dependencies: [
                "FoyerCore",
                "Catalog",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "EntityRules",
            dependencies: ["FoyerCore", "Catalog"],
            swiftSettings: strict
        ),
        .target(
            name: "Adoption",
            dependencies: [
                "FoyerCore",
                "Catalog",
                "Insights",
                "EntityRules",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("BuiltIn"), .copy("Demo/learning")],
            swiftSettings: strict
        ),
        .target(
            name: "Scorecards",
            dependencies: [
                "FoyerCore",
                "Catalog",
                "EntityRules",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("BuiltIn")],
            swiftSettings: strict
        ),
        .target(
            name: "Feedback",
            dependencies: [
                "FoyerCore",
                "Catalog",
                "EntityRules",
                "Insights",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "Web",
            dependencies: [
                "FoyerCore",
                "Catalog",
                "Insights",
                "Adoption",
                "Scorecards",
                "Feedback",
                "EntityRules",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Templates"), .copy("Assets")],
            swiftSettings: strict
        ),
        .target(
            name: "FuzzTargets",
            dependencies: ["FoyerCore", "Catalog", "EntityRules"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "foyer-fuzz",
            dependencies: ["FuzzTargets"],
            swiftSettings: strict
        ),
        .target(name: "CMallocTuning"),
        .executableTarget(
            name: "foyer",
            dependencies: [
                "CMallocTuning",
                "FoyerCore",
                "Catalog",
                "Insights",
                "Adoption",
                "Scorecards",
                "Feedback",
                "Web",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "FoyerTestSupport",
            dependencies: [
                "FoyerCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/FoyerTestSupport",
            swiftSettings: strict
        ),
        .target(
            name: "CatalogTestSupport",
            dependencies: ["Catalog", "FoyerTestSupport", .product(name: "Logging", package: "swift-log")],
            path: "Tests/CatalogTestSupport",
            swiftSettings: strict
        ),
        moduleTests("FoyerCoreTests", testing: ["FoyerCore"]),
        moduleTests("FuzzTargetsTests", testing: ["FuzzTargets"]),
        moduleTests("CatalogTests", testing: ["Catalog", "CatalogTestSupport", "FoyerCore"]),
        moduleTests("InsightsTests", testing: ["Insights", "Catalog", "FoyerCore"]),
        moduleTests("EntityRulesTests", testing: ["EntityRules", "Catalog", "CatalogTestSupport", "FoyerCore"]),
        moduleTests("AdoptionTests", testing: ["Adoption", "EntityRules", "Insights", "Catalog", "CatalogTestSupport", "FoyerCore"]),
        moduleTests("ScorecardsTests", testing: ["Scorecards", "EntityRules", "Catalog", "CatalogTestSupport", "FoyerCore"]),
        moduleTests("FeedbackTests", testing: ["Feedback", "EntityRules", "Insights", "Catalog", "FoyerCore"]),
        moduleTests("WebTests", testing: ["Web", "Adoption", "Scorecards", "Feedback", "Catalog", "Insights", "FoyerCore"]),
    ]
)
