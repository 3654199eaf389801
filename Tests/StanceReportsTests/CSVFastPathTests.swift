import XCTest
@testable import StanceReports

/// `CSVWriter.renderBytes` copies most cells as they are; every cell must still come out as
/// `CSVWriter.cell` (guard, cut, quotes) writes it.
final class CSVFastPathTests: XCTestCase {
    func testEveryCellAsCellWritesIt() {
        let values = [
            "", "plain", "-0.42", "=SUM(1)", "+1", "@x", "\tlead", "trail\t", " lead", "trail ", "\r\nx", "a,b", "say \"hi\"",
            "line\nbreak", "\u{FEFF}bom", "=a,b", "-1 ", "\u{FEFF}", "\u{FEFF}=x", "\"", ",", "\t", "=\"q\"", "\u{FEFE}x", "ëlan", "Babaoğlu", "“quoted”", String(repeating: "x", count: CSVWriter.maxCellLength + 5),
            String(repeating: "ğ", count: CSVWriter.maxCellLength / 2 + 3),
        ]
        for profile in CSVProfile.allCases {
            for kind in [CSVColumnKind.text, .numeric] {
                for value in values {
                    var out: [UInt8] = []
                    CSVWriter.appendCell(value, kind: kind, profile: profile, to: &out)
                    XCTAssertEqual(String(decoding: out, as: UTF8.self), CSVWriter.cell(value, kind: kind, profile: profile),
                                   "\(profile) \(kind) \(value.prefix(20))")
                }
            }
        }
    }
}
