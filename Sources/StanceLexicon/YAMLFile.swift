import StanceCore
import Yams

/// One YAML file composed into nodes that keep their marks, with accessors that report a wrong shape
/// as a diagnostic at the node's place. Values are read as the strings written: untyped loading would
/// turn `no` and `off` into booleans, and `no` is a core negator.
struct YAMLFile {
    let file: String
    /// The document's root; nil when the file holds no document (empty, or only comments).
    let root: Node?

    /// Composes `text`; nil (with L001, or L002 for a repeated key) when it is not valid YAML.
    init?(text: String, file: String, log: inout DiagnosticLog) {
        self.file = file
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            // Yams marks are already 1-based lines and 1-based columns in Unicode scalars.
            func place(_ mark: Mark) -> SourceLocation {
                SourceLocation(file: file, line: mark.line, column: mark.column)
            }
            switch error {
            case .scanner(let context, let problem, let mark, _),
                 .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                let during = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
                log.error(.unparsable, "YAML syntax: \(problem)\(during)", at: place(mark))
            case .duplicatedKeysInMapping(let duplicates, let context):
                let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
                log.error(.duplicate, "duplicate key \(keys) in one mapping", at: place(context.mark))
            default:
                log.error(.unparsable, "YAML: \(error)", at: SourceLocation(file: file, line: 1))
            }
            return nil
        } catch {
            log.error(.unparsable, "YAML: \(error)", at: SourceLocation(file: file, line: 1))
            return nil
        }
    }

    func location(of node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    /// Where a scalar's text starts: one past the opening quote of a quoted scalar.
    func textColumn(of node: Node) -> Int {
        let quoted = node.scalar.map { $0.style == .singleQuoted || $0.style == .doubleQuoted } ?? false
        return location(of: node).column + (quoted ? 1 : 0)
    }

    /// True for an absent value (`key:`, `~`, `null`); a quoted `"null"` is a string.
    static func isNull(_ node: Node) -> Bool { node.null != nil }

    private static func shape(_ node: Node) -> String {
        switch node {
        case .scalar: "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    func mapping(_ node: Node, _ what: String, log: inout DiagnosticLog) -> Node.Mapping? {
        if let mapping = node.mapping { return mapping }
        log.error(.unparsable, "\(what) must be a mapping (key: value), found \(Self.shape(node))",
                  at: location(of: node))
        return nil
    }

    func scalar(_ node: Node, _ what: String, log: inout DiagnosticLog) -> String? {
        if let scalar = node.scalar { return scalar.string }
        log.error(.unparsable, "\(what) must be a single value, found \(Self.shape(node))", at: location(of: node))
        return nil
    }

    /// The items of a list; an absent value is an empty list.
    func sequence(_ node: Node, _ what: String, log: inout DiagnosticLog) -> [Node]? {
        if let sequence = node.sequence { return Array(sequence) }
        if Self.isNull(node) { return [] }
        log.error(.unparsable, "\(what) must be a list, found \(Self.shape(node))", at: location(of: node))
        return nil
    }

    /// The items of a list of single values, each with its node for its place.
    func strings(_ node: Node, _ what: String, log: inout DiagnosticLog) -> [(text: String, node: Node)] {
        (sequence(node, what, log: &log) ?? []).compactMap { item in
            scalar(item, "each item of \(what)", log: &log).map { ($0, item) }
        }
    }

    /// A required text value: L006 when absent or empty.
    func requiredText(_ node: Node?, key: String, in mapping: Node.Mapping, log: inout DiagnosticLog) -> String? {
        guard let node else {
            log.error(.missing, "missing key \"\(key)\"", at: location(of: .mapping(mapping)))
            return nil
        }
        guard let text = scalar(node, "\"\(key)\"", log: &log) else { return nil }
        let trimmed = text.trimmingWhitespace
        if trimmed.isEmpty || Self.isNull(node) {
            log.error(.missing, "missing value for \"\(key)\"", at: location(of: node))
            return nil
        }
        return trimmed
    }

    /// A single value checked against `rule` (the same rules as TSV columns); nil, with the diagnostic at
    /// the node, when it breaks it. An absent value (`key:`) is an empty one.
    func value(_ node: Node, _ name: String, rule: ColumnRule, log: inout DiagnosticLog) -> String? {
        guard let text = scalar(node, "\"\(name)\"", log: &log) else { return nil }
        let value = Self.isNull(node) ? "" : text.trimmingWhitespace
        if let problem = rule.check(value, name: name) {
            log.error(problem.code, problem.message, at: location(of: node))
            return nil
        }
        return value
    }

    /// The values of a mapping by key. A key not in `allowed` is L004; a non-scalar key is L001.
    func values(of mapping: Node.Mapping, allowed: [String], what: String,
                log: inout DiagnosticLog) -> [String: Node] {
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = scalar(keyNode, "a key of \(what)", log: &log) else { continue }
            if allowed.contains(key) {
                values[key] = value
            } else {
                log.error(.unknownReference,
                          "unknown key \"\(key)\" in \(what) (known: \(allowed.joined(separator: ", ")))",
                          at: location(of: keyNode))
            }
        }
        return values
    }

    /// Parses a scalar with the shared term rules; the entry is placed at the scalar.
    func term(_ item: (text: String, node: Node), fields: [String: String] = [:],
              log: inout DiagnosticLog) -> LexiconEntry? {
        TermParser.parse(item.text, fields: fields, location: location(of: item.node),
                         textColumn: textColumn(of: item.node), log: &log)
    }
}
