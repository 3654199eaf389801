import StanceCore

/// Splits a paragraph's tokens into sentences. A sentence ends at `.`, `?` or `!` (and the closing
/// marks after it) when the next token starts a sentence, never inside a top-level quotation,
/// after an abbreviation from `segmentation/abbreviations`, or after an initial ("J. R. R.").
public struct SentenceSplitter: Sendable {
    let abbreviations: Set<String>
    /// Abbreviations only before a number ("No. 5"); elsewhere ("voted no.") the period ends the sentence.
    let numberAbbreviations: Set<String>

    public init(lexicon: Lexicon) {
        let entries = lexicon.list("segmentation/abbreviations").entries
        abbreviations = Set(entries.filter { $0.field("only_before") == nil }.map { $0.words.joined(separator: " ") })
        numberAbbreviations = Set(entries.filter { $0.field("only_before") == "number" }.map { $0.words.joined(separator: " ") })
    }

    /// Sentence ranges over `tokens` (which must all lie in one paragraph), as token index ranges.
    public func split(_ tokens: [Token], scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var sentences: [Range<Int>] = []
        var start = 0
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            let isTerminal = token.kind == .punctuation && (token.folded == "." || token.folded == "?" || token.folded == "!" || token.folded == "…")
            if isTerminal, token.quotation == nil || quotationEnds(at: i, tokens) {
                var end = i + 1
                // Closing quote marks and brackets that follow the terminal stay in this sentence.
                while end < tokens.count, tokens[end].kind == .quoteMark || tokens[end].folded == ")",
                      tokens[end].range.start == tokens[end - 1].range.end {
                    end += 1
                }
                if end < tokens.count, endsSentence(at: i, tokens, next: end, scalars: scalars) {
                    sentences.append(start..<end)
                    start = end
                }
                i = end
                continue
            }
            i += 1
        }
        if start < tokens.count { sentences.append(start..<tokens.count) }
        return sentences
    }

    /// True when the terminal at `i` sits inside a quotation but is its last token before the closing mark
    /// and nothing but an attribution could follow: then the sentence may end after the mark.
    private func quotationEnds(at i: Int, _ tokens: [Token]) -> Bool {
        guard let q = tokens[i].quotation else { return true }
        var j = i + 1
        while j < tokens.count, tokens[j].kind == .quoteMark, tokens[j].quotation == q { j += 1 }
        return j < tokens.count ? tokens[j].quotation != q : true
    }

    private func endsSentence(at i: Int, _ tokens: [Token], next: Int, scalars: [Unicode.Scalar]) -> Bool {
        let terminal = tokens[i]
        let following = tokens[next]
        // The next sentence starts with a capital, a digit or an opening quote mark.
        let startsSentence = following.isCapitalized || following.kind == .number || following.kind == .quoteMark
            || following.folded == "(" || following.folded == "-"
        guard startsSentence else { return false }
        if following.quotation != nil, following.quotation == terminal.quotation { return false }
        if terminal.folded == ".", i > 0 {
            let previous = tokens[i - 1]
            if previous.range.end == terminal.range.start, previous.isWord {
                if abbreviations.contains(previous.folded + ".") { return false }
                if numberAbbreviations.contains(previous.folded + "."), following.kind == .number { return false }
                // An initial: one capital letter ("J. R. R. Tolkien").
                if previous.folded.count == 1, previous.isCapitalized { return false }
            }
            // "U.S." tokens carry their own period; the sentence goes on unless a clear start follows.
            if previous.folded.hasSuffix("."), abbreviations.contains(previous.folded) {
                return false
            }
        }
        return true
    }
}
