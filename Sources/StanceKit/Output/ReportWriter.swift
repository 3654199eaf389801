import Foundation
import StanceCore
import StanceReports

/// Writes `report.md` and `charts/<topic>.svg` (filled in by the reports issue).
enum ReportWriter {
    static func write(_ result: CorpusResult, to directory: URL) throws {}
}
