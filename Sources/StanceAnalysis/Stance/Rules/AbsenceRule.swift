import StanceCore

/// Rule `absence`: what happens "without" the topic's entity or object says whether it is needed.
/// "The bridge cannot pay for itself without the toll": the clause's own side (AGAINST, a bridge
/// that cannot pay) is what the object's absence brings, so it counts the other way (FAVOR).
/// With no side in the clause, its outcome decides: "security can be ensured without Russia"
/// says Russia is not needed (AGAINST Russia's role).
enum AbsenceRule {
    static func apply(_ e: inout TopicEvidence, vocabulary v: StanceVocabulary) {
        let view = e.view
        for a in view.absence where !e.isExcluded(a.start) {
            let candidates: [(hit: StatementView.Hit, side: Double)] = e.topic.topic.kind == .entity
                ? e.holders.map { ($0, 1.0) } : e.objects
            guard let absent = candidates.first(where: { $0.hit.start >= a.end && $0.hit.start - a.end <= 2 }),
                  let c = view.clause(of: a.start) else { continue }
            let clause = view.clauses[c]
            let clauseText = TextRange(view.tokens[clause.lowerBound].range.start, view.tokens[clause.upperBound - 1].range.end)
            let range = TextRange(view.tokens[a.start].range.start, view.tokens[absent.hit.end - 1].range.end)
            let inside = e.evidence.filter { $0.rule != "absence" && ($0.range.map { clauseText.contains($0) } ?? false) }
                .map(\.contribution).reduce(0, +)
            if inside != 0 {
                e.add("absence", a.entry, -2 * inside, range)
                continue
            }
            guard e.topic.topic.kind == .entity else { continue }
            // No side yet: the outcome words of the clause (ensuring, general polarity) decide.
            var outcome = 0.0
            for p in view.predicates where clause.contains(p.start) && p.entry.field("class") == "ensure" { outcome += 1 }
            for w in view.polarity where clause.contains(w.start) { outcome += w.entry.number("polarity") ?? 0 }
            if view.negators.contains(where: { clause.contains($0.start) }) { outcome = -outcome }
            guard outcome != 0 else { continue }
            e.add("absence", a.entry, (outcome > 0 ? -1 : 1) * absent.side, range)
        }
    }
}
