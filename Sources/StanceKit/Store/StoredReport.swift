import Foundation
import StanceCore
import StanceAnalysis
import StanceReports
import StanceStore

/// A finished run's result as every report shows it, from the database alone: the stored result,
/// the corrections applied (`CorrectionApplier`, also those made after the run), the corrected
/// statements marked, and the near-duplicate copies found.
public final class StoredReport: @unchecked Sendable {
    /// The result the tables and the report render.
    public let result: CorpusResult
    public let corrections: [Correction]
    public let duplicates: NearDuplicates
    /// The run's aggregation settings, from the `settings.yaml` stored with the run.
    public let aggregator: Aggregator
    /// Statements a `--not-a-statement` correction removed, as stored (for the report's list).
    public let removed: [String: Statement]

    init(result: CorpusResult, corrections: [Correction], duplicates: NearDuplicates, aggregator: Aggregator,
         removed: [String: Statement]) {
        self.result = result
        self.corrections = corrections
        self.duplicates = duplicates
        self.aggregator = aggregator
        self.removed = removed
    }

    /// The run `runID`, or the newest finished run; nil when the database holds no finished run.
    /// Throws `StoreError` (an unknown run id included).
    public static func load(store: CorpusStore, runID: String? = nil) throws -> StoredReport? {
        guard let stored = try store.loadResult(runID: runID) else { return nil }
        let aggregator = try self.aggregator(store: store, run: stored.run)
        let corrections = try store.corrections()
        let corrected = CorrectionApplier.apply(corrections, to: stored, aggregator: aggregator).result
        var removed: [String: Statement] = [:]
        for id in CorrectionApplier.Effective(corrections).dropped.keys.sorted() {
            if let statement = try store.statement(id: id) { removed[id] = statement }
        }
        return StoredReport(result: CorrectionApplier.marked(corrected, corrections: corrections), corrections: corrections,
                            duplicates: NearDuplicates(documents: corrected.documents, statements: corrected.statements),
                            aggregator: aggregator, removed: removed)
    }

    /// An aggregator with the settings of the run's stored `settings.yaml` (defaults without one).
    static func aggregator(store: CorpusStore, run: RunInfo) throws -> Aggregator {
        let settings = try store.lexiconFiles(runID: run.runID).first { $0.path == "settings.yaml" }
            .map { SettingsText.settings($0.bytes) } ?? Settings()
        return Aggregator(lexicon: Lexicon(lists: [:], topics: [], speakers: [], settings: settings, hash: run.lexiconHash))
    }

    /// Positions by outlet or month (`--by`), from the result.
    public func groupedPositions(by grouping: PositionGrouping) -> [Position] {
        switch grouping {
        case .source: aggregator.groupedPositions(result) { $0.source }
        case .month: aggregator.groupedPositions(result) { Aggregator.month(of: $0.date) }
        }
    }

    /// `report.md`: the Markdown report of the result, with the near-duplicate copies listed at the
    /// end of its documents section and the corrections at the end of its caveats.
    public func markdown() -> String {
        var lines = MarkdownReport.render(result).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        let duplicateLines = duplicatesSection()
        let correctionLines = correctionsSection()
        if !duplicateLines.isEmpty {
            if let next = lines.firstIndex(where: { $0.hasPrefix("## ") && $0.contains("id=\"how-this-was-decided\"") }) {
                lines.insert(contentsOf: duplicateLines + [""], at: next)
            } else {
                lines += [""] + duplicateLines
            }
            if let entry = lines.firstIndex(of: "- [Documents](#documents)") {
                lines.insert("  - [Near-duplicate articles](#near-duplicate-articles)", at: entry + 1)
            }
        }
        if !correctionLines.isEmpty {
            lines += [""] + correctionLines
            if let entry = lines.firstIndex(of: "- [Caveats](#caveats)") {
                lines.insert("  - [Corrections](#corrections)", at: entry + 1)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func duplicatesSection() -> [String] {
        guard !duplicates.isEmpty else { return [] }
        var lines = [
            "### <a id=\"near-duplicate-articles\"></a>Near-duplicate articles",
            "",
            "These articles are copies of one story: their fingerprints (SimHash of the text) are at most "
                + "\(NearDuplicates.maxDistance) of 64 bits apart and most of their statements are the same words. Positions, "
                + "contrasts and allies count such a statement once, from the earliest copy (by date, then by name); a "
                + "statement only a copy has still counts. The tables above and `statements.csv` list every copy.",
            "",
            "| Document | Copy of | Fingerprint distance | Statements counted once |",
            "| --- | --- | ---: | ---: |",
        ]
        for group in duplicates.groups {
            for copy in group.copies {
                lines.append("| \(MarkdownText.code(copy.id, inTable: true)) | \(MarkdownText.code(group.canonical, inTable: true)) "
                             + "| \(copy.distance) | \(copy.uncounted) of \(copy.statements) |")
            }
        }
        return lines
    }

    func correctionsSection() -> [String] {
        let effective = CorrectionApplier.Effective(corrections)
        guard !effective.isEmpty else { return [] }
        let statements = Dictionary(result.statements.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [(Int64, String)] = []
        func row(_ correction: Correction, _ change: String) {
            let statement = statements[correction.statementID] ?? removed[correction.statementID]
            let place = statement.map { "\(MarkdownText.code($0.documentID, inTable: true)) | \($0.paragraph)" } ?? "– | –"
            rows.append((correction.id, "| \(correction.id) | \(MarkdownText.code(correction.statementID, inTable: true)) | \(place) "
                         + "| \(change) | \(MarkdownText.cell(correction.createdAt)) |"))
        }
        for (_, correction) in effective.dropped { row(correction, "not a statement: left out") }
        for (_, (name, correction)) in effective.speakers { row(correction, "speaker: \(MarkdownText.cell(name))") }
        for (_, topics) in effective.stances {
            for (topic, (label, correction)) in topics { row(correction, "stance on \(MarkdownText.code(topic, inTable: true)): \(label.rawValue)") }
        }
        return [
            "### <a id=\"corrections\"></a>Corrections",
            "",
            "Readers corrected \(rows.count == 1 ? "one statement" : "\(rows.count) statements") with `stance correct`. "
                + "The corrections are applied on every analysis and report: a corrected speaker or stance is marked in the "
                + "`cue` column of `statements.csv` (`[corrected: …]`), a corrected stance ends its evidence with "
                + "`correction@corrections:ID`, and a statement that is not one is left out.",
            "",
            "| Correction | Statement | Document | Paragraph | Change | Made |",
            "| ---: | --- | --- | ---: | --- | --- |",
        ] + rows.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

extension OutputWriter {
    /// Writes a stored report: its tables, `--by` breakdowns, charts and `report.md` (with the
    /// sections only the store knows, such as corrections and near-duplicate copies).
    @discardableResult
    public func write(_ report: StoredReport) throws -> [String] {
        try write(report.result, grouped: { report.groupedPositions(by: $0) }, markdown: report.markdown())
    }
}
