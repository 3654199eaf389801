import Foundation
import StanceAnalysis
import StanceCore
import StanceKit
import StanceStore

/// `stance-bench store PATH --statements N --out DIR`: the store and report side of issue 11 on a
/// database of N statements, without analysing N statements' worth of text.
///
/// PATH is analysed once through the library; its analyses are then copied under new document ids
/// (`c<k>-<id>`, so statement ids, stances and speakers are those of real articles) until N statements
/// are reached. Timed, on this process's threads:
/// - save: `CorpusStore.saveDocuments` per transaction (documents, text, statements, speakers,
///   full-text index), batches of 64 documents gathered by `CommitSchedule` as a first
///   `stance analyze` stores them;
/// - aggregate: `CorpusAnalyzer.aggregate`;
/// - finish: `CorpusStore.finishRun` (the run's statements, stance rows, positions, contrasts);
/// - reload and write: `StoredReport.open` and `OutputWriter.write` (what `stance report` does).
/// Times are CPU seconds of the process. Prints key=value fields: statements/s for save+finish (every statement with its stance rows and
/// its full-text entry), the report seconds and peak RSS.
func storeCommand(_ args: [String]) -> Int32 {
    var path: String?
    var out: String?
    var target = 1_000_000
    var rest = args[...]
    while let option = rest.popFirst() {
        if !option.hasPrefix("--") { path = option; continue }
        guard let value = rest.popFirst() else { fail("store: \(option) needs a value") }
        switch option {
        case "--out": out = value
        case "--statements": target = Int(value) ?? target
        default: fail("store: unknown option \(option)")
        }
    }
    guard let path, let out else { fail("store: usage: store PATH --statements N --out DIR") }
    let loaded = LexiconSelection.load(explicit: nil)
    guard let lexicon = loaded.lexicon,
          let folder = LexiconSelection.directory(explicit: nil),
          let lexiconFiles = try? LexiconFiles.read(directory: folder) else { fail("store: the lexicons have errors") }
    let analyzer = CorpusAnalyzer(lexicon: lexicon)
    let seed: [DocumentAnalysis]
    do { seed = try analyzer.analyze(path: path, keepAnalyses: true).analyses } catch { fail("store: \(error)") }
    let perCopy = seed.reduce(0) { $0 + $1.statements.count }
    guard perCopy > 0 else { fail("store: \(path) has no statements") }
    let copies = (target + perCopy - 1) / perCopy

    let outURL = URL(fileURLWithPath: out)
    try? FileManager.default.createDirectory(at: outURL, withIntermediateDirectories: true)
    let dbPath = outURL.appendingPathComponent("stance.sqlite").path
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dbPath + suffix) }

    // CPU seconds of the process, not wall time: the machine is often shared, and every step here
    // runs on one thread at a time (GRDB's writer queue, or this one).
    var times: [String: Double] = [:]
    func timed<T>(_ stage: String, _ body: () throws -> T) rethrows -> T {
        let t = processCPUSeconds()
        defer { times[stage, default: 0] += processCPUSeconds() - t }
        return try body()
    }
    var documents: [DocumentResult] = []
    var statements = 0
    let store: CorpusStore
    do { store = try CorpusStore(path: dbPath) } catch { fail("store: \(error)") }
    let contentHashes = (0..<copies).flatMap { k in seed.map { "\(k)-\($0.document.contentHash)" } }
    let run = RunInfo(runID: CorpusAnalyzer.runID(lexiconHash: lexicon.hash, contentHashes: contentHashes),
                      lexiconHash: lexicon.hash, toolVersion: stanceVersion, analysisDate: RunClock.iso8601(RunClock.now()))
    do {
        try store.beginRun(run)
        var batch: [DocumentAnalysis] = []
        var schedule = CommitSchedule(first: CorpusAnalyzer.batchSize)
        for k in 0..<copies {
            for analysis in seed {
                let copy = renamed(analysis, prefix: "c\(k)-", scramble: letterPermutation(seed: UInt64(k)))
                statements += copy.statements.count
                batch.append(copy)
                // Batches of the analysis, gathered into transactions as `stance analyze` does.
                if batch.count % CorpusAnalyzer.batchSize == 0, schedule.shouldCommit(pending: batch.count) {
                    try timed("save") { try store.saveDocuments(batch, runID: run.runID) }
                    documents += batch.map(\.result)
                    batch.removeAll(keepingCapacity: true)
                }
            }
        }
        try timed("save") { try store.saveDocuments(batch, runID: run.runID) }
        documents += batch.map(\.result)
    } catch { fail("store: cannot store: \(error)") }
    let result = timed("aggregate") { analyzer.aggregate(documents) }
    documents = []
    do {
        try timed("finish") {
            try store.finishRun(result, stats: RunStats(analysed: result.documents.count, reused: 0, failed: 0, durationSeconds: 0),
                                lexiconFiles: lexiconFiles)
        }
    } catch { fail("store: cannot finish the run: \(error)") }
    let rssStored = selfPeakRSSKB()
    let stances = result.stances.count
    do {
        guard let report = try timed("reload", { try StoredReport.open(store: store, runID: result.run.runID) }) else {
            fail("store: the run is not in the database")
        }
        try timed("write") { try OutputWriter(directory: outURL).write(report) }
    } catch { fail("store: cannot report: \(error)") }
    try? store.close()
    let stored = (times["save"] ?? 0) + (times["finish"] ?? 0)
    print([
        "documents=\(result.documents.count)", "statements=\(statements)", "stances=\(stances)",
        String(format: "save=%.3f", times["save"] ?? 0), String(format: "aggregate=%.3f", times["aggregate"] ?? 0),
        String(format: "finish=%.3f", times["finish"] ?? 0), String(format: "reload=%.3f", times["reload"] ?? 0),
        String(format: "write=%.3f", times["write"] ?? 0),
        String(format: "stored_statements_per_s=%.0f", Double(statements) / max(stored, 1e-9)),
        String(format: "report_seconds=%.3f", (times["reload"] ?? 0) + (times["write"] ?? 0)),
        "rss_stored_kb=\(rssStored)", "maxrss_kb=\(selfPeakRSSKB())",
    ].joined(separator: "\t"))
    return 0
}

/// `analysis` under the document id `prefix + id`: statement ids, stances and the content hash follow.
/// The document text's letters are permuted (`scramble`) so that copies are not near-duplicates of
/// each other (aggregation would count them once); statement texts stay real.
private func renamed(_ analysis: DocumentAnalysis, prefix: String, scramble: [UInt8]) -> DocumentAnalysis {
    let old = analysis.document
    let text = String(decoding: old.text.utf8.map { $0 >= 97 && $0 <= 122 ? scramble[Int($0 - 97)] : $0 }, as: UTF8.self)
    let document = Document(id: prefix + old.id, text: text, title: old.title, date: old.date, source: old.source, url: old.url)
    var ids: [String: String] = [:]
    let statements = analysis.statements.map { s -> Statement in
        let copy = Statement(documentID: document.id, paragraph: s.paragraph, range: s.range, text: s.text, kind: s.kind,
                             speaker: s.speaker, speakerMention: s.speakerMention, speakerKind: s.speakerKind, cue: s.cue,
                             rule: s.rule, link: s.link)
        ids[s.id] = copy.id
        return copy
    }
    let stances = analysis.stances.map {
        StatementStance(statementID: ids[$0.statementID] ?? $0.statementID, topic: $0.topic, label: $0.label, score: $0.score,
                        confidence: $0.confidence, evidence: $0.evidence)
    }
    return DocumentAnalysis(document: document, paragraphs: analysis.paragraphs, sentences: analysis.sentences,
                            quotations: analysis.quotations, statements: statements, speakers: analysis.speakers,
                            stances: stances, disagreements: analysis.disagreements)
}

/// A permutation of the lowercase ASCII letters, from `seed` (the copy number).
private func letterPermutation(seed: UInt64) -> [UInt8] {
    var letters = Array(UInt8(97)...UInt8(122))
    var state = seed &* 0x9E37_79B9_7F4A_7C15 &+ 1
    for i in stride(from: letters.count - 1, to: 0, by: -1) {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        letters.swapAt(i, Int(state % UInt64(i + 1)))
    }
    return letters
}

/// User + system CPU seconds of this process, all threads.
private func processCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
