/// When a writer that stores documents batch after batch (`CorpusStore.saveDocuments`) commits: after
/// the first batch, then after twice as many documents each time, up to `maximum` per transaction,
/// or earlier once the documents' texts reach `maximumBytes` (what the writer holds in memory).
///
/// A commit costs about one page write per page the transaction changed, and a statement changes at
/// least one page at a random place: the unique index of statement ids (hashes). Small transactions
/// into a big database thus write nearly a page per statement; larger ones share pages. Starting
/// small keeps a short run's first documents safe early; a crash loses at most the documents of
/// the transaction under way, which the next run finds missing and analyses again.
/// Measured with `stance-bench store` (Benchmarks/README.md).
public struct CommitSchedule: Sendable {
    /// The most documents one transaction holds.
    public let maximum: Int
    /// Documents the next transaction holds before it commits.
    public private(set) var limit: Int

    /// Text bytes of the documents of one transaction at most.
    public let maximumBytes: Int

    public static let defaultMaximum = 1024
    public static let defaultMaximumBytes = 16 << 20

    /// - Parameters:
    ///   - first: documents in the first transaction (a batch of the analysis).
    ///   - maximum: documents per transaction at most.
    ///   - maximumBytes: text bytes per transaction at most.
    public init(first: Int, maximum: Int = Self.defaultMaximum, maximumBytes: Int = Self.defaultMaximumBytes) {
        self.maximum = max(maximum, 1)
        self.maximumBytes = maximumBytes
        limit = min(max(first, 1), self.maximum)
    }

    /// Whether `pending` documents not yet committed (with `bytes` of text) should be now; when
    /// so, the next transaction may hold twice as many.
    public mutating func shouldCommit(pending: Int, bytes: Int = 0) -> Bool {
        guard pending >= limit || bytes >= maximumBytes else { return false }
        limit = min(limit * 2, maximum)
        return true
    }
}
