import Foundation
import StanceCore
import StanceKit

/// What every fuzz target needs: the lexicon folder (`STANCE_FUZZ_LEXICONS`, else `./Lexicons`, else
/// the bundled set, as the CLI chooses) and a way to fail loudly when a property does not hold.
public enum FuzzSupport {
    public static var lexiconDirectory: URL {
        let explicit = ProcessInfo.processInfo.environment["STANCE_FUZZ_LEXICONS"]
        guard let directory = LexiconSelection.directory(explicit: explicit) else { fatalError("no lexicon folder") }
        return directory
    }

    /// The shipped lexicon, loaded once per process.
    public static let lexicon: Lexicon = {
        let result = LexiconSelection.load(explicit: ProcessInfo.processInfo.environment["STANCE_FUZZ_LEXICONS"])
        guard let lexicon = result.lexicon else { fatalError("the lexicon does not load: \(result.errors)") }
        return lexicon
    }()

    /// A broken property is a crash: libFuzzer saves the input that caused it.
    public static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() {
            FileHandle.standardError.write(Data("property failed: \(message())\n".utf8))
            abort()
        }
    }

    /// Text the way the CLI gets it: through `TextDecoder`; bytes it refuses are decoded lossily
    /// instead, so that every input also reaches the analysis (the reader never sends such text on,
    /// but the stages must not depend on that).
    public static func text(_ bytes: [UInt8]) -> String {
        switch TextDecoder.decode(bytes) {
        case .success(let text): text
        case .failure: String(decoding: bytes, as: UTF8.self)
        }
    }

    /// `scalars[range]` as a String.
    public static func slice(_ scalars: [Unicode.Scalar], _ range: TextRange) -> String? {
        guard range.start >= 0, range.start <= range.end, range.end <= scalars.count else { return nil }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range.start..<range.end])
        return String(view)
    }
}
