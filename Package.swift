// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "stance",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "stance", targets: ["stance"]),
        .library(name: "StanceKit", targets: ["StanceKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .target(name: "StanceCore"),
        .target(
            name: "StanceLexicon",
            dependencies: ["StanceCore", .product(name: "Yams", package: "Yams")]
        ),
        // The shipped lexicon set, bundled with the binary. SwiftPM takes resources only from
        // inside a target's own folder, so the target's folder is Lexicons/ itself.
        .target(
            name: "BundledLexicons",
            path: "Lexicons",
            exclude: ["README.md"],
            resources: [
                .copy("attribution"), .copy("cleaning"), .copy("segmentation"),
                .copy("stance"), .copy("topics"), .copy("speakers"), .copy("grammar"), .copy("suggest"),
                .copy("settings.yaml"),
            ]
        ),
        .target(name: "StanceAnalysis", dependencies: ["StanceCore"]),
        .target(name: "StanceReports", dependencies: ["StanceCore"]),
        .target(
            name: "StanceStore",
            dependencies: [
                "StanceCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "StanceKit",
            dependencies: ["StanceCore", "StanceLexicon", "StanceAnalysis", "StanceReports", "StanceStore", "BundledLexicons",
                           .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "stance",
            dependencies: ["StanceKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(
            name: "StanceTestSupport",
            dependencies: ["StanceCore", "StanceKit", "StanceLexicon"],
            path: "Tests/StanceTestSupport"
        ),
        .testTarget(name: "StanceCoreTests", dependencies: ["StanceCore"]),
        .testTarget(name: "StanceLexiconTests", dependencies: ["StanceLexicon", "StanceKit"]),
        .testTarget(name: "StanceAnalysisTests", dependencies: ["StanceAnalysis", "StanceKit", "StanceTestSupport"]),
        .testTarget(
            name: "StanceReportsTests",
            dependencies: ["StanceReports", "StanceKit", .product(name: "SwiftCSV", package: "SwiftCSV")]
        ),
        .testTarget(name: "StanceKitTests", dependencies: ["StanceKit", "StanceAnalysis", "StanceStore", "StanceTestSupport"]),
        .testTarget(
            name: "StanceStoreTests",
            dependencies: ["StanceStore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
