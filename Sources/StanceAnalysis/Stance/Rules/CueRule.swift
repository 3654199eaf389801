import StanceCore

/// Rule `topic_cue`: a topic's own evaluative cue ("imperial ambitions", "fair", "double
/// taxation") counts with its polarity, turned by a negation in its clause and scaled by
/// intensifiers. In a topic with a holder, cues count only when the statement names the holder.
enum CueRule {
    /// How close before a one-word cue a topic word must stand to be what it judges
    /// ("Charging two euros a crossing is fair").
    static let termWindow = 6

    static func topicWordBefore(_ cue: StatementView.Hit, _ e: TopicEvidence) -> Bool {
        guard let c = e.view.clause(of: cue.start) else { return false }
        let clause = e.view.clauses[c]
        return e.terms.contains { $0.end <= cue.start && cue.start - $0.end <= termWindow && clause.contains($0.start) }
    }

    static func apply(_ e: inout TopicEvidence, vocabulary v: StanceVocabulary) {
        let view = e.view
        if e.topic.hasHolder && e.holders.isEmpty { return }
        // A one-word cue ("fair", "burden") judges the topic only when the statement names its
        // object; a phrase ("double taxation") is specific enough on its own.
        let namesObject = !e.objects.isEmpty || e.topic.topic.kind == .entity || e.topic.hasHolder
        var floor = view.bodyStart
        for cue in e.cues where cue.start >= view.bodyStart && !e.isExcluded(cue.start)
            && (namesObject || cue.entry.words.count > 1 || topicWordBefore(cue, e)) {
            defer { floor = cue.end }
            guard let c = view.clause(of: cue.start), let polarity = cue.entry.number("polarity") else { continue }
            e.addComposed(rule: "topic_cue", entry: cue.entry, base: polarity, at: cue.start, range: view.range(cue),
                          floor: floor, weight: view.clauseWeights[c], vocabulary: v)
        }
    }
}
