import Foundation
import StanceKit

/// How a `stance` process ended, with what it wrote.
public struct StanceExit: Sendable {
    public let status: Int32
    public let reason: Process.TerminationReason
    public let stderr: String
    public let stdout: String
}

/// Runs the `stance` executable the way the CLI tests need it: in a given folder, with a fixed
/// analysis date (`SOURCE_DATE_EPOCH`), without any failpoint variable of the test's own
/// environment, standard input from a file or /dev/null, and standard output to a file (reading two
/// pipes one after the other could block the child).
public enum StanceProcess {
    /// The variables that make `stance` stop or crash on purpose (interruption and store failpoints).
    static let failpointVariables = [Interruption.failpointVariable, "STANCE_STORE_KILL_AFTER_DOCUMENTS"]

    public static func run(_ binary: URL, _ arguments: [String], in folder: URL, stdin: URL? = nil,
                           environment extra: [String: String] = [:]) throws -> StanceExit {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        for variable in failpointVariables { environment.removeValue(forKey: variable) }
        environment["SOURCE_DATE_EPOCH"] = "1795910400"
        process.environment = environment.merging(extra) { _, new in new }
        let output = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let outputHandle = try FileHandle(forWritingTo: output)
        defer { try? FileManager.default.removeItem(at: output) }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = outputHandle
        let input = try stdin.map { try FileHandle(forReadingFrom: $0) }
        process.standardInput = input ?? FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try outputHandle.close()
        try input?.close()
        return StanceExit(status: process.terminationStatus, reason: process.terminationReason,
                          stderr: String(decoding: data, as: UTF8.self),
                          stdout: (try? String(contentsOf: output, encoding: .utf8)) ?? "")
    }
}
