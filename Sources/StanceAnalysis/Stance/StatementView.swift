import StanceCore

/// One statement's tokens with every lexicon match the stance rules need, found once and shared
/// by every topic and rule (a class: rules read it on every topic without copying its lists).
final class StatementView {
    struct Hit {
        let start: Int
        let length: Int
        let entry: LexiconEntry
        var end: Int { start + length }
        var tokens: Range<Int> { start..<end }
    }

    let tokens: [Token]
    let words: [String?]
    /// Clause ranges: split at sentence ends, `;`, `:`, dashes and contrast markers.
    let clauses: [Range<Int>]
    /// Weight of each clause (contrast: the asserted part weighs more than the conceded one).
    let clauseWeights: [Double]
    let sentences: [Range<Int>]
    /// First token after a negated or denial frame ("does not think"): rules start there.
    let bodyStart: Int

    let negators: ArraySlice<Hit>
    let intensifiers: ArraySlice<Hit>
    let diminishers: ArraySlice<Hit>
    let hedges: ArraySlice<Hit>
    let polarity: ArraySlice<Hit>
    let predicates: ArraySlice<Hit>
    let qualifiers: ArraySlice<Hit>
    let absence: ArraySlice<Hit>
    let objectReferences: ArraySlice<Hit>
    let selfReferences: ArraySlice<Hit>
    let terminators: ArraySlice<Hit>
    let possessedOthers: ArraySlice<Hit>
    /// The framing rule's lists: the same on every topic, so matched once with the others.
    let judgements: ArraySlice<Hit>
    let framingOpeners: ArraySlice<Hit>
    let prefixFramings: ArraySlice<Hit>
    let rebuttals: ArraySlice<Hit>
    /// Every match: the view lists, then per topic (the scorer's order) its lists (`CompiledTopic.lists`).
    private let matches: PhraseTrie.Matches
    private let viewListCount: Int
    private let topicListCount: Int

    /// The words rules match: quote marks are transparent ("not up for negotiation." still reads
    /// as words), other punctuation stops a phrase.
    static func words(_ tokens: [Token]) -> [String?] {
        tokens.map { $0.isWord ? $0.folded : nil }
    }

    /// `matches`: the matches of `StanceVocabulary.viewLists`, then of each topic's lists, in one pass.
    init(tokens: [Token], words: [String?], matches matched: PhraseTrie.Matches, topicListCount: Int, vocabulary v: StanceVocabulary,
         bodyStart: Int) {
        self.tokens = tokens
        self.bodyStart = bodyStart
        self.words = words
        self.matches = matched
        viewListCount = v.viewLists.count
        self.topicListCount = topicListCount
        // Order of `StanceVocabulary.viewLists`.
        let fixed = matched.list(10)
        let contrastHits = matched.list(11)
        terminators = matched.list(12)
        possessedOthers = matched.list(13)
        judgements = matched.list(14)
        framingOpeners = matched.list(15)
        prefixFramings = matched.list(16)
        rebuttals = matched.list(17)
        // Fixed phrases whose negator or contrast word is not one ("no doubt", "not only", "all but").
        func cancelled(_ hit: Hit, _ kind: String) -> Bool {
            fixed.contains { f in f.tokens.contains(hit.start) && (f.entry.field("cancels") == kind || f.entry.field("cancels") == "both") }
        }
        negators = fixed.isEmpty ? matched.list(0) : ArraySlice(matched.list(0).filter { !cancelled($0, "negation") })
        intensifiers = matched.list(1)
        diminishers = matched.list(2)
        hedges = matched.list(3)
        polarity = matched.list(4)
        predicates = matched.list(5)
        qualifiers = matched.list(6)
        absence = matched.list(7)
        objectReferences = matched.list(8)
        selfReferences = matched.list(9)

        // Sized once (a few clauses and sentences are the rule): growing them costs more allocations.
        var sentenceRanges: [Range<Int>] = []
        var clauseRanges: [Range<Int>] = []
        var weights: [Double] = []
        sentenceRanges.reserveCapacity(4)
        clauseRanges.reserveCapacity(8)
        weights.reserveCapacity(8)
        var sentenceStart = 0
        var clauseStart = 0
        var pendingWeight = 1.0
        // Left to right and not overlapping, as the loop below meets them.
        let contrasts = fixed.isEmpty ? contrastHits : ArraySlice(contrastHits.filter { !cancelled($0, "contrast") })
        var nextContrast = contrasts.startIndex
        var concessionUntilComma = false
        var i = 0
        func closeClause(at end: Int) {
            if end > clauseStart {
                clauseRanges.append(clauseStart..<end)
                weights.append(pendingWeight)
            }
            clauseStart = end
        }
        while i < tokens.count {
            while nextContrast < contrasts.endIndex, contrasts[nextContrast].start < i { nextContrast += 1 }
            let contrastHere = nextContrast < contrasts.endIndex && contrasts[nextContrast].start == i ? contrasts[nextContrast] : nil
            let t = tokens[i]
            if t.kind == .punctuation, let mark = Self.clauseEnd(t.folded) {
                closeClause(at: i + 1)
                pendingWeight = 1
                concessionUntilComma = false
                if mark == .sentence {
                    sentenceRanges.append(sentenceStart..<(i + 1))
                    sentenceStart = i + 1
                }
            } else if t.folded == ",", concessionUntilComma {
                closeClause(at: i + 1)
                pendingWeight = v.contrastWeight
                concessionUntilComma = false
            } else if t.folded == ",", i + 1 < tokens.count, v.grammar.coordinators.contains(tokens[i + 1].folded) {
                // ", and ..." starts a new clause: a negation before it does not reach past it.
                closeClause(at: i + 1)
            } else if let c = contrastHere {
                if c.entry.field("asserted") == "after" {
                    // The part before the marker is conceded, the part after asserted.
                    closeClause(at: i)
                    for k in weights.indices where clauseRanges[k].lowerBound >= sentenceStart { weights[k] /= v.contrastWeight }
                    pendingWeight = v.contrastWeight
                } else {
                    closeClause(at: i)
                    pendingWeight = 1 / v.contrastWeight
                    concessionUntilComma = true
                }
                i += c.length
                continue
            }
            i += 1
        }
        closeClause(at: tokens.count)
        if sentenceStart < tokens.count { sentenceRanges.append(sentenceStart..<tokens.count) }
        clauses = clauseRanges
        clauseWeights = weights
        sentences = sentenceRanges
    }

    private enum ClauseEnd { case sentence, clause }

    private static func clauseEnd(_ folded: String) -> ClauseEnd? {
        switch folded {
        case ".", "!", "?": return .sentence
        case ";", ":", "\u{2014}", "\u{2013}": return .clause
        default: return nil
        }
    }

    /// Topic `t`'s matches of its list `k` (`CompiledTopic.lists`).
    func topicList(_ t: Int, _ k: Int) -> ArraySlice<Hit> { matches.list(viewListCount + t * topicListCount + k) }

    /// Whether topic `t`'s lists matched anything.
    func topicMatched(_ t: Int) -> Bool {
        let first = viewListCount + t * topicListCount
        return matches.any(first..<(first + topicListCount))
    }

    func clause(of index: Int) -> Int? { clauses.firstIndex { $0.contains(index) } }

    /// The factor of intensifiers and diminishers right before `index` (within two words).
    /// `first`: the first of them (intensifiers before diminishers).
    func intensity(before index: Int) -> (factor: Double, first: Hit?) {
        var factor = 1.0
        var first: Hit?
        func read(_ list: ArraySlice<Hit>) {
            for h in list where h.end <= index && h.end >= index - 2 {
                factor *= h.entry.number("factor") ?? 1
                if first == nil { first = h }
            }
        }
        read(intensifiers)
        read(diminishers)
        return (factor, first)
    }

    /// The negator that governs `index`: in the same clause, after `floor`, before `index`.
    func negator(before index: Int, floor: Int) -> Hit? {
        guard let c = clause(of: index) else { return nil }
        let lower = max(clauses[c].lowerBound, floor, bodyStart)
        return negators.last { $0.start >= lower && $0.end <= index }
    }

    func range(_ hit: Hit) -> TextRange {
        TextRange(tokens[hit.start].range.start, tokens[hit.end - 1].range.end)
    }
}
