import Foundation

let usage = """
usage: stance-bench COMMAND ...
  generate --form jsonl|txt (--size-mb N | --docs N) [--length normal|short|small] [--seed S] [--shard-mb N] --out DIR
  stages PATH [--lexicons DIR] --out DIR      time each stage of the pipeline through the library
  store PATH --statements N --out DIR          store and report a database of N statements (copies of PATH's)
  analyze PATH [--lexicons DIR] [--limit N] [--threads N]   per-document analysis alone, with a digest
  exec [--stdout F] [--stderr F] -- CMD ...    run a command; print wall time, CPU time, peak RSS
  report RESULTS.tsv                           print the tables, ratios and issue 11 targets
Normally driven by Benchmarks/run.sh.
"""

let arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    print(usage)
    exit(64)
}
let rest = Array(arguments.dropFirst())
switch command {
case "generate": exit(generateCommand(rest))
case "stages": exit(stagesCommand(rest))
case "store": exit(storeCommand(rest))
case "analyze": exit(analyzeCommand(rest))
case "exec": exit(execCommand(rest))
case "report": exit(reportCommand(rest))
case "-h", "--help", "help": print(usage)
default:
    FileHandle.standardError.write(Data("stance-bench: unknown command \(command)\n\(usage)\n".utf8))
    exit(64)
}
