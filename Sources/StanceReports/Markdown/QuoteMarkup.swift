import StanceCore

/// A statement as the report quotes it: the words that decided its stance in bold, cut to the
/// sentences around them when the statement is long, escaped for a table cell.
enum QuoteMarkup {
    /// `evidence` ranges are document offsets (Unicode scalars); the statement's range is their base.
    /// When the statement's text does not span its range exactly, nothing is marked: a bold word in
    /// the wrong place would be worse than none.
    static func render(_ statement: Statement, evidence: [Evidence], maxLength: Int) -> String {
        let scalars = Array(statement.text.unicodeScalars)
        var marks: [Range<Int>] = []
        if scalars.count == statement.range.length {
            for item in evidence {
                guard let range = item.range else { continue }
                let lower = max(0, range.start - statement.range.start)
                let upper = min(scalars.count, range.end - statement.range.start)
                if let mark = wordBounded(lower..<max(lower, upper), in: scalars) { marks.append(mark) }
            }
        }
        marks = merged(marks, in: scalars)
        var window = trimmed(0..<scalars.count, in: scalars)
        if window.count > maxLength {
            window = excerpt(scalars, marks: marks, maxLength: maxLength)
        }
        var out = window.lowerBound > 0 ? "… " : ""
        var position = window.lowerBound
        for mark in marks {
            // Marks outside the excerpt are dropped, marks across its edge clipped.
            let (lower, upper) = (max(mark.lowerBound, window.lowerBound), min(mark.upperBound, window.upperBound))
            guard lower < upper, let bold = wordBounded(lower..<upper, in: scalars) else { continue }
            out += escaped(scalars[position..<bold.lowerBound])
            out += "**" + escaped(scalars[bold]) + "**"
            position = bold.upperBound
        }
        out += escaped(scalars[position..<window.upperBound])
        if window.upperBound < scalars.count { out += " …" }
        return out
    }

    /// The range shrunk to begin and end with a letter or digit. `**` next to a space or punctuation
    /// may not open or close emphasis in CommonMark; next to a letter it always does.
    static func wordBounded(_ range: Range<Int>, in scalars: [Unicode.Scalar]) -> Range<Int>? {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper && !isWord(scalars[lower]) { lower += 1 }
        while upper > lower && !isWord(scalars[upper - 1]) { upper -= 1 }
        return lower < upper ? lower..<upper : nil
    }

    static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Sorted, with overlapping marks joined, and marks apart by spaces only ("**not** **interested**")
    /// made one: touching marks would give `**a****b**`, which does not render as bold.
    static func merged(_ marks: [Range<Int>], in scalars: [Unicode.Scalar]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for mark in marks.sorted(by: { $0.lowerBound != $1.lowerBound ? $0.lowerBound < $1.lowerBound : $0.upperBound < $1.upperBound }) {
            if let last = out.last, mark.lowerBound <= last.upperBound
                || scalars[last.upperBound..<mark.lowerBound].allSatisfy({ $0 == " " || $0 == "\t" }) {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, mark.upperBound)
            } else {
                out.append(mark)
            }
        }
        return out
    }

    static func escaped(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        MarkdownText.escape(String(String.UnicodeScalarView(scalars)), lineBreak: " <br>", paragraphBreak: " <br><br>")
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    static func trimmed(_ range: Range<Int>, in scalars: [Unicode.Scalar]) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper && isSpace(scalars[lower]) { lower += 1 }
        while upper > lower && isSpace(scalars[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// The sentences from the first marked word to the last, as an analyst would quote them; when those
    /// are longer than `maxLength`, `maxLength` scalars from the first marked word's sentence (or from a
    /// little before that word, if it lies further in), cut at a space. Without marks, the opening.
    static func excerpt(_ scalars: [Unicode.Scalar], marks: [Range<Int>], maxLength: Int) -> Range<Int> {
        let focusStart = marks.first?.lowerBound ?? 0
        let focusEnd = marks.last?.upperBound ?? 0
        var start = sentenceStart(scalars, before: focusStart)
        var end = sentenceEnd(scalars, after: focusEnd)
        if end - start > maxLength {
            if (marks.first?.upperBound ?? 0) - start > maxLength {
                // The first marked words lie beyond the excerpt: start a little before them, at a space.
                start = spaceAfterOrAt(scalars, focusStart - maxLength / 4, limit: focusStart)
            }
            end = spaceBeforeOrAt(scalars, min(end, start + maxLength), limit: start + 1)
        }
        return trimmed(start..<max(start, end), in: scalars)
    }

    static let sentenceEnders: Set<Unicode.Scalar> = [".", "!", "?", "…"]
    static let closingMarks: Set<Unicode.Scalar> = ["\"", "'", "\u{201D}", "\u{2019}", "\u{BB}", ")"]

    static func sentenceStart(_ scalars: [Unicode.Scalar], before index: Int) -> Int {
        var position = min(index, scalars.count)
        while position > 0 {
            let previous = scalars[position - 1]
            if previous == "\n" || previous == "\r" { return position }
            if isSpace(previous) && position >= 2 {
                var before = position - 2
                while before > 0 && closingMarks.contains(scalars[before]) { before -= 1 }
                if sentenceEnders.contains(scalars[before]) { return position }
            }
            position -= 1
        }
        return 0
    }

    static func sentenceEnd(_ scalars: [Unicode.Scalar], after index: Int) -> Int {
        var position = max(0, index)
        while position < scalars.count {
            let scalar = scalars[position]
            if scalar == "\n" || scalar == "\r" { return position }
            if sentenceEnders.contains(scalar) {
                var next = position + 1
                while next < scalars.count && closingMarks.contains(scalars[next]) { next += 1 }
                if next == scalars.count || isSpace(scalars[next]) { return next }
            }
            position += 1
        }
        return scalars.count
    }

    static func spaceAfterOrAt(_ scalars: [Unicode.Scalar], _ index: Int, limit: Int) -> Int {
        var position = max(0, index)
        while position < limit && !isSpace(scalars[position]) { position += 1 }
        return position
    }

    static func spaceBeforeOrAt(_ scalars: [Unicode.Scalar], _ index: Int, limit: Int) -> Int {
        var position = min(index, scalars.count)
        guard position < scalars.count else { return position }
        while position > limit && !isSpace(scalars[position]) { position -= 1 }
        return position > limit ? position : min(index, scalars.count)
    }
}
