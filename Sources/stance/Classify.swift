import ArgumentParser
import Foundation
import StanceCore
import StanceKit
import StanceReports

struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the stance of free text or of a CSV column toward a topic or an entity.",
        discussion: """
        --target is a topic id when a topic has that id, else an entity name. With --input, the CSV's columns \
        are written back with pred_stance, pred_score and pred_evidence appended (to stdout unless --output); \
        rows may carry their own target in a "target" column.
        """, version: stanceVersion)

    @Argument(help: "The text to score (omit with --input).")
    var text: String?

    @Option(name: .long, help: "Topic id or entity name.")
    var target: String?

    @Option(name: .long, help: "A CSV file with a header row.")
    var input: String?

    @Option(name: .customLong("text-column"), help: "The column holding the text.")
    var textColumn: String = "text"

    @Option(name: .long, help: "Write the CSV here instead of stdout.")
    var output: String?

    @Option(name: .customLong("csv-profile"), help: "excel or plain, for reading and writing.")
    var csvProfile: CSVProfile = .excel

    @Option(name: .long, help: "The speaker's affiliation (e.g. U.S.): \"we\" and \"our country\" then name it.")
    var affiliation: String?

    @OptionGroup var lexiconOptions: LexiconOptions

    func validate() throws {
        if input == nil && text == nil { throw ValidationError("give a TEXT or --input FILE") }
        if input == nil && target == nil { throw ValidationError("--target is required for a TEXT") }
    }

    func run() throws {
        let classifier = Classifier(lexicon: try loadLexiconOrExit(lexiconOptions))
        if let input {
            guard let data = FileManager.default.contents(atPath: input), let csv = String(data: data, encoding: .utf8) else {
                warn("stance: \(input): cannot read, or not UTF-8")
                throw ExitCode(2)
            }
            let table: CSVTable
            do {
                table = try classifier.classify(csv: csv, textColumn: textColumn, target: target, profile: csvProfile)
            } catch {
                warn("stance: \(input): \(error)")
                throw ExitCode(2)
            }
            if let output {
                do { try AtomicFile.write(table.bytes(csvProfile), to: URL(fileURLWithPath: output)) } catch {
                    warn("stance: \(error)")
                    throw ExitCode(2)
                }
            } else {
                print(table.render(csvProfile), terminator: "")
            }
            return
        }
        let prediction = classifier.classify(text!, target: target!, affiliation: affiliation)
        print("\(prediction.stance.rawValue)\t\(Number.format(prediction.score))\t\(prediction.evidenceText)")
    }
}
