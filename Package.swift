// swift-tools-version:6.0
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "burnwatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "burnwatch", targets: ["burnwatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // Already in the graph through async-http-client; named so BurnwatchCollect can use
        // NIOSSL's TLSConfiguration (custom CA bundle) and NIO types directly.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        // HMAC-SHA256 and SHA-256 for SigV4 (and, with _CryptoExtras, RS256 for Google and Azure).
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        // The only importer of curses is BurnwatchTerminal.
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncurses-dev"]), .brew(["ncurses"])]
        ),
        // Pure model: Foundation only, no I/O, no clock reads.
        .target(name: "BurnwatchCore", swiftSettings: strictSettings),
        // A small TOML reader that keeps line numbers, for config and theme diagnostics.
        .target(name: "BurnwatchTOML", swiftSettings: strictSettings),
        .target(
            name: "BurnwatchCollect",
            dependencies: [
                "BurnwatchCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSettings
        ),
        // The AWS collector: SigV4, the credential chain, and the SageMaker, Bedrock, CloudWatch,
        // Cost Explorer and Budgets calls over raw HTTPS.
        .target(
            name: "CollectAWS",
            dependencies: [
                "BurnwatchCore", "BurnwatchCollect",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        // The GCP collector: Application Default Credentials (RS256 JWTs), and the Vertex AI,
        // Cloud Monitoring, BigQuery and Billing Budget calls over raw HTTPS.
        .target(
            name: "CollectGCP",
            dependencies: [
                "BurnwatchCore", "BurnwatchCollect",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        // Never imports a collector: its wire formats and signature checks are written separately.
        .target(
            name: "CloudSim",
            dependencies: [
                "BurnwatchCore", "BurnwatchCollect",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            exclude: ["README.md"],
            swiftSettings: strictSettings
        ),
        .target(name: "BurnwatchUI", dependencies: ["BurnwatchCore", "BurnwatchTOML"], swiftSettings: strictSettings),
        .target(name: "BurnwatchTerminal", dependencies: ["BurnwatchUI", "BurnwatchCore", "CNcursesw"], swiftSettings: strictSettings),
        .target(name: "BurnwatchReport", dependencies: ["BurnwatchCore"], swiftSettings: strictSettings),
        .target(
            name: "BurnwatchApp",
            dependencies: [
                "BurnwatchCore", "BurnwatchTOML", "BurnwatchCollect", "CollectAWS", "CollectGCP", "CloudSim", "BurnwatchUI",
                "BurnwatchTerminal", "BurnwatchReport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "burnwatch",
            dependencies: ["BurnwatchApp", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "BurnwatchBenchmarks",
            dependencies: ["BurnwatchCore", "BurnwatchUI", "CloudSim", "BurnwatchCollect", "CollectAWS", "CollectGCP"],
            swiftSettings: strictSettings
        ),
        // Fixtures shared by the test targets (never linked into the executable).
        .target(name: "BurnwatchTestSupport", dependencies: ["BurnwatchCore"], swiftSettings: strictSettings),
        .testTarget(name: "BurnwatchCoreTests", dependencies: ["BurnwatchCore"]),
        .testTarget(name: "BurnwatchTOMLTests", dependencies: ["BurnwatchTOML"]),
        .testTarget(
            name: "BurnwatchCollectTests",
            dependencies: [
                "BurnwatchCollect", "BurnwatchCore",
                // A tiny loopback HTTP(S) server to test the real transport against.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "CollectGCPTests",
            // "burnwatch": so the binary is built before GCPReportEndToEndTests runs it.
            dependencies: ["CollectGCP", "BurnwatchCore", "BurnwatchCollect", "CloudSim", "BurnwatchTestSupport", "burnwatch"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "CloudSimTests", dependencies: ["CloudSim", "BurnwatchCore", "BurnwatchCollect"]),
        .testTarget(
            name: "CollectAWSTests",
            // "burnwatch": so the binary is built before MotoReportEndToEndTests runs it.
            dependencies: ["CollectAWS", "BurnwatchCore", "BurnwatchCollect", "CloudSim", "BurnwatchTestSupport", "burnwatch"],
            exclude: ["Fixtures", "Moto/README.md"]
        ),
        .testTarget(name: "BurnwatchUITests", dependencies: ["BurnwatchUI", "BurnwatchCore", "CloudSim", "BurnwatchTestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "BurnwatchTerminalTests", dependencies: ["BurnwatchTerminal", "BurnwatchUI", "BurnwatchCore"]),
        .testTarget(name: "BurnwatchReportTests", dependencies: ["BurnwatchReport", "BurnwatchCore", "CloudSim", "BurnwatchTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "BurnwatchAppTests", dependencies: ["BurnwatchApp", "burnwatch", "BurnwatchTestSupport", "BurnwatchCollect", "BurnwatchCore", "BurnwatchUI", "CloudSim"]),
    ],
    swiftLanguageModes: [.v6]
)
