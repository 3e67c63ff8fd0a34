/// A value with many fields held in one box, copied only when a shared copy is changed: copying
/// the holder is then one reference, not one per field. `Item` and `PageContext` are copied
/// wherever they are read by value (every page, every entry), and copying their fields one by
/// one was several percent of a full build in reference counting alone.
struct CopyOnWrite<Value> {
    /// Changed only while uniquely held (see `value`), so sharing it between tasks is safe, and no
    /// access to it needs the runtime's exclusivity check.
    private final class Box {
        @exclusivity(unchecked) var value: Value
        init(_ value: Value) { self.value = value }
    }

    private var box: Box

    init(_ value: Value) { box = Box(value) }

    var value: Value {
        _read { yield box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }
}

extension CopyOnWrite: @unchecked Sendable where Value: Sendable {}
