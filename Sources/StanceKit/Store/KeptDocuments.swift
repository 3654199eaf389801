import Foundation
import StanceCore
import StanceAnalysis
import StanceStore

/// The documents of a run as `IncrementalAnalyzer` keeps them until it aggregates: the statement
/// limit applied (`StatementLimit`), each one once (a later result of the same id replaces it).
///
/// Compact (no correction to apply): a `CompactDocument` per document, a few dozen bytes per
/// statement, while the stance rows wait in the store (`CorpusStore.addPendingStances`) and the
/// statements are in the store already; so memory does not grow with the corpus's words or
/// evidence. Whole (corrections to apply): each `DocumentResult`, as `CorrectionApplier` needs them.
final class KeptDocuments {
    enum Taken {
        case compact([CompactDocument])
        case whole([DocumentResult])
    }

    let store: CorpusStore
    let compact: Bool
    let maxStatementLength: Int
    private var compacted: [String: CompactDocument] = [:]
    private var whole: [String: DocumentResult] = [:]
    private var excluded: [String: [StatementLimit.Exclusion]] = [:]

    init(store: CorpusStore, compact: Bool, maxStatementLength: Int) {
        self.store = store
        self.compact = compact
        self.maxStatementLength = maxStatementLength
    }

    /// Starts the store's collection of stance rows (compact).
    func begin() throws {
        if compact { try store.beginPendingStances() }
    }

    /// Keeps `results` (the limit applied) and returns their stance rows for the store to keep
    /// until the run is finished (none when whole: the results hold them).
    func keep(_ results: [DocumentResult]) -> [(id: String, stances: [StatementStance])] {
        var pending: [(id: String, stances: [StatementStance])] = []
        for result in results {
            let (limited, over) = StatementLimit.apply([result], maxLength: maxStatementLength)
            let document = limited[0]
            let id = document.summary.id
            excluded[id] = over.isEmpty ? nil : over
            if compact {
                compacted[id] = CompactDocument(document)
                pending.append((id: id, stances: document.stances))
            } else {
                whole[id] = document
            }
        }
        return pending
    }

    /// Keeps `results` and has the store keep their stance rows.
    func add(_ results: [DocumentResult]) throws {
        try store.addPendingStances(keep(results))
    }

    func contains(_ id: String) -> Bool { compacted[id] != nil || whole[id] != nil }

    /// Statements kept so far.
    var statementCount: Int {
        compacted.values.reduce(0) { $0 + $1.statements.count } + whole.values.reduce(0) { $0 + $1.statements.count }
    }

    /// The statements left out by the limit, documents in the order given.
    func exclusions(in order: [String]) -> [StatementLimit.Exclusion] {
        order.flatMap { excluded[$0] ?? [] }
    }

    /// The documents kept, in the order given, handed over and forgotten.
    func take(in order: [String]) -> Taken {
        defer {
            compacted = [:]
            whole = [:]
        }
        return compact ? .compact(order.compactMap { compacted[$0] }) : .whole(order.compactMap { whole[$0] })
    }
}
