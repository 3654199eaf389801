import StanceCore

/// The records `stance analyze --stdin-jsonl` writes for one document: the contract's `statement`
/// records, then its `document` record, each with fields appended after the contract's (output
/// contract: fields may be added, never removed) so that `stance merge` can rebuild the document's
/// result exactly, as if the merged corpus had been analysed in one run:
/// - statement records: `speaker_kind`, `rule`, `link`; each stance also `score_exact` and
///   `confidence_exact`, each evidence item `column`, `contribution_exact`, `start`, `end` (the
///   contract's numbers keep 3 decimals, which positions cannot be recomputed from);
/// - the document record: `lexicon_hash`, `url`, `speakers` (as the document names them),
///   `disagreements`, and `text` (so the merged database can explain, search and re-score).
///
/// There is no run in a stream: `run_id` is null, and `speaker` is the name the document gives
/// (a corpus-level canonical name needs every document: `stance merge` computes it).
extension JSONLines {
    public static func streamRecords(_ result: DocumentResult, document: Document, lexiconHash: String) -> String {
        let stancesByStatement = Dictionary(grouping: result.stances, by: \.statementID)
        var out = ""
        // The analysis's own order (statements, and within each its stances by topic id): a merge
        // rebuilds the document's result in that order.
        for statement in result.statements {
            out += streamStatementRecord(statement, stances: stancesByStatement[statement.id] ?? [], lexiconHash: lexiconHash)
            out += "\n"
        }
        out += streamDocumentRecord(result, document: document, lexiconHash: lexiconHash) + "\n"
        return out
    }

    static func streamStatementRecord(_ statement: Statement, stances: [StatementStance], lexiconHash: String) -> String {
        var object = statementObject(statement, stances: stances, runID: nil, lexiconHash: lexiconHash, exact: true)
        object.string("speaker_kind", statement.speakerKind.rawValue)
        object.string("rule", statement.rule)
        object.string("link", statement.link)
        return object.text
    }

    static func streamDocumentRecord(_ result: DocumentResult, document: Document, lexiconHash: String) -> String {
        var object = documentObject(result.summary)
        object.string("lexicon_hash", lexiconHash)
        object.string("url", document.url)
        object.array("speakers", result.speakers.map { speaker in
            var entry = JSONObject()
            entry.string("name", speaker.name)
            entry.string("kind", speaker.kind.rawValue)
            entry.array("aliases", speaker.aliases.map(quoted))
            entry.array("roles", speaker.roles.map(quoted))
            entry.string("affiliation", speaker.affiliation)
            entry.array("links", speaker.links.map(quoted))
            entry.string("gender", speaker.gender.map { String($0) })
            return entry.text
        })
        object.array("disagreements", result.disagreements.map { disagreement in
            var entry = JSONObject()
            entry.string("speaker", disagreement.speaker)
            entry.string("target", disagreement.target)
            entry.integer("start", disagreement.range.start)
            entry.integer("end", disagreement.range.end)
            let cue = disagreement.cue
            var cueObject = JSONObject()
            cueObject.string("term", cue.term)
            cueObject.array("words", cue.words.map(quoted))
            cueObject.bool("wildcard", cue.isWildcard)
            cueObject.raw("fields", "{" + cue.fields.keys.sorted(by: Order.scalarsLess).map { quoted($0) + ":" + quoted(cue.fields[$0]!) }
                .joined(separator: ",") + "}")
            cueObject.string("file", cue.location.file)
            cueObject.integer("line", cue.location.line)
            cueObject.integer("column", cue.location.column)
            entry.raw("cue", cueObject.text)
            return entry.text
        })
        object.string("text", document.text)
        return object.text
    }

    /// Swift's shortest round-trip form, which JSON parsers read back to the same Double; null when
    /// not finite.
    static func exactNumber(_ value: Double) -> String { value.isFinite ? value.description : "null" }
}
