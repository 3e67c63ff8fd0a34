import Testing
@testable import WartaCore

/// The build's parallel helpers write each result straight into its place: every result must be
/// there once, in input order, whatever the count and however the chunks fall.
@Suite struct ParallelMapTests {
    /// A reference-counted result: one moved into place wrongly is freed twice, or read freed.
    final class Counted: Sendable {
        let n: Int
        init(_ n: Int) { self.n = n }
    }

    @Test(arguments: [0, 1, 2, 3, 7, 8, 9, 63, 64, 65, 1_000, 10_007])
    func resultsComeBackInOrderOnceEach(count: Int) async {
        let input = (0..<count).map { "item-\($0)" }
        #expect(await ParallelMap.map(input) { $0 + "!" } == input.map { $0 + "!" })
        #expect(ParallelMap.indices(count) { input[$0].uppercased() } == input.map { $0.uppercased() })
        do {
            let mapped = await ParallelMap.map(Array(0..<count)) { Counted($0) }
            let indexed = ParallelMap.indices(count) { Counted($0) }
            #expect(mapped.map(\.n) == Array(0..<count) && indexed.map(\.n) == Array(0..<count))
        }
    }

    @Test func sideBySideWorkGivesBothResults() {
        let (a, b) = ParallelMap.both({ (1...100).reduce(0, +) }, { String(repeating: "ab", count: 3) })
        #expect(a == 5_050 && b == "ababab")
        #expect(ParallelMap.all([{ 1 }, { 2 }, { 3 }]) == [1, 2, 3])
    }
}
