import XCTest
import StanceCore

/// `utf8Precedes` is the order of the UTF-8 bytes (SQLite's BINARY collation), prefixes first.
final class ByteOrderTests: XCTestCase {
    func testOrderOfTheBytes() {
        let words = ["", "a", "ab", "abc", "abd", "b", "B", "Z", "é", "e\u{301}", "f", "ü.txt", "u.txt", "s-0f", "s-f0", "\u{1F600}", "zz"]
        for a in words {
            for b in words {
                XCTAssertEqual(a.utf8Precedes(b), Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)), "\(a) vs \(b)")
            }
        }
        // ASCII: the same order as String's.
        let ascii = words.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        XCTAssertEqual(ascii.sorted { $0.utf8Precedes($1) }, ascii.sorted())
    }

    func testSortedByUTF8() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab0\u{0}é\u{1F600}Zz-".unicodeScalars)
        for _ in 0..<50 {
            let strings = (0..<40).map { _ in
                String(String.UnicodeScalarView((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
            }
            XCTAssertEqual(strings.sortedByUTF8().map { Array($0.utf8) },
                           strings.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
        }
    }
}
