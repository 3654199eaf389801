import StanceCore
import StanceReports
import StanceStore

/// `stance diff` output: readable text, or one JSON object for pipelines.
extension RunDiff {
    static func describe(_ run: RunRecord) -> String {
        "\(run.runID) (\(run.finishedAt ?? run.startedAt), lexicon \(run.lexiconHash.prefix(12)), \(run.statements ?? 0) statements)"
    }

    static func label(_ stance: StatementStance?) -> String {
        guard let stance else { return "not placed" }
        return "\(stance.label.rawValue) \(Number.format(stance.score, decimals: 2, signed: true))"
    }

    static func label(_ position: Position?) -> String {
        guard let position else { return "no position" }
        return "\(position.label.rawValue) \(Number.format(position.score, decimals: 2, signed: true)) "
            + "(\(position.statements) statements: \(position.favorStatements) for, \(position.againstStatements) against)"
    }

    public var text: String {
        var out = ["A: " + Self.describe(runA), "B: " + Self.describe(runB)]
        for note in notes { out.append("note: \(note)") }
        out.append("")
        let counts = [EntryChange.Kind.removed, .added, .reweighted].map { kind in
            "\(entryChanges.filter { $0.kind == kind }.count) \(kind == .reweighted ? "re-weighted" : kind.rawValue)"
        }
        out.append("Lexicon entries (A -> B): " + counts.joined(separator: ", "))
        for change in entryChanges { out.append("  " + change.summary + "  [\(change.entry.section)]") }
        if !settingChanges.isEmpty {
            out.append("Settings:")
            for change in settingChanges { out.append("  " + change) }
        }
        out.append("")
        out.append("Statement stances changed: \(stanceChanges.count) (statement x topic)"
                   + (scoreOnlyChanges > 0 ? "; \(scoreOnlyChanges) more changed their score, not their label" : ""))
        for change in stanceChanges {
            let s = change.statement
            var head = "  " + (s.map { "\($0.documentID) ¶\($0.paragraph) " } ?? "") + change.statementID
            if let speaker = s?.speaker, !speaker.isEmpty { head += " \(speaker)" }
            out.append(head + "  \(change.topic): \(Self.label(change.before)) -> \(Self.label(change.after))")
            if let s { out.append("    \"\(Explanation.cut(Workbench.oneLine(s.text), 110))\"") }
            for cause in change.causes { out.append("    because: " + cause.summary) }
            for other in change.otherCauses { out.append("    because: " + other) }
            if let before = change.before, !before.evidence.isEmpty {
                out.append("    A evidence: " + before.evidence.map(\.formatted).joined(separator: "; "))
            }
            if let after = change.after, !after.evidence.isEmpty {
                out.append("    B evidence: " + after.evidence.map(\.formatted).joined(separator: "; "))
            }
        }
        if !statementsOnlyInA.isEmpty || !statementsOnlyInB.isEmpty {
            out.append("")
            out.append("Statements found in one run only: \(statementsOnlyInA.count) only in A, \(statementsOnlyInB.count) only in B")
            for (mark, list) in [("A", statementsOnlyInA), ("B", statementsOnlyInB)] {
                for s in list {
                    out.append("  only in \(mark): \(s.documentID) ¶\(s.paragraph) \(s.id) \(s.speaker.isEmpty ? "(no speaker)" : s.speaker)  "
                               + "\"\(Explanation.cut(Workbench.oneLine(s.text), 80))\"")
                }
            }
        }
        out.append("")
        out.append("Positions changed: \(positionChanges.count)")
        for change in positionChanges {
            out.append("  \(change.topic)  \(change.speaker): \(Self.label(change.before)) -> \(Self.label(change.after))")
        }
        return out.joined(separator: "\n") + "\n"
    }

    public var json: String {
        var root = JSONObject()
        root.raw("run_a", Self.json(runA))
        root.raw("run_b", Self.json(runB))
        root.array("notes", notes.map(JSONLines.quoted))
        root.array("entries", entryChanges.map(Self.json))
        root.array("settings", settingChanges.map(JSONLines.quoted))
        root.array("stances", stanceChanges.map { change in
            var o = JSONObject()
            o.string("statement_id", change.statementID)
            o.string("topic", change.topic)
            o.string("document", change.statement?.documentID)
            o.integer("paragraph", change.statement?.paragraph)
            o.integer("start", change.statement?.range.start)
            o.integer("end", change.statement?.range.end)
            o.string("speaker", change.statement?.speaker)
            o.string("text", change.statement?.text)
            o.raw("before", Self.json(change.before))
            o.raw("after", Self.json(change.after))
            o.array("causes", change.causes.map(Self.json))
            o.array("other_causes", change.otherCauses.map(JSONLines.quoted))
            return o.text
        })
        root.integer("score_only_changes", scoreOnlyChanges)
        root.array("statements_only_in_a", statementsOnlyInA.map(Self.json))
        root.array("statements_only_in_b", statementsOnlyInB.map(Self.json))
        root.array("positions", positionChanges.map { change in
            var o = JSONObject()
            o.string("topic", change.topic)
            o.string("speaker", change.speaker)
            o.raw("before", Self.json(change.before))
            o.raw("after", Self.json(change.after))
            return o.text
        })
        return root.text
    }

    static func json(_ run: RunRecord) -> String {
        var o = JSONObject()
        o.string("run_id", run.runID)
        o.string("finished_at", run.finishedAt)
        o.string("lexicon_hash", run.lexiconHash)
        o.integer("statements", run.statements)
        return o.text
    }

    static func json(_ change: EntryChange) -> String {
        var o = JSONObject()
        o.string("change", change.kind.rawValue)
        o.string("file", change.entry.entry.location.file)
        o.string("section", change.entry.section)
        o.string("term", change.entry.entry.term)
        o.string("before", change.before?.place)
        o.string("after", change.after?.place)
        o.string("values_before", change.before?.values)
        o.string("values_after", change.after?.values)
        return o.text
    }

    static func json(_ stance: StatementStance?) -> String {
        guard let stance else { return "null" }
        var o = JSONObject()
        o.string("stance", stance.label.rawValue)
        o.number("score", stance.score)
        o.array("evidence", stance.evidence.map { JSONLines.quoted($0.formatted) })
        return o.text
    }

    static func json(_ position: Position?) -> String {
        guard let position else { return "null" }
        var o = JSONObject()
        o.string("stance", position.label.rawValue)
        o.number("score", position.score)
        o.integer("statements", position.statements)
        return o.text
    }

    static func json(_ statement: Statement) -> String {
        var o = JSONObject()
        o.string("statement_id", statement.id)
        o.string("document", statement.documentID)
        o.integer("start", statement.range.start)
        o.integer("end", statement.range.end)
        o.string("speaker", statement.speaker)
        o.string("text", statement.text)
        return o.text
    }
}
