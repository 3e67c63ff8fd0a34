import Dispatch
import Foundation
import Synchronization

/// The threads preview builds run on, apart from Swift's cooperative pool that answers requests.
/// A build may keep every thread it has busy (parallel rendering), or hold one for as long as a
/// hostile file takes to parse; the server must still answer meanwhile. Child tasks of a build
/// (its parallel maps) inherit this executor, so none of them lands on the cooperative pool.
final class BuildExecutor: TaskExecutor {
    /// One set of threads for the process: builds run one at a time anyway.
    static let shared = BuildExecutor(threads: max(2, ProcessInfo.processInfo.activeProcessorCount))

    private let jobs = Mutex<[UnownedJob]>([])
    private let ready = DispatchSemaphore(value: 0)

    private init(threads: Int) {
        for n in 0..<threads {
            let thread = Thread { [self] in
                // Named where a debugger, top -H or /proc/<pid>/task/*/comm shows it.
                Thread.current.name = "warta-build-\(n)"
                work()
            }
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.withLock { $0.append(job) }
        ready.signal()
    }

    private func work() {
        let executor = asUnownedTaskExecutor()
        while true {
            ready.wait()
            let job = jobs.withLock { $0.removeFirst() }
            job.runSynchronously(on: executor)
        }
    }
}
