import Foundation
import StanceCore
import StanceReports

/// One hand-made statement of a statements gold file (`*.jsonl`, format in `Tests/Fixtures/gold/README.md`).
public struct GoldStatement: Sendable, Hashable {
    public let document: String
    public let speaker: String
    public let kind: String
    public let range: TextRange
    public let text: String
    /// The topic the statement speaks to and its stance toward the topic's target; nil when it
    /// takes no clear side on any topic (NONE on every topic).
    public let topic: String?
    public let stance: StanceLabel?
    /// The line of the gold file.
    public let line: Int

    public init(document: String, speaker: String, kind: String, range: TextRange, text: String, topic: String?,
                stance: StanceLabel?, line: Int) {
        self.document = document
        self.speaker = speaker
        self.kind = kind
        self.range = range
        self.text = text
        self.topic = topic
        self.stance = stance
        self.line = line
    }
}

/// One speaker's position on a topic in a positions gold file (`topic,speaker,stance`).
public struct GoldPosition: Sendable, Hashable {
    public let topic: String
    public let speaker: String
    public let stance: StanceLabel
    public let line: Int

    public init(topic: String, speaker: String, stance: StanceLabel, line: Int) {
        self.topic = topic
        self.speaker = speaker
        self.stance = stance
        self.line = line
    }
}

/// One text with its stance toward a target in a stance-rows gold file (`id,text,target,stance`),
/// scored as `stance classify` scores it.
public struct GoldRow: Sendable, Hashable {
    public let id: String
    public let text: String
    public let target: String
    public let stance: StanceLabel
    public let line: Int

    public init(id: String, text: String, target: String, stance: StanceLabel, line: Int) {
        self.id = id
        self.text = text
        self.target = target
        self.stance = stance
        self.line = line
    }
}

/// What a gold file holds; its kind decides what `stance evaluate` compares (output contract).
public enum GoldSet: Sendable {
    case statements([GoldStatement])
    case positions([GoldPosition])
    case rows([GoldRow])

    /// `statements`, `positions` or `rows`.
    public var kind: String {
        switch self {
        case .statements: "statements"
        case .positions: "positions"
        case .rows: "rows"
        }
    }

    /// True when the gold is scored against an analysis of articles (a PATH or a stored run).
    public var needsArticles: Bool {
        if case .rows = self { return false }
        return true
    }
}

/// A gold file that cannot be used, with the file and line at fault.
public struct GoldFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}

/// Reads a gold file: `.jsonl` is statements gold; a CSV is positions gold when its header has
/// `topic`, `speaker` and `stance`, stance-rows gold when it has `id`, `text`, `target` and `stance`.
/// Every problem is a `GoldFileError` naming the file and line; nothing is guessed or skipped.
public enum GoldFile {
    public static func read(path: String) throws -> GoldSet {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            throw GoldFileError(file: path, line: 1, message: exists && isDirectory.boolValue ? "is a folder, not a gold file"
                                : exists ? "cannot read the file" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw GoldFileError(file: path, line: 1, message: "not valid UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// `file` names the source in errors; its extension decides JSON Lines or CSV.
    public static func parse(_ text: String, file: String) throws -> GoldSet {
        if file.lowercased().hasSuffix(".jsonl") { return .statements(try statements(text, file: file)) }
        let rows: [(line: Int, cells: [String])]
        do { rows = try CSVReader.numberedRows(text, profile: .excel) } catch let error as CSVReadError {
            throw GoldFileError(file: file, line: error.line, message: error.message)
        }
        guard let header = rows.first else { throw GoldFileError(file: file, line: 1, message: "empty gold file") }
        let columns = header.cells.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func index(_ name: String) -> Int? { columns.firstIndex(of: name) }
        func cell(_ row: (line: Int, cells: [String]), _ i: Int, _ name: String) throws -> String {
            let value = i < row.cells.count ? row.cells[i].trimmingCharacters(in: .whitespaces) : ""
            if value.isEmpty { throw GoldFileError(file: file, line: row.line, message: "empty \"\(name)\"") }
            return value
        }
        func label(_ raw: String, line: Int, allowed: [StanceLabel]) throws -> StanceLabel {
            guard let value = StanceLabel(rawValue: raw.uppercased()), allowed.contains(value) else {
                throw GoldFileError(file: file, line: line, message: "stance \"\(raw)\" is not one of "
                                    + allowed.map(\.rawValue).joined(separator: ", "))
            }
            return value
        }
        if let id = index("id"), let text = index("text"), let target = index("target"), let stance = index("stance") {
            return .rows(try rows.dropFirst().map { row in
                GoldRow(id: try cell(row, id, "id"), text: try cell(row, text, "text"), target: try cell(row, target, "target"),
                        stance: try label(try cell(row, stance, "stance"), line: row.line, allowed: [.favor, .against, .none]),
                        line: row.line)
            })
        }
        if let topic = index("topic"), let speaker = index("speaker"), let stance = index("stance") {
            var seen: [String: Int] = [:]
            return .positions(try rows.dropFirst().map { row in
                let position = GoldPosition(topic: try cell(row, topic, "topic"), speaker: try cell(row, speaker, "speaker"),
                                            stance: try label(try cell(row, stance, "stance"), line: row.line,
                                                              allowed: [.favor, .against, .mixed, .none]),
                                            line: row.line)
                let key = position.topic + "\u{0}" + GoldMatching.lastWord(position.speaker)
                if let first = seen[key] {
                    throw GoldFileError(file: file, line: row.line, message: "\(position.speaker) on \(position.topic) is already on line \(first)")
                }
                seen[key] = row.line
                return position
            })
        }
        throw GoldFileError(file: file, line: header.line, message: "unknown gold header \"\(header.cells.joined(separator: ","))\": "
                            + "want topic,speaker,stance (positions), id,text,target,stance (stance rows), or a .jsonl file (statements)")
    }

    static func statements(_ text: String, file: String) throws -> [GoldStatement] {
        var result: [GoldStatement] = []
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            func fail(_ message: String) -> GoldFileError { GoldFileError(file: file, line: number, message: message) }
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                throw fail("not a JSON object")
            }
            func string(_ key: String, required: Bool = true) throws -> String? {
                guard let value = object[key], !(value is NSNull) else {
                    if required { throw fail("missing \"\(key)\"") }
                    return nil
                }
                guard let text = value as? String else { throw fail("\"\(key)\" is not a string") }
                return text
            }
            func integer(_ key: String) throws -> Int {
                guard let value = object[key] else { throw fail("missing \"\(key)\"") }
                guard let number = value as? NSNumber, let whole = Int(exactly: number.doubleValue), whole >= 0 else {
                    throw fail("\"\(key)\" is not a whole number of 0 or more")
                }
                return whole
            }
            let start = try integer("start"), end = try integer("end")
            guard start < end else { throw fail("\"start\" \(start) is not before \"end\" \(end)") }
            let topic = try string("topic", required: false)
            let stanceText = try string("stance", required: false)
            guard (topic == nil) == (stanceText == nil) else { throw fail("\"topic\" and \"stance\" go together") }
            var stance: StanceLabel?
            if let stanceText {
                guard let value = StanceLabel(rawValue: stanceText.uppercased()), value != .mixed else {
                    throw fail("stance \"\(stanceText)\" is not one of FAVOR, AGAINST, NONE")
                }
                stance = value
            }
            result.append(GoldStatement(document: try string("document")!, speaker: try string("speaker")!,
                                        kind: try string("kind", required: false) ?? "", range: TextRange(start, end),
                                        text: try string("text", required: false) ?? "", topic: topic, stance: stance,
                                        line: number))
        }
        if result.isEmpty { throw GoldFileError(file: file, line: 1, message: "no gold statements in the file") }
        return result
    }
}
