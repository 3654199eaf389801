import Foundation
import StanceCore
import StanceLexicon
import XCTest

/// The schema table stays satisfiable as lists and settings are added to it.
final class SchemaTests: XCTestCase {
    /// A value each rule accepts: the first allowed word, the lower bound of a range.
    private func validValue(_ rule: ColumnRule) -> String {
        switch rule {
        case .oneOf(let allowed, _): allowed.first ?? ""
        case .number(let range, _): Number.format(range.lowerBound)
        case .text: "any text"
        }
    }

    func testEverySchemaListAcceptsALineOfValidValues() throws {
        var files: [String: String] = [:]
        for (name, columns) in LexiconSchema.lists {
            let names = columns.keys.sorted()
            files[name + ".tsv"] = (["term"] + names).joined(separator: "\t") + "\n"
                + (["word"] + names.map { validValue(columns[$0]!) }).joined(separator: "\t") + "\n"
        }
        let result = try load(files)
        XCTAssertEqual(result.diagnostics.map(\.description), [])
        XCTAssertEqual(result.lexicon?.lists.count, LexiconSchema.lists.count)
    }

    func testEveryEnumerationAllowsSomething() {
        for (name, columns) in LexiconSchema.lists {
            for (column, rule) in columns {
                if case .oneOf(let allowed, _) = rule {
                    XCTAssertFalse(allowed.isEmpty, "\(name).\(column) allows no value")
                }
            }
        }
    }

    func testEverySettingAcceptsItsBounds() throws {
        let text = LexiconSchema.settings.keys.sorted().map { key in
            "\(key): \(Number.format(LexiconSchema.settings[key]!.upperBound))"
        }.joined(separator: "\n")
        let result = try load(["settings.yaml": text])
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.lexicon?.settings.values.count, LexiconSchema.settings.count)
    }
}
