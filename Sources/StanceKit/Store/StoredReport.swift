import Foundation
import StanceCore
import StanceAnalysis
import StanceReports
import StanceStore

/// A finished run's result as every report shows it, from the database alone: the stored result,
/// the corrections applied (`CorrectionApplier`, also those made after the run), the corrected
/// statements marked, and the near-duplicate copies found.
///
/// Two ways to hold it: `load` reads the whole result (statements and stances included) into
/// memory; `open` reads only what does not grow with the corpus (topics, documents, speakers,
/// positions, contrasts, allies) and leaves the statements and stances in the database, where
/// `OutputWriter` reads them row by row into `statements.csv` and `stances.csv`. `open` does so when
/// no correction applies (the stored result is then the report's exactly); with corrections, it
/// reads the whole result as `load` does.
public final class StoredReport: @unchecked Sendable {
    /// The result's corpus-level parts: the whole result when it is in memory, else the result with
    /// its statements and stances left empty (read them with `result`, or row by row).
    public let overview: CorpusResult
    /// Statements and stances in the result.
    public let statementCount: Int
    public let stanceCount: Int
    public let corrections: [Correction]
    /// The run's aggregation settings, from the `settings.yaml` stored with the run.
    public let aggregator: Aggregator
    /// Statements a `--not-a-statement` correction removed, as stored (for the report's list).
    public let removed: [String: Statement]
    /// The database the statements and stances are read from; nil when they are in memory.
    let store: CorpusStore?
    private var loaded: CorpusResult?
    private var statementPass: StatementPass?

    init(result: CorpusResult, corrections: [Correction], aggregator: Aggregator, removed: [String: Statement]) {
        overview = result
        loaded = result
        statementCount = result.statements.count
        stanceCount = result.stances.count
        self.corrections = corrections
        self.aggregator = aggregator
        self.removed = removed
        store = nil
    }

    init(overview: RunOverview, store: CorpusStore, aggregator: Aggregator) {
        self.overview = overview.result
        statementCount = overview.statementCount
        stanceCount = overview.stanceCount
        corrections = []
        self.aggregator = aggregator
        removed = [:]
        self.store = store
    }

    /// Whether statements and stances stay in the database until written (`open` without corrections).
    public var isStreamed: Bool { store != nil }

    /// The whole result; read from the database on first use when the report was opened streamed
    /// (then before the store is closed).
    public var result: CorpusResult {
        get throws {
            if let loaded { return loaded }
            guard let store, let stored = try store.loadResult(runID: overview.run.runID) else {
                throw StoreError.unknownRun(path: store?.path ?? "", runID: overview.run.runID)
            }
            loaded = stored
            return stored
        }
    }

    /// The near-duplicate copies among the result's documents.
    public var duplicates: NearDuplicates {
        get throws { try pass().duplicates }
    }

    /// The run `runID`, or the newest finished run, read whole into memory; nil when the database
    /// holds no finished run. Throws `StoreError` (an unknown run id included).
    public static func load(store: CorpusStore, runID: String? = nil) throws -> StoredReport? {
        guard let stored = try store.loadResult(runID: runID) else { return nil }
        let aggregator = try self.aggregator(store: store, run: stored.run)
        return try loaded(stored, store: store, corrections: try store.corrections(), aggregator: aggregator)
    }

    /// The same, with statements and stances left in the database when no correction applies (see
    /// the type's comment); the store must stay open while the report is used.
    public static func open(store: CorpusStore, runID: String? = nil) throws -> StoredReport? {
        let corrections = try store.corrections()
        guard CorrectionApplier.Effective(corrections).isEmpty else { return try load(store: store, runID: runID) }
        guard let overview = try store.loadOverview(runID: runID) else { return nil }
        return StoredReport(overview: overview, store: store, aggregator: try aggregator(store: store, run: overview.result.run))
    }

    private static func loaded(_ stored: CorpusResult, store: CorpusStore, corrections: [Correction],
                               aggregator: Aggregator) throws -> StoredReport {
        let corrected = CorrectionApplier.apply(corrections, to: stored, aggregator: aggregator).result
        var removed: [String: Statement] = [:]
        for id in CorrectionApplier.Effective(corrections).dropped.keys.sorted() {
            if let statement = try store.statement(id: id) { removed[id] = statement }
        }
        let report = StoredReport(result: CorrectionApplier.marked(corrected, corrections: corrections), corrections: corrections,
                                  aggregator: aggregator, removed: removed)
        // Copies are found over the statements as corrected, before the cues are marked (the same words).
        report.statementPass = StatementPass(documents: corrected.documents, statements: corrected.statements)
        return report
    }

    /// An aggregator with the settings of the run's stored `settings.yaml` (defaults without one).
    static func aggregator(store: CorpusStore, run: RunInfo) throws -> Aggregator {
        let settings = try store.lexiconFiles(runID: run.runID).first { $0.path == "settings.yaml" }
            .map { SettingsText.settings($0.bytes) } ?? Settings()
        return Aggregator(lexicon: Lexicon(lists: [:], topics: [], speakers: [], settings: settings, hash: run.lexiconHash))
    }

    /// Positions by outlet or month (`--by`), from the result.
    public func groupedPositions(by grouping: PositionGrouping) throws -> [Position] {
        let result = try self.result
        switch grouping {
        case .source: return aggregator.groupedPositions(result) { $0.source }
        case .month: return aggregator.groupedPositions(result) { Aggregator.month(of: $0.date) }
        }
    }

    // MARK: - Statements row by row

    /// Hands every statement of the result to `body` in the tables' order (`Order.statements`) and
    /// keeps what the report needs of them (`StatementPass`), so that writing `statements.csv`
    /// spares `markdown()` a second pass.
    public func forEachStatement(_ body: (Statement) throws -> Void) throws {
        guard let store else {
            for statement in Tables.orderedStatements(overview.statements) { try body(statement) }
            return
        }
        var builder = StatementPass.Builder()
        try store.forEachStatement(runID: overview.run.runID) { statement in
            builder.add(statement)
            try body(statement)
        }
        if statementPass == nil { statementPass = builder.finish(documents: overview.documents) }
    }

    /// Hands every stance of the result to `body` in the tables' order (`Order.stances`).
    public func forEachStance(_ body: (StatementStance) throws -> Void) throws {
        guard let store else {
            for stance in Tables.orderedStances(overview.stances, statements: overview.statements) { try body(stance) }
            return
        }
        try store.forEachStance(runID: overview.run.runID, body)
    }

    private func pass() throws -> StatementPass {
        if let statementPass { return statementPass }
        try forEachStatement { _ in }
        return statementPass!
    }

    // MARK: - report.md

    /// `report.md`: the Markdown report of the result, with the near-duplicate copies listed at the
    /// end of its documents section and the corrections at the end of its caveats.
    public func markdown() throws -> String {
        let pass = try self.pass()
        var lookupError: Error?
        let runID = overview.run.runID
        let lookups: MarkdownReport.Lookups
        if let store {
            lookups = MarkdownReport.Lookups(statementCount: statementCount, firstQuoted: pass.firstQuoted, statement: { id in
                do { return try store.statement(id: id, runID: runID) } catch { lookupError = error; return nil }
            }, stance: { id, topic in
                do { return try store.stance(statementID: id, topic: topic, runID: runID) } catch { lookupError = error; return nil }
            })
        } else {
            lookups = MarkdownReport.Lookups(overview)
        }
        let rendered = MarkdownReport.render(overview, lookups: lookups)
        if let lookupError { throw lookupError }
        var lines = rendered.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        let duplicateLines = duplicatesSection(pass.duplicates)
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

    func duplicatesSection(_ duplicates: NearDuplicates) -> [String] {
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

    /// Only a report read whole has corrections (`open` reads the result whole when any applies).
    func correctionsSection() -> [String] {
        let effective = CorrectionApplier.Effective(corrections)
        guard !effective.isEmpty else { return [] }
        let statements = Dictionary(overview.statements.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
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

/// What `report.md` needs of every statement, gathered in one pass in the tables' order: where
/// each speaker is first quoted, and the statement words that tell near-duplicate copies.
struct StatementPass {
    let firstQuoted: [String: Int]
    let duplicates: NearDuplicates

    init(firstQuoted: [String: Int], duplicates: NearDuplicates) {
        self.firstQuoted = firstQuoted
        self.duplicates = duplicates
    }

    init(documents: [DocumentSummary], statements: [Statement]) {
        var builder = Builder()
        for statement in Tables.orderedStatements(statements) { builder.add(statement) }
        self = builder.finish(documents: documents)
    }

    struct Builder {
        private var index = 0
        private var firstQuoted: [String: Int] = [:]
        private var keys: [String: [NearDuplicates.StatementKey]] = [:]

        mutating func add(_ statement: Statement) {
            if firstQuoted[statement.speaker] == nil { firstQuoted[statement.speaker] = index }
            index += 1
            keys[statement.documentID, default: []].append(NearDuplicates.StatementKey(statement))
        }

        func finish(documents: [DocumentSummary]) -> StatementPass {
            StatementPass(firstQuoted: firstQuoted, duplicates: NearDuplicates(documents: documents, keys: keys))
        }
    }
}

extension OutputWriter {
    /// Writes a stored report: its tables, `--by` breakdowns, charts and `report.md` (with the
    /// sections only the store knows, such as corrections and near-duplicate copies). A streamed
    /// report's statements and stances go from the database to their files row by row.
    @discardableResult
    public func write(_ report: StoredReport) throws -> [String] {
        try prepareFolder()
        var written: [String] = []
        let run = report.overview.run
        try writeRows(TableFormat.statements.fileName, columns: Tables.statementColumns) { row in
            try report.forEachStatement { try row(Tables.statementRow($0, run: run)) }
        }
        try writeRows(TableFormat.stances.fileName, columns: Tables.stanceColumns) { row in
            try report.forEachStance { try row(Tables.stanceRow($0, run: run)) }
        }
        written += [TableFormat.statements.fileName, TableFormat.stances.fileName]
        for format in TableFormat.all where format.fileName != TableFormat.statements.fileName
            && format.fileName != TableFormat.stances.fileName {
            try AtomicFile.write(format.build(report.overview).bytes(profile), to: directory.appendingPathComponent(format.fileName))
            written.append(format.fileName)
        }
        for grouping in groupings {
            let table = Tables.groupedPositions(try report.groupedPositions(by: grouping), by: grouping, run: run)
            try AtomicFile.write(table.bytes(profile), to: directory.appendingPathComponent(grouping.fileName))
            written.append(grouping.fileName)
        }
        return written + (try ReportWriter.write(report.overview, to: directory, markdown: try report.markdown()))
    }
}
