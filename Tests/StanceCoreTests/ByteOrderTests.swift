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
}
