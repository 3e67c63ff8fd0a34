import Foundation
import Testing
import WartaCore
@testable import WartaPublish

/// Destinations read as rsync reads them, and judged on the place they name, not on their spelling.
@Suite struct DestinationTests {
    @Test func destinationsAreReadAsRsyncReadsThem() {
        let v6 = Destination("deploy@[2001:db8::5]:/var/www/warta/")
        #expect(v6.kind == .ssh && v6.user == "deploy" && v6.host == "2001:db8::5" && v6.path == "/var/www/warta/")
        #expect(Destination("[2001:db8::5]:situs").kind == .ssh)
        let module = Destination("web::warta/situs")
        #expect(module.kind == .daemon && module.host == "web" && module.path == "warta/situs")
        let url = Destination("rsync://deploy@[2001:db8::5]:8730/warta/")
        #expect(url.kind == .daemon && url.host == "2001:db8::5" && url.user == "deploy" && url.path == "warta/")
        #expect(Destination("RSYNC://web/warta").kind == .daemon)
        let ssh = Destination("deploy@web.kota.go.id:/var/www/warta/")
        #expect(ssh.kind == .ssh && ssh.host == "web.kota.go.id" && ssh.path == "/var/www/warta/")
        // A slash before the first colon, or a bracket rsync would not read as an address: a local folder.
        for local in ["/srv/situs:lama", "./web:situs", "situs/web::warta", "web[1]:/var/www", "[::1]x:/var/www"] {
            #expect(Destination(local).kind == .local, "\(local)")
        }
    }

    @Test func dangerIsJudgedOnTheNormalisedPath() throws {
        let home = NSTemporaryDirectory() + "warta-home-" + UUID().uuidString
        let site = home + "/situs"
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        // A theme kept elsewhere and linked in: its folder is the site's input all the same.
        try FileManager.default.createDirectory(atPath: home + "/tema/static", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: site + "/site-templates", withDestinationPath: home + "/tema")
        let refused = [
            home + "/tema/static/web", home + "/tema",
            "web:/./", "web://usr", "web:/var/www/../../etc/", "web:/home/deploy/", "web:..", "web:situs/../..",
            "web:", "web:.", "web:~", "web:~/", "web:~/.", "web:~deploy", "web:~/situs/..",
            "-e", "--rsh=sh -c reboot", "deploy@-oProxyCommand=reboot:/var/www/warta", "-oProxyCommand=reboot:/var/www",
            ":/var/www/warta", "rsync://web/", "rsync://web/./", "rsync://web/warta/..", "web::", "rsync:///warta",
            "~", "~/situs", "/", "//", "/./", "/usr/./", "/usr/local/..", "/tmp/warta-tidak-ada/../../etc", home, site,
            (site as NSString).deletingLastPathComponent + "/./",
            // The site's inputs and anything in them: a publish would delete sources, a build read pages as content.
            site + "/content", site + "/content/", site + "/content/lampiran/situs", site + "/./site-templates",
            site + "/site-templates/static/web", site + "/.warta", site + "/content/../site-templates/x",
        ]
        for destination in refused {
            #expect(Destination(destination).danger(home: home, siteRoot: site) != nil, "\(destination) was not refused")
        }
        let allowed = [
            "deploy@web:/var/www/warta/", "deploy@web:www/warta", "deploy@web:~/www/warta", "deploy@[2001:db8::5]:/var/www/warta",
            "rsync://web/warta/", "rsync://web:8730/warta/situs", "web::warta", site + "/public", home + "-situs",
            site + "/content-web", site + "/publik/content",
        ]
        for destination in allowed {
            #expect(Destination(destination).danger(home: home, siteRoot: site) == nil, "\(destination) was refused")
        }
    }
}
