import Foundation
import XCTest

/// Golden files live in Tests/Fixtures/golden-reports, found from this file's path so the test target
/// needs no resources. `RECORD_GOLDEN=1 swift test --filter StanceReportsTests` writes them anew;
/// review the diff before committing.
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden-reports")

    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// Compares bytes, so a lost byte-order mark or a CRLF turned into LF fails too.
    static func assertMatches(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = directory.appendingPathComponent(name)
        let bytes = Data(actual.utf8)
        if recording {
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try bytes.write(to: url)
            } catch {
                XCTFail("cannot record \(name): \(error)", file: file, line: line)
            }
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            XCTFail("no golden file \(name); record it with RECORD_GOLDEN=1 swift test --filter StanceReportsTests",
                    file: file, line: line)
            return
        }
        guard expected != bytes else { return }
        XCTFail("\(name) differs from its golden file: \(firstDifference(expected, bytes)); re-record with "
            + "RECORD_GOLDEN=1 if the change is intended", file: file, line: line)
    }

    static func firstDifference(_ expected: Data, _ actual: Data) -> String {
        let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let e = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            let a = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
            if !e.unicodeScalars.elementsEqual(a.unicodeScalars) {
                return "line \(index + 1)\n  expected: \(e.debugDescription)\n  actual:   \(a.debugDescription)"
            }
        }
        return "same lines, different bytes"
    }
}
