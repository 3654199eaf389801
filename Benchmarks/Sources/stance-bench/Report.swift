import Foundation

/// One measured run: a line of `key=value` fields separated by tabs in the results file.
struct Record {
    var fields: [String: String]
    subscript(_ key: String) -> String? { fields[key] }
    func double(_ key: String) -> Double? { fields[key].flatMap(Double.init) }
    func int(_ key: String) -> Int? { fields[key].flatMap { Int($0) } }
}

/// Runs in the order the tables show them, with their labels.
let runLabels: [(String, String)] = [
    ("wc", "wc -w (floor)"),
    ("stance-2", "stance analyze, 2 cores"),
    ("stance-1", "stance analyze, 1 core"),
    ("stance-rerun", "stance re-run, no change"),
    ("library", "library, per stage"),
    ("vader", "vaderSentiment"),
]
let stageKeys = ["lexicon", "scan", "read", "segment", "attribute", "stance", "compact", "store", "aggregate", "reload", "write"]

func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// Median over repeated runs of the same corpus and run (max for peak memory).
struct Summary {
    let corpus: String
    let run: String
    let records: [Record]
    var first: Record { records[0] }
    func med(_ key: String) -> Double? { median(records.compactMap { $0.double(key) }) }
    var seconds: Double? { med("seconds") }
    var cpuSeconds: Double? { guard let u = med("user"), let s = med("sys") else { return nil }; return u + s }
    var maxRSSMB: Double? { records.compactMap { $0.double("maxrss_kb") }.max().map { $0 * 1024 / 1_000_000 } }
    var bytes: Double? { first.double("bytes") }
    var mbPerSecond: Double? { guard let b = bytes, let s = seconds, s > 0 else { return nil }; return b / 1e6 / s }
    var failed: Bool { records.contains { ($0.int("exit") ?? 0) != 0 && ($0.int("exit") ?? 0) != 1 } }
    /// How a run ended when it did not finish: "stopped: over the memory guard", "stopped: timeout".
    var note: String {
        if let killed = records.compactMap({ $0["killed"] }).first {
            return " (STOPPED: \(killed == "memory" ? "over --max-rss-mb" : killed))"
        }
        return failed ? " (FAILED, exit \(records.compactMap { $0.int("exit") }.first { $0 > 1 } ?? -1))" : ""
    }
}

func reportCommand(_ args: [String]) -> Int32 {
    guard let path = args.first, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        fail("report: usage: report RESULTS.tsv")
    }
    var records: [Record] = []
    var meta: [String: String] = [:]
    for line in text.split(separator: "\n") where !line.isEmpty {
        var fields: [String: String] = [:]
        for part in line.split(separator: "\t") {
            guard let eq = part.firstIndex(of: "=") else { continue }
            fields[String(part[..<eq])] = String(part[part.index(after: eq)...])
        }
        if fields["meta"] != nil { meta.merge(fields) { $1 }; continue }
        if fields["corpus"] != nil && fields["run"] != nil { records.append(Record(fields: fields)) }
    }
    var corpora: [String] = []
    for r in records where !corpora.contains(r["corpus"]!) { corpora.append(r["corpus"]!) }
    var summaries: [String: Summary] = [:]
    for corpus in corpora {
        for (run, _) in runLabels {
            let rs = records.filter { $0["corpus"] == corpus && $0["run"] == run }
            if !rs.isEmpty { summaries[corpus + "/" + run] = Summary(corpus: corpus, run: run, records: rs) }
        }
    }
    func s(_ corpus: String, _ run: String) -> Summary? { summaries[corpus + "/" + run] }

    print("")
    print("== stance benchmark (issue 11) — release build, warm page cache; MB = 10^6 bytes; times are medians of \(meta["repeat"] ?? "1") run(s)")
    if let machine = meta["machine"] { print("   machine: \(machine)") }
    if let commit = meta["commit"] { print("   binaries built from: \(commit)") }
    print("")

    // Table 1: every run.
    var table = TextTable(["corpus", "form", "run", "MB", "docs", "statements", "seconds", "CPU s", "MB/s", "stmts/s", "peak RSS MB"]
                          + stageKeys.map { $0 + " s" } + ["load"])
    for corpus in corpora {
        for (run, label) in runLabels {
            guard let sm = s(corpus, run) else { continue }
            let statements = sm.med("statements")
            var row = [corpus, sm.first["form"] ?? "", label + sm.note,
                       fmt(sm.bytes.map { $0 / 1e6 }, 1), grouped(sm.first.double("docs")),
                       run == "vader" || run == "wc" ? "-" : grouped(statements),
                       fmt(sm.seconds, 2), fmt(sm.cpuSeconds, 2), fmt(sm.mbPerSecond, 1),
                       run == "vader" || run == "wc" ? "-" : grouped(statements.flatMap { st in sm.seconds.map { st / $0 } }),
                       fmt(sm.maxRSSMB, 0)]
            row += stageKeys.map { run == "library" ? fmt(sm.med($0), 2) : "" }
            row.append(fmt(sm.med("load"), 1))
            table.add(row)
        }
    }
    print(table.render())
    print("   stage columns (library row, every stage on one thread, as a first run into a new database):")
    print("   lexicon = load and compile the lexicons; scan = read every input once for the content hashes (run id);")
    print("   read = read, decode and parse again for analysis; segment / attribute / stance = Segmenter, Attributor,")
    print("   StanceScorer per document; compact = DocumentAnalysis.result (content hash, near-duplicate fingerprint);")
    print("   store = SQLite: beginRun, saveDocuments per 64 files (text, statements, FTS), finishRun (stances, speakers,")
    print("   positions, contrasts, allies); aggregate = Aggregator and run id; reload = StoredReport.open (the run's")
    print("   corpus-level tables read back); write = OutputWriter (statements and stances streamed from the database")
    print("   into their CSV files, the other tables, charts, report.md).")
    print("   wc -w and vader rows: the whole command.")
    print("   seconds = wall time; CPU s = user + system time of that process; load = 1-minute load average when the run")
    print("   started (above the core count, other work shared the machine and wall times are inflated).")
    print("   peak RSS = ru_maxrss of the process (wait4)" + (meta["rss_floor_kb"].flatMap(Double.init).map {
        "; Linux carries it across exec, so it includes the measuring process's \(fmt($0 / 1000, 0)) MB (what `true` shows)."
    } ?? "."))
    var memory = TextTable(["corpus", "library peak RSS MB after: analyse+store docs", "aggregate", "finishRun", "reload+write",
                            "RSS per input byte"])
    for corpus in corpora {
        guard let lib = s(corpus, "library"), let a = lib.med("rss_analysed_kb") else { continue }
        memory.add([corpus, fmt(a / 1000, 0), fmt(lib.med("rss_aggregated_kb").map { $0 / 1000 }, 0),
                    fmt(lib.med("rss_stored_kb").map { $0 / 1000 }, 0),
                    fmt(lib.med("inner_maxrss_kb").map { $0 / 1000 }, 0),
                    fmt(lib.med("inner_maxrss_kb").flatMap { m in lib.bytes.map { m * 1000 / $0 } }, 0) + "x"])
    }
    if !memory.rows.isEmpty {
        print("")
        print("Where the memory goes (peak so far, measured inside the library run):")
        print(memory.render())
    }

    // What the CLI wrote: corpus-level tables grow with speakers (pairs), not with bytes.
    var outputs = TextTable(["corpus", "output MB", "report.md MB", "speakers", "positions", "contrasts", "allies"])
    for corpus in corpora {
        guard let sm = s(corpus, "stance-2"), let out = sm.med("out_bytes") else { continue }
        outputs.add([corpus, fmt(out / 1e6, 1), fmt(sm.med("report_bytes").map { $0 / 1e6 }, 1),
                     grouped(sm.med("speakers_rows")), grouped(sm.med("positions_rows")),
                     grouped(sm.med("contrasts_rows")), grouped(sm.med("allies_rows"))])
    }
    if !outputs.rows.isEmpty {
        print("")
        print("What stance analyze wrote (rows of the corpus-level tables):")
        print(outputs.render())
    }

    // Consistency: CLI and library must agree.
    for corpus in corpora {
        if let cli = s(corpus, "stance-2")?.med("statements"), let lib = s(corpus, "library")?.med("statements"), cli != lib {
            print("   WARNING \(corpus): the CLI found \(Int(cli)) statements, the library driver \(Int(lib)); Benchmarks/Sources/stance-bench/Stages.swift no longer mirrors Pipeline.analyze")
        }
    }
    print("")

    // Table 2: ratios against the peers.
    var ratios = TextTable(["corpus", "stance/wc (2 cores)", "stance/wc (1 core)", "stance/vader", "stance sentences/s", "vader sentences/s", "library stages / CLI"])
    for corpus in corpora {
        let wc = s(corpus, "wc")?.seconds
        let two = s(corpus, "stance-2")?.seconds
        let one = s(corpus, "stance-1")?.seconds
        let vader = s(corpus, "vader")
        let lib = s(corpus, "library")
        ratios.add([corpus,
                    ratio(two, wc), ratio(one, wc), ratio(two, vader?.seconds),
                    grouped(lib?.med("sentences").flatMap { n in two.map { n / $0 } }),
                    grouped(vader?.med("sentences").flatMap { n in vader?.seconds.map { n / $0 } }),
                    ratio(lib?.seconds, two)])
    }
    print("Ratios of wall time (x = times slower than the peer; < 1x = faster):")
    print(ratios.render())
    print("   stance/vader compares the whole analysis (attribution, stance per topic, reports) with VADER's target-blind")
    print("   sentence polarity; the sentence counts come from each tool's own splitter.")
    print("")

    // Table 3: issue 11 targets.
    var targets = TextTable(["target (issue 11)", "corpus", "measured", "status"])
    for corpus in corpora {
        if let sm = s(corpus, "stance-2"), let v = sm.mbPerSecond {
            targets.add([">= 50 MB/s, both cores", corpus, fmt(v, 1) + " MB/s" + cpuNote(sm), v >= 50 ? "met" : "NOT MET"])
        }
    }
    for corpus in corpora {
        if let sm = s(corpus, "stance-1"), let v = sm.mbPerSecond {
            targets.add([">= 30 MB/s, one core (taskset -c 0)", corpus, fmt(v, 1) + " MB/s" + cpuNote(sm), v >= 30 ? "met" : "NOT MET"])
        }
    }
    let folder = corpora.first { $0.hasPrefix("txt-25k") }
    if let folder, let two = s(folder, "stance-2")?.seconds, let wc = s(folder, "wc")?.seconds, wc > 0 {
        targets.add(["<= 4x wc -w, 25,000-article folder", folder, ratio(two, wc), two / wc <= 4 ? "met" : "NOT MET"])
    } else {
        targets.add(["<= 4x wc -w, 25,000-article folder", "txt-25k", "-", "not measured"])
    }
    let big = corpora.first { $0.contains("1gb") }
    if let big, let rss = s(big, "stance-2")?.maxRSSMB {
        targets.add(["peak memory < 250 MB, 1 GB corpus", big, fmt(rss, 0) + " MB", rss < 250 ? "met" : "NOT MET"])
    } else {
        let largest = corpora.filter { s($0, "stance-2")?.maxRSSMB != nil }
            .max { (s($0, "stance-2")?.bytes ?? 0) < (s($1, "stance-2")?.bytes ?? 0) }
        let rss = largest.flatMap { s($0, "stance-2")?.maxRSSMB }
        targets.add(["peak memory < 250 MB, 1 GB corpus", "1 GB not run (--big)",
                     largest.map { "\(fmt(rss, 0)) MB on \($0)" } ?? "-",
                     rss.map { $0 >= 250 ? "NOT MET (already over on a smaller corpus)" : "not measured" } ?? "not measured"])
    }
    for corpus in corpora {
        guard let sm = s(corpus, "stance-2"), let st = sm.med("statements"), let sec = sm.seconds, sec > 0 else { continue }
        let stored = sm.first["db_bytes"].flatMap { Int($0) } ?? 0
        let rate = st / sec
        // The store stage alone (library run): what SQLite itself takes per statement.
        let storeOnly = s(corpus, "library").flatMap { lib in lib.med("store").flatMap { t in lib.med("statements").map { $0 / t } } }
        let detail = storeOnly.map { "; \(grouped($0))/s in the store stage alone" } ?? ""
        targets.add([">= 100,000 statements stored/s", corpus,
                     grouped(rate) + "/s end to end" + detail + (stored > 0 ? "" : " (no database written)"),
                     stored == 0 ? "NOT MET (no SQLite output)" : (rate >= 100_000 ? "met" : "NOT MET")])
    }
    for corpus in corpora {
        if let first = s(corpus, "stance-2")?.seconds, let rerun = s(corpus, "stance-rerun"), let again = rerun.seconds, first > 0,
           rerun.failed {
            targets.add(["no-change re-run < 5% of first run", corpus, "> \(fmt(again / first * 100, 0))%" + rerun.note, "NOT MET"])
        } else if let first = s(corpus, "stance-2")?.seconds, let again = s(corpus, "stance-rerun")?.seconds, first > 0 {
            let pct = again / first * 100
            let reused = s(corpus, "stance-rerun")?.med("reused").map { " (\(grouped($0)) documents reused)" } ?? ""
            targets.add(["no-change re-run < 5% of first run", corpus, fmt(pct, 0) + "%" + reused, pct < 5 ? "met" : "NOT MET"])
        }
    }
    print(targets.render())
    print("")
    return 0
}

/// " (x MB per CPU second)": throughput by CPU time, which other load on the machine inflates less.
func cpuNote(_ sm: Summary) -> String {
    guard let b = sm.bytes, let c = sm.cpuSeconds, c > 0 else { return "" }
    return " (\(fmt(b / 1e6 / c, 1)) MB per CPU s)"
}

func fmt(_ value: Double?, _ digits: Int) -> String {
    guard let value, value.isFinite else { return "-" }
    return String(format: "%.\(digits)f", value)
}

func grouped(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "-" }
    let n = Int(value.rounded())
    let digits = String(abs(n))
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return (n < 0 ? "-" : "") + out
}

func ratio(_ a: Double?, _ b: Double?) -> String {
    guard let a, let b, b > 0 else { return "-" }
    return String(format: a / b >= 10 ? "%.0fx" : "%.1fx", a / b)
}

/// A plain text table: left-aligned first columns, right-aligned numbers.
struct TextTable {
    let header: [String]
    var rows: [[String]] = []
    init(_ header: [String]) { self.header = header }
    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        // Drop columns that are empty in every row (e.g. stage columns when no library run).
        let keep = (0..<header.count).filter { i in rows.contains { i < $0.count && !$0[i].isEmpty } || rows.isEmpty }
        func line(_ row: [String]) -> String {
            keep.map { i in
                let cell = i < row.count ? row[i] : ""
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                let numeric = cell.first.map { $0.isNumber || $0 == "-" } ?? true
                return (numeric && i > 0) ? pad + cell : cell + pad
            }.joined(separator: "  ")
        }
        var lines = [line(header), keep.map { String(repeating: "-", count: widths[$0]) }.joined(separator: "  ")]
        lines += rows.map(line)
        return lines.map { "   " + $0 }.joined(separator: "\n")
    }
}
