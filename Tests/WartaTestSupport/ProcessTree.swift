import Foundation
import Glibc

/// The processes below one process, read from /proc (each process's parent): tests end the
/// children they started by pid, never every process that shares a name.
public enum ProcessTree {
    /// Every process below `root`, with its command line (arguments joined by spaces).
    public static func descendants(of root: pid_t) -> [(pid: pid_t, command: String)] {
        var parent: [pid_t: pid_t] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // After "pid (name) ": the state, then the parent's pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let ppid = pid_t(fields[1]) { parent[pid] = ppid }
        }
        return parent.keys.filter { pid in
            var current = pid
            while let up = parent[current], up > 1 {
                if up == root { return true }
                current = up
            }
            return false
        }.map { pid in
            let line = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") ?? Data()
            return (pid, String(decoding: line, as: UTF8.self).replacingOccurrences(of: "\0", with: " "))
        }
    }
}
