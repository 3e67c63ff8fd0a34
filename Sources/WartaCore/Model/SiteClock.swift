/// "Now" as a value passed down. The command line decides it once (`--now`, `WARTA_NOW`, the system
/// clock, with publish's rules) and hands it to the build, the preview server, the desk and the
/// publisher; no library reads the system clock itself. A server asks it again at every rebuild, so
/// embargoes lift on time while it runs.
public struct SiteClock: Sendable {
    public let now: @Sendable () -> ZonedInstant

    public init(_ now: @escaping @Sendable () -> ZonedInstant) { self.now = now }

    /// Always the same instant (`--now`, `WARTA_NOW`, a test).
    public static func fixed(_ instant: ZonedInstant) -> SiteClock { SiteClock { instant } }
}

extension ZonedInstant {
    /// An instant with an explicit offset (`2023-02-21T09:00:00+08:00`, `…Z`): how `--now` and
    /// `WARTA_NOW` are written.
    public static func parse(_ text: String) -> ZonedInstant? {
        guard let value = DateValue.parse(text), value.hasTime, let offset = value.offset else { return nil }
        return ZonedInstant(seconds: value.civil.secondsAsUTC - Int64(offset), offset: offset)
    }
}
