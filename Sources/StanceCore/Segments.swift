/// What a paragraph is to the analysis. Only `body` paragraphs yield statements.
public enum ParagraphRole: String, Sendable {
    case body
    /// The headline or a repeat of it.
    case title
    /// Site chrome: navigation, share buttons, "Leave a review".
    case boilerplate
}

/// A block of text between blank lines (or a line, in a file with no blank lines).
public struct Paragraph: Sendable, Hashable {
    /// 0-based among all blocks of the file, chrome included (output contract).
    public let index: Int
    /// The block without its surrounding line breaks.
    public let range: TextRange
    public var role: ParagraphRole

    public init(index: Int, range: TextRange, role: ParagraphRole = .body) {
        self.index = index
        self.range = range
        self.role = role
    }
}

/// What a pair of quote marks encloses.
public enum QuotationRole: String, Sendable {
    /// Someone's words: a direct statement once attributed.
    case quotation
    /// Quoted words inside a reported clause ("called the plan "a tax on ...""): part of a mixed statement.
    case partial
    /// Scare quotes, titles, names: the "foreign agent" law, a hearing on "Europe's Future".
    case scareOrTitle
}

/// A span between matching quote marks. Nested quotes are inside their outer quotation, not listed.
public struct Quotation: Sendable, Hashable {
    /// From the opening mark to the closing mark, both included (to the paragraph end when unclosed).
    public let range: TextRange
    /// The words inside the marks, surrounding white space trimmed.
    public let inner: TextRange
    public let paragraph: Int
    public var role: QuotationRole
    /// False when no closing mark was found in the paragraph (and it does not continue in the next).
    public let isClosed: Bool
    /// True when this piece continues a quotation opened in an earlier paragraph (multi-paragraph quote).
    public let continuesPrevious: Bool
    /// True when the quotation goes on in the next paragraph.
    public let continuesNext: Bool

    public init(range: TextRange, inner: TextRange, paragraph: Int, role: QuotationRole, isClosed: Bool,
                continuesPrevious: Bool = false, continuesNext: Bool = false) {
        self.range = range
        self.inner = inner
        self.paragraph = paragraph
        self.role = role
        self.isClosed = isClosed
        self.continuesPrevious = continuesPrevious
        self.continuesNext = continuesNext
    }
}

/// A sentence: a range inside one paragraph. A quotation of several sentences is not split:
/// sentences never end inside quote marks, so a quote and its attribution share a sentence.
public struct Sentence: Sendable, Hashable {
    public let range: TextRange
    public let paragraph: Int

    public init(range: TextRange, paragraph: Int) {
        self.range = range
        self.paragraph = paragraph
    }
}
