import XCTest
import StanceCore

/// Every identifier hangs on SHA-256: known vectors (FIPS 180-4 examples) and the contract's ids.
final class SHA256Tests: XCTestCase {
    func testKnownVectors() {
        let rows: [(String, String)] = [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
            (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
        ]
        for (input, expected) in rows { XCTAssertEqual(SHA256.hex(of: Array(input.utf8)), expected, input) }
    }

    func testStatementIdsFollowTheContract() {
        // s- + the first 12 hex digits of SHA-256 of "<document id>:<start>:<end>".
        XCTAssertEqual(Statement.makeID(documentID: "a.txt", range: TextRange(3, 10)),
                       "s-" + SHA256.hex(of: Array("a.txt:3:10".utf8)).prefix(12))
    }

    func testFoldingIgnoresCaseDiacriticsAndApostropheShapes() {
        XCTAssertEqual(Folding.fold("Babaoğlu"), "babaoglu")
        XCTAssertEqual(Folding.fold("O’Brien"), "o'brien")
        XCTAssertEqual(Folding.fold("U.S."), "u.s.")
        XCTAssertEqual(Folding.fold("Várga"), Folding.fold("VARGA"))
    }
}
