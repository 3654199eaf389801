import ArgumentParser
import Foundation
import StanceCore
import StanceKit

/// `stance analyze --stdin-jsonl`: articles as JSON Lines on stdin, records on stdout (see
/// `StreamAnalyzer`). Exit 0 when every line was analysed, 1 when some line was bad (each an error
/// record and a message on stderr), 2 when nothing could be done, 130 when stopped by Ctrl-C.
struct StreamCommand {
    let inputOptions: InputOptions
    let lexiconOptions: LexiconOptions
    let shard: Shard?

    func run() throws {
        let started = Date()
        var counts = RunCounts()
        defer { warn(counts.summary(since: started)) }
        let lexicon = try loadLexiconOrExit(lexiconOptions)
        let stream = StreamAnalyzer(analyzer: CorpusAnalyzer(lexicon: lexicon))
        stream.shard = shard
        stream.maxLineBytes = inputOptions.maxFileSize
        stream.maxParagraphLength = inputOptions.maxParagraphLength
        let progressLine = ProgressLine(label: "analysed")
        Interruption.shared.install()
        stream.shouldStop = { Interruption.shared.isRequested }
        stream.progress = { done in
            progressLine.update(done: done, total: nil)
            Interruption.shared.documentsDone(done)
        }
        let outcome: StreamAnalyzer.Outcome
        do {
            defer { progressLine.finish() }
            outcome = try stream.run(input: STDIN_FILENO, write: { FileHandle.standardOutput.write(Data($0.utf8)) },
                                     reportError: { warn("stance: \($0)") })
        } catch {
            warn("stance: standard input: \(error)")
            throw ExitCode(2)
        }
        counts = RunCounts(analysed: outcome.documents, reused: 0, failed: outcome.errors, statements: outcome.statements)
        if outcome.stopped {
            warn("stance: interrupted after \(outcome.lines) lines; the records written so far are whole documents")
            throw ExitCode(Interruption.exitStatus)
        }
        if outcome.errors > 0 { throw ExitCode(1) }
    }
}
