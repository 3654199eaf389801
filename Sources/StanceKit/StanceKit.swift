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
        public let analyses: [DocumentAnalysis]
        public let failures: [InputError]
    }

    /// Reads and analyses everything under `path`. Throws only when the path itself is unusable.
    public func analyze(path: String, skip: [URL] = [], maxFileBytes: Int = DocumentReader.defaultMaxFileBytes,
                        date: Date = RunClock.now()) throws -> Outcome {
        let reader = DocumentReader(path: path, skip: skip, maxFileBytes: maxFileBytes)
        var analyses: [DocumentAnalysis] = []
        var failures: [InputError] = []
        var seen: Set<String> = []
        for entry in try reader.entries() {
            for item in reader.read(entry) {
                switch item {
                case .success(let document):
                    guard seen.insert(document.id).inserted else {
                        failures.append(InputError(path: entry.id, reason: "duplicate document id \"\(document.id)\"; skipped"))
                        continue
                    }
                    analyses.append(pipeline.analyze(document))
                case .failure(let error):
                    failures.append(error)
                }
            }
        }
        return Outcome(result: aggregate(analyses, date: date), analyses: analyses, failures: failures)
    }

    public func aggregate(_ analyses: [DocumentAnalysis], date: Date = RunClock.now()) -> CorpusResult {
        let run = RunInfo(runID: Self.runID(lexiconHash: lexicon.hash, contentHashes: analyses.map(\.document.contentHash)),
                          lexiconHash: lexicon.hash, toolVersion: stanceVersion, analysisDate: RunClock.iso8601(date))
        return aggregator.aggregate(analyses, topics: lexicon.topics, run: run)
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
        let material = ([stanceVersion, lexiconHash] + contentHashes.sorted()).joined(separator: "\n")
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
