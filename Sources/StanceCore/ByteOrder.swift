#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Whether this string's UTF-8 bytes sort before `other`'s: SQLite's BINARY order, and for
    /// ASCII text the same order as `<`. One `memcmp` over contiguous storage; the generic
    /// `utf8.lexicographicallyPrecedes` costs more than `<` itself. Used where many ids or names
    /// are sorted or merged on every run.
    public func utf8Precedes(_ other: String) -> Bool {
        var left = self, right = other
        return left.withUTF8 { a in
            right.withUTF8 { b in
                let common = Swift.min(a.count, b.count)
                if common > 0 {
                    let order = memcmp(a.baseAddress!, b.baseAddress!, common)
                    if order != 0 { return order < 0 }
                }
                return a.count < b.count
            }
        }
    }
}

extension Array where Element == String {
    /// The strings in the order of their UTF-8 bytes (for ASCII text, `sorted()`'s order), sorted
    /// by their first eight bytes as one integer and compared in full only on a tie: ids and
    /// content hashes differ early, and a `String` comparison costs a few hundred instructions
    /// (100,000 names or hashes are sorted on every run).
    public func sortedByUTF8() -> [String] {
        let keys = map { string -> UInt64 in
            var key: UInt64 = 0
            var count = 0
            for byte in string.utf8 {
                if count == 8 { break }
                key = key << 8 | UInt64(byte)
                count += 1
            }
            // Short strings padded with zero bytes: a tie falls back to the whole comparison.
            return count == 0 ? 0 : key << UInt64(8 * (8 - count))
        }
        return indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : self[$0].utf8Precedes(self[$1]) }.map { self[$0] }
    }
}
