import Foundation
import StanceAnalysis
import StanceCore
import StanceKit
import StanceStore

/// `stance-bench stages PATH [--lexicons DIR] --out DIR`: the work of a first `stance analyze PATH --out DIR`
/// (into a new database `DIR/stance.sqlite`, then the tables and the report), driven through the
/// library on ONE thread so that each stage is timed on its own:
///
/// - lexicon: load and compile the lexicons, read their files (stored with the run)
/// - scan: read every input once for the content hashes (the run id and change detection)
/// - read: read and decode again for analysis, JSONL parsing, `Document` (scalars)
/// - segment, attribute, stance: `Segmenter`, `Attributor`, `StanceScorer` per document
/// - compact: `DocumentAnalysis.result` (content hash, near-duplicate fingerprint), then `CompactDocument` (what
///   is kept of each document until aggregation)
/// - store: `beginRun`, `saveDocuments` and `addPendingStances` per batch of 64 files (statements, speakers, text,
///   FTS; stance rows kept in a temporary table), `finishRun` (stance rows copied in the result's order)
/// - aggregate: `CorpusAnalyzer.aggregate` (speakers, positions, contrasts, allies, run id)
/// - reload: `StoredReport.open` (the run's corpus-level tables read back; statements and stances stay in the database)
/// - write: `OutputWriter` (CSV tables, statements and stances streamed from the database; near-duplicates, charts, report.md)
///
/// It mirrors `IncrementalAnalyzer.analyze` for a first run (every document new) and
/// `Pipeline.analyze`; the stage times are CPU costs, the CLI rows show what the product's own
/// scheduling makes of them. The report checks that the statement count equals the CLI's, which
/// catches this copy going stale.
func stagesCommand(_ args: [String]) -> Int32 {
    var path: String?
    var lexicons: String?
    var out: String?
    var rest = args[...]
    while let option = rest.popFirst() {
        if !option.hasPrefix("--") { path = option; continue }
        guard let value = rest.popFirst() else { fail("stages: \(option) needs a value") }
        switch option {
        case "--lexicons": lexicons = value
        case "--out": out = value
        default: fail("stages: unknown option \(option)")
        }
    }
    guard let path, let out else { fail("stages: usage: stages PATH [--lexicons DIR] --out DIR") }
    let outURL = URL(fileURLWithPath: out)
    let dbPath = outURL.appendingPathComponent("stance.sqlite").path
    let started = monotonicSeconds()
    let startedDate = Date()
    var times: [String: Double] = [:]
    func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let t = monotonicSeconds()
        defer { times[stage, default: 0] += monotonicSeconds() - t }
        return try body()
    }

    // lexicon
    let (lexicon, lexiconFiles): (Lexicon, [LexiconFile]) = timed("lexicon") {
        let loaded = LexiconSelection.load(explicit: lexicons)
        guard let lexicon = loaded.lexicon else { fail("stages: the lexicons have errors") }
        guard let folder = LexiconSelection.directory(explicit: lexicons),
              let files = try? LexiconFiles.read(directory: folder) else { fail("stages: cannot read the lexicon files") }
        return (lexicon, files)
    }
    let analyzer = CorpusAnalyzer(lexicon: lexicon)
    let pipeline = analyzer.pipeline

    // scan
    let reader = DocumentReader(path: path, skip: [outURL])
    let entries: [DocumentReader.Entry]
    do { entries = try timed("read") { try reader.entries() } } catch { fail("stages: \(error)") }
    var contentHashes: [String] = []
    var seen: Set<String> = []
    var failures = 0
    timed("scan") {
        for entry in entries {
            for item in reader.read(entry) {
                switch item {
                case .success(let document):
                    if seen.insert(document.id).inserted { contentHashes.append(document.contentHash) } else { failures += 1 }
                case .failure: failures += 1
                }
            }
        }
    }

    // store: the database and the run
    try? FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)
    try? FileManager.default.removeItem(atPath: dbPath)
    let runInfo = RunInfo(runID: CorpusAnalyzer.runID(lexiconHash: lexicon.hash, contentHashes: contentHashes),
                          lexiconHash: lexicon.hash, toolVersion: stanceVersion, analysisDate: RunClock.iso8601(RunClock.now()))
    let store: CorpusStore
    do {
        store = try timed("store") {
            let store = try CorpusStore(path: dbPath)
            try store.beginRun(runInfo, startedAt: startedDate)
            try store.beginPendingStances()
            return store
        }
    } catch { fail("stages: cannot open the database: \(error)") }

    // read, analyse, store per batch of documents (a JSON Lines file holds many)
    var documents: [CompactDocument] = []
    var sentences = 0
    var textBytes = 0
    seen = []
    var analyses: [DocumentAnalysis] = []
    func storeBatch() {
        let results = timed("compact") { analyses.map(\.result) }
        do {
            try timed("store") {
                try store.saveDocuments(analyses, runID: runInfo.runID)
                try store.addPendingStances(results.map { (id: $0.summary.id, stances: $0.stances) })
            }
        } catch { fail("stages: cannot store: \(error)") }
        timed("compact") { documents += results.map(CompactDocument.init) }
        analyses = []
    }
    do {
        for entry in entries {
            let items = timed("read") { reader.read(entry) }
            for case .success(let document) in items {
                guard seen.insert(document.id).inserted else { continue }
                let segmented = timed("segment") { pipeline.segmenter.segment(document) }
                let attributed = timed("attribute") { pipeline.attributor.attribute(segmented) }
                let analysis = timed("stance") { () -> DocumentAnalysis in
                    var analysis = DocumentAnalysis(document: document, paragraphs: segmented.paragraphs, sentences: segmented.sentences,
                                                    quotations: segmented.quotations, statements: attributed.statements,
                                                    speakers: attributed.speakers, disagreements: attributed.disagreements)
                    analysis.stances = pipeline.stanceScorer.score(analysis)
                    return analysis
                }
                sentences += segmented.sentences.count
                textBytes += document.text.utf8.count
                analyses.append(analysis)
                if analyses.count == CorpusAnalyzer.batchSize { storeBatch() }
            }
        }
        if !analyses.isEmpty { storeBatch() }
    }
    let rssAnalysed = selfPeakRSSKB()

    // aggregate, finish the run, read it back, write
    let (result, sorted) = timed("aggregate") { analyzer.aggregate(documents) }
    documents = []
    let rssAggregated = selfPeakRSSKB()
    do {
        try timed("store") {
            try store.finishRun(result.overview, statements: result.statementIDs(in: sorted), documentOrder: sorted.map(\.summary.id),
                                stats: RunStats(analysed: sorted.count, reused: 0, failed: failures,
                                                durationSeconds: monotonicSeconds() - started),
                                lexiconFiles: lexiconFiles)
        }
    } catch { fail("stages: cannot finish the run: \(error)") }
    let rssStored = selfPeakRSSKB()
    let report: StoredReport
    do {
        guard let loaded = try timed("reload", { try StoredReport.open(store: store, runID: result.run.runID) }) else {
            fail("stages: the run is not in the database")
        }
        report = loaded
    } catch { fail("stages: cannot read the run back: \(error)") }
    do { try timed("write") { try OutputWriter(directory: outURL).write(report) } } catch { fail("stages: cannot write: \(error)") }
    try? store.close()
    let total = monotonicSeconds() - started

    var fields = [String(format: "inner_seconds=%.4f", total)]
    for stage in ["lexicon", "scan", "read", "segment", "attribute", "stance", "compact", "store", "aggregate", "reload", "write"] {
        fields.append(stage + "=" + String(format: "%.4f", times[stage] ?? 0))
    }
    fields += ["docs=\(sorted.count)", "failures=\(failures)", "sentences=\(sentences)",
               "statements=\(report.statementCount)", "stances=\(report.stanceCount)", "text_bytes=\(textBytes)",
               "inner_maxrss_kb=\(selfPeakRSSKB())", "rss_analysed_kb=\(rssAnalysed)", "rss_aggregated_kb=\(rssAggregated)",
               "rss_stored_kb=\(rssStored)"]
    print(fields.joined(separator: "\t"))
    return 0
}
