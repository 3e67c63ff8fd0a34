import Foundation
import Glibc

/// Processes this test process started, directly or through their own forks, read from /proc:
/// a test ends the rsync it started by pid, never every process that happens to share its name.
enum ChildProcesses {
    /// Every descendant of this process whose command line contains `word`.
    static func descendants(containing word: String) -> [pid_t] {
        var parent: [pid_t: pid_t] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // After "pid (name) ": the state, then the parent's pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let ppid = pid_t(fields[1]) { parent[pid] = ppid }
        }
        func descends(_ pid: pid_t) -> Bool {
            var current = pid
            while let up = parent[current], up > 1 {
                if up == getpid() { return true }
                current = up
            }
            return false
        }
        return parent.keys.filter { pid in
            guard descends(pid), let line = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: line, as: UTF8.self).split(separator: "\0").contains { $0.contains(word) }
        }
    }
}
