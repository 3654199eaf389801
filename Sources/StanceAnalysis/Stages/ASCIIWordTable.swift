import Foundation

/// ASCII words -> values, keyed by their bytes (FNV-1a, open addressing): the per-token lookup of
/// attribution's word classes and of the stance lists' word symbols. A `String` dictionary key is
/// hashed with SipHash behind normalisation checks, which costs more than what the token's lookup
/// then decides; ASCII strings are equal exactly when their bytes are, so the answers are the
/// dictionary's. A word that is not ASCII is never in the table: the caller asks its `String`-keyed
/// dictionary, which compares by canonical equivalence.
struct ASCIIWordTable<Value: Sendable>: Sendable {
    enum Lookup { case found(Value), absent, notASCII }

    private let bytes: [UInt8]
    /// Per slot: the word's byte range in `bytes` and its value's index; `entry == -1`: empty slot.
    private let slots: [(start: Int32, count: Int32, entry: Int32)]
    private let values: [Value]
    private let mask: Int

    /// `entries` in a fixed order: a word given twice keeps its first value. Words that are not
    /// ASCII are left out (a caller whose non-ASCII words are canonically ASCII passes that form).
    init(_ entries: [(word: String, value: Value)]) {
        let ascii = entries.filter { !$0.word.isEmpty && $0.word.utf8.allSatisfy { $0 < 0x80 } }
        var capacity = 16
        while capacity < ascii.count * 2 { capacity *= 2 }
        mask = capacity - 1
        var table = [(start: Int32, count: Int32, entry: Int32)](repeating: (0, 0, -1), count: capacity)
        var arena: [UInt8] = []
        var values: [Value] = []
        for (word, value) in ascii {
            let utf8 = Array(word.utf8)
            var slot = utf8.withUnsafeBufferPointer { Self.hash($0).value } & mask
            var taken = false
            while table[slot].entry != -1 {
                let s = table[slot]
                if arena[Int(s.start)..<Int(s.start + s.count)].elementsEqual(utf8) { taken = true; break }
                slot = (slot + 1) & mask
            }
            if taken { continue }
            table[slot] = (Int32(arena.count), Int32(utf8.count), Int32(values.count))
            arena += utf8
            values.append(value)
        }
        bytes = arena
        slots = table
        self.values = values
    }

    private static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> (value: Int, isASCII: Bool) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var high: UInt8 = 0
        for b in utf8 {
            h = (h ^ UInt64(b)) &* 0x100_0000_01b3
            high |= b
        }
        return (Int(truncatingIfNeeded: h ^ (h >> 32)), high < 0x80)
    }

    func lookup(_ word: String) -> Lookup {
        let answer = word.utf8.withContiguousStorageIfAvailable { utf8 -> Lookup in
            let (hash, isASCII) = Self.hash(utf8)
            guard isASCII, !utf8.isEmpty else { return .notASCII }
            return bytes.withUnsafeBufferPointer { arena in
                var slot = hash & mask
                while true {
                    let s = slots[slot]
                    if s.entry == -1 { return .absent }
                    if Int(s.count) == utf8.count, memcmp(arena.baseAddress! + Int(s.start), utf8.baseAddress!, utf8.count) == 0 {
                        return .found(values[Int(s.entry)])
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
        // Not stored contiguously (never for native strings): the dictionary answers.
        return answer ?? .notASCII
    }
}
