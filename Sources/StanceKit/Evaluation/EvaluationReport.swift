import StanceCore
import StanceReports

/// `stance evaluate` output: readable text, or one JSON object for pipelines.
public struct EvaluationReport: Sendable {
    public let goldFile: String
    public let evaluation: Evaluation
    /// Nil without `--ablate`.
    public let ablation: [AblationResult]?
    /// Errors listed (all when nil); the counts always cover every error.
    public let errorLimit: Int?

    public init(goldFile: String, evaluation: Evaluation, ablation: [AblationResult]? = nil, errorLimit: Int? = nil) {
        self.goldFile = goldFile
        self.evaluation = evaluation
        self.ablation = ablation
        self.errorLimit = errorLimit
    }

    static func f(_ value: Double) -> String { String(format: "%.3f", value) }
    static func signed(_ value: Double) -> String { (value >= 0 ? "+" : "") + String(format: "%.3f", value) }

    // MARK: - Text

    public var text: String {
        let e = evaluation
        var out: [String] = []
        let unit = e.kind == "statements" ? "statement pairs (found gold statement x topic)" : e.kind == "positions" ? "positions" : "rows"
        out.append("Gold: \(goldFile) (\(e.kind))")
        for note in e.notes { out.append("  note: \(note)") }
        if let a = e.attribution {
            out.append("")
            out.append("Attribution: \(a.gold) gold statements, \(a.found) found, \(a.predicted) predicted, \(a.correct) of them correct")
            out.append("  precision \(Self.f(a.precision))  recall \(Self.f(a.recall))  F1 \(Self.f(a.f1))  "
                       + "speaker accuracy \(Self.f(a.speakerAccuracy)) (\(a.speakerRight)/\(a.found))")
        }
        out.append("")
        out.append("Stance: \(e.stance.total) \(unit)")
        let rows = e.stance.labels.map { label -> [String] in
            let s = e.stance.scores(label)
            return [label.rawValue, Self.f(s.precision), Self.f(s.recall), Self.f(s.f1), "\(s.gold)", "\(s.predicted)"]
        }
        out += Self.table(["class", "precision", "recall", "F1", "gold", "predicted"], rows).map { "  " + $0 }
        out.append("  macro-F1 \(Self.f(e.stance.macroF1)) (over \(e.stance.usedLabels.map(\.rawValue).joined(separator: ", "))); "
                   + "FAVOR/AGAINST F1 \(Self.f(e.stance.favorAgainstF1)); accuracy \(Self.f(e.stance.accuracy))")
        out.append("")
        out.append("Confusion matrix (rows: gold, columns: predicted)")
        let matrix = e.stance.labels.map { gold in [gold.rawValue] + e.stance.labels.map { "\(e.stance.count(gold: gold, predicted: $0))" } }
        out += Self.table(["gold \\ predicted"] + e.stance.labels.map(\.rawValue), matrix).map { "  " + $0 }
        out.append("")
        let shown = errorLimit.map { Array(e.errors.prefix($0)) } ?? e.errors
        let byKind = EvaluationError.Kind.allCases.compactMap { kind -> String? in
            let n = e.errors.filter { $0.kind == kind }.count
            return n == 0 ? nil : "\(n) \(kind.rawValue)"
        }
        out.append("Errors: \(e.errors.count)" + (byKind.isEmpty ? "" : " (" + byKind.joined(separator: ", ") + ")")
                   + (shown.count < e.errors.count ? "; first \(shown.count) shown (--errors N)" : ""))
        for error in shown { out += Self.lines(error).map { "  " + $0 } }
        if let ablation {
            out.append("")
            out += ablationLines(ablation)
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func lines(_ error: EvaluationError) -> [String] {
        var head = error.kind.rawValue + "  " + error.document
        if let range = error.range { head += " \(range)" }
        if let paragraph = error.paragraph { head += " ¶\(paragraph)" }
        if let topic = error.topic { head += "  \(topic)" }
        if let speaker = error.speaker, error.kind != .speaker, error.kind != .falsePositive { head += "  \(speaker)" }
        head += ": expected \(error.expected), got \(error.got)"
        if let line = error.goldLine { head += "  (gold line \(line))" }
        var out = [head]
        if !error.text.isEmpty { out.append("    \"\(Explanation.cut(Workbench.oneLine(error.text), 110))\"") }
        if let statement = error.statementID { out.append("    statement \(statement)" + (error.attribution.map { ", found by \($0)" } ?? "")) }
        if !error.evidence.isEmpty { out.append("    evidence: " + error.evidence.map(\.formatted).joined(separator: "; ")) }
        else if error.kind == .stance { out.append("    evidence: no rule fired") }
        return out
    }

    func ablationLines(_ results: [AblationResult]) -> [String] {
        var out = ["Ablation: \(results.count) lexicon entries fired; the scores without each one (macro-F1 now \(Self.f(evaluation.stance.macroF1))). "
                   + "delta < 0: the entry helps; > 0: it hurts; fixes / breaks: errors that removing it fixes / makes"]
        guard !results.isEmpty else { return out + ["  no stance or topic entry fired in the evaluated predictions"] }
        let rows = results.map { r -> [String] in
            [Self.signed(r.delta), Self.f(r.macroF1), "\(r.fired)", "\(r.fixes.count)", "\(r.causes.count)", r.entry.place,
             Explanation.cut(r.entry.entry.term, 40)]
        }
        out += Self.table(["delta", "macro-F1", "fired", "fixes", "breaks", "entry", "term"], rows).map { "  " + $0 }
        let moving = results.filter { !$0.fixes.isEmpty || !$0.causes.isEmpty }
        if !moving.isEmpty {
            out.append("")
            out.append("What removing each entry changes:")
            let limit = errorLimit ?? Int.max
            for r in moving {
                out.append("  \(r.entry.place) \"\(r.entry.entry.term)\" (\(r.entry.section))")
                for error in r.fixes.prefix(limit) { out.append("    fixes:  " + Self.brief(error)) }
                for error in r.causes.prefix(limit) { out.append("    breaks: " + Self.brief(error)) }
                let hidden = max(0, r.fixes.count - limit) + max(0, r.causes.count - limit)
                if hidden > 0 { out.append("    ... \(hidden) more") }
            }
        }
        return out
    }

    static func brief(_ error: EvaluationError) -> String {
        var place = error.document
        if let range = error.range { place += " \(range)" }
        if let topic = error.topic { place += " \(topic)" }
        if error.kind == .position, let speaker = error.speaker { place = "\(topic(error)) \(speaker)" }
        let got = error.got.split(separator: " ").first.map(String.init) ?? error.got
        return "\(error.kind.rawValue) \(place): expected \(error.expected), got \(got)  \"\(Explanation.cut(Workbench.oneLine(error.text), 60))\""
    }

    private static func topic(_ error: EvaluationError) -> String { error.topic ?? "" }

    static func table(_ header: [String], _ rows: [[String]]) -> [String] {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        return all.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }.joined(separator: "  ")
        }
    }

    // MARK: - JSON

    public var json: String {
        let e = evaluation
        var root = JSONObject()
        root.string("gold", goldFile)
        root.string("kind", e.kind)
        root.array("notes", e.notes.map(JSONLines.quoted))
        if let a = e.attribution {
            var o = JSONObject()
            o.integer("gold", a.gold)
            o.integer("found", a.found)
            o.integer("speaker_right", a.speakerRight)
            o.integer("predicted", a.predicted)
            o.integer("correct", a.correct)
            o.number("precision", a.precision)
            o.number("recall", a.recall)
            o.number("f1", a.f1)
            o.number("speaker_accuracy", a.speakerAccuracy)
            root.raw("attribution", o.text)
        } else {
            root.raw("attribution", "null")
        }
        var stance = JSONObject()
        stance.integer("pairs", e.stance.total)
        stance.array("classes", e.stance.labels.map { label in
            let s = e.stance.scores(label)
            var o = JSONObject()
            o.string("label", label.rawValue)
            o.number("precision", s.precision)
            o.number("recall", s.recall)
            o.number("f1", s.f1)
            o.integer("gold", s.gold)
            o.integer("predicted", s.predicted)
            return o.text
        })
        stance.number("macro_f1", e.stance.macroF1)
        stance.number("favor_against_f1", e.stance.favorAgainstF1)
        stance.number("accuracy", e.stance.accuracy)
        stance.array("labels", e.stance.labels.map { JSONLines.quoted($0.rawValue) })
        stance.array("confusion", e.stance.counts.map { "[" + $0.map(String.init).joined(separator: ",") + "]" })
        root.raw("stance", stance.text)
        root.integer("error_count", e.errors.count)
        let shown = errorLimit.map { Array(e.errors.prefix($0)) } ?? e.errors
        root.array("errors", shown.map(Self.json))
        if let ablation {
            root.array("ablation", ablation.map { r in
                var o = JSONObject()
                o.string("entry", r.entry.place)
                o.string("file", r.entry.entry.location.file)
                o.integer("line", r.entry.entry.location.line)
                o.integer("column", r.entry.entry.location.column)
                o.string("term", r.entry.entry.term)
                o.string("section", r.entry.section)
                o.integer("fired", r.fired)
                o.integer("rescored", r.rescored)
                o.number("macro_f1", r.macroF1)
                o.number("delta", r.delta)
                o.array("fixes", r.fixes.map(Self.json))
                o.array("causes", r.causes.map(Self.json))
                return o.text
            })
        } else {
            root.raw("ablation", "null")
        }
        return root.text
    }

    static func json(_ error: EvaluationError) -> String {
        var o = JSONObject()
        o.string("kind", error.kind.rawValue)
        o.string("document", error.document)
        o.integer("start", error.range?.start)
        o.integer("end", error.range?.end)
        o.integer("paragraph", error.paragraph)
        o.string("statement_id", error.statementID)
        o.string("speaker", error.speaker)
        o.string("topic", error.topic)
        o.string("expected", error.expected)
        o.string("got", error.got)
        o.string("text", error.text)
        o.string("attribution", error.attribution)
        o.array("evidence", error.evidence.map { JSONLines.quoted($0.formatted) })
        o.integer("gold_line", error.goldLine)
        return o.text
    }
}
