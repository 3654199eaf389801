import StanceCore

/// Words in the text that name a speaker, before they are tied to one: a name, a pronoun, a role
/// noun phrase ("the former ambassador") or an organisation ("the ministry", "police").
public struct Mention: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case name, pronoun, role, organisation, collective, outlet, document }

    public let kind: Kind
    /// Token indices of the mention itself (for a name: without its title).
    public let tokens: Range<Int>
    public let range: TextRange
    /// The mention as written ("Sergey Shoigu", "he", "the former ambassador", "the ministry").
    public let text: String
    /// Folded words of the name (names) or of the head phrase (roles, organisations).
    public let words: [String]
    /// Folded role nouns from the title or apposition ("secretary", "ambassador").
    public var roles: [String]
    /// Title or apposition as written ("U.S. State Department spokesperson").
    public var title: String?
    public var affiliation: String?
    public var gender: Character?
    /// Start of the whole phrase, title included (for spans that must not swallow the subject).
    public var phraseStart: Int
    /// The name is the object of a title ("ambassador to Chile"), not a speaker.
    public var isTitleObject: Bool = false
}

/// Reads mentions out of the tokens around a reporting cue. It works on token indices of a
/// `SegmentedDocument` and never looks inside quotations.
struct MentionParser {
    let doc: SegmentedDocument
    let lexicon: AttributionLexicon
    /// Folded word per token, nil for punctuation and for tokens inside quotations.
    let words: [String?]

    /// The lists each token's word belongs to (none for punctuation and quoted words): the
    /// parser's word tests are bit tests, not lookups.
    let classes: [WordClass]

    // Word tests per token, answered once for every word: the parser asks the same token many
    // times while it tries mentions ending at each position of a run.
    /// See `isRoleWord`.
    let roleWords: [Bool]
    /// See `isTitleWord`.
    let titleWords: [Bool]
    /// The word has a hyphen (a particle may be joined to a name: "al-Rashidi").
    let hyphenated: [Bool]

    init(doc: SegmentedDocument, lexicon: AttributionLexicon, wordClasses: WordClassTable) {
        self.doc = doc
        self.lexicon = lexicon
        let words = doc.tokens.map { $0.isWord && $0.quotation == nil ? $0.folded : nil }
        let classes = wordClasses.classes(of: words)
        var roleWords = [Bool](repeating: false, count: words.count)
        var titleWords = roleWords
        var hyphenated = roleWords
        for (i, word) in words.enumerated() {
            guard let w = word else { continue }
            let hyphen = Self.contains(w, UInt8(ascii: "-"))
            hyphenated[i] = hyphen
            roleWords[i] = classes[i].contains(.role) || (hyphen && w.hasSuffix("-year-old") && w.first?.isNumber == true)
            titleWords[i] = !classes[i].isDisjoint(with: [.titleWord, .role, .honorific, .honorificWithPeriod]) || Self.hasPeriod(w)
        }
        self.words = words
        self.classes = classes
        self.roleWords = roleWords
        self.titleWords = titleWords
        self.hyphenated = hyphenated
    }

    func token(_ i: Int) -> Token { doc.tokens[i] }
    func text(_ tokens: Range<Int>) -> String {
        doc.text(TextRange(doc.tokens[tokens.lowerBound].range.start, doc.tokens[tokens.upperBound - 1].range.end))
    }

    /// A role noun from `attribution/roles`, or an age used as one ("the 34-year-old").
    func isRoleWord(_ i: Int) -> Bool { roleWords[i] }
    /// A title word, role noun or honorific (with or without its period), or a word with a period ("u.s.").
    func isTitleWord(_ i: Int) -> Bool { titleWords[i] }

    /// A folded word with a period ("u.s.", "dr.").
    static func hasPeriod(_ word: String) -> Bool { contains(word, UInt8(ascii: ".")) }

    /// A byte test on the word's stored UTF-8 (iterating `utf8` costs more than the rest of a
    /// token's word tests together).
    static func contains(_ word: String, _ byte: UInt8) -> Bool {
        word.utf8.withContiguousStorageIfAvailable { $0.contains(byte) } ?? word.utf8.contains(byte)
    }

    /// A token that can be part of a personal name: a capitalised word outside quotes, or a name
    /// particle ("von", "al-") when a capitalised word follows.
    func isNameToken(_ i: Int, upper: Int) -> Bool {
        let t = doc.tokens[i]
        guard t.kind == .word, t.quotation == nil else { return false }
        if t.isCapitalized {
            return classes[i].isDisjoint(with: [.pronoun, .determiner, .notName])
        }
        // "al-Rashidi", "bin-Salman": a particle joined by a hyphen to a capitalised name.
        // (The byte test first: `firstIndex(of:)` breaks the word into characters.)
        if hyphenated[i], let dash = t.folded.firstIndex(of: "-"),
           lexicon.particles.contains(String(t.folded[..<dash])),
           let after = doc.text(t.range).split(separator: "-").dropFirst().first?.first, after.isUppercase {
            return true
        }
        // A particle chain ("von der", "de la") leading to a capitalised word.
        var k = i
        while k < upper, doc.tokens[k].quotation == nil, doc.tokens[k].kind == .word, !doc.tokens[k].isCapitalized,
              classes[k].contains(.particle) {
            k += 1
        }
        return k > i && k < upper && doc.tokens[k].isCapitalized && doc.tokens[k].kind == .word
    }

    // MARK: - Backward: the phrase that ends right before a cue

    /// The mention whose last token is `end - 1`, not reaching below `lower`.
    func mention(endingAt end: Int, lower: Int) -> Mention? {
        guard end > lower, let last = words[end - 1] else { return nil }
        let t = doc.tokens[end - 1]
        if classes[end - 1].contains(.pronoun), let p = lexicon.pronouns.entry(word: last), p.field("case") == "subject", end - 1 >= lower {
            let gender = p.field("gender").flatMap(\.first)
            return Mention(kind: .pronoun, tokens: (end - 1)..<end, range: t.range, text: text((end - 1)..<end), words: [last],
                           roles: [], title: nil, affiliation: nil, gender: gender, phraseStart: end - 1)
        }
        if let org = organisation(endingAt: end, lower: lower) { return org }
        if isNameToken(end - 1, upper: end) {
            guard let m = name(endingAt: end, lower: lower) else { return nil }
            // "the former ambassador to Chile": the phrase names a role, not Chile.
            if m.isTitleObject { return roleMention(endingAt: m.phraseStart, lower: lower) }
            return m
        }
        if isRoleWord(end - 1) { return roleMention(endingAt: end, lower: lower) }
        return nil
    }

    /// A capitalised run split into title and name: the name is the run after its last title word.
    func name(endingAt end: Int, lower: Int) -> Mention? {
        var start = end
        while start > lower, isNameToken(start - 1, upper: end) || (start - 1 > lower && isAbbreviationDot(start - 1)) { start -= 1 }
        guard start < end else { return nil }
        // Outlet or organisation as a whole run ("Radio Liberty", "the White House").
        if let outlet = matchWhole(lexicon.outlets, opener: .startsOutlet, start, end) { return outlet }
        var nameStart = start
        for i in stride(from: end - 1, through: start, by: -1) where isTitleWord(i) || isAbbreviationDot(i) {
            nameStart = i + 1
            break
        }
        if nameStart >= end {
            // Only title words: a role mention ("The MP", "Minister") unless it is an organisation.
            return roleMention(endingAt: end, lower: lower)
        }
        var titleStart = nameStart
        if nameStart > start { titleStart = start }
        // "ambassador to Chile", "minister of Finance": a capitalised word after a connector is
        // the object of a title, not a person.
        if nameStart == start, start > lower, classes[start - 1].contains(.titleConnector), words[start - 1] != "the",
           start - 1 > lower, isRoleWord(start - 2) || classes[start - 2].contains(.titleWord) {
            return Mention(kind: .name, tokens: nameStart..<end, range: span(nameStart..<end), text: text(nameStart..<end),
                           words: (nameStart..<end).compactMap { words[$0] }, roles: [], title: nil, affiliation: nil,
                           gender: nil, phraseStart: start - 1, isTitleObject: true)
        }
        // Extend the title left over lower-case role nouns and connectors with capitals
        // ("spokesperson", "Secretary of State for European ... Affairs").
        var i = titleStart
        while i > lower {
            let p = i - 1
            if i == nameStart, classes[p].contains(.titleConnector) { break }
            guard words[p] != nil else {
                if isAbbreviationDot(p) { i = p; continue }
                break
            }
            let tok = doc.tokens[p]
            if tok.isCapitalized || isRoleWord(p) || classes[p].contains(.titleWord) { i = p; continue }
            if classes[p].contains(.titleConnector), p > lower, (doc.tokens[p - 1].isCapitalized || isRoleWord(p - 1)) { i = p; continue }
            break
        }
        titleStart = i
        // A determiner or sentence-initial function word is not part of a title.
        while titleStart < nameStart, !classes[titleStart].isDisjoint(with: [.determiner, .titleConnector]) {
            titleStart += 1
        }
        var mention = Mention(kind: .name, tokens: nameStart..<end, range: span(nameStart..<end), text: text(nameStart..<end),
                              words: (nameStart..<end).compactMap { words[$0] }, roles: [], title: nil, affiliation: nil,
                              gender: nil, phraseStart: titleStart)
        if titleStart < nameStart { describe(&mention, title: titleStart..<nameStart) }
        // Honorific gender: "Ms. Roe".
        return mention
    }

    private func isAbbreviationDot(_ i: Int) -> Bool {
        guard i > 0, classes[i - 1].contains(.honorificWithPeriod) else { return false }
        let t = doc.tokens[i]
        return t.kind == .punctuation && t.folded == "." && doc.tokens[i - 1].range.end == t.range.start
    }

    /// "the former ambassador", "The MP", "its president".
    func roleMention(endingAt end: Int, lower: Int) -> Mention? {
        var start = end - 1
        guard isRoleWord(start) || classes[start].contains(.titleWord) else { return nil }
        var steps = 0
        while start > lower, steps < 4, words[start - 1] != nil, !classes[start - 1].contains(.reportingVerb) {
            start -= 1
            steps += 1
            if classes[start].contains(.determiner) { break }
        }
        if words[start] != nil, !classes[start].contains(.determiner), !doc.tokens[start].isCapitalized && !isRoleWord(start)
            && !classes[start].contains(.titleWord) {
            start += 1
        }
        let head = words[end - 1]!
        let gender = lexicon.roles.entry(word: head)?.field("gender").flatMap { $0 == "-" ? nil : $0.first }
        return Mention(kind: .role, tokens: start..<end, range: span(start..<end), text: text(start..<end),
                       words: (start..<end).filter { !classes[$0].contains(.determiner) }.compactMap { words[$0] },
                       roles: [head], title: nil, affiliation: nil, gender: gender, phraseStart: start)
    }

    /// "the ministry", "the national drivers' association", "police", "officials".
    func organisation(endingAt end: Int, lower: Int) -> Mention? {
        // Multiword entries end at `end - 1`: try each start up to three words back.
        var found: (LexiconEntry, Int)?
        for length in stride(from: 3, through: 1, by: -1) where end - length >= lower {
            if classes[end - length].contains(.startsOrganisation), let m = lexicon.organisations.match(words, at: end - length),
               m.length == length {
                found = (m.entry, end - length)
                break
            }
        }
        guard let (entry, headStart) = found else { return nil }
        var start = headStart
        var steps = 0
        while start > lower, steps < 5 {
            let p = start - 1
            let tok = doc.tokens[p]
            if words[p] != nil {
                if !classes[p].isDisjoint(with: [.reportingVerb, .modifierStop]) { break }
                start = p
                steps += 1
                if classes[p].contains(.determiner) { break }
            } else if tok.kind == .quoteMark && tok.quotation == nil && (tok.folded == "'" || tok.folded == "\u{2019}") {
                start = p  // plural possessive "drivers'"
            } else {
                break
            }
        }
        // Modifiers must lead to a determiner or be capitalised ("Foreign Ministry"); otherwise keep the head only.
        if start < headStart, words[start] != nil, !classes[start].contains(.determiner), !doc.tokens[start].isCapitalized {
            start = headStart
        }
        let kind: Mention.Kind = entry.field("kind") == "collective" ? .collective : .organisation
        var written = text(start..<end)
        if written.hasPrefix("The ") { written = "the " + written.dropFirst(4) }
        return Mention(kind: kind, tokens: start..<end, range: span(start..<end), text: written,
                       words: entry.words, roles: [], title: nil, affiliation: nil, gender: nil, phraseStart: start)
    }

    /// A match of `index` (whose entries open with words of class `opener`) covering the run up to `end`.
    private func matchWhole(_ index: PhraseIndex, opener: WordClass, _ start: Int, _ end: Int) -> Mention? {
        var s = start
        if s > 0, let w = words[s - 1], w == "the" { s -= 1 }
        for candidate in [s, start] {
            if classes[candidate].contains(opener), let m = index.match(words, at: candidate), candidate + m.length == end {
                return Mention(kind: .outlet, tokens: candidate..<end, range: span(candidate..<end), text: text(candidate..<end),
                               words: m.entry.words, roles: [], title: nil, affiliation: nil, gender: nil, phraseStart: candidate)
            }
        }
        return nil
    }

    // MARK: - Forward: "said Jane Roe", "According to the ministry,"

    /// The mention that starts at `start` and ends before `upper` or the first comma.
    func mention(startingAt start: Int, upper: Int) -> Mention? {
        let (end, nameEnd) = wordRun(from: start, upper: upper)
        guard end > start else { return nil }
        if leadsIntoName(start, end: end),
           var named = mention(startingAt: start + 1, upper: upper), named.kind == .name {
            describe(&named, title: start..<named.tokens.lowerBound)
            named.phraseStart = start
            return named
        }
        // Longest prefix of the run that parses as a mention ending there.
        for e in stride(from: end, to: start, by: -1) {
            // The mention must open the run (a determiner aside): "said the minister", not "said in Paris".
            if let m = mention(endingAt: e, lower: start),
               (start..<m.phraseStart).allSatisfy({ classes[$0].contains(.determiner) }) {
                if m.kind == .name, e < end, words[e] != nil, !classes[e].contains(.particle), doc.tokens[e].isCapitalized { continue }
                if m.kind == .name || m.kind == .pronoun, e > nameEnd { continue }
                return m
            }
        }
        return nil
    }

    /// The run of words (with abbreviation dots and possessive marks) from `start`, and where a
    /// name in it must end: a name does not run past the first plain lower-case word ("Ilse
    /// Varga on Monday"); organisation and role phrases may ("the national drivers' association").
    private func wordRun(from start: Int, upper: Int) -> (end: Int, nameEnd: Int) {
        var end = start
        while end < upper, words[end] != nil || isAbbreviationDot(end) || isPossessiveApostrophe(end) { end += 1 }
        var nameEnd = start
        while nameEnd < end {
            let t = doc.tokens[nameEnd]
            if words[nameEnd] != nil, !t.isCapitalized, !classes[nameEnd].contains(.determiner), !isRoleWord(nameEnd),
               !classes[nameEnd].contains(.particle) {
                let roleAhead = (nameEnd + 1..<min(nameEnd + 3, end)).contains { isRoleWord($0) }
                if !roleAhead { break }
            }
            nameEnd += 1
        }
        return (end, nameEnd)
    }

    /// A plain lower-case word right before a name ("spokesperson Jane Roe").
    private func leadsIntoName(_ start: Int, end: Int) -> Bool {
        words[start] != nil && !doc.tokens[start].isCapitalized && !classes[start].contains(.determiner) && !isRoleWord(start)
            && !classes[start].contains(.particle) && start + 1 < end && isNameToken(start + 1, upper: end)
    }

    /// False when `mention(startingAt:upper:)` cannot be a name, found without its search of
    /// every prefix of the run: a name ends at a name token before the run's first plain
    /// lower-case word (a particle chain is given the whole run, which only admits more).
    func mayBeName(startingAt start: Int, upper: Int) -> Bool {
        let (end, nameEnd) = wordRun(from: start, upper: upper)
        guard end > start else { return false }
        return leadsIntoName(start, end: end) || (start..<nameEnd).contains { isNameToken($0, upper: end) }
    }

    private func isPossessiveApostrophe(_ i: Int) -> Bool {
        let t = doc.tokens[i]
        return t.kind == .quoteMark && t.quotation == nil && i > 0 && doc.tokens[i - 1].range.end == t.range.start
    }

    // MARK: - Titles and appositions

    /// Reads roles and affiliation from a title or apposition: role nouns anywhere; the
    /// affiliation is a capitalised run before the first role ("U.S.") or after "of"/"to"
    /// ("of the ruling New Azerbaijan Party"), or a possessive ("Azerbaijan's former ambassador").
    func describe(_ mention: inout Mention, title: Range<Int>) {
        guard !title.isEmpty else { return }
        mention.title = text(title)
        var roles: [String] = []
        var firstRole: Int?
        for i in title where isRoleWord(i) {
            roles.append(words[i]!)
            if firstRole == nil { firstRole = i }
            if let g = lexicon.roles.entry(word: words[i]!)?.field("gender"), g != "-" { mention.gender = g.first }
        }
        for i in title {
            if !classes[i].isDisjoint(with: [.honorific, .honorificWithPeriod]), let w = words[i],
               let h = lexicon.honorifics.entry(word: w) ?? lexicon.honorifics.entry(word: w + "."),
               let g = h.field("gender"), g != "-" {
                mention.gender = g.first
            }
        }
        mention.roles = roles
        // Affiliation before the first role: capitalised non-title words.
        if let firstRole {
            var parts: [String] = []
            for i in title.lowerBound..<firstRole {
                let t = doc.tokens[i]
                guard let w = words[i] else { continue }
                if t.isCapitalized, !classes[i].contains(.titleWord) || Self.hasPeriod(w), !classes[i].contains(.determiner) {
                    if i + 1 < title.upperBound, doc.tokens[i + 1].folded == "'s" {
                        parts.append(doc.text(t.range))
                        break
                    }
                    parts.append(doc.text(t.range))
                }
            }
            if !parts.isEmpty { mention.affiliation = parts.joined(separator: " ") }
            if mention.affiliation == nil {
                // "of the ruling New Azerbaijan Party": the capitalised run after a connector.
                var i = firstRole + 1
                var run: [String] = []
                while i < title.upperBound {
                    let t = doc.tokens[i]
                    if t.isCapitalized, t.isWord { run.append(doc.text(t.range)) } else if !run.isEmpty { break }
                    i += 1
                }
                if !run.isEmpty { mention.affiliation = run.joined(separator: " ") }
            }
        }
    }

    func span(_ tokens: Range<Int>) -> TextRange {
        TextRange(doc.tokens[tokens.lowerBound].range.start, doc.tokens[tokens.upperBound - 1].range.end)
    }
}
