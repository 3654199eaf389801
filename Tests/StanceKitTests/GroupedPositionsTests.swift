import XCTest
import StanceCore
import StanceKit
import StanceReports
import StanceTestSupport

/// `--by source|month`: positions per outlet and per month, from JSONL articles that carry them.
final class GroupedPositionsTests: XCTestCase {
    func testPositionsBySourceAndMonth() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stance-by-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lines = [
            #"{"id":"a1","source":"Daily","date":"2024-08-06","text":"Arif Mammadov said Moscow is not interested in a peace agreement."}"#,
            #"{"id":"a2","source":"Weekly","date":"2024-09-01T10:00:00Z","text":"Arif Mammadov said Russia does not want peace in the region."}"#,
            #"{"id":"a3","source":"Daily","text":"Hikmat Babaoglu said peace in the South Caucasus is within Russia's interests."}"#,
        ]
        try lines.joined(separator: "\n").write(to: folder.appendingPathComponent("news.jsonl"), atomically: true, encoding: .utf8)
        let analyzer = CorpusAnalyzer(lexicon: Fixtures.shippedLexicon)
        let result = try analyzer.analyze(path: folder.path).result

        let bySource = analyzer.groupedPositions(result, by: .source).filter { $0.topic == "russia-peace" }
        XCTAssertEqual(Set(bySource.map { "\($0.group!)|\($0.speaker)|\($0.label.rawValue)" }),
                       ["Daily|Arif Mammadov|AGAINST", "Weekly|Arif Mammadov|AGAINST", "Daily|Hikmat Babaoglu|FAVOR"])
        let byMonth = analyzer.groupedPositions(result, by: .month).filter { $0.topic == "russia-peace" }
        XCTAssertEqual(Set(byMonth.map { "\($0.group!)|\($0.speaker)" }),
                       ["2024-08|Arif Mammadov", "2024-09|Arif Mammadov", "unknown|Hikmat Babaoglu"])

        let out = folder.appendingPathComponent("out")
        try OutputWriter(directory: out, profile: .plain, groupings: [.source, .month]).write(result) { analyzer.groupedPositions(result, by: $0) }
        let csv = try String(contentsOf: out.appendingPathComponent("positions_by_month.csv"), encoding: .utf8)
        XCTAssert(csv.hasPrefix("topic,month,speaker,"), csv)
        XCTAssert(csv.contains("russia-peace,2024-08,Arif Mammadov,AGAINST"), csv)
    }
}
