import StanceCore

// StanceReports turns a `CorpusResult` into the files people read: CSV tables, JSON Lines, the Markdown
// comparison report and its SVG charts. Every format is a pure function (data in, text out: no clock,
// no file I/O), so the same result always renders to the same bytes and golden files can pin them.

/// Cell values as every table writes them (output contract): numbers with a dot and at most
/// 3 decimals, an empty cell for a missing value, lists `; `-joined.
enum Cell {
    static func number(_ value: Double) -> String {
        value.isFinite ? Number.format(value) : ""
    }

    static func number(_ value: Double?) -> String {
        value.map { number($0) } ?? ""
    }

    static func integer(_ value: Int) -> String { String(value) }

    static func list(_ items: [String]) -> String { items.joined(separator: "; ") }

    static func bool(_ value: Bool) -> String { value ? "true" : "false" }
}

/// Orderings shared by every format, so a row lands in the same place in the CSV, the JSON and the report.
/// Strings compare by Unicode scalar values, not by `String.<`: that one treats canonically equivalent
/// spellings as equal, which would leave their order to the input's order.
enum Order {
    static func scalarsLess(_ lhs: String, _ rhs: String) -> Bool {
        lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars) { $0.value < $1.value }
    }

    /// Names as a reader expects them: case and diacritics folded first ("Babaoğlu" beside "babaoglu"),
    /// then the exact spelling to break ties.
    static func nameLess(_ lhs: String, _ rhs: String) -> Bool {
        var keys = NameKeys()
        return keys.less(lhs, rhs)
    }

    /// Folds each name once per sort: folding goes through Foundation and a sort compares a name
    /// many times.
    struct NameKeys {
        private var folded: [String: String] = [:]

        mutating func key(_ name: String) -> String {
            if let key = folded[name] { return key }
            let key = Folding.fold(name)
            folded[name] = key
            return key
        }

        mutating func less(_ lhs: String, _ rhs: String) -> Bool {
            let (keyL, keyR) = (key(lhs), key(rhs))
            if !keyL.unicodeScalars.elementsEqual(keyR.unicodeScalars) { return Order.scalarsLess(keyL, keyR) }
            return Order.scalarsLess(lhs, rhs)
        }
    }

    /// Statements by document, then start, then end (ids break the last ties).
    static func statements(_ statements: [Statement]) -> [Statement] {
        statements.sorted { a, b in
            if a.documentID != b.documentID { return scalarsLess(a.documentID, b.documentID) }
            if a.range.start != b.range.start { return a.range.start < b.range.start }
            if a.range.end != b.range.end { return a.range.end < b.range.end }
            return scalarsLess(a.id, b.id)
        }
    }

    /// Stances in the order of their statements (see `statements(_:)`), then by topic id.
    /// A stance whose statement is not in the result goes last, by statement id.
    static func stances(_ stances: [StatementStance], statementOrder: [String: Int]) -> [StatementStance] {
        stances.sorted { a, b in
            let (ia, ib) = (statementOrder[a.statementID] ?? Int.max, statementOrder[b.statementID] ?? Int.max)
            if ia != ib { return ia < ib }
            if a.statementID != b.statementID { return scalarsLess(a.statementID, b.statementID) }
            if a.topic != b.topic { return scalarsLess(a.topic, b.topic) }
            return a.label < b.label
        }
    }

    static func statementIndex(_ sorted: [Statement]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (offset, statement) in sorted.enumerated() where index[statement.id] == nil {
            index[statement.id] = offset
        }
        return index
    }

    /// Positions by topic, then group (outlet or month), then speaker.
    static func positions(_ positions: [Position]) -> [Position] {
        var keys = NameKeys()
        return positions.sorted { a, b in
            if a.topic != b.topic { return scalarsLess(a.topic, b.topic) }
            if a.group != b.group { return scalarsLess(a.group ?? "", b.group ?? "") }
            if a.speaker != b.speaker { return keys.less(a.speaker, b.speaker) }
            return a.label < b.label
        }
    }

    /// Contrasts by topic, strongest first, then by the two names.
    static func contrasts(_ contrasts: [Contrast]) -> [Contrast] {
        var keys = NameKeys()
        return contrasts.sorted { a, b in
            if a.topic != b.topic { return scalarsLess(a.topic, b.topic) }
            if a.strength != b.strength { return a.strength > b.strength }
            if a.speakerA != b.speakerA { return keys.less(a.speakerA, b.speakerA) }
            return keys.less(a.speakerB, b.speakerB)
        }
    }

    /// Alliances by topic, strongest first, then by the two names.
    static func allies(_ allies: [Alliance]) -> [Alliance] {
        var keys = NameKeys()
        return allies.sorted { a, b in
            if a.topic != b.topic { return scalarsLess(a.topic, b.topic) }
            if a.strength != b.strength { return a.strength > b.strength }
            if a.speakerA != b.speakerA { return keys.less(a.speakerA, b.speakerA) }
            if a.speakerB != b.speakerB { return keys.less(a.speakerB, b.speakerB) }
            return a.label < b.label
        }
    }

    static func speakers(_ speakers: [SpeakerSummary]) -> [SpeakerSummary] {
        var keys = NameKeys()
        return speakers.sorted { a, b in
            if a.name != b.name { return keys.less(a.name, b.name) }
            return scalarsLess(a.id, b.id)
        }
    }
}

extension CorpusResult {
    /// Overall positions only: those with a `group` belong to the `--by source|month` breakdowns.
    var overallPositions: [Position] { positions.filter { $0.group == nil } }
}

/// Small pieces of English the report and the charts share.
enum Wording {
    /// "The bridge toll" reads "the bridge toll" inside a sentence; other labels keep their capitals.
    static func inSentence(_ label: String) -> String {
        label.hasPrefix("The ") ? "the " + label.dropFirst(4) : label
    }
}
