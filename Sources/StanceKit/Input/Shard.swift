import StanceCore

/// One shard of a corpus (`--shard K/N`, output contract): the documents whose id's SHA-256, first
/// 8 bytes read big-endian, modulo N equals K-1. The assignment depends on the id alone, so the N
/// shards of a corpus cover every document exactly once, whatever the order or machine.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    /// `K/N` with 1 <= K <= N; nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// The 0-based shard a document id falls in among `count`.
    public static func bucket(of id: String, count: Int) -> Int {
        let digest = SHA256.digest(Array(id.utf8))
        var value: UInt64 = 0
        for byte in digest.prefix(8) { value = value << 8 | UInt64(byte) }
        return Int(value % UInt64(count))
    }

    public func contains(_ id: String) -> Bool { Self.bucket(of: id, count: count) == index - 1 }
}
