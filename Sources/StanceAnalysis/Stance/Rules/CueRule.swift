import StanceCore

/// Rule `topic_cue`: a topic's own evaluative cue ("imperial ambitions", "fair", "double
/// taxation") counts with its polarity, turned by a negation in its clause and scaled by
/// intensifiers. In a topic with a holder, cues count only when the statement names the holder.
enum CueRule {
    static func apply(_ e: inout TopicEvidence, vocabulary v: StanceVocabulary) {
        let view = e.view
        if e.topic.hasHolder && e.holders.isEmpty { return }
        var floor = view.bodyStart
        for cue in e.cues where cue.start >= view.bodyStart && !e.isExcluded(cue.start) {
            defer { floor = cue.end }
            guard let c = view.clause(of: cue.start), let polarity = cue.entry.number("polarity") else { continue }
            e.addComposed(rule: "topic_cue", entry: cue.entry, base: polarity, at: cue.start, range: view.range(cue),
                          floor: floor, weight: view.clauseWeights[c], vocabulary: v)
        }
    }
}
