import StanceCore

/// A reporting frame found in a sentence: the cue, who it names, and what it introduces.
struct Frame {
    let cue: Range<Int>
    let entry: LexiconEntry
    var subject: Mention?
    var entity: Int?
    var link: String = ""
    /// "does not think": the statement is the negation of the clause.
    var negated = false
    /// First token of the frame part that belongs in a negated statement ("does" in "does not think").
    var frameStart: Int
    /// Token range of the reported clause, if any.
    var clause: Range<Int>?
    /// A quotation introduced right after the cue or clause (": "...", ", "..."").
    var introducesQuote: Int?
    var rule: String = ""
    /// The speaker follows the cue (`"...," said X`): nothing after the cue is a complement.
    var inverted = false

    var cueClass: String { entry.field("class") ?? "speech" }
    var acceptsBareClause: Bool { entry.field("bare_clause") == "yes" }
}

/// A statement before speaker names are final (a later, fuller mention can still rename the entity).
struct DraftStatement {
    let range: TextRange
    let paragraph: Int
    let kind: StatementKind
    let entity: Int
    let mention: String
    let cue: String
    let rule: String
    let link: String
}
