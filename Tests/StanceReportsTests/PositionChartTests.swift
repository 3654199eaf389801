import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import StanceCore
@testable import StanceReports
import XCTest

final class PositionChartTests: XCTestCase {
    /// Parses with Foundation's XML parser and collects the text of every `<text>` element.
    final class Collector: NSObject, XMLParserDelegate {
        var labels: [String] = []
        var current: String?
        var rects = 0
        var root: String?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if root == nil { root = name }
            if name == "text" { current = "" }
            if name == "rect" { rects += 1 }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            current? += string
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text", let text = current { labels.append(text) }
            if name == "text" { current = nil }
        }
    }

    func parse(_ svg: String, file: StaticString = #filePath, line: UInt = #line) -> Collector? {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else {
            XCTFail("not well-formed: \(String(describing: parser.parserError))\n\(svg)", file: file, line: line)
            return nil
        }
        return collector
    }

    func testEveryTopicChartIsWellFormed() throws {
        let result = SampleResult.result
        for topic in result.topics {
            let svg = PositionChart.render(topic: topic, positions: result.positions)
            let parsed = try XCTUnwrap(parse(svg))
            XCTAssertEqual(parsed.root, "svg")
            XCTAssertTrue(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""))
        }
    }

    /// One bar per overall position, labelled with the speaker and the signed score; grouped positions
    /// (`--by source`) are not drawn.
    func testBarsAndLabels() throws {
        let result = SampleResult.result
        let topic = result.topics[0]
        let parsed = try XCTUnwrap(parse(PositionChart.render(topic: topic, positions: result.positions)))
        XCTAssertTrue(parsed.labels.contains("Hikmat Babaoğlu"))
        XCTAssertTrue(parsed.labels.contains("Arif Mammadov"))
        XCTAssertTrue(parsed.labels.contains("-0.42"))
        XCTAssertTrue(parsed.labels.contains("+0.55"))
        XCTAssertEqual(parsed.rects, 1 + 2, "background and one bar per speaker")
    }

    /// AGAINST bars grow left of the centre line, FAVOR bars right of it.
    func testBarsDiverge() {
        let topic = TopicSummary(id: "t", label: "T", target: "x")
        let positions = [
            Position(topic: "t", speaker: "Left", label: .against, score: -1, confidence: 1, statements: 1,
                     favorStatements: 0, againstStatements: 1, strongestStatementID: nil),
            Position(topic: "t", speaker: "Right", label: .favor, score: 1, confidence: 1, statements: 1,
                     favorStatements: 1, againstStatements: 0, strongestStatementID: nil),
        ]
        let svg = PositionChart.render(topic: topic, positions: positions)
        let centre = (PositionChart.plotLeft + PositionChart.plotRight) / 2
        let half = (PositionChart.plotRight - PositionChart.plotLeft) / 2
        XCTAssertTrue(svg.contains("<rect x=\"\(PositionChart.n(centre))\" y=\"89\" width=\"\(PositionChart.n(half))\""), svg)
        XCTAssertTrue(svg.contains("<rect x=\"\(PositionChart.n(PositionChart.plotLeft))\" y=\"115\" width=\"\(PositionChart.n(half))\""), svg)
    }

    func testHostileNamesStayText() throws {
        let topic = TopicSummary(id: "x", label: "<b>&\"quoted\"</b>", target: "a ]]> b")
        let name = "O'Brien & <Sons> \"Ltd\"\u{1}\u{FFFE}\nnext"
        let positions = [Position(topic: "x", speaker: name, label: .mixed, score: .nan, confidence: 0, statements: 1,
                                  favorStatements: 1, againstStatements: 1, strongestStatementID: nil)]
        let parsed = try XCTUnwrap(parse(PositionChart.render(topic: topic, positions: positions)))
        XCTAssertTrue(parsed.labels.contains("<b>&\"quoted\"</b>"))
        XCTAssertTrue(parsed.labels.contains { $0.hasPrefix("O'Brien & <Sons> \"Ltd\"") })
        XCTAssertTrue(parsed.labels.contains("n/a"), "a score that is not a number is said so")
    }

    func testEmptyTopic() throws {
        let topic = TopicSummary(id: "none", label: "Nobody", target: "x")
        let parsed = try XCTUnwrap(parse(PositionChart.render(topic: topic, positions: [])))
        XCTAssertTrue(parsed.labels.contains("No speaker took a position on this topic."))
    }

    func testPath() {
        XCTAssertEqual(PositionChart.relativePath(for: "russia-peace"), "charts/russia-peace.svg")
    }
}
