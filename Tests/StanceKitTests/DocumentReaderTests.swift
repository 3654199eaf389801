import XCTest
import Foundation
import StanceKit

/// Which files of a folder are articles, by extension in any case (`DocumentReader` decides this
/// from the name's bytes, without a `URL` per file), and in which order they come.
final class DocumentReaderTests: XCTestCase {
    func testArticleNamesInAnyCaseAndNothingElse() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reader-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // name -> is an article (a trailing "/" makes a folder)
        let table: [(String, Bool)] = [
            ("a.txt", true), ("B.TXT", true), ("c.Md", true), ("d.jsonl", true), ("e.JSONL", true), ("f.JsOnL", true),
            (".hidden.txt", false), ("g.txt.bak", false), ("h.", false), ("txt", false), ("i.tx", false), ("j.xtxt", false),
            ("k.mdx", false), ("l..md", true), ("m n.txt", true), ("ü.txt", true), ("sub/o.txt", true), ("sub/p.csv", false),
            ("q.txt/r.md", true),
        ]
        for (name, _) in table {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("Text.\n".utf8).write(to: url)
        }
        let entries = try DocumentReader(path: folder.path).entries()
        let expected = table.filter(\.1).map(\.0).sorted { a, b in
            // Folders are walked in sorted order of names at each level.
            a.split(separator: "/").map(String.init).lexicographicallyPrecedes(b.split(separator: "/").map(String.init))
        }
        XCTAssertEqual(entries.map(\.id), expected)
        XCTAssertEqual(entries.filter(\.isJSONLines).map(\.id), ["d.jsonl", "e.JSONL", "f.JsOnL"])
        for entry in entries {
            XCTAssertEqual(entry.path, folder.standardizedFileURL.path + "/" + entry.id)
            XCTAssertEqual(entry.url.lastPathComponent, String(entry.id.split(separator: "/").last!))
        }
    }
}
