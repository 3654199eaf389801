import Foundation
import StanceCore
import StanceLexicon
import XCTest

extension XCTestCase {
    /// Writes `files` (relative path -> bytes) into a new temporary folder, removed when the test ends.
    func makeLexiconFolder(bytes files: [String: [UInt8]]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stance-lexicon-" + UUID().uuidString)
        for (path, contents) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents).write(to: url)
        }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        return root
    }

    /// Writes `files` (relative path -> UTF-8 text) into a new temporary folder.
    func makeLexiconFolder(_ files: [String: String]) throws -> URL {
        try makeLexiconFolder(bytes: files.mapValues { Array($0.utf8) })
    }

    /// Loads `files` as a lexicon folder.
    func load(_ files: [String: String]) throws -> LexiconLoadResult {
        LexiconLoader.load(directory: try makeLexiconFolder(files))
    }
}
