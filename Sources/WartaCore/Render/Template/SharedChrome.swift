import Synchronization

/// What pages of one build share: the header, navigation and footer a layout draws from values
/// that are the same on every page of a language and section. Rendering them once per kind of
/// page, not once per page, takes a third of the template work off a full build.
///
/// A page names the keys of its context that `key` determines (`fixed`). The first page of a
/// `key` renders each shared run (`SharedRuns`) node by node, noting every key each node looked up
/// in the page's own values (not in a section's). Nodes whose lookups were all of fixed keys, or of
/// keys the page lacked, are kept as bytes; the others stay to be rendered. A later page with the
/// same `key` takes the bytes of a stretch when each key it read is fixed on this page too, or was
/// absent then and is absent now, and renders everything else. Only lookups decide, never the
/// template's text, so the rule holds whatever a theme's templates read.
struct SharedChrome: Sendable {
    /// Everything the `fixed` keys' values follow from (language, section, ...).
    let key: String
    let fixed: Set<String>
    let memo: Memo

    /// A shared run as the first page of a key rendered it: stretches of its nodes, each kept as
    /// bytes with what it read, or left to render.
    struct Plan: Sendable {
        struct Stretch: Sendable {
            var nodes: Range<Int>
            /// Nil: rendered on every page.
            var bytes: [UInt8]?
            var reads: [Read]
        }
        var stretches: [Stretch] = []
    }

    /// One build's plans, shared by every rendering task.
    final class Memo: Sendable {
        private struct Slot: Hashable {
            let id: Int
            let key: String
        }
        private let plans = Mutex<[Slot: Plan]>([:])
        private let used = Atomic(0)

        init() {}

        func plan(_ id: Int, _ key: String) -> Plan? {
            plans.withLock { $0[Slot(id: id, key: key)] }
        }

        func keep(_ id: Int, _ key: String, _ plan: Plan) {
            plans.withLock { $0[Slot(id: id, key: key)] = plan }
        }

        func countUse() { used.add(1, ordering: .relaxed) }
        /// How many stretches pages took as bytes (tests).
        var uses: Int { used.load(ordering: .relaxed) }
    }

    /// A key a node looked up in the page's own values, and whether the page had it.
    struct Read: Sendable, Equatable {
        let name: String
        let present: Bool
    }

    /// The reads were made on a page like this one: every key it had is fixed here, every key it
    /// lacked is absent here too.
    func holds(_ reads: [Read], page: [String: Any]) -> Bool {
        reads.allSatisfy { $0.present ? fixed.contains($0.name) : page[$0.name] == nil }
    }
}
