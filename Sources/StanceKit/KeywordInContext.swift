import Foundation
import StanceCore
import StanceAnalysis
import StanceReports

/// One place where a pattern or lexicon entry matched: the words before, the keyword as written,
/// the words after, within one paragraph.
public struct KwicHit: Sendable, Hashable {
    public let document: String
    /// 0-based paragraph index (output contract).
    public let paragraph: Int
    public let pre: String
    public let keyword: String
    public let post: String
    /// Scalar offsets of the keyword in the document (output contract).
    public let range: TextRange
    /// The entry that matched (the pattern itself for `stance kwic PATTERN`).
    public let entry: LexiconEntry
}

/// `stance kwic`: keyword in context. Text is read as the analysis reads it (`CorpusWords`), and
/// the pattern or entries are matched with `PhraseIndex`, so what it shows is where an entry fires.
public final class KeywordInContext {
    public let entries: [LexiconEntry]
    /// Characters of context on each side.
    public let width: Int
    private let indexes: [PhraseIndex]
    private let cleaner: Cleaner

    public init(entries: [LexiconEntry], lexicon: Lexicon, width: Int = 40) {
        self.entries = entries
        self.width = max(0, width)
        // One index per entry: with several entries on one line, a longer one must not hide a shorter.
        indexes = entries.map { PhraseIndex([$0]) }
        cleaner = Cleaner(lexicon: lexicon)
    }

    public enum PatternError: Error, CustomStringConvertible {
        case empty
        case misplacedWildcard(String)

        public var description: String {
            switch self {
            case .empty: "empty pattern"
            case .misplacedWildcard(let p): "misplaced \"*\" in \"\(p)\": only the end of the last word may be a wildcard"
            }
        }
    }

    /// A lexicon-style term as an entry: words split on white space and folded, a trailing `*` on
    /// the last word a prefix, `_` a slot for one to three words (as in `stance/predicates.tsv`).
    public static func pattern(_ text: String) throws -> LexiconEntry {
        var words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard !words.isEmpty else { throw PatternError.empty }
        let isWildcard = words[words.count - 1].hasSuffix("*") && words[words.count - 1].count > 1
        if isWildcard { words[words.count - 1].removeLast() }
        if words.contains(where: { $0.contains("*") }) { throw PatternError.misplacedWildcard(text) }
        return LexiconEntry(term: words.joined(separator: " ") + (isWildcard ? "*" : ""), words: words.map(Folding.fold),
                            isWildcard: isWildcard, location: SourceLocation(file: "(pattern)", line: 1))
    }

    /// Every hit in one document, in text order.
    public func hits(in document: Document) -> [KwicHit] {
        var hits: [KwicHit] = []
        for paragraph in CorpusWords.paragraphs(of: document, cleaner: cleaner) {
            var seen: Set<[Int]> = []
            for index in indexes {
                for match in CorpusWords.matches(index, in: paragraph) {
                    let first = paragraph.tokens[match.tokens.lowerBound], last = paragraph.tokens[match.tokens.upperBound - 1]
                    let range = TextRange(first.range.start, last.range.end)
                    guard seen.insert([range.start, range.end, match.entry.location.line, match.entry.location.column]).inserted
                    else { continue }
                    hits.append(KwicHit(document: document.id, paragraph: paragraph.paragraph,
                                        pre: context(document, paragraph.range.start, range.start, before: true),
                                        keyword: Workbench.oneLine(document.text(in: range)),
                                        post: context(document, range.end, paragraph.range.end, before: false),
                                        range: range, entry: match.entry))
                }
            }
        }
        return hits.sorted { $0.range != $1.range ? $0.range < $1.range : $0.entry.location.column < $1.entry.location.column }
    }

    /// Every hit under `path` (documents in reading order); unreadable articles are returned.
    public func hits(path: String, maxFileBytes: Int = DocumentReader.defaultMaxFileBytes) throws -> (hits: [KwicHit], failures: [InputError]) {
        var hits: [KwicHit] = []
        var failures: [InputError] = []
        try CorpusWords.forEachDocument(under: path, maxFileBytes: maxFileBytes, { hits += self.hits(in: $0) },
                                        failure: { failures.append($0) })
        return (hits, failures)
    }

    /// Up to `width` characters next to the keyword inside its paragraph, white space made single
    /// spaces; the space next to the keyword is kept so that columns read as text.
    private func context(_ document: Document, _ start: Int, _ end: Int, before: Bool) -> String {
        guard start < end else { return "" }
        var text = String(document.text(in: TextRange(start, end)).map { $0.isWhitespace ? " " : $0 })
        while text.contains("  ") { text = text.replacingOccurrences(of: "  ", with: " ") }
        guard text.count > width else { return text }
        return before ? String(text.suffix(width)) : String(text.prefix(width))
    }

    // MARK: - Output

    /// Columns of `--format csv` (and the keys of `--format jsonl`).
    public static let columns: [CSVColumn] = [.text("document"), .numeric("paragraph"), .text("pre"), .text("keyword"), .text("post"),
                                              .numeric("start"), .numeric("end"), .text("entry")]

    /// `file:line:col term`, or the pattern for a pattern search.
    static func entryLabel(_ entry: LexiconEntry) -> String {
        entry.location.file == "(pattern)" ? entry.term : "\(entry.location) \(entry.term)"
    }

    public static func table(_ hits: [KwicHit]) -> CSVTable {
        CSVTable(columns: columns, rows: hits.map { h in
            [h.document, String(h.paragraph), h.pre, h.keyword, h.post, String(h.range.start), String(h.range.end), entryLabel(h.entry)]
        })
    }

    public static func jsonLines(_ hits: [KwicHit]) -> String {
        hits.map { h in
            var o = JSONObject()
            o.string("document", h.document)
            o.integer("paragraph", h.paragraph)
            o.string("pre", h.pre)
            o.string("keyword", h.keyword)
            o.string("post", h.post)
            o.integer("start", h.range.start)
            o.integer("end", h.range.end)
            o.string("entry", entryLabel(h.entry))
            return o.text + "\n"
        }.joined()
    }

    /// The terminal table: document and paragraph, then the context right-aligned against the keyword.
    public static func text(_ hits: [KwicHit], width: Int) -> String {
        let docWidth = min(28, max(8, hits.map(\.document.count).max() ?? 8))
        var lines: [String] = []
        for h in hits {
            let doc = h.document.count > docWidth ? "…" + String(h.document.suffix(docWidth - 1)) : h.document
            let pre = String(repeating: " ", count: max(0, width - h.pre.count)) + h.pre
            lines.append(pad(doc, docWidth) + " " + pad("¶\(h.paragraph)", 5) + " " + pre + "[" + h.keyword + "]" + h.post)
        }
        lines.append(hits.count == 1 ? "1 hit" : "\(hits.count) hits")
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
