import Foundation

/// Word pools for the wire-style article generator. Everything here is invented; names are built
/// from common given names and surnames of each country, so no real person is quoted.

struct Country {
    let key: String
    let name: String
    let adjective: String
    let capital: String
    let cities: [String]
    let maleFirst: [String]
    let femaleFirst: [String]
    let surnames: [String]
    /// Surnames that take -a for women (Russian, Azerbaijani forms).
    let feminineA: Bool
}

enum Vocabulary {
    static let countries: [Country] = [
        Country(key: "ru", name: "Russia", adjective: "Russian", capital: "Moscow", cities: ["Moscow", "St. Petersburg", "Kazan", "Sochi"],
                maleFirst: ["Sergei", "Dmitry", "Alexei", "Mikhail", "Nikolai", "Andrei", "Yuri", "Pavel", "Igor", "Konstantin"],
                femaleFirst: ["Maria", "Yelena", "Tatiana", "Olga", "Natalia", "Irina", "Svetlana"],
                surnames: ["Ivanov", "Petrov", "Sokolov", "Volkov", "Kuznetsov", "Morozov", "Lebedev", "Novikov", "Orlov", "Zakharov", "Belov", "Gromov"],
                feminineA: true),
        Country(key: "az", name: "Azerbaijan", adjective: "Azerbaijani", capital: "Baku", cities: ["Baku", "Ganja", "Sumgait", "Lankaran"],
                maleFirst: ["Elchin", "Rashad", "Farid", "Anar", "Tural", "Hikmat", "Arif", "Elnur", "Vugar", "Ramiz"],
                femaleFirst: ["Leyla", "Aysel", "Gunel", "Nigar", "Sevinj", "Aynur"],
                surnames: ["Mammadov", "Hasanov", "Huseynov", "Guliyev", "Ismayilov", "Babayev", "Jafarov", "Rzayev", "Valiyev", "Karimov"],
                feminineA: true),
        Country(key: "am", name: "Armenia", adjective: "Armenian", capital: "Yerevan", cities: ["Yerevan", "Gyumri", "Vanadzor"],
                maleFirst: ["Armen", "Ararat", "Tigran", "Vahagn", "Narek", "Davit", "Gevorg", "Hayk"],
                femaleFirst: ["Anna", "Lilit", "Mariam", "Ani", "Zara"],
                surnames: ["Grigoryan", "Harutyunyan", "Sargsyan", "Petrosyan", "Hakobyan", "Khachatryan", "Mirzoyan", "Avetisyan"],
                feminineA: false),
        Country(key: "ge", name: "Georgia", adjective: "Georgian", capital: "Tbilisi", cities: ["Tbilisi", "Batumi", "Kutaisi"],
                maleFirst: ["Giorgi", "Irakli", "Levan", "Nika", "Zurab"],
                femaleFirst: ["Nino", "Tamar", "Salome", "Eka"],
                surnames: ["Beridze", "Kapanadze", "Gelashvili", "Lomidze", "Tsiklauri", "Japaridze"],
                feminineA: false),
        Country(key: "tr", name: "Turkey", adjective: "Turkish", capital: "Ankara", cities: ["Ankara", "Istanbul", "Izmir"],
                maleFirst: ["Mehmet", "Mustafa", "Ahmet", "Emre", "Kemal", "Hakan"],
                femaleFirst: ["Ayşe", "Elif", "Zeynep", "Fatma"],
                surnames: ["Yılmaz", "Demir", "Çelik", "Şahin", "Kaya", "Öztürk", "Aydın"],
                feminineA: false),
        Country(key: "ir", name: "Iran", adjective: "Iranian", capital: "Tehran", cities: ["Tehran", "Tabriz", "Isfahan"],
                maleFirst: ["Ali", "Hossein", "Reza", "Mohammad", "Abbas", "Mehdi"],
                femaleFirst: ["Maryam", "Fatemeh", "Zahra"],
                surnames: ["Rahimi", "Karimi", "Hosseini", "Moradi", "Tehrani", "Ahmadi"],
                feminineA: false),
        Country(key: "us", name: "the United States", adjective: "U.S.", capital: "Washington", cities: ["Washington", "New York", "Chicago", "Houston"],
                maleFirst: ["James", "Michael", "Robert", "David", "Daniel", "Thomas", "Mark", "Brian", "Kevin"],
                femaleFirst: ["Jennifer", "Sarah", "Karen", "Emily", "Laura", "Rebecca", "Megan"],
                surnames: ["O'Brien", "Miller", "Johnson", "Williams", "Carter", "Hughes", "Bennett", "Sullivan", "McCarthy", "Reed", "Parker"],
                feminineA: false),
        Country(key: "eu", name: "the European Union", adjective: "EU", capital: "Brussels", cities: ["Brussels", "Strasbourg", "Luxembourg"],
                maleFirst: ["Jean-Pierre", "Klaus", "Matteo", "Pieter", "Josep", "Olivier", "Stefan", "Tomasz"],
                femaleFirst: ["Ursula", "Kaja", "Claire", "Annalena", "Sofia", "Ingrid", "Agnieszka"],
                surnames: ["Dubois", "Schneider", "Rossi", "de Vries", "Lefèvre", "Müller", "Jansen", "Novák", "Kowalski", "García"],
                feminineA: false),
        Country(key: "fr", name: "France", adjective: "French", capital: "Paris", cities: ["Paris", "Lyon", "Marseille"],
                maleFirst: ["François", "Laurent", "Nicolas", "Julien", "Antoine"],
                femaleFirst: ["Catherine", "Camille", "Isabelle", "Élise"],
                surnames: ["Martin", "Bernard", "Moreau", "Laurent", "Girard", "Fontaine"],
                feminineA: false),
        Country(key: "de", name: "Germany", adjective: "German", capital: "Berlin", cities: ["Berlin", "Frankfurt", "Munich", "Hamburg"],
                maleFirst: ["Markus", "Jens", "Wolfgang", "Christian", "Felix"],
                femaleFirst: ["Katrin", "Julia", "Sabine", "Anja"],
                surnames: ["Fischer", "Weber", "Becker", "Hoffmann", "Schäfer", "Krüger"],
                feminineA: false),
        Country(key: "uk", name: "Britain", adjective: "British", capital: "London", cities: ["London", "Manchester", "Edinburgh"],
                maleFirst: ["Oliver", "Harry", "George", "William", "Jack"],
                femaleFirst: ["Charlotte", "Amelia", "Emma", "Lucy"],
                surnames: ["Smith", "Taylor", "Brown", "Wilson", "Evans", "Clarke", "Wright"],
                feminineA: false),
        Country(key: "kz", name: "Kazakhstan", adjective: "Kazakh", capital: "Astana", cities: ["Astana", "Almaty", "Shymkent"],
                maleFirst: ["Nurlan", "Yerlan", "Askar", "Daniyar"],
                femaleFirst: ["Aigerim", "Dinara", "Madina"],
                surnames: ["Nurpeisov", "Abenov", "Seitkali", "Tokayev", "Zhaksybekov"],
                feminineA: true),
        Country(key: "ua", name: "Ukraine", adjective: "Ukrainian", capital: "Kyiv", cities: ["Kyiv", "Lviv", "Odesa", "Kharkiv"],
                maleFirst: ["Oleksandr", "Andriy", "Taras", "Bohdan", "Mykola"],
                femaleFirst: ["Olena", "Oksana", "Iryna", "Yulia"],
                surnames: ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Melnyk", "Kravchuk"],
                feminineA: false),
    ]

    static let caucasusKeys: Set<String> = ["ru", "az", "am", "ge", "tr", "ir", "us", "eu", "fr"]

    /// Government roles: (title before a name, appositive after a name; `%C` is the country's name).
    static let officialRoles: [(String, String)] = [
        ("Foreign Minister", "%C's foreign minister"),
        ("Deputy Foreign Minister", "%C's deputy foreign minister"),
        ("Defence Minister", "%C's defence minister"),
        ("Economy Minister", "%C's economy minister"),
        ("Energy Minister", "the energy minister of %C"),
        ("Prime Minister", "the prime minister of %C"),
        ("Deputy Prime Minister", "%C's deputy prime minister"),
        ("Security Council Secretary", "secretary of %C's Security Council"),
        ("Foreign Ministry spokesperson", "a spokesperson for %C's Foreign Ministry"),
        ("presidential aide", "an aide to the president of %C"),
        ("Ambassador", "%C's ambassador to the United Nations"),
        ("Finance Minister", "%C's finance minister"),
    ]

    /// Non-government speakers: appositive only (`%C` country, `%O` an institution).
    static let expertRoles: [String] = [
        "a political analyst at the %O",
        "a senior fellow at the %O",
        "%C's former ambassador to the European Union",
        "a former deputy of the ruling party",
        "an opposition lawmaker",
        "a member of parliament",
        "a professor of international relations at the %O",
        "chief economist at %B",
        "head of research at %B",
        "director of the %O",
        "a former adviser to the president",
        "a military expert",
    ]

    static let institutes = [
        "Caspian Policy Center", "Carnegie Endowment", "Centre for Eastern Studies", "Black Sea Institute",
        "Eurasia Research Group", "Institute for Strategic Studies", "Baku State University", "Yerevan State University",
        "Higher School of Economics", "Atlantic Council", "Chatham House", "Valdai Club",
    ]

    static let banks = [
        "Capital Markets Bank", "Nordic Invest", "Silk Road Securities", "Atlas Capital", "First Eurasian Bank",
        "Meridian Asset Management", "Helvetia Partners", "Bosphorus Securities",
    ]

    static let companies = [
        "Caspian Energy", "Northwind Motors", "Helix Semiconductors", "Orbita Telecom", "Greenfield Agro",
        "Atlas Steel", "Silverline Airlines", "Blue Harbour Shipping", "Vesta Pharmaceuticals", "Kestrel Mining",
        "Polaris Software", "Redstone Construction",
    ]

    /// Organisations that speak as one: (name, country key or nil).
    static func organisations(_ c: Country) -> [String] {
        var orgs = ["the \(c.adjective) Foreign Ministry", "the \(c.adjective) Defence Ministry", "the Ministry of Economy of \(c.name.replacingOccurrences(of: "the ", with: ""))",
                    "the central bank", "the \(c.adjective) government", "the Interior Ministry", "police"]
        switch c.key {
        case "ru": orgs += ["the Kremlin", "the Russian Security Council"]
        case "us": orgs += ["the State Department", "the White House", "the Pentagon"]
        case "eu": orgs += ["the European Commission", "the European Council"]
        default: break
        }
        return orgs
    }

    static let outlets: [(name: String, slug: String, dateline: String, domain: String)] = [
        ("Reuters", "reuters", "(Reuters) -", "reuters.example"),
        ("AP", "ap", "(AP) —", "apnews.example"),
        ("AFP", "afp", "(AFP) -", "afp.example"),
        ("TASS", "tass", "/TASS/.", "tass.example"),
        ("Interfax", "interfax", "(Interfax) -", "interfax.example"),
        ("Turan", "turan", "(Turan) —", "turan.example"),
        ("APA", "apa", "(APA) -", "apa.example"),
        ("Trend", "trend", "/Trend/ -", "trend.example"),
        ("Radio Liberty", "rferl", "(RFE/RL) -", "rferl.example"),
        ("Bloomberg", "bloomberg", "(Bloomberg) --", "bloomberg.example"),
        ("Al Jazeera", "aljazeera", "(Al Jazeera) -", "aljazeera.example"),
        ("Xinhua", "xinhua", "(Xinhua) --", "xinhua.example"),
    ]

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]
    static let apMonths = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    static let russia = ["Russia", "Moscow", "the Kremlin", "the Russian government", "the Russian leadership", "the northern country", "Vladimir Putin"]
    static let russiaPossessive = ["Russia's", "Moscow's", "the Kremlin's"]
    static let west = ["the West", "the United States", "Washington", "the European Union", "Brussels", "the EU", "France",
                       "NATO", "the Americans", "the Europeans", "Paris"]
    static let peaceObjects = ["peace", "a peace agreement", "the peace process", "a peace deal", "the peace talks", "normalization",
                               "a lasting settlement", "stability", "an end to the conflict", "the signing of a peace agreement",
                               "a peace treaty", "the peace negotiations"]
    static let peacePlaces = ["between Baku and Yerevan", "between Armenia and Azerbaijan", "in the South Caucasus", "in the region",
                              "in Karabakh", "on the border", ""]
    static let regionCountries = ["Azerbaijan", "Armenia", "Georgia", "the region", "the South Caucasus"]
}

/// One subject of an article: a set of statement clauses (FAVOR, AGAINST, neutral for the three
/// topics of the shipped lexicons; neutral only for the others) and background sentences.
enum Subject: CaseIterable {
    case russiaPeace, westernInvolvement, russiaRole
    case economy, energy, elections, disaster, business, health, trade, technology, sport, migration

    var isLexiconTopic: Bool { self == .russiaPeace || self == .westernInvolvement || self == .russiaRole }

    static let generic: [Subject] = [.economy, .energy, .elections, .disaster, .business, .health, .trade, .technology, .sport, .migration]
}
