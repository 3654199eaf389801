// swift-tools-version:6.0
// libFuzzer targets of issue 12, one executable per input surface. A separate package so that the
// main build and CI never compile fuzzers: build and run them through `scripts/fuzz.sh`.
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which depends on where the repository was
// cloned (`main`, `stance`, ...): read it off this manifest's own path.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let mainIdentity = mainPackage.lastPathComponent.lowercased()
let stanceKit = Target.Dependency.product(name: "StanceKit", package: mainIdentity)

let package = Package(
    name: "stance-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        .target(name: "FuzzSupport", dependencies: [stanceKit]),
        .executableTarget(name: "fuzz-pipeline", dependencies: ["FuzzSupport", stanceKit]),
        .executableTarget(name: "fuzz-lexicon", dependencies: ["FuzzSupport", stanceKit]),
        .executableTarget(name: "fuzz-csv", dependencies: ["FuzzSupport", stanceKit]),
        .executableTarget(name: "fuzz-jsonl", dependencies: ["FuzzSupport", stanceKit]),
    ],
    swiftLanguageModes: [.v5]
)
