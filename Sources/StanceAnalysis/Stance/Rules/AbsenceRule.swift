import StanceCore

/// Rule `absence` (entity topics): a good outcome "without" the entity says it is not needed ("security can
/// be ensured without Russia" -> AGAINST Russia's role); a bad outcome without it says the opposite.
enum AbsenceRule {
    static func apply(_ e: inout TopicEvidence, vocabulary v: StanceVocabulary) {
        // Only a judgement of the holder itself (an entity topic) turns on whether it is needed.
        guard e.topic.topic.kind == .entity else { return }
        let view = e.view
        for a in view.absence where !e.isExcluded(a.start) {
            guard let holder = e.holders.first(where: { $0.start >= a.end && $0.start - a.end <= 2 }),
                  let c = view.clause(of: a.start) else { continue }
            let clause = view.clauses[c]
            // The outcome: general words and ensuring predicates of the clause, outside the absence phrase.
            var outcome = 0.0
            for p in view.predicates where clause.contains(p.start) && p.entry.field("class") == "ensure" { outcome += 1 }
            for w in view.polarity where clause.contains(w.start) { outcome += w.entry.number("polarity") ?? 0 }
            if view.negators.contains(where: { clause.contains($0.start) }) { outcome = -outcome }
            guard outcome != 0 else { continue }
            let range = TextRange(view.tokens[a.start].range.start, view.tokens[holder.end - 1].range.end)
            e.add("absence", a.entry, outcome > 0 ? -1 : 1, range)
        }
    }
}
