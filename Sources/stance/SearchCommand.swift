import ArgumentParser
import Foundation
import StanceCore
import StanceKit
import StanceReports
import StanceStore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the stored statements: speaker, stance and the words cited with their place.",
        discussion: """
        QUERY is SQLite FTS5 syntax (`peace AND russia`, `"peace agreement"`, `negot*`); anything else is searched \
        as plain words, all required. Case and diacritics are ignored; an empty QUERY lists statements by the \
        filters. Stances and speakers are those of the newest finished run, with corrections applied. Matched \
        words are shown between [ and ].
        """,
        version: stanceVersion)

    @Argument(help: "Words to find in statements.")
    var query: String

    @Option(name: .long, help: "Only statements of speakers whose name contains this.")
    var speaker: String?

    @Option(name: .long, help: "Only statements with a stance on this topic id.")
    var topic: String?

    @Option(name: .long, help: "Only statements with this stance (FAVOR, AGAINST, NONE), on --topic if given.")
    var stance: String?

    @Option(name: .long, help: "Most results to print.")
    var limit: Int = 20

    @Option(name: .long, help: "table (default on a terminal) or csv.")
    var format: ListFormat?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let stance, StanceLabel(rawValue: stance.uppercased()).map({ $0 != .mixed }) != true {
            throw ValidationError("--stance wants FAVOR, AGAINST or NONE")
        }
    }

    func run() throws {
        let store = try database.open()
        defer { try? store.close() }
        let label = stance.flatMap { StanceLabel(rawValue: $0.uppercased()) }
        let corrections = CorrectionApplier.Effective(try withStore { try store.corrections() })
        // Ask for more than the limit: corrections may take some out.
        let hits = try withStore {
            try store.search(query, speaker: speaker, topic: topic, stance: label, limit: limit + corrections.dropped.count)
        }.filter { corrections.dropped[$0.statementID] == nil }.prefix(limit)

        let rows = hits.map { hit -> (hit: SearchHit, speaker: String, stances: [String]) in
            let speaker = corrections.speakers[hit.statementID]?.name ?? hit.speaker
            let overrides = corrections.stances[hit.statementID] ?? [:]
            var stances = hit.stances.filter { topic == nil || $0.topic == topic }.map { stance -> String in
                if let (label, _) = overrides[stance.topic] { return "\(stance.topic) \(label.rawValue) (corrected)" }
                return "\(stance.topic) \(stance.label.rawValue) \(Number.format(stance.score, decimals: 2, signed: true))"
            }
            for (topicID, (label, _)) in overrides.sorted(by: { $0.key < $1.key })
            where !hit.stances.contains(where: { $0.topic == topicID }) && (topic == nil || topic == topicID) {
                stances.append("\(topicID) \(label.rawValue) (corrected)")
            }
            return (hit, speaker.isEmpty ? "(unattributed)" : speaker, stances)
        }
        switch ListFormat.chosen(format) {
        case .table:
            for row in rows {
                let stances = row.stances.isEmpty ? "no stance" : row.stances.joined(separator: "; ")
                print("\(row.speaker) — \(stances)")
                let snippet = row.hit.snippet.replacingOccurrences(of: "\n", with: " ")
                print("  “\(snippet)” (\(row.hit.documentID), paragraph \(row.hit.paragraph); \(row.hit.statementID))")
            }
            warn("\(rows.count) statement\(rows.count == 1 ? "" : "s") found in \(database.db)")
        case .csv:
            let header = ["statement_id", "document", "paragraph", "start", "end", "speaker", "stances", "snippet", "text"]
            let cells = rows.map { row in
                [row.hit.statementID, row.hit.documentID, String(row.hit.paragraph), String(row.hit.range.start),
                 String(row.hit.range.end), row.speaker, row.stances.joined(separator: "; "), row.hit.snippet, row.hit.text]
            }
            print(CSVWriter.render(columns: header.map { CSVColumn.text($0) }, rows: cells, profile: .plain), terminator: "")
        }
    }
}

struct SpeakersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "speakers",
        abstract: "List the speakers of the newest finished run (or --run): aliases, roles, affiliation, counts.",
        discussion: "Corrections are applied. CSV output has the columns of speakers.csv.",
        version: stanceVersion)

    @Option(name: .customLong("run"), help: "The run (default: the newest finished run).")
    var runID: String?

    @Option(name: .long, help: "table (default on a terminal) or csv.")
    var format: ListFormat?

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open()
        defer { try? store.close() }
        let result = try loadStoredReport(store, runID: runID, db: database.db).overview
        switch ListFormat.chosen(format) {
        case .table:
            let rows = result.speakers.map {
                [$0.name, $0.aliases.joined(separator: "; "), $0.roles.joined(separator: "; "), $0.affiliation ?? "",
                 String($0.statements), String($0.documents)]
            }
            print(alignedTable(["speaker", "aliases", "roles", "affiliation", "statements", "documents"], rows))
            print("\(result.speakers.count) speakers in run \(result.run.runID)")
        case .csv:
            print(TableFormat.speakers.render(result, profile: .plain), terminator: "")
        }
    }
}
