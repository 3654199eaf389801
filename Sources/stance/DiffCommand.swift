import ArgumentParser
import Foundation
import StanceCore
import StanceKit

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two stored runs: lexicon entries, statement stances and positions.",
        discussion: """
        Runs are named by their id (see `stance runs`), a unique prefix of it, `latest` (the newest finished \
        run) or `previous` (the one before it); the default compares previous with latest. Lexicon entries \
        added, removed or re-weighted are read from the copies of the lexicon files stored with each run; each \
        changed stance names the changed entries its evidence cites in either run.
        """,
        version: stanceVersion)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "The earlier run (default: previous).")
    var runA: String = "previous"

    @Argument(help: "The later run (default: latest).")
    var runB: String = "latest"

    @Option(name: .long, help: "text or json.")
    var format: Format = .text

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        defer { try? store.close() }
        let runs = try withStore { try store.runs() }
        let a = try withStore { try RunSelector.resolve(runA, in: runs) }
        let b = try withStore { try RunSelector.resolve(runB, in: runs) }
        let diff = try withStore { try RunDiff.between(a, b, store: store) }
        switch format {
        case .text: print(diff.text, terminator: "")
        case .json: print(diff.json)
        }
    }
}
