import StanceCore

/// A 64-bit SimHash over word 3-shingles: copies of one wire story republished with small edits
/// get fingerprints a few bits apart, so aggregation can count them once. Shingles are hashed with
/// FNV-1a (64-bit): SimHash needs well-spread bits, not a cryptographic hash, and FNV is ~50x cheaper.
public enum Fingerprint {
    public static func simHash(_ text: String) -> String {
        var weights = [Int](repeating: 0, count: 64)
        // Words as byte ranges of the UTF-8 text, ASCII lowercased in place: copies of one story
        // share their spelling, so fingerprints need no diacritic folding (the costly part).
        let folded = text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
        var words: [Range<Int>] = []
        var start: Int?
        for (i, byte) in folded.enumerated() {
            let isWordByte = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte >= 0x80
            if isWordByte { if start == nil { start = i } } else if let s = start { words.append(s..<i); start = nil }
        }
        if let s = start { words.append(s..<folded.count) }
        let n = 3
        if !words.isEmpty {
            for i in 0..<max(1, words.count - n + 1) {
                var h: UInt64 = 0xcbf29ce484222325
                for (k, word) in words[i..<min(words.count, i + n)].enumerated() {
                    if k > 0 { h = (h ^ 0x20) &* 0x100000001b3 }
                    for byte in folded[word] { h = (h ^ UInt64(byte)) &* 0x100000001b3 }
                }
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
