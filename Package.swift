// swift-tools-version:6.2
import PackageDescription

/// Upcoming-language features applied to every Swift target (the Hummingbird / NIO / swift-crypto habit), and no
/// warning left standing in our own code (dependencies are not affected).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "Tipline",
    platforms: [.macOS(.v15), .iOS(.v18)],
    products: [
        .library(name: "TiplineCore", targets: ["TiplineCore"]),
        .library(name: "TiplineClient", targets: ["TiplineClient"]),
        .executable(name: "tipline", targets: ["TiplineCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-configuration.git", from: "1.4.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // MARK: libsodium from Debian (libsodium-dev), found with pkg-config
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"]), .brew(["libsodium"])]
        ),

        // MARK: Platform-neutral core: no I/O, no server, no logging
        .target(
            name: "TiplineCore",
            dependencies: [
                "CSodium",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Crash-safe files and retry delays, shared by the reader app, the journalist and the CoverNode
        .target(name: "TiplineSupport", swiftSettings: swiftSettings),

        // MARK: The reader-app library (Foundation + TiplineCore only)
        .target(
            name: "TiplineClient", dependencies: ["TiplineCore", "TiplineSupport"],
            resources: [.copy("Resources/eff_large_wordlist.txt")],
            swiftSettings: swiftSettings),

        // MARK: Server side
        .target(
            name: "TiplineStorage",
            dependencies: [
                "TiplineCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TiplineServer",
            dependencies: [
                "TiplineCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TiplineAPI",
            dependencies: [
                "TiplineCore", "TiplineStorage", "TiplineServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TiplineCoverNode",
            dependencies: [
                "TiplineCore", "TiplineStorage", "TiplineServer", "TiplineAPIClient", "TiplineSupport",
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: A typed HTTP client of the Tipline API, for journalists, the CoverNode, the admin and tests
        .target(
            name: "TiplineAPIClient",
            dependencies: [
                "TiplineCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Journalist, admin, simulation
        .target(
            name: "TiplineJournalist",
            dependencies: [
                "TiplineCore", "TiplineAPIClient", "TiplineSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TiplineAdmin",
            dependencies: ["TiplineCore", "TiplineAPIClient"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TiplineSimulation",
            dependencies: ["TiplineCore", "TiplineClient"],
            swiftSettings: swiftSettings
        ),

        // MARK: The journalist's desk: a local web UI (`tipline journalist ui`)
        .target(
            name: "TiplineJournalistUI",
            dependencies: [
                "TiplineJournalist", "TiplineCore", "TiplineAPIClient",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Templates"), .copy("Static")],
            swiftSettings: swiftSettings
        ),

        // MARK: `tipline serve` and `tipline demo`: the whole server side in one process, tested in-process
        .target(
            name: "TiplineEmbedded",
            dependencies: [
                "TiplineCore", "TiplineStorage", "TiplineServer", "TiplineAPI", "TiplineCoverNode", "TiplineAPIClient",
                "TiplineAdmin", "TiplineJournalist", "TiplineSimulation",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: The single `tipline` binary: one small file per subcommand
        .executableTarget(
            name: "TiplineCLI",
            dependencies: [
                "TiplineCore", "TiplineClient", "TiplineServer", "TiplineAPI", "TiplineCoverNode", "TiplineJournalist",
                "TiplineAdmin", "TiplineSimulation", "TiplineAPIClient", "TiplineJournalistUI", "TiplineEmbedded",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        .target(
            name: "TiplineTestSupport",
            dependencies: [
                "TiplineCore", "TiplineAPI", "TiplineAPIClient", "TiplineServer", "TiplineStorage",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/TiplineTestSupport",
            swiftSettings: swiftSettings),
        .testTarget(
            name: "TiplineCoreTests",
            dependencies: [
                "TiplineCore", "TiplineTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "CompressNIO", package: "compress-nio"), .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TiplineClientTests",
            dependencies: [
                "TiplineClient", "TiplineCore", "TiplineSimulation", "TiplineStorage", "TiplineCoverNode",
                "TiplineAPIClient", "TiplineTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TiplineStorageTests",
            dependencies: [
                "TiplineStorage", "TiplineCore", "TiplineTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TiplineAPITests",
            dependencies: [
                "TiplineAPI", "TiplineStorage", "TiplineServer", "TiplineCore", "TiplineTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TiplineCoverNodeTests",
            dependencies: [
                "TiplineCoverNode", "TiplineCore", "TiplineAPIClient", "TiplineStorage", "TiplineServer",
                "TiplineTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TiplineJournalistTests",
            dependencies: [
                "TiplineJournalist", "TiplineCore", "TiplineAPIClient", "TiplineStorage", "TiplineAdmin",
                "TiplineTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TiplineJournalistUITests",
            dependencies: [
                "TiplineJournalistUI", "TiplineJournalist", "TiplineCore", "TiplineAPIClient", "TiplineAdmin",
                "TiplineTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TiplineSupportTests",
            dependencies: ["TiplineSupport", "TiplineTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TiplineEmbeddedTests",
            dependencies: [
                "TiplineEmbedded", "TiplineAPIClient", "TiplineCore", "TiplineCoverNode", "TiplineTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["TiplineCore", "TiplineClient", "TiplineAPIClient", "TiplineTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
