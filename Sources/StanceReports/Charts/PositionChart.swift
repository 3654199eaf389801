import StanceCore

/// The chart of one topic: a diverging horizontal bar per speaker, from the centre line to the
/// position's score in [-1, 1], AGAINST to the left and FAVOR to the right, as a standalone SVG file
/// (GitHub strips inline `<svg>` from Markdown, so the report links the file).
public enum PositionChart {
    /// The folder the report expects charts in, beside `report.md`.
    public static let folder = "charts"

    /// `charts/<topic-id>.svg`: where the kit writes the chart and where the report links it.
    public static func relativePath(for topicID: String) -> String {
        "\(folder)/\(topicID).svg"
    }

    // Layout in SVG user units. The label column fits about 30 characters of 12-pixel text; each row
    // is tall enough for a 16-unit bar and its gap.
    static let width = 720.0
    static let labelRight = 196.0
    static let plotLeft = 212.0
    static let plotRight = 700.0
    static let rowHeight = 26.0
    static let barHeight = 16.0
    static let top = 84.0
    static let maxLabelLength = 30

    /// The SVG document for a topic. Only the topic's overall positions are drawn (a `group` belongs to a
    /// `--by` breakdown), strongest FAVOR at the top, then down to the strongest AGAINST.
    public static func render(topic: TopicSummary, positions: [Position]) -> String {
        var keys = Order.NameKeys()
        let rows = positions.filter { $0.topic == topic.id && $0.group == nil }.sorted { a, b in
            let (sa, sb) = (clampedScore(a.score), clampedScore(b.score))
            if sa != sb { return sa > sb }
            if a.speaker != b.speaker { return keys.less(a.speaker, b.speaker) }
            return a.label < b.label
        }
        let centre = (plotLeft + plotRight) / 2
        let half = (plotRight - plotLeft) / 2
        let plotBottom = top + Double(max(rows.count, 1)) * rowHeight
        let height = plotBottom + 44

        var svg: [String] = []
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(n(width))\" height=\"\(n(height))\" "
            + "viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-labelledby=\"chart-title chart-desc\" "
            + "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">")
        svg.append("  <title id=\"chart-title\">\(xml("Positions on " + Wording.inSentence(topic.label)))</title>")
        svg.append("  <desc id=\"chart-desc\">\(xml(description(topic: topic, rows: rows)))</desc>")
        svg.append("  <rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>")
        svg.append("  <text x=\"16\" y=\"26\" font-size=\"16\" font-weight=\"bold\" fill=\"#222222\">\(xml(shortened(topic.label, 80)))</text>")
        svg.append("  <text x=\"16\" y=\"46\" fill=\"#555555\">\(xml(shortened("FAVOR: " + topic.target, 110)))</text>")
        svg.append("  <text x=\"\(n(plotLeft))\" y=\"72\" fill=\"\(color(.against))\" font-weight=\"bold\">\u{2190} AGAINST</text>")
        svg.append("  <text x=\"\(n(plotRight))\" y=\"72\" fill=\"\(color(.favor))\" font-weight=\"bold\" text-anchor=\"end\">FAVOR \u{2192}</text>")

        // Grid: a line at each half step, the centre line darker.
        for tick in [-1.0, -0.5, 0, 0.5, 1] {
            let x = centre + tick * half
            let stroke = tick == 0 ? "#444444" : "#dddddd"
            svg.append("  <line x1=\"\(n(x))\" y1=\"\(n(top - 6))\" x2=\"\(n(x))\" y2=\"\(n(plotBottom))\" stroke=\"\(stroke)\" stroke-width=\"1\"/>")
            svg.append("  <text x=\"\(n(x))\" y=\"\(n(plotBottom + 16))\" fill=\"#555555\" text-anchor=\"middle\">\(Number.format(tick, decimals: 1, signed: tick != 0))</text>")
        }
        svg.append("  <text x=\"\(n(centre))\" y=\"\(n(plotBottom + 34))\" fill=\"#555555\" text-anchor=\"middle\">position score</text>")

        if rows.isEmpty {
            svg.append("  <text x=\"\(n(centre))\" y=\"\(n(top + rowHeight / 2 + 4))\" fill=\"#555555\" text-anchor=\"middle\">No speaker took a position on this topic.</text>")
        }
        for (index, position) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            let score = clampedScore(position.score)
            let barY = y + (rowHeight - barHeight) / 2
            let textY = y + rowHeight / 2 + 4
            let barX = score < 0 ? centre + score * half : centre
            let statements = position.statements == 1 ? "1 statement" : "\(position.statements) statements"
            svg.append("  <g>")
            svg.append("    <title>\(xml("\(position.speaker): \(position.label.rawValue), score \(signed(position.score)), \(statements)"))</title>")
            svg.append("    <text x=\"\(n(labelRight))\" y=\"\(n(textY))\" fill=\"#222222\" text-anchor=\"end\">\(xml(shortened(position.speaker, maxLabelLength)))</text>")
            // A zero score still gets a sliver, so every speaker shows a mark on the centre line.
            let barWidth = max(abs(score) * half, 2)
            svg.append("    <rect x=\"\(n(score == 0 ? centre - 1 : barX))\" y=\"\(n(barY))\" width=\"\(n(barWidth))\" height=\"\(n(barHeight))\" fill=\"\(color(position.label))\"/>")
            // The value sits on the other side of the centre line, where it never runs off the plot.
            let valueX = score < 0 ? centre + 4 : centre - 4
            let anchor = score < 0 ? "start" : "end"
            svg.append("    <text x=\"\(n(valueX))\" y=\"\(n(textY))\" fill=\"#333333\" text-anchor=\"\(anchor)\">\(xml(signed(position.score)))</text>")
            svg.append("  </g>")
        }
        svg.append("</svg>")
        return svg.joined(separator: "\n") + "\n"
    }

    static func description(topic: TopicSummary, rows: [Position]) -> String {
        guard !rows.isEmpty else { return "No speaker took a position on \(topic.label)." }
        let items = rows.map { "\($0.speaker) \($0.label.rawValue) \(signed($0.score))" }
        return "Position scores from -1 (AGAINST) to +1 (FAVOR): " + items.joined(separator: "; ") + "."
    }

    /// FAVOR blue and AGAINST red (a colour-blind-safe diverging pair), MIXED purple, NONE grey.
    static func color(_ label: StanceLabel) -> String {
        switch label {
        case .favor: "#2166ac"
        case .against: "#b2182b"
        case .mixed: "#7b3294"
        case .none: "#8c8c8c"
        }
    }

    static func clampedScore(_ score: Double) -> Double {
        score.isFinite ? min(1, max(-1, score)) : 0
    }

    static func signed(_ score: Double) -> String {
        score.isFinite ? Number.format(score, decimals: 2, signed: true) : "n/a"
    }

    /// Coordinates with at most 2 decimals, the same on every platform.
    static func n(_ value: Double) -> String { Number.format(value, decimals: 2) }

    static func shortened(_ text: String, _ limit: Int) -> String {
        let oneLine = text.split(whereSeparator: { $0.isNewline }).joined(separator: " ")
        guard oneLine.count > limit else { return oneLine }
        return String(oneLine.prefix(limit - 1)) + "\u{2026}"
    }

    /// Text for XML content or a quoted attribute. Characters XML 1.0 cannot hold at all (most control
    /// characters, U+FFFE, U+FFFF) are dropped, since no escape makes them well-formed.
    public static func xml(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&apos;".unicodeScalars)
            case "\t", "\n", "\r": out.append(" ")
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: break
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
