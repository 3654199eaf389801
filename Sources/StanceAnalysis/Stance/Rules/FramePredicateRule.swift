import StanceCore

/// Rule `frame_predicate`: in "X defended the toll, saying drivers should pay", the sentence's own
/// verb takes the side the participle statement argues for. Applies only when the statement has no
/// side of its own; the main clause is scored by the same rules and each contribution is cited.
enum FramePredicateRule {
    /// `t`: the topic's index in the scorer's topics (`e.topic`).
    static func apply(_ e: inout TopicEvidence, topic t: Int, statement: Statement, document: Document, sentences: [Sentence],
                      scorer: StanceScorer, affiliation: String?) {
        guard let sentence = sentences.first(where: { $0.range.contains(statement.range.start) }),
              sentence.range.start < statement.range.start else { return }
        let v = scorer.vocabulary
        let tokens = Tokenizer.tokenize(document.scalars, in: TextRange(sentence.range.start, statement.range.start))
        let view = scorer.view(of: tokens, readsFrame: false)
        var main = TopicEvidence(topic: e.topic, view: view, topicIndex: t,
                                 affiliationIsHolder: e.topic.holderIncludes(affiliation: affiliation))
        PredicateRule.apply(&main, vocabulary: v)
        CueRule.apply(&main, vocabulary: v)
        guard main.score != 0 else { return }
        for item in main.evidence where item.contribution != 0 {
            e.evidence.append(Evidence(rule: "frame_predicate", location: item.location, contribution: item.contribution, range: item.range))
        }
    }
}
