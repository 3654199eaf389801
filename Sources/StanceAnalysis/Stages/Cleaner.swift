import StanceCore

/// Splits a document into paragraphs and marks the ones that are not article text: the title and
/// its repeats, and site chrome from `cleaning/boilerplate`. The text itself is never edited, so
/// offsets always refer to the text as read.
public struct Cleaner: Sendable {
    /// Folded chrome phrases, matched against a whole short paragraph.
    let boilerplate: Set<String>
    /// A paragraph longer than this many words is article text whatever it says.
    static let maxChromeWords = 8

    public init(lexicon: Lexicon) {
        boilerplate = Set(lexicon.list("cleaning/boilerplate").entries.map { $0.words.joined(separator: " ") })
    }

    public func paragraphs(of document: Document) -> [Paragraph] {
        var paragraphs = Self.split(document)
        markTitleAndRepeats(&paragraphs, document)
        markChrome(&paragraphs, document)
        return paragraphs
    }

    /// Blocks separated by blank lines; in a file with no blank line, its lines (output contract).
    static func split(_ document: Document) -> [Paragraph] {
        let s = document.scalars
        var lines: [TextRange] = []
        var start = 0
        var i = 0
        while i < s.count {
            if s[i] == "\n" || s[i] == "\r" {
                lines.append(TextRange(start, i))
                if s[i] == "\r", i + 1 < s.count, s[i + 1] == "\n" { i += 1 }
                start = i + 1
            }
            i += 1
        }
        lines.append(TextRange(start, s.count))
        let isBlank: (TextRange) -> Bool = { r in (r.start..<r.end).allSatisfy { Tokenizer.isSpace(s[$0]) } }
        // A final line break leaves an empty last line that separates nothing.
        let separating = (lines.count > 1 && isBlank(lines[lines.count - 1])) ? lines.dropLast() : lines[...]
        let hasBlankLine = separating.contains(where: isBlank)
        var blocks: [TextRange] = []
        if hasBlankLine {
            var blockStart: Int?
            var blockEnd = 0
            for line in lines {
                if isBlank(line) {
                    if let b = blockStart { blocks.append(TextRange(b, blockEnd)) }
                    blockStart = nil
                } else {
                    if blockStart == nil { blockStart = line.start }
                    blockEnd = line.end
                }
            }
            if let b = blockStart { blocks.append(TextRange(b, blockEnd)) }
        } else {
            blocks = lines.filter { !isBlank($0) }
        }
        return blocks.enumerated().map { Paragraph(index: $0.offset, range: trim($0.element, s)) }
    }

    static func trim(_ range: TextRange, _ s: [Unicode.Scalar]) -> TextRange {
        var a = range.start, b = range.end
        while a < b, Tokenizer.isSpace(s[a]) { a += 1 }
        while b > a, Tokenizer.isSpace(s[b - 1]) { b -= 1 }
        return TextRange(a, b)
    }

    /// The first paragraph is a title when it does not end like a sentence; any later paragraph
    /// identical to an earlier one (a repeated headline or teaser) is marked the same way.
    /// "Identical" is String equality (canonical equivalence); two plain paragraphs (see
    /// `isPlain`) are equal exactly when their scalars are, so Strings are only made for the
    /// comparisons that involve other text.
    private func markTitleAndRepeats(_ paragraphs: inout [Paragraph], _ document: Document) {
        let s = document.scalars
        let plain = paragraphs.map { p in (p.range.start..<p.range.end).allSatisfy { Self.isPlain(s[$0]) } }
        var strings = [String?](repeating: nil, count: paragraphs.count)
        func string(_ i: Int) -> String {
            if let made = strings[i] { return made }
            let made = document.text(in: paragraphs[i].range)
            strings[i] = made
            return made
        }
        func same(_ i: Int, _ j: Int) -> Bool {
            let a = paragraphs[i].range, b = paragraphs[j].range
            if plain[i] && plain[j] { return Self.sameScalars(s, a, b) }
            if plain[i] || plain[j] {
                // A plain text is its own canonical decomposition, and decomposing never makes a
                // text shorter nor moves a plain scalar off either end of it.
                let (p, other) = plain[i] ? (a, b) : (b, a)
                if p.length < other.length { return false }
                if Self.isPlain(s[other.start]) && s[other.start] != s[p.start] { return false }
                if Self.isPlain(s[other.end - 1]) && s[other.end - 1] != s[p.end - 1] { return false }
            }
            return string(i) == string(j)
        }
        for i in paragraphs.indices {
            let range = paragraphs[i].range
            if i == 0, range.length > 0, !Self.endsLikeSentence(s[range.end - 1]),
               plain[0] ? Self.spaceSeparatedWords(s, range, atMost: 30) : string(0).split(separator: " ").count <= 30,
               !(plain[0] ? Self.hasSentenceBreak(s, range) : Self.hasSentenceBreak(string(0))) {
                paragraphs[i].role = .title
            } else if range.length > 0, (0..<i).contains(where: { paragraphs[$0].range.length > 0 && same($0, i) }) {
                paragraphs[i].role = .title
            }
        }
    }

    static func endsLikeSentence(_ last: Unicode.Scalar) -> Bool { ".!?\"”»'’:".unicodeScalars.contains(last) }

    /// ASCII and the common typographic punctuation (dashes, curly quotes, ellipsis, guillemets,
    /// no-break space): scalars that are whole characters (nothing attaches to them) and that
    /// Unicode normalisation leaves alone, and that have no case.
    static func isPlain(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        return v < 0x80 || (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v) || v == 0xA0 || v == 0xAB || v == 0xBB
    }

    /// At most `limit` runs of scalars between spaces (as `split(separator: " ").count <= limit`).
    static func spaceSeparatedWords(_ s: [Unicode.Scalar], _ range: TextRange, atMost limit: Int) -> Bool {
        var words = 0
        var inWord = false
        for i in range.start..<range.end {
            let space = s[i] == " "
            if !space && !inWord { words += 1; if words > limit { return false } }
            inWord = !space
        }
        return true
    }

    static func sameScalars(_ s: [Unicode.Scalar], _ a: TextRange, _ b: TextRange) -> Bool {
        a.length == b.length && (0..<a.length).allSatisfy { s[a.start + $0] == s[b.start + $0] }
    }

    /// `hasSentenceBreak` on plain scalars (see `isPlain`).
    static func hasSentenceBreak(_ s: [Unicode.Scalar], _ range: TextRange) -> Bool {
        guard range.length >= 3 else { return false }
        for i in range.start..<(range.end - 2) where (s[i] == "." || s[i] == "!" || s[i] == "?") && s[i + 1] == " " {
            let v = s[i + 2].value
            if v >= 0x41 && v <= 0x5A { return true }
        }
        return false
    }

    /// ". " followed by a capital inside the text: a paragraph of sentences, not a headline.
    static func hasSentenceBreak(_ text: String) -> Bool {
        let chars = Array(text)
        for i in chars.indices.dropLast(2) where ".!?".contains(chars[i]) && chars[i + 1] == " " && chars[i + 2].isUppercase {
            return true
        }
        return false
    }

    /// Short paragraphs that are a boilerplate phrase; and the run of short unpunctuated lines at the
    /// very end of a page when it holds at least one such phrase (navigation blocks come as a group).
    private func markChrome(_ paragraphs: inout [Paragraph], _ document: Document) {
        /// Whether a paragraph is short enough to be chrome, counted on the scalars without folding.
        func isShort(_ p: Paragraph) -> Bool {
            var words = 0
            var inWord = false
            for i in p.range.start..<p.range.end {
                let space = Tokenizer.isSpace(document.scalars[i])
                if !space && !inWord { words += 1; if words > Self.maxChromeWords { return false } }
                inWord = !space
            }
            return true
        }
        func words(_ p: Paragraph) -> [String] {
            Folding.fold(document.text(in: p.range)).split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "'" })
                .map(String.init)
        }
        func isChromePhrase(_ p: Paragraph) -> Bool {
            guard isShort(p) else { return false }
            let w = words(p)
            return w.count <= Self.maxChromeWords && boilerplate.contains(w.joined(separator: " "))
        }
        func looksLikeSentence(_ p: Paragraph) -> Bool {
            guard p.range.length > 0 else { return false }
            return Self.endsLikeSentence(document.scalars[p.range.end - 1]) || !isShort(p)
        }
        for i in paragraphs.indices where paragraphs[i].role == .body && isChromePhrase(paragraphs[i]) {
            paragraphs[i].role = .boilerplate
        }
        // Trailing navigation: walk back over short non-sentences; mark them if the run holds chrome.
        var j = paragraphs.count - 1
        var run: [Int] = []
        while j >= 0, paragraphs[j].role != .title, !looksLikeSentence(paragraphs[j]) {
            run.append(j)
            j -= 1
        }
        if run.contains(where: { paragraphs[$0].role == .boilerplate }) {
            for k in run { paragraphs[k].role = .boilerplate }
        }
    }
}
