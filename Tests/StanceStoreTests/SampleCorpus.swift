import StanceCore
import StanceStore

/// Hand-built analyses and a corpus result over them (no analyzer run): two articles, one with a
/// name carrying diacritics, a disagreement with a lexicon cue, evidence with and without ranges,
/// numbers that do not round to short decimals, a grouped position and missing optional values.
enum SampleCorpus {
    static let bakuText = """
        Aliyev received the secretary

        Former ambassador Arif Mammadov believes that Moscow is not interested in a peace agreement.

        Hikmat Babaoğlu thinks otherwise: "Russia does not want a war in another geography."
        """

    static let tollText = """
        Toll row

        "The toll pays for itself," said Dana Whitfield, a "double taxation" critic.
        """

    static func span(_ text: String, _ needle: String) -> TextRange {
        let haystack = Array(text.unicodeScalars)
        let target = Array(needle.unicodeScalars)
        for start in 0...(haystack.count - target.count) where Array(haystack[start..<(start + target.count)]) == target {
            return TextRange(start, start + target.count)
        }
        fatalError("\(needle) not found")
    }

    static func statement(_ document: Document, _ words: String, paragraph: Int, kind: StatementKind, speaker: String,
                          mention: String, cue: String, rule: String) -> Statement {
        Statement(documentID: document.id, paragraph: paragraph, range: span(document.text, words), text: words, kind: kind,
                  speaker: speaker, speakerMention: mention, speakerKind: .person, cue: cue, rule: rule, link: "name")
    }

    /// Two documents; `bakuTitle` lets a test store a changed version of the first.
    static func analyses(bakuTitle: String = "Aliyev received the secretary", bakuText: String = bakuText) -> [DocumentAnalysis] {
        let baku = Document(id: "az/baku visit.txt", text: bakuText, title: bakuTitle, date: "2024-08-07", source: "Turan",
                            url: "https://example.org/baku?a=1&b=2")
        let toll = Document(id: "toll.txt", text: tollText, title: "Toll row")
        let mammadov = statement(baku, "Moscow is not interested in a peace agreement", paragraph: 1, kind: .indirect,
                                 speaker: "Arif Mammadov", mention: "Former ambassador Arif Mammadov", cue: "believes",
                                 rule: "reporting_verb_that")
        let babaoglu = statement(baku, "\"Russia does not want a war in another geography.\"", paragraph: 2, kind: .direct,
                                 speaker: "Hikmat Babaoğlu", mention: "Hikmat Babaoğlu", cue: "colon", rule: "colon_quote")
        let whitfield = statement(toll, "The toll pays for itself,", paragraph: 1, kind: .direct, speaker: "Dana Whitfield",
                                  mention: "Dana Whitfield", cue: "said", rule: "quote_said_name")
        let cue = LexiconEntry(term: "thinks otherwise", words: ["thinks", "otherwise"], isWildcard: false,
                               fields: ["kind": "disagree", "weight": "0.8"],
                               location: SourceLocation(file: "attribution/disagreement.tsv", line: 7, column: 1))
        return [
            DocumentAnalysis(document: baku, paragraphs: [], sentences: [], quotations: [],
                             statements: [mammadov, babaoglu],
                             speakers: [
                                DocumentSpeaker(name: "Arif Mammadov", kind: .person,
                                                aliases: ["Arif Mammadov", "Mammadov", "he", "ctl\u{01}\u{1F}/😀\r\n"], roles: ["former ambassador"],
                                                affiliation: nil, links: ["Mammadov<-surname", "he<-pronoun"], gender: "m"),
                                DocumentSpeaker(name: "Hikmat Babaoğlu", kind: .person, aliases: ["Hikmat Babaoğlu"],
                                                roles: [], affiliation: "Yeni Azərbaycan; \"party\"", links: []),
                             ],
                             disagreements: [Disagreement(speaker: "Hikmat Babaoğlu", target: "Arif Mammadov",
                                                          range: span(bakuText, "Hikmat Babaoğlu thinks otherwise"), cue: cue)]),
            DocumentAnalysis(document: toll, paragraphs: [], sentences: [], quotations: [], statements: [whitfield],
                             speakers: [DocumentSpeaker(name: "Dana Whitfield", kind: .person, aliases: ["Dana Whitfield"])]),
        ]
    }

    static let run = RunInfo(runID: "r-000000000001", lexiconHash: "lexhash-1", toolVersion: "0.1.0",
                             analysisDate: "2024-10-01T09:30:00Z")

    /// The result a run over `analyses` could give: canonical names differ from document names.
    static func result(_ analyses: [DocumentAnalysis], run: RunInfo = run) -> CorpusResult {
        var statements = analyses.flatMap(\.statements)
        statements[0].speaker = "Arif Mammadov (ambassador)"
        let peace = "russia-peace"
        let stances = [
            StatementStance(statementID: statements[0].id, topic: peace, label: .against, score: -0.6000000000000001,
                            confidence: 0.1 + 0.2,
                            evidence: [Evidence(rule: "negation", location: SourceLocation(file: "stance/negators.tsv", line: 12),
                                                contribution: -0.6, range: TextRange(0, 1_234_567)),
                                       Evidence(rule: "big", location: SourceLocation(file: "x", line: 10, column: 100),
                                                contribution: -1.5e-300, range: TextRange(10, 10)),
                                       Evidence(rule: "topic_object", location: SourceLocation(file: "topics/peace.yaml", line: 3, column: 5),
                                                contribution: 1.0 / 3.0)]),
            StatementStance(statementID: statements[1].id, topic: peace, label: .favor, score: 0.42, confidence: 0.9,
                            evidence: [Evidence(rule: "want\"quoted\\", location: SourceLocation(file: "stance/weird\tname.tsv", line: 1),
                                                contribution: 1e-7, range: TextRange(0, 4))]),
            StatementStance(statementID: statements[2].id, topic: "bridge-toll", label: .none, score: 0, confidence: 0,
                            evidence: []),
        ]
        return CorpusResult(
            run: run,
            topics: [TopicSummary(id: peace, label: "Russia's interest in peace", target: "Russia wants peace"),
                     TopicSummary(id: "bridge-toll", label: "The bridge toll", target: "A toll on the bridge")],
            documents: analyses.map {
                DocumentSummary(id: $0.document.id, contentHash: $0.document.contentHash, fingerprint: "00ff00ff00ff00ff",
                                title: $0.document.title, date: $0.document.date, source: $0.document.source,
                                statements: $0.statements.count)
            },
            statements: statements,
            stances: stances,
            speakers: [
                SpeakerSummary(id: "p-aaaaaaaaaaaa", name: "Arif Mammadov (ambassador)", kind: .person,
                               aliases: ["Arif Mammadov", "Mammadov"], roles: ["former ambassador"], affiliation: nil,
                               statements: 1, documents: 1, links: ["Mammadov<-surname"]),
                SpeakerSummary(id: "p-bbbbbbbbbbbb", name: "Hikmat Babaoğlu", kind: .person, aliases: [], roles: [],
                               affiliation: "Yeni Azərbaycan", statements: 1, documents: 1, links: []),
            ],
            positions: [
                Position(topic: peace, speaker: "Arif Mammadov (ambassador)", label: .against, score: -0.6, confidence: 0.3,
                         statements: 1, favorStatements: 0, againstStatements: 1, strongestStatementID: statements[0].id),
                Position(topic: peace, speaker: "Hikmat Babaoğlu", label: .favor, score: 0.42, confidence: 0.9, statements: 1,
                         favorStatements: 1, againstStatements: 0, strongestStatementID: nil, group: "Turan"),
            ],
            contrasts: [Contrast(topic: peace, speakerA: "Hikmat Babaoğlu", stanceA: .favor,
                                 speakerB: "Arif Mammadov (ambassador)", stanceB: .against, strength: 0.7, explicitDisagreement: true)],
            allies: [Alliance(topic: peace, speakerA: "A", speakerB: "B", label: .mixed, strength: 0.25)])
    }

    static let lexiconFiles = [
        LexiconFile(path: "settings.yaml", bytes: Array("window: 3\n".utf8)),
        LexiconFile(path: "stance/negators.tsv", bytes: [0x74, 0x65, 0x72, 0x6d, 0x0a, 0x00, 0xff]),
    ]

    /// `count` synthetic one-paragraph documents of `statementsPerDocument` statements each.
    static func generated(count: Int, statementsPerDocument: Int) -> [DocumentAnalysis] {
        (0..<count).map { index in
            let sentence = "Speaker \(index) said the bridge toll is fair and peace talks should continue. "
            let document = Document(id: "gen/\(index).txt", text: String(repeating: sentence, count: statementsPerDocument))
            let length = sentence.unicodeScalars.count
            let statements = (0..<statementsPerDocument).map { n in
                let range = TextRange(n * length, (n + 1) * length - 1)
                return Statement(documentID: document.id, paragraph: 0, range: range, text: document.text(in: range),
                                 kind: .indirect, speaker: "Speaker \(index % 50)", speakerMention: "Speaker \(index % 50)",
                                 speakerKind: .person, cue: "said", rule: "reporting_verb", link: "name")
            }
            return DocumentAnalysis(document: document, paragraphs: [], sentences: [], quotations: [], statements: statements)
        }
    }
}
