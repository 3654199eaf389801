import Foundation
import StanceCore
import StanceLexicon
import StanceAnalysis

/// How a foreign lexicon is mapped onto one of our lists.
public struct ImportOptions: Sendable {
    public var format: ImportFormat
    /// The list written: `stance/polarity` (term, polarity), or a list with only a term column
    /// (any `stance/...` list without required columns, or a new list name) for the entries of
    /// the `categories` chosen.
    public var list: String
    /// The polarity of a plain evaluative entry: a positive or negative category, an MPQA strong
    /// clue, a VADER mean of 2. 0.5 is what `stance/polarity.tsv` gives its words.
    public var weight: Double
    /// Term lists: the categories whose entries are written (full path or last part, any case).
    public var categories: [String]
    /// Polarity lists: category names read as positive and as negative.
    public var positive: [String]
    public var negative: [String]

    public static let polarityList = "stance/polarity"
    /// Category names of the common dictionaries: LIWC2001-2015 `posemo`/`negemo`, LIWC-22
    /// `emo_pos`/`emo_neg`, Lexicoder and quanteda's LSD2015 `positive`/`negative`.
    public static let defaultPositive = ["positive", "posemo", "emo_pos", "pos"]
    public static let defaultNegative = ["negative", "negemo", "emo_neg", "neg"]

    public init(format: ImportFormat, list: String = ImportOptions.polarityList, weight: Double = 0.5,
                categories: [String] = [], positive: [String] = ImportOptions.defaultPositive,
                negative: [String] = ImportOptions.defaultNegative) {
        self.format = format
        self.list = list
        self.weight = weight
        self.categories = categories
        self.positive = positive
        self.negative = negative
    }

    /// Whether the list gets a polarity column; throws `.usage` for combinations that cannot work.
    func writesPolarity() throws -> Bool {
        let parts = list.split(separator: "/", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") } })
        else {
            throw ImportError.usage("--list \(list): a list name is a path without .tsv in lowercase letters, digits, \"_\" and \"-\" (stance/polarity)")
        }
        guard weight > 0, weight <= 1 else { throw ImportError.usage("--weight \(weight): must be in (0, 1]") }
        if list == Self.polarityList {
            if !categories.isEmpty {
                throw ImportError.usage("--category chooses the categories of a term list; for \(list) name the polarity categories with --positive/--negative")
            }
            return true
        }
        if let schema = LexiconSchema.lists[list], let required = schema.filter({ $0.value.isRequired }).keys.sorted().first {
            throw ImportError.usage("--list \(list) needs a \"\(required)\" column an import cannot fill; import into \(Self.polarityList) or a list of terms only")
        }
        if format.givesPolarity {
            throw ImportError.usage("\(format.rawValue) gives polarities, not categories: import it into \(Self.polarityList)")
        }
        if categories.isEmpty {
            throw ImportError.usage("--list \(list) is a list of terms: name the categories to take with --category NAME")
        }
        return false
    }
}

/// One entry ready to be written.
public struct ImportedEntry: Sendable, Equatable {
    public let term: String
    public let polarity: Double?
    /// Its line in the foreign file.
    public let line: Int
    let key: ImportKey
}

/// What an import converted and what it did not.
public struct ImportResult: Sendable {
    /// The foreign file as named in notes and in the `source` column.
    public let file: String
    public let format: ImportFormat
    public let list: String
    public let entries: [ImportedEntry]
    /// Every line not converted, or converted with a caveat, in line order.
    public let notes: [ImportNote]
    /// Lines that held at least one entry or a problem, but gave nothing that is written.
    public let skippedLines: Int

    /// `imported N entries, skipped M lines` and how many notes of each kind.
    public var summary: String {
        let counts = Dictionary(grouping: notes, by: \.code).mapValues(\.count)
        let kinds = ImportNote.Code.allCases.compactMap { code in counts[code].map { "\($0) \(code.rawValue)" } }
        let detail = kinds.isEmpty ? "" : " (warnings: \(kinds.joined(separator: ", ")))"
        return "imported \(entries.count) entries, skipped \(skippedLines) lines\(detail) from \(file) (\(format.rawValue)) into \(list)"
    }
}

/// Converts a foreign lexicon into entries of one of our lists (see `ImportOptions`). The
/// reference lexicon's other `stance/` lists are consulted so that an imported word never takes a
/// second role ("no" is a negator, not a negative word; "support" is a predicate).
public struct LexiconImporter: Sendable {
    public let options: ImportOptions
    public let reference: Lexicon?
    let polarity: Bool

    public init(options: ImportOptions, reference: Lexicon? = nil) throws {
        self.options = options
        self.reference = reference
        polarity = try options.writesPolarity()
    }

    /// Decodes and reads `bytes` in the options' format. `file` names the file in messages.
    public func read(bytes: [UInt8], file: String) throws -> ForeignLexicon {
        let text: String
        switch TextDecoder.decode(bytes) {
        case .success(let decoded): text = decoded
        case .failure(let problem):
            throw ImportError.unreadable(path: file, reason: problem.description.replacingOccurrences(of: "analysed", with: "imported")
                .replacingOccurrences(of: "analyse", with: "import"))
        }
        switch options.format {
        case .vader: return VaderFormat.read(text, file: file, weight: options.weight)
        case .mpqa: return MPQAFormat.read(text, file: file, weight: options.weight)
        case .liwc: return try LIWCFormat.read(text, file: file)
        case .quantedaYAML: return try QuantedaYAMLFormat.read(text, file: file)
        case .lexicoder: return try LexicoderFormat.read(text, file: file)
        }
    }

    /// Reads and converts; throws when nothing at all could be converted.
    public func run(bytes: [UInt8], file: String, existing: ExistingList? = nil) throws -> ImportResult {
        let result = try convert(read(bytes: bytes, file: file), file: file, existing: existing)
        let converted = result.entries.count + result.notes.filter { $0.code == .alreadyPresent || $0.code == .duplicate }.count
        if converted == 0 { throw ImportError.nothingConvertible(path: file, format: options.format) }
        return result
    }

    public func convert(_ foreign: ForeignLexicon, file: String, existing: ExistingList? = nil) throws -> ImportResult {
        var notes = foreign.notes
        let chosen = try chooseCategories(foreign, file: file, notes: &notes)

        // Our term rules, then one entry per folded term: the first kept, a repeat noted, opposite
        // polarities dropped both.
        struct Candidate { var entry: ImportedEntry; var dropped = false; var conflicts: [Int] = [] }
        var candidates: [Candidate] = []
        var byKey: [ImportKey: Int] = [:]
        for item in foreign.entries {
            var value = polarity ? item.polarity : nil
            if let category = item.category {
                guard let given = chosen[category] else { continue }
                if polarity { value = given }
            }
            if polarity, let value, abs(value) < 0.0005 {
                notes.append(ImportNote(file: file, line: item.line, column: item.column, .noPolarity,
                                        "\"\(item.term)\" has polarity 0: nothing to import"))
                continue
            }
            let normalised: ImportTerm.Normalised
            switch ImportTerm.normalise(item.term, literalStar: item.literalStar, globs: options.format == .quantedaYAML) {
            case .success(let value): normalised = value
            case .failure(let rejection):
                notes.append(ImportNote(file: file, line: item.line, column: item.column, .unusableTerm, rejection.reason))
                continue
            }
            let entry = ImportedEntry(term: normalised.text, polarity: value.map(Self.rounded), line: item.line, key: normalised.key)
            if let index = byKey[entry.key] {
                let first = candidates[index].entry
                if let a = first.polarity, let b = entry.polarity, (a > 0) != (b > 0) {
                    candidates[index].dropped = true
                    candidates[index].conflicts.append(item.line)
                    if item.line != first.line {
                        notes.append(ImportNote(file: file, line: item.line, column: item.column, .conflictingPolarity,
                                                "\"\(item.term)\" is \(Self.format(b)) here but \(Self.format(a)) at line \(first.line) (same after folding): neither imported"))
                    }
                } else if first.line != entry.line || first.polarity != entry.polarity {
                    let kept = candidates[index].dropped ? "dropped for conflicting polarity" : "kept"
                    notes.append(ImportNote(file: file, line: item.line, column: item.column, .duplicate,
                                            "\"\(item.term)\" is the same term as line \(first.line) after folding case and diacritics (line \(first.line) \(kept))"))
                }
                continue
            }
            byKey[entry.key] = candidates.count
            candidates.append(Candidate(entry: entry))
        }
        for candidate in candidates where candidate.dropped {
            let lines = Set(candidate.conflicts).subtracting([candidate.entry.line]).sorted()
            let elsewhere = lines.isEmpty ? "on this line (positive and negative categories)"
                : "here and at line\(lines.count == 1 ? "" : "s") \(lines.map(String.init).joined(separator: ", "))"
            notes.append(ImportNote(file: file, line: candidate.entry.line, .conflictingPolarity,
                                    "\"\(candidate.entry.term)\" has opposite polarities \(elsewhere): not imported"))
        }

        let others = otherLists()
        var entries: [ImportedEntry] = []
        for candidate in candidates where !candidate.dropped {
            let entry = candidate.entry
            if let line = existing?.keys[entry.key], let existing {
                notes.append(ImportNote(file: file, line: entry.line, .alreadyPresent,
                                        "\"\(entry.term)\" is already in \(existing.path):\(line): that line kept"))
                continue
            }
            if let clash = others.lazy.compactMap({ Self.clash(entry.key, with: $0) }).first {
                notes.append(ImportNote(file: file, line: entry.line, .alreadyPresent,
                                        "\"\(entry.term)\" would also match \"\(clash.term)\" of \(clash.location.fileLine): a word keeps one role, not imported"))
                continue
            }
            entries.append(entry)
        }

        notes.sort { ($0.line, $0.column) < ($1.line, $1.column) }
        let imported = Set(entries.map(\.line))
        let attempted = Set(foreign.entries.map(\.line)).union(notes.filter { $0.code != .category }.map(\.line))
        return ImportResult(file: file, format: options.format, list: options.list, entries: entries, notes: notes,
                            skippedLines: attempted.subtracting(imported).count)
    }

    /// Category path -> the polarity it gives (nil for a term list's chosen categories); categories
    /// left out are noted once each, at their definition.
    private func chooseCategories(_ foreign: ForeignLexicon, file: String, notes: inout [ImportNote]) throws -> [String: Double?] {
        guard !foreign.categories.isEmpty else { return [:] }
        func names(_ path: String) -> [String] {
            let lower = path.lowercased()
            return [lower, lower.split(separator: ".").last.map(String.init) ?? lower]
        }
        func matches(_ path: String, _ wanted: [String]) -> Bool {
            let set = Set(wanted.map { $0.lowercased() })
            return names(path).contains(where: set.contains)
        }
        var chosen: [String: Double?] = [:]
        for (category, _) in foreign.categories {
            if !polarity {
                if matches(category, options.categories) { chosen[category] = .some(nil) }
            } else if matches(category, options.positive) {
                chosen[category] = options.weight
            } else if matches(category, options.negative) {
                chosen[category] = -options.weight
            }
        }
        let available = foreign.categories.map(\.name).joined(separator: ", ")
        if chosen.isEmpty {
            let wanted = polarity ? "no positive or negative category (looked for \((options.positive + options.negative).joined(separator: ", ")); name them with --positive NAME --negative NAME"
                : "no category named \(options.categories.joined(separator: ", "))"
            throw ImportError.unrecognised(path: file, line: foreign.categories[0].line, reason: "\(wanted); the file's categories: \(available)")
        }
        let counts = Dictionary(grouping: foreign.entries.compactMap(\.category), by: { $0 }).mapValues(\.count)
        // A category holding only subcategories says nothing by itself.
        for (category, line) in foreign.categories where chosen[category] == nil && counts[category] != nil {
            let hint = polarity ? "not a positive or negative category (--positive/--negative name those; --list NAME --category \(category) writes it as a term list)"
                : "not among --category \(options.categories.joined(separator: ", "))"
            let negated = polarity && names(category).contains(where: { $0.hasPrefix("neg_") })
                ? "; negated phrases (\"not good\") are left to our negation rules, which would otherwise negate them twice" : ""
            notes.append(ImportNote(file: file, line: line, .category,
                                    "category \"\(category)\" (\(counts[category]!) \(counts[category]! == 1 ? "entry" : "entries")) not imported: \(hint)\(negated)"))
        }
        return chosen
    }

    /// The reference's `stance/` lists other than the target: a term they match keeps that role.
    private func otherLists() -> [[LexiconEntry]] {
        guard let reference else { return [] }
        return reference.lists.keys.sorted().filter { $0.hasPrefix("stance/") && $0 != options.list }
            .map { reference.lists[$0]!.entries }
    }

    /// The entry of `list` the imported term would collide with: one that matches the term's words,
    /// or, for a prefix, an entry whose words the prefix would also match.
    static func clash(_ key: ImportKey, with list: [LexiconEntry]) -> LexiconEntry? {
        list.first { entry in
            guard entry.words.count == key.words.count, !entry.words.contains("_") else { return false }
            for (index, word) in key.words.enumerated() {
                let last = index == key.words.count - 1
                if last && key.isWildcard {
                    if entry.isWildcard ? !(entry.words[index].hasPrefix(word) || word.hasPrefix(entry.words[index]))
                        : !entry.words[index].hasPrefix(word) { return false }
                } else if !entry.matches(word: word, at: index) {
                    return false
                }
            }
            return true
        }
    }

    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    /// A polarity as written: at most three decimals, no trailing zeros (`0.5`, `-0.475`, `1`).
    static func format(_ value: Double) -> String {
        var text = String(format: "%.3f", rounded(value))
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
