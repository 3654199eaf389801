import StanceCore

/// Places statements in topics and scores their stance (filled in by the stance issue).
public struct StanceScorer: Sendable {
    public init(lexicon: Lexicon) {}

    public func score(_ analysis: DocumentAnalysis) -> [StatementStance] { [] }
}
