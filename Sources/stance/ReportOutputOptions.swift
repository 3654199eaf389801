import ArgumentParser
import Foundation
import StanceReports

/// Where a command that builds a run writes it (`analyze`, `merge`): the output folder, the corpus
/// database in it or elsewhere, and the form of the tables.
struct ReportOutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output folder; only the tool's own files in it are replaced.")
    var out: String = "Reports"

    @Option(name: .long, help: "The corpus database (default: OUT/stance.sqlite); created when missing.")
    var db: String?

    @Option(name: .customLong("busy-timeout"), help: "Seconds to wait while another process writes the database.")
    var busyTimeout: Double = 10

    @Option(name: .customLong("csv-profile"), help: "excel (BOM, CRLF, formula guard) or plain (exact values).")
    var csvProfile: CSVProfile = .excel

    @Option(name: .long, help: "Also write positions by source or by month: source|month.")
    var by: [PositionGrouping] = []

    /// `--db`, or `stance.sqlite` in the output folder.
    func databasePath(in outURL: URL) -> String {
        db ?? outURL.appendingPathComponent("stance.sqlite").path
    }
}
