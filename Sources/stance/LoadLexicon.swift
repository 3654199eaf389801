import ArgumentParser
import StanceCore
import StanceKit

/// Loads the lexicon set or exits 2 with its diagnostics on stderr.
func loadLexiconOrExit(_ options: LexiconOptions) throws -> Lexicon {
    let loaded = LexiconSelection.load(explicit: options.lexicons)
    for diagnostic in loaded.diagnostics where diagnostic.severity == .error { warn(diagnostic.description) }
    guard let lexicon = loaded.lexicon else {
        warn("stance: the lexicons have errors; nothing analysed")
        throw ExitCode(2)
    }
    return lexicon
}
