import Foundation
import Glibc
import WartaTestSupport

/// Processes this test process started, directly or through their own forks, read from /proc:
/// a test ends the rsync it started by pid, never every process that happens to share its name.
enum ChildProcesses {
    /// Every descendant of this process whose command line contains `word` (as one argument's part).
    static func descendants(containing word: String) -> [pid_t] {
        ProcessTree.descendants(of: getpid()).filter { $0.command.contains(word) }.map(\.pid)
    }
}
