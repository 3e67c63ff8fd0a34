import Mustache

/// A value whose fields are made only when a template asks for one, then kept for the rest of
/// the page. A list page shows each entry's card, already rendered (`html`); making every
/// entry's other fields for every list it appears in was 6 % of a full build.
///
/// Made and read by one page's rendering task only.
final class LazyValues: MustacheParent, @unchecked Sendable {
    private let quick: [String: Any]
    private var make: (() -> [String: Any])?
    private var made: [String: Any]?

    /// `quick`: fields at hand; `rest`: the whole set, made on the first other request.
    init(_ quick: [String: Any], rest: @escaping () -> [String: Any]) {
        self.quick = quick
        self.make = rest
    }

    func child(named name: String) -> Any? {
        if let value = quick[name] { return value }
        if made == nil, let make {
            made = make()
            self.make = nil
        }
        return made?[name]
    }
}
