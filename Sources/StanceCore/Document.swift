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

    public init(id: String, text: String, title: String? = nil, date: String? = nil,
                source: String? = nil, url: String? = nil) {
        self.id = id
        self.text = text
        self.scalars = Array(text.unicodeScalars)
        self.title = title
        self.date = date
        self.source = source
        self.url = url
    }

    /// SHA-256 of the text's UTF-8 bytes, hex.
    public var contentHash: String { SHA256.hex(of: Array(text.utf8)) }

    public func text(in range: TextRange) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range.start..<range.end])
        return String(view)
    }
}
