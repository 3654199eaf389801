import XCTest
@testable import StanceCore

/// `Number.format` writes digits itself; it must agree with the Foundation formatting it replaced,
/// which every table and golden report was written with.
final class NumberFormatTests: XCTestCase {
    func testKnownValues() {
        let cases: [(Double, Int, Bool, String)] = [
            (0, 3, false, "0"), (0, 3, true, "+0.000"), (-0.0004, 3, false, "0"), (-0.0004, 3, true, "+0.000"),
            (0.15, 3, false, "0.15"), (-0.42, 3, false, "-0.42"), (-0.42, 2, true, "-0.42"), (0.6, 2, true, "+0.60"),
            (1, 3, false, "1"), (12.5, 0, false, "13"), (-12.5, 0, false, "-13"), (0.0005, 3, false, "0.001"),
            (-0.0005, 3, false, "-0.001"), (2.675, 2, false, "2.68"), (1e16, 3, false, "10000000000000000"),
        ]
        for (value, decimals, signed, expected) in cases {
            XCTAssertEqual(Number.format(value, decimals: decimals, signed: signed), expected, "\(value) \(decimals) \(signed)")
        }
    }

    func testAgreesWithFoundationFormatting() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return state
        }
        for i in 0..<20_000 {
            let magnitude = [1.0, 10, 1000, 1e6][i % 4]
            let value = (Double(next() % 2_000_001) / 1_000_000 - 1) * magnitude
            // Halves and near-halves, where rounding differences would show.
            let tricky = Double(Int64(bitPattern: next() % 20_001) - 10_000) / 2000 + [0, 1e-12, -1e-12][i % 3]
            for v in [value, tricky] {
                for decimals in 0...3 {
                    for signed in [false, true] {
                        XCTAssertEqual(Number.format(v, decimals: decimals, signed: signed),
                                       Number.legacyFormat(v, decimals: decimals, signed: signed), "\(v) \(decimals) \(signed)")
                    }
                }
            }
        }
    }
}
