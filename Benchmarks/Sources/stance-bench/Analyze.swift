#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import StanceAnalysis
import StanceCore
import StanceKit

/// `stance-bench analyze PATH [--lexicons DIR] [--limit N] [--threads N] [--no-digest]`: the per-document analysis
/// alone (segment, attribute, stance), with every document read into memory first. With one thread
/// each stage is timed in thread CPU time (stable while other processes load the machine); with
/// more, the documents are shared out and the wall time is reported. The digest covers every
/// statement and stance, so two builds can be compared for identical behaviour. Small enough to run
/// under `valgrind --tool=callgrind` (`--limit` a few hundred documents).
func analyzeCommand(_ args: [String]) -> Int32 {
    var path: String?
    var lexicons: String?
    var limit = Int.max
    var threads = 1
    var digest = true
    var rest = args[...]
    while let option = rest.popFirst() {
        if !option.hasPrefix("--") { path = option; continue }
        if option == "--no-digest" { digest = false; continue }
        guard let value = rest.popFirst() else { fail("analyze: \(option) needs a value") }
        switch option {
        case "--lexicons": lexicons = value
        case "--limit": limit = Int(value) ?? limit
        case "--threads": threads = max(1, Int(value) ?? 1)
        default: fail("analyze: unknown option \(option)")
        }
    }
    guard let path else { fail("analyze: usage: analyze PATH [--lexicons DIR] [--limit N] [--threads N]") }
    let loaded = LexiconSelection.load(explicit: lexicons)
    guard let lexicon = loaded.lexicon else { fail("analyze: the lexicons have errors") }
    let pipeline = Pipeline(lexicon: lexicon)
    let reader = DocumentReader(path: path)
    let entries: [DocumentReader.Entry]
    do { entries = try reader.entries() } catch { fail("analyze: \(error)") }
    var documents: [Document] = []
    var seen: Set<String> = []
    outer: for entry in entries {
        for case .success(let document) in reader.read(entry) where seen.insert(document.id).inserted {
            documents.append(document)
            if documents.count >= limit { break outer }
        }
    }
    let bytes = documents.reduce(0) { $0 + $1.text.utf8.count }

    var fields: [String] = []
    var digestLines: [String] = []
    if threads == 1 {
        var times = (segment: 0.0, attribute: 0.0, stance: 0.0)
        let wall = monotonicSeconds()
        for document in documents {
            var t = threadCPUSeconds()
            let segmented = pipeline.segmenter.segment(document)
            var u = threadCPUSeconds(); times.segment += u - t; t = u
            let attributed = pipeline.attributor.attribute(segmented)
            u = threadCPUSeconds(); times.attribute += u - t; t = u
            var analysis = DocumentAnalysis(document: document, paragraphs: segmented.paragraphs, sentences: segmented.sentences,
                                            quotations: segmented.quotations, statements: attributed.statements,
                                            speakers: attributed.speakers, disagreements: attributed.disagreements)
            analysis.stances = pipeline.stanceScorer.score(analysis)
            u = threadCPUSeconds(); times.stance += u - t
            if digest { digestLines.append(describe(analysis)) }
        }
        let total = times.segment + times.attribute + times.stance
        let mb = Double(bytes) / 1e6
        fields += [String(format: "wall_seconds=%.3f", monotonicSeconds() - wall), String(format: "cpu_seconds=%.3f", total),
                   String(format: "mb_per_cpu_s=%.2f", mb / total),
                   String(format: "segment=%.3f(%.1fMB/s)", times.segment, mb / times.segment),
                   String(format: "attribute=%.3f(%.1fMB/s)", times.attribute, mb / times.attribute),
                   String(format: "stance=%.3f(%.1fMB/s)", times.stance, mb / times.stance)]
    } else {
        let wall = monotonicSeconds()
        var results = [String](repeating: "", count: documents.count)
        let lock = NSLock()
        var next = 0
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while true {
                lock.lock()
                let i = next
                next += 1
                lock.unlock()
                guard i < documents.count else { return }
                let analysis = pipeline.analyze(documents[i])
                let line = digest ? describe(analysis) : ""
                lock.lock()
                results[i] = line
                lock.unlock()
            }
        }
        let seconds = monotonicSeconds() - wall
        fields += [String(format: "wall_seconds=%.3f", seconds), String(format: "mb_per_s=%.2f", Double(bytes) / 1e6 / seconds)]
        digestLines = results
    }
    fields += ["docs=\(documents.count)", "bytes=\(bytes)", "threads=\(threads)",
               "digest=" + (!digest ? "-" : String(SHA256.hex(of: Array(digestLines.joined(separator: "\n").utf8)).prefix(16)))]
    print(fields.joined(separator: "\t"))
    return 0
}

private func describe(_ analysis: DocumentAnalysis) -> String {
    "\(analysis.document.id)\n\(analysis.paragraphs)\n\(analysis.sentences)\n\(analysis.quotations)\n\(analysis.statements)\n"
        + "\(analysis.speakers)\n\(analysis.disagreements.map { d in [d.speaker, d.target ?? "-", "\(d.range)", d.cue.term, "\(d.cue.location)"] })\n"
        + "\(analysis.stances)"
}

private func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}
