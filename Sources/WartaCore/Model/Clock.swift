import Foundation

/// "Now" is an input to every build (`--now`, `WARTA_NOW`): this is where it comes from.
public enum Clock {
    /// An instant with an explicit offset (`2023-02-21T09:00:00+08:00`, `…Z`).
    public static func parse(_ text: String) -> ZonedInstant? {
        guard let value = DateValue.parse(text), value.hasTime, let offset = value.offset else { return nil }
        return ZonedInstant(seconds: value.civil.secondsAsUTC - Int64(offset), offset: offset)
    }

    /// The system clock, in UTC; only the command-line shell calls this.
    public static func system() -> ZonedInstant {
        ZonedInstant(seconds: Int64(Date().timeIntervalSince1970), offset: 0)
    }
}
