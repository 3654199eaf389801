import ArgumentParser
import Foundation
import StanceCore
import StanceKit

struct TopicsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "topics", abstract: "Work with topics.",
                                                    subcommands: [Suggest.self])

    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draft topic files from the phrases the speakers of a corpus keep using.",
            discussion: """
            Phrases of one to three words are counted in the statements found under PATH (words of \
            suggest/stopwords.tsv, speaker names and numbers left out) and ranked by how many speakers, then \
            statements, use them. Each draft lists example statements in comments; its target is a TODO to \
            edit. Without --out the drafts go to stdout separated by "---"; with --out each is written as \
            DIR/<id>.yaml, and an existing file is never replaced.
            """)

        @Argument(help: "A .txt/.md/.jsonl file or a folder of them (read recursively).")
        var path: String

        @Option(name: .long, help: "Write each draft as DIR/<id>.yaml (existing files are skipped).")
        var out: String?

        @Option(name: .long, help: "Most drafts to suggest.")
        var max: Int = 5

        @Option(name: .customLong("min-statements"), help: "Statements a phrase needs to become a draft.")
        var minStatements: Int = 2

        @Option(name: .customLong("max-file-size"), help: "Largest input file in bytes; larger files are refused.")
        var maxFileSize: Int = DocumentReader.defaultMaxFileBytes

        @OptionGroup var lexiconOptions: LexiconOptions

        func validate() throws {
            if max < 1 { throw ValidationError("--max must be at least 1") }
            if minStatements < 1 { throw ValidationError("--min-statements must be at least 1") }
        }

        func run() throws {
            let lexicon = try loadLexiconOrExit(lexiconOptions)
            let options = TopicSuggester.Options(maxTopics: max, minStatements: minStatements)
            guard let suggester = TopicSuggester(lexicon: lexicon, options: options) else {
                warn("stance: the lexicons have no \(TopicSuggester.stopwordList).tsv (the words suggestions leave out); nothing suggested")
                throw ExitCode(2)
            }
            let outURL = out.map { URL(fileURLWithPath: $0) }
            let outcome: CorpusAnalyzer.Outcome
            do {
                outcome = try CorpusAnalyzer(lexicon: lexicon).analyze(path: path, skip: outURL.map { [$0] } ?? [],
                                                                       maxFileBytes: maxFileSize, keepAnalyses: false)
            } catch {
                warn("stance: \(error)")
                throw ExitCode(2)
            }
            for failure in outcome.failures { warn("stance: \(failure)") }

            let suggestions = suggester.suggest(documents: outcome.documents, existingTopics: lexicon.topics)
            if !suggestions.covered.isEmpty {
                warn("already named by topics of the lexicons, not drafted: "
                     + suggestions.covered.map { "\"\($0.text)\"" }.joined(separator: ", "))
            }
            guard !suggestions.drafts.isEmpty else {
                warn("stance: no phrase occurs in \(minStatements) or more statements (of \(plural(suggestions.statementCount, "statement")) "
                     + "in \(plural(suggestions.documentCount, "document"))); nothing suggested")
                throw ExitCode(2)
            }

            var written: [String] = []
            if let outURL {
                for draft in suggestions.drafts {
                    let file = outURL.appendingPathComponent(draft.fileName)
                    if FileManager.default.fileExists(atPath: file.path) {
                        warn("stance: \(file.path) exists; not replaced (draft \"\(draft.id)\" skipped)")
                        continue
                    }
                    do { try AtomicFile.write(draft.yaml, to: file) } catch {
                        warn("stance: \(error)")
                        throw ExitCode(2)
                    }
                    written.append(file.path)
                }
            } else {
                print(suggestions.drafts.map(\.yaml).joined(separator: "---\n"), terminator: "")
            }

            let summary = suggestions.drafts.map {
                "\($0.id) (\(plural($0.phrase.speakers.count, "speaker")), \(plural($0.phrase.statementIDs.count, "statement")))"
            }
            warn("suggested \(plural(suggestions.drafts.count, "topic")) from \(plural(suggestions.statementCount, "statement")) in "
                 + "\(plural(suggestions.documentCount, "document")): " + summary.joined(separator: ", "))
            if let outURL {
                warn("wrote \(written.count) of \(suggestions.drafts.count) to \(outURL.path); edit each target, then run "
                     + "`stance lexicon check`")
                if written.isEmpty { throw ExitCode(2) }
            } else {
                warn("edit each target, save the drafts in the lexicons' topics/ folder, then run `stance lexicon check`")
            }
            if !outcome.failures.isEmpty { throw ExitCode(1) }
        }
    }
}

/// "1 statement", "3 statements".
private func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
