/// Where `warta publish` sends the site: an rsync destination with its own options.
public struct PublishTarget: Sendable, Equatable {
    public var name: String
    /// `user@host:/var/www/warta/`, `rsync://host/module/`, or a local folder.
    public var destination: String
    /// The public address there, when it differs from `base_url`.
    public var baseURL: BaseURL?
    public var sshPort: Int?
    public var sshIdentity: String?
    /// Extra options for ssh, e.g. `["-o", "StrictHostKeyChecking=yes"]`.
    public var sshOptions: [String] = []
    /// Extra options for rsync, e.g. `["--bwlimit=2000"]`.
    public var rsyncOptions: [String] = []
    /// Lets `ssh_options` and `rsync_options` run local commands (`LocalCommands`), said at each publish.
    public var allowCommands = false

    public init(name: String, destination: String) {
        self.name = name
        self.destination = destination
    }

    public static func == (a: PublishTarget, b: PublishTarget) -> Bool {
        a.name == b.name && a.destination == b.destination && a.baseURL == b.baseURL && a.sshPort == b.sshPort
            && a.sshIdentity == b.sshIdentity && a.sshOptions == b.sshOptions && a.rsyncOptions == b.rsyncOptions
            && a.allowCommands == b.allowCommands
    }
}

/// The `publish` block of `site.yml`.
public struct PublishSettings: Sendable {
    public var targets: [PublishTarget] = []
    /// The target `warta publish` uses without a name; the first one when not given.
    public var defaultTarget: String?

    public func target(named name: String?) -> PublishTarget? {
        guard let name = name ?? defaultTarget ?? targets.first?.name else { return nil }
        return targets.first { $0.name == name }
    }
}
