// swift-tools-version:6.0
// A separate package for the performance benchmark of issue 11. The main package does not depend on
// it and CI does not build it: build and run it through `Benchmarks/run.sh`.
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which depends on where the repository was
// cloned (`main`, `stance`, ...): read it off this manifest's own path.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let mainIdentity = mainPackage.lastPathComponent.lowercased()

let package = Package(
    name: "stance-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "stance-bench",
            dependencies: [.product(name: "StanceKit", package: mainIdentity)]
        ),
    ],
    swiftLanguageModes: [.v5]
)
