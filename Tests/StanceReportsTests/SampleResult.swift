import StanceCore

/// A hand-built corpus result with everything that has broken reports elsewhere: a speaker whose name
/// holds a comma and a `|`, a quote with line breaks and quote marks, cells starting with `=` and `-`,
/// negative scores, "Babaoğlu", Markdown, links and HTML inside quotes, a missing value, a topic
/// nobody spoke to and positions grouped by source. Offsets are real: each statement is the text of its
/// range in the document, and evidence ranges point at the words that fired.
enum SampleResult {
    static let shoigu = Document(id: "shoigu-baku-visit.txt", text: """
        Ilham Aliyev received the secretary of the Security Council

        However, former ambassador Arif Mammadov believes that Moscow is not interested in the signing of a peace agreement between Baku and Yerevan. In his opinion, if there were a peace agreement, Armenia would turn West.

        "Even if there were a peace agreement, Russia would want it signed in its desired format, for example, in Moscow," Mammadov said.

        Hikmat Babaoğlu thinks otherwise. He emphasizes that peace in the South Caucasus is within Russia's interests: "Because Russia does not want to fight on several fronts at the same time.
        Having already been involved in a war in Eastern Europe, Russia does not want a war in another geography. Therefore, by positively considering the "3+3" format, it demonstrates a certain will for peace."
        """, title: "Ilham Aliyev received the secretary of the Security Council", date: "2024-08-07", source: "Turan")

    static let toll = Document(id: "city/toll, debate|2024.txt", text: """
        Toll row | City Desk

        The Transport Ministry said the toll "pays for itself" and will [fund maintenance](http://evil.example) <script>alert(1)</script>.

        "=SUM(A1:A9) is what drivers pay, twice," said Whitfield, calling it *double taxation* # www.example.com.

        Mayor Jo Park agreed: "-It is fair_enough_ and `reasonable` | final."
        """, title: "Toll row | City Desk", date: "2024-09-02", source: nil)

    static let mammadov = "Arif Mammadov"
    static let babaoglu = "Hikmat Babaoğlu"
    static let ministry = "Transport Ministry"
    static let whitfield = "Whitfield, Dana | Motorists' Union"
    static let park = "Jo Park"

    static let run = RunInfo(runID: "r-5f1c0a9e2b7d",
                             lexiconHash: SHA256.hex(of: Array("sample lexicons".utf8)),
                             toolVersion: "0.1.0", analysisDate: "2024-10-01T09:30:00Z")

    static let topics = [
        TopicSummary(id: "russia-peace", label: "Russia's interest in peace",
                     target: "Russia wants, or has an interest in, peace in the South Caucasus"),
        TopicSummary(id: "bridge-toll", label: "The bridge toll",
                     target: "The speaker supports charging a toll on the new bridge"),
        TopicSummary(id: "western-involvement", label: "Western involvement",
                     target: "The West's involvement in the South Caucasus peace process is welcome"),
    ]

    /// The first occurrence of `needle` in the document at or after `from`, in Unicode scalars.
    static func span(_ document: Document, _ needle: String, from: Int = 0) -> TextRange {
        let target = Array(needle.unicodeScalars)
        let scalars = document.scalars
        var start = from
        while start + target.count <= scalars.count {
            if Array(scalars[start..<(start + target.count)]) == target {
                return TextRange(start, start + target.count)
            }
            start += 1
        }
        fatalError("\(needle) not in \(document.id)")
    }

    static func statement(_ document: Document, _ text: String, paragraph: Int, kind: StatementKind, speaker: String,
                          mention: String, speakerKind: SpeakerKind = .person, cue: String, rule: String,
                          link: String = "name") -> Statement {
        let range = span(document, text)
        precondition(document.text(in: range) == text)
        return Statement(documentID: document.id, paragraph: paragraph, range: range, text: text, kind: kind,
                         speaker: speaker, speakerMention: mention, speakerKind: speakerKind, cue: cue, rule: rule,
                         link: link)
    }

    static func evidence(_ rule: String, _ file: String, _ line: Int, _ contribution: Double, _ document: Document,
                         _ words: String, in statement: Statement) -> Evidence {
        Evidence(rule: rule, location: SourceLocation(file: file, line: line), contribution: contribution,
                 range: span(document, words, from: statement.range.start))
    }

    static let s1 = statement(shoigu, "Moscow is not interested in the signing of a peace agreement between Baku and Yerevan",
                              paragraph: 1, kind: .indirect, speaker: mammadov, mention: "former ambassador Arif Mammadov",
                              cue: "believes", rule: "reporting_verb_that")
    static let s2 = statement(shoigu, "Even if there were a peace agreement, Russia would want it signed in its desired format, for example, in Moscow,",
                              paragraph: 2, kind: .direct, speaker: mammadov, mention: "Mammadov", cue: "said",
                              rule: "quote_then_verb", link: "surname")
    static let s3 = statement(shoigu, "peace in the South Caucasus is within Russia's interests", paragraph: 3, kind: .indirect,
                              speaker: babaoglu, mention: "He", cue: "emphasizes", rule: "reporting_verb_that", link: "pronoun")
    static let s4 = statement(shoigu, """
        Because Russia does not want to fight on several fronts at the same time.
        Having already been involved in a war in Eastern Europe, Russia does not want a war in another geography. Therefore, by positively considering the "3+3" format, it demonstrates a certain will for peace.
        """, paragraph: 3, kind: .direct, speaker: babaoglu, mention: "He", cue: "colon", rule: "clause_colon_quote",
        link: "pronoun")
    static let s5 = statement(toll, "the toll \"pays for itself\" and will [fund maintenance](http://evil.example) <script>alert(1)</script>",
                              paragraph: 1, kind: .mixed, speaker: ministry, mention: "The Transport Ministry",
                              speakerKind: .organisation, cue: "said", rule: "reporting_verb_that")
    static let s6 = statement(toll, "=SUM(A1:A9) is what drivers pay, twice,", paragraph: 2, kind: .direct, speaker: whitfield,
                              mention: "Whitfield", cue: "said", rule: "quote_then_verb", link: "surname")
    static let s7 = statement(toll, "-It is fair_enough_ and `reasonable` | final.", paragraph: 3, kind: .direct, speaker: park,
                              mention: "Mayor Jo Park", cue: "colon", rule: "clause_colon_quote")

    static let stances: [StatementStance] = [
        StatementStance(statementID: s1.id, topic: "russia-peace", label: .against, score: -0.6, confidence: 0.8, evidence: [
            evidence("topic_cue", "topics/russia-peace.yaml", 14, 0.5, shoigu, "interested in", in: s1),
            evidence("negation", "stance/negators.tsv", 12, -1.1, shoigu, "not", in: s1),
        ]),
        StatementStance(statementID: s2.id, topic: "russia-peace", label: .against, score: -0.2444, confidence: 0.4, evidence: [
            evidence("topic_cue", "topics/russia-peace.yaml", 22, -0.25, shoigu, "in its desired format", in: s2),
        ]),
        StatementStance(statementID: s3.id, topic: "russia-peace", label: .favor, score: 0.5, confidence: 0.7, evidence: [
            evidence("topic_cue", "topics/russia-peace.yaml", 9, 0.5, shoigu, "within Russia's interests", in: s3),
        ]),
        StatementStance(statementID: s4.id, topic: "russia-peace", label: .favor, score: 0.6, confidence: 0.75, evidence: [
            evidence("negation", "stance/negators.tsv", 12, 0.3, shoigu, "does not want a war", in: s4),
            evidence("topic_cue", "topics/russia-peace.yaml", 11, 0.4, shoigu, "will for peace", in: s4),
        ]),
        StatementStance(statementID: s5.id, topic: "bridge-toll", label: .favor, score: 0.6, confidence: 0.6, evidence: [
            evidence("topic_cue", "topics/bridge-toll.yaml", 31, 0.6, toll, "pays for itself", in: s5),
        ]),
        StatementStance(statementID: s6.id, topic: "bridge-toll", label: .against, score: -0.7, confidence: 0.9, evidence: [
            evidence("topic_cue", "topics/bridge-toll.yaml", 48, -0.6, toll, "pay, twice", in: s6),
            evidence("booster", "stance/boosters.tsv", 3, -0.1, toll, "twice", in: s6),
        ]),
        StatementStance(statementID: s7.id, topic: "bridge-toll", label: .favor, score: 0.5, confidence: 0.5, evidence: [
            evidence("topic_cue", "topics/bridge-toll.yaml", 23, 0.5, toll, "fair", in: s7),
        ]),
        // A statement can be placed in a topic and take no side.
        StatementStance(statementID: s1.id, topic: "western-involvement", label: .none, score: 0, confidence: 0.2, evidence: []),
    ]

    static func speakerID(_ name: String) -> String {
        "p-" + SHA256.hex(of: Array(Folding.fold(name).utf8)).prefix(12)
    }

    static let speakers: [SpeakerSummary] = [
        SpeakerSummary(id: speakerID(mammadov), name: mammadov, kind: .person,
                       aliases: [mammadov, "Mammadov", "the former ambassador"], roles: ["former ambassador"],
                       affiliation: nil, statements: 2, documents: 1,
                       links: ["Mammadov<-surname", "the former ambassador<-role"]),
        SpeakerSummary(id: speakerID(babaoglu), name: babaoglu, kind: .person, aliases: [babaoglu, "He"],
                       roles: ["former deputy"], affiliation: "New Azerbaijan Party", statements: 2, documents: 1,
                       links: ["He<-pronoun"]),
        SpeakerSummary(id: speakerID(ministry), name: ministry, kind: .organisation, aliases: [ministry],
                       roles: [], affiliation: nil, statements: 1, documents: 1, links: []),
        SpeakerSummary(id: speakerID(whitfield), name: whitfield, kind: .person, aliases: ["Whitfield"],
                       roles: ["spokeswoman"], affiliation: "Motorists' Union", statements: 1, documents: 1,
                       links: ["Whitfield<-surname"]),
        SpeakerSummary(id: speakerID(park), name: park, kind: .person, aliases: ["Mayor Jo Park"], roles: ["mayor"],
                       affiliation: nil, statements: 1, documents: 1, links: ["Mayor Jo Park<-name"]),
    ]

    static let positions: [Position] = [
        Position(topic: "russia-peace", speaker: mammadov, label: .against, score: -0.42, confidence: 0.8,
                 statements: 2, favorStatements: 0, againstStatements: 2, strongestStatementID: s1.id),
        Position(topic: "russia-peace", speaker: babaoglu, label: .favor, score: 0.55, confidence: 0.7,
                 statements: 2, favorStatements: 2, againstStatements: 0, strongestStatementID: s4.id),
        Position(topic: "bridge-toll", speaker: ministry, label: .favor, score: 0.6, confidence: 0.6,
                 statements: 1, favorStatements: 1, againstStatements: 0, strongestStatementID: s5.id),
        Position(topic: "bridge-toll", speaker: whitfield, label: .against, score: -0.7, confidence: 0.9,
                 statements: 1, favorStatements: 0, againstStatements: 1, strongestStatementID: s6.id),
        // No strongest statement: a missing value, written as an empty cell.
        Position(topic: "bridge-toll", speaker: park, label: .favor, score: 0.5, confidence: 0.5,
                 statements: 1, favorStatements: 1, againstStatements: 0, strongestStatementID: nil),
        // Grouped positions (`--by source`): only the positions_by_source table shows them.
        Position(topic: "russia-peace", speaker: mammadov, label: .against, score: -0.42, confidence: 0.8,
                 statements: 2, favorStatements: 0, againstStatements: 2, strongestStatementID: s1.id, group: "Turan"),
        Position(topic: "russia-peace", speaker: babaoglu, label: .favor, score: 0.55, confidence: 0.7,
                 statements: 2, favorStatements: 2, againstStatements: 0, strongestStatementID: s4.id, group: "Turan"),
        Position(topic: "bridge-toll", speaker: whitfield, label: .against, score: -0.7, confidence: 0.9,
                 statements: 1, favorStatements: 0, againstStatements: 1, strongestStatementID: s6.id, group: "=City Desk"),
    ]

    static let contrasts: [Contrast] = [
        Contrast(topic: "bridge-toll", speakerA: park, stanceA: .favor, speakerB: whitfield, stanceB: .against,
                 strength: 0.5, explicitDisagreement: false),
        Contrast(topic: "russia-peace", speakerA: babaoglu, stanceA: .favor, speakerB: mammadov, stanceB: .against,
                 strength: 0.71, explicitDisagreement: true),
        Contrast(topic: "bridge-toll", speakerA: ministry, stanceA: .favor, speakerB: whitfield, stanceB: .against,
                 strength: 0.65, explicitDisagreement: false),
    ]

    static let allies = [
        Alliance(topic: "bridge-toll", speakerA: park, speakerB: ministry, label: .favor, strength: 0.4),
    ]

    static let documents = [
        DocumentSummary(id: toll.id, contentHash: toll.contentHash, fingerprint: "8f3a00c1d2e4b567", title: toll.title,
                        date: toll.date, source: toll.source, statements: 3),
        DocumentSummary(id: shoigu.id, contentHash: shoigu.contentHash, fingerprint: "1b2c3d4e5f607182", title: shoigu.title,
                        date: shoigu.date, source: shoigu.source, statements: 4),
        // An article in which nobody is quoted still gets its document record.
        DocumentSummary(id: "empty-notice.txt", contentHash: SHA256.hex(of: Array("Notice".utf8)),
                        fingerprint: "0000000000000000", title: nil, date: nil, source: nil, statements: 0),
    ]

    static let result = CorpusResult(run: run, topics: topics, documents: documents,
                                     statements: [s6, s4, s1, s7, s3, s2, s5], stances: stances, speakers: speakers,
                                     positions: positions, contrasts: contrasts, allies: allies)

    /// The same result with every list reversed: every format must come out byte for byte the same.
    static var reversed: CorpusResult {
        let r = result
        return CorpusResult(run: r.run, topics: r.topics, documents: r.documents.reversed(),
                            statements: r.statements.reversed(), stances: r.stances.reversed(),
                            speakers: r.speakers.reversed(), positions: r.positions.reversed(),
                            contrasts: r.contrasts.reversed(), allies: r.allies.reversed())
    }
}
