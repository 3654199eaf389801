import StanceCore

/// What is wrong with a value, before it is given a place.
struct ValueProblem: Equatable {
    let code: Diagnostic.Code
    let message: String
}

extension ColumnRule {
    public var isRequired: Bool {
        switch self {
        case .number(_, let required), .oneOf(_, let required): required
        case .text: false
        }
    }

    /// Checks one trimmed value of the column or key `name`; nil when it is fine. TSV columns,
    /// topic cues and settings all go through here, so a value means the same wherever it is written.
    func check(_ value: String, name: String) -> ValueProblem? {
        if value.isEmpty {
            return isRequired ? ValueProblem(code: .missing, message: "missing value for \"\(name)\"") : nil
        }
        switch self {
        case .text:
            return nil
        case .oneOf(let allowed, _):
            guard !allowed.contains(value) else { return nil }
            return ValueProblem(code: .valueOutOfRange,
                                message: "\(name) \"\(value)\" is not one of: \(allowed.joined(separator: ", "))")
        case .number(let range, _):
            let expected = "\(Number.format(range.lowerBound))...\(Number.format(range.upperBound))"
            guard let number = Self.parseNumber(value) else {
                return ValueProblem(code: .valueOutOfRange,
                                    message: "\(name) \"\(value)\" is not a number (expected \(expected))")
            }
            guard range.contains(number) else {
                return ValueProblem(code: .valueOutOfRange,
                                    message: "\(name) \(value) is out of range \(expected)")
            }
            return nil
        }
    }

    /// A plain decimal number (`0.5`, `-1`, `.25`, `1e-2`). Swift's `Double(_:)` alone would also take
    /// `nan`, `inf` and hexadecimal floats, which no one means in a word list.
    static func parseNumber(_ text: String) -> Double? {
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }),
              let number = Double(text), number.isFinite
        else { return nil }
        return number
    }
}
