import Foundation

/// The site's IANA zone: turns wall-clock times into instants and names offsets for readers.
public struct SiteTimeZone: Sendable {
    public let identifier: String
    private let zone: TimeZone

    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    /// The offset in force at an instant.
    public func offset(at seconds: Int64) -> Int32 {
        Int32(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
    }

    /// The instant a wall-clock time denotes in this zone. In a DST gap or overlap the
    /// offset in force just before the wall time wins, as most calendar programs do.
    public func instant(_ civil: CivilDateTime) -> ZonedInstant {
        let asUTC = civil.secondsAsUTC
        var offset = self.offset(at: asUTC)
        let corrected = self.offset(at: asUTC - Int64(offset))
        if corrected != offset { offset = corrected }
        return ZonedInstant(seconds: asUTC - Int64(offset), offset: offset)
    }

    /// The same instant, shown in this zone.
    public func local(_ instant: ZonedInstant) -> ZonedInstant {
        instant.at(offset: offset(at: instant.seconds))
    }

    /// A short name for an offset: WIB, WITA and WIT for Indonesia's zones (as every Indonesian
    /// reader expects), the system's abbreviation elsewhere, `UTC+hh:mm` as a last resort.
    public func abbreviation(for instant: ZonedInstant) -> String {
        if Self.indonesianZones.contains(identifier) {
            switch instant.offset {
            case 25_200: return "WIB"
            case 28_800: return "WITA"
            case 32_400: return "WIT"
            default: break
            }
        }
        if instant.offset == 0 { return "UTC" }
        if let name = zone.abbreviation(for: Date(timeIntervalSince1970: TimeInterval(instant.seconds))),
           !name.hasPrefix("GMT") {
            return name
        }
        return "UTC" + ZonedInstant.offsetString(instant.offset, separator: ":")
    }

    static let indonesianZones: Set<String> = [
        "Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura",
    ]
}
