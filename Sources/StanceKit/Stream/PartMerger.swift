import Foundation
import StanceCore
import StanceAnalysis
import StanceStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `stance merge PART... --out DIR`: the parts of a corpus analysed apart (JSONL outputs of
/// `stance analyze --stdin-jsonl`, or databases of `stance analyze --shard K/N` runs) put together
/// into one database and one run, with the positions, contrasts and reports one run over the whole
/// corpus gives: each document's stored result is exactly what its analysis produced, and
/// aggregation depends on the set of documents alone (`CorpusAnalyzer.aggregate`).
///
/// Every part must come from the same lexicon set (the merge's `lexicon_hash`) and tool version:
/// a part that does not, or that is damaged (a record that cannot be read, statements without their
/// document record), stops the merge with `MergeError`: no run is recorded (database parts are all
/// checked first; documents of JSONL parts read before the bad one stay stored, as after an
/// interrupted `stance analyze`, and a later merge or analysis finds them). Error records in
/// JSONL parts (inputs the stream could not analyse) and duplicate document ids (the first part
/// keeps it) are failures: named, the rest merged.
public final class PartMerger: @unchecked Sendable {
    public let analyzer: CorpusAnalyzer
    public let store: CorpusStore
    public let lexiconFiles: [LexiconFile]
    /// Told the documents read so far.
    public var progress: (Int) -> Void = { _ in }

    public init(analyzer: CorpusAnalyzer, store: CorpusStore, lexiconFiles: [LexiconFile]) {
        self.analyzer = analyzer
        self.store = store
        self.lexiconFiles = lexiconFiles
    }

    public final class Outcome: @unchecked Sendable {
        public let report: StoredReport
        public let documents: Int
        public let parts: Int
        public let failures: [InputError]
        public let durationSeconds: Double

        init(report: StoredReport, documents: Int, parts: Int, failures: [InputError], durationSeconds: Double) {
            self.report = report
            self.documents = documents
            self.parts = parts
            self.failures = failures
            self.durationSeconds = durationSeconds
        }

        /// `merged N documents from P parts, failed F; S statements; T s`
        public func summary(seconds: Double) -> String {
            "merged \(documents) documents from \(parts) parts, failed \(failures.count); "
                + "\(report.statementCount) statements; \(String(format: "%.1f", seconds)) s"
        }
    }

    /// A part that cannot be merged: nothing is stored.
    public struct MergeError: Error, CustomStringConvertible {
        public let part: String
        public let line: Int?
        public let reason: String

        public var description: String { line.map { "\(part):\($0): \(reason)" } ?? "\(part): \(reason)" }
    }

    /// What the parts hold, in the order read; texts are stored as they come, in batches.
    private struct Collected {
        var results: [DocumentResult] = []
        var firstPart: [String: String] = [:]
        var failures: [InputError] = []
        var pending: [DocumentAnalysis] = []
        var stamps: [String: FileStamp] = [:]
    }

    public func merge(parts: [String], date: Date = RunClock.now(), started: Date = Date()) throws -> Outcome {
        // Database parts are checked before anything is stored (JSONL parts are checked as they are read).
        var kinds: [(String, Bool)] = []
        for part in parts { kinds.append((part, try Self.isDatabase(part))) }
        for (part, isDatabase) in kinds where isDatabase { try checkDatabasePart(part) }

        var collected = Collected()
        for (part, isDatabase) in kinds {
            if isDatabase { try readDatabasePart(part, into: &collected) } else { try readLinesPart(part, into: &collected) }
        }
        try flush(&collected)

        let aggregated = analyzer.aggregate(collected.results, date: date)
        try store.setAnalysedAtRun(collected.results.map(\.summary.id), runID: aggregated.run.runID)
        let corrections = try store.corrections()
        let result = CorrectionApplier.apply(corrections, to: aggregated, aggregator: analyzer.aggregator).result
        try store.finishRun(result, stats: RunStats(analysed: collected.results.count, reused: 0, failed: collected.failures.count,
                                                    durationSeconds: Date().timeIntervalSince(started)),
                            lexiconFiles: lexiconFiles)
        guard let report = try StoredReport.load(store: store, runID: result.run.runID) else {
            throw StoreError.unknownRun(path: store.path, runID: result.run.runID)
        }
        return Outcome(report: report, documents: collected.results.count, parts: parts.count, failures: collected.failures,
                       durationSeconds: Date().timeIntervalSince(started))
    }

    // MARK: - Parts

    /// A stance database (SQLite's header), else JSON Lines.
    static func isDatabase(_ part: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: part) else {
            throw MergeError(part: part, line: nil, reason: FileManager.default.fileExists(atPath: part) ? "cannot be read" : "no such file")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        return header == Data("SQLite format 3\u{0}".utf8)
    }

    private func checkDatabasePart(_ part: String) throws {
        let source = try openPart(part)
        defer { try? source.close() }
        _ = try finishedRun(of: source, part: part)
        let corrections = try source.corrections()
        if !corrections.isEmpty {
            throw MergeError(part: part, line: nil, reason: "holds \(corrections.count) correction(s), which its stored stances include; "
                             + "merge uncorrected parts and make the corrections in the merged database (`stance correct`)")
        }
    }

    private func openPart(_ part: String) throws -> CorpusStore {
        do {
            return try CorpusStore(path: part)
        } catch {
            throw MergeError(part: part, line: nil, reason: "\(error)")
        }
    }

    private func finishedRun(of source: CorpusStore, part: String) throws -> RunRecord {
        guard let run = try source.runs().first(where: \.isFinished) else {
            throw MergeError(part: part, line: nil, reason: "holds no finished run")
        }
        guard run.lexiconHash == analyzer.lexicon.hash, run.toolVersion == stanceVersion else {
            throw MergeError(part: part, line: nil, reason: "its run \(run.runID) used lexicon \(run.lexiconHash) with stance \(run.toolVersion); "
                             + "this merge uses lexicon \(analyzer.lexicon.hash) with stance \(stanceVersion)")
        }
        return run
    }

    /// The documents of the part's newest finished run, with that run's stances.
    private func readDatabasePart(_ part: String, into collected: inout Collected) throws {
        let source = try openPart(part)
        defer { try? source.close() }
        let run = try finishedRun(of: source, part: part)
        let ids = try source.runDocumentHashes(runID: run.runID).keys.sorted()
        for batch in ids.chunked(CorpusAnalyzer.batchSize) {
            for stored in try source.loadDocumentAnalyses(ids: batch, stancesFromRun: run.runID) {
                var analysis = stored.analysis
                analysis.stances = stored.stances
                try add(analysis, result: IncrementalAnalyzer.reused(stored), stamp: FileStamp(size: stored.state.size, mtime: stored.state.mtime),
                        part: part, into: &collected)
            }
        }
    }

    /// Statement records, then their document's record; error records are failures.
    private func readLinesPart(_ part: String, into collected: inout Collected) throws {
        let descriptor = open(part, O_RDONLY)
        guard descriptor >= 0 else { throw MergeError(part: part, line: nil, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let reader = LineReader(descriptor: descriptor)
        let topicOrder = Dictionary(analyzer.lexicon.topics.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var statements: [Statement] = []
        var stances: [[StatementStance]] = []
        func fail(_ reason: String) -> MergeError { MergeError(part: part, line: reader.lineNumber, reason: reason) }
        while let line = try reader.next() {
            guard case .bytes(let bytes) = line else { throw fail("line too long") }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let data = Data(bytes)
            do {
                switch try StreamRecords.decoder.decode(StreamRecords.Probe.self, from: data).type {
                case "statement":
                    let record = try StreamRecords.decoder.decode(StreamRecords.StatementRecord.self, from: data)
                    guard record.lexicon_hash == analyzer.lexicon.hash else {
                        throw fail("made with lexicon \(record.lexicon_hash); this merge uses \(analyzer.lexicon.hash)")
                    }
                    if let previous = statements.last, previous.documentID != record.document {
                        throw fail("statements of \(previous.documentID) are not followed by its document record")
                    }
                    let (statement, its) = try StreamRecords.statement(record)
                    statements.append(statement)
                    stances.append(its)
                case "document":
                    let record = try StreamRecords.decoder.decode(StreamRecords.DocumentRecord.self, from: data)
                    guard record.lexicon_hash == analyzer.lexicon.hash else {
                        throw fail("made with lexicon \(record.lexicon_hash ?? "(none)"); this merge uses \(analyzer.lexicon.hash)")
                    }
                    guard statements.allSatisfy({ $0.documentID == record.document }), statements.count == record.statements else {
                        throw fail("document record of \(record.document) announces \(record.statements) statements; "
                                   + "\(statements.count) precede it")
                    }
                    guard let text = record.text else { throw fail("document record without text: not written by `stance analyze --stdin-jsonl`") }
                    let document = Document(id: record.document, text: text, title: record.title, date: record.date, source: record.source,
                                            url: record.url)
                    guard document.contentHash == record.content_hash else { throw fail("the text of \(record.document) does not match its content_hash") }
                    // The scorer's order: statement by statement, topics in the lexicon's order.
                    let ordered = stances.flatMap { $0.sorted { (topicOrder[$0.topic] ?? Int.max, $0.topic) < (topicOrder[$1.topic] ?? Int.max, $1.topic) } }
                    let summary = DocumentSummary(id: record.document, contentHash: record.content_hash, fingerprint: record.fingerprint,
                                                  title: record.title, date: record.date, source: record.source, statements: record.statements)
                    let speakers = try StreamRecords.speakers(record)
                    let disagreements = StreamRecords.disagreements(record)
                    let result = DocumentResult(summary: summary, statements: statements, speakers: speakers, stances: ordered,
                                                disagreements: disagreements)
                    let analysis = DocumentAnalysis(document: document, paragraphs: [], sentences: [], quotations: [], statements: statements,
                                                    speakers: speakers, stances: ordered, disagreements: disagreements)
                    try add(analysis, result: result, stamp: nil, part: part, into: &collected)
                    statements.removeAll()
                    stances.removeAll()
                case "error":
                    let record = try StreamRecords.decoder.decode(StreamRecords.ErrorRecord.self, from: data)
                    collected.failures.append(InputError(path: part, line: reader.lineNumber, document: record.document,
                                                         reason: "error record: \(record.message)"))
                case let other:
                    throw fail("unknown record type \"\(other)\"")
                }
            } catch let error as MergeError {
                throw error
            } catch let problem as StreamRecords.Problem {
                throw fail(problem.description)
            } catch {
                throw fail("not a record of the JSONL schema (\(Self.describe(error)))")
            }
        }
        if let last = statements.last { throw MergeError(part: part, line: nil, reason: "ends inside the statements of \(last.documentID) (truncated?)") }
    }

    private func add(_ analysis: DocumentAnalysis, result: DocumentResult, stamp: FileStamp?, part: String, into collected: inout Collected) throws {
        let id = result.summary.id
        if let first = collected.firstPart[id] {
            collected.failures.append(InputError(path: part, document: id, reason: "duplicate document id \"\(id)\" (first in \(first)); skipped"))
            return
        }
        collected.firstPart[id] = part
        collected.results.append(result)
        collected.pending.append(analysis)
        if let stamp { collected.stamps[id] = stamp }
        if collected.pending.count >= CorpusAnalyzer.batchSize { try flush(&collected) }
    }

    /// Stores the documents read since the last batch (texts freed).
    private func flush(_ collected: inout Collected) throws {
        guard !collected.pending.isEmpty else { return }
        try store.saveDocuments(collected.pending, files: collected.stamps, runID: nil)
        collected.pending.removeAll()
        collected.stamps.removeAll()
        progress(collected.results.count)
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted: "not valid JSON"
        default: "\(error)"
        }
    }
}
