import StanceCore
import Yams

/// Reads `speakers/*.yaml` registries and keeps every name and alias (after folding) to one speaker
/// across all files, since a name shared by two speakers could not decide who spoke.
///
/// ```yaml
/// speakers:
///   - name: Sergei Shoigu          # required
///     aliases: [Shoigu]
///     roles: [defence minister]
///     affiliation: Russian government
/// ```
struct SpeakerReader {
    private(set) var speakers: [RegisteredSpeaker] = []
    /// Folded name or alias -> the speaker who has it: their name and where they are described.
    private var owners: [String: (name: String, location: SourceLocation)] = [:]

    mutating func read(text: String, file: String, log: inout DiagnosticLog) {
        guard let yaml = YAMLFile(text: text, file: file, log: &log) else { return }
        guard let root = yaml.root else {
            log.error(.missing, "missing key \"speakers\" (the file is empty)", at: SourceLocation(file: file, line: 1))
            return
        }
        guard let mapping = yaml.mapping(root, "a speaker registry", log: &log) else { return }
        let values = yaml.values(of: mapping, allowed: ["speakers"], what: "a speaker registry", log: &log)
        guard let list = values["speakers"] else {
            log.error(.missing, "missing key \"speakers\"", at: yaml.location(of: root))
            return
        }
        for item in yaml.sequence(list, "\"speakers\"", log: &log) ?? [] {
            readSpeaker(item, yaml: yaml, log: &log)
        }
    }

    private mutating func readSpeaker(_ node: Node, yaml: YAMLFile, log: inout DiagnosticLog) {
        guard let mapping = yaml.mapping(node, "a speaker", log: &log) else { return }
        let values = yaml.values(of: mapping, allowed: ["name", "aliases", "roles", "affiliation"],
                                 what: "a speaker", log: &log)
        let place = yaml.location(of: node)
        let name = yaml.requiredText(values["name"], key: "name", in: mapping, log: &log)
        func texts(_ key: String) -> [(text: String, node: Node)] {
            guard let node = values[key] else { return [] }
            return yaml.strings(node, "\"\(key)\"", log: &log)
                .map { ($0.text.trimmingWhitespace, $0.node) }
                .filter { !$0.text.isEmpty }
        }
        let aliases = texts("aliases"), roles = texts("roles")
        var affiliation: String?
        if let node = values["affiliation"], !YAMLFile.isNull(node),
           let text = yaml.scalar(node, "\"affiliation\"", log: &log) {
            affiliation = text.trimmingWhitespace
        }
        guard let name, let nameNode = values["name"] else { return }

        for (text, textNode) in [(name, nameNode)] + aliases {
            let key = Self.nameKey(text)
            if let owner = owners[key], owner.location != place {
                log.error(.duplicate,
                          "\"\(text)\" already names speaker \"\(owner.name)\" (\(owner.location.fileLine))"
                              + " after folding case and diacritics",
                          at: yaml.location(of: textNode))
            } else {
                owners[key] = (name, place)
            }
        }
        speakers.append(RegisteredSpeaker(canonical: name, aliases: aliases.map(\.text), roles: roles.map(\.text),
                                          affiliation: affiliation, location: place))
    }

    /// A name as matching sees it: folded words joined by single spaces.
    static func nameKey(_ name: String) -> String {
        Folding.fold(name).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
