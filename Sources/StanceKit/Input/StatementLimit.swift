import StanceCore

/// The longest statement a run keeps (`--max-statement-length`, a resource limit of issue 12).
///
/// A statement is the words inside a quotation or a reported clause; real ones are under a few
/// hundred words (the longest in the sample is 664 characters). A statement of many thousand
/// characters almost always comes from a quotation mark that is never closed, so the "statement"
/// runs to the end of its paragraph: scoring it, listing it and putting it in a spreadsheet cell
/// (Excel keeps at most 32,767 characters) helps nobody. Such statements are left out of the run's
/// results (tables, positions, report, `stance statements`) with one warning each naming the
/// document, paragraph and offset, so that the article can be fixed or the limit raised. The
/// document itself still counts as analysed: its other statements are kept, and the exit code does
/// not change. The corpus database keeps every statement, so a later run with a higher limit brings
/// them back without analysing the article again.
public enum StatementLimit {
    /// The default of `--max-statement-length`, in Unicode scalars.
    public static let defaultMaxLength = 5_000

    /// A statement left out, with everything its warning names.
    public struct Exclusion: Sendable, Hashable, CustomStringConvertible {
        public let document: String
        public let statementID: String
        public let paragraph: Int
        public let start: Int
        public let length: Int
        public let limit: Int

        public var description: String {
            "\(document): statement \(statementID) at paragraph \(paragraph), offset \(start) is \(length) characters long, "
                + "over the limit of \(limit) (raise it with --max-statement-length); left out of the results"
        }
    }

    /// The documents without their statements over `maxLength` scalars (0: no limit), and what was left out.
    /// Stances and statement counts follow the statements they belong to.
    public static func apply(_ documents: [DocumentResult], maxLength: Int) -> (documents: [DocumentResult], excluded: [Exclusion]) {
        guard maxLength > 0 else { return (documents, []) }
        var excluded: [Exclusion] = []
        let kept = documents.map { document -> DocumentResult in
            let over = document.statements.filter { $0.range.length > maxLength }
            guard !over.isEmpty else { return document }
            excluded += over.map {
                Exclusion(document: document.summary.id, statementID: $0.id, paragraph: $0.paragraph, start: $0.range.start,
                          length: $0.range.length, limit: maxLength)
            }
            let left = Set(over.map(\.id))
            let statements = document.statements.filter { !left.contains($0.id) }
            let summary = document.summary
            return DocumentResult(
                summary: DocumentSummary(id: summary.id, contentHash: summary.contentHash, fingerprint: summary.fingerprint,
                                         title: summary.title, date: summary.date, source: summary.source, statements: statements.count),
                statements: statements, speakers: document.speakers,
                stances: document.stances.filter { !left.contains($0.statementID) }, disagreements: document.disagreements)
        }
        return (kept, excluded)
    }
}
