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
        try prepareFolder()
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

    func prepareFolder() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try checkChartsFolder()
    }

    /// Writes the table `fileName` row by row: `rows` hands each row to the function it is given,
    /// which buffers it and writes a megabyte at a time, so memory holds one buffer, not the table.
    func writeRows(_ fileName: String, columns: [CSVColumn],
                   _ rows: (_ row: ([String]) throws -> Void) throws -> Void) throws {
        let file = try AtomicFile.Stream(directory.appendingPathComponent(fileName))
        let flushAt = 1 << 20
        var buffer: [UInt8] = []
        buffer.reserveCapacity(flushAt + 64 * 1024)
        CSVWriter.appendHeader(columns: columns, profile: profile, to: &buffer)
        try rows { cells in
            CSVWriter.appendRow(cells, columns: columns, profile: profile, to: &buffer)
            if buffer.count >= flushAt {
                try file.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try file.write(buffer)
        try file.commit()
    }

    /// Files are only ever written inside `directory`: each one is replaced by a rename, so a symbolic
    /// link in the folder is replaced, never followed. The one subfolder, `charts/`, must then be a real
    /// folder: a link there would send the charts elsewhere, so the run stops before writing anything.
    private func checkChartsFolder() throws {
        let charts = directory.appendingPathComponent(PositionChart.folder)
        var info = stat()
        guard lstat(charts.path, &info) == 0 else { return }  // not there yet: created as a folder
        if UInt32(info.st_mode) & UInt32(S_IFMT) != UInt32(S_IFDIR) {
            let what = UInt32(info.st_mode) & UInt32(S_IFMT) == UInt32(S_IFLNK) ? "is a symbolic link" : "is not a folder"
            throw OutputError(path: charts.path, reason: "\(what); stance writes only inside the output folder (remove or rename it)")
        }
    }
}
