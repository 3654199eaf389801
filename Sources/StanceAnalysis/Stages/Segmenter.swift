import StanceCore

/// A document cut into paragraphs, quotations, sentences and tokens: every later stage reads this.
public struct SegmentedDocument: Sendable {
    public let document: Document
    public let paragraphs: [Paragraph]
    /// Top-level quotations in text order (nested quotes are inside them).
    public let quotations: [Quotation]
    /// Tokens of body and title paragraphs, in text order; `quotation` indexes `quotations`.
    public let tokens: [Token]
    public let sentences: [Sentence]
    /// For each sentence, its token indices.
    public let sentenceTokens: [Range<Int>]

    public func text(_ range: TextRange) -> String { document.text(in: range) }
}

/// Reading order of the segmentation stages: paragraphs (with chrome marked), quotations, tokens,
/// quotation roles, sentences.
public final class Segmenter: Sendable {
    let cleaner: Cleaner
    let classifier: QuoteClassifier
    let splitter: SentenceSplitter

    public init(lexicon: Lexicon) {
        cleaner = Cleaner(lexicon: lexicon)
        classifier = QuoteClassifier(lexicon: lexicon)
        splitter = SentenceSplitter(lexicon: lexicon)
    }

    public func segment(_ document: Document) -> SegmentedDocument {
        let paragraphs = cleaner.paragraphs(of: document)
        var quotations = QuoteFinder.find(in: document, paragraphs: paragraphs)
        var tokens: [Token] = []
        tokens.reserveCapacity(document.scalars.count / 5 + 8)
        var sentences: [Sentence] = []
        var sentenceTokens: [Range<Int>] = []
        var q = 0
        for paragraph in paragraphs where paragraph.role != .boilerplate {
            var paragraphTokens = Tokenizer.tokenize(document.scalars, in: paragraph.range)
            var indices: [Int] = []
            while q < quotations.count, quotations[q].range.start < paragraph.range.end {
                indices.append(q)
                q += 1
            }
            // One sweep: quotations and tokens are both in text order and quotations do not overlap.
            var k = 0
            for t in paragraphTokens.indices {
                let range = paragraphTokens[t].range
                while k < indices.count, quotations[indices[k]].range.end <= range.start { k += 1 }
                if k < indices.count, quotations[indices[k]].range.contains(range) { paragraphTokens[t].quotation = indices[k] }
            }
            classifier.classify(&quotations, indices: indices, paragraphTokens: paragraphTokens)
            let base = tokens.count
            for range in splitter.split(paragraphTokens, scalars: document.scalars) {
                let first = paragraphTokens[range.lowerBound], last = paragraphTokens[range.upperBound - 1]
                sentences.append(Sentence(range: TextRange(first.range.start, last.range.end), paragraph: paragraph.index))
                sentenceTokens.append((base + range.lowerBound)..<(base + range.upperBound))
            }
            tokens.append(contentsOf: paragraphTokens)
        }
        return SegmentedDocument(document: document, paragraphs: paragraphs, quotations: quotations, tokens: tokens,
                                 sentences: sentences, sentenceTokens: sentenceTokens)
    }
}
