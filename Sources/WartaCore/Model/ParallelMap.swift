import Foundation
import Synchronization

/// Runs work on every core in a few large chunks and returns results in input order, so output
/// never depends on scheduling.
public enum ParallelMap {
    public static var width: Int { max(1, min(ProcessInfoCores.count, 16)) }

    /// Each chunk writes its results straight into their places in one buffer: gathering chunk
    /// arrays and joining them copied every result (an item, a page) once more.
    public static func map<T: Sendable, R: Sendable>(
        _ input: [T], _ transform: @escaping @Sendable (T) -> R
    ) async -> [R] {
        if input.count < 2 { return input.map(transform) }
        let chunks = max(1, min(width * 4, input.count))
        let size = (input.count + chunks - 1) / chunks
        let results = UnsafeMutablePointer<R>.allocate(capacity: input.count)
        defer { results.deallocate() }
        nonisolated(unsafe) let out = results  // each index is written by one task, read after all end
        await withTaskGroup(of: Void.self) { group in
            for start in stride(from: 0, to: input.count, by: size) {
                let end = min(start + size, input.count)
                group.addTask {
                    for i in start..<end { (out + i).initialize(to: transform(input[i])) }
                }
            }
        }
        return [R](unsafeUninitializedCapacity: input.count) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: results, count: input.count)
            initialized = input.count
        }
    }
}

extension ParallelMap {
    /// Two independent pieces of work side by side, from code that cannot wait asynchronously.
    static func both<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
        let first = Mutex<A?>(nil), second = Mutex<B?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { n in
            if n == 0 {
                let value = a()
                first.withLock { $0 = value }
            } else {
                let value = b()
                second.withLock { $0 = value }
            }
        }
        return (first.withLock { $0! }, second.withLock { $0! })
    }

    /// Independent pieces of work run side by side, from code that cannot wait asynchronously;
    /// results in the order given.
    static func all<R: Sendable>(_ work: [@Sendable () -> R]) -> [R] {
        indices(work.count) { work[$0]() }
    }
}

extension ParallelMap {
    /// `transform` of 0..<count on every core, in a few chunks, from code that cannot wait
    /// asynchronously; results in index order.
    static func indices<R: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> R) -> [R] {
        guard count > 1 else { return (0..<count).map(transform) }
        let chunks = max(1, min(width * 4, count))
        let size = (count + chunks - 1) / chunks
        // Each chunk writes its results straight into their places (see `map`).
        return [R](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let out = buffer.baseAddress!
            DispatchQueue.concurrentPerform(iterations: (count + size - 1) / size) { n in
                for i in n * size..<min(n * size + size, count) { (out + i).initialize(to: transform(i)) }
            }
            initialized = count
        }
    }
}

enum ProcessInfoCores {
    static let count = ProcessInfo.processInfo.activeProcessorCount
}
