import StanceCore

/// Rule `framing`: "Anyone who thinks that X is making a big mistake" rejects the view X, so X's
/// stance counts the other way ("is right" endorses it). The view is scored by the other rules on
/// its own, then turned; the rest of the statement never reads its words again.
enum FramingRule {
    static func apply(_ e: inout TopicEvidence, vocabulary v: StanceVocabulary, score: (inout TopicEvidence) -> Void) {
        let view = e.view
        let openers = v.framingOpeners.all(view.words, in: 0..<view.tokens.count)
        let judgements = v.framings.all(view.words, in: 0..<view.tokens.count)
        for opener in openers {
            guard let judgement = judgements.first(where: { $0.start > opener.start + opener.length }),
                  view.sentences.contains(where: { $0.contains(opener.start) && $0.contains(judgement.start) }) else { continue }
            var viewStart = opener.start + opener.length
            if viewStart < view.tokens.count, view.words[viewStart] == "that" { viewStart += 1 }
            let framed = viewStart..<judgement.start
            var inner = e
            inner.evidence = []
            inner.excluded = [0..<viewStart, judgement.start..<view.tokens.count]
            score(&inner)
            let inside = inner.score
            e.evidence += inner.evidence
            e.excluded.append(framed)
            guard inside != 0 else { continue }
            let effect = judgement.entry.field("effect") == "affirm" ? 1.0 : -1.0
            let range = TextRange(view.tokens[opener.start].range.start,
                                  view.tokens[judgement.start + judgement.length - 1].range.end)
            e.add("framing", judgement.entry, inside * effect - inside, range)
        }
    }
}
