import StanceCore

/// Reads one TSV word list: `#` comment lines and blank lines are skipped, the first other line is the
/// header (lowercase column names, `term` first), every further line is an entry. Columns named in
/// `LexiconSchema.lists` are validated; a list the schema does not know gets only the generic checks.
enum WordListReader {
    static func read(text: String, file: String, name: String, log: inout DiagnosticLog) -> WordList {
        let schema = LexiconSchema.lists[name].map { $0.merging(LexiconSchema.commonColumns) { own, _ in own } }
        var header: [String]?
        var entries: [LexiconEntry] = []
        var index = TermIndex()

        for (offset, rawLine) in lines(of: text).enumerated() {
            let lineNumber = offset + 1
            let line = Array(rawLine)
            guard let first = line.first(where: { !$0.properties.isWhitespace }), first != "#" else { continue }
            if let nul = line.firstIndex(of: "\u{0}") {
                log.error(.unparsable, "NUL byte: not a text file", at: SourceLocation(file: file, line: lineNumber,
                                                                                      column: nul + 1))
                continue
            }
            let fields = split(line)
            guard let columns = header else {
                let parsed = readHeader(fields, file: file, line: lineNumber, schema: schema, name: name, log: &log)
                header = parsed
                // A header that cannot be read gives no meaning to the lines under it: report it alone.
                if parsed == nil { return WordList(name: name, file: file, columns: [], entries: []) }
                continue
            }
            let place = SourceLocation(file: file, line: lineNumber, column: 1)
            if fields.count > columns.count {
                let plural = columns.count == 1 ? "" : "s"
                log.error(.unparsable, "\(fields.count) fields, but the header has \(columns.count) column\(plural)",
                          at: SourceLocation(file: file, line: lineNumber, column: fields[columns.count].column))
                continue
            }

            var values: [String: String] = [:]
            for (column, columnName) in columns.enumerated().dropFirst() {
                let field = column < fields.count ? fields[column] : nil
                let value = field?.trimmed ?? ""
                values[columnName] = value
                if let problem = schema?[columnName]?.check(value, name: columnName) {
                    // A missing field is reported where it would start: just past the end of the line.
                    let at = field?.trimmedColumn ?? line.count + 1
                    log.error(problem.code, problem.message,
                              at: SourceLocation(file: file, line: lineNumber, column: at))
                }
            }
            guard let entry = TermParser.parse(fields[0].raw, fields: values, location: place,
                                               textColumn: fields[0].column, log: &log)
            else { continue }
            if index.insert(entry, log: &log) { entries.append(entry) }
        }
        return WordList(name: name, file: file, columns: header ?? ["term"], entries: entries)
    }

    /// Validates the header row; nil when it is unusable (L001). Schema problems (an unknown column,
    /// a missing required one) are reported but leave the header usable.
    private static func readHeader(_ fields: [Field], file: String, line: Int, schema: [String: ColumnRule]?,
                                   name: String, log: inout DiagnosticLog) -> [String]? {
        func place(_ column: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
        let names = fields.map(\.trimmed)
        var usable = true
        if names[0] != "term" {
            log.error(.unparsable, "the header's first column must be \"term\", found \"\(names[0])\"",
                      at: place(fields[0].trimmedColumn))
            usable = false
        }
        var seen: Set<String> = []
        for (field, columnName) in zip(fields, names) {
            let isIdentifier = !columnName.isEmpty && columnName.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
            }
            if !isIdentifier {
                log.error(.unparsable, "column name \"\(columnName)\" must be lowercase letters, digits or \"_\"",
                          at: place(field.trimmedColumn))
                usable = false
            } else if !seen.insert(columnName).inserted {
                log.error(.unparsable, "duplicate column \"\(columnName)\"", at: place(field.trimmedColumn))
                usable = false
            }
        }
        guard usable else { return nil }

        if let schema {
            let known = schema.keys.sorted()
            for (field, columnName) in zip(fields, names).dropFirst() where schema[columnName] == nil {
                let hint = known.isEmpty ? "it has only \"term\"" : "known: \(known.joined(separator: ", "))"
                log.error(.unknownReference, "unknown column \"\(columnName)\" in \(name) (\(hint))",
                          at: place(field.trimmedColumn))
            }
            for columnName in known where schema[columnName]!.isRequired && !seen.contains(columnName) {
                log.error(.missing, "missing column \"\(columnName)\" (required in \(name))", at: place(1))
            }
        }
        return names
    }

    /// One TAB-separated field: a slice of its line, so its indices are 0-based columns.
    struct Field {
        let scalars: ArraySlice<Unicode.Scalar>

        var column: Int { scalars.startIndex + 1 }
        var raw: String { String(String.UnicodeScalarView(scalars)) }

        /// The value without surrounding white space.
        var trimmed: String { String(String.UnicodeScalarView(scalars.trimmingWhitespace)) }
        /// Where the value proper starts, past leading white space.
        var trimmedColumn: Int { scalars.trimmingWhitespace.startIndex + 1 }
    }

    private static func split(_ line: [Unicode.Scalar]) -> [Field] {
        line.split(separator: "\t", omittingEmptySubsequences: false).map(Field.init)
    }

    /// Lines as scalars, split on LF with a CR before it dropped. Splitting the `String` itself would
    /// not work: "\r\n" is one `Character`. A leading byte-order mark is not part of the first line.
    static func lines(of text: String) -> [ArraySlice<Unicode.Scalar>] {
        var scalars = ArraySlice(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        return scalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.last == "\r" ? line.dropLast() : line
        }
    }
}
