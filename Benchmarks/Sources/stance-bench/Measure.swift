#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Monotonic wall clock in seconds.
@inline(__always) func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Peak resident set size of this process in kB (Linux reports `ru_maxrss` in kilobytes).
func selfPeakRSSKB() -> Int {
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Int(usage.ru_maxrss)
}

func cpuSeconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }

/// `stance-bench exec [--stdout F] [--stderr F] -- CMD ARGS...`: runs a command and prints its wall
/// time, CPU time and peak RSS (from wait4's rusage of that child alone), as key=value fields.
func execCommand(_ args: [String]) -> Int32 {
    var stdoutPath: String?
    var stderrPath: String?
    var maxRSSKB: Int?
    var timeout: Double?
    var rest = args[...]
    while let first = rest.first, first != "--" {
        rest = rest.dropFirst()
        switch first {
        case "--stdout": stdoutPath = rest.popFirst()
        case "--stderr": stderrPath = rest.popFirst()
        case "--max-rss-mb": maxRSSKB = rest.popFirst().flatMap { Int($0) }.map { $0 * 1000 }
        case "--timeout-s": timeout = rest.popFirst().flatMap { Double($0) }
        default: fail("exec: unknown option \(first)")
        }
    }
    rest = rest.dropFirst()  // "--"
    guard !rest.isEmpty else { fail("exec: no command after --") }
    let command = Array(rest)

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if let stdoutPath { posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
    if let stderrPath { posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }

    var cArgs: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) }
    cArgs.append(nil)
    defer { for p in cArgs { free(p) } }
    var pid: pid_t = 0
    let started = monotonicSeconds()
    let spawned = posix_spawnp(&pid, command[0], &actions, nil, cArgs, environ)
    guard spawned == 0 else { fail("exec: cannot start \(command[0]): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    var usage = rusage()
    // Poll rather than block, so that a run that outgrows the memory guard is stopped before the
    // machine (shared with other work) starts swapping or the kernel's OOM killer picks a victim.
    var killed: String?
    var terminatedAt: Double?
    var polls = 0
    while true {
        let r = wait4(pid, &status, WNOHANG, &usage)
        if r == pid { break }
        if r < 0 && errno != EINTR { fail("exec: wait4 failed") }
        polls += 1
        // /proc is read every 5th poll (100 ms): cheap enough not to show in the measured run.
        if let limit = maxRSSKB, killed == nil, polls % 5 == 0, let rss = currentRSSKB(pid), rss > limit {
            kill(pid, SIGKILL)
            killed = "memory"
        }
        if let timeout, killed == nil, monotonicSeconds() - started > timeout {
            kill(pid, SIGTERM)
            killed = "timeout"
            terminatedAt = monotonicSeconds()
        }
        if let at = terminatedAt, monotonicSeconds() - at > 5 {
            kill(pid, SIGKILL)
            terminatedAt = nil
        }
        usleep(20_000)
    }
    let seconds = monotonicSeconds() - started
    let exitCode: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    print(String(format: "seconds=%.4f\tuser=%.3f\tsys=%.3f\tmaxrss_kb=%d\texit=%d",
                 seconds, cpuSeconds(usage.ru_utime), cpuSeconds(usage.ru_stime), Int(usage.ru_maxrss), exitCode)
          + (killed.map { "\tkilled=\($0)" } ?? ""))
    return 0
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("stance-bench: " + message + "\n").utf8))
    exit(2)
}

/// Resident set size of a running process in kB, from /proc (Linux); nil elsewhere.
func currentRSSKB(_ pid: pid_t) -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
    }
    return nil
}
