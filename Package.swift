// swift-tools-version: 6.1
// ImmunoKit: machine learning for cancer immunotherapy, in Swift.
// Layering (lower never imports higher) is documented in ../shared/DESIGN.md and README.md.
import PackageDescription

#if canImport(Glibc)
import Glibc
#endif

/// Whether the machine building the package has AVX2, FMA, BMI2 and MOVBE (x86-64 Linux; elsewhere false).
let hostHasAVX2: Bool = {
    #if arch(x86_64) && os(Linux)
    guard let file = fopen("/proc/cpuinfo", "r") else { return false }
    defer { fclose(file) }
    var flags = ""
    var line: UnsafeMutablePointer<CChar>? = nil
    var capacity = 0
    while getline(&line, &capacity, file) > 0 {
        let text = String(cString: line!)
        if text.hasPrefix("flags") { flags = text; break }
    }
    free(line)
    let words = Set(flags.split(separator: " ").map(String.init))
    return ["avx2", "fma", "bmi2", "movbe"].allSatisfy(words.contains)
    #else
    return false
    #endif
}()

/// `-target-cpu haswell` (AVX2 + FMA + BMI2) for the numeric targets, when the machine building the package
/// has those instructions: without FMA, SIMD multiply-add becomes a library call and dense kernels run
/// ~20× slower. Other hosts (Apple silicon, older x86) build with the toolchain's defaults.
let numericSettings: [SwiftSetting] = hostHasAVX2 ? [.unsafeFlags(["-target-cpu", "haswell"])] : []

/// The same instruction set for the C vector kernels.
let kernelSettings: [CSetting] = hostHasAVX2 ? [.unsafeFlags(["-mavx2", "-mfma", "-mbmi2"])] : []

let package = Package(
    name: "ImmunoKit",
    platforms: [.macOS(.v14), .iOS(.v17)],
    products: [
        .library(name: "ImmunoKit", targets: ["ImmunoKit"]),
        .executable(name: "immunokit", targets: ["immunokit"]),
    ],
    traits: [
        .trait(name: "OpenBLAS",
               description: "Route large dense matrix products to the system OpenBLAS (libopenblas-dev). Off by default."),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-atomics", from: "1.2.0"),
    ],
    targets: [
        // zlib, for streaming gzip input and output. Part of every Swift-on-Linux install (zlib1g-dev)
        // and of the Apple SDKs.
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        .target(name: "Statistics", swiftSettings: numericSettings),
        // System OpenBLAS, only with the OpenBLAS trait (`swift build --traits OpenBLAS`).
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS", providers: [.apt(["libopenblas-dev"])]),
        .target(
            name: "LinearAlgebra",
            dependencies: [.target(name: "COpenBLAS", condition: .when(traits: ["OpenBLAS"]))],
            swiftSettings: numericSettings
        ),
        .target(name: "CohortData", dependencies: ["Statistics", "CZlib", "Yams"]),
        // Vector kernels of the tree learners (C with Clang vector extensions; see include/TreeKernels.h).
        .target(name: "CTreeKernels", cSettings: kernelSettings),
        .target(name: "Learning",
                dependencies: ["Statistics", "LinearAlgebra", "CohortData", "CTreeKernels",
                               .product(name: "Atomics", package: "swift-atomics")],
                swiftSettings: numericSettings),
        .target(name: "Simulation", dependencies: ["Statistics", "CohortData"]),
        .target(name: "Signatures", dependencies: ["Statistics", "LinearAlgebra", "CohortData"],
                resources: [.process("Resources")], swiftSettings: numericSettings),
        .target(name: "Evaluation", dependencies: ["Statistics", "LinearAlgebra", "Learning"], swiftSettings: numericSettings),
        .target(name: "Discovery", dependencies: ["Statistics", "LinearAlgebra", "CohortData", "Learning", "Evaluation"],
                swiftSettings: numericSettings),
        .target(name: "Explanation", dependencies: ["Statistics", "Learning", "Evaluation"], swiftSettings: numericSettings),
        .target(name: "Treatment", dependencies: ["Statistics", "LinearAlgebra", "CohortData", "Learning", "Evaluation"],
                swiftSettings: numericSettings),
        .target(name: "Dosing", dependencies: ["Statistics"], swiftSettings: numericSettings),
        .target(name: "Reports", dependencies: ["CohortData", "Learning", "Evaluation", "Explanation"]),
        .target(name: "ImmunoKit", dependencies: ["Statistics", "LinearAlgebra", "CohortData", "Simulation", "Learning",
                                                  "Signatures", "Evaluation", "Reports", "Discovery", "Explanation",
                                                  "Treatment", "Dosing"]),
        .executableTarget(
            name: "immunokit",
            dependencies: [
                "ImmunoKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "immunokit-bench",
            dependencies: ["CohortData", "Statistics", "LinearAlgebra", "Simulation", "Learning", "Signatures", "Evaluation",
                           "Discovery", "Explanation", "Treatment", "Dosing"],
            path: "Benchmarks/immunokit-bench",
            swiftSettings: numericSettings
        ),

        // Shared test fixtures: real-data location, seeded generators, temporary folders.
        .target(name: "TestSupport", dependencies: ["Statistics", "CohortData", "Learning"], path: "Tests/TestSupport"),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "TestSupport"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(name: "LearningTests", dependencies: ["Learning", "CTreeKernels", "TestSupport"]),
        .testTarget(name: "SignaturesTests", dependencies: ["Signatures", "TestSupport"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "TestSupport"]),
        .testTarget(name: "DiscoveryTests", dependencies: ["Discovery", "Simulation", "TestSupport"]),
        .testTarget(name: "ExplanationTests", dependencies: ["Explanation", "Simulation", "TestSupport"]),
        .testTarget(name: "TreatmentTests", dependencies: ["Treatment", "Simulation", "TestSupport"]),
        .testTarget(name: "DosingTests", dependencies: ["Dosing", "TestSupport"]),
        .testTarget(name: "CohortDataTests", dependencies: ["CohortData", "TestSupport"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "TestSupport"]),
        .testTarget(name: "ImmunoKitCLITests", dependencies: ["ImmunoKit", "TestSupport"]),
    ]
)
