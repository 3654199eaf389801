import XCTest
import StanceCore
import StanceKit
import StanceLexicon
import StanceTestSupport

/// Nothing is hard-coded: a lexicon line decides, a topic file places, the registry names.
final class LexiconEffectTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("stance-lexicon-effect-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("Lexicons"), to: folder)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func analyzeSample() throws -> CorpusResult {
        let lexicon = Fixtures.load(folder)
        return try CorpusAnalyzer(lexicon: lexicon).analyze(path: Fixtures.url("corpus/sample").path).result
    }

    func stance(of prefix: String, topic: String, in result: CorpusResult) -> StanceLabel? {
        guard let statement = result.statements.first(where: { $0.text.hasPrefix(prefix) }) else { return nil }
        return result.stances.first { $0.statementID == statement.id && $0.topic == topic }?.label
    }

    func testRemovingOneNegatorLineFlipsTheDecision() throws {
        let prefix = "Moscow is not interested"
        XCTAssertEqual(stance(of: prefix, topic: "russia-peace", in: try analyzeSample()), .against)
        let negators = folder.appendingPathComponent("stance/negators.tsv")
        let lines = try String(contentsOf: negators, encoding: .utf8).components(separatedBy: "\n")
        try lines.filter { $0 != "not" }.joined(separator: "\n").write(to: negators, atomically: true, encoding: .utf8)
        XCTAssertEqual(stance(of: prefix, topic: "russia-peace", in: try analyzeSample()), .favor)
    }

    func testRemovingATopicFileRemovesItsStances() throws {
        XCTAssertFalse(try analyzeSample().stances.filter { $0.topic == "russia-peace" }.isEmpty)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("topics/russia-peace.yaml"))
        let result = try analyzeSample()
        XCTAssertTrue(result.stances.filter { $0.topic == "russia-peace" }.isEmpty)
        XCTAssertTrue(result.positions.filter { $0.topic == "russia-peace" }.isEmpty)
        XCTAssertFalse(result.stances.filter { $0.topic == "russia-role" }.isEmpty)
    }

    func testTheRegistryOverridesAutomaticNames() throws {
        let registry = """
        speakers:
          - name: Sergei K. Shoigu
            aliases: [Sergey Shoigu]
            roles: [Security Council Secretary]
            affiliation: Russia
        """
        try registry.write(to: folder.appendingPathComponent("speakers/registry.yaml"), atomically: true, encoding: .utf8)
        let result = try analyzeSample()
        let shoigu = result.statements.filter { GoldChecker.lastWord($0.speaker) == "shoigu" }
        XCTAssertEqual(shoigu.count, 2)
        XCTAssert(shoigu.allSatisfy { $0.speaker == "Sergei K. Shoigu" }, "\(shoigu.map(\.speaker))")
        XCTAssertEqual(result.speakers.first { $0.name == "Sergei K. Shoigu" }?.affiliation, "Russia")
    }
}
