import Foundation
import StanceCore
import StanceReports

/// Writes `report.md` and one chart per topic under `charts/`, each atomically.
enum ReportWriter {
    /// Returns the files written, relative to `directory`.
    static func write(_ result: CorpusResult, to directory: URL, markdown: String? = nil) throws -> [String] {
        var written: [String] = []
        for topic in result.topics {
            let positions = result.positions.filter { $0.topic == topic.id && $0.group == nil }
            let path = PositionChart.relativePath(for: topic.id)
            try AtomicFile.write(PositionChart.render(topic: topic, positions: positions), to: directory.appendingPathComponent(path))
            written.append(path)
        }
        try AtomicFile.write(markdown ?? MarkdownReport.render(result, options: .init()),
                             to: directory.appendingPathComponent("report.md"))
        return written + ["report.md"]
    }
}
