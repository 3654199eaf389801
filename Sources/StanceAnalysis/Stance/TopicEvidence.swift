import StanceCore

/// What one statement says toward one topic: the matches of the topic's terms and the running
/// list of contributions. Every rule adds `Evidence`; the score is their sum.
struct TopicEvidence {
    let topic: CompiledTopic
    let view: StatementView
    /// Holder mentions, including "we"/"his country" when the speaker's affiliation is a holder.
    var holders: [StatementView.Hit]
    /// Objects (+1) and opposites (-1), with object references ("it", "this one") once an object was named.
    var objects: [(hit: StatementView.Hit, side: Double)]
    var terms: ArraySlice<StatementView.Hit>
    var cues: ArraySlice<StatementView.Hit>
    var evidence: [Evidence] = []
    /// Terminators after an object ("to end"): part of the object, never a predicate.
    var terminatorRanges: [Range<Int>] = []
    /// Starts of holder mentions that only own someone else ("Ellison's rival"): no anchor for evaluations.
    var possessiveOfOther: [Int] = []
    /// Tokens no other rule may read again (a framed view is scored by the framing rule only).
    var excluded: [Range<Int>] = []

    /// `t`: the topic's index in the scorer's topics, whose matches the view holds (`CompiledTopic.lists`:
    /// holder, objects, opposites, terms, cues).
    init(topic: CompiledTopic, view: StatementView, topicIndex t: Int, affiliationIsHolder: Bool) {
        self.topic = topic
        self.view = view
        var holders = Array(view.topicList(t, 0))
        if affiliationIsHolder { holders += view.selfReferences }
        // Where an object and an opposite overlap ("toll" in "scrapping the toll"), the longer one wins.
        let objectHits = view.topicList(t, 1)
        let oppositeHits = view.topicList(t, 2)
        func outweighed(_ c: StatementView.Hit) -> Bool {
            objectHits.contains { $0.tokens.overlaps(c.tokens) && $0.length > c.length }
                || oppositeHits.contains { $0.tokens.overlaps(c.tokens) && $0.length > c.length }
        }
        var objects: [(hit: StatementView.Hit, side: Double)] = []
        objects.reserveCapacity(objectHits.count + oppositeHits.count + view.objectReferences.count)
        for h in objectHits where !outweighed(h) { objects.append((h, 1.0)) }
        for h in oppositeHits where !outweighed(h) { objects.append((h, -1.0)) }
        // The objects named in the statement's own words (before references are added).
        let named = objects.indices
        // "wants this war to end": an object followed by a terminator counts the other way.
        let terminators = view.terminators
        var terminated: [Range<Int>] = []
        for k in named {
            let o = objects[k]
            guard let t = terminators.first(where: { $0.start == o.hit.end || $0.start == o.hit.end + 1 }) else { continue }
            terminated.append(t.start..<(t.start + t.length))
            objects[k].side = -o.side
        }
        terminatorRanges = terminated
        // "did not accept this one": a reference counts as the object once the object was named
        // earlier in the statement.
        if let first = objects.lazy.map({ $0.hit.start }).min() {
            for ref in view.objectReferences where ref.start > first && !objects[named].contains(where: { $0.hit.tokens.overlaps(ref.tokens) }) {
                objects.append((ref, 1.0))
            }
        }
        // A pronoun after a holder mention ("Russia ... it demonstrates") is the holder again.
        if let firstHolder = holders.lazy.map(\.start).min() {
            for ref in view.objectReferences where ref.start > firstHolder && ref.entry.field("kind") == "pronoun"
                && !holders.contains(where: { $0.tokens.overlaps(ref.tokens) }) {
                holders.append(ref)
            }
        }
        holders.sort { $0.start < $1.start }
        self.holders = holders
        // "Ellison's rival": the words that follow judge someone else.
        let owned = view.possessedOthers
        if !owned.isEmpty {
            for h in holders where h.end + 1 < view.tokens.count && view.tokens[h.end].folded == "'s" && owned.contains(where: { $0.start == h.end + 1 }) {
                possessiveOfOther.append(h.start)
            }
        }
        objects.sort { $0.hit.start < $1.hit.start }
        self.objects = objects
        terms = view.topicList(t, 3)
        cues = view.topicList(t, 4)
    }

    /// False when the statement names nothing of the topic (no match of its lists, no "we" from a
    /// speaker affiliated with its holder): such evidence is never placed (`isPlaced`), so it
    /// need not be built unless a neighbouring statement places it.
    static func mayBePlaced(topicIndex t: Int, view: StatementView, affiliationIsHolder: Bool) -> Bool {
        view.topicMatched(t) || (affiliationIsHolder && !view.selfReferences.isEmpty)
    }

    /// A statement belongs to a topic when it names the holder and something the holder may want
    /// or be judged by; a topic without holder needs only one of its own words; an entity topic
    /// needs the entity.
    var isPlaced: Bool {
        let topical = !objects.isEmpty || !cues.isEmpty || !terms.isEmpty
        switch topic.topic.kind {
        case .entity: return !holders.isEmpty
        case .proposition: return topic.hasHolder ? !holders.isEmpty && topical : topical
        }
    }

    var score: Double { evidence.map(\.contribution).reduce(0, +) }

    /// Whether token `index` belongs to a terminator after an object.
    func isTerminator(_ index: Int) -> Bool { terminatorRanges.contains { $0.contains(index) } }

    func isExcluded(_ index: Int) -> Bool { excluded.contains { $0.contains(index) } }

    mutating func add(_ rule: String, _ entry: LexiconEntry, _ contribution: Double, _ range: TextRange?) {
        evidence.append(Evidence(rule: rule, location: entry.location, contribution: contribution, range: range))
    }

    /// Adds a scored item and the operators that shaped it, so that the contributions add up:
    /// the base value, then what intensity and negation changed.
    mutating func addComposed(rule: String, entry: LexiconEntry, base: Double, at index: Int, range: TextRange,
                              floor: Int, weight: Double, vocabulary v: StanceVocabulary) {
        let (factor, firstBooster) = view.intensity(before: index)
        let negator = view.negator(before: index, floor: floor)
        let weighted = base * weight
        add(rule, entry, weighted, range)
        var value = weighted
        if factor != 1, let first = firstBooster {
            let delta = value * (factor - 1)
            add(first.entry.fields["factor"].map { Double($0) ?? 1 }.map { $0 >= 1 ? "intensifier" : "diminisher" } ?? "intensifier",
                first.entry, delta, view.range(first))
            value += delta
        }
        if let negator {
            let delta = value * v.negationFactor - value
            add("negation", negator.entry, delta, view.range(negator))
        }
    }
}
