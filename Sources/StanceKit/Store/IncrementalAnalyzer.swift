import Foundation
import StanceCore
import StanceAnalysis
import StanceStore

/// `stance analyze` with the corpus database: analyses only what changed since the stored runs,
/// stores every document and the run, and gives back the run's result as the database holds it.
///
/// What each document needs is decided per document:
/// - **analysed** (the whole pipeline, then stored: its `analysis_count` goes up): a new document, a
///   changed one (same size and mtime means unchanged; otherwise its content hash decides; for JSON
///   Lines articles, the hash and the metadata), or any document when lexicon files that feed
///   segmentation or attribution changed since the run that produced its stored statements;
/// - **re-scored** (counted as reused): its stored statements are scored again with `StanceScorer`
///   over the stored text, without segmenting or attributing, when only stance lexicons changed
///   (`topics/*`, `stance/*`, `stance.*` settings), or when no finished run holds its stances (it was
///   stored by an interrupted run), or when the stored stances carry corrections;
/// - **reused**: its statements and the previous finished run's stances are taken as stored.
///
/// Which lexicon files changed is decided against the files stored with the previous finished run
/// (`run_lexicon_files`), mapped to stages by `AnalysisStage`. A document stored by an interrupted
/// run counts as produced by that run's lexicon (`runs.lexicon_hash`).
///
/// The one scoring rule that reads sentences (`participle_frame` statements: "Warning that ..., X
/// said") gets them by segmenting that document again, sentences only: the stored statements and
/// speakers stay. Sentences are not stored: a handful of documents need them, and segmenting costs
/// a fraction of attribution.
///
/// Writes: each batch of analysed documents is one transaction (`CorpusStore.saveDocuments`), so
/// an interrupted run leaves whole documents, which the next run finds stored and only re-scores.
public final class IncrementalAnalyzer: @unchecked Sendable {
    public let analyzer: CorpusAnalyzer
    public let store: CorpusStore
    /// The files of the lexicon set `analyzer` was loaded from (`LexiconFiles.read`).
    public let lexiconFiles: [LexiconFile]
    /// Asked after every batch; true stops the run there with `AnalysisInterrupted` (Ctrl-C): the
    /// batches stored so far stay, the run stays unfinished, and a re-run resumes.
    public var shouldStop: () -> Bool = { false }
    /// Told (documents analysed, documents to analyse) after every batch of the analysis.
    public var progress: (Int, Int) -> Void = { _, _ in }

    public init(analyzer: CorpusAnalyzer, store: CorpusStore, lexiconFiles: [LexiconFile]) {
        self.analyzer = analyzer
        self.store = store
        self.lexiconFiles = lexiconFiles
    }

    /// What a run did.
    public final class Outcome: @unchecked Sendable {
        /// Ids of the documents analysed (the whole pipeline), in reading order.
        public let analysed: [String]
        /// Documents whose stored statements were used (re-scored ones included).
        public let reused: Int
        /// Ids of the reused documents whose statements were scored again.
        public let rescored: [String]
        /// Documents segmented again for their sentences only (while re-scoring).
        public let resegmented: Int
        public let failures: [InputError]
        /// Documents found missing in this run (marked in the database), sorted.
        public let missing: [String]
        /// Statements over `--max-statement-length`, stored but left out of the results (`StatementLimit`).
        public let excluded: [StatementLimit.Exclusion]
        /// What changed in the lexicons since the previous finished run; nil without one.
        public let lexiconChange: LexiconChange?
        public let durationSeconds: Double
        /// The run's id (equal to the previous run's when nothing changed).
        public let runID: String
        /// Nothing changed since the previous finished run (same documents, lexicons, tool version
        /// and corrections): its stored result stands and was not computed or stored again.
        public let repeated: Bool
        /// Statements in the run's result.
        public let statementCount: Int
        private let loadReport: () throws -> StoredReport
        private var loadedReport: StoredReport?

        init(report: StoredReport?, loadReport: @escaping () throws -> StoredReport, runID: String, repeated: Bool,
             statementCount: Int, analysed: [String], reused: Int, rescored: [String], resegmented: Int,
             failures: [InputError], missing: [String], excluded: [StatementLimit.Exclusion], lexiconChange: LexiconChange?,
             durationSeconds: Double) {
            self.loadedReport = report
            self.loadReport = loadReport
            self.runID = runID
            self.repeated = repeated
            self.statementCount = statementCount
            self.analysed = analysed
            self.reused = reused
            self.rescored = rescored
            self.resegmented = resegmented
            self.failures = failures
            self.missing = missing
            self.excluded = excluded
            self.lexiconChange = lexiconChange
            self.durationSeconds = durationSeconds
        }

        /// The run's result as the database holds it, corrections applied (what reports show), opened
        /// with `StoredReport.open`: its statements and stances are read from the store when used,
        /// which must then be before the store is closed. A repeated run opens it on first use.
        public var report: StoredReport {
            get throws {
                if let loadedReport { return loadedReport }
                let report = try loadReport()
                loadedReport = report
                return report
            }
        }

        public var result: CorpusResult { get throws { try report.result } }

        /// `analysed N, reused M, failed K documents; S statements; T s`, then `; re-scored R` when
        /// some were (output contract: the one-line summary). `seconds`: the whole command's time.
        public func summary(seconds: Double) -> String {
            var line = "analysed \(analysed.count), reused \(reused), failed \(failures.count) documents; "
                + "\(statementCount) statements; \(String(format: "%.1f", seconds)) s"
            if !rescored.isEmpty { line += "; re-scored \(rescored.count)" }
            return line
        }
    }

    enum Plan { case analyse, rescore, reuse }

    /// One document found in the input.
    struct Found {
        let id: String
        let entry: Int
        let contentHash: String
        /// Nil for JSON Lines articles (the store records their text's size and mtime 0).
        let stamp: FileStamp?
        /// The stored size and mtime differ (content unchanged) or the document was marked missing.
        var needsStamp: Bool
        var plan: Plan
    }

    /// Reads `path`, analyses what changed, stores everything and the run. Throws `InputError` when
    /// the path itself is unusable and `StoreError` when the database is.
    ///
    /// - Parameters:
    ///   - shard: only that shard's documents (`--shard K/N`); stored documents of other shards are
    ///     not marked missing.
    ///   - deferReport: when the run repeats the previous one (`Outcome.repeated`), read its report
    ///     from the store only when `Outcome.report` is first used, which must then be before the
    ///     store is closed. Lets a caller whose reports are current skip reading the run back.
    ///   - openReport: open the report with `StoredReport.open` (statements and stances stay in the
    ///     database until written, so memory does not grow with them) instead of reading it whole;
    ///     the store must then stay open while the report is used.
    public func analyze(path: String, skip: [URL] = [], maxFileBytes: Int = DocumentReader.defaultMaxFileBytes,
                        maxParagraphLength: Int = DocumentReader.defaultMaxParagraphLength,
                        maxStatementLength: Int = StatementLimit.defaultMaxLength,
                        date: Date = RunClock.now(), threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                        started: Date = Date(), shard: Shard? = nil, deferReport: Bool = false,
                        openReport: Bool = false) throws -> Outcome {
        var reader = DocumentReader(path: path, skip: skip, maxFileBytes: maxFileBytes, maxParagraphLength: maxParagraphLength)
        reader.shard = shard
        let entries = try reader.entries()
        let lexicon = analyzer.lexicon
        let state = try StoreState(store: store, lexiconFiles: lexiconFiles, lexiconHash: lexicon.hash)

        // 1. What is there, and what changed (files with their stored size and mtime are not read).
        var found: [Found] = []
        var failures: [InputError] = []
        var failedEntries: Set<String> = []
        var seen: Set<String> = []
        try forEachBatch(entries, threads: threads, { self.scan($0, reader: reader, state: state) }) { index, items in
            for item in items {
                switch item {
                case .success(var document):
                    guard seen.insert(document.id).inserted else {
                        failures.append(InputError(path: entries[index].id, reason: "duplicate document id \"\(document.id)\"; skipped"))
                        continue
                    }
                    document.plan = state.plan(document)
                    found.append(Found(id: document.id, entry: index, contentHash: document.contentHash, stamp: document.stamp,
                                       needsStamp: document.needsStamp, plan: document.plan))
                case .failure(let error):
                    failures.append(error)
                    failedEntries.insert(entries[index].id)
                }
            }
        }

        // 2. Stamps of unchanged documents, and documents no longer there.
        var stamps: [String: FileStamp] = [:]
        var present: [String] = []
        for document in found where document.plan != .analyse && document.needsStamp {
            if let stamp = document.stamp { stamps[document.id] = stamp } else { present.append(document.id) }
        }
        if !stamps.isEmpty { try store.updateFileStamps(stamps) }
        if !present.isEmpty { try store.markPresent(present) }
        let foundIDs = Set(found.map(\.id))
        let missing = state.documents.values.filter { !$0.missing && !foundIDs.contains($0.id) && !failedEntries.contains($0.id) }
            .map(\.id).filter { shard?.contains($0) ?? true }.sorted()
        if !missing.isEmpty { try store.markMissing(missing) }

        // 3. Stored documents, before the run begins (beginning a run with the previous run's id
        //    replaces it, stances and all). A reused document whose stored stances carry corrections,
        //    or lost statements to one, is re-scored: the corrections are applied afresh below.
        let contentHashes = found.map(\.contentHash)
        let runInfo = RunInfo(runID: CorpusAnalyzer.runID(lexiconHash: lexicon.hash, contentHashes: contentHashes),
                              lexiconHash: lexicon.hash, toolVersion: stanceVersion, analysisDate: RunClock.iso8601(date))
        let stale = try state.previous.map { try store.documentsWithStatementsOutsideRun(runID: $0.runID) } ?? []
        // What besides the documents and lexicons decides the result. Read before anything is
        // applied: a correction made during the run only makes the next run compute again.
        let resultMarker = "corrections \(try store.correctionsMarker()); max statement length \(maxStatementLength)"
        if let previous = state.previous,
           try repeats(previous, runID: runInfo.runID, found: found, stale: stale, marker: resultMarker) {
            let reusedCount = found.count
            try store.repeatRun(runID: previous.runID, stats: RunStats(analysed: 0, reused: reusedCount, failed: failures.count,
                                                                       durationSeconds: Date().timeIntervalSince(started)))
            let store = self.store
            let load = {
                guard let report = try Self.report(store: store, runID: previous.runID, open: openReport) else {
                    throw StoreError.unknownRun(path: store.path, runID: previous.runID)
                }
                return report
            }
            return Outcome(report: deferReport ? nil : try load(), loadReport: load, runID: previous.runID, repeated: true,
                           statementCount: previous.statements ?? 0, analysed: [], reused: reusedCount,
                           rescored: [], resegmented: 0, failures: failures, missing: missing, excluded: [],
                           lexiconChange: state.change, durationSeconds: Date().timeIntervalSince(started))
        }

        // What each document contributes to the run. Without corrections to apply, documents are
        // kept compact (`CompactDocument`) and their stance rows wait in the store
        // (`addPendingStances`), so memory does not grow with the statements' words and evidence;
        // with corrections, whole results are kept for `CorrectionApplier`.
        let kept = KeptDocuments(store: store, compact: CorrectionApplier.Effective(try store.corrections()).isEmpty,
                                 maxStatementLength: maxStatementLength)
        try kept.begin()
        var rescored: [String] = []
        var resegmented = 0
        let toReuse = found.filter { $0.plan == .reuse }.map(\.id)
        var reuseAgain: [String] = []
        for batch in toReuse.chunked(CorpusAnalyzer.batchSize) {
            let stored = try store.loadDocumentAnalyses(ids: batch, stancesFromRun: state.previous?.runID)
            var reused: [DocumentResult] = []
            for (document, result) in zip(stored, parallelMap(stored, threads: threads, { Self.reused($0) })) {
                if stale.contains(document.state.id) || document.stances.contains(where: { $0.evidence.contains { $0.rule == CorrectionApplier.rule } }) {
                    reuseAgain.append(document.state.id)
                } else {
                    reused.append(result)
                }
            }
            try kept.add(reused)
        }
        let toRescore = found.filter { $0.plan == .rescore }.map(\.id) + reuseAgain

        // 4. The run, then the documents to analyse, one transaction per batch.
        try store.beginRun(runInfo, startedAt: started)
        var analysed: [String] = []
        let toAnalyse = Dictionary(grouping: found.filter { $0.plan == .analyse }, by: \.entry)
        let analyseCount = toAnalyse.values.reduce(0) { $0 + $1.count }
        let interrupted = {
            AnalysisInterrupted(analysed: analysed.count, reused: found.count - analyseCount, failed: failures.count,
                                statements: kept.statementCount)
        }
        // Batches of documents, not of files: a JSON Lines file of thousands of articles is read
        // alone and analysed a batch at a time, so memory holds one file's texts and one batch's
        // analyses. Each batch is stored while the next one is analysed.
        let writer = BatchWriter(store: store)
        var waiting: [(entry: Int, document: Document)] = []
        var analyseNext = 0
        let ordered = toAnalyse.keys.sorted()
        while analyseNext < ordered.count || !waiting.isEmpty {
            while waiting.count < CorpusAnalyzer.batchSize && analyseNext < ordered.count {
                var chunk = [ordered[analyseNext]]
                analyseNext += 1
                // Text files are read a batch at a time, in parallel; a JSON Lines file alone.
                if !entries[chunk[0]].isJSONLines {
                    while chunk.count < CorpusAnalyzer.batchSize - waiting.count, analyseNext < ordered.count,
                          !entries[ordered[analyseNext]].isJSONLines {
                        chunk.append(ordered[analyseNext])
                        analyseNext += 1
                    }
                }
                let read = parallelMap(chunk, threads: threads) { reader.read(entries[$0]) }
                for (index, entryItems) in zip(chunk, read) {
                    let wanted = Set(toAnalyse[index]!.map(\.id))
                    var got: Set<String> = []
                    var failed = false
                    for item in entryItems {
                        switch item {
                        case .success(let document):
                            guard wanted.contains(document.id) else { continue }
                            got.insert(document.id)
                            waiting.append((index, document))
                        // A bad line of a JSON Lines file was reported by the scan already.
                        case .failure(let error) where !entries[index].isJSONLines:
                            failed = true
                            failures.append(error)
                        case .failure:
                            continue
                        }
                    }
                    // A wanted article no longer there (the file changed while the run read it).
                    for document in toAnalyse[index]! where !failed && !got.contains(document.id) {
                        failures.append(InputError(path: entries[index].id, reason: "article \"\(document.id)\" disappeared while the run read it"))
                    }
                }
            }
            let batch = Array(waiting.prefix(CorpusAnalyzer.batchSize))
            waiting.removeFirst(batch.count)
            let analyses = parallelMap(batch, threads: threads) { self.analyzer.pipeline.analyze($0.document) }
            var files: [String: FileStamp] = [:]
            // Text files have stamps (one document each); JSON Lines articles none.
            for (entry, document) in batch where !entries[entry].isJSONLines {
                if let stamp = toAnalyse[entry]!.first(where: { $0.id == document.id })?.stamp { files[document.id] = stamp }
            }
            try writer.save(analyses, files: files, runID: runInfo.runID, stances: kept.keep(analyses.map(\.result)))
            analysed += analyses.map(\.document.id)
            progress(analysed.count, analyseCount)
            Interruption.shared.documentsDone(analysed.count)
            if shouldStop() {
                try writer.finish()
                throw interrupted()
            }
        }
        try writer.finish()

        // 5. Stored statements scored again.
        for batch in toRescore.chunked(CorpusAnalyzer.batchSize) {
            let stored = try store.loadDocumentAnalyses(ids: batch)
            let scored = parallelMap(stored, threads: threads) { self.rescore($0) }
            try kept.add(scored.map(\.0))
            for (document, (_, segmented)) in zip(stored, scored) {
                rescored.append(document.state.id)
                if segmented { resegmented += 1 }
            }
            if shouldStop() { throw interrupted() }
        }

        // 6. Aggregate, apply the corrections and store the run. Statements over the limit are
        //    stored (a later run with a higher limit gets them back) but left out.
        let rescoredKept = rescored.filter { kept.contains($0) }
        let excluded = kept.exclusions(in: found.map(\.id))
        let stats = { (documents: Int) in
            RunStats(analysed: analysed.count, reused: documents - analysed.count, failed: failures.count,
                     durationSeconds: Date().timeIntervalSince(started))
        }
        let runID: String
        let documentCount: Int
        switch kept.take(in: found.map(\.id)) {
        case .compact(let documents):
            let (result, sorted) = analyzer.aggregate(documents, date: date)
            try store.finishRun(result.overview, statements: result.statementIDs(in: sorted), documentOrder: sorted.map(\.summary.id),
                                stats: stats(sorted.count), lexiconFiles: lexiconFiles)
            runID = result.run.runID
            documentCount = sorted.count
        case .whole(let documents):
            runID = try finishRun(documents, date: date, stats: stats(documents.count))
            documentCount = documents.count
        }
        try store.setResultMarker(resultMarker, runID: runID)
        guard let report = try Self.report(store: store, runID: runID, open: openReport) else {
            throw StoreError.unknownRun(path: store.path, runID: runID)
        }
        return Outcome(report: report, loadReport: { report }, runID: runID, repeated: false,
                       statementCount: report.statementCount, analysed: analysed, reused: documentCount - analysed.count,
                       rescored: rescoredKept, resegmented: resegmented, failures: failures, missing: missing,
                       excluded: excluded, lexiconChange: state.change, durationSeconds: Date().timeIntervalSince(started))
    }

    private static func report(store: CorpusStore, runID: String, open: Bool) throws -> StoredReport? {
        open ? try StoredReport.open(store: store, runID: runID) : try StoredReport.load(store: store, runID: runID)
    }

    /// Aggregates `documents` (consumed), applies the stored corrections and stores the finished
    /// run; returns its id.
    private func finishRun(_ documents: consuming [DocumentResult], date: Date, stats: RunStats) throws -> String {
        let aggregated = analyzer.aggregate(documents, date: date)
        _ = consume documents
        let result = CorrectionApplier.apply(try store.corrections(), to: aggregated, aggregator: analyzer.aggregator).result
        try store.finishRun(result, stats: stats, lexiconFiles: lexiconFiles)
        return result.run.runID
    }

    /// Whether this run would repeat `previous` exactly: the same run id (tool version, lexicons and
    /// documents' contents), every document reused as it was stored, no statement stored since, and
    /// the same corrections and statement length limit. Then its stored result stands and nothing
    /// is computed or stored again.
    private func repeats(_ previous: RunRecord, runID: String, found: [Found], stale: Set<String>, marker: String) throws -> Bool {
        guard previous.runID == runID, stale.isEmpty, found.allSatisfy({ $0.plan == .reuse }),
              let stored = try store.resultMarker(runID: previous.runID) else { return false }
        return stored == marker
    }

    // MARK: - Per document

    /// A document found by the scan, before planning.
    struct Scanned {
        let id: String
        let contentHash: String
        let metadata: StoredMetadata
        let stamp: FileStamp?
        var needsStamp: Bool
        var plan: Plan = .analyse
    }

    /// The documents of one input entry: a text file with its stored size and mtime is not read.
    private func scan(_ entry: DocumentReader.Entry, reader: DocumentReader, state: StoreState) -> [Result<Scanned, InputError>] {
        var stamp: FileStamp?
        if !entry.isJSONLines {
            stamp = FileStamps.stamp(of: entry.path)
            if entry.problem == nil, let stamp, stamp.size <= reader.maxFileBytes, let stored = state.documents[entry.id],
               stored.size == stamp.size, stored.mtime == stamp.mtime {
                return [.success(Scanned(id: entry.id, contentHash: stored.contentHash,
                                         metadata: state.metadata[entry.id] ?? StoredMetadata(title: nil, date: nil, source: nil, url: nil),
                                         stamp: stamp, needsStamp: stored.missing))]
            }
        }
        return reader.read(entry).map { item in
            item.map { document in
                var needsStamp = false
                if let stored = state.documents[document.id] {
                    needsStamp = stored.missing
                    if let stamp, stamp.size != stored.size || stamp.mtime != stored.mtime { needsStamp = true }
                }
                return Scanned(id: document.id, contentHash: document.contentHash,
                               metadata: StoredMetadata(title: document.title, date: document.date, source: document.source,
                                                        url: document.url),
                               stamp: stamp, needsStamp: needsStamp)
            }
        }
    }

    /// A stored document with the previous run's stances, as aggregation takes it.
    static func reused(_ stored: StoredDocument) -> DocumentResult {
        var result = stored.analysis.result
        result.stances = stored.stances
        return result
    }

    /// A stored document's statements scored again; true when its sentences had to be segmented.
    private func rescore(_ stored: StoredDocument) -> (DocumentResult, Bool) {
        var analysis = stored.analysis
        var segmented = false
        if analysis.statements.contains(where: { $0.rule == "participle_frame" }) {
            let sentences = analyzer.pipeline.segmenter.segment(stored.document).sentences
            analysis = DocumentAnalysis(document: analysis.document, paragraphs: [], sentences: sentences, quotations: [],
                                        statements: analysis.statements, speakers: analysis.speakers,
                                        disagreements: analysis.disagreements)
            segmented = true
        }
        analysis.stances = analyzer.pipeline.stanceScorer.score(analysis)
        return (analysis.result, segmented)
    }

    // MARK: - Batches

    /// Scans entries in parallel batches and hands each entry's results over in reading order.
    private func forEachBatch<T>(_ entries: [DocumentReader.Entry], threads: Int, _ work: @escaping (DocumentReader.Entry) -> T,
                                 _ body: (Int, T) -> Void) throws {
        var start = 0
        while start < entries.count {
            let end = min(start + CorpusAnalyzer.batchSize, entries.count)
            let values = parallelMap(Array(start..<end), threads: threads) { work(entries[$0]) }
            for (offset, value) in values.enumerated() { body(start + offset, value) }
            start = end
            // Nothing is stored while scanning: stopping here leaves the database as it was.
            if start < entries.count, shouldStop() { throw AnalysisInterrupted(analysed: 0, reused: 0, failed: 0, statements: 0) }
        }
    }
}

/// What the database knew before the run: the documents, the runs, and the lexicon change since
/// the previous finished run. Read once; the planning of every document consults it.
final class StoreState: @unchecked Sendable {
    let documents: [String: StoredDocumentState]
    let metadata: [String: StoredMetadata]
    let runs: [String: RunRecord]
    let previous: RunRecord?
    /// The previous finished run's documents and their content hashes.
    let previousDocuments: [String: String]
    let change: LexiconChange?
    let lexiconHash: String

    init(store: CorpusStore, lexiconFiles: [LexiconFile], lexiconHash: String) throws {
        documents = Dictionary(try store.documentStates().map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        metadata = documents.isEmpty ? [:] : try store.documentMetadata()
        let all = try store.runs()
        runs = Dictionary(all.map { ($0.runID, $0) }, uniquingKeysWith: { a, _ in a })
        previous = all.first { $0.isFinished }
        self.lexiconHash = lexiconHash
        if let previous {
            previousDocuments = try store.runDocumentHashes(runID: previous.runID)
            if previous.toolVersion != stanceVersion {
                change = LexiconChange(stage: .attribution, changed: ["(stance \(previous.toolVersion) -> \(stanceVersion))"])
            } else if previous.lexiconHash == lexiconHash {
                change = LexiconChange(stage: .nothing, changed: [])
            } else {
                let files = try store.lexiconFiles(runID: previous.runID)
                change = files.isEmpty ? LexiconChange(stage: .attribution, changed: ["(lexicon files not stored)"])
                    : LexiconChange.between(files, lexiconFiles)
            }
        } else {
            previousDocuments = [:]
            change = nil
        }
    }

    func plan(_ document: IncrementalAnalyzer.Scanned) -> IncrementalAnalyzer.Plan {
        guard let stored = documents[document.id], stored.contentHash == document.contentHash,
              metadata[document.id] == document.metadata else { return .analyse }
        let producer = stored.analysedAtRun.flatMap { runs[$0] }
        let inPrevious = previous != nil && previousDocuments[document.id] == stored.contentHash
        if let producer, producer.lexiconHash == lexiconHash, producer.toolVersion == stanceVersion {
            // Statements made with exactly this lexicon; the previous run's stances fit them when
            // it scored this text with the same stance lexicons.
            if inPrevious, let change, change.stage <= .aggregation { return .reuse }
            return .rescore
        }
        // Statements as the previous finished run used them (it produced or reused them).
        if inPrevious, producer.map(\.isFinished) ?? true, let change, change.stage < .attribution {
            return change.stage == .stance ? .rescore : .reuse
        }
        return .analyse
    }
}

/// Size and modification time of a file, links followed.
enum FileStamps {
    static func stamp(of path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let mtime = Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9
        #else
        let mtime = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        #endif
        return FileStamp(size: Int(info.st_size), mtime: mtime)
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}
