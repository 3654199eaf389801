import Foundation

/// Builds wire-style news articles: a headline, a dateline lead, quoted and reported statements in
/// many constructions (said/told/according to/added/denied/rejected, split quotes, colon quotes,
/// pronoun follow-ups, organisations' statements), background paragraphs and outlet boilerplate.

struct Person {
    let first: String
    let last: String
    let female: Bool
    let country: Country
    /// Title before the name ("Foreign Minister"), nil for experts.
    let title: String?
    let appositive: String
    /// Lean on the three lexicon topics: +1 FAVOR, -1 AGAINST, 0 none.
    let lean: [Int]

    var full: String { "\(first) \(last)" }
    var pronoun: String { female ? "she" : "he" }
    var possessive: String { female ? "her" : "his" }
    var honorific: String { female ? "Ms." : "Mr." }
}

/// A stable cast of recurring speakers (the same in every corpus), so that aggregation sees the
/// same people across many articles, as in a real news archive.
enum Cast {
    static let people: [Person] = {
        var rng = SeededRandom(seed: 0x5EED_CA57)
        var result: [Person] = []
        var used: Set<String> = []
        for country in Vocabulary.countries {
            let count = Vocabulary.caucasusKeys.contains(country.key) ? 60 : 25
            var made = 0
            var attempts = 0
            while made < count && attempts < count * 20 {
                attempts += 1
                let female = rng.chance(0.35)
                let first = rng.pick(female ? country.femaleFirst : country.maleFirst)
                var last = rng.pick(country.surnames)
                if female && country.feminineA && (last.hasSuffix("ov") || last.hasSuffix("ev") || last.hasSuffix("in")) { last += "a" }
                guard used.insert(first + " " + last).inserted else { continue }
                let title: String?
                let appositive: String
                if rng.chance(0.55) {
                    let role = rng.pick(Vocabulary.officialRoles)
                    title = role.0
                    appositive = role.1.replacingOccurrences(of: "%C", with: country.name)
                } else {
                    title = nil
                    appositive = rng.pick(Vocabulary.expertRoles)
                        .replacingOccurrences(of: "%C", with: country.name)
                        .replacingOccurrences(of: "%O", with: rng.pick(Vocabulary.institutes))
                        .replacingOccurrences(of: "%B", with: rng.pick(Vocabulary.banks))
                }
                let base: Int
                switch country.key {
                case "ru", "ir": base = 1
                case "us", "eu", "fr", "uk", "ua": base = -1
                default: base = 0
                }
                let lean = (0..<3).map { _ in rng.chance(0.7) ? base : rng.int(3) - 1 }
                result.append(Person(first: first, last: last, female: female, country: country, title: title,
                                     appositive: appositive, lean: lean))
                made += 1
            }
        }
        return result
    }()

    static let byCountry: [String: [Person]] = Dictionary(grouping: people, by: { $0.country.key })
}

/// Length classes of the generated articles (bytes of body text, before the last paragraph ends).
enum ArticleLength: String {
    case normal, short, small

    func target(_ rng: inout SeededRandom) -> Int {
        switch self {
        case .normal: return rng.int(1600, 6000)
        case .short: return rng.int(700, 1600)
        case .small: return rng.int(150, 520)
        }
    }
}

struct Article {
    let id: String
    let title: String
    let date: String
    let source: String
    let url: String
    let body: String
    let folder: String
    let fileName: String
}

struct ArticleWriter {
    var rng: SeededRandom
    var sequence = 0
    let length: ArticleLength

    init(seed: UInt64, length: ArticleLength) {
        rng = SeededRandom(seed: seed)
        self.length = length
    }

    // MARK: article

    mutating func next() -> Article {
        sequence += 1
        let outlet = rng.pick(Vocabulary.outlets)
        let day = rng.int(0, 1095)  // 2023-01-01 ... 2025-12-31
        let (year, month, dayOfMonth) = Self.civil(dayIndex: day)
        let weekday = Vocabulary.weekdays[(day + 6) % 7]  // 2023-01-01 was a Sunday
        let subject: Subject = rng.chance(0.45)
            ? rng.pick([.russiaPeace, .russiaPeace, .westernInvolvement, .russiaRole])
            : rng.pick(Subject.generic)
        let secondary: Subject = rng.chance(0.5) ? subject : (subject.isLexiconTopic
            ? rng.pick([Subject.russiaPeace, .westernInvolvement, .russiaRole])
            : rng.pick(Subject.generic))
        var context = Context(subject: subject, secondary: secondary, outlet: outlet.name, weekday: weekday,
                              curly: rng.chance(0.3), rng: rng)
        context.cast = pickCast(subject)
        let dateline = Self.datelineCity(context: &context)

        let target = length.target(&rng)
        var paragraphs: [String] = []
        let monthText = rng.chance(0.5) ? Vocabulary.apMonths[month - 1] : Vocabulary.months[month - 1]
        let leadBody = context.leadParagraph()
        switch outlet.slug {
        case "tass", "trend": paragraphs.append("\(dateline.uppercased()), \(monthText) \(dayOfMonth). \(outlet.dateline) \(leadBody)")
        case "ap", "bloomberg", "xinhua": paragraphs.append("\(dateline.uppercased()) \(outlet.dateline) \(leadBody)")
        default: paragraphs.append("\(dateline.uppercased()), \(monthText) \(dayOfMonth) \(outlet.dateline) \(leadBody)")
        }
        var size = paragraphs[0].utf8.count
        var guardCount = 0
        while size < target && guardCount < 60 {
            guardCount += 1
            let paragraph = context.bodyParagraph()
            size += paragraph.utf8.count + 2
            paragraphs.append(paragraph)
        }
        if length != .small && context.rng.chance(0.55) { paragraphs.append(context.boilerplate()) }
        rng = context.rng  // carry the stream on

        let title = context.headline()
        let dateText = String(format: "%04d-%02d-%02d", year, month, dayOfMonth)
        let compact = String(format: "%04d%02d%02d", year, month, dayOfMonth)
        let id = "\(outlet.slug)-\(compact)-\(sequence)"
        let slug = Self.slug(title)
        let crlf = rng.chance(0.03)
        var body = paragraphs.joined(separator: "\n\n")
        if crlf { body = body.replacingOccurrences(of: "\n", with: "\r\n") }
        return Article(id: id, title: title, date: dateText, source: outlet.name,
                       url: "https://\(outlet.domain)/\(String(format: "%04d/%02d", year, month))/\(slug)-\(sequence)",
                       body: body, folder: "\(outlet.slug)/\(String(format: "%04d-%02d", year, month))",
                       fileName: "\(compact)-\(sequence)-\(slug).txt")
    }

    private mutating func pickCast(_ subject: Subject) -> [Person] {
        let count = length == .small ? rng.int(1, 2) : rng.int(2, 4)
        var chosen: [Person] = []
        for _ in 0..<count {
            let pool: [Person]
            if subject.isLexiconTopic {
                pool = Cast.byCountry[rng.pick(["ru", "ru", "az", "az", "am", "us", "eu", "tr", "ir", "ge", "fr"])] ?? Cast.people
            } else {
                pool = Cast.people
            }
            let person = rng.pick(pool)
            if !chosen.contains(where: { $0.full == person.full }) { chosen.append(person) }
        }
        return chosen
    }

    private static func datelineCity(context: inout Context) -> String {
        if let person = context.cast.first, context.rng.chance(0.6) { return context.rng.pick(person.country.cities) }
        return context.rng.pick(["Baku", "Moscow", "Yerevan", "Tbilisi", "Brussels", "Washington", "Geneva", "Vienna", "Istanbul",
                                 "London", "Paris", "Berlin", "Astana", "Kyiv", "Tehran", "New York", "Beijing"])
    }

    static func slug(_ title: String) -> String {
        var words: [String] = []
        var current = ""
        for scalar in title.unicodeScalars {
            if scalar.isASCII && (ASCIIClass.alnum(scalar)) {
                current.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value)).lowercasedASCII)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.prefix(6).joined(separator: "-")
    }

    /// Day index from 2023-01-01 to (year, month, day).
    static func civil(dayIndex: Int) -> (Int, Int, Int) {
        var year = 2023
        var rest = dayIndex
        while true {
            let days = (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 366 : 365
            if rest < days { break }
            rest -= days
            year += 1
        }
        let leap = (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var month = 0
        while rest >= lengths[month] {
            rest -= lengths[month]
            month += 1
        }
        return (year, month + 1, rest + 1)
    }
}

enum ASCIIClass {
    static func alnum(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 48 && s.value <= 57) || (s.value >= 65 && s.value <= 90) || (s.value >= 97 && s.value <= 122)
    }
}

extension Unicode.Scalar {
    var lowercasedASCII: Unicode.Scalar {
        value >= 65 && value <= 90 ? Unicode.Scalar(UInt8(value + 32)) : self
    }
}

/// The state of one article being written: who has been named, how quotes look.
struct Context {
    let subject: Subject
    let secondary: Subject
    let outlet: String
    let weekday: String
    let curly: Bool
    var rng: SeededRandom
    var cast: [Person] = []
    var named: Set<String> = []
    var used: Set<String> = []
    var last: Person?

    init(subject: Subject, secondary: Subject, outlet: String, weekday: String, curly: Bool, rng: SeededRandom) {
        self.subject = subject
        self.secondary = secondary
        self.outlet = outlet
        self.weekday = weekday
        self.curly = curly
        self.rng = rng
    }

    var open: String { curly ? "“" : "\"" }
    var close: String { curly ? "”" : "\"" }

    // MARK: speakers

    mutating func speaker() -> Person? {
        guard !cast.isEmpty else { return nil }
        let person = rng.chance(0.35) && last != nil ? last! : rng.pick(cast)
        return person
    }

    /// The subject form: a full introduction on first mention, the surname after.
    mutating func subjectName(_ p: Person) -> String {
        defer { named.insert(p.full); last = p }
        if named.contains(p.full) {
            return rng.weighted([(6, p.last), (1, "\(p.honorific) \(p.last)"), (1, p.full)])
        }
        if let title = p.title, rng.chance(0.6) {
            return "\(p.country.adjective) \(title) \(p.full)"
        }
        return "\(p.full), \(p.appositive),"
    }

    /// A name without apposition: title and full name on first mention, the surname after.
    mutating func plainName(_ p: Person) -> String {
        defer { named.insert(p.full); last = p }
        if named.contains(p.full) { return rng.chance(0.85) ? p.last : "\(p.honorific) \(p.last)" }
        if let title = p.title, rng.chance(0.6) { return "\(p.country.adjective) \(title) \(p.full)" }
        return p.full
    }

    /// The form after a verb at the end of a sentence ("..., said X, the minister.").
    mutating func endName(_ p: Person) -> String {
        defer { named.insert(p.full); last = p }
        if named.contains(p.full) { return p.last }
        if let title = p.title, rng.chance(0.5) { return "\(p.country.adjective) \(title) \(p.full)" }
        return "\(p.full), \(p.appositive)"
    }

    mutating func organisation() -> String {
        let country = cast.first?.country ?? rng.pick(Vocabulary.countries)
        return rng.pick(Vocabulary.organisations(country))
    }

    // MARK: clauses

    /// A clause (lowercase start, no final stop) on `subject`, leaning as the speaker does.
    mutating func clause(_ subject: Subject, person: Person?) -> String {
        // Real articles rarely repeat a claim word for word: retry a few times for an unused one.
        var text = rawClause(subject, person: person)
        var attempts = 0
        while used.contains(Self.key(text)) && attempts < 4 {
            text = rawClause(subject, person: person)
            attempts += 1
        }
        used.insert(Self.key(text))
        if !subject.isLexiconTopic && rng.chance(0.3) {
            text += rng.pick([" in the coming months", " this year", " despite the criticism", " as soon as possible",
                              " by the end of the year", ", according to preliminary data", " for now"])
        }
        return text
    }

    static func key(_ text: String) -> String {
        String(text.unicodeScalars.filter { !($0.value >= 48 && $0.value <= 57) }.prefix(40).map(Character.init))
    }

    mutating func rawClause(_ subject: Subject, person: Person?) -> String {
        switch subject {
        case .russiaPeace, .westernInvolvement, .russiaRole:
            let index = subject == .russiaPeace ? 0 : (subject == .westernInvolvement ? 1 : 2)
            var lean = person?.lean[index] ?? 0
            if rng.chance(0.2) { lean = rng.int(3) - 1 }
            if lean == 0 { lean = rng.chance(0.5) ? 1 : -1 }
            return topicClause(subject, favor: lean > 0)
        default:
            return genericClause(subject)
        }
    }

    mutating func topicClause(_ subject: Subject, favor: Bool) -> String {
        let ru = rng.pick(Vocabulary.russia)
        let ruPoss = rng.pick(Vocabulary.russiaPossessive)
        let west = rng.pick(Vocabulary.west)
        let peace = rng.pick(Vocabulary.peaceObjects)
        let place = rng.pick(Vocabulary.peacePlaces)
        let placed = place.isEmpty ? peace : "\(peace) \(place)"
        let country = rng.pick(Vocabulary.regionCountries)
        switch (subject, favor) {
        case (.russiaPeace, true):
            return rng.pick([
                "\(ru) wants \(placed)",
                "\(ru) is genuinely interested in \(placed)",
                "\(placed) is within \(ruPoss) interests",
                "\(ru) has shown a clear will for peace",
                "\(ru) supports \(placed)",
                "\(ru) does not want a new front in the South Caucasus",
                "\(ru) is ready to help reach \(placed)",
                "\(ru) does not want \(rng.pick(["war", "escalation", "instability", "hostilities"])) \(place.isEmpty ? "in the region" : place)",
            ])
        case (.russiaPeace, false):
            return rng.pick([
                "\(ru) is not interested in \(placed)",
                "\(ru) does not want \(placed)",
                "\(ru) is obstructing the peace process \(place.isEmpty ? "in the region" : place)",
                "\(ru) wants to keep the conflict frozen",
                "\(ru) is acting as a spoiler \(place.isEmpty ? "in the talks" : place)",
                "\(ru) benefits from \(rng.pick(["instability", "escalation", "a frozen conflict"])) in the South Caucasus",
                "\(ru) would prefer the signing of a peace agreement in its desired format, for example in Moscow",
            ])
        case (.westernInvolvement, true):
            return rng.pick([
                "\(west) is playing a constructive role in \(rng.pick(["the peace talks", "the negotiations", "the mediation", "the dialogue"]))",
                "\(west) is working hard to support \(rng.pick(["dialogue", "the peace process", "the negotiations"])) \(place)",
                "\(west) can act as an honest broker \(place)",
                "the mediation of \(west) has helped the peace talks",
                "\(west) strongly supports \(placed)",
                "\(west) welcomes the progress in the negotiations between Baku and Yerevan",
            ])
        case (.westernInvolvement, false):
            return rng.pick([
                "\(west) is trying to interfere in \(rng.pick(["the peace process", "the region", "the negotiations", "the affairs of the South Caucasus"]))",
                "the attempts of \(west) to intervene in the region are dangerous",
                "\(west) is meddling in the South Caucasus",
                "the interference of \(west) will destabilize the region",
                "\(west) wants to use the peace talks to push Russia out of the region",
            ])
        case (.russiaRole, true):
            return rng.pick([
                "\(ru) is a \(rng.pick(["key player", "strong player", "significant factor"])) in the region's security",
                "\(ru) remains a strategic partner for \(country)",
                "good relations with \(ru) are a necessity",
                "\(ruPoss) role in the South Caucasus cannot be ignored",
                "\(ru) is a guarantor of security in the region",
                "the current state of relations with \(ru) suits the interests of both countries",
                "cooperation with \(ru) has brought new positive impulses",
            ])
        case (.russiaRole, false):
            return rng.pick([
                "\(ru) has imperial ambitions in the South Caucasus",
                "\(ru) considers the region to be within its sphere of influence",
                "\(ru) is a threat to the security of the region",
                "\(ru) will try to impose its terms on \(rng.pick(["Baku", "Yerevan", "Tbilisi"]))",
                "\(ruPoss) aggression against Ukraine has changed the security of the region",
                "\(ru) is seeking to weaken the West's position in the region",
                "\(ru) will put pressure on \(country)",
            ])
        default:
            return genericClause(subject)
        }
    }

    mutating func number(_ lower: Int, _ upper: Int) -> String { String(rng.int(lower, upper)) }
    mutating func decimal(_ lower: Int, _ upper: Int) -> String { "\(rng.int(lower, upper)).\(rng.int(0, 9))" }
    mutating func month() -> String { rng.pick(Vocabulary.months) }

    mutating func genericClause(_ subject: Subject) -> String {
        switch subject {
        case .economy:
            return rng.pick([
                "inflation slowed to \(decimal(2, 14)) percent in \(month())",
                "the central bank will keep its key rate at \(decimal(3, 18)) percent",
                "growth will reach \(decimal(1, 6))% this year",
                "the budget deficit will narrow to \(decimal(1, 5)) percent of GDP",
                "the national currency remains stable against the dollar",
                "unemployment rose for the \(rng.pick(["second", "third", "fourth"])) month in a row",
                "wage growth is outpacing productivity",
                "the economy is not in recession",
                "interest rates will stay high for longer than markets expect",
            ])
        case .energy:
            return rng.pick([
                "oil production will stay at about \(number(400, 900)),000 barrels per day",
                "the pipeline will carry \(number(5, 40)) billion cubic metres of gas a year",
                "Brent crude could fall below $\(number(55, 90)) a barrel",
                "the new solar plant will be connected to the grid by \(month())",
                "gas exports to Europe rose \(number(3, 40)) percent year on year",
                "the country will not cut output further",
                "the wind farm will supply \(number(100, 900)),000 homes",
            ])
        case .elections:
            return rng.pick([
                "the opposition will challenge the results in court",
                "turnout reached \(number(35, 78)) percent",
                "the ruling party won \(number(40, 90)) of the \(number(100, 150)) seats",
                "coalition talks could last until \(month())",
                "the vote was free and fair",
                "observers recorded serious irregularities at \(number(12, 400)) polling stations",
                "the new government will be formed within \(number(2, 6)) weeks",
            ])
        case .disaster:
            return rng.pick([
                "floods displaced more than \(number(2, 90)),000 families",
                "rescue teams are working around the clock",
                "the earthquake damaged \(number(40, 3000)) buildings",
                "the drought has cut the wheat harvest by a third",
                "the wildfire is now \(number(10, 95)) percent contained",
                "the death toll could rise as search operations continue",
            ])
        case .business:
            let company = rng.pick(Vocabulary.companies)
            return rng.pick([
                "the company expects revenue to grow by \(number(2, 25)) percent",
                "the merger is expected to close in the \(rng.pick(["first", "second", "third", "fourth"])) quarter",
                "\(company) will invest $\(decimal(1, 12)) billion in a new plant",
                "\(company) will cut \(number(1, 12)),000 jobs",
                "demand for electric vehicles is slowing",
                "the board has approved a share buyback of $\(number(200, 900)) million",
                "the company does not plan to leave the market",
            ])
        case .health:
            return rng.pick([
                "the vaccination campaign reached \(decimal(1, 30)) million people",
                "hospitals are under severe pressure",
                "the number of measles cases doubled last year",
                "the new clinic will open in \(month())",
                "the outbreak is under control",
            ])
        case .trade:
            return rng.pick([
                "the tariffs will hurt exporters",
                "trade between the two countries rose to $\(decimal(1, 40)) billion",
                "the customs union will remove barriers for small businesses",
                "the new rail corridor will cut transit times by half",
                "the Middle Corridor will carry \(number(2, 9)) million tonnes of cargo this year",
            ])
        case .technology:
            return rng.pick([
                "the new law will force platforms to remove illegal content within \(number(1, 48)) hours",
                "artificial intelligence will change the labour market",
                "the data breach affected \(decimal(1, 20)) million customers",
                "the satellite will be launched in \(month())",
                "the country needs its own chip industry",
            ])
        case .sport:
            return rng.pick([
                "the team is ready for the final",
                "the coach will stay until the end of the season",
                "the stadium will host \(number(20, 80)),000 fans",
                "the federation will appeal the decision",
            ])
        case .migration:
            return rng.pick([
                "\(number(2, 60)),000 people crossed the border last month",
                "the new visa regime will simplify travel between the European Union and CIS countries",
                "the reception centres are full",
                "the return agreement will be signed in \(month())",
            ])
        default:
            return genericClause(.economy)
        }
    }

    // MARK: quotes

    /// One to three sentences in the speaker's own words, ending with a stop.
    mutating func quote(_ subject: Subject, person: Person?, sentences: Int? = nil) -> String {
        let count = sentences ?? rng.weighted([(5, 1), (4, 2), (2, 3)])
        var parts: [String] = []
        for _ in 0..<count {
            let c = clause(rng.chance(0.8) ? subject : secondary, person: person)
            let sentence: String = rng.weighted([
                (6, Self.capitalized(c) + "."),
                (2, "We \(rng.pick(["believe", "are convinced", "think", "know"])) that \(c)."),
                (2, "I think \(c)."),
                (1, "There is no doubt that \(c)."),
                (1, "Let me be clear: \(c)."),
                (1, "To be honest, \(c)."),
                (1, "Frankly, \(c)."),
                (1, Self.capitalized(c) + ", and this is \(rng.pick(["obvious to everyone", "not a secret", "the main problem"]))."),
                (1, "Our position has not changed."),
                (1, "We will continue to monitor the situation closely."),
                (1, "It is too early to say what will happen next."),
                (1, "This is a very serious issue for \(rng.pick(["us", "the whole region", "our citizens"]))."),
            ])
            parts.append(sentence)
        }
        return parts.joined(separator: " ")
    }

    static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// A quote with its final stop turned into a comma, to go before "X said".
    static func commaQuote(_ q: String) -> String {
        if q.hasSuffix(".") { return String(q.dropLast()) + "," }
        return q
    }

    // MARK: paragraphs

    mutating func leadParagraph() -> String {
        if let p = speaker(), rng.chance(0.7) {
            let name = subjectName(p)
            let verb = rng.pick(["said", "said on \(weekday)", "told \(outlet)", "stated", "warned", "said in an interview"])
            return "\(name) \(verb) that \(clause(subject, person: p)), \(rng.pick(["as", "while"])) \(background())"
        }
        return Self.capitalized(background()) + ". " + Self.capitalized(background()) + "."
    }

    mutating func background() -> String {
        let country = rng.pick(Vocabulary.countries)
        let other = rng.pick(Vocabulary.countries)
        return rng.pick([
            "talks between \(country.name) and \(other.name) resumed in \(rng.pick(country.cities))",
            "officials prepare for a summit in \(rng.pick(other.cities)) next \(rng.pick(["week", "month"]))",
            "the two sides signed \(number(2, 14)) agreements during the visit",
            "the meeting lasted about \(number(2, 6)) hours",
            "trade between the two countries reached $\(decimal(1, 30)) billion last year, up \(number(2, 30)) percent",
            "the dispute escalated in the 1980s and has occasionally led to armed clashes",
            "the vote is scheduled for \(month()) \(number(1, 28))",
            "Gen. \(rng.pick(country.surnames)) arrived in \(rng.pick(other.cities)) on \(weekday) for a two-day visit",
            "the U.S. and the EU have held separate rounds of talks since 2021",
            "the organisation has \(number(5, 57)) member states",
            "markets in \(country.capital) closed \(decimal(0, 3)) percent \(rng.pick(["higher", "lower"]))",
            "prices rose by approx. \(number(2, 20)) percent, e.g. for bread and fuel",
            "the delegation included the ministers of energy, transport and agriculture",
            "\(country.name.replacingOccurrences(of: "the ", with: "")) has a population of about \(number(3, 140)) million people",
            "the agreement still has to be ratified by parliament",
            "the previous round of talks ended without a joint statement",
            "a protest was held outside the parliament building in \(country.capital) on \(weekday)",
            "the document was published on the government's website late on \(weekday)",
            "several flights were cancelled because of the weather",
            "the project is financed by a consortium of \(number(3, 9)) banks",
            "the border crossing at \(rng.pick(other.cities)) remained closed for \(number(2, 9)) days",
            "the figures are published by the statistics office every quarter",
            "the two leaders last met in \(rng.pick(other.cities)) in \(month())",
            "the exercise involved about \(number(2, 15)),000 troops and \(number(20, 300)) vehicles",
            "No. \(number(2, 9)) on the agenda was the construction of a new railway line",
            "the programme will run until \(rng.int(2026, 2030))",
        ])
    }

    mutating func bodyParagraph() -> String {
        let topic = rng.chance(0.8) ? subject : secondary
        guard let p = speaker() else { return narrative() }
        let o = open, c = close
        let form = rng.weighted([
            (10, 1), (6, 2), (8, 3), (10, 4), (5, 5), (4, 6), (3, 7), (2, 8), (2, 9), (2, 10), (2, 11), (2, 12),
            (3, 13), (2, 14), (2, 15), (2, 16), (30, 0),
        ])
        switch form {
        case 1:
            let q = quote(topic, person: p)
            return "\(o)\(Self.commaQuote(q))\(c) \(plainName(p)) \(rng.pick(["said", "added", "said on \(weekday)", "told \(outlet)", "told reporters"]))."
        case 2:
            let q = quote(topic, person: p)
            return "\(o)\(Self.commaQuote(q))\(c) \(rng.pick(["said", "added", "said"])) \(endName(p))."
        case 3:
            let intro = rng.pick(["said", "told \(outlet)", "said in a statement", "added", "wrote on social media", "said at a briefing"])
            return "\(subjectName(p)) \(intro): \(o)\(quote(topic, person: p, sentences: rng.int(1, 4)))\(c)"
        case 4:
            let verb = rng.pick(["said", "said that", "warned that", "stressed that", "believes that", "noted that", "argued that",
                                 "insisted that", "emphasized that", "thinks that", "told \(outlet) that", "said on \(weekday) that"])
            return "\(subjectName(p)) \(verb) \(clause(topic, person: p))."
        case 5:
            if rng.chance(0.4) {
                return "According to \(outlet), \(plainName(p)) stated that \(clause(topic, person: p))."
            }
            return "According to \(endName(p)), \(clause(topic, person: p))."
        case 6:
            let q1 = quote(topic, person: p, sentences: 1)
            let q2 = quote(topic, person: p, sentences: rng.int(1, 2))
            return "\(o)\(Self.commaQuote(q1))\(c) \(plainName(p)) said. \(o)\(q2)\(c)"
        case 7:
            if named.contains(p.full) {
                return "\(Self.capitalized(p.pronoun)) \(rng.pick(["added that", "also said", "noted that", "said"])) \(clause(topic, person: p))."
            }
            return "\(subjectName(p)) also said \(clause(topic, person: p))."
        case 8:
            return "\(subjectName(p)) denied that \(clause(topic, person: p))."
        case 9:
            let other = rng.pick(cast)
            if other.full != p.full {
                let otherName = named.contains(other.full) ? other.last : other.full
                return "\(subjectName(p)) rejected \(otherName)'s claim that \(clause(topic, person: other))."
            }
            return "\(subjectName(p)) thinks otherwise. \(Self.capitalized(p.pronoun)) \(rng.pick(["emphasizes", "says", "believes"])) that \(clause(topic, person: p))."
        case 10:
            let name = subjectName(p)
            return "Speaking to \(outlet) about the issue, \(name.hasSuffix(",") ? name : name + ",") said \(clause(topic, person: p))."
        case 11:
            _ = subjectName(p)
            return "In \(p.possessive) opinion, \(clause(topic, person: p))."
        case 12:
            return "\(plainName(p)), speaking at a briefing in \(rng.pick(p.country.cities)) on \(weekday), said \(clause(topic, person: p)): \(o)\(quote(topic, person: p, sentences: 2))\(c)"
        case 13:
            let org = organisation()
            return "\(Self.capitalized(org)) said in a statement that \(clause(topic, person: nil))."
        case 14:
            return "\(subjectName(p)) told reporters on \(weekday) that \(clause(topic, person: p)), adding that \(clause(topic, person: p))."
        case 15:
            return "\(outlet) quoted \(endName(p)) as saying that \(clause(topic, person: p))."
        case 16:
            let occasion = rng.pick(["a Senate hearing", "a press conference", "an interview with \(outlet)", "a meeting with students",
                                     "a panel at the \(rng.pick(Vocabulary.institutes))"])
            return "\(subjectName(p)) stated during \(occasion) that \(clause(topic, person: p)). \(Self.capitalized(narrativeSentence()))"
        default:
            return narrative()
        }
    }

    mutating func narrativeSentence() -> String { Self.capitalized(background()) + "." }

    mutating func narrative() -> String {
        (0..<rng.int(2, 4)).map { _ in narrativeSentence() }.joined(separator: " ")
    }

    mutating func boilerplate() -> String {
        let reporter = rng.pick(Cast.people)
        let editor = rng.pick(Cast.people)
        return rng.pick([
            "Reporting by \(reporter.full) in \(rng.pick(reporter.country.cities)); Editing by \(editor.full)",
            "Writing by \(reporter.full); editing by \(editor.full)",
            "Follow us on social networks",
            "Leave a review\n\nSocial\n\nFollow us on social networks\n\nNews Line",
            "Subscribe to our newsletter",
            "© \(rng.int(2023, 2025)) \(outlet). All rights reserved.",
            "Read more: \(Self.capitalized(clause(secondary, person: nil)))",
        ])
    }

    mutating func headline() -> String {
        let p = cast.first
        let c = Self.capitalized(clause(subject, person: p))
        return rng.weighted([
            (3, p.map { "\($0.last) says \(clause(subject, person: $0))" } ?? c),
            (2, p.map { "\($0.country.adjective) \($0.title ?? "official"): \(c)" } ?? c),
            (2, c),
            (1, "UPDATE \(rng.int(1, 3))-\(c)"),
        ])
    }
}

extension String {
    func droppingTrailing(_ character: Character) -> String {
        var s = Substring(self)
        while s.last == character { s = s.dropLast() }
        return String(s)
    }
}
