/// One article as read: its text (BOM removed, line ends kept) and the metadata a reader found.
/// The scalar array is the coordinate system of every span in the analysis.
public struct Document: Sendable {
    /// The output contract's document id (relative path with `/`, or the JSONL `id`).
    public let id: String
    public let text: String
    public let scalars: [Unicode.Scalar]
    public var title: String?
    public var date: String?
    public var source: String?
    public var url: String?
    /// SHA-256 of the text's UTF-8 bytes, hex. Computed once: the scan, the plan, the store and the
    /// run id all ask for it.
    public let contentHash: String

    public init(id: String, text: String, title: String? = nil, date: String? = nil,
                source: String? = nil, url: String? = nil) {
        self.id = id
        self.text = text
        self.scalars = Array(text.unicodeScalars)
        self.contentHash = SHA256.hex(of: Array(text.utf8))
        self.title = title
        self.date = date
        self.source = source
        self.url = url
    }

    public func text(in range: TextRange) -> String {
        Self.string(scalars[range.start..<range.end])
    }

    /// A string from scalars, encoded to UTF-8 in one buffer: appending scalars to a
    /// `String.UnicodeScalarView` one by one costs a few hundred instructions each.
    public static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var count = 0
        for s in scalars {
            let v = s.value
            count += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
        }
        return String(unsafeUninitializedCapacity: count) { buffer in
            var i = 0
            for s in scalars {
                let v = s.value
                if v < 0x80 {
                    buffer[i] = UInt8(v); i += 1
                } else if v < 0x800 {
                    buffer[i] = UInt8(0xC0 | (v >> 6)); buffer[i + 1] = UInt8(0x80 | (v & 0x3F)); i += 2
                } else if v < 0x10000 {
                    buffer[i] = UInt8(0xE0 | (v >> 12)); buffer[i + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buffer[i + 2] = UInt8(0x80 | (v & 0x3F)); i += 3
                } else {
                    buffer[i] = UInt8(0xF0 | (v >> 18)); buffer[i + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    buffer[i + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); buffer[i + 3] = UInt8(0x80 | (v & 0x3F)); i += 4
                }
            }
            return i
        }
    }
}
