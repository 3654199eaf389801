import StanceCore

/// Rule `predicate`: a predicate of wanting, supporting, opposing or obstructing toward the topic's
/// object, held by the topic's holder, composes with the object's side and with negation in its
/// clause. "Moscow is not interested in the signing of a peace agreement" -> AGAINST; "Russia does
/// not want a war" -> FAVOR (war is an opposite); "peace is within Russia's interests" -> FAVOR.
/// A self-serving qualifier ("on its terms", "in its desired format") cancels the predicate.
/// For an entity topic the entity is the object: "we support Russia" is FAVOR.
enum PredicateRule {
    /// Predicate classes that express an attitude toward an entity.
    static let attitudes: Set<String> = ["support", "oppose", "obstruct", "fear"]
    /// How many words may stand between such a predicate and the entity ("support for Russia").
    static let entityDistance = 3

    static func apply(_ e: inout TopicEvidence, vocabulary v: StanceVocabulary) {
        let view = e.view
        var floor = view.bodyStart
        // Predicates nest: in "wants an end to the war" "wants" takes the value of "end to the war".
        var consumed: Set<Int> = []
        for p in view.predicates where p.start >= view.bodyStart && !e.isExcluded(p.start) && !consumed.contains(p.start) {
            defer { floor = p.end }
            guard let c = view.clause(of: p.start) else { continue }
            let clause = view.clauses[c]
            // A predicate inside an object phrase ("scrapping the toll", "war to end") is the object's own word.
            if e.objects.contains(where: { $0.hit.tokens.overlaps(p.tokens) }) || e.isTerminator(p.start) { continue }
            if view.qualifiers.contains(where: { clause.contains($0.start) && $0.start >= p.end }) { continue }
            let direction = p.entry.field("object") ?? "after"
            let target: (hit: StatementView.Hit, side: Double)?
            if e.topic.topic.kind == .entity {
                // Only attitudes toward the entity judge it ("we support Russia", "they fear Moscow");
                // wanting or ensuring something near its name does not.
                guard let cls = p.entry.field("class"), Self.attitudes.contains(cls) else { continue }
                target = e.holders.first { $0.start >= p.end && $0.start - p.end <= Self.entityDistance && clause.contains($0.start)
                    && !isAbsent($0, view) }.map { ($0, 1.0) }
            } else {
                let after = e.objects.first { $0.hit.start >= p.end && clause.contains($0.hit.start) }
                let before = e.objects.last { $0.hit.end <= p.start && clause.contains($0.hit.start) }
                switch direction {
                case "before": target = before
                case "either": target = after ?? before
                default: target = after
                }
                if e.topic.hasHolder {
                    // The holder acts: it stands before the predicate in the clause, or inside its slot.
                    let holderActs = e.holders.contains { h in
                        (h.end <= p.start && clause.contains(h.start)) || (h.start >= p.start && h.end <= p.end)
                    }
                    guard holderActs else { continue }
                }
            }
            guard let target else { continue }
            var polarity = p.entry.number("polarity") ?? 0
            // An inner predicate between this one and its object composes first.
            if direction != "before", e.topic.topic.kind != .entity,
               let inner = view.predicates.first(where: { q in q.start >= p.end && q.end <= target.hit.start && clause.contains(q.start)
                   && !e.objects.contains(where: { o in o.hit.tokens.overlaps(q.tokens) }) }) {
                polarity *= inner.entry.number("polarity") ?? 1
                consumed.insert(inner.start)
                e.add("nested_predicate", inner.entry, 0, view.range(inner))
            }
            let range = TextRange(view.tokens[min(p.start, target.hit.start)].range.start,
                                  view.tokens[max(p.end, target.hit.end) - 1].range.end)
            e.addComposed(rule: "predicate", entry: p.entry, base: polarity * target.side, at: p.start, range: range,
                          floor: floor, weight: view.clauseWeights[c], vocabulary: v)
            e.add("object", target.hit.entry, 0, view.range(target.hit))
        }
    }

    static func isAbsent(_ holder: StatementView.Hit, _ view: StatementView) -> Bool {
        view.absence.contains { $0.end <= holder.start && holder.start - $0.end <= 2 }
    }
}
