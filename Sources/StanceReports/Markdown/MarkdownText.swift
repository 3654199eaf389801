import StanceCore

/// Markdown for text the report did not write itself: quotes and names from articles, labels from
/// user-edited lexicons. Whatever that text holds, it cannot add markup, links, HTML or table cells to
/// the report (conventions: Markdown reports).
public enum MarkdownText {
    /// ASCII punctuation that can open markup in CommonMark, GitHub-flavoured Markdown or pandoc's
    /// Markdown: emphasis, code, links and images, HTML and entities, tables, strikethrough and
    /// subscript, math, superscript, citations and e-mail autolinks, headings, attributes.
    /// CommonMark lets any ASCII punctuation be backslash-escaped, so escaping more never shows.
    static let specials: Set<Unicode.Scalar> = [
        "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "$", "^", "@", "#", "{", "}",
    ]

    /// Inline text for a paragraph, list item or heading: markup characters escaped, line breaks
    /// turned into spaces (so the text never starts a line, where `-`, `1.` or `>` would start a block).
    public static func inline(_ text: String) -> String {
        escape(text.trimmingWhiteSpace(), lineBreak: " ", paragraphBreak: " ")
    }

    /// Text for a table cell: as `inline`, and line breaks become `<br>` so a cell stays on one line.
    /// A space goes before `<br>`: renderers that drop raw HTML (pandoc outside HTML) then keep the
    /// words apart.
    public static func cell(_ text: String) -> String {
        escape(text.trimmingWhiteSpace(), lineBreak: " <br>", paragraphBreak: " <br><br>")
    }

    /// A code span showing `text` literally: the fence is longer than any run of backticks inside.
    /// In a table cell `|` still ends the cell, even inside code, so it is escaped there too.
    public static func code(_ text: String, inTable: Bool = false) -> String {
        var content = String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0
        }))
        guard !content.isEmpty else { return "" }
        var longest = 0
        var run = 0
        for scalar in content.unicodeScalars {
            run = scalar == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let first = content.unicodeScalars.first!, last = content.unicodeScalars.last!
        // A span that begins or ends with a backtick, or with spaces on both ends (which CommonMark
        // strips once), needs a space of padding on each side.
        if first == "`" || last == "`" || (first == " " && last == " ") {
            content = " " + content + " "
        }
        if inTable {
            content = content.replacingPipes()
        }
        let fence = String(repeating: "`", count: longest + 1)
        return fence + content + fence
    }

    /// A heading anchor: folded to lowercase ASCII letters and digits (diacritics dropped, so
    /// "Babaoğlu" gives "babaoglu"), everything else a single `-`; "section" when nothing is left.
    public static func slug(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for folded in Folding.fold(text).unicodeScalars {
            let spelled = latinLetters[folded].map { Array($0.unicodeScalars) } ?? [folded]
            for scalar in spelled {
                if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                    if pendingDash && !out.isEmpty { out += "-" }
                    pendingDash = false
                    out.unicodeScalars.append(scalar)
                } else {
                    pendingDash = true
                }
            }
        }
        return out.isEmpty ? "section" : out
    }

    /// Letters that folding leaves alone because they are letters of their own, not letters with
    /// accents, spelled in ASCII for anchors: "Məmmədov" gives "memmedov", "Çağrı" gives "cagri".
    static let latinLetters: [Unicode.Scalar: String] = [
        "ı": "i", "ə": "e", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "þ": "th", "ð": "d",
        "ŋ": "n", "ħ": "h",
    ]

    static func escape(_ text: String, lineBreak: String, paragraphBreak: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" {
                // A run of line breaks (with the white space between them) is one break; two or more
                // line ends in the run make a paragraph break.
                var lineEnds = 0
                while index < scalars.count, scalars[index] == "\n" || scalars[index] == "\r" || scalars[index] == " "
                    || scalars[index] == "\t" {
                    if scalars[index] == "\n" || (scalars[index] == "\r" && (index + 1 == scalars.count || scalars[index + 1] != "\n")) {
                        lineEnds += 1
                    }
                    index += 1
                }
                while let last = out.last, last == " " || last == "\t" { out.removeLast() }
                out.append(contentsOf: (lineEnds > 1 ? paragraphBreak : lineBreak).unicodeScalars)
                if index < scalars.count && lineBreak != " " { out.append(" ") }
                continue
            }
            if scalar == "\t" {
                out.append(" ")
            } else if scalar.value < 0x20 || scalar.value == 0x7F {
                // Other control characters carry nothing a reader needs.
            } else if specials.contains(scalar) {
                out.append("\\")
                out.append(scalar)
            } else if scalar == ":" && index + 2 < scalars.count && scalars[index + 1] == "/" && scalars[index + 2] == "/" {
                // "http://…" would become a link (GitHub's autolinks): an escaped colon stops that.
                out.append(contentsOf: "\\:".unicodeScalars)
            } else if scalar == "." && index >= 3 && scalars[(index - 3)..<index].allSatisfy({ $0 == "w" || $0 == "W" }) {
                // So would "www.example.com".
                out.append(contentsOf: "\\.".unicodeScalars)
            } else {
                out.append(scalar)
            }
            index += 1
        }
        return String(out)
    }
}

extension String {
    /// Without spaces, tabs and line breaks at either end.
    func trimmingWhiteSpace() -> String {
        let scalars = Array(unicodeScalars)
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    func replacingPipes() -> String {
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar == "|" { out.append("\\") }
            out.append(scalar)
        }
        return String(out)
    }
}

/// Hands out heading anchors, each unique within one report: a repeated slug gets `-2`, `-3`, ….
/// Anchors depend only on the order they are asked for, which the report fixes, so they are stable.
public struct AnchorSet: Sendable {
    private var used: Set<String>

    /// `reserved`: anchors the report writes itself (fixed section names), never handed out again.
    public init(reserved: [String] = []) {
        used = Set(reserved)
    }

    public mutating func unique(_ base: String) -> String {
        let slug = MarkdownText.slug(base)
        if used.insert(slug).inserted { return slug }
        var number = 2
        while !used.insert("\(slug)-\(number)").inserted { number += 1 }
        return "\(slug)-\(number)"
    }
}
