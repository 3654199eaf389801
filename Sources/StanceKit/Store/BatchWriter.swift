import Foundation
import StanceCore
import StanceStore

/// Stores batches of analysed documents on its own thread, one transaction per batch, while the
/// caller analyses the next batch: the analysis runs on every core and the one writer keeps
/// SQLite busy beside it, instead of each waiting for the other.
///
/// At most one batch is pending: `save` waits for the previous one first, so memory holds two
/// batches at most and batches are committed in the order given. A failed save is thrown by the
/// next `save` or by `finish`, and nothing after it is stored.
final class BatchWriter: @unchecked Sendable {
    private let store: CorpusStore
    private let queue = DispatchQueue(label: "stance.batch-writer")
    private let pending = DispatchGroup()
    private var failure: Error?

    init(store: CorpusStore) {
        self.store = store
    }

    /// Queues one batch after waiting for the previous one; throws the previous one's error.
    /// `stances`: the documents' stance rows for the store to keep until the run is finished
    /// (`CorpusStore.addPendingStances`).
    func save(_ analyses: [DocumentAnalysis], files: [String: FileStamp], runID: String,
              stances: [(id: String, stances: [StatementStance])] = []) throws {
        try finish()
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

    /// Waits until every queued batch is stored; throws the first error.
    func finish() throws {
        pending.wait()
        if let failure { throw failure }
    }
}
