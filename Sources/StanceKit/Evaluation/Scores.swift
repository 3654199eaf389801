import StanceCore

/// Precision, recall and F1 of one class (or of attribution). A ratio with nothing to divide by
/// is 0, as scikit-learn's `zero_division=0` makes it.
public struct ClassScores: Sendable, Hashable {
    public let truePositives: Int
    /// Predicted as the class.
    public let predicted: Int
    /// Gold in the class (support).
    public let gold: Int

    public init(truePositives: Int, predicted: Int, gold: Int) {
        self.truePositives = truePositives
        self.predicted = predicted
        self.gold = gold
    }

    public var precision: Double { predicted == 0 ? 0 : Double(truePositives) / Double(predicted) }
    public var recall: Double { gold == 0 ? 0 : Double(truePositives) / Double(gold) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
}

/// Counts of (gold label, predicted label) pairs over a fixed list of labels, and the scores
/// computed from them.
public struct ConfusionMatrix: Sendable, Hashable {
    public let labels: [StanceLabel]
    /// counts[gold][predicted], indices into `labels`.
    public private(set) var counts: [[Int]]

    public init(labels: [StanceLabel]) {
        self.labels = labels
        counts = Array(repeating: Array(repeating: 0, count: labels.count), count: labels.count)
    }

    /// Adds one pair; a label outside `labels` is a programming error.
    public mutating func add(gold: StanceLabel, predicted: StanceLabel) {
        guard let g = labels.firstIndex(of: gold), let p = labels.firstIndex(of: predicted) else {
            preconditionFailure("label outside the matrix: \(gold) / \(predicted)")
        }
        counts[g][p] += 1
    }

    public func count(gold: StanceLabel, predicted: StanceLabel) -> Int {
        guard let g = labels.firstIndex(of: gold), let p = labels.firstIndex(of: predicted) else { return 0 }
        return counts[g][p]
    }

    public var total: Int { counts.joined().reduce(0, +) }

    public func scores(_ label: StanceLabel) -> ClassScores {
        guard let i = labels.firstIndex(of: label) else { return ClassScores(truePositives: 0, predicted: 0, gold: 0) }
        return ClassScores(truePositives: counts[i][i], predicted: counts.map { $0[i] }.reduce(0, +),
                           gold: counts[i].reduce(0, +))
    }

    /// The labels that occur in the gold or in the predictions: macro-F1 averages over these (a
    /// class nobody used does not count as a zero).
    public var usedLabels: [StanceLabel] {
        labels.filter { scores($0).gold + scores($0).predicted > 0 }
    }

    /// The mean F1 over `usedLabels`; 0 when there are none.
    public var macroF1: Double {
        let used = usedLabels
        return used.isEmpty ? 0 : used.map { scores($0).f1 }.reduce(0, +) / Double(used.count)
    }

    /// The mean F1 of FAVOR and AGAINST (the SemEval-2016 stance measure, blind to NONE).
    public var favorAgainstF1: Double { (scores(.favor).f1 + scores(.against).f1) / 2 }

    public var accuracy: Double {
        total == 0 ? 0 : Double(labels.indices.map { counts[$0][$0] }.reduce(0, +)) / Double(total)
    }
}

/// How well statements were found and tied to their speakers.
public struct AttributionScores: Sendable, Hashable {
    /// Gold statements.
    public let gold: Int
    /// Gold statements some predicted statement covers.
    public let found: Int
    /// Found gold statements whose covering statement has the right speaker.
    public let speakerRight: Int
    /// Predicted statements (in the gold's documents).
    public let predicted: Int
    /// Predicted statements that overlap a gold one.
    public let correct: Int

    public init(gold: Int, found: Int, speakerRight: Int, predicted: Int, correct: Int) {
        self.gold = gold
        self.found = found
        self.speakerRight = speakerRight
        self.predicted = predicted
        self.correct = correct
    }

    public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
    public var recall: Double { gold == 0 ? 0 : Double(found) / Double(gold) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    /// Right speakers among the found statements.
    public var speakerAccuracy: Double { found == 0 ? 0 : Double(speakerRight) / Double(found) }
}
