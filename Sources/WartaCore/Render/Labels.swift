/// Fixed interface text in the site language, handed to templates as `t`.
enum Labels {
    static func table(_ language: Language) -> [String: String] {
        switch language {
        case .id: return indonesian
        case .en: return english
        }
    }

    private static let indonesian: [String: String] = [
        "skipToContent": "Langsung ke isi",
        "mainNavigation": "Navigasi utama",
        "home": "Beranda",
        "pressReleases": "Siaran Pers",
        "events": "Agenda",
        "upcomingEvents": "Agenda Mendatang",
        "pastEvents": "Agenda yang Telah Berlangsung",
        "departments": "Perangkat Daerah",
        "tags": "Topik",
        "archive": "Arsip",
        "latestReleases": "Siaran Pers Terbaru",
        "allReleases": "Semua siaran pers",
        "allEvents": "Semua agenda",
        "readMore": "Baca selengkapnya",
        "published": "Diterbitkan",
        "updated": "Diperbarui",
        "by": "Penulis",
        "department": "Perangkat daerah",
        "corrections": "Ralat",
        "mediaContact": "Kontak media",
        "attachments": "Lampiran",
        "when": "Waktu",
        "where": "Tempat",
        "organizer": "Penyelenggara",
        "registration": "Pendaftaran",
        "register": "Daftar",
        "map": "Lihat peta",
        "noUpcoming": "Belum ada agenda mendatang.",
        "noItems": "Belum ada isi.",
        "pagination": "Halaman",
        "previous": "Sebelumnya",
        "next": "Berikutnya",
        "page": "Halaman",
        "of": "dari",
        "expiredNotice": "Informasi ini sudah tidak berlaku dan tidak lagi ditampilkan di daftar.",
        "pastNotice": "Agenda ini telah berlangsung.",
        "ongoing": "Sedang berlangsung",
        "feed": "Umpan RSS",
        "subscribe": "Berlangganan lewat RSS",
        "contact": "Kontak",
        "notFoundTitle": "Halaman tidak ditemukan",
        "notFoundText": "Alamat yang Anda buka tidak ada atau sudah dipindahkan.",
        "backHome": "Kembali ke beranda",
        "items": "tulisan",
        "draftBanner": "DRAF — belum terbit, hanya pratinjau",
        "embargoBanner": "EMBARGO — belum boleh disiarkan sampai",
        "alerts": "Peringatan darurat",
        "alertArea": "Wilayah",
        "alertUntil": "Berlaku sampai",
        "alertIssued": "Dikeluarkan",
        "alertMore": "Selengkapnya",
        "phone": "Telp.",
        "breadcrumb": "Jejak halaman",
        "yearArchive": "Arsip siaran pers",
        "redirecting": "Halaman ini telah dipindahkan",
        "addToCalendar": "Tambahkan ke kalender",
        "subscribeCalendar": "Langganan kalender agenda (iCalendar)",
        "monthView": "Lihat kalender bulan ini",
        "withdrawn": "Dicabut",
        "withdrawnNotice": "Telah dicabut",
        "withdrawnOn": "Dicabut pada",
        "reason": "Alasan",
        "withdrawnBodyHidden": "Isi aslinya tidak lagi ditampilkan.",
        "withdrawals": "Daftar Pencabutan",
        "withdrawalsIntro": "Siaran pers, agenda, dan halaman yang telah dicabut, yang terbaru lebih dahulu. Setiap tulisan tetap berada di alamatnya dengan pemberitahuan pencabutan.",
        "noWithdrawals": "Belum ada tulisan yang dicabut.",
        "allCorrections": "Daftar Ralat",
        "correctionsIntro": "Setiap ralat atas siaran pers, agenda, dan halaman, yang terbaru lebih dahulu.",
        "noCorrections": "Belum ada ralat.",
        "kindRelease": "Siaran pers",
        "kindEvent": "Agenda",
        "kindPage": "Halaman",
        "correction": "Ralat",
        "search": "Cari",
        "searchTitle": "Cari siaran pers dan agenda",
        "searchNeedsScript": "Pencarian memerlukan JavaScript, yang tidak aktif di peramban Anda. Telusuri siaran pers menurut tahun di",
    ]

    private static let english: [String: String] = [
        "skipToContent": "Skip to content",
        "mainNavigation": "Main navigation",
        "home": "Home",
        "pressReleases": "Press releases",
        "events": "Events",
        "upcomingEvents": "Upcoming events",
        "pastEvents": "Past events",
        "departments": "Departments",
        "tags": "Topics",
        "archive": "Archive",
        "latestReleases": "Latest press releases",
        "allReleases": "All press releases",
        "allEvents": "All events",
        "readMore": "Read more",
        "published": "Published",
        "updated": "Updated",
        "by": "By",
        "department": "Department",
        "corrections": "Corrections",
        "mediaContact": "Media contact",
        "attachments": "Attachments",
        "when": "When",
        "where": "Where",
        "organizer": "Organizer",
        "registration": "Registration",
        "register": "Register",
        "map": "View map",
        "noUpcoming": "No upcoming events yet.",
        "noItems": "Nothing here yet.",
        "pagination": "Pages",
        "previous": "Previous",
        "next": "Next",
        "page": "Page",
        "of": "of",
        "expiredNotice": "This notice has expired and is no longer listed.",
        "pastNotice": "This event has ended.",
        "ongoing": "Happening now",
        "feed": "RSS feed",
        "subscribe": "Subscribe by RSS",
        "contact": "Contact",
        "notFoundTitle": "Page not found",
        "notFoundText": "The address you opened does not exist or has moved.",
        "backHome": "Back to the home page",
        "items": "items",
        "draftBanner": "DRAFT — not published, preview only",
        "embargoBanner": "EMBARGOED until",
        "alerts": "Emergency notices",
        "alertArea": "Area",
        "alertUntil": "Valid until",
        "alertIssued": "Issued",
        "alertMore": "Details",
        "phone": "Tel.",
        "breadcrumb": "Breadcrumb",
        "yearArchive": "Press release archive",
        "redirecting": "This page has moved",
        "addToCalendar": "Add to calendar",
        "subscribeCalendar": "Subscribe to the events calendar (iCalendar)",
        "monthView": "See this month's calendar",
        "withdrawn": "Withdrawn",
        "withdrawnNotice": "Withdrawn",
        "withdrawnOn": "Withdrawn on",
        "reason": "Reason",
        "withdrawnBodyHidden": "The original text is no longer shown.",
        "withdrawals": "Withdrawals",
        "withdrawalsIntro": "Press releases, events and pages that have been withdrawn, newest first. Each stays at its address with a notice of the withdrawal.",
        "noWithdrawals": "Nothing has been withdrawn.",
        "allCorrections": "Corrections",
        "correctionsIntro": "Every correction to a press release, event or page, newest first.",
        "noCorrections": "No corrections yet.",
        "kindRelease": "Press release",
        "kindEvent": "Event",
        "kindPage": "Page",
        "correction": "Correction",
        "search": "Search",
        "searchTitle": "Search press releases and events",
        "searchNeedsScript": "Search needs JavaScript, which is off in your browser. Browse the press releases by year in the",
    ]

    /// An alert's severity in words, so it never rests on colour alone.
    static func severity(_ severity: Alert.Severity, _ language: Language) -> String {
        switch (severity, language) {
        case (.info, .id): "Informasi"
        case (.warning, .id): "Waspada"
        case (.danger, .id): "Bahaya"
        case (.info, .en): "Information"
        case (.warning, .en): "Warning"
        case (.danger, .en): "Danger"
        }
    }

    static func status(_ status: EventStatus, _ language: Language) -> String {
        switch (status, language) {
        case (.scheduled, .id): "Sesuai jadwal"
        case (.cancelled, .id): "Dibatalkan"
        case (.postponed, .id): "Ditunda"
        case (.rescheduled, .id): "Dijadwalkan ulang"
        case (.scheduled, .en): "Scheduled"
        case (.cancelled, .en): "Cancelled"
        case (.postponed, .en): "Postponed"
        case (.rescheduled, .en): "Rescheduled"
        }
    }
}
