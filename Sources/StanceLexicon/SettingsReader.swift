import StanceCore
import Yams

/// Reads `settings.yaml`: a flat mapping of the keys in `LexiconSchema.settings` to numbers. An empty
/// file (or one of only comments) sets nothing, and every analysis default applies.
enum SettingsReader {
    static func read(text: String, file: String, log: inout DiagnosticLog) -> Settings {
        var settings = Settings()
        guard let yaml = YAMLFile(text: text, file: file, log: &log), let root = yaml.root,
              let mapping = yaml.mapping(root, "settings", log: &log)
        else { return settings }
        let known = LexiconSchema.settings.keys.sorted()
        for (keyNode, valueNode) in mapping {
            guard let key = yaml.scalar(keyNode, "a setting's name", log: &log) else { continue }
            guard let range = LexiconSchema.settings[key] else {
                log.error(.unknownReference, "unknown setting \"\(key)\" (known: \(known.joined(separator: ", ")))",
                          at: yaml.location(of: keyNode))
                continue
            }
            guard let value = yaml.value(valueNode, key, rule: .number(range, required: true), log: &log),
                  let number = ColumnRule.parseNumber(value)
            else { continue }
            settings.values[key] = number
            settings.locations[key] = yaml.location(of: keyNode)
        }
        return settings
    }
}
