import Foundation
import StanceReports
import StanceStore

/// The record, kept in the corpus database, of the report files `stance analyze` wrote to a folder:
/// each file's size and modification time just after writing, under a key naming what they were
/// written from. When a run repeats the previous one and every recorded file is still there as
/// written, the files are current and are not written again (the check `make` and `rsync` make).
/// Any difference (a file edited, touched or deleted, another run, CSV profile, `--by` breakdown or
/// set of corrections) writes them all again.
public struct OutputManifest: Sendable {
    public let store: CorpusStore
    /// The folder as an absolute, standardised path: how the database names it.
    public let directory: String
    public let key: String

    public init(store: CorpusStore, directory: URL, runID: String, profile: CSVProfile, groupings: [PositionGrouping],
                correctionsMarker: String) {
        self.store = store
        self.directory = directory.standardizedFileURL.path
        key = [stanceVersion, runID, profile.rawValue, groupings.map(\.rawValue).joined(separator: ","), correctionsMarker]
            .joined(separator: "|")
    }

    /// Whether the files recorded for the folder are there exactly as written under this key.
    public func isCurrent() throws -> Bool {
        guard let recorded = try store.outputs(directory: directory), recorded.key == key, !recorded.files.isEmpty else { return false }
        return recorded.files.allSatisfy { path, stamp in
            FileStamps.stamp(of: URL(fileURLWithPath: directory).appendingPathComponent(path).path) == stamp
        }
    }

    /// Records `files` (relative to the folder) as just written under this key.
    public func record(_ files: [String]) throws {
        var stamps: [String: FileStamp] = [:]
        for path in files {
            guard let stamp = FileStamps.stamp(of: URL(fileURLWithPath: directory).appendingPathComponent(path).path) else { continue }
            stamps[path] = stamp
        }
        try store.recordOutputs(directory: directory, key: key, files: stamps)
    }
}
