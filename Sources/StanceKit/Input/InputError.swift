import Foundation

/// Why an input could not be analysed. The message names the file (and line for JSONL).
public struct InputError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let line: Int?
    public let reason: String

    public init(path: String, line: Int? = nil, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    public var description: String {
        if let line { return "\(path):\(line): \(reason)" }
        return "\(path): \(reason)"
    }
}
