import XCTest
import StanceCore
import StanceKit
import StanceLexicon
import StanceTestSupport

/// `stance lexicon import`: each format's sample (Tests/Fixtures/import, written by us from each
/// format's documentation) converts to the entries and warnings expected, the result loads as one of
/// our lists, and an imported word changes a stance.
final class LexiconImportTests: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("stance-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: scratch) }

    struct Expected {
        let file: String
        let format: ImportFormat
        /// term, polarity, source line
        let entries: [(String, Double, Int)]
        /// source line -> the warning codes there, in order
        let notes: [Int: [ImportNote.Code]]
        let skipped: Int
    }

    static let samples: [Expected] = [
        Expected(file: "vader_sample.txt", format: .vader,
                 entries: [("ghastly", -0.725, 1), ("splendid", 0.7, 2), ("can't stand", -0.5, 11), ("naïve", -0.1, 12),
                           ("tremendous", 1, 14)],
                 notes: [3: [.unusableTerm], 4: [.unusableTerm], 5: [.noPolarity], 6: [.duplicate], 7: [.unparsable],
                         8: [.unparsable], 9: [.unparsable], 10: [.alreadyPresent]],
                 skipped: 8),
        Expected(file: "liwc_sample.dic", format: .liwc,
                 entries: [("abandon*", -0.5, 10), ("adore*", 0.5, 11), ("terrible", -0.5, 14), ("ghastly", -0.5, 22)],
                 notes: [2: [.category], 3: [.category], 4: [.category], 7: [.unparsable], 13: [.unparsable], 15: [.duplicate],
                         16: [.conflictingPolarity], 17: [.unusableTerm], 18: [.unparsable], 19: [.unparsable],
                         21: [.unparsable]],
                 // a, kind of, we (other categories), like, terrible again, hate, :), ghost, the word without a
                 // category, <of>
                 skipped: 10 + 1),
        Expected(file: "quanteda_sample.yml", format: .quantedaYAML,
                 entries: [("splendid", 0.5, 4), ("admir*", 0.5, 5), ("good job", 0.5, 6), ("ghastly", -0.5, 8), ("deplor*", -0.5, 9)],
                 notes: [10: [.unusableTerm], 11: [.unusableTerm], 12: [.duplicate], 13: [.category], 16: [.category],
                         19: [.category]],
                 skipped: 8),
        Expected(file: "lexicoder_sample.lc3", format: .lexicoder,
                 entries: [("abandon*", -0.5, 2), ("a lie*", -0.5, 3), ("ghastly", -0.5, 4), ("splendid", 0.5, 9),
                           ("admir*", 0.5, 10), ("good job", 0.5, 11)],
                 notes: [5: [.alreadyPresent], 6: [.unparsable], 7: [.unparsable], 12: [.unusableTerm], 13: [.category],
                         15: [.category]],
                 skipped: 6),
        Expected(file: "lexicoder_sample.cat", format: .lexicoder,
                 entries: [("abandon*", -0.5, 2), ("a lie*", -0.5, 3), ("ghastly", -0.5, 4), ("splendid", 0.5, 6), ("admir*", 0.5, 7)],
                 notes: [8: [.category], 11: [.category]],
                 skipped: 3),
        Expected(file: "mpqa_sample.tff", format: .mpqa,
                 entries: [("ghastly", -0.5, 1), ("admire*", 0.25, 2), ("splendid", 0.5, 3), ("dubious", -0.25, 6),
                           ("deplorable", -0.5, 15)],
                 notes: [4: [.noPolarity], 5: [.noPolarity], 7: [.duplicate], 8: [.conflictingPolarity], 9: [.conflictingPolarity],
                         10: [.unparsable], 11: [.alreadyPresent], 12: [.unparsable], 13: [.unparsable]],
                 skipped: 9),
    ]

    func importer(_ format: ImportFormat, list: String = ImportOptions.polarityList, categories: [String] = [],
                  reference: Lexicon? = Fixtures.shippedLexicon) throws -> LexiconImporter {
        try LexiconImporter(options: ImportOptions(format: format, list: list, categories: categories), reference: reference)
    }

    func sample(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: Fixtures.url("import/\(name)")))
    }

    func testEachFormatSampleConvertsAsItsDocumentationSays() throws {
        for expected in Self.samples {
            let result = try importer(expected.format).run(bytes: sample(expected.file), file: expected.file)
            XCTAssertEqual(result.entries.map(\.term), expected.entries.map(\.0), expected.file)
            XCTAssertEqual(result.entries.map(\.polarity), expected.entries.map(\.1), expected.file)
            XCTAssertEqual(result.entries.map(\.line), expected.entries.map(\.2), expected.file)
            let notes = Dictionary(grouping: result.notes, by: \.line).mapValues { Array(Set($0.map(\.code))).sorted { $0.rawValue < $1.rawValue } }
            XCTAssertEqual(notes, expected.notes, "\(expected.file):\n" + result.notes.map(\.description).joined(separator: "\n"))
            XCTAssertEqual(result.skippedLines, expected.skipped, expected.file)
            XCTAssert(result.summary.hasPrefix("imported \(expected.entries.count) entries, skipped \(expected.skipped) lines"), result.summary)
            for note in result.notes {
                XCTAssert(note.description.hasPrefix("\(expected.file):\(note.line):\(note.column): warning: [I00"), note.description)
            }
        }
    }

    func testWarningsNameWhatWentWrong() throws {
        let vader = try importer(.vader).run(bytes: sample("vader_sample.txt"), file: "vader_sample.txt")
        let text = vader.notes.map(\.description).joined(separator: "\n")
        for fragment in ["vader_sample.txt:3:1: warning: [I002] \":-(\" is not all words", "\"*grin*\" contains \"*\"",
                         "vader_sample.txt:8:5: warning: [I001] mean \"abc\" is not a number", "outside VADER's scale",
                         "\"no\" would also match \"no\" of stance/negators.tsv:", "same term as line 1 after folding"] {
            XCTAssert(text.contains(fragment), "missing \(fragment) in\n\(text)")
        }
        let lexicoder = try importer(.lexicoder).run(bytes: sample("lexicoder_sample.lc3"), file: "x.lc3")
        XCTAssert(lexicoder.notes.contains { $0.code == .category && $0.message.contains("NEG_POSITIVE") && $0.message.contains("negate them twice") })
    }

    /// Without a reference lexicon nothing is checked against other lists: "no" is imported.
    func testReferenceListsKeepTheirTerms() throws {
        let result = try importer(.vader, reference: nil).run(bytes: sample("vader_sample.txt"), file: "v.txt")
        XCTAssert(result.entries.contains { $0.term == "no" && $0.polarity == -0.3 })
        // A prefix that would swallow a negator or a predicate is not imported either.
        let lc3 = Array("+NEGATIVE\nno*\noppos*\nghastl*\n".utf8)
        let prefixes = try importer(.lexicoder).run(bytes: lc3, file: "p.lc3")
        XCTAssertEqual(prefixes.entries.map(\.term), ["ghastl*"])
        XCTAssertEqual(prefixes.notes.map(\.code), [.alreadyPresent, .alreadyPresent])
    }

    func testCategoriesIntoATermList() throws {
        let cases: [(String, ImportFormat, [String], [String])] = [
            ("liwc_sample.dic", .liwc, ["funct"], ["a", "kind of"]),
            ("quanteda_sample.yml", .quantedaYAML, ["economy"], ["econom*", "tax*"]),
            ("quanteda_sample.yml", .quantedaYAML, ["Politics", "parties"], ["polit*", "labour", "nested", "list"]),
            ("lexicoder_sample.cat", .lexicoder, ["economy"], ["econom*", "tax*"]),
        ]
        for (file, format, categories, terms) in cases {
            let result = try importer(format, list: "topics-terms/test", categories: categories).run(bytes: sample(file), file: file)
            XCTAssertEqual(result.entries.map(\.term), terms, "\(file) \(categories)")
            XCTAssert(result.entries.allSatisfy { $0.polarity == nil })
            let text = try ImportWriter.render(result, weight: 0.5)
            XCTAssert(text.contains("\nterm\tsource\n\(terms[0])\t\(file):"), text)
        }
        // A category that is not there: an error that lists the ones that are.
        XCTAssertThrowsError(try importer(.liwc, list: "x/y", categories: ["religion"]).run(bytes: sample("liwc_sample.dic"), file: "l.dic")) {
            XCTAssert("\($0)".contains("funct, pronoun, affect, posemo, negemo"), "\($0)")
        }
    }

    func testPolarityCategoriesCanBeNamed() throws {
        let yaml = Array("economy:\n  - econom*\nwelfare:\n  - welfare\n".utf8)
        XCTAssertThrowsError(try importer(.quantedaYAML).run(bytes: yaml, file: "d.yml")) {
            XCTAssert("\($0)".contains("no positive or negative category") && "\($0)".contains("economy, welfare"), "\($0)")
        }
        let named = try LexiconImporter(options: ImportOptions(format: .quantedaYAML, weight: 0.8, positive: ["welfare"], negative: ["economy"]))
            .run(bytes: yaml, file: "d.yml")
        XCTAssertEqual(named.entries.map(\.term), ["econom*", "welfare"])
        XCTAssertEqual(named.entries.map(\.polarity), [-0.8, 0.8])
    }

    func testOptionsThatCannotWorkAreUsageErrors() {
        let cases: [ImportOptions] = [
            ImportOptions(format: .vader, list: "stance/negators"),
            ImportOptions(format: .liwc, list: "stance/predicates", categories: ["x"]),
            ImportOptions(format: .liwc, list: "stance/negators"),
            ImportOptions(format: .liwc, categories: ["posemo"]),
            ImportOptions(format: .liwc, list: "Stance/Polarity.tsv", categories: ["x"]),
            ImportOptions(format: .liwc, list: "../escape", categories: ["x"]),
            ImportOptions(format: .vader, weight: 0),
            ImportOptions(format: .vader, weight: 1.5),
        ]
        for options in cases {
            XCTAssertThrowsError(try LexiconImporter(options: options), "\(options)") {
                XCTAssert(($0 as? ImportError)?.isUsage == true, "\($0)")
            }
        }
        XCTAssertNoThrow(try LexiconImporter(options: ImportOptions(format: .liwc, list: "stance/negators", categories: ["negate"])))
    }

    func testUnreadableAndUnrecognisedFilesNameTheFile() throws {
        let cases: [(ImportFormat, [UInt8], String)] = [
            (.vader, [], "empty file"),
            (.vader, Array("good\t1.9\n".utf8) + [0xC3, 0x28] + Array("\n".utf8), "invalid UTF-8 at byte offset 9 (line 2"),
            (.liwc, Array("%\n1\tposemo\n%\ngood".utf8) + [0] + Array("1\n".utf8), "binary file"),
            (.liwc, Array("good\t126\n".utf8), "starts with a \"%\" line"),
            (.liwc, Array("%\n126\tposemo\ngood\t126\n".utf8), "never closed"),
            (.quantedaYAML, Array("- good\n- bad\n".utf8), "mapping of category names"),
            (.quantedaYAML, Array("positive: [good\n".utf8), "not valid YAML"),
            (.lexicoder, Array("\tGOOD (1)\n".utf8), "starts with a \"+CATEGORY\" line"),
            // Readable, but not one line is the format asked for.
            (.vader, Array("type=strongsubj len=1 word1=good priorpolarity=positive\n".utf8), "nothing could be converted"),
            (.mpqa, Array("good\t1.9\t0.5\t[2, 2]\n".utf8), "nothing could be converted"),
        ]
        for (format, bytes, fragment) in cases {
            XCTAssertThrowsError(try importer(format).run(bytes: bytes, file: "input.x"), "\(format) \(fragment)") { error in
                XCTAssert("\(error)".hasPrefix("input.x"), "\(error)")
                XCTAssert("\(error)".contains(fragment), "\(error)")
                XCTAssertEqual((error as? ImportError)?.isUsage, false)
            }
        }
    }

    func testLineEndsAndByteOrderMarkDoNotMatter() throws {
        let plain = try sample("vader_sample.txt")
        let crlf = [0xEF, 0xBB, 0xBF] + Array(String(decoding: plain, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let a = try importer(.vader).run(bytes: plain, file: "v")
        let b = try importer(.vader).run(bytes: crlf, file: "v")
        XCTAssertEqual(a.entries, b.entries)
        XCTAssertEqual(a.notes, b.notes)
    }

    /// Every sample, written as stance/polarity.tsv of a copy of our lexicons, loads without an
    /// error; and a word only the import knows turns a neutral sentence against its target.
    func testImportedListsLoadAndChangeAStance() throws {
        let sentence = "Dana Ellison's plan is ghastly."
        XCTAssertEqual(Classifier(lexicon: Fixtures.shippedLexicon).classify(sentence, target: "Dana Ellison").stance, .none)

        for expected in Self.samples {
            let folder = scratch.appendingPathComponent(expected.file)
            try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("Lexicons"), to: folder)
            let input = Fixtures.url("import/\(expected.file)")
            let outcome = try LexiconImport.perform(input: input, importer: importer(expected.format, reference: Fixtures.load(folder)),
                                                    destination: .folder(folder))
            XCTAssertEqual(outcome.written?.path, folder.appendingPathComponent("stance/polarity.tsv").path)
            XCTAssert(outcome.merged)
            let loaded = LexiconLoader.load(directory: folder)
            XCTAssertEqual(loaded.errors.map(\.description), [], expected.file)
            let lexicon = try XCTUnwrap(loaded.lexicon)
            let polarity = lexicon.list("stance/polarity")
            XCTAssertEqual(polarity.entries.count, Fixtures.shippedLexicon.list("stance/polarity").entries.count + expected.entries.count)
            let ghastly = try XCTUnwrap(polarity.entries.first { $0.term == "ghastly" })
            let line = try XCTUnwrap(expected.entries.first { $0.0 == "ghastly" }).2
            XCTAssertEqual(ghastly.field("source"), "\(expected.file):\(line)")

            let prediction = Classifier(lexicon: lexicon).classify(sentence, target: "Dana Ellison")
            XCTAssertEqual(prediction.stance, .against, "\(expected.file): \(prediction.evidenceText)")
            XCTAssert(prediction.evidenceText.contains("polarity.tsv:\(ghastly.location.line)"), prediction.evidenceText)
        }
    }

    /// A new file, or `--replace`: only the imported entries, under a provenance comment.
    func testStandaloneListLoadsOnItsOwn() throws {
        for expected in Self.samples {
            let folder = scratch.appendingPathComponent("alone-\(expected.file)")
            let target = folder.appendingPathComponent("stance/polarity.tsv")
            let outcome = try LexiconImport.perform(input: Fixtures.url("import/\(expected.file)"), importer: importer(expected.format),
                                                    destination: .file(target))
            XCTAssertFalse(outcome.merged)
            let text = try String(contentsOf: target, encoding: .utf8)
            XCTAssert(text.hasPrefix("# \(expected.entries.count) entries imported by `stance lexicon import --from \(expected.format.rawValue)` from \(expected.file)"), text)
            XCTAssertEqual(text, outcome.text)
            let loaded = LexiconLoader.load(directory: folder)
            XCTAssertEqual(loaded.errors.map(\.description), [], expected.file)
            XCTAssertEqual(try XCTUnwrap(loaded.lexicon).list("stance/polarity").entries.map(\.term), expected.entries.map(\.0))
            XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path)
                .contains { $0.contains(".tmp-") }, "temporary file left behind")
        }
    }

    /// An existing list keeps every line; its header gains `source`; a second run adds nothing.
    func testMergingKeepsTheExistingListAndIsIdempotent() throws {
        let target = scratch.appendingPathComponent("stance/polarity.tsv")
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let original = "# mine\nterm\tpolarity\nsplendid\t0.9\ngood\t0.5"
        try original.write(to: target, atomically: true, encoding: .utf8)
        let input = Fixtures.url("import/mpqa_sample.tff")

        let first = try LexiconImport.perform(input: input, importer: importer(.mpqa), destination: .folder(scratch))
        let merged = try String(contentsOf: target, encoding: .utf8)
        XCTAssert(merged.hasPrefix("# mine\nterm\tpolarity\tsource\nsplendid\t0.9\ngood\t0.5\n\n# 4 entries imported"), merged)
        XCTAssertEqual(first.result.entries.map(\.term), ["ghastly", "admire*", "dubious", "deplorable"])
        XCTAssert(first.result.notes.contains { $0.line == 3 && $0.code == .alreadyPresent && $0.message.contains("polarity.tsv:3") })
        XCTAssertEqual(LexiconLoader.load(directory: scratch).errors.map(\.description), [])

        let second = try LexiconImport.perform(input: input, importer: importer(.mpqa), destination: .folder(scratch))
        XCTAssertEqual(second.result.entries.count, 0)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), merged)

        let replaced = try LexiconImport.perform(input: input, importer: importer(.mpqa), destination: .folder(scratch), replace: true)
        XCTAssertEqual(replaced.result.entries.count, 5)
        XCTAssertFalse(try String(contentsOf: target, encoding: .utf8).contains("# mine"))

        // A list that cannot take polarities is left alone.
        try "term\tclass\nwant\twant\n".write(to: target, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try LexiconImport.perform(input: input, importer: importer(.mpqa), destination: .folder(scratch))) {
            XCTAssert("\($0)".contains("no \"polarity\" column"), "\($0)")
        }
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "term\tclass\nwant\twant\n")
    }

    /// LIWC's negations into our negators: the terms it already has stay, the new one is added,
    /// and the list still loads.
    func testACategoryExtendsATermOnlyList() throws {
        let folder = scratch.appendingPathComponent("lexicons")
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent("Lexicons"), to: folder)
        let input = scratch.appendingPathComponent("negations.dic")
        try "%\n1\tnegate\n2\tposemo\n%\nnot\t1\nnever\t1\nnope\t1\nnice\t2\n".write(to: input, atomically: true, encoding: .utf8)
        let negators = folder.appendingPathComponent("stance/negators.tsv")
        let before = try String(contentsOf: negators, encoding: .utf8)

        let outcome = try LexiconImport.perform(input: input, importer: importer(.liwc, list: "stance/negators", categories: ["negate"],
                                                                                 reference: Fixtures.load(folder)),
                                                destination: .folder(folder))
        XCTAssertEqual(outcome.result.entries.map(\.term), ["nope"])
        XCTAssertEqual(outcome.result.notes.map(\.code), [.category, .alreadyPresent, .alreadyPresent])
        let after = try String(contentsOf: negators, encoding: .utf8)
        XCTAssert(after.hasSuffix("\nnope\tnegations.dic:7\n"), after)
        XCTAssertEqual(after.components(separatedBy: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.count,
                       before.components(separatedBy: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.count + 1)
        let loaded = LexiconLoader.load(directory: folder)
        XCTAssertEqual(loaded.errors.map(\.description), [])
        XCTAssert(try XCTUnwrap(loaded.lexicon).list("stance/negators").entries.contains { $0.term == "nope" })
    }

    func testMissingInputIsReported() {
        XCTAssertThrowsError(try LexiconImport.perform(input: scratch.appendingPathComponent("none.txt"), importer: importer(.vader),
                                                       destination: .standardOutput)) {
            XCTAssert("\($0)".contains("none.txt: no such file"), "\($0)")
        }
        XCTAssertThrowsError(try LexiconImport.perform(input: scratch, importer: importer(.vader), destination: .standardOutput)) {
            XCTAssert("\($0)".contains("a folder"), "\($0)")
        }
    }

    /// The command: warnings and summary on stderr, the list on stdout, the contract's exit codes.
    func testCommandLineExitCodes() throws {
        let binary = try XCTUnwrap(Fixtures.stanceBinary, "the stance executable is not built next to the test bundle")
        let sample = Fixtures.url("import/vader_sample.txt").path
        let lexicons = Fixtures.root.appendingPathComponent("Lexicons").path

        var run = try BadInputTests.run(binary, ["lexicon", "import", sample, "--from", "vader", "--lexicons", lexicons], in: scratch)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssert(run.stdout.contains("\nterm\tpolarity\tsource\nghastly\t-0.725\tvader_sample.txt:1\n"), run.stdout)
        XCTAssert(run.stderr.contains("vader_sample.txt:7:1: warning: [I001]"), run.stderr)
        XCTAssert(run.stderr.split(separator: "\n").last?.hasPrefix("imported 5 entries, skipped 8 lines") == true, run.stderr)

        run = try BadInputTests.run(binary, ["lexicon", "import", sample, "--from", "vader", "--output", "out/p.tsv", "--lexicons", lexicons], in: scratch)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssert(run.stdout.isEmpty)
        XCTAssert(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("out/p.tsv").path))

        try Data([0x67, 0x6F, 0xFF, 0x0A]).write(to: scratch.appendingPathComponent("bad.txt"))
        run = try BadInputTests.run(binary, ["lexicon", "import", "bad.txt", "--from", "vader"], in: scratch)
        XCTAssertEqual(run.status, 2, run.stderr)
        XCTAssert(run.stderr.contains("stance: bad.txt: invalid UTF-8"), run.stderr)

        run = try BadInputTests.run(binary, ["lexicon", "import", sample, "--from", "liwc"], in: scratch)
        XCTAssertEqual(run.status, 2, run.stderr)

        for arguments in [["--from", "sentiwordnet"], [], ["--from", "vader", "--out", "a", "--output", "b"],
                          ["--from", "vader", "--list", "stance/negators"]] {
            run = try BadInputTests.run(binary, ["lexicon", "import", sample] + arguments, in: scratch)
            XCTAssertEqual(run.status, 64, "\(arguments): \(run.stderr)")
        }
    }
}
