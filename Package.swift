// swift-tools-version: 6.1
// ImmunoKit: machine learning for cancer immunotherapy, in Swift.
// Layering (lower never imports higher) is documented in ../shared/DESIGN.md and README.md.
import PackageDescription

let package = Package(
    name: "ImmunoKit",
    platforms: [.macOS(.v14), .iOS(.v17)],
    products: [
        .library(name: "ImmunoKit", targets: ["ImmunoKit"]),
        .executable(name: "immunokit", targets: ["immunokit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // zlib, for streaming gzip input and output. Part of every Swift-on-Linux install (zlib1g-dev)
        // and of the Apple SDKs.
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .target(name: "Statistics"),
        .target(name: "CohortData", dependencies: ["Statistics", "CZlib", "Yams"]),
        .target(name: "Simulation", dependencies: ["Statistics", "CohortData"]),
        .target(name: "ImmunoKit", dependencies: ["Statistics", "CohortData", "Simulation"]),
        .executableTarget(
            name: "immunokit",
            dependencies: [
                "ImmunoKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "immunokit-bench",
            dependencies: ["CohortData", "Statistics"],
            path: "Benchmarks/immunokit-bench"
        ),

        // Shared test fixtures: real-data location, seeded generators, temporary folders.
        .target(name: "TestSupport", dependencies: ["Statistics", "CohortData"], path: "Tests/TestSupport"),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "TestSupport"]),
        .testTarget(name: "CohortDataTests", dependencies: ["CohortData", "TestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "TestSupport"]),
        .testTarget(name: "ImmunoKitCLITests", dependencies: ["ImmunoKit", "TestSupport"]),
    ]
)
