import StanceCore

/// A document that could not be analysed, as an error record of the JSONL stream.
public struct ErrorRecord: Sendable, Hashable {
    public let document: String
    public let message: String

    public init(document: String, message: String) {
        self.document = document
        self.message = message
    }
}

/// JSON Lines, one schema everywhere (`--format jsonl`, `--stdin-jsonl`; output contract "JSONL"):
/// a `statement` record per statement with its stances and structured evidence, a `document` record
/// after each document's statements (also for a document with none: merging needs it), and `error`
/// records. Keys are written in the contract's order and numbers as in the CSV files, so the same
/// result always gives the same bytes; a missing value is `null`.
public enum JSONLines {
    /// The whole stream: documents by id, each one's statements by start offset, then its document
    /// record, then its error records. Every line ends with LF.
    public static func render(_ result: CorpusResult, errors: [ErrorRecord] = []) -> String {
        let statements = Order.statements(result.statements)
        let stancesByStatement = Dictionary(grouping: result.stances, by: \.statementID)
        let statementsByDocument = Dictionary(grouping: statements, by: \.documentID)
        var summaries: [String: DocumentSummary] = [:]
        for document in result.documents where summaries[document.id] == nil { summaries[document.id] = document }
        let errorsByDocument = Dictionary(grouping: errors, by: \.document)
        let ids = Set(summaries.keys).union(statementsByDocument.keys).union(errorsByDocument.keys)
            .sorted(by: Order.scalarsLess)
        var out = ""
        for id in ids {
            for statement in statementsByDocument[id] ?? [] {
                out += statementRecord(statement, stances: stancesByStatement[statement.id] ?? [], run: result.run)
                out += "\n"
            }
            if let summary = summaries[id] {
                out += documentRecord(summary) + "\n"
            }
            let documentErrors = (errorsByDocument[id] ?? []).sorted { Order.scalarsLess($0.message, $1.message) }
            for error in documentErrors {
                out += errorRecord(error) + "\n"
            }
        }
        return out
    }

    /// One statement record (no line end): the statements.csv fields, then `stances` by topic id.
    public static func statementRecord(_ statement: Statement, stances: [StatementStance], run: RunInfo) -> String {
        statementObject(statement, stances: stances, runID: run.runID, lexiconHash: run.lexiconHash, exact: false).text
    }

    /// `exact`: stances and evidence also carry their values unrounded (stream records).
    static func statementObject(_ statement: Statement, stances: [StatementStance], runID: String?, lexiconHash: String,
                                exact: Bool) -> JSONObject {
        var object = JSONObject()
        object.string("type", "statement")
        object.string("statement_id", statement.id)
        object.string("document", statement.documentID)
        object.integer("paragraph", statement.paragraph)
        object.integer("start", statement.range.start)
        object.integer("end", statement.range.end)
        object.string("speaker", statement.speaker)
        object.string("speaker_mention", statement.speakerMention)
        object.string("kind", statement.kind.rawValue)
        object.string("cue", statement.cue)
        object.string("text", statement.text)
        object.string("run_id", runID)
        object.string("lexicon_hash", lexiconHash)
        let sorted = stances.sorted { a, b in
            a.topic != b.topic ? Order.scalarsLess(a.topic, b.topic) : a.label < b.label
        }
        object.raw("stances", "[" + sorted.map { stanceObject($0, exact: exact) }.joined(separator: ",") + "]")
        return object
    }

    /// One document record (no line end).
    public static func documentRecord(_ document: DocumentSummary) -> String {
        documentObject(document).text
    }

    static func documentObject(_ document: DocumentSummary) -> JSONObject {
        var object = JSONObject()
        object.string("type", "document")
        object.string("document", document.id)
        object.string("content_hash", document.contentHash)
        object.string("fingerprint", document.fingerprint)
        object.string("title", document.title)
        object.string("date", document.date)
        object.string("source", document.source)
        object.integer("statements", document.statements)
        return object
    }

    /// One error record (no line end); the caller also prints the message on stderr.
    public static func errorRecord(_ error: ErrorRecord) -> String {
        var object = JSONObject()
        object.string("type", "error")
        object.string("document", error.document)
        object.string("message", error.message)
        return object.text
    }

    static func stanceObject(_ stance: StatementStance, exact: Bool = false) -> String {
        var object = JSONObject()
        object.string("topic", stance.topic)
        object.string("stance", stance.label.rawValue)
        object.number("score", stance.score)
        object.number("confidence", stance.confidence)
        let evidence = stance.evidence.map { item -> String in
            var entry = JSONObject()
            entry.string("rule", item.rule)
            entry.string("file", item.location.file)
            entry.integer("line", item.location.line)
            entry.number("contribution", item.contribution)
            if exact {
                entry.integer("column", item.location.column)
                entry.raw("contribution_exact", exactNumber(item.contribution))
                entry.integer("start", item.range?.start)
                entry.integer("end", item.range?.end)
            }
            return entry.text
        }
        object.raw("evidence", "[" + evidence.joined(separator: ",") + "]")
        if exact {
            object.raw("score_exact", exactNumber(stance.score))
            object.raw("confidence_exact", exactNumber(stance.confidence))
        }
        return object.text
    }

    /// A JSON string literal. Hand-written rather than JSONSerialization so that key order is ours and
    /// the bytes are the same on every platform: quotes, backslashes and control characters are escaped,
    /// as are U+2028 and U+2029 (line breaks to JavaScript); everything else stays as UTF-8 text.
    public static func quoted(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: "\\\"".unicodeScalars)
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16, uppercase: false)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            default: out.append(scalar)
            }
        }
        out.append("\"")
        return String(out)
    }
}

/// An object written key by key, in the order the keys are added.
/// One JSON object built member by member, keys in the order they are added (deterministic
/// output). The one JSON writer of the project: JSONL records, `explain --format json`, workbench output.
public struct JSONObject: Sendable {
    private var members: [String] = []

    public init() {}

    public mutating func raw(_ key: String, _ json: String) {
        members.append(JSONLines.quoted(key) + ":" + json)
    }

    public mutating func string(_ key: String, _ value: String?) {
        raw(key, value.map(JSONLines.quoted) ?? "null")
    }

    public mutating func integer(_ key: String, _ value: Int?) {
        raw(key, value.map(String.init) ?? "null")
    }

    /// Numbers as the CSV files write them (at most 3 decimals); NaN and infinities, which JSON cannot
    /// hold, as null.
    public mutating func number(_ key: String, _ value: Double?) {
        raw(key, value.flatMap { $0.isFinite ? Number.format($0) : nil } ?? "null")
    }

    public mutating func bool(_ key: String, _ value: Bool) { raw(key, value ? "true" : "false") }

    /// `elements` are JSON texts already (e.g. `JSONLines.quoted` strings or nested objects).
    public mutating func array(_ key: String, _ elements: [String]) { raw(key, "[" + elements.joined(separator: ",") + "]") }

    public var text: String { "{" + members.joined(separator: ",") + "}" }
}
