import Foundation
import Testing
import WartaCore
import WartaTestSupport
@testable import WartaServe

/// The preview without `--drafts`/`--future` is as strict as the public site: nothing it serves
/// gives away the sample's embargoed release or its draft, nor the files only they name.
@Suite(.serialized) struct PreviewLeakTests {
    static let secrets = [
        "Penghargaan Kota Layak Anak", "penghargaan-kota-layak-anak", "rekapitulasi-penilaian-kla-2023",
        "Bantuan Pangan Tahap II", "jadwal-bantuan-pangan-tahap-dua", "rancangan-jadwal-bantuan-pangan", "Pesisir Teluk (4.380 KPM)",
    ]

    @Test func nothingThePreviewServesGivesAwayAHiddenItem() async throws {
        try await SampleCopy.with { root in
            try await ServerHarness.withServer(root) { running in
                var served = 0
                for (path, _) in snapshot(running.output) where path != OutputWriter.marker {
                    let url = "/" + (path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path)
                    let response = try await running.http.fetch(url == "/index.html" ? "/" : url)
                    #expect(response.status == 200, "\(url)")
                    served += 1
                    for secret in Self.secrets {
                        #expect(!response.body.contains(secret) && !url.contains(secret), "\(url) gives away '\(secret)'")
                    }
                }
                #expect(served > 100)
                for hidden in ["/siaran-pers/2023/02/penghargaan-kota-layak-anak/", "/lampiran/rekapitulasi-penilaian-kla-2023.pdf",
                               "/siaran-pers/2023/02/jadwal-bantuan-pangan-tahap-dua/", "/lampiran/rancangan-jadwal-bantuan-pangan.pdf"] {
                    #expect(try await running.http.fetch(hidden).status == 404, "\(hidden)")
                }
            }
        }
    }
}
