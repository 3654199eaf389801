import Foundation

/// A statement's stance toward a topic's target.
public enum StanceLabel: String, Sendable, CaseIterable, Comparable {
    case favor = "FAVOR"
    case against = "AGAINST"
    case none = "NONE"
    /// Positions only: substantial evidence on both sides.
    case mixed = "MIXED"

    private var order: Int {
        switch self {
        case .favor: 0
        case .against: 1
        case .mixed: 2
        case .none: 3
        }
    }

    public static func < (lhs: StanceLabel, rhs: StanceLabel) -> Bool { lhs.order < rhs.order }
}

/// One rule firing: which rule, on which lexicon entry, and how much it moved the score.
public struct Evidence: Sendable, Hashable {
    public let rule: String
    public let location: SourceLocation
    public let contribution: Double
    /// The text span that triggered it (for marking words in reports).
    public let range: TextRange?

    public init(rule: String, location: SourceLocation, contribution: Double, range: TextRange? = nil) {
        self.rule = rule
        self.location = location
        self.contribution = contribution
        self.range = range
    }

    /// `rule_id@file:line=contribution` (output contract).
    public var formatted: String {
        "\(rule)@\(location.fileLine)=\(Number.format(contribution, decimals: 2, signed: true))"
    }
}

/// The stance of one statement toward one topic.
public struct StatementStance: Sendable, Hashable {
    public let statementID: String
    public let topic: String
    public let label: StanceLabel
    public let score: Double
    public let confidence: Double
    public let evidence: [Evidence]

    public init(statementID: String, topic: String, label: StanceLabel, score: Double, confidence: Double,
                evidence: [Evidence]) {
        self.statementID = statementID
        self.topic = topic
        self.label = label
        self.score = score
        self.confidence = confidence
        self.evidence = evidence
    }
}

/// Formats numbers the way every output file writes them: a dot, at most `decimals` decimals.
public enum Number {
    /// `value` rounded half away from zero to `decimals` places, without trailing zeros (or with a
    /// sign and every place when `signed`). Digits are written from the rounded integer: Foundation's
    /// `String(format:)` cost a fifth of writing a report's tables.
    public static func format(_ value: Double, decimals: Int = 3, signed: Bool = false) -> String {
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        let scaled = (value * factor).rounded()
        guard scaled.magnitude < 9e15 else { return legacyFormat(value, decimals: decimals, signed: signed) }
        let units = Int64(scaled)
        var digits = Array(String(units.magnitude).utf8)
        if digits.count <= decimals { digits = Array(repeating: UInt8(ascii: "0"), count: decimals + 1 - digits.count) + digits }
        var integerPart = digits[..<(digits.count - decimals)]
        var fraction = digits[(digits.count - decimals)...]
        if !signed {
            while let last = fraction.last, last == UInt8(ascii: "0") { fraction.removeLast() }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count + 3)
        if units < 0 { bytes.append(UInt8(ascii: "-")) } else if signed { bytes.append(UInt8(ascii: "+")) }
        if integerPart.isEmpty { integerPart = [UInt8(ascii: "0")] }
        bytes += integerPart
        if !fraction.isEmpty {
            bytes.append(UInt8(ascii: "."))
            bytes += fraction
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same through Foundation, for magnitudes an `Int64` of units cannot hold.
    static func legacyFormat(_ value: Double, decimals: Int, signed: Bool) -> String {
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        var rounded = (value * factor).rounded() / factor
        if rounded == 0 { rounded = 0 }  // no "-0"
        var text = String(format: "%.\(decimals)f", rounded)
        if !signed {
            while text.contains(".") && (text.hasSuffix("0") || text.hasSuffix(".")) {
                text.removeLast()
            }
        } else if rounded >= 0 {
            text = "+" + text
        }
        return text
    }
}
