import ArgumentParser
import StanceCore
import StanceKit
import StanceStore

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

/// The files of the lexicon set, as stored with a run, or exits 2 with the reason.
func readLexiconFilesOrExit(_ options: LexiconOptions) throws -> [LexiconFile] {
    do {
        guard let folder = LexiconSelection.directory(explicit: options.lexicons) else { throw ExitCode(2) }
        return try LexiconFiles.read(directory: folder)
    } catch {
        warn("stance: cannot read the lexicon files to store them with the run: \(error)")
        throw ExitCode(2)
    }
}
