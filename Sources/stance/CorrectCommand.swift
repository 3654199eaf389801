import ArgumentParser
import Foundation
import StanceCore
import StanceKit
import StanceStore

struct CorrectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: "Correct a statement: its speaker, its stance on a topic, or that it is not a statement at all.",
        discussion: """
        The correction is stored in the database and applied on every later `stance analyze` and `stance report`: \
        the speaker is renamed (to the corpus speaker the name stands for, when there is one), the stance label is \
        overridden (evidence item `correction@corrections:ID`), or the statement is left out. Reports mark corrected \
        statements in the cue column of statements.csv and list every correction in report.md. A later correction \
        of the same statement (and topic) overrides an earlier one. Statement ids are in statements.csv and in \
        `stance search` results.
        """,
        version: stanceVersion)

    @Argument(help: "The statement_id to correct (s-…).")
    var statementID: String?

    @Option(name: .long, help: "The statement's speaker is NAME.")
    var speaker: String?

    @Option(name: .long, help: "TOPIC=LABEL: the statement's stance on TOPIC is LABEL (FAVOR, AGAINST or NONE).")
    var stance: String?

    @Flag(name: .customLong("not-a-statement"), help: "It is not a statement: leave it out.")
    var notAStatement = false

    @Flag(name: .long, help: "List the stored corrections.")
    var list = false

    @Option(name: .long, help: "Delete the correction with this id (see --list).")
    var remove: Int64?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        let actions = [speaker != nil, stance != nil, notAStatement].filter { $0 }.count
        if list || remove != nil {
            if actions > 0 || statementID != nil || (list && remove != nil) {
                throw ValidationError("--list and --remove take no statement and no other option")
            }
            return
        }
        guard statementID != nil else { throw ValidationError("give STATEMENT_ID and one of --speaker, --stance, --not-a-statement") }
        guard actions == 1 else { throw ValidationError("give exactly one of --speaker NAME, --stance TOPIC=LABEL, --not-a-statement") }
        if let speaker, speaker.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--speaker wants a name") }
        if let stance { _ = try Self.parseStance(stance) }
    }

    static func parseStance(_ text: String) throws -> (topic: String, label: StanceLabel) {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty, let label = StanceLabel(rawValue: parts[1].uppercased()), label != .mixed else {
            throw ValidationError("--stance wants TOPIC=LABEL with LABEL one of FAVOR, AGAINST, NONE (got \"\(text)\")")
        }
        return (parts[0], label)
    }

    func run() throws {
        let store = try database.open()
        defer { try? store.close() }
        if list { return try printList(store) }
        if let remove {
            guard try withStore({ try store.removeCorrection(id: remove) }) else {
                warn("stance: \(database.db): no correction \(remove) (see `stance correct --list`)")
                throw ExitCode(2)
            }
            warn("correction \(remove) deleted; the next `stance analyze` or `stance report` no longer applies it")
            return
        }
        let id = statementID!
        guard let statement = try withStore({ try store.statement(id: id) }) else {
            warn("stance: \(database.db): no statement \(id) (statement ids are in statements.csv and `stance search` results)")
            throw ExitCode(2)
        }
        let change: CorrectionChange
        if let speaker {
            change = .speaker(speaker.trimmingCharacters(in: .whitespaces))
        } else if let stance {
            let (topic, label) = try Self.parseStance(stance)
            if let latest = try withStore({ try store.runs().first(where: \.isFinished) }) {
                let topics = try withStore { try store.topics(runID: latest.runID) }.map(\.id)
                guard topics.contains(topic) else {
                    warn("stance: no topic \"\(topic)\" in run \(latest.runID) (topics: \(topics.joined(separator: ", ")))")
                    throw ExitCode(2)
                }
            }
            change = .stance(topic: topic, label: label)
        } else {
            change = .notAStatement
        }
        let correction = try withStore { try store.addCorrection(statementID: id, change) }
        let text = statement.text.count > 70 ? String(statement.text.prefix(69)) + "…" : statement.text
        warn("correction \(correction.id) stored for \(id) (\(statement.documentID), paragraph \(statement.paragraph): "
             + "\"\(text.replacingOccurrences(of: "\n", with: " "))\"): \(Self.describe(change)); "
             + "applied by every later `stance analyze` and `stance report`")
    }

    static func describe(_ change: CorrectionChange) -> String {
        switch change {
        case .speaker(let name): "speaker \(name)"
        case .stance(let topic, let label): "stance on \(topic) \(label.rawValue)"
        case .notAStatement: "not a statement"
        }
    }

    private func printList(_ store: CorpusStore) throws {
        let corrections = try withStore { try store.corrections() }
        let rows = corrections.map { [String($0.id), $0.statementID, Self.describe($0.change), $0.createdAt] }
        print(alignedTable(["id", "statement_id", "correction", "created_at"], rows))
        print("\(corrections.count) correction\(corrections.count == 1 ? "" : "s") in \(database.db)")
    }
}
