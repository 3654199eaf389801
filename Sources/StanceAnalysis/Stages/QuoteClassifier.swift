import StanceCore

/// Tells quotations apart from partial quotes and from scare quotes and titles, by where the marks
/// stand: a quotation opens a paragraph or sentence or follows a colon, comma, dash or reporting
/// verb; quoted words in the middle of a clause are partial (three words or more, or ending in
/// sentence punctuation) or scare quotes and titles (shorter).
public struct QuoteClassifier: Sendable {
    let reportingVerbs: Set<String>
    let grammar: Grammar
    /// Fewer words than this inside the marks, mid-clause, makes a scare quote or title (setting
    /// `quote.min_words_partial`, default 3: "only on paper" is someone's words, "foreign agent" a label).
    let minPartialWords: Int
    static let clauseOpeners: Set<String> = [":", ",", ".", "?", "!", "\u{2014}", "\u{2013}", "-", "(", ";"]
    static let sentencePunctuation: Set<String> = [".", ",", "?", "!", "\u{2026}", ";"]


    public init(lexicon: Lexicon) {
        grammar = Grammar(lexicon)
        reportingVerbs = Set(lexicon.list("attribution/reporting_verbs").entries.filter { $0.words.count == 1 }.map { $0.words[0] })
        minPartialWords = Int(lexicon.settings.value("quote.min_words_partial", default: 3))
    }

    /// Sets the role of each quotation in `indices`, all in the paragraph whose tokens are given.
    public func classify(_ quotations: inout [Quotation], indices: [Int], paragraphTokens tokens: [Token]) {
        // Tokens are in text order: find each quotation's tokens by binary search, not by scanning.
        func firstToken(startingAtOrAfter offset: Int) -> Int {
            var lo = 0, hi = tokens.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if tokens[mid].range.start < offset { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        for q in indices {
            let quotation = quotations[q]
            if quotation.continuesPrevious { quotations[q].role = .quotation; continue }
            let opening = firstToken(startingAtOrAfter: quotation.range.start)
            let before: Token? = opening > 0 ? tokens[opening - 1] : nil
            // The words inside the marks, counted in place (no arrays of tokens per quotation).
            var wordCount = 0
            var lastInside: Int?
            // Title case ("Europe's Future", "Salt and Iron") names a work or an event: every
            // content word (longer than three letters, or capitalised) is capitalised or a number.
            var contentWords = 0
            var contentWordsCapitalised = true
            for t in firstToken(startingAtOrAfter: quotation.inner.start)..<firstToken(startingAtOrAfter: quotation.inner.end)
            where quotation.inner.contains(tokens[t].range) {
                lastInside = t
                guard tokens[t].isWord else { continue }
                wordCount += 1
                if tokens[t].isCapitalized || Self.hasMoreThanThreeCharacters(tokens[t].folded) {
                    contentWords += 1
                    if !(tokens[t].isCapitalized || tokens[t].kind == .number) { contentWordsCapitalised = false }
                }
            }
            let endsWithPunctuation = lastInside.map { Self.sentencePunctuation.contains(tokens[$0].folded) } ?? false
            let opensClause = before.map { Self.clauseOpeners.contains($0.folded) || reportingVerbs.contains($0.folded)
                || $0.kind == .quoteMark } ?? true
            let afterIndex = firstToken(startingAtOrAfter: quotation.range.end)
            let after: Token? = afterIndex < tokens.count ? tokens[afterIndex] : nil
            let titleCase = wordCount >= 2 && contentWords > 0 && contentWordsCapitalised
            // A label inside a noun phrase: "the "foreign agent" law", "the so-called "reform"".
            let afterDeterminer = before.map { grammar.labelIntroducers.contains($0.folded) } ?? false
            let beforeNoun = after.map { $0.kind == .word && !$0.isCapitalized && !grammar.clauseContinuers.contains($0.folded) } ?? false
            if opensClause && !titleCase && (wordCount >= 2 || endsWithPunctuation) {
                quotations[q].role = .quotation
            } else if titleCase && !(opensClause && endsWithPunctuation && wordCount >= 4) {
                quotations[q].role = .scareOrTitle
            } else if wordCount < 4 && (afterDeterminer || beforeNoun) && !endsWithPunctuation {
                quotations[q].role = .scareOrTitle
            } else if wordCount >= 2 || endsWithPunctuation {
                quotations[q].role = .partial
            } else {
                quotations[q].role = .scareOrTitle
            }
        }
    }

    /// `word.count > 3` without counting characters where the bytes already tell.
    static func hasMoreThanThreeCharacters(_ word: String) -> Bool {
        let bytes = word.utf8.count
        if bytes <= 3 { return false }
        return word.utf8.allSatisfy { $0 < 0x80 } || word.count > 3
    }
}
