import Foundation
import StanceCore
import StanceLexicon
import XCTest

/// Every diagnostic code, with a set where it fires and one where it must not. Each row lists every
/// diagnostic the set gives, in full `file:line:col: severity: [CODE] message` form.
final class DiagnosticTests: XCTestCase {
    struct Row {
        let reason: String
        let files: [String: String]
        let expected: [String]
    }

    static let rows: [Row] = [
        // MARK: L001 unparsable
        Row(reason: "the header's first column must be term",
            files: ["stance/intensifiers.tsv": "# boosters\nword\tfactor\nvery\t1.5\n"],
            expected: [#"stance/intensifiers.tsv:2:1: error: [L001] the header's first column must be "term", found "word""#]),
        Row(reason: "header names are lowercase identifiers",
            files: ["misc/words.tsv": "term\tNote\nx\ty\n"],
            expected: [#"misc/words.tsv:1:6: error: [L001] column name "Note" must be lowercase letters, digits or "_""#]),
        Row(reason: "a line with more fields than the header points at the first extra field",
            files: ["stance/negators.tsv": "term\nnot\nnever\textra\n"],
            expected: ["stance/negators.tsv:3:7: error: [L001] 2 fields, but the header has 1 column"]),
        Row(reason: "an empty term is unparsable",
            files: ["stance/intensifiers.tsv": "term\tfactor\n  \t1\n"],
            expected: ["stance/intensifiers.tsv:2:1: error: [L001] empty term"]),
        Row(reason: "a YAML syntax error keeps the place Yams found",
            files: ["topics/t.yaml": "id: t\nlabel: [unclosed\ntarget: x\n"],
            expected: ["topics/t.yaml:3:7: error: [L001] YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence at line 2)"]),
        Row(reason: "a single value where a list is expected",
            files: ["topics/t.yaml": "id: t\nlabel: T\ntarget: X\nobjects: peace\n"],
            expected: ["topics/t.yaml:4:10: error: [L001] \"objects\" must be a list, found a single value"]),
        Row(reason: "a NUL byte means the file is not text",
            files: ["stance/negators.tsv": "term\nn\u{0}t\n"],
            expected: ["stance/negators.tsv:2:2: error: [L001] NUL byte: not a text file"]),
        Row(reason: "a topic file must be a mapping",
            files: ["topics/t.yaml": "# a list, not a topic\n- id: t\n"],
            expected: ["topics/t.yaml:2:1: error: [L001] a topic must be a mapping (key: value), found a list"]),
        Row(reason: "a byte-order mark before the header is not part of it",
            files: ["stance/negators.tsv": "\u{FEFF}term\nnot\n"],
            expected: []),
        Row(reason: "comments, blank lines, CRLF and a short optional field are all fine",
            files: ["attribution/roles.tsv": "# roles\r\n\r\n   # indented comment\r\nterm\tgender\r\nminister\r\nqueen\tf\r\n"],
            expected: []),

        // MARK: L002 duplicate
        Row(reason: "a duplicate after folding case is reported at the later line, naming the first",
            files: ["stance/intensifiers.tsv": "term\tfactor\n# comment\nvery\t1.5\nVery\t1.4\n"],
            expected: [#"stance/intensifiers.tsv:4:1: error: [L002] duplicate term "Very" (same as line 3 after folding case and diacritics)"#]),
        Row(reason: "folding diacritics makes Babaoğlu and babaoglu one term",
            files: ["attribution/outlets.tsv": "term\nBabaoğlu\nbabaoglu\n"],
            expected: [#"attribution/outlets.tsv:3:1: error: [L002] duplicate term "babaoglu" (same as line 2 after folding case and diacritics)"#]),
        Row(reason: "a curly apostrophe folds to a straight one",
            files: ["attribution/outlets.tsv": "term\ndrivers' association\ndrivers\u{2019} association\n"],
            expected: ["attribution/outlets.tsv:3:1: error: [L002] duplicate term \"drivers\u{2019} association\" (same as line 2 after folding case and diacritics)"]),
        Row(reason: "a term and its wildcard are different entries; so is one term in two lists",
            files: ["stance/negators.tsv": "term\nnot\nnot*\n", "attribution/outlets.tsv": "term\nnot\n"],
            expected: []),
        Row(reason: "a duplicate within one topic section",
            files: ["topics/t.yaml": "id: t\nlabel: T\ntarget: X\nobjects: [peace, Peace]\nterms: [peace]\n"],
            expected: [#"topics/t.yaml:4:18: error: [L002] duplicate term "Peace" (same as line 4 after folding case and diacritics)"#]),
        Row(reason: "an actor group referenced twice in one section",
            files: ["topics/t.yaml": "id: t\nlabel: T\ntarget: X\nactors: {west: [usa]}\nholder: [\"@west\", \"@west\"]\n"],
            expected: [#"topics/t.yaml:5:19: error: [L002] "@west" is listed twice in "holder""#]),
        Row(reason: "a term also reached through an actor group is a duplicate at the reference",
            files: ["topics/t.yaml": "id: t\nlabel: T\ntarget: X\nactors: {west: [usa]}\nholder: [USA, \"@west\"]\n"],
            expected: [#"topics/t.yaml:5:15: error: [L002] duplicate term "usa" (same as line 5 after folding case and diacritics)"#]),
        Row(reason: "topic ids are unique across files",
            files: ["topics/a.yaml": "id: same\nlabel: A\ntarget: X\n", "topics/b.yaml": "label: B\nid: same\ntarget: Y\n"],
            expected: [#"topics/b.yaml:2:5: error: [L002] duplicate topic id "same" (same as topics/a.yaml:1)"#]),
        Row(reason: "a repeated YAML key",
            files: ["topics/t.yaml": "id: t\nlabel: T\nlabel: U\ntarget: X\n"],
            expected: [#"topics/t.yaml:2:1: error: [L002] duplicate key "label" in one mapping"#]),
        Row(reason: "an alias on two speakers, across files",
            files: ["speakers/a.yaml": "speakers:\n  - name: Sergei Shoigu\n    aliases: [Shoigu]\n",
                    "speakers/b.yaml": "speakers:\n  - {name: Sergey Shoygu, aliases: [SHOIGU, Shoygu]}\n"],
            expected: [#"speakers/b.yaml:2:37: error: [L002] "SHOIGU" already names speaker "Sergei Shoigu" (speakers/a.yaml:2) after folding case and diacritics"#]),
        Row(reason: "a speaker may list their own name among their aliases",
            files: ["speakers/a.yaml": "speakers:\n  - name: Sergei Shoigu\n    aliases: [sergei shoigu, Shoigu]\n"],
            expected: []),

        // MARK: L003 misplaced wildcard
        Row(reason: "a * inside a word",
            files: ["stance/negators.tsv": "term\npea*ce\n"],
            expected: [#"stance/negators.tsv:2:4: error: [L003] misplaced "*" in "pea*ce": only the end of the last word may be a wildcard"#]),
        Row(reason: "a * at the end of a word that is not the last",
            files: ["stance/negators.tsv": "term\n  peace* talks\n"],
            expected: [#"stance/negators.tsv:2:8: error: [L003] misplaced "*" in "peace* talks": only the end of the last word may be a wildcard"#]),
        Row(reason: "a lone * keeps no prefix",
            files: ["topics/t.yaml": "id: t\nlabel: T\ntarget: X\nobjects: [\"peace *\"]\n"],
            expected: [#"topics/t.yaml:4:18: error: [L003] misplaced "*" in "peace *": only the end of the last word may be a wildcard"#]),
        Row(reason: "a trailing * on the last word of a multiword term is a wildcard",
            files: ["stance/negators.tsv": "term\npeace initiative*\n"],
            expected: []),

        // MARK: L004 unknown reference
        Row(reason: "an unknown key in a topic",
            files: ["topics/t.yaml": "id: t\nlabel: T\ntarget: X\nobject: [peace]\n"],
            expected: [#"topics/t.yaml:4:1: error: [L004] unknown key "object" in a topic (known: id, label, target, kind, actors, holder, objects, opposites, terms, cues)"#]),
        Row(reason: "an unknown actor group",
            files: ["topics/t.yaml": "id: t\nlabel: T\ntarget: X\nactors: {russia: [moscow]}\nholder: [\"@rusia\"]\n"],
            expected: [#"topics/t.yaml:5:10: error: [L004] unknown actor group "@rusia" in "holder" (known: @russia)"#]),
        Row(reason: "an unknown setting",
            files: ["settings.yaml": "stance.treshold: 0.2\n"],
            expected: [#"settings.yaml:1:1: error: [L004] unknown setting "stance.treshold" (known: attribution.floating_paragraphs, contrasts.explicit_bonus, positions.mixed_share, quote.min_words_partial, stance.context_factor, stance.contrast_weight, stance.general_weight, stance.negation_factor, stance.threshold)"#]),
        Row(reason: "a column the schema does not know",
            files: ["attribution/roles.tsv": "term\tgender\tnote\nminister\t-\tx\n"],
            expected: [#"attribution/roles.tsv:1:13: error: [L004] unknown column "note" in attribution/roles (known: gender, source)"#]),
        Row(reason: "every list may say where an entry came from (stance lexicon import writes it)",
            files: ["stance/negators.tsv": "term\tsource\nnot\tmine.txt:3\nnever\n",
                    "stance/polarity.tsv": "term\tpolarity\tsource\nghastly\t-0.7\tvader_lexicon.txt:12\n"],
            expected: []),
        Row(reason: "an unknown key in a speaker registry",
            files: ["speakers/a.yaml": "speakers:\n  - name: A\n    party: B\n"],
            expected: [#"speakers/a.yaml:3:5: error: [L004] unknown key "party" in a speaker (known: name, aliases, roles, affiliation)"#]),
        Row(reason: "a list the schema does not know takes any columns",
            files: ["custom/extra_words.tsv": "term\tnote\non\tx\n"],
            expected: []),

        // MARK: L005 value out of range
        Row(reason: "a factor above its range",
            files: ["stance/intensifiers.tsv": "term\tfactor\nextremely\t4\n"],
            expected: ["stance/intensifiers.tsv:2:11: error: [L005] factor 4 is out of range 0...3"]),
        Row(reason: "a factor that is not a number",
            files: ["stance/hedges.tsv": "term\tfactor\nperhaps\t half\n"],
            expected: [#"stance/hedges.tsv:2:10: error: [L005] factor "half" is not a number (expected 0...1)"#]),
        Row(reason: "a value outside an enumeration",
            files: ["attribution/reporting_verbs.tsv": "term\tclass\tbare_clause\nsaid\tspeach\tyes\n"],
            expected: [#"attribution/reporting_verbs.tsv:2:6: error: [L005] class "speach" is not one of: speech, belief, denial, naming, participle"#]),
        Row(reason: "a topic kind outside proposition and entity",
            files: ["topics/t.yaml": "id: t\nlabel: T\ntarget: X\nkind: person\n"],
            expected: [#"topics/t.yaml:4:7: error: [L005] kind "person" is not one of: proposition, entity"#]),
        Row(reason: "a topic id that is not kebab-case",
            files: ["topics/t.yaml": "id: Russia Peace\nlabel: T\ntarget: X\n"],
            expected: [#"topics/t.yaml:1:5: error: [L005] topic id "Russia Peace" must be kebab-case: only a-z, 0-9 and "-""#]),
        Row(reason: "a cue polarity above 1",
            files: ["topics/t.yaml": "id: t\nlabel: T\ntarget: X\ncues:\n  - {term: fair, polarity: 1.5}\n"],
            expected: ["topics/t.yaml:5:28: error: [L005] polarity 1.5 is out of range -1...1"]),
        Row(reason: "a setting out of range",
            files: ["settings.yaml": "# tuned on dev\nstance.negation_factor: 0.5\n"],
            expected: ["settings.yaml:2:25: error: [L005] stance.negation_factor 0.5 is out of range -2...0"]),
        Row(reason: "a setting that is not a number",
            files: ["settings.yaml": "stance.threshold: high\n"],
            expected: [#"settings.yaml:1:19: error: [L005] stance.threshold "high" is not a number (expected 0...1)"#]),
        Row(reason: "range bounds are inclusive",
            files: ["stance/intensifiers.tsv": "term\tfactor\nextremely\t3\nslightly\t0\n",
                    "stance/polarity.tsv": "term\tpolarity\nbad\t-1\n",
                    "settings.yaml": "stance.negation_factor: -2\nstance.threshold: 1\n"],
            expected: []),

        // MARK: L006 missing
        Row(reason: "a required topic key",
            files: ["topics/t.yaml": "# a topic\nid: t\nlabel: T\n"],
            expected: [#"topics/t.yaml:2:1: error: [L006] missing key "target""#]),
        Row(reason: "a required column left empty",
            files: ["stance/contrast.tsv": "term\tasserted\nbut\t\n"],
            expected: [#"stance/contrast.tsv:2:5: error: [L006] missing value for "asserted""#]),
        Row(reason: "a required column missing from the line",
            files: ["stance/contrast.tsv": "term\tasserted\nbut\n"],
            expected: [#"stance/contrast.tsv:2:4: error: [L006] missing value for "asserted""#]),
        Row(reason: "a required column missing from the header",
            files: ["attribution/pronouns.tsv": "term\tgender\nhe\tm\n"],
            expected: [#"attribution/pronouns.tsv:1:1: error: [L006] missing column "case" (required in attribution/pronouns)"#]),
        Row(reason: "a cue without a polarity",
            files: ["topics/t.yaml": "id: t\nlabel: T\ntarget: X\ncues:\n  - term: fair\n"],
            expected: [#"topics/t.yaml:5:5: error: [L006] missing key "polarity" in a cue"#]),
        Row(reason: "an empty topic file",
            files: ["topics/t.yaml": "# to do\n"],
            expected: ["topics/t.yaml:1:1: error: [L006] empty topic file: a topic needs id, label and target"]),
        Row(reason: "a required key with no value",
            files: ["topics/t.yaml": "id: t\nlabel:\ntarget: X\n"],
            expected: [#"topics/t.yaml:2:7: error: [L006] missing value for "label""#]),
        Row(reason: "a speaker registry needs its speakers key",
            files: ["speakers/a.yaml": "people: []\n"],
            expected: [#"speakers/a.yaml:1:1: error: [L004] unknown key "people" in a speaker registry (known: speakers)"#,
                       #"speakers/a.yaml:1:1: error: [L006] missing key "speakers""#]),
        Row(reason: "an optional column may be empty, and settings.yaml may hold only comments",
            files: ["attribution/honorifics.tsv": "term\tgender\ndr\t\n", "settings.yaml": "# nothing tuned yet\n"],
            expected: []),

        // MARK: W001 conflicting polarity
        Row(reason: "the same folded term positive in one list and negative in a topic cue",
            files: ["stance/polarity.tsv": "term\tpolarity\nfair\t0.5\n",
                    "topics/t.yaml": "id: t\nlabel: T\ntarget: X\ncues:\n  - {term: Fair, polarity: -0.4}\n"],
            expected: [#"topics/t.yaml:5:12: warning: [W001] conflicting polarity for "Fair": -0.40 here, +0.50 at stance/polarity.tsv:2"#]),
        Row(reason: "the same sign in two places, or opposite signs on a term and its wildcard, do not conflict",
            files: ["stance/polarity.tsv": "term\tpolarity\nfair\t0.5\nhurt*\t-0.5\nneutral\t0\n",
                    "topics/t.yaml": "id: t\nlabel: T\ntarget: X\ncues:\n  - {term: fair, polarity: 0.4}\n"
                        + "  - {term: hurt, polarity: 0.2}\n  - {term: neutral, polarity: -0.2}\n"],
            expected: []),
        Row(reason: "predicates are compared with topic cues too",
            files: ["stance/predicates.tsv": "term\tclass\tpolarity\nhurt\toppose\t-0.6\n",
                    "topics/t.yaml": "id: t\nlabel: T\ntarget: X\ncues:\n  - {term: hurt, polarity: 0.2}\n"],
            expected: [#"topics/t.yaml:5:12: warning: [W001] conflicting polarity for "hurt": +0.20 here, -0.60 at stance/predicates.tsv:2"#]),

        // MARK: W002 overlapping entries
        Row(reason: "a multiword entry containing another entry of its list",
            files: ["attribution/roles.tsv": "term\tgender\nminister\t-\nprime minister\t-\n"],
            expected: [#"attribution/roles.tsv:3:1: warning: [W002] "prime minister" contains "minister" (line 2) of the same list"#]),
        Row(reason: "a wildcard entry matches inside a longer one",
            files: ["stance/negators.tsv": "term\nnot at all\nnot*\n"],
            expected: [#"stance/negators.tsv:2:1: warning: [W002] "not at all" contains "not*" (line 3) of the same list"#]),
        Row(reason: "entries of different lists, or words that are not a contiguous run, do not overlap",
            files: ["attribution/roles.tsv": "term\nprime minister\n", "attribution/title_words.tsv": "term\nminister\n",
                    "stance/negators.tsv": "term\nnot at all\nnot all\n"],
            expected: []),
    ]

    func testDiagnosticTable() throws {
        for row in Self.rows {
            let result = try load(row.files)
            XCTAssertEqual(result.diagnostics.map(\.description), row.expected, row.reason)
            let hasErrors = row.expected.contains { $0.contains(": error: ") }
            XCTAssertEqual(result.lexicon == nil, hasErrors, "lexicon is nil exactly when there are errors: \(row.reason)")
        }
    }

    func testTableCoversEveryCodeButUnusedEntries() {
        let fired = Set(Self.rows.flatMap(\.expected).compactMap { line in
            Diagnostic.Code.allCases.first { line.contains("[\($0.rawValue)]") }
        })
        XCTAssertEqual(fired, Set(Diagnostic.Code.allCases).subtracting([.unusedEntry]),
                       "W003 needs a corpus and is a later issue; every other code has a row")
    }

    func testInvalidUTF8IsUnparsableAtLineOne() throws {
        let folder = try makeLexiconFolder(bytes: ["stance/negators.tsv": Array("term\nno".utf8) + [0xC3, 0x28, 0x0A]])
        let result = LexiconLoader.load(directory: folder)
        XCTAssertEqual(result.diagnostics.map(\.description),
                       ["stance/negators.tsv:1:1: error: [L001] not valid UTF-8 text"])
        XCTAssertNil(result.lexicon)
    }

    func testMissingFolderIsOneMissingDiagnostic() {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-lexicon-" + UUID().uuidString)
        let result = LexiconLoader.load(directory: folder)
        XCTAssertNil(result.lexicon)
        XCTAssertEqual(result.diagnostics.count, 1)
        XCTAssertEqual(result.diagnostics.first?.code, .missing)
        XCTAssertEqual(result.diagnostics.first?.location, SourceLocation(file: ".", line: 1, column: 1))
        XCTAssertEqual(LexiconLoader.check(directory: folder), result.diagnostics, "check gives the same diagnostics")
    }

    func testDiagnosticsAreSortedByFileLineAndColumn() throws {
        let result = try load([
            "stance/negators.tsv": "term\nn*t\nnot\nnot\n",
            "attribution/outlets.tsv": "term\nx\tz\n",
            "settings.yaml": "stance.threshold: 2\nbogus: 1\n",
        ])
        XCTAssertEqual(result.diagnostics.map { "\($0.location)" }, [
            "attribution/outlets.tsv:2:3",
            "settings.yaml:1:19",
            "settings.yaml:2:1",
            "stance/negators.tsv:2:2",
            "stance/negators.tsv:4:1",
        ])
    }
}
