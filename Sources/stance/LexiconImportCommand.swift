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
            stance/polarity (the default list; columns term, polarity, source) takes sentiment words. \
            vader: polarity = mean x weight / 2 (VADER's "good", 1.9, gives about 0.5); mean 0 skipped. \
            mpqa: strongsubj +/-weight, weaksubj and weakpos/weakneg +/-weight/2; stemmed1=y becomes a \
            prefix (abandon*); neutral and both skipped. liwc, quanteda-yaml, lexicoder: entries of a \
            positive category +weight, of a negative one -weight. Category names: --positive/--negative, \
            by default positive, posemo, emo_pos, pos and negative, negemo, emo_neg, neg, matched on the \
            full path or its last part. Other categories are reported and left out, Lexicoder's \
            neg_positive/neg_negative too (our negation rules already turn "not good" around).

            A list with only a term column (stance/negators, or a new one such as topics-terms/economy) \
            takes the entries of the categories named with --category: \
            --from liwc --list stance/negators --category negate.

            A term must read, to our tokenizer, as the words it is written with: emoticons, punctuation, \
            a "*" before the end and quanteda's "?" are reported (I002). Terms the same after folding case \
            and diacritics are kept once (I004; with opposite polarities neither, I005). A term another \
            stance/ list of the reference lexicons matches keeps that role (I007): "no" stays a negator.

            Every line not converted is printed on stderr as FILE:LINE:COL: warning: [CODE] message, then \
            "imported N entries, skipped M lines". Each written line records its source (FILE:LINE). \
            Output: standard output, --output FILE, or --out DIR (DIR/<list>.tsv). An existing target keeps \
            every line and gets the new entries appended (its header gains a source column) unless --replace.

            Exit codes: 0 converted (skipped lines are reported); 2 the file is unreadable, not the format, \
            or nothing in it converts; 64 usage.
            """,
            version: stanceVersion)

        @Argument(help: "The foreign lexicon file.")
        var file: String

        @Option(name: .long, help: "Its format.")
        var from: ImportFormat

        @Option(name: .long, help: "Write DIR/<list>.tsv (a lexicon folder, e.g. a copy of Lexicons).")
        var out: String?

        @Option(name: .long, help: "Write this file.")
        var output: String?

        @Option(name: .long, help: "Our list to write.")
        var list: String = ImportOptions.polarityList

        @Option(name: .long, help: "Polarity of a plain evaluative entry, in (0, 1] (0.5 as in stance/polarity.tsv).")
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
