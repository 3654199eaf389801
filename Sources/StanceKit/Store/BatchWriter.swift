import Foundation
import StanceCore
import StanceStore

/// Stores batches of analysed documents on its own thread while the caller analyses the next batch:
/// the analysis runs on every core and the one writer keeps SQLite busy beside it, instead of each
/// waiting for the other.
///
/// Consecutive batches are gathered into one transaction as `CommitSchedule` says (the first batch
/// alone, then twice as many documents each time, up to `CommitSchedule.defaultMaximum`): a commit
/// into a big database costs about a page write per statement when transactions are small.
/// Memory holds at most the documents gathered for the next transaction and those being stored
/// (each set up to `CommitSchedule.defaultMaximumBytes` of text, and a batch).
/// Transactions are committed in the order given. A failed save is thrown by the next `save` that
/// commits or by `finish`, and nothing after it is stored.
final class BatchWriter: @unchecked Sendable {
    private let store: CorpusStore
    private let queue = DispatchQueue(label: "stance.batch-writer")
    private let pending = DispatchGroup()
    private var failure: Error?
    private var schedule: CommitSchedule
    private var gathered: [DocumentAnalysis] = []
    private var gatheredFiles: [String: FileStamp] = [:]
    private var gatheredStances: [(id: String, stances: [StatementStance])] = []
    private var gatheredBytes = 0
    private var runID: String?

    init(store: CorpusStore, firstTransaction: Int = CorpusAnalyzer.batchSize) {
        self.store = store
        schedule = CommitSchedule(first: firstTransaction)
    }

    /// Adds one batch to the next transaction, and queues the transaction when it is big enough
    /// (after waiting for the previous one, whose error it throws).
    /// `stances`: the documents' stance rows for the store to keep until the run is finished
    /// (`CorpusStore.addPendingStances`).
    func save(_ analyses: [DocumentAnalysis], files: [String: FileStamp], runID: String,
              stances: [(id: String, stances: [StatementStance])] = []) throws {
        if self.runID != runID { try flush() }
        self.runID = runID
        gathered += analyses
        gatheredStances += stances
        gatheredFiles.merge(files) { _, new in new }
        gatheredBytes += analyses.reduce(0) { $0 + $1.document.text.utf8.count }
        if schedule.shouldCommit(pending: gathered.count, bytes: gatheredBytes) { try flush() }
    }

    /// Queues what was gathered, then waits until every queued transaction is committed; throws the
    /// first error.
    func finish() throws {
        try flush()
        try wait()
    }

    private func flush() throws {
        try wait()
        guard !gathered.isEmpty, let runID else { return }
        let analyses = gathered
        let files = gatheredFiles
        let stances = gatheredStances
        gathered = []
        gatheredFiles = [:]
        gatheredStances = []
        gatheredBytes = 0
        pending.enter()
        queue.async { [self] in
            defer { pending.leave() }
            do {
                try store.saveDocuments(analyses, files: files, runID: runID)
                try store.addPendingStances(stances)
            } catch {
                failure = error
            }
        }
    }

    private func wait() throws {
        pending.wait()
        if let failure { throw failure }
    }
}
