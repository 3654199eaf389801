import Foundation
import StanceCore
import StanceAnalysis
import StanceReports

/// `stance analyze --stdin-jsonl`: articles as JSON Lines in (one per line, as `JSONLArticles`
/// reads them), the output contract's JSONL records out, for engines that pipe data through a
/// command (Spark's `rdd.pipe`, Hadoop streaming, a batch scheduler).
///
/// - Bounded memory: lines are read a block at a time and analysed in parallel batches of
///   `batchSize` lines; a batch's records are written (in input order) and flushed before the next
///   batch is read. Nothing is kept across batches but counts.
/// - No side effects: no database, no report files; each document is analysed on its own
///   (`JSONLines.streamRecords`), and `stance merge` aggregates the parts.
/// - A bad line (not JSON, no `id` or `text`, invalid UTF-8, too long) becomes an `error` record
///   (document `stdin:LINE`), its message also goes to `errors`, and the stream goes on.
/// - Duplicate ids are not detected here (that would need every id in memory): `stance merge`
///   reports them.
public final class StreamAnalyzer: @unchecked Sendable {
    public let analyzer: CorpusAnalyzer
    public var shard: Shard?
    public var maxLineBytes = DocumentReader.defaultMaxFileBytes
    public var maxParagraphLength = DocumentReader.defaultMaxParagraphLength
    public var batchSize = CorpusAnalyzer.batchSize
    public var threads = ProcessInfo.processInfo.activeProcessorCount
    /// Asked after every batch; true stops the stream there (Ctrl-C).
    public var shouldStop: () -> Bool = { false }
    /// Told the documents done after every batch.
    public var progress: (Int) -> Void = { _ in }
    /// The name bad lines are reported under (`stdin:LINE`).
    public var inputName = "stdin"

    public init(analyzer: CorpusAnalyzer) {
        self.analyzer = analyzer
    }

    public struct Outcome: Sendable {
        public var lines = 0
        public var documents = 0
        public var statements = 0
        public var errors = 0
        /// Documents left out because they belong to another shard.
        public var otherShards = 0
        /// The stream stopped on request before its end.
        public var stopped = false
    }

    /// Reads `input` to its end (or until `shouldStop`), writing records with `write` after each
    /// batch and every error message with `reportError`. Throws when reading or writing fails.
    public func run(input: Int32, write: (String) throws -> Void, reportError: (String) -> Void) throws -> Outcome {
        let reader = LineReader(descriptor: input, maxLineBytes: maxLineBytes)
        var outcome = Outcome()
        var batch: [(number: Int, line: LineReader.Line)] = []
        var ended = false
        while !ended {
            batch.removeAll(keepingCapacity: true)
            while batch.count < batchSize, let line = try reader.next() {
                batch.append((reader.lineNumber, line))
            }
            ended = batch.count < batchSize
            guard !batch.isEmpty else { break }
            outcome.lines += batch.count
            let items = analyze(batch)
            var text = ""
            for item in items {
                switch item {
                case .skipped: break
                case .otherShard: outcome.otherShards += 1
                case .analysed(let records, let statements):
                    text += records
                    outcome.documents += 1
                    outcome.statements += statements
                case .failed(let error):
                    text += JSONLines.errorRecord(ErrorRecord(document: error.document, message: error.description)) + "\n"
                    reportError(error.description)
                    outcome.errors += 1
                }
            }
            if !text.isEmpty { try write(text) }
            progress(outcome.documents)
            if !ended && shouldStop() {
                outcome.stopped = true
                break
            }
        }
        return outcome
    }

    enum Item {
        case skipped
        case otherShard
        case analysed(String, statements: Int)
        case failed(InputError)
    }

    private func analyze(_ batch: [(number: Int, line: LineReader.Line)]) -> [Item] {
        parallelMap(batch, threads: threads) { self.item($0.number, $0.line) }
    }

    private func item(_ number: Int, _ line: LineReader.Line) -> Item {
        let fail = { (reason: String) -> Item in
            let error = InputError(path: self.inputName, line: number, document: "\(self.inputName):\(number)", reason: reason)
            return self.shard.map { $0.contains(error.document) } ?? true ? .failed(error) : .otherShard
        }
        let bytes: [UInt8]
        switch line {
        case .tooLong(let length):
            return fail("line of \(length) bytes is over the limit of \(maxLineBytes) (--max-file-size); line not read")
        case .bytes(let read): bytes = read
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return .skipped }
        if let nul = bytes.firstIndex(of: 0) { return fail("NUL byte at byte \(nul) of the line (binary data); line not read") }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = bytes.withUnsafeBufferPointer { TextDecoder.firstInvalidUTF8($0) }
            return fail("invalid UTF-8 at byte \(offset) of the line; line not read")
        }
        switch JSONLArticles.parse(text, path: inputName, line: number, document: inputName, maxParagraphLength: maxParagraphLength) {
        case .failure(let error):
            return shard.map { $0.contains(error.document) } ?? true ? .failed(error) : .otherShard
        case .success(let document):
            if let shard, !shard.contains(document.id) { return .otherShard }
            let result = analyzer.pipeline.analyze(document).result
            return .analysed(JSONLines.streamRecords(result, document: document, lexiconHash: analyzer.lexicon.hash),
                             statements: result.statements.count)
        }
    }
}
