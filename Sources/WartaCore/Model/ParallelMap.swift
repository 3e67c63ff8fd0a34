import Foundation

/// Runs work on every core in a few large chunks and returns results in input order, so output
/// never depends on scheduling.
public enum ParallelMap {
    public static var width: Int { max(1, min(ProcessInfoCores.count, 16)) }

    public static func map<T: Sendable, R: Sendable>(
        _ input: [T], _ transform: @escaping @Sendable (T) -> R
    ) async -> [R] {
        if input.count < 2 { return input.map(transform) }
        let chunks = max(1, min(width * 4, input.count))
        let size = (input.count + chunks - 1) / chunks
        return await withTaskGroup(of: (Int, [R]).self) { group in
            for start in stride(from: 0, to: input.count, by: size) {
                let slice = Array(input[start..<min(start + size, input.count)])
                group.addTask { (start, slice.map(transform)) }
            }
            var parts: [(Int, [R])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}

enum ProcessInfoCores {
    static let count = ProcessInfo.processInfo.activeProcessorCount
}
