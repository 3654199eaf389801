import StanceCore

/// Rule `framing`: a judgement of an embedded view turns or keeps its stance. "Anyone who thinks
/// that X is making a big mistake" and "Only a fool would believe that X" reject X, so X's stance
/// counts the other way ("is right" endorses it); "The minister says X, but I disagree" rejects the
/// view it reports. The view is scored by the other rules on its own, then turned, and the rest of
/// the statement never reads its words again.
enum FramingRule {
    static func apply(_ e: inout TopicEvidence, vocabulary v: StanceVocabulary, score: (inout TopicEvidence) -> Void) {
        let view = e.view
        // "Anyone who thinks (that) X | is making a big mistake".
        let judgements = view.judgements
        for opener in view.framingOpeners {
            guard let judgement = judgements.first(where: { $0.start > opener.start + opener.length }),
                  sameSentence(view, opener.start, judgement.start) else { continue }
            frame(&e, view: start(after: opener.start + opener.length, view)..<judgement.start, judgement: judgement.entry,
                  cite: opener.start..<(judgement.start + judgement.length), score: score)
        }
        // "Only a fool would believe (that) X" / "It would be a mistake to think X".
        for prefix in view.prefixFramings {
            let end = view.sentences.first { $0.contains(prefix.start) }?.upperBound ?? view.tokens.count
            frame(&e, view: start(after: prefix.start + prefix.length, view)..<end, judgement: prefix.entry,
                  cite: prefix.start..<(prefix.start + prefix.length), score: score)
        }
        // "The minister says X, but I disagree": a reported view the speaker rejects.
        let rebuttals = view.rebuttals
        if let rebuttal = rebuttals.first {
            for cue in v.reportingVerbs.all(view.words, in: view.bodyStart..<rebuttal.start)
            where ["speech", "belief"].contains(cue.entry.field("class") ?? "") && cue.start > view.bodyStart {
                var end = rebuttal.start
                while end > cue.start + cue.length, view.words[end - 1] == nil || view.words[end - 1] == "but" { end -= 1 }
                frame(&e, view: start(after: cue.start + cue.length, view)..<end, judgement: rebuttal.entry,
                      cite: rebuttal.start..<(rebuttal.start + rebuttal.length), score: score, effect: -1)
                break
            }
        }
    }

    private static func sameSentence(_ view: StatementView, _ a: Int, _ b: Int) -> Bool {
        view.sentences.contains { $0.contains(a) && $0.contains(b) }
    }

    /// The view starts after the opener and an optional "that".
    private static func start(after index: Int, _ view: StatementView) -> Int {
        index < view.tokens.count && view.words[index] == "that" ? index + 1 : index
    }

    private static func frame(_ e: inout TopicEvidence, view framed: Range<Int>, judgement: LexiconEntry, cite: Range<Int>,
                              score: (inout TopicEvidence) -> Void, effect forced: Double? = nil) {
        guard !framed.isEmpty, !e.excluded.contains(where: { $0.overlaps(framed) }) else { return }
        let view = e.view
        var inner = e
        inner.evidence = []
        inner.excluded = [0..<framed.lowerBound, framed.upperBound..<view.tokens.count]
        score(&inner)
        let inside = inner.score
        e.evidence += inner.evidence
        e.excluded.append(framed)
        guard inside != 0 else { return }
        let effect = forced ?? (judgement.field("effect") == "affirm" ? 1.0 : -1.0)
        let range = TextRange(view.tokens[cite.lowerBound].range.start, view.tokens[cite.upperBound - 1].range.end)
        e.add("framing", judgement, inside * effect - inside, range)
    }
}
