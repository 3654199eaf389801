import StanceCore

/// A 64-bit SimHash over word 3-shingles: copies of one wire story republished with small edits
/// get fingerprints a few bits apart, so aggregation can count them once.
public enum Fingerprint {
    public static func simHash(_ text: String) -> String {
        let words = Folding.fold(text).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        var weights = [Int](repeating: 0, count: 64)
        let n = 3
        if words.count >= 1 {
            for i in 0..<max(1, words.count - n + 1) {
                let shingle = words[i..<min(words.count, i + n)].joined(separator: " ")
                let digest = SHA256.digest(Array(shingle.utf8))
                var h: UInt64 = 0
                for b in digest.prefix(8) { h = h << 8 | UInt64(b) }
                for bit in 0..<64 { weights[bit] += (h >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
            }
        }
        var value: UInt64 = 0
        for bit in 0..<64 where weights[bit] > 0 { value |= 1 << UInt64(bit) }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Number of differing bits between two fingerprints.
    public static func distance(_ a: String, _ b: String) -> Int {
        guard let x = UInt64(a, radix: 16), let y = UInt64(b, radix: 16) else { return 64 }
        return (x ^ y).nonzeroBitCount
    }
}
