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

    public func write(_ result: CorpusResult) throws {
        let formats = TableFormat.all + groupings.map { TableFormat.positions(by: $0) }
        for format in formats {
            try AtomicFile.write(format.build(result).bytes(profile), to: directory.appendingPathComponent(format.fileName))
        }
        try ReportWriter.write(result, to: directory)
    }
}
