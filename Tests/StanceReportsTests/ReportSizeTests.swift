import XCTest
import StanceCore
import StanceReports

/// A corpus with many speakers has thousands of pairs: the report shows the strongest per topic.
final class ReportSizeTests: XCTestCase {
    func testContrastsAndAlliesPerTopicAreCapped() {
        let run = RunInfo(runID: "r-1", lexiconHash: "h", toolVersion: "0", analysisDate: "2026-01-01T00:00:00Z")
        let favor = (0..<4).map { Position(topic: "t", speaker: "F\($0)", label: .favor, score: 0.9, confidence: 1, statements: 1,
                                           favorStatements: 1, againstStatements: 0, strongestStatementID: nil) }
        let against = (0..<4).map { Position(topic: "t", speaker: "A\($0)", label: .against, score: -0.9, confidence: 1,
                                             statements: 1, favorStatements: 0, againstStatements: 1, strongestStatementID: nil) }
        var contrasts: [Contrast] = []
        for a in favor { for b in against {
            contrasts.append(Contrast(topic: "t", speakerA: a.speaker, stanceA: .favor, speakerB: b.speaker, stanceB: .against,
                                      strength: 0.5, explicitDisagreement: false))
        } }
        let allies = (0..<12).map { Alliance(topic: "t", speakerA: "F\($0 % 4)", speakerB: "X\($0)", label: .favor, strength: 0.4) }
        let result = CorpusResult(run: run, topics: [TopicSummary(id: "t", label: "T", target: "T holds")], documents: [],
                                  statements: [], stances: [], speakers: [], positions: favor + against, contrasts: contrasts,
                                  allies: allies)
        let report = MarkdownReport.render(result)
        XCTAssertEqual(contrasts.count, 16)
        XCTAssertEqual(report.components(separatedBy: "| Position |").count - 1, MarkdownReport.maxPairsPerTopic)
        XCTAssert(report.contains("The 10 strongest of 16 opposed pairs are shown"))
        XCTAssert(report.contains("The 10 strongest of 12 pairs; `allies.csv` lists them all."))
    }
}
