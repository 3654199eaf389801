import Yams

/// quanteda dictionaries in YAML (`dictionary(file = "x.yml")`, `as.yaml()`): each key is a
/// category whose value is a list of patterns, or a mapping of subcategories; a `__` key holds
/// the patterns of its parent when the parent also has subcategories. Category paths are joined
/// with `.`, as quanteda flattens them (`sentiment.positive`). Patterns are globs: `*` any
/// characters, `?` one character; a space separates the words of a phrase.
enum QuantedaYAMLFormat {
    static func read(_ text: String, file: String) throws -> ForeignLexicon {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ImportError.unrecognised(path: file, line: line(of: error), reason: "not valid YAML: \(error)")
        } catch {
            throw ImportError.unrecognised(path: file, line: 1, reason: "not valid YAML: \(error)")
        }
        guard case .mapping(let mapping)? = root else {
            throw ImportError.unrecognised(path: file, line: root?.mark?.line ?? 1,
                                           reason: "a quanteda dictionary is a mapping of category names to lists of patterns")
        }
        var lexicon = ForeignLexicon()
        walk(.mapping(mapping), path: [], file: file, into: &lexicon)
        return lexicon
    }

    private static func walk(_ node: Node, path: [String], file: String, into lexicon: inout ForeignLexicon) {
        let line = node.mark?.line ?? 1
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard let name = key.scalar?.string, !name.isEmpty else {
                    lexicon.notes.append(ImportNote(file: file, line: key.mark?.line ?? line, .unparsable,
                                                    "a category name must be a plain value"))
                    continue
                }
                let inner = name == "__" ? path : path + [name]
                if name != "__" { lexicon.define(inner.joined(separator: "."), line: key.mark?.line ?? line) }
                walk(value, path: inner, file: file, into: &lexicon)
            }
        case .sequence(let sequence):
            for item in sequence { walk(item, path: path, file: file, into: &lexicon) }
        case .scalar(let scalar):
            if node.null != nil && scalar.style == .plain { return }
            guard !path.isEmpty else {
                lexicon.notes.append(ImportNote(file: file, line: line, .unparsable, "a pattern outside any category"))
                return
            }
            lexicon.entries.append(ForeignEntry(term: scalar.string, category: path.joined(separator: "."), line: line,
                                                column: node.mark?.column ?? 1))
        case .alias:
            lexicon.notes.append(ImportNote(file: file, line: line, .unparsable, "YAML aliases are not supported"))
        }
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: 1
        }
    }
}
