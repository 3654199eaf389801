import StanceCore

/// Rule `polarity`: a general evaluative word next to the topic's object (or, for an entity topic,
/// the entity) judges it: "Tolls work" -> FAVOR; "scrapping the toll would leave a hole in the
/// budget" -> FAVOR (a bad outcome of an opposite). Weighted below a topic's own cues.
enum PolarityRule {
    /// How far a word may stand from what it judges, in words, inside its clause: a short clause
    /// ("X would leave a hole", "Ellison's handling of the flood was a disaster").
    static let window = 8

    static func apply(_ e: inout TopicEvidence, vocabulary v: StanceVocabulary) {
        let view = e.view
        var anchors: [(hit: StatementView.Hit, side: Double)] = e.objects
        if e.topic.topic.kind == .entity {
            anchors += e.holders.filter { !e.possessiveOfOther.contains($0.start) }.map { ($0, 1.0) }
        }
        guard !anchors.isEmpty else { return }
        if e.topic.hasHolder && e.holders.isEmpty { return }
        // Helping and harming verbs whose subject is the object ("Fluoride protects teeth") judge it
        // as general words do: a consequence.
        let fired = Set(e.evidence.filter { $0.rule == "predicate" || $0.rule == "nested_predicate" }.compactMap(\.range))
        // (Objects only: what an entity does, "Moscow intends to strengthen its relations", is no
        // judgement of it.)
        let consequences = e.topic.topic.kind == .entity ? [] : view.predicates.filter { p in
            ["ensure", "obstruct"].contains(p.entry.field("class") ?? "") && !fired.contains(view.range(p))
                && e.objects.contains { $0.hit.end <= p.start }
        }
        var floor = view.bodyStart
        for word in (view.polarity + consequences).sorted(by: { $0.start < $1.start })
        where word.start >= view.bodyStart && !e.isExcluded(word.start) {
            defer { floor = word.end }
            let isConsequence = word.entry.fields["class"] != nil
            if e.cues.contains(where: { $0.tokens.overlaps(word.tokens) })
                || (!isConsequence && view.predicates.contains(where: { $0.tokens.overlaps(word.tokens) }))
                || anchors.contains(where: { $0.hit.tokens.overlaps(word.tokens) }) { continue }
            guard let c = view.clause(of: word.start), let polarity = word.entry.number("polarity") else { continue }
            let clause = view.clauses[c]
            let near = anchors.filter { clause.contains($0.hit.start) && (abs($0.hit.start - word.end) <= window || abs(word.start - $0.hit.end) <= window) }
            guard let anchor = near.min(by: { abs($0.hit.start - word.start) < abs($1.hit.start - word.start) }) else { continue }
            e.addComposed(rule: isConsequence ? "consequence" : "polarity", entry: word.entry, base: polarity * anchor.side * v.generalWeight, at: word.start,
                          range: view.range(word), floor: floor, weight: view.clauseWeights[c], vocabulary: v)
        }
    }
}
