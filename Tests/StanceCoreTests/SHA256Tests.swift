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

    /// Messages whose padding falls on either side of a block boundary (the last block is padded
    /// apart from the whole blocks). Expected digests from Python's hashlib.
    func testLengthsAroundBlockBoundaries() {
        let rows: [(Int, String)] = [
            (55, "7cda990214cc40c5e59b2a5f09f1c34da7ea4a7d44479d36b150ea7c04aa009a"),
            (56, "642b572edefc37c5664b4b95a7a83bdc5617dc06b241bfac5c8094b10fec734e"),
            (63, "125d5830922e3666b5891332b54f12d328861b7ec30fec51a03fa27bbe549642"),
            (64, "15c32cfa73534b3c34a1244e4331e3757b34daf267f6a7322d471c849e3a5c65"),
            (65, "ddd761939cd192b02ac5b652b6f4763b0351e0c40a325432c318b0aab6c4afc5"),
            (119, "a1913d07c18ff09efb38be9e5317b92e7a4cf103f6fb7448257c30c7cab59462"),
            (120, "f9fe9011baded2c49c901e5d4d74f66a00f057070e9e9d641b566eeea45f3be3"),
            (128, "fc49b6d718953707a8cb0ca90a5b9bd2703d166a18db96de7f288056ff6f62da"),
            (129, "6aac0cdc9612a87e34bcd08554cbc0f9fb7c675453ecc51147e504f009ec95f0"),
        ]
        for (length, expected) in rows {
            let message = (0..<length).map { UInt8(97 + ($0 * 7) % 26) }
            XCTAssertEqual(SHA256.hex(of: message), expected, "length \(length)")
        }
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
