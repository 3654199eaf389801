@testable import StanceReports
import XCTest

/// The one place cells are guarded, cut and quoted, row by row with the reason for each.
final class CSVWriterTests: XCTestCase {
    struct Case {
        let value: String
        let kind: CSVColumnKind
        let excel: String
        let plain: String
        let why: String
    }

    let cases: [Case] = [
        Case(value: "Babaoğlu", kind: .text, excel: "Babaoğlu", plain: "Babaoğlu", why: "UTF-8 text is written as it is"),
        Case(value: "a,b", kind: .text, excel: "\"a,b\"", plain: "\"a,b\"", why: "a comma needs quotes"),
        Case(value: "say \"no\"", kind: .text, excel: "\"say \"\"no\"\"\"", plain: "\"say \"\"no\"\"\"", why: "inner quotes are doubled"),
        Case(value: "line\nbreak", kind: .text, excel: "\"line\nbreak\"", plain: "\"line\nbreak\"", why: "LF needs quotes"),
        Case(value: "lone\rCR", kind: .text, excel: "\"lone\rCR\"", plain: "\"lone\rCR\"", why: "a lone CR needs quotes too"),
        Case(value: "=SUM(A1)", kind: .text, excel: "'=SUM(A1)", plain: "=SUM(A1)", why: "formula guard, excel only"),
        Case(value: "+1 555", kind: .text, excel: "'+1 555", plain: "+1 555", why: "+ starts a formula"),
        Case(value: "-It is fair", kind: .text, excel: "'-It is fair", plain: "-It is fair", why: "- starts a formula"),
        Case(value: "@here", kind: .text, excel: "'@here", plain: "@here", why: "@ starts a formula"),
        Case(value: "\tindented", kind: .text, excel: "'\tindented", plain: "\"\tindented\"",
             why: "TAB is guarded; in plain a leading tab is quoted so readers that trim keep it"),
        Case(value: "\rx", kind: .text, excel: "\"'\rx\"", plain: "\"\rx\"", why: "CR is guarded and then quoted"),
        Case(value: "=a,b", kind: .text, excel: "\"'=a,b\"", plain: "\"=a,b\"", why: "guard goes inside the quotes"),
        Case(value: "-0.42", kind: .numeric, excel: "-0.42", plain: "-0.42", why: "numeric columns are never guarded"),
        Case(value: "'tis", kind: .text, excel: "'tis", plain: "'tis", why: "an apostrophe alone is left alone"),
        Case(value: " padded ", kind: .text, excel: "\" padded \"", plain: "\" padded \"", why: "edge spaces are quoted"),
        Case(value: "", kind: .text, excel: "", plain: "", why: "a missing value is an empty cell"),
    ]

    func testCells() {
        for item in cases {
            XCTAssertEqual(CSVWriter.cell(item.value, kind: item.kind, profile: .excel), item.excel, "excel: \(item.why)")
            XCTAssertEqual(CSVWriter.cell(item.value, kind: item.kind, profile: .plain), item.plain, "plain: \(item.why)")
        }
    }

    func testProfilesFrameTheFile() {
        let columns: [CSVColumn] = [.text("speaker"), .numeric("score")]
        let rows = [["Babaoğlu", "0.5"]]
        let excel = CSVWriter.render(columns: columns, rows: rows, profile: .excel)
        XCTAssertEqual(Array(excel.utf8.prefix(3)), [0xEF, 0xBB, 0xBF], "excel starts with a UTF-8 byte-order mark")
        XCTAssertEqual(excel, "\u{FEFF}speaker,score\r\nBabaoğlu,0.5\r\n")
        XCTAssertEqual(CSVWriter.render(columns: columns, rows: rows, profile: .plain), "speaker,score\nBabaoğlu,0.5\n")
    }

    func testShortRowsArePadded() {
        let table = CSVTable(columns: [.text("a"), .text("b"), .text("c")], rows: [["1"]])
        XCTAssertEqual(table.render(.plain), "a,b,c\n1,,\n")
    }

    /// Excel keeps 32,767 UTF-16 units per cell; we cut at 32,000 with a visible `…`.
    func testLongCellsAreCutInExcelOnly() {
        let long = String(repeating: "ab", count: 20_000)
        let excel = CSVWriter.cell(long, kind: .text, profile: .excel)
        XCTAssertEqual(excel.utf16.count, CSVWriter.maxCellLength)
        XCTAssertTrue(excel.hasSuffix("…"))
        XCTAssertEqual(CSVWriter.cell(long, kind: .text, profile: .plain), long)
        // Never inside a character: a cut through an emoji's UTF-16 pair would leave half of it.
        let emoji = String(repeating: "😀", count: 17_000)
        let cut = CSVWriter.cell(emoji, kind: .text, profile: .excel)
        XCTAssertLessThanOrEqual(cut.utf16.count, CSVWriter.maxCellLength)
        XCTAssertTrue(cut.dropLast().allSatisfy { $0 == "😀" })
        // A guarded cell is cut to the same length, the guard included.
        let guarded = CSVWriter.cell("=" + long, kind: .text, profile: .excel)
        XCTAssertTrue(guarded.hasPrefix("'="))
        XCTAssertEqual(guarded.utf16.count, CSVWriter.maxCellLength)
    }
}
