import Foundation
import StanceCore
import StanceReports

/// Writes the files of `stance analyze --out DIR`: every table of the output contract, the
/// Markdown report and its charts. Only the tool's own files are replaced; others stay.
public struct OutputWriter: Sendable {
    public let directory: URL
    public let profile: CSVProfile
    public let groupings: [PositionGrouping]

    public init(directory: URL, profile: CSVProfile = .excel, groupings: [PositionGrouping] = []) {
        self.directory = directory
        self.profile = profile
        self.groupings = groupings
    }

    /// Writes every table, the `--by` breakdowns (positions computed by `grouped`), the charts and
    /// the report (`markdown`, or the report rendered from the result). Returns the files written,
    /// as paths relative to `directory`.
    @discardableResult
    public func write(_ result: CorpusResult, grouped: (PositionGrouping) -> [Position] = { _ in [] },
                      markdown: String? = nil) throws -> [String] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var written: [String] = []
        for format in TableFormat.all {
            try AtomicFile.write(format.build(result).bytes(profile), to: directory.appendingPathComponent(format.fileName))
            written.append(format.fileName)
        }
        for grouping in groupings {
            let table = Tables.groupedPositions(grouped(grouping), by: grouping, run: result.run)
            try AtomicFile.write(table.bytes(profile), to: directory.appendingPathComponent(grouping.fileName))
            written.append(grouping.fileName)
        }
        return written + (try ReportWriter.write(result, to: directory, markdown: markdown))
    }
}
