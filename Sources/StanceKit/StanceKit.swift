import Foundation
import StanceCore
import StanceLexicon
import StanceAnalysis
import BundledLexicons
import StanceReports

/// The version every output row and run id records.
public let stanceVersion = "0.1.0"

/// Which lexicon folder a command uses (output contract): `--lexicons DIR` if given, else
/// `./Lexicons` if it exists, else the set bundled with the binary.
public enum LexiconSelection {
    public static func directory(explicit: String?) -> URL? {
        if let explicit { return URL(fileURLWithPath: explicit) }
        let local = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Lexicons")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: local.path, isDirectory: &isDirectory), isDirectory.boolValue { return local }
        return BundledLexicons.directory
    }

    /// Loads and validates the chosen set.
    public static func load(explicit: String?) -> LexiconLoadResult {
        guard let directory = directory(explicit: explicit) else {
            return LexiconLoadResult(lexicon: nil, diagnostics: [Diagnostic(.error, .missing, "no lexicon folder found (no ./Lexicons and no bundled set)",
                                                                             at: SourceLocation(file: ".", line: 1))])
        }
        return LexiconLoader.load(directory: directory)
    }
}

/// Analyses a corpus: reads every article under a path, runs the pipeline on each and aggregates.
public final class CorpusAnalyzer: Sendable {
    public let lexicon: Lexicon
    public let pipeline: Pipeline
    public let aggregator: Aggregator

    public init(lexicon: Lexicon) {
        self.lexicon = lexicon
        pipeline = Pipeline(lexicon: lexicon)
        aggregator = Aggregator(lexicon: lexicon)
    }

    public struct Outcome: Sendable {
        public let result: CorpusResult
        /// Per-document results in reading order (what aggregation and the store keep).
        public let documents: [DocumentResult]
        /// Full analyses (text, segmentation) when asked for with `keepAnalyses`; empty otherwise.
        public let analyses: [DocumentAnalysis]
        public let failures: [InputError]
        /// Statements over the statement limit, left out of `result` and `documents` (see `StatementLimit`).
        public var excluded: [StatementLimit.Exclusion] = []
    }

    /// How many files one parallel batch reads and analyses; the batch's results are compacted
    /// before the next starts, so memory holds at most one batch of texts (plus the statements).
    public static let batchSize = 64

    /// Reads and analyses everything under `path` on `threads` cores. Throws only when the path
    /// itself is unusable. `keepAnalyses` also returns every document's full analysis (text and
    /// segmentation): convenient for tools and tests, costly on a large corpus.
    public func analyze(path: String, skip: [URL] = [], maxFileBytes: Int = DocumentReader.defaultMaxFileBytes,
                        date: Date = RunClock.now(), threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                        keepAnalyses: Bool = true) throws -> Outcome {
        try analyze(reader: DocumentReader(path: path, skip: skip, maxFileBytes: maxFileBytes), date: date,
                    threads: threads, keepAnalyses: keepAnalyses)
    }

    /// The same with a reader the caller configured (skipped paths, limits: see `DocumentReader`).
    /// Statements longer than `maxStatementLength` scalars are left out of the results (0: no limit;
    /// see `StatementLimit`); `analyses` keeps them.
    public func analyze(reader: DocumentReader, date: Date = RunClock.now(),
                        threads: Int = ProcessInfo.processInfo.activeProcessorCount, keepAnalyses: Bool = true,
                        maxStatementLength: Int = StatementLimit.defaultMaxLength) throws -> Outcome {
        let entries = try reader.entries()
        var documents: [DocumentResult] = []
        var analyses: [DocumentAnalysis] = []
        var failures: [InputError] = []
        var seen: Set<String> = []
        var start = 0
        while start < entries.count {
            let batch = Array(entries[start..<min(start + Self.batchSize, entries.count)])
            start += batch.count
            for (entry, items) in zip(batch, analyzeBatch(batch, reader: reader, threads: threads, keep: keepAnalyses)) {
                for item in items {
                    switch item {
                    case .success(let (analysis, result)):
                        guard seen.insert(result.summary.id).inserted else {
                            failures.append(InputError(path: entry.displayPath, document: result.summary.id, reason: "duplicate document id \"\(result.summary.id)\"; skipped"))
                            continue
                        }
                        documents.append(result)
                        if keepAnalyses, let analysis { analyses.append(analysis) }
                    case .failure(let error):
                        failures.append(error)
                    }
                }
            }
        }
        let limited = StatementLimit.apply(documents, maxLength: maxStatementLength)
        return Outcome(result: aggregate(limited.documents, date: date), documents: limited.documents, analyses: analyses,
                       failures: failures, excluded: limited.excluded)
    }

    /// Reads and analyses one batch of files in parallel; results come back in the batch's order.
    /// The compact result is computed in the worker too (hashing and fingerprinting the text), and
    /// the full analysis is kept only when asked for, so the batch's texts are freed at once.
    private func analyzeBatch(_ batch: [DocumentReader.Entry], reader: DocumentReader, threads: Int, keep: Bool)
        -> [[Result<(DocumentAnalysis?, DocumentResult), InputError>]] {
        parallelMap(batch, threads: threads) { entry in
            reader.read(entry).map { item in
                item.map { document -> (DocumentAnalysis?, DocumentResult) in
                    let analysis = self.pipeline.analyze(document)
                    return (keep ? analysis : nil, analysis.result)
                }
            }
        }
    }

    /// Aggregates documents in the order of their ids, whatever order they come in (reading order,
    /// shards, merged parts): the result depends on the set of documents alone.
    public func aggregate(_ documents: [DocumentResult], date: Date = RunClock.now()) -> CorpusResult {
        let documents = documents.sorted { $0.summary.id < $1.summary.id }
        let run = RunInfo(runID: Self.runID(lexiconHash: lexicon.hash, contentHashes: documents.map(\.summary.contentHash)),
                          lexiconHash: lexicon.hash, toolVersion: stanceVersion, analysisDate: RunClock.iso8601(date))
        return aggregator.aggregate(documents, topics: lexicon.topics, run: run)
    }

    /// The same over compact documents (what `stance analyze` keeps of each), in the order of their
    /// ids; gives back the documents in that order too, the one the result's statements refer to.
    public func aggregate(_ documents: [CompactDocument], date: Date = RunClock.now())
        -> (result: CompactResult, documents: [CompactDocument]) {
        let documents = documents.sorted { $0.summary.id < $1.summary.id }
        let run = RunInfo(runID: Self.runID(lexiconHash: lexicon.hash, contentHashes: documents.map(\.summary.contentHash)),
                          lexiconHash: lexicon.hash, toolVersion: stanceVersion, analysisDate: RunClock.iso8601(date))
        return (aggregator.aggregate(documents, topics: lexicon.topics, run: run), documents)
    }

    public func aggregate(_ analyses: [DocumentAnalysis], date: Date = RunClock.now()) -> CorpusResult {
        aggregate(analyses.map(\.result), date: date)
    }

    /// Positions broken down by outlet or by month (`--by source|month`).
    public func groupedPositions(_ result: CorpusResult, by grouping: PositionGrouping) -> [Position] {
        switch grouping {
        case .source: aggregator.groupedPositions(result) { $0.source }
        case .month: aggregator.groupedPositions(result) { Aggregator.month(of: $0.date) }
        }
    }

    /// `r-` + 12 hex digits of SHA-256 of the tool version, `lexicon_hash` and the sorted content hashes.
    public static func runID(lexiconHash: String, contentHashes: [String]) -> String {
        // Hex digests: their bytes sort as the strings do, and comparing bytes is several times cheaper.
        let sorted = contentHashes.sortedByUTF8()
        let material = ([stanceVersion, lexiconHash] + sorted).joined(separator: "\n")
        return "r-" + SHA256.hex(of: Array(material.utf8)).prefix(12)
    }
}

/// The analysis date: `SOURCE_DATE_EPOCH` when set (reproducible reports), else now.
public enum RunClock {
    public static func now() -> Date {
        if let raw = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = TimeInterval(raw) {
            return Date(timeIntervalSince1970: seconds)
        }
        return Date()
    }

    public static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}

/// `transform` over `items` on up to `threads` cores (`concurrentPerform`), results in the items'
/// order; on one thread, or for one item, in a plain loop.
func parallelMap<T, U>(_ items: [T], threads: Int, _ transform: (T) -> U) -> [U] {
    withoutActuallyEscaping(transform) { transform in
        let slots = ResultSlots<U>(count: items.count)
        let work = { (i: Int) in slots.set(i, transform(items[i])) }
        if threads <= 1 || items.count <= 1 {
            for i in items.indices { work(i) }
        } else {
            DispatchQueue.concurrentPerform(iterations: items.count, execute: work)
        }
        return slots.values
    }
}

/// Fixed slots that parallel workers fill by index, each slot written once.
final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [Value] { storage.map { $0! } }
}
