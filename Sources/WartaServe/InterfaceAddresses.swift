import Glibc

/// The IP addresses of this machine's network interfaces: what a server listening on 0.0.0.0 or
/// :: literally is, so the only addresses a `Host` may name for it.
enum InterfaceAddresses {
    static func current() -> Set<HostCheck.Name> {
        var first: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&first) == 0 else { return [] }
        defer { freeifaddrs(first) }
        var names: Set<HostCheck.Name> = []
        var entry = first
        while let current = entry {
            defer { entry = current.pointee.ifa_next }
            guard let address = current.pointee.ifa_addr else { continue }
            switch Int32(address.pointee.sa_family) {
            case AF_INET:
                let bytes = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    withUnsafeBytes(of: pointer.pointee.sin_addr) { Array($0) }
                }
                names.insert(.ipv4(bytes))
            case AF_INET6:
                let bytes = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) }
                }
                names.insert(.ipv6(bytes))
            default:
                continue
            }
        }
        return names
    }
}
