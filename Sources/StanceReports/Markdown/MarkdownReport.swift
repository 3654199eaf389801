import StanceCore

/// The comparison report (`report.md`): for each topic who stands where, each disagreement side by side
/// with both speakers' strongest quotes and the words that decided them, then every speaker's profile,
/// the documents, how the figures were reached and what the rules miss. A pure function of the result:
/// the analysis date comes from `RunInfo`, never from the clock.
public enum MarkdownReport {
    /// What the report needs besides the result.
    public struct Options: Sendable {
        /// Where the charts are, relative to the report (`PositionChart.relativePath`).
        public var chartPath: @Sendable (String) -> String
        /// Quotes longer than this many Unicode scalars are cut to the sentences that decided them.
        /// 400 is about four lines of a table cell: enough for a sentence with its context.
        public var maxQuoteLength: Int

        public init(chartPath: @escaping @Sendable (String) -> String = { PositionChart.relativePath(for: $0) },
                    maxQuoteLength: Int = 400) {
            self.chartPath = chartPath
            self.maxQuoteLength = maxQuoteLength
        }
    }

    /// Fixed section anchors, reserved so no topic or speaker anchor can take them.
    /// How many contrasts and how many allied pairs a topic shows (the strongest); the CSV files
    /// hold every pair.
    public static let maxPairsPerTopic = 10

    static let fixedAnchors = ["contents", "in-brief", "documents", "speakers", "how-this-was-decided", "caveats"]

    /// What the report reads of the statements and stances: a large corpus's are not held in
    /// memory but looked up in the database (the report quotes a few dozen statements).
    public struct Lookups {
        /// Statements in the result.
        public var statementCount: Int
        /// Each speaker's first statement, as its index in the tables' order (`Tables.orderedStatements`).
        public var firstQuoted: [String: Int]
        /// A statement of the result by id.
        public var statement: (String) -> Statement?
        /// A stance by statement id and topic.
        public var stance: (String, String) -> StatementStance?

        public init(statementCount: Int, firstQuoted: [String: Int], statement: @escaping (String) -> Statement?,
                    stance: @escaping (String, String) -> StatementStance?) {
            self.statementCount = statementCount
            self.firstQuoted = firstQuoted
            self.statement = statement
            self.stance = stance
        }

        /// From a result that holds its statements and stances.
        public init(_ result: CorpusResult) {
            let statements = Order.statements(result.statements)
            let statementsByID = Dictionary(statements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let stancesByKey = Dictionary(result.stances.map { ($0.statementID + "\u{0}" + $0.topic, $0) },
                                          uniquingKeysWith: { first, _ in first })
            var firstQuoted: [String: Int] = [:]
            for (index, statement) in statements.enumerated() where firstQuoted[statement.speaker] == nil {
                firstQuoted[statement.speaker] = index
            }
            self.init(statementCount: result.statements.count, firstQuoted: firstQuoted, statement: { statementsByID[$0] },
                      stance: { stancesByKey[$0 + "\u{0}" + $1] })
        }
    }

    public static func render(_ result: CorpusResult, options: Options = Options()) -> String {
        render(result, lookups: Lookups(result), options: options)
    }

    /// The report of `result`'s corpus-level parts, its statements and stances read through `lookups`
    /// (`result.statements` and `result.stances` are not read).
    public static func render(_ result: CorpusResult, lookups: Lookups, options: Options = Options()) -> String {
        var writer = ReportWriter(result: result, lookups: lookups, options: options)
        return writer.render()
    }
}

/// Lookups the report needs, built once, and the report's text as it grows.
struct ReportWriter {
    let result: CorpusResult
    let options: MarkdownReport.Options
    let topics: [TopicSummary]
    let positions: [Position]
    let positionsByTopic: [String: [Position]]
    let lookups: MarkdownReport.Lookups
    let speakersByName: [String: SpeakerSummary]
    /// Where each speaker is first quoted (statement order), so a contrast names first the one the
    /// articles quote first, as a reader meets them.
    let firstQuoted: [String: Int]
    var topicAnchors: [String: String] = [:]
    var speakerAnchors: [String: String] = [:]
    var contrastAnchors: [Contrast: String] = [:]
    var lines: [String] = []

    init(result: CorpusResult, lookups: MarkdownReport.Lookups, options: MarkdownReport.Options) {
        self.result = result
        self.lookups = lookups
        self.options = options
        positions = result.overallPositions
        var topics = result.topics
        var seen = Set(topics.map(\.id))
        let mentioned = positions.map(\.topic) + result.contrasts.map(\.topic) + result.allies.map(\.topic)
        for id in Set(mentioned).sorted(by: Order.scalarsLess) where seen.insert(id).inserted {
            topics.append(TopicSummary(id: id, label: id, target: ""))
        }
        self.topics = topics
        positionsByTopic = Dictionary(grouping: positions, by: \.topic)
        speakersByName = Dictionary(result.speakers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        firstQuoted = lookups.firstQuoted
    }

    mutating func render() -> String {
        makeAnchors()
        header()
        inBrief()
        contents()
        for topic in topics { topicSection(topic) }
        speakersSection()
        documentsSection()
        method()
        caveats()
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Anchors

    /// Anchors are handed out in one fixed order (topics, their contrasts, speakers), before any text is
    /// written, so that a topic table can link a speaker whose section comes later.
    mutating func makeAnchors() {
        var anchors = AnchorSet(reserved: MarkdownReport.fixedAnchors)
        for topic in topics {
            topicAnchors[topic.id] = anchors.unique("topic-" + topic.id)
        }
        for topic in topics {
            for contrast in contrasts(on: topic.id) {
                let (left, right) = sides(contrast)
                contrastAnchors[contrast] = anchors.unique("\(topic.id)-\(shortName(left, beside: right))-vs-\(shortName(right, beside: left))")
            }
        }
        for speaker in orderedSpeakers() {
            speakerAnchors[speaker.name] = anchors.unique("speaker-" + speaker.name)
        }
    }

    // MARK: Sections

    mutating func header() {
        let run = result.run
        lines += [
            "# Stance report: who stands where, and who disagrees",
            "",
            "This report sets out what the people quoted in the corpus said on each topic, where each of them "
                + "stands, and where they disagree, with the quotes that show it. Every figure comes from the CSV "
                + "files beside it (`statements.csv`, `stances.csv`, `positions.csv`, `contrasts.csv`).",
            "",
            "- **Corpus:** \(count(result.documents.count, "document")), \(count(lookups.statementCount, "statement")), "
                + "\(count(result.speakers.count, "speaker")), \(count(topics.count, "topic"))",
            "- **Analysis date:** \(MarkdownText.inline(run.analysisDate))",
            "- **Lexicon version:** \(MarkdownText.code(run.lexiconHash))",
            "- **Run:** \(MarkdownText.code(run.runID)), stance \(MarkdownText.inline(run.toolVersion))",
            "",
        ]
    }

    mutating func inBrief() {
        lines += [heading(2, "In brief", anchor: "in-brief"), ""]
        if topics.isEmpty {
            lines += ["No topic was defined, so no stance was scored.", ""]
            return
        }
        for topic in topics {
            let link = "[\(MarkdownText.inline(topic.label))](#\(topicAnchors[topic.id]!))"
            let opposed = contrasts(on: topic.id)
            let taking = (positionsByTopic[topic.id] ?? []).filter { $0.label != .none }.count
            var sentence: String
            if !opposed.isEmpty {
                // Each side once, in the order the articles quote them: "A and B for, C against".
                var favor: [String] = [], against: [String] = []
                for contrast in opposed {
                    if !favor.contains(contrast.speakerA) { favor.append(contrast.speakerA) }
                    if !against.contains(contrast.speakerB) { against.append(contrast.speakerB) }
                }
                sentence = "\(and(byFirstQuote(favor).map(speakerLink))) for, \(and(byFirstQuote(against).map(speakerLink))) against"
                let explicit = opposed.filter(\.explicitDisagreement)
                if explicit.count == opposed.count {
                    sentence += opposed.count == 1 ? "; the articles report the disagreement itself." : "; the articles report each disagreement itself."
                } else if !explicit.isEmpty {
                    sentence += "; the articles report some of the disagreement itself."
                } else {
                    sentence += "."
                }
            } else if taking > 0 {
                sentence = taking == 1
                    ? "one speaker took a side; nobody opposed them."
                    : "\(taking) speakers took a side, and none of them opposed another."
            } else {
                sentence = "no speaker took a side."
            }
            lines.append("- **\(link):** \(sentence)")
        }
        lines.append("")
    }

    mutating func contents() {
        lines += [heading(2, "Contents", anchor: "contents"), ""]
        for topic in topics {
            lines.append("- [\(MarkdownText.inline(topic.label))](#\(topicAnchors[topic.id]!))")
            for contrast in contrasts(on: topic.id) {
                lines.append("  - [\(contrastTitle(contrast, topic: topic))](#\(contrastAnchors[contrast]!))")
            }
        }
        lines += [
            "- [Speakers](#speakers)",
            "- [Documents](#documents)",
            "- [How this was decided](#how-this-was-decided)",
            "- [Caveats](#caveats)",
            "",
        ]
    }

    mutating func topicSection(_ topic: TopicSummary) {
        lines += [heading(2, MarkdownText.inline(topic.label), anchor: topicAnchors[topic.id]!), ""]
        if !topic.target.isEmpty {
            lines += [
                "**The question.** \(MarkdownText.inline(topic.target)). FAVOR means a speaker holds this; "
                    + "AGAINST means they hold the opposite; MIXED, that their statements point both ways.",
                "",
            ]
        }
        let held = sortedByScore(positionsByTopic[topic.id] ?? [])
        guard !held.isEmpty else {
            lines += ["No statement in the corpus took a side on this topic.", ""]
            return
        }
        lines += [
            "![Position scores on \(MarkdownText.inline(Wording.inSentence(topic.label))), from AGAINST on the left to FAVOR on the right]"
                + "(\(linkPath(options.chartPath(topic.id))))",
            "",
            "\(held.count == 1 ? "One speaker" : "\(held.count) speakers") took a position, scored from -1 (AGAINST) to +1 (FAVOR):",
            "",
            "| Speaker | Stance | Score | Statements |",
            "| --- | --- | ---: | ---: |",
        ]
        for position in held {
            lines.append("| \(speakerLink(position.speaker)) | \(position.label.rawValue) | \(signed(position.score)) | \(statementCount(position)) |")
        }
        lines.append("")
        for contrast in contrasts(on: topic.id) {
            contrastBlock(contrast, topic: topic)
        }
        let allContrasts = result.contrasts.filter { $0.topic == topic.id }.count
        if allContrasts > MarkdownReport.maxPairsPerTopic {
            lines += ["The \(MarkdownReport.maxPairsPerTopic) strongest of \(allContrasts) opposed pairs are shown; "
                      + "`contrasts.csv` lists them all.", ""]
        }
        let allAllies = Order.allies(result.allies.filter { $0.topic == topic.id })
        let allies = allAllies.prefix(MarkdownReport.maxPairsPerTopic)
        if !allies.isEmpty {
            lines += ["**On the same side.**", ""]
            if allAllies.count > allies.count {
                lines += ["The \(allies.count) strongest of \(allAllies.count) pairs; `allies.csv` lists them all.", ""]
            }
            for alliance in allies {
                lines.append("- \(speakerLink(alliance.speakerA)) and \(speakerLink(alliance.speakerB)): both "
                    + "\(alliance.label.rawValue) (strength \(plain(alliance.strength)))")
            }
            lines.append("")
        }
    }

    mutating func contrastBlock(_ contrast: Contrast, topic: TopicSummary) {
        let (left, right) = sides(contrast)
        lines += [heading(3, contrastTitle(contrast, topic: topic), anchor: contrastAnchors[contrast]!), ""]
        let sidesInOrder = [left, right].map { name in (name: name, position: position(topic.id, name), label: label(of: name, in: contrast)) }
        lines.append("| | \(sidesInOrder.map { MarkdownText.cell($0.name) }.joined(separator: " | ")) |")
        lines.append("| --- | --- | --- |")
        lines.append("| Position | " + sidesInOrder.map { side in
            guard let position = side.position else { return side.label.rawValue }
            return "\(position.label.rawValue): score \(signed(position.score)), confidence \(plain(position.confidence))"
        }.joined(separator: " | ") + " |")
        lines.append("| Statements | " + sidesInOrder.map { side in
            side.position.map(statementCount) ?? "–"
        }.joined(separator: " | ") + " |")
        let strongest = sidesInOrder.map { side -> (Statement, StatementStance?)? in
            guard let id = side.position?.strongestStatementID, let statement = lookups.statement(id) else { return nil }
            return (statement, lookups.stance(id, topic.id))
        }
        lines.append("| Strongest quote | " + strongest.map { item in
            guard let (statement, stance) = item else { return "no quote recorded" }
            let quote = QuoteMarkup.render(statement, evidence: stance?.evidence ?? [], maxLength: options.maxQuoteLength)
            return "\u{201C}\(quote)\u{201D}"
        }.joined(separator: " | ") + " |")
        lines.append("| Source | " + strongest.map { item in
            guard let (statement, _) = item else { return "–" }
            return "\(MarkdownText.code(statement.documentID, inTable: true)), paragraph \(statement.paragraph)"
        }.joined(separator: " | ") + " |")
        lines.append("| Decided by | " + strongest.map { item in
            guard let stance = item?.1, !stance.evidence.isEmpty else { return "–" }
            return stance.evidence.map { MarkdownText.code($0.formatted, inTable: true) }.joined(separator: ", ")
        }.joined(separator: " | ") + " |")
        lines.append("")
        let (favor, against) = (contrast.speakerA, contrast.speakerB)
        var note = "Contrast strength \(plain(contrast.strength)) on a scale from 0 to 1. "
        if contrast.explicitDisagreement {
            note += "The text itself sets them against each other: one of them is reported rejecting the other's view."
        } else {
            note += "Neither is reported answering the other; the contrast comes from their positions: "
                + "\(MarkdownText.inline(shortName(favor, beside: against))) for, "
                + "\(MarkdownText.inline(shortName(against, beside: favor))) against."
        }
        lines += [note, ""]
    }

    mutating func speakersSection() {
        lines += [heading(2, "Speakers", anchor: "speakers"), ""]
        let speakers = orderedSpeakers()
        guard !speakers.isEmpty else {
            lines += ["No statement in the corpus was attributed to a speaker.", ""]
            return
        }
        lines += ["Most quoted first. Names are merged across articles under the longest full form seen.", ""]
        for speaker in speakers {
            lines += [heading(3, MarkdownText.inline(speaker.name), anchor: speakerAnchors[speaker.name]!), ""]
            if speaker.kind != .person && speaker.kind != .unknown {
                lines.append("- **Kind:** \(speaker.kind.rawValue)")
            }
            lines.append("- **Roles:** \(list(speaker.roles, empty: "none found"))")
            lines.append("- **Affiliation:** \(speaker.affiliation.map { MarkdownText.inline($0) } ?? "none found")")
            // Pronouns ("he") are how the article referred to them, not names they go by.
            let pronouns = Set(speaker.links.filter { $0.hasSuffix("<-pronoun") }.map { String($0.dropLast(9)) })
            let aliases = speaker.aliases.filter { $0 != speaker.name && !pronouns.contains($0) }
            lines.append("- **Also named:** \(list(aliases, empty: "only by this name"))")
            lines.append("- **Quoted:** \(count(speaker.statements, "statement")) in \(count(speaker.documents, "document"))")
            lines.append("")
            let held = positions.filter { $0.speaker == speaker.name }
            let ordered = topics.flatMap { topic in held.filter { $0.topic == topic.id } }
            if ordered.isEmpty {
                lines += ["No position on any topic.", ""]
                continue
            }
            lines += ["| Topic | Stance | Score | Statements |", "| --- | --- | ---: | ---: |"]
            for position in ordered {
                let topic = topics.first { $0.id == position.topic }!
                lines.append("| [\(MarkdownText.cell(topic.label))](#\(topicAnchors[topic.id]!)) | \(position.label.rawValue) "
                    + "| \(signed(position.score)) | \(statementCount(position)) |")
            }
            lines.append("")
        }
    }

    mutating func documentsSection() {
        lines += [heading(2, "Documents", anchor: "documents"), ""]
        let documents = result.documents.sorted { Order.scalarsLess($0.id, $1.id) }
        guard !documents.isEmpty else {
            lines += ["No document was analysed.", ""]
            return
        }
        lines += [
            "Paragraphs are counted from 0 over every block of the file, the title and site navigation included, "
                + "as in `statements.csv`.",
            "",
            "| Document | Title | Date | Source | Statements |",
            "| --- | --- | --- | --- | ---: |",
        ]
        for document in documents {
            let cells = [document.title, document.date, document.source].map { $0.map { MarkdownText.cell($0) } ?? "–" }
            lines.append("| \(MarkdownText.code(document.id, inTable: true)) | \(cells.joined(separator: " | ")) | \(document.statements) |")
        }
        lines.append("")
    }

    mutating func method() {
        lines += [
            heading(2, "How this was decided", anchor: "how-this-was-decided"),
            "",
            "1. **Statements.** Each article is read on its own. A statement is one quotation or one reported clause "
                + "(\u{201C}X said that \u{2026}\u{201D}, \u{201C}according to X\u{201D}) tied to the speaker the article names for it; "
                + "\u{201C}he\u{201D} or \u{201C}the minister\u{201D} is tied to a person named in the same article.",
            "2. **Stance.** A statement is placed in a topic when it uses the topic's words. Lexicon rules (cue words, "
                + "negation, hedges, intensifiers and the like) then move its score between -1 (AGAINST) and +1 (FAVOR). "
                + "Each rule that fired is listed with its lexicon file and line in the `evidence` column of `stances.csv`, "
                + "and the words it fired on are in bold in the quotes above.",
            "3. **Positions.** A speaker's position on a topic combines all their statements on it; MIXED means "
                + "substantial evidence on both sides. The strongest quote is the statement that weighed most.",
            "4. **Contrasts and allies.** A contrast pairs a FAVOR position with an AGAINST one on the same topic; "
                + "its strength runs from 0 to 1. It is explicit when the text itself reports one speaker rejecting the "
                + "other's view. Allies are speakers on the same side.",
            "",
        ]
    }

    mutating func caveats() {
        lines += [
            heading(2, "Caveats", anchor: "caveats"),
            "",
            "- The rules read words, not intent: irony, sarcasm, rhetorical questions and stances implied without "
                + "the topic's words are missed or misread.",
            "- Reported speech is the journalist's paraphrase. The report says what articles say people said, not "
                + "what they think.",
            "- A stance is relative to the question as worded for the topic; a speaker can agree with part of it.",
            "- Attribution can go wrong with unnamed sources (\u{201C}officials said\u{201D}), nested quotations and "
                + "pronouns far from the name they stand for.",
            "- A position resting on one or two statements is weak evidence: check the count and read the quote.",
            "",
        ]
    }

    // MARK: Helpers

    func heading(_ level: Int, _ text: String, anchor: String) -> String {
        String(repeating: "#", count: level) + " <a id=\"\(anchor)\"></a>" + text
    }

    /// The strongest contrasts of a topic, at most `MarkdownReport.maxPairsPerTopic`: a corpus with
    /// hundreds of speakers has tens of thousands of pairs, which belong in `contrasts.csv`, not in
    /// a report someone reads.
    func contrasts(on topic: String) -> [Contrast] {
        Array(Order.contrasts(result.contrasts.filter { $0.topic == topic }).prefix(MarkdownReport.maxPairsPerTopic))
    }

    /// The two speakers of a contrast in reading order: the one the articles quote first on the left.
    func sides(_ contrast: Contrast) -> (String, String) {
        let (a, b) = (contrast.speakerA, contrast.speakerB)
        let (ia, ib) = (firstQuoted[a] ?? Int.max, firstQuoted[b] ?? Int.max)
        return ib < ia ? (b, a) : (a, b)
    }

    func label(of name: String, in contrast: Contrast) -> StanceLabel {
        name == contrast.speakerA ? contrast.stanceA : contrast.stanceB
    }

    func position(_ topic: String, _ speaker: String) -> Position? {
        positionsByTopic[topic]?.first { $0.speaker == speaker }
    }

    /// "Mammadov vs Babaoğlu on Russia's interest in peace".
    func contrastTitle(_ contrast: Contrast, topic: TopicSummary) -> String {
        let (left, right) = sides(contrast)
        let leftName = MarkdownText.inline(shortName(left, beside: right))
        let rightName = MarkdownText.inline(shortName(right, beside: left))
        return "\(leftName) vs \(rightName) on \(MarkdownText.inline(Wording.inSentence(topic.label)))"
    }

    /// A person by surname (the last word of the name, before any ", Jr."-like suffix); an
    /// organisation, or two people of the same surname, by the full name.
    func shortName(_ name: String, beside other: String) -> String {
        let surname = Self.surname(name)
        guard speakersByName[name]?.kind ?? .person == .person else { return name }
        if Self.surname(other) == surname && other != name { return name }
        return surname
    }

    static func surname(_ name: String) -> String {
        let main = name.split(separator: ",", maxSplits: 1).first.map(String.init) ?? name
        return main.split(whereSeparator: { $0 == " " || $0.isNewline }).last.map(String.init) ?? name
    }


    func nameWithLabel(_ name: String, _ contrast: Contrast) -> String {
        "\(speakerLink(name)) (\(label(of: name, in: contrast).rawValue))"
    }

    func speakerLink(_ name: String) -> String {
        guard let anchor = speakerAnchors[name] else { return MarkdownText.cell(name) }
        return "[\(MarkdownText.cell(name))](#\(anchor))"
    }

    /// Speakers most quoted first, then by name; a name listed twice once (the canonical name is the
    /// speaker's identity).
    func orderedSpeakers() -> [SpeakerSummary] {
        var seen = Set<String>()
        let unique = Order.speakers(result.speakers).filter { seen.insert($0.name).inserted }
        return unique.enumerated().sorted { a, b in
            a.element.statements != b.element.statements ? a.element.statements > b.element.statements : a.offset < b.offset
        }.map(\.element)
    }

    func sortedByScore(_ positions: [Position]) -> [Position] {
        let byName = Order.positions(positions)
        return byName.enumerated().sorted { a, b in
            let (sa, sb) = (PositionChart.clampedScore(a.element.score), PositionChart.clampedScore(b.element.score))
            return sa != sb ? sa > sb : a.offset < b.offset
        }.map(\.element)
    }

    func statementCount(_ position: Position) -> String {
        "\(position.statements) (\(position.favorStatements) for, \(position.againstStatements) against)"
    }

    func list(_ items: [String], empty: String) -> String {
        items.isEmpty ? empty : items.map { MarkdownText.inline($0) }.joined(separator: ", ")
    }

    /// Names in the order the articles first quote them.
    func byFirstQuote(_ names: [String]) -> [String] {
        names.enumerated().sorted { a, b in
            let (fa, fb) = (firstQuoted[a.element] ?? Int.max, firstQuoted[b.element] ?? Int.max)
            return fa != fb ? fa < fb : a.offset < b.offset
        }.map(\.element)
    }

    /// "A", "A and B", "A, B and C".
    func and(_ items: [String]) -> String {
        items.count <= 2 ? items.joined(separator: " and ") : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    func count(_ value: Int, _ noun: String) -> String {
        value == 1 ? "1 \(noun)" : "\(value) \(noun)s"
    }

    func signed(_ value: Double) -> String { PositionChart.signed(value) }

    func plain(_ value: Double) -> String {
        value.isFinite ? Number.format(value, decimals: 2) : "n/a"
    }

    /// A relative link target: characters outside a safe set are percent-encoded, so a topic id cannot
    /// end the link or the image.
    func linkPath(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            if (byte < 0x80) && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_./".unicodeScalars.contains(scalar)) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
