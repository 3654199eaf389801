import StanceCore

/// Ties mentions to the people and organisations of one document: a full name starts or finds an
/// entity; a surname or title + surname finds the full name given earlier (case and diacritics
/// ignored); a pronoun finds the most recent compatible speaker; a role noun finds the person
/// introduced with that role, else the most recent speaker (a role no one was introduced with).
struct SpeakerResolver {
    struct Entity {
        var name: String
        var words: [String]
        var kind: SpeakerKind
        var roles: [String] = []
        var roleTitles: [String] = []
        var affiliation: String?
        var gender: Character?
        var aliases: [String] = []
        var links: [String] = []
    }

    private(set) var entities: [Entity] = []
    /// Entity indices, most recently active first.
    private var salience: [Int] = []
    /// Registry entries, folded alias -> canonical name.
    private let registry: [String: RegisteredSpeaker]

    init(registry: [RegisteredSpeaker]) {
        var map: [String: RegisteredSpeaker] = [:]
        for speaker in registry {
            map[Folding.fold(speaker.canonical)] = speaker
            for alias in speaker.aliases { map[Folding.fold(alias)] = speaker }
        }
        self.registry = map
    }

    /// The entity a mention names, with the link rule, or nil (outlets, documents, unresolvable pronouns).
    mutating func resolve(_ mention: Mention) -> (index: Int, link: String)? {
        switch mention.kind {
        case .outlet, .document:
            return nil
        case .name:
            return resolveName(mention)
        case .pronoun:
            guard let index = mostRecent(where: { compatible($0, mention.gender) }) else { return nil }
            if entities[index].gender == nil, let g = mention.gender, g == "m" || g == "f" { entities[index].gender = g }
            note(index, alias: mention.text, link: "pronoun")
            return (index, "pronoun")
        case .role:
            let head = mention.roles.first ?? ""
            if let index = mostRecent(where: { $0.roles.contains(head) }) {
                note(index, alias: mention.text, link: "role")
                return (index, "role")
            }
            if let index = mostRecent(where: { $0.kind == .person && compatible($0, mention.gender) }) {
                entities[index].roles.append(head)
                note(index, alias: mention.text, link: "role_recency")
                return (index, "role_recency")
            }
            return nil
        case .organisation, .collective:
            let key = mention.words
            if let index = entities.firstIndex(where: { $0.kind != .person && $0.words.suffix(key.count) == key[...] }) {
                note(index, alias: mention.text, link: "organisation")
                return (index, "organisation")
            }
            let kind: SpeakerKind = mention.kind == .collective ? .collective : .organisation
            entities.append(Entity(name: mention.text, words: key, kind: kind))
            note(entities.count - 1, alias: mention.text, link: "organisation")
            return (entities.count - 1, "organisation")
        }
    }

    private mutating func resolveName(_ mention: Mention) -> (index: Int, link: String) {
        let words = mention.words
        let folded = words.joined(separator: " ")
        if let registered = registry[folded] {
            let canonical = Folding.fold(registered.canonical).split(separator: " ").map(String.init)
            let index = entities.firstIndex { $0.words == canonical } ?? add(Entity(name: registered.canonical, words: canonical,
                                                                                       kind: .person, roles: registered.roles,
                                                                                       affiliation: registered.affiliation))
            enrich(index, mention)
            note(index, alias: mention.text, link: "registry")
            return (index, "registry")
        }
        if let index = entities.firstIndex(where: { $0.words == words }) {
            enrich(index, mention)
            note(index, alias: mention.text, link: "name")
            return (index, "name")
        }
        // A surname (or the tail of a name) of someone named in full before; the most recent wins
        // when two people share it.
        if let index = mostRecent(where: { $0.kind == .person && $0.words.count > words.count && $0.words.suffix(words.count) == words[...] })
            ?? entities.indices.reversed().first(where: { entities[$0].kind == .person && entities[$0].words.count > words.count
                && entities[$0].words.suffix(words.count) == words[...] }) {
            let link = mention.title != nil ? "title_surname" : "surname"
            enrich(index, mention)
            note(index, alias: mention.text, link: link)
            return (index, link)
        }
        // A fuller form of a name seen before only in part.
        if let index = entities.firstIndex(where: { $0.kind == .person && $0.words.count < words.count
            && words.suffix($0.words.count) == $0.words[...] }) {
            entities[index].name = mention.text
            entities[index].words = words
            enrich(index, mention)
            note(index, alias: mention.text, link: "name")
            return (index, "name")
        }
        let index = add(Entity(name: mention.text, words: words, kind: .person))
        enrich(index, mention)
        note(index, alias: mention.text, link: "name")
        return (index, "name")
    }

    private mutating func add(_ entity: Entity) -> Int {
        entities.append(entity)
        return entities.count - 1
    }

    private mutating func enrich(_ index: Int, _ mention: Mention) {
        for role in mention.roles where !entities[index].roles.contains(role) { entities[index].roles.append(role) }
        if let title = mention.title, !entities[index].roleTitles.contains(title) { entities[index].roleTitles.append(title) }
        if entities[index].affiliation == nil { entities[index].affiliation = mention.affiliation }
        if entities[index].gender == nil { entities[index].gender = mention.gender }
    }

    /// Adds what an apposition said about the entity ("Azerbaijan's former ambassador to the EU").
    mutating func describe(_ index: Int, with apposition: Mention) {
        enrich(index, apposition)
    }

    /// Makes the entity the most recent one (it was just the subject of a sentence).
    mutating func activate(_ index: Int) {
        salience.removeAll { $0 == index }
        salience.insert(index, at: 0)
    }

    private mutating func note(_ index: Int, alias: String, link: String) {
        if !entities[index].aliases.contains(alias) {
            entities[index].aliases.append(alias)
            entities[index].links.append("\(alias)<-\(link)")
        }
        activate(index)
    }

    private func mostRecent(where predicate: (Entity) -> Bool) -> Int? {
        salience.first { predicate(entities[$0]) }
    }

    private func compatible(_ entity: Entity, _ gender: Character?) -> Bool {
        switch gender {
        case "m", "f": return entity.kind == .person && (entity.gender == nil || entity.gender == gender)
        case "p": return entity.kind != .person || entity.gender == "p"
        case "n": return entity.kind == .organisation
        default: return true
        }
    }

    /// The document's speakers, as the output records them.
    func speakers() -> [DocumentSpeaker] {
        entities.map { e in
            DocumentSpeaker(name: e.name, kind: e.kind, aliases: e.aliases, roles: e.roleTitles.isEmpty ? e.roles : e.roleTitles,
                            affiliation: e.affiliation, links: e.links, gender: e.gender)
        }
    }
}
