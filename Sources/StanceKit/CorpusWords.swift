import Foundation
import StanceCore
import StanceAnalysis
import StanceReports

/// One paragraph's words as the analysis reads them: tokens from `Tokenizer`, each word folded
/// (`Token.folded`, i.e. `Folding.fold`), punctuation and quote marks as stops (nil), so a
/// multiword entry never matches across them.
public struct ParagraphWords: Sendable {
    public let paragraph: Int
    public let range: TextRange
    public let tokens: [Token]
    public let words: [String?]
    /// Positions of words followed right away by a full stop ("Mr" "."): an entry ending in "."
    /// (`mr.`, `prof.`) matches there, as the honorific reader and the sentence splitter read it.
    let dotted: [Int]
}

/// One place where an entry matched, in token positions of its paragraph.
public struct WordMatch: Sendable {
    public let entry: LexiconEntry
    /// Tokens the match covers, a full stop read with the last word included.
    public let tokens: Range<Int>
}

/// Reading a corpus the way the workbench commands share: documents one at a time, their
/// paragraphs that are not site chrome, and every place a `PhraseIndex` matches in them.
public enum CorpusWords {
    /// The paragraphs the analysis reads (title and body; chrome from `cleaning/boilerplate` skipped).
    public static func paragraphs(of document: Document, cleaner: Cleaner) -> [ParagraphWords] {
        cleaner.paragraphs(of: document).filter { $0.role != .boilerplate }.map { paragraph in
            words(of: document, in: paragraph.range, paragraph: paragraph.index)
        }
    }

    /// The words of one range of a document (a paragraph, a statement).
    public static func words(of document: Document, in range: TextRange, paragraph: Int) -> ParagraphWords {
        let tokens = Tokenizer.tokenize(document.scalars, in: range)
        let words: [String?] = tokens.map { $0.isWord ? $0.folded : nil }
        let dotted = tokens.indices.filter { i in
            tokens[i].isWord && i + 1 < tokens.count && tokens[i + 1].folded == "."
                && tokens[i + 1].range.start == tokens[i].range.end && !tokens[i].folded.hasSuffix(".")
        }
        return ParagraphWords(paragraph: paragraph, range: range, tokens: tokens, words: words, dotted: dotted)
    }

    /// Every match of `index` in the paragraph: at each token the longest entry that matches there
    /// (so matches may overlap), then the entries ending in "." at words followed by a full stop.
    public static func matches(_ index: PhraseIndex, in p: ParagraphWords) -> [WordMatch] {
        guard !index.isEmpty else { return [] }
        var found: [WordMatch] = []
        for i in p.words.indices where p.words[i] != nil {
            if let m = index.match(p.words, at: i) { found.append(WordMatch(entry: m.entry, tokens: i..<(i + m.length))) }
        }
        for d in p.dotted {
            var words = p.words
            words[d] = p.words[d]! + "."
            for i in max(0, d - 4)...d {
                guard let m = index.match(words, at: i), i + m.length > d, m.entry.words.last?.hasSuffix(".") ?? false else { continue }
                found.append(WordMatch(entry: m.entry, tokens: i..<(d + 2)))
            }
        }
        return found
    }

    /// Every article under `path` in reading order, one at a time (a large corpus is never held
    /// whole); an article that cannot be read goes to `failure`. Throws when the path is unusable.
    public static func forEachDocument(under path: String, maxFileBytes: Int = DocumentReader.defaultMaxFileBytes,
                                       _ body: (Document) throws -> Void, failure: (InputError) -> Void) throws {
        let reader = DocumentReader(path: path, maxFileBytes: maxFileBytes)
        for entry in try reader.entries() {
            for item in reader.read(entry) {
                switch item {
                case .success(let document): try body(document)
                case .failure(let error): failure(error)
                }
            }
        }
    }
}

/// Every entry of a lexicon set with the list or topic section it belongs to, found by its place:
/// evidence cites `file:line`, and `kwic --entry FILE:LINE` looks an entry up the same way.
public final class LexiconEntries: Sendable {
    public struct Item: Sendable {
        public let entry: LexiconEntry
        /// The list name (`stance/predicates`) or the topic section (`russia-peace holder`).
        public let source: String
    }

    public let items: [Item]
    private let byLocation: [SourceLocation: Int]

    public init(_ lexicon: Lexicon) {
        var items: [Item] = []
        var seen: Set<SourceLocation> = []
        func add(_ entry: LexiconEntry, _ source: String) {
            if seen.insert(entry.location).inserted { items.append(Item(entry: entry, source: source)) }
        }
        for name in lexicon.lists.keys.sorted() {
            for entry in lexicon.lists[name]!.entries { add(entry, name) }
        }
        for topic in lexicon.topics {
            for group in topic.actors.keys.sorted() { topic.actors[group]!.forEach { add($0, "\(topic.id) actors.\(group)") } }
            let sections: [(String, [LexiconEntry])] = [("holder", topic.holder), ("objects", topic.objects),
                                                        ("opposites", topic.opposites), ("terms", topic.terms), ("cues", topic.cues)]
            for (section, entries) in sections { entries.forEach { add($0, "\(topic.id) \(section)") } }
        }
        self.items = items
        byLocation = Dictionary(items.enumerated().map { ($0.element.entry.location, $0.offset) }, uniquingKeysWith: { a, _ in a })
    }

    /// The entry at exactly this place (file, line and column), as evidence cites it.
    public func item(at location: SourceLocation) -> Item? {
        byLocation[location].map { items[$0] }
    }

    /// The entries on a line (all of them when `column` is nil: a YAML flow list holds several).
    /// `file` is relative to the lexicon folder, or any path ending in it (`Lexicons/stance/predicates.tsv`).
    public func items(file: String, line: Int, column: Int? = nil) -> [Item] {
        items.filter { item in
            let location = item.entry.location
            return (file == location.file || file.hasSuffix("/" + location.file)) && location.line == line
                && (column == nil || location.column == column)
        }
    }
}

extension Document {
    /// The text of a range with line breaks and runs of white space made single spaces, for one-line displays.
    func flatText(_ range: TextRange) -> String {
        Workbench.oneLine(text(in: range))
    }
}

enum Workbench {
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
