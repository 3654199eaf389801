#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// `stance-bench generate --form jsonl|txt (--size-mb N | --docs N) [--length normal|short|small]
/// [--seed S] [--shard-mb N] --out DIR`: writes a deterministic corpus and prints
/// `bytes=... docs=... files=...`. The same arguments always give the same bytes.
func generateCommand(_ args: [String]) -> Int32 {
    var form = "jsonl"
    var sizeMB: Double?
    var docs: Int?
    var length = ArticleLength.normal
    var seed: UInt64 = 1
    var shardMB = 16.0
    var out: String?
    var rest = args[...]
    while let option = rest.popFirst() {
        guard let value = rest.popFirst() else { fail("generate: \(option) needs a value") }
        switch option {
        case "--form": form = value
        case "--size-mb": sizeMB = Double(value)
        case "--docs": docs = Int(value)
        case "--length":
            guard let parsed = ArticleLength(rawValue: value) else { fail("generate: bad --length \(value)") }
            length = parsed
        case "--seed":
            guard let parsed = UInt64(value) else { fail("generate: bad --seed") }
            seed = parsed
        case "--shard-mb": shardMB = Double(value) ?? 16
        case "--out": out = value
        default: fail("generate: unknown option \(option)")
        }
    }
    guard let out else { fail("generate: --out is required") }
    guard sizeMB != nil || docs != nil else { fail("generate: give --size-mb or --docs") }
    guard form == "jsonl" || form == "txt" else { fail("generate: --form is jsonl or txt") }
    let targetBytes = sizeMB.map { Int($0 * 1_000_000) } ?? Int.max
    let targetDocs = docs ?? Int.max

    let fm = FileManager.default
    try? fm.removeItem(atPath: out)
    do { try fm.createDirectory(atPath: out, withIntermediateDirectories: true) } catch { fail("generate: cannot create \(out)") }

    var writer = ArticleWriter(seed: seed, length: length)
    var bytes = 0
    var count = 0
    var files = 0
    var createdFolders: Set<String> = []

    if form == "jsonl" {
        let shardBytes = Int(shardMB * 1_000_000)
        var shard: [UInt8] = []
        shard.reserveCapacity(shardBytes + 65536)
        func flush() {
            guard !shard.isEmpty else { return }
            files += 1
            writeFile(out + "/" + String(format: "wire-%04d.jsonl", files), shard)
            shard.removeAll(keepingCapacity: true)
        }
        while bytes < targetBytes && count < targetDocs {
            let a = writer.next()
            let before = shard.count
            shard.append(contentsOf: "{\"id\":".utf8); appendJSONString(a.id, to: &shard)
            shard.append(contentsOf: ",\"title\":".utf8); appendJSONString(a.title, to: &shard)
            shard.append(contentsOf: ",\"date\":".utf8); appendJSONString(a.date, to: &shard)
            shard.append(contentsOf: ",\"source\":".utf8); appendJSONString(a.source, to: &shard)
            shard.append(contentsOf: ",\"url\":".utf8); appendJSONString(a.url, to: &shard)
            shard.append(contentsOf: ",\"text\":".utf8); appendJSONString(a.body, to: &shard)
            shard.append(contentsOf: "}\n".utf8)
            bytes += shard.count - before
            count += 1
            if shard.count >= shardBytes { flush() }
        }
        flush()
    } else {
        while bytes < targetBytes && count < targetDocs {
            let a = writer.next()
            let folder = out + "/" + a.folder
            if createdFolders.insert(folder).inserted {
                try? fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            var content: [UInt8] = []
            content.reserveCapacity(a.body.utf8.count + a.title.utf8.count + 4)
            content.append(contentsOf: a.title.utf8)
            content.append(contentsOf: "\n\n".utf8)
            content.append(contentsOf: a.body.utf8)
            content.append(10)
            writeFile(folder + "/" + a.fileName, content)
            bytes += content.count
            count += 1
            files += 1
        }
    }
    print("form=\(form)\tbytes=\(bytes)\tdocs=\(count)\tfiles=\(files)\tseed=\(seed)\tlength=\(length.rawValue)")
    return 0
}

func writeFile(_ path: String, _ bytes: [UInt8]) {
    guard let f = fopen(path, "wb") else { fail("cannot write \(path)") }
    let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
    if written != bytes.count { fail("short write to \(path)") }
}

func appendJSONString(_ s: String, to out: inout [UInt8]) {
    out.append(34)
    for byte in s.utf8 {
        switch byte {
        case 34: out.append(92); out.append(34)
        case 92: out.append(92); out.append(92)
        case 10: out.append(92); out.append(110)
        case 13: out.append(92); out.append(114)
        case 9: out.append(92); out.append(116)
        case 0..<32:
            out.append(contentsOf: String(format: "\\u%04x", Int(byte)).utf8)
        default: out.append(byte)
        }
    }
    out.append(34)
}
