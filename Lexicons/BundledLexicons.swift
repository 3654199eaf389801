import Foundation

/// The lexicon set shipped with the binary, used when neither `--lexicons DIR` nor `./Lexicons` exists.
public enum BundledLexicons {
    /// The folder holding the bundled copies of `Lexicons/`' data folders and settings.
    public static var directory: URL? { Bundle.module.resourceURL }
}
