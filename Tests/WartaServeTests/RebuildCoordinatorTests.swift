import Foundation
import Synchronization
import Logging
import Testing
import WartaCore
@testable import WartaServe

@Suite struct RebuildCoordinatorTests {
    @Test func aBurstOfChangesBecomesFewRebuilds() async throws {
        try await SampleCopy.with { root in
            let output = root + "-out"
            let counter = BuildCounter()
            let coordinator = RebuildCoordinator(makeOptions: {
                counter.increment()
                return BuildOptions(siteRoot: root, output: output,
                                    visibility: Visibility(now: ZonedInstant.parse("2023-02-21T09:00:00+08:00")!))
            }, reload: LiveReload(), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            await coordinator.rebuild(changed: [])
            #expect(counter.value == 1)
            // Twenty saves at once: one build runs, the rest wait and are built together after it.
            await withTaskGroup(of: Void.self) { group in
                for n in 0..<20 { group.addTask { await coordinator.rebuild(changed: ["content/press/\(n).md"]) } }
            }
            #expect(counter.value >= 2 && counter.value <= 3, "\(counter.value) builds for a burst of 20 saves")
            let state = coordinator.state
            #expect(state.errors.isEmpty)
            #expect(state.generation == counter.value)
            await coordinator.idle()
        }
    }
}

/// Counts builds from inside the options closure.
final class BuildCounter: Sendable {
    private let count = Mutex(0)
    func increment() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}


