import Foundation
import StanceCore
import StanceLexicon
import XCTest

/// What a valid set loads into: entries, topics, speakers, settings and the hash.
final class LoaderTests: XCTestCase {
    /// A small set with one file of every kind.
    static let completeSet: [String: String] = [
        "README.md": "# not a list\n",
        "stance/.keep": "",
        "attribution/reporting_verbs.tsv": """
            # verbs that introduce someone's words
            term\tclass\tbare_clause
            said\tspeech\tyes
            believes\tbelief\tno
            """,
        "attribution/pronouns.tsv": "term\tgender\tcase\nhe\tm\tsubject\nher\tf\tpossessive\n",
        "stance/negators.tsv": "term\nno\nnot\nnever\n",
        "stance/intensifiers.tsv": "term\tfactor\nvery\t1.5\n",
        "stance/predicates.tsv": "term\tclass\tpolarity\nwant*\twant\t1\nblock*\tobstruct\t-1\n",
        "topics/russia-peace.yaml": """
            id: russia-peace
            label: Russia's interest in peace
            target: Russia wants, or has an interest in, peace in the South Caucasus
            kind: proposition
            actors:
              russia: [russia, moscow, kremlin, "russian government"]
            holder: ["@russia"]
            objects: [peace, "peace agreement", "peace initiative*"]
            opposites: [war, "fight*"]
            terms: []
            cues:
              - {term: "imperial ambition*", polarity: -0.8}
            """,
        "speakers/people.yaml": """
            speakers:
              - name: Sergei Shoigu
                aliases: [Shoigu]
                roles: [defence minister]
                affiliation: Russian government
              - name: Jane Roe
            """,
        "settings.yaml": "# tuned on the dev set\nstance.threshold: 0.15\nquote.min_words_partial: 4\n",
    ]

    func testCompleteSetLoadsWithoutDiagnostics() throws {
        let result = try load(Self.completeSet)
        XCTAssertEqual(result.diagnostics, [])
        let lexicon = try XCTUnwrap(result.lexicon)

        XCTAssertEqual(lexicon.lists.keys.sorted(), ["attribution/pronouns", "attribution/reporting_verbs",
                                                     "stance/intensifiers", "stance/negators", "stance/predicates"])
        let verbs = lexicon.list("attribution/reporting_verbs")
        XCTAssertEqual(verbs.file, "attribution/reporting_verbs.tsv")
        XCTAssertEqual(verbs.columns, ["term", "class", "bare_clause"])
        XCTAssertEqual(verbs.entries.map(\.term), ["said", "believes"])
        XCTAssertEqual(verbs.entries[1].fields, ["class": "belief", "bare_clause": "no"])
        XCTAssertEqual(verbs.entries[1].location, SourceLocation(file: "attribution/reporting_verbs.tsv", line: 4, column: 1))
        XCTAssertEqual(lexicon.list("stance/intensifiers").entries.first?.number("factor"), 1.5)
        XCTAssertEqual(lexicon.list("stance/negators").singleWords, ["no", "not", "never"])

        let topic = try XCTUnwrap(lexicon.topics.first)
        XCTAssertEqual(lexicon.topics.count, 1)
        XCTAssertEqual(topic.id, "russia-peace")
        XCTAssertEqual(topic.label, "Russia's interest in peace")
        XCTAssertEqual(topic.kind, .proposition)
        XCTAssertEqual(topic.file, "topics/russia-peace.yaml")
        XCTAssertEqual(topic.objects.map(\.words), [["peace"], ["peace", "agreement"], ["peace", "initiative"]])
        XCTAssertEqual(topic.objects.map(\.isWildcard), [false, false, true])
        XCTAssertEqual(topic.opposites.map(\.term), ["war", "fight*"])
        XCTAssertEqual(topic.terms, [])
        XCTAssertEqual(topic.cues.first?.fields, ["polarity": "-0.8"])
        XCTAssertEqual(topic.cues.first?.location, SourceLocation(file: "topics/russia-peace.yaml", line: 12, column: 12))

        XCTAssertEqual(lexicon.speakers.map(\.canonical), ["Sergei Shoigu", "Jane Roe"])
        XCTAssertEqual(lexicon.speakers[0].aliases, ["Shoigu"])
        XCTAssertEqual(lexicon.speakers[0].roles, ["defence minister"])
        XCTAssertEqual(lexicon.speakers[0].affiliation, "Russian government")
        XCTAssertEqual(lexicon.speakers[0].location, SourceLocation(file: "speakers/people.yaml", line: 2, column: 5))
        XCTAssertNil(lexicon.speakers[1].affiliation)

        XCTAssertEqual(lexicon.settings.values, ["stance.threshold": 0.15, "quote.min_words_partial": 4])
        XCTAssertEqual(lexicon.settings.locations["stance.threshold"], SourceLocation(file: "settings.yaml", line: 2))
        XCTAssertEqual(lexicon.settings.value("stance.general_weight", default: 0.7), 0.7)
    }

    func testActorGroupExpandsIntoItsEntriesWithTheirLocations() throws {
        let lexicon = try XCTUnwrap(load(Self.completeSet).lexicon)
        let topic = try XCTUnwrap(lexicon.topics.first)
        let russia = try XCTUnwrap(topic.actors["russia"])
        XCTAssertEqual(russia.map(\.term), ["russia", "moscow", "kremlin", "russian government"])
        XCTAssertEqual(topic.holder, russia, "@russia stands for the group's entries, locations included")
        XCTAssertEqual(topic.holder.map(\.location.line), [6, 6, 6, 6], "the group's line, not the holder's")
        XCTAssertEqual(topic.holder[1].location.column, 20)
    }

    func testActorReferenceMixesWithPlainTerms() throws {
        let lexicon = try XCTUnwrap(load(["topics/t.yaml": """
            id: t
            label: T
            target: X
            actors:
              west: [usa, "european union"]
            holder: [nato, "@west"]
            objects: ["@west"]
            """]).lexicon)
        XCTAssertEqual(lexicon.topics[0].holder.map(\.term), ["nato", "usa", "european union"])
        XCTAssertEqual(lexicon.topics[0].objects.map(\.term), ["usa", "european union"], "a group may serve several sections")
    }

    func testNoAndOffStayWordsInYAML() throws {
        let lexicon = try XCTUnwrap(load(["topics/t.yaml": """
            id: t
            label: no
            target: off
            objects: [no, off, yes, on, true, null]
            cues:
              - {term: no, polarity: -0.5}
            """]).lexicon)
        let topic = lexicon.topics[0]
        XCTAssertEqual(topic.label, "no")
        XCTAssertEqual(topic.target, "off")
        XCTAssertEqual(topic.objects.map(\.term), ["no", "off", "yes", "on", "true", "null"],
                       "untyped YAML would read booleans and null here; negators must stay words")
        XCTAssertEqual(topic.cues.map(\.words), [["no"]])
    }

    func testTermsFoldAndKeepWhatTheUserWrote() throws {
        let lexicon = try XCTUnwrap(load(["attribution/outlets.tsv": """
            term
            Babaoğlu
              Drivers\u{2019}   Association  
            Crossing Fee*
            """]).lexicon)
        let entries = lexicon.list("attribution/outlets").entries
        XCTAssertEqual(entries.map(\.term), ["Babaoğlu", "Drivers\u{2019}   Association", "Crossing Fee*"])
        XCTAssertEqual(entries.map(\.words), [["babaoglu"], ["drivers'", "association"], ["crossing", "fee"]])
        XCTAssertEqual(entries.map(\.isWildcard), [false, false, true])
        XCTAssertTrue(entries[2].matches(word: "fees", at: 1), "a wildcard's last word is a prefix")
        XCTAssertEqual(entries.map(\.fields), [[:], [:], [:]])
    }

    func testMissingFieldsAreEmptyStrings() throws {
        let lexicon = try XCTUnwrap(load(["attribution/roles.tsv": "term\tgender\nminister\nqueen\tf\n"]).lexicon)
        let entries = lexicon.list("attribution/roles").entries
        XCTAssertEqual(entries.map(\.fields), [["gender": ""], ["gender": "f"]])
        XCTAssertNil(entries[0].field("gender"))
    }

    func testEntityTopicAndEmptySections() throws {
        let lexicon = try XCTUnwrap(load(["topics/nato.yaml": "id: nato-2\nlabel: NATO\ntarget: NATO\nkind: entity\nholder:\n"]).lexicon)
        XCTAssertEqual(lexicon.topics[0].kind, .entity)
        XCTAssertEqual(lexicon.topics[0].holder, [], "an empty key is an empty list")
    }

    func testOtherFilesAreIgnored() throws {
        let result = try load(["README.md": "x", "stance/.keep": "", "Lexicons.swift": "import Foundation",
                               "misc/notes.yaml": "anything: [", "topics/nested/deep.yaml": "not: read"])
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.lexicon?.lists.count, 0)
        XCTAssertEqual(result.lexicon?.topics.count, 0)
    }

    func testLinkBackUpTheTreeIsWalkedOnce() throws {
        let folder = try makeLexiconFolder(["stance/negators.tsv": "term\nnot\n"])
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/stance/loop",
                                                   withDestinationPath: folder.path)
        let result = LexiconLoader.load(directory: folder)
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.lexicon?.lists.keys.sorted(), ["stance/negators"])
    }

    // MARK: - Hash

    func testHashIsOverSortedPathsAndBytes() throws {
        let files = ["b/list.tsv": "term\nx\n", "a.tsv": "term\ny\n", "README.md": "ignored"]
        let lexicon = try XCTUnwrap(load(files).lexicon)
        let expected = SHA256.hex(of: Array("a.tsv\0term\ny\n\0b/list.tsv\0term\nx\n\0".utf8))
        XCTAssertEqual(lexicon.hash, expected)
    }

    func testHashIsStableAndChangesWithOneByte() throws {
        let first = try XCTUnwrap(load(Self.completeSet).lexicon?.hash)
        let again = try XCTUnwrap(load(Self.completeSet).lexicon?.hash)
        XCTAssertEqual(first, again, "the same content in another folder gives the same hash")

        var changed = Self.completeSet
        changed["stance/intensifiers.tsv"] = "term\tfactor\nvery\t1.6\n"
        XCTAssertNotEqual(try XCTUnwrap(load(changed).lexicon?.hash), first, "one byte changed")

        var renamed = Self.completeSet
        renamed["stance/boosters.tsv"] = renamed.removeValue(forKey: "stance/intensifiers.tsv")
        XCTAssertNotEqual(try XCTUnwrap(load(renamed).lexicon?.hash), first, "the same bytes under another name")

        var ignored = Self.completeSet
        ignored["README.md"] = "# edited"
        XCTAssertEqual(try XCTUnwrap(load(ignored).lexicon?.hash), first, "files the loader ignores do not count")
    }

    func testWarningsKeepTheLexicon() throws {
        let result = try load(["attribution/roles.tsv": "term\nminister\nprime minister\n"])
        XCTAssertEqual(result.warnings.map(\.code), [.overlappingEntries])
        XCTAssertEqual(result.errors, [])
        XCTAssertNotNil(result.lexicon)
    }
}
