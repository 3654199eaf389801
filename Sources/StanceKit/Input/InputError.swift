import Foundation

/// Why an input could not be analysed. The message names the file as it can be opened (PATH as
/// given joined with the relative path; for JSONL, `file:line`).
public struct InputError: Error, CustomStringConvertible, Sendable {
    /// The file, as printed in messages.
    public let path: String
    /// 1-based line of a JSONL file.
    public let line: Int?
    public let reason: String
    /// The document id the error is about (the relative path; for a JSONL line, the file's
    /// relative path), for the `error` records of the JSONL stream.
    public let document: String

    public init(path: String, line: Int? = nil, document: String? = nil, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
        self.document = document ?? path
    }

    /// `file: reason` or `file:line: reason`.
    public var description: String {
        if let line { return "\(path):\(line): \(reason)" }
        return "\(path): \(reason)"
    }
}
