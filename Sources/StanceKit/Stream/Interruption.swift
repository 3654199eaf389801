import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C on a long run: the first SIGINT asks the run to stop after the batch it is working on
/// (every batch is stored whole, so a re-run resumes where it stopped); a second one exits at once
/// with status 130, as an uncaught SIGINT would.
public final class Interruption: @unchecked Sendable {
    public static let shared = Interruption()

    private let lock = NSLock()
    private var requested = false
    private var source: DispatchSourceSignal?

    /// The status a run that stopped on SIGINT exits with (128 + SIGINT, the shells' convention).
    public static let exitStatus: Int32 = 130

    /// A test hook: with `STANCE_INTERRUPT_AFTER_DOCUMENTS=N`, the process sends itself SIGINT once
    /// N documents are done (`documentsDone`), through the same handler a Ctrl-C reaches.
    public static let failpointVariable = "STANCE_INTERRUPT_AFTER_DOCUMENTS"
    private let failpoint = ProcessInfo.processInfo.environment[Interruption.failpointVariable].flatMap(Int.init)
    private var failpointFired = false

    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }

    public func request() {
        lock.lock()
        let again = requested
        requested = true
        lock.unlock()
        if again { _exit(Self.exitStatus) }
    }

    /// Routes SIGINT to `request()`. Call once, before the work starts.
    public func install() {
        lock.lock()
        defer { lock.unlock() }
        guard source == nil else { return }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in self?.request() }
        source.resume()
        self.source = source
    }

    /// Reports progress to the failpoint (see `failpointVariable`); waits until the signal arrived.
    public func documentsDone(_ count: Int) {
        guard let failpoint, count >= failpoint, !failpointFired else { return }
        failpointFired = true
        kill(getpid(), SIGINT)
        for _ in 0..<200 where !isRequested { usleep(5_000) }
    }
}

/// A run stopped on request (Ctrl-C) after a whole batch: what it had done by then.
public struct AnalysisInterrupted: Error, CustomStringConvertible {
    public let analysed: Int
    public let reused: Int
    public let failed: Int
    public let statements: Int

    public init(analysed: Int, reused: Int, failed: Int, statements: Int) {
        self.analysed = analysed
        self.reused = reused
        self.failed = failed
        self.statements = statements
    }

    public var description: String {
        "interrupted: \(analysed) documents analysed and stored; run the same command again to resume"
    }
}

/// The progress line of a long run on a terminal: `analysing 1,200/10,000 documents, 85.3 docs/s,
/// 1 min 43 s left`, rewritten in place with `\r`. Nothing at all when standard error is not a
/// terminal (logs and pipes stay clean).
public final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    private let label: String

    public init(label: String = "analysing", enabled: Bool = isatty(STDERR_FILENO) != 0) {
        self.label = label
        self.enabled = enabled
    }

    /// Redraws at most a few times a second; `total` nil when unknown (a stream).
    public func update(done: Int, total: Int?) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.25 || done == total else { return }
        lastDraw = now
        drawn = true
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + Self.render(label: label, done: done, total: total,
                                                                     elapsed: now.timeIntervalSince(started))).utf8))
    }

    /// Clears the line, so the summary that follows starts on a clean line.
    public func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    public static func render(label: String, done: Int, total: Int?, elapsed: Double) -> String {
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var line = "\(label) \(grouped(done))"
        if let total { line += "/\(grouped(total))" }
        line += " documents, " + String(format: "%.1f", rate) + " docs/s"
        if let total, done < total {
            line += rate > 0 ? ", \(duration(Double(total - done) / rate)) left" : ", time left unknown"
        }
        return line
    }

    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole) s" }
        if whole < 3600 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}
