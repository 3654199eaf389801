import StanceCore
import Yams

/// Reads `topics/*.yaml`, one topic per file, and keeps topic ids unique across files.
///
/// ```yaml
/// id: russia-peace                      # required, kebab-case
/// label: Russia's interest in peace     # required
/// target: Russia wants peace            # required
/// kind: proposition                     # proposition (default) | entity
/// actors: {russia: [russia, moscow]}    # group name -> terms
/// holder: ["@russia"]                   # "@group" stands for the group's terms
/// objects: [peace, "peace initiative*"]
/// opposites: [war]
/// terms: []
/// cues: [{term: "imperial ambition*", polarity: -0.8}]
/// ```
struct TopicReader {
    private(set) var topics: [Topic] = []
    private var ids: [String: SourceLocation] = [:]

    private static let keys = ["id", "label", "target", "kind", "actors", "holder", "objects", "opposites",
                               "terms", "cues"]
    private static let kinds = ColumnRule.oneOf(["proposition", "entity"], required: false)
    private static let polarity = ColumnRule.number(-1...1, required: true)

    mutating func read(text: String, file: String, log: inout DiagnosticLog) {
        guard let yaml = YAMLFile(text: text, file: file, log: &log) else { return }
        guard let root = yaml.root else {
            log.error(.missing, "empty topic file: a topic needs id, label and target",
                      at: SourceLocation(file: file, line: 1))
            return
        }
        guard let mapping = yaml.mapping(root, "a topic", log: &log) else { return }
        let values = yaml.values(of: mapping, allowed: Self.keys, what: "a topic", log: &log)

        let id = readID(values["id"], yaml: yaml, mapping: mapping, log: &log)
        let label = yaml.requiredText(values["label"], key: "label", in: mapping, log: &log)
        let target = yaml.requiredText(values["target"], key: "target", in: mapping, log: &log)
        var kind = Topic.Kind.proposition
        if let node = values["kind"], let text = yaml.value(node, "kind", rule: Self.kinds, log: &log),
           let parsed = Topic.Kind(rawValue: text) {
            kind = parsed
        }
        let actors = readActors(values["actors"], yaml: yaml, log: &log)
        func section(_ key: String) -> [LexiconEntry] {
            readSection(key, values[key], actors: actors, yaml: yaml, log: &log)
        }
        let holder = section("holder"), objects = section("objects"), opposites = section("opposites")
        let terms = section("terms")
        let cues = readCues(values["cues"], yaml: yaml, log: &log)

        guard let id, let label, let target else { return }
        topics.append(Topic(id: id, label: label, target: target, kind: kind, holder: holder, objects: objects,
                            opposites: opposites, terms: terms, actors: actors, cues: cues, file: file))
    }

    private mutating func readID(_ node: Node?, yaml: YAMLFile, mapping: Node.Mapping,
                                 log: inout DiagnosticLog) -> String? {
        guard let id = yaml.requiredText(node, key: "id", in: mapping, log: &log), let node else { return nil }
        let place = yaml.location(of: node)
        let isKebab = id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        if !isKebab {
            log.error(.valueOutOfRange, "topic id \"\(id)\" must be kebab-case: only a-z, 0-9 and \"-\"", at: place)
            return nil
        }
        if let first = ids[id] {
            log.error(.duplicate, "duplicate topic id \"\(id)\" (same as \(first.fileLine))", at: place)
            return nil
        }
        ids[id] = place
        return id
    }

    /// Actor groups: name -> terms. Groups cannot reference other groups.
    private func readActors(_ node: Node?, yaml: YAMLFile, log: inout DiagnosticLog) -> [String: [LexiconEntry]] {
        guard let node, !YAMLFile.isNull(node), let mapping = yaml.mapping(node, "\"actors\"", log: &log) else {
            return [:]
        }
        var actors: [String: [LexiconEntry]] = [:]
        for (keyNode, value) in mapping {
            guard let name = yaml.scalar(keyNode, "an actor group name", log: &log) else { continue }
            var index = TermIndex()
            actors[name] = yaml.strings(value, "actor group \"\(name)\"", log: &log)
                .compactMap { yaml.term($0, log: &log) }
                .filter { index.insert($0, log: &log) }
        }
        return actors
    }

    /// A list of terms in which `@group` stands for the entries of an actor group (keeping their locations).
    private func readSection(_ key: String, _ node: Node?, actors: [String: [LexiconEntry]], yaml: YAMLFile,
                             log: inout DiagnosticLog) -> [LexiconEntry] {
        guard let node else { return [] }
        var index = TermIndex()
        var referenced: Set<String> = []
        var entries: [LexiconEntry] = []
        for item in yaml.strings(node, "\"\(key)\"", log: &log) {
            let place = yaml.location(of: item.node)
            let text = item.text.trimmingWhitespace
            guard text.hasPrefix("@") else {
                if let entry = yaml.term(item, log: &log), index.insert(entry, log: &log) { entries.append(entry) }
                continue
            }
            let group = String(text.dropFirst())
            guard let members = actors[group] else {
                let known = actors.keys.sorted().map { "@" + $0 }.joined(separator: ", ")
                let hint = known.isEmpty ? "no actors defined" : "known: " + known
                log.error(.unknownReference, "unknown actor group \"\(text)\" in \"\(key)\" (\(hint))", at: place)
                continue
            }
            guard referenced.insert(group).inserted else {
                log.error(.duplicate, "\"\(text)\" is listed twice in \"\(key)\"", at: place)
                continue
            }
            for member in members where index.insert(member, reportAt: place, log: &log) {
                entries.append(member)
            }
        }
        return entries
    }

    /// Cues: `{term: ..., polarity: -1...1}`; the entry's `fields` hold the polarity as written.
    private func readCues(_ node: Node?, yaml: YAMLFile, log: inout DiagnosticLog) -> [LexiconEntry] {
        guard let node, let items = yaml.sequence(node, "\"cues\"", log: &log) else { return [] }
        var index = TermIndex()
        var cues: [LexiconEntry] = []
        for item in items {
            guard let mapping = yaml.mapping(item, "a cue", log: &log) else { continue }
            let values = yaml.values(of: mapping, allowed: ["term", "polarity"], what: "a cue", log: &log)
            let polarity = values["polarity"].flatMap { yaml.value($0, "polarity", rule: Self.polarity, log: &log) }
            if values["polarity"] == nil {
                log.error(.missing, "missing key \"polarity\" in a cue", at: yaml.location(of: item))
            }
            guard let termNode = values["term"] else {
                log.error(.missing, "missing key \"term\" in a cue", at: yaml.location(of: item))
                continue
            }
            guard let text = yaml.scalar(termNode, "\"term\"", log: &log),
                  let entry = yaml.term((text, termNode), fields: polarity.map { ["polarity": $0] } ?? [:], log: &log)
            else { continue }
            if index.insert(entry, log: &log) { cues.append(entry) }
        }
        return cues
    }
}
