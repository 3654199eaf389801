import ArgumentParser
import Foundation
import StanceCore
import StanceKit
import StanceLexicon

extension ImportFormat: ExpressibleByArgument {}

extension LexiconCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert a VADER, LIWC, quanteda YAML, Lexicoder or MPQA lexicon into one of our lists.",
            discussion: """
            What goes where:
              stance/polarity (default; columns term, polarity, source): sentiment words.
                vader: polarity = mean x weight / 2 (VADER's "good", 1.9, gives about 0.5); 0 skipped.
                mpqa: strongsubj +/-weight, weaksubj and weakpos/weakneg +/-weight/2; stemmed1=y
                  becomes a prefix (abandon*); neutral and both skipped.
                liwc, quanteda-yaml, lexicoder: entries of a positive category +weight, of a negative
                  one -weight (names: --positive/--negative, default positive, posemo, emo_pos, pos and
                  negative, negemo, emo_neg, neg, matched on the full path or its last part). Other
                  categories are reported and left out, Lexicoder's neg_positive/neg_negative included
                  (our negation rules already turn "not good" around).
              any list with only a term column (stance/negators, or a new name such as
                topics-terms/economy): the entries of the categories named with --category, e.g.
                --from liwc --list stance/negators --category negate.
            A term must read, to our tokenizer, as the words it is written with: emoticons and punctuation,
            a "*" other than at the very end, quanteda's "?" are reported (I002). Terms the same after folding
            case and diacritics are kept once (I004; opposite polarities: neither, I005). A term that another
            stance/ list of the reference lexicons already matches keeps that role (I007): "no" stays a negator.
            Every line not converted is printed on stderr as FILE:LINE:COL: warning: [CODE] message, then
            "imported N entries, skipped M lines". Each written line records its source (FILE:LINE).

            Output: standard output; --output FILE; or --out DIR, writing DIR/<list>.tsv. An existing target
            file is kept as it is and extended (its header gains a source column; terms it has are not
            added again, I007) unless --replace. Exit codes: 0 converted (skipped lines reported); 2 the
            file is unreadable, not the format, or nothing in it converts; 64 usage.
            """,
            version: stanceVersion)

        @Argument(help: "The foreign lexicon file.")
        var file: String

        @Option(name: .long, help: "Its format: \(ImportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
        var from: ImportFormat

        @Option(name: .long, help: "Write DIR/<list>.tsv (a lexicon folder, e.g. a copy of Lexicons).")
        var out: String?

        @Option(name: .long, help: "Write this file.")
        var output: String?

        @Option(name: .long, help: "Our list to write (default: stance/polarity).")
        var list: String = ImportOptions.polarityList

        @Option(name: .long, help: "Polarity of a plain evaluative entry, in (0, 1] (default: 0.5, as in stance/polarity.tsv).")
        var weight: Double = 0.5

        @Option(name: .long, help: "A category to write into a term list (repeatable).")
        var category: [String] = []

        @Option(name: .long, help: "A category read as positive (repeatable; replaces the default names).")
        var positive: [String] = []

        @Option(name: .long, help: "A category read as negative (repeatable; replaces the default names).")
        var negative: [String] = []

        @Flag(name: .long, help: "Overwrite an existing target instead of adding to it.")
        var replace = false

        @Option(name: .long, help: "Lexicon folder whose other stance/ lists an imported term may not repeat (default: the --out folder when it holds lexicons, else ./Lexicons or the bundled set).")
        var lexicons: String?

        func validate() throws {
            if out != nil && output != nil { throw ValidationError("give --out DIR or --output FILE, not both") }
        }

        func run() throws {
            let options = ImportOptions(format: from, list: list, weight: weight, categories: category,
                                        positive: positive.isEmpty ? ImportOptions.defaultPositive : positive,
                                        negative: negative.isEmpty ? ImportOptions.defaultNegative : negative)
            let destination: LexiconImport.Destination = if let out { .folder(URL(fileURLWithPath: out)) }
                else if let output { .file(URL(fileURLWithPath: output)) } else { .standardOutput }
            do {
                let importer = try LexiconImporter(options: options, reference: referenceLexicon())
                let outcome = try LexiconImport.perform(input: URL(fileURLWithPath: file), importer: importer,
                                                        destination: destination, replace: replace)
                for note in outcome.result.notes { warn(note.description) }
                if let written = outcome.written {
                    let how = outcome.merged ? (outcome.result.entries.isEmpty ? "nothing new for" : "added to") : "wrote"
                    warn("\(outcome.result.summary); \(how) \(written.path)")
                } else {
                    print(outcome.text, terminator: "")
                    warn(outcome.result.summary)
                }
            } catch let error as ImportError {
                warn("stance: \(error)")
                throw ExitCode(error.isUsage ? ExitCode.validationFailure.rawValue : 2)
            } catch {
                warn("stance: \(error)")
                throw ExitCode(2)
            }
        }

        /// The lexicons whose other stance/ lists keep their terms; nil (with a note) when they do not load.
        private func referenceLexicon() -> Lexicon? {
            var explicit = lexicons
            if explicit == nil, let out, FileManager.default.fileExists(atPath: out + "/stance") { explicit = out }
            let loaded = LexiconSelection.load(explicit: explicit)
            if loaded.lexicon == nil {
                warn("stance: the reference lexicons (\(explicit ?? "default")) have errors: terms are not checked against their other lists")
            }
            return loaded.lexicon
        }
    }
}
