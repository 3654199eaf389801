/// SplitMix64: small, fast and identical on every platform, so a seed always gives the same corpus.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0..<n
    mutating func int(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }

    /// lower...upper
    mutating func int(_ lower: Int, _ upper: Int) -> Int { lower + int(upper - lower + 1) }

    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    /// Picks by weight; `items` are (weight, value).
    mutating func weighted<T>(_ items: [(Int, T)]) -> T {
        let total = items.reduce(0) { $0 + $1.0 }
        var roll = int(total)
        for (weight, value) in items {
            if roll < weight { return value }
            roll -= weight
        }
        return items[items.count - 1].1
    }
}
