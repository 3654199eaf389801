import StanceCore

/// The quotation-mark characters the analyzer knows, by family. Any double mark closes any double
/// opener (outlets mix straight and curly marks), and single marks nest inside doubles or stand
/// alone in the British style.
enum QuoteMarks {
    enum Family { case double, single }

    static func family(_ c: Unicode.Scalar) -> Family? {
        switch c {
        case "\"", "\u{201C}", "\u{201D}", "\u{201E}", "\u{00AB}", "\u{00BB}", "\u{201F}": .double
        case "'", "\u{2018}", "\u{2019}", "\u{201A}", "\u{2039}", "\u{203A}": .single
        default: nil
        }
    }

    static func isQuoteMark(_ c: Unicode.Scalar) -> Bool { family(c) != nil }
    /// Marks that only ever open (in the languages news comes in).
    static func onlyOpens(_ c: Unicode.Scalar) -> Bool { c == "\u{00AB}" || c == "\u{201E}" || c == "\u{2018}" || c == "\u{201A}" || c == "\u{2039}" }
    /// Marks that only ever close.
    static func onlyCloses(_ c: Unicode.Scalar) -> Bool { c == "\u{00BB}" || c == "\u{201D}" || c == "\u{203A}" }
}

/// Finds quotations paragraph by paragraph. A quotation left open at a paragraph's end continues
/// only when the next paragraph opens with a mark of the same family (the multi-paragraph
/// convention); otherwise it ends with its paragraph, so one stray mark never swallows the article.
public enum QuoteFinder {
    struct Mark {
        let offset: Int
        let family: QuoteMarks.Family
        let canOpen: Bool
        let canClose: Bool
    }

    /// Top-level quotations of the body paragraphs, in text order; roles are set by `QuoteClassifier`.
    public static func find(in document: Document, paragraphs: [Paragraph]) -> [Quotation] {
        let scalars = document.scalars
        var result: [Quotation] = []
        var carried: QuoteMarks.Family?  // a quotation continuing from the previous paragraph
        for (position, paragraph) in paragraphs.enumerated() where paragraph.role == .body {
            var pieces = quotations(in: paragraph, scalars: scalars, continuing: carried)
            carried = nil
            if let last = pieces.last, !last.isClosed {
                let next = paragraphs[(position + 1)...].first { $0.role == .body }
                if let next, let family = openingFamily(of: next, scalars: scalars), family == lastFamily(last, scalars) {
                    pieces[pieces.count - 1] = Quotation(range: last.range, inner: last.inner, paragraph: last.paragraph,
                                                         role: last.role, isClosed: false,
                                                         continuesPrevious: last.continuesPrevious, continuesNext: true)
                    carried = family
                }
            }
            result.append(contentsOf: pieces)
        }
        return result
    }

    private static func lastFamily(_ quotation: Quotation, _ scalars: [Unicode.Scalar]) -> QuoteMarks.Family? {
        QuoteMarks.family(scalars[quotation.range.start]) ?? .double
    }

    private static func openingFamily(of paragraph: Paragraph, scalars: [Unicode.Scalar]) -> QuoteMarks.Family? {
        guard !paragraph.range.isEmpty else { return nil }
        let c = scalars[paragraph.range.start]
        guard let family = QuoteMarks.family(c), !QuoteMarks.onlyCloses(c) else { return nil }
        if family == .single, c == "'", paragraph.range.length > 1, !Tokenizer.isLetter(scalars[paragraph.range.start + 1]) {
            return nil
        }
        return family
    }

    static func marks(in range: TextRange, scalars: [Unicode.Scalar]) -> [Mark] {
        var marks: [Mark] = []
        for i in range.start..<range.end {
            let c = scalars[i]
            // Nearly every scalar is no quote mark: ASCII ones other than the two marks, and
            // everything below the first non-ASCII mark («), are passed over without the lookup.
            if c.value < 0x80 ? c != "\"" && c != "'" : c.value < 0xAB { continue }
            guard let family = QuoteMarks.family(c) else { continue }
            let prev: Unicode.Scalar? = i > range.start ? scalars[i - 1] : nil
            let next: Unicode.Scalar? = i + 1 < range.end ? scalars[i + 1] : nil
            let prevIsWord = prev.map { Tokenizer.isWordScalar($0) } ?? false
            let nextIsWord = next.map { Tokenizer.isWordScalar($0) } ?? false
            let prevIsSpace = prev.map { Tokenizer.isSpace($0) || isOpeningContext($0) } ?? true
            let nextIsSpace = next.map { Tokenizer.isSpace($0) || isClosingContext($0) } ?? true
            if family == .single {
                // An apostrophe between letters ("don't", "O'Brien") or after a letter before
                // a letter is never a quote mark.
                if prevIsWord && nextIsWord { continue }
            }
            var canOpen = prevIsSpace && !(next.map { Tokenizer.isSpace($0) } ?? true)
            var canClose = !prevIsSpace && nextIsSpace
            if c == "\u{00AB}" { canOpen = prevIsSpace || prev == nil; canClose = false }  // « may be followed by a space
            if c == "\u{00BB}" { canClose = true; canOpen = false }
            if QuoteMarks.onlyOpens(c) { canClose = false; canOpen = canOpen || prev == nil }
            if c == "\u{201D}" { canOpen = false; canClose = true }
            if c == "\u{201C}" { canOpen = canOpen || !prevIsWord }  // also closes „…“, decided below
            if family == .single && !canOpen && !canClose { continue }
            if !canOpen && !canClose {
                // Ambiguous straight double mark (e.g. touching punctuation on both sides): let
                // the parser decide by state.
                canOpen = true
                canClose = true
            }
            marks.append(Mark(offset: i, family: family, canOpen: canOpen, canClose: canClose))
        }
        return marks
    }

    private static func isOpeningContext(_ c: Unicode.Scalar) -> Bool {
        "([{\u{2014}\u{2013}-/:".unicodeScalars.contains(c) || QuoteMarks.isQuoteMark(c)
    }

    private static func isClosingContext(_ c: Unicode.Scalar) -> Bool {
        ".,;:!?)]}\u{2014}\u{2013}-…/".unicodeScalars.contains(c) || QuoteMarks.isQuoteMark(c)
    }

    static func quotations(in paragraph: Paragraph, scalars: [Unicode.Scalar],
                           continuing: QuoteMarks.Family?) -> [Quotation] {
        let marks = marks(in: paragraph.range, scalars: scalars)
        var result: [Quotation] = []
        // Stack of open marks: (offset, family); only the outermost becomes a quotation.
        var stack: [(offset: Int, family: QuoteMarks.Family, germanLow: Bool)] = []
        var continuesPrevious = false
        var index = 0
        if let family = continuing, let first = marks.first, first.offset == paragraph.range.start, first.family == family {
            stack.append((first.offset, family, false))
            continuesPrevious = true
            index = 1
        }
        while index < marks.count {
            let mark = marks[index]
            index += 1
            let c = scalars[mark.offset]
            if let top = stack.last, top.family == mark.family, mark.canClose || (top.germanLow && c == "\u{201C}") {
                stack.removeLast()
                if stack.isEmpty {
                    result.append(make(open: top.offset, close: mark.offset, paragraph: paragraph, scalars: scalars,
                                       closed: true, continuesPrevious: continuesPrevious))
                    continuesPrevious = false
                }
                continue
            }
            if mark.canOpen {
                // A single mark inside a single quotation cannot open a deeper level: it is an apostrophe.
                if mark.family == .single, stack.last?.family == .single { continue }
                // A single quote opening at top level must close in this paragraph, or it is an
                // apostrophe ("the '90s", "rock 'n' roll").
                if mark.family == .single, stack.isEmpty,
                   !marks[index...].contains(where: { $0.family == .single && $0.canClose }) {
                    continue
                }
                stack.append((mark.offset, mark.family, c == "\u{201E}"))
            }
        }
        if let outer = stack.first {
            if outer.family == .double || continuesPrevious {
                result.append(make(open: outer.offset, close: nil, paragraph: paragraph, scalars: scalars, closed: false,
                                   continuesPrevious: continuesPrevious))
            }
        }
        return result
    }

    private static func make(open: Int, close: Int?, paragraph: Paragraph, scalars: [Unicode.Scalar], closed: Bool,
                             continuesPrevious: Bool) -> Quotation {
        let end = close.map { $0 + 1 } ?? paragraph.range.end
        var innerStart = open + 1
        var innerEnd = close ?? paragraph.range.end
        while innerStart < innerEnd, Tokenizer.isSpace(scalars[innerStart]) { innerStart += 1 }
        while innerEnd > innerStart, Tokenizer.isSpace(scalars[innerEnd - 1]) { innerEnd -= 1 }
        return Quotation(range: TextRange(open, end), inner: TextRange(innerStart, innerEnd), paragraph: paragraph.index,
                         role: .quotation, isClosed: closed, continuesPrevious: continuesPrevious)
    }
}
