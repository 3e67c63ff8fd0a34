/// What a command whose process ends with its work leaves for the system to take back at exit,
/// instead of freeing it object by object just before: a site's items, pages and cache entries
/// are hundreds of thousands of objects (1 % of a full build, 3 % of a rebuild after an edit).
public enum ProcessEnd {
    private final class Kept<Value: Sendable>: Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// `value` stays alive until the process exits.
    public static func keep<Value: Sendable>(_ value: Value) {
        _ = Unmanaged.passRetained(Kept(value))
    }
}
