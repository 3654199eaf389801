import StanceCore

/// Rule `negated_frame`: "does not think (that) X" and "denied that X" state the negation of X,
/// so X's score is turned. Cited by the frame's negator (or the denial verb).
enum NegatedFrameRule {
    static func apply(_ e: inout TopicEvidence, statement: Statement, vocabulary v: StanceVocabulary) {
        let view = e.view
        guard view.bodyStart > 0 else { return }
        let inside = e.score
        guard inside != 0 else { return }
        let frame = 0..<view.bodyStart
        let cite = view.negators.first { frame.contains($0.start) }?.entry
            ?? v.reportingVerbs.all(view.words, in: frame).first?.entry
        guard let entry = cite else { return }
        let range = TextRange(view.tokens[0].range.start, view.tokens[view.bodyStart - 1].range.end)
        e.add("negated_frame", entry, inside * v.negationFactor - inside, range)
    }
}
