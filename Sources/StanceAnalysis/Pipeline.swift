import StanceCore

/// The one place the stage order is written: segment (paragraphs, chrome, quotations, sentences)
/// -> attribute (statements and speakers) -> topics and stance. Each document is analysed on its
/// own (output contract, Analysis units); aggregation over documents happens in `Aggregator`.
public final class Pipeline: Sendable {
    public let segmenter: Segmenter
    public let attributor: Attributor
    public let stanceScorer: StanceScorer

    public init(lexicon: Lexicon) {
        segmenter = Segmenter(lexicon: lexicon)
        attributor = Attributor(lexicon: lexicon)
        stanceScorer = StanceScorer(lexicon: lexicon)
    }

    public func analyze(_ document: Document) -> DocumentAnalysis {
        let segmented = segmenter.segment(document)
        let attributed = attributor.attribute(segmented)
        var analysis = DocumentAnalysis(document: document, paragraphs: segmented.paragraphs, sentences: segmented.sentences,
                                        quotations: segmented.quotations, statements: attributed.statements,
                                        speakers: attributed.speakers, disagreements: attributed.disagreements)
        analysis.stances = stanceScorer.score(analysis)
        return analysis
    }
}
