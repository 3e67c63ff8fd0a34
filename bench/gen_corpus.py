#!/usr/bin/env python3
"""Writes a deterministic benchmark corpus of municipal press releases and events, Hugo-style.

Usage: gen_corpus.py OUTDIR N

OUTDIR/content/press/*.md   press releases (about 70 %)
OUTDIR/content/events/*.md  events (about 30 %): event_start, event_end and location added

Item i depends only on (SEED, i): the corpus for N=1,000 is the first 1,000 items of N=10,000, and
two runs write the same bytes. Front matter: title, date (+07:00, 2021-2025), summary, department (one
of 12, by full name), tags (1-3 of 40 slugs), author. Bodies are 400-1000 words of Indonesian text made
from a small vocabulary: 2-4 `##` sections, emphasis, strong emphasis, inline links, one bullet list and
one numbered list; a blockquote in about 35 % of items and a fenced code block in about 15 %.
"""
import datetime
import os
import random
import re
import sys

SEED = "warta-bench-2025"

DEPARTMENTS = [
    "Sekretariat Daerah",
    "Dinas Komunikasi dan Informatika",
    "Dinas Kesehatan",
    "Dinas Pendidikan",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perhubungan",
    "Dinas Lingkungan Hidup",
    "Dinas Sosial",
    "Dinas Pariwisata dan Kebudayaan",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Penanggulangan Bencana Daerah",
]

TAGS = [
    "banjir", "kebersihan", "kesehatan", "vaksinasi", "pendidikan", "beasiswa", "infrastruktur", "jalan",
    "transportasi", "parkir", "lingkungan", "sampah", "penghijauan", "sosial", "bantuan", "umkm",
    "pasar", "pariwisata", "budaya", "festival", "olahraga", "pemuda", "perempuan", "anak",
    "disabilitas", "kependudukan", "ktp-el", "perizinan", "investasi", "anggaran", "musrenbang", "digital",
    "layanan-publik", "keamanan", "bencana", "air-bersih", "perumahan", "stunting", "hut-kota", "ramadan",
]

AUTHORS = [
    "Tim Humas", "Rahmat Hidayat", "Siti Nurhaliza", "Dewi Lestari", "Agus Salim", "Nurul Fadillah",
    "Bambang Sutrisno", "Ratna Sari", "Yusuf Maulana", "Indah Permatasari",
]

PLACES = [
    "Balai Kota", "Alun-Alun Kota", "Gedung Serbaguna", "Aula Kantor Wali Kota", "Taman Kota", "GOR Kota",
    "Pasar Sentral", "Lapangan Merdeka", "Pendopo Kabupaten Lama", "Kantor Kecamatan Utara",
    "Kantor Kecamatan Selatan", "Puskesmas Kota Barat", "Terminal Terpadu", "Pelabuhan Rakyat",
    "Perpustakaan Daerah", "Museum Kota",
]

STREETS = [
    "Jl. Merdeka", "Jl. Sudirman", "Jl. Diponegoro", "Jl. Ahmad Yani", "Jl. Gajah Mada", "Jl. Pahlawan",
    "Jl. Pemuda", "Jl. Cendana", "Jl. Kartini", "Jl. Veteran",
]

KELURAHAN = [
    "Sukamaju", "Sukajadi", "Mekarsari", "Harapan Baru", "Tanjung Raya", "Kebun Jeruk", "Sidomulyo",
    "Karang Anyar", "Bukit Indah", "Sumber Rejo", "Pasir Putih", "Lembah Hijau",
]

# Title pieces: subject + verb + object (+ place).
SUBJECTS = [
    "Wali Kota", "Wakil Wali Kota", "Sekretaris Daerah", "Pemerintah Kota", "Dinas Kesehatan", "Dinas Sosial",
    "Tim Penggerak PKK", "Kepala Dinas", "Camat", "Lurah", "Satgas Kebersihan", "Petugas Gabungan",
]
VERBS = [
    "Resmikan", "Tinjau", "Luncurkan", "Buka", "Pimpin", "Serahkan", "Dorong", "Ajak Warga Ikuti",
    "Gelar", "Percepat", "Evaluasi", "Sosialisasikan", "Perluas", "Perkuat",
]
OBJECTS = [
    "Program Bantuan Pangan", "Pembangunan Jembatan", "Layanan Kesehatan Gratis", "Festival Budaya",
    "Pasar Murah", "Vaksinasi Anak", "Perbaikan Drainase", "Aplikasi Layanan Publik", "Pelatihan UMKM",
    "Gerakan Tanam Pohon", "Rapat Koordinasi Penanganan Banjir", "Penataan Pedagang Kaki Lima",
    "Musyawarah Perencanaan Pembangunan", "Beasiswa Pelajar Berprestasi", "Posyandu Terpadu",
    "Pembersihan Saluran Air", "Pekan Olahraga Pelajar", "Pelayanan KTP Keliling",
]

SUBJECT_WORDS = [
    "pemerintah kota", "warga", "masyarakat", "petugas", "pemerintah kelurahan", "tim teknis", "para kader",
    "pelaku usaha", "peserta", "panitia", "pengurus RT dan RW", "tenaga kesehatan", "para pelajar",
    "dinas terkait", "perangkat daerah",
]
VERB_WORDS = [
    "melaksanakan", "menyiapkan", "meningkatkan", "memperbaiki", "mendukung", "mengikuti", "menyampaikan",
    "membahas", "memastikan", "menyediakan", "memantau", "mengembangkan", "menyelesaikan", "membangun",
    "mendata", "melayani", "mengajak", "menargetkan",
]
OBJECT_WORDS = [
    "program kerja", "layanan publik", "pembangunan jalan", "kegiatan sosial", "anggaran daerah",
    "sarana kesehatan", "fasilitas umum", "saluran drainase", "data kependudukan", "pasar tradisional",
    "ruang terbuka hijau", "bantuan sosial", "sekolah dasar", "usaha kecil", "air bersih",
    "rencana kerja tahunan", "sistem informasi", "jadwal pelayanan",
]
TAIL_WORDS = [
    "secara bertahap", "dengan baik", "tahun ini", "bulan depan", "di seluruh kecamatan", "sesuai jadwal",
    "bersama masyarakat", "tanpa dipungut biaya", "hingga akhir tahun", "di tingkat kelurahan",
    "dengan anggaran yang tersedia", "sebelum musim hujan", "setiap hari kerja", "secara terpadu",
]
CONNECTORS = [
    "Selain itu,", "Menurut dia,", "Oleh karena itu,", "Dalam kesempatan tersebut,", "Sementara itu,",
    "Ke depan,", "Pada tahap awal,", "Dengan demikian,", "Di sisi lain,", "Hingga saat ini,",
]
EMPHASIS_WORDS = [
    "gratis", "terpadu", "tepat waktu", "terbuka", "berkelanjutan", "wajib", "mendesak", "prioritas",
    "transparan", "aman",
]
SECTION_TITLES = [
    "Latar Belakang", "Pelaksanaan Kegiatan", "Sasaran Program", "Jadwal dan Lokasi", "Tanggapan Warga",
    "Langkah Selanjutnya", "Anggaran", "Persyaratan", "Hasil yang Dicapai", "Imbauan kepada Masyarakat",
    "Kerja Sama", "Evaluasi",
]
LINKS = [
    ("portal resmi pemerintah", "https://www.indonesia.go.id/"),
    ("laman Kementerian Dalam Negeri", "https://www.kemendagri.go.id/"),
    ("laman Kementerian Kesehatan", "https://www.kemkes.go.id/"),
    ("data statistik daerah", "https://www.bps.go.id/"),
    ("layanan pengaduan LAPOR", "https://www.lapor.go.id/"),
    ("jaringan dokumentasi hukum", "https://jdihn.go.id/"),
    ("informasi kebencanaan", "https://bnpb.go.id/"),
    ("pendaftaran daring", "https://layanan.kota-contoh.go.id/daftar"),
]
LIST_ITEMS = [
    "membawa fotokopi KTP dan Kartu Keluarga",
    "datang sesuai jadwal yang telah ditentukan",
    "mengisi formulir pendaftaran di kantor kelurahan",
    "menjaga kebersihan lingkungan sekitar",
    "melaporkan kerusakan fasilitas umum melalui kanal pengaduan",
    "mengikuti arahan petugas di lapangan",
    "menggunakan transportasi umum bila memungkinkan",
    "memeriksa kembali data yang telah diisi",
    "mengajak anggota keluarga untuk ikut serta",
    "menyimpan bukti pendaftaran hingga kegiatan selesai",
]
STEPS = [
    "Pendaftaran peserta di kantor kelurahan",
    "Verifikasi data oleh tim teknis",
    "Pengumuman daftar penerima",
    "Pelaksanaan kegiatan di lokasi",
    "Pemantauan dan evaluasi oleh dinas terkait",
    "Penyampaian laporan kepada Wali Kota",
]
QUOTES = [
    "Kami ingin setiap warga merasakan manfaat program ini secara langsung.",
    "Pelayanan publik harus cepat, mudah, dan tidak berbelit-belit.",
    "Kebersihan kota adalah tanggung jawab kita bersama, bukan hanya petugas.",
    "Program ini akan terus kami evaluasi agar tepat sasaran.",
    "Kami mengajak seluruh warga untuk ikut menjaga fasilitas yang sudah dibangun.",
]
CODE_BLOCKS = [
    ("text", ["Jadwal layanan:", "Senin - Kamis  08.00 - 15.00 WIB", "Jumat         08.00 - 11.30 WIB",
              "Sabtu         08.00 - 12.00 WIB"]),
    ("json", ['{', '  "kecamatan": "Kota Utara",', '  "kelurahan": 12,', '  "peserta": 1450,',
              '  "status": "berjalan"', '}']),
    ("csv", ["kelurahan,penerima,anggaran", "Sukamaju,120,360000000", "Mekarsari,98,294000000",
             "Sidomulyo,143,429000000"]),
]


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def sentence(rng):
    words = [rng.choice(SUBJECT_WORDS), rng.choice(VERB_WORDS), rng.choice(OBJECT_WORDS), rng.choice(TAIL_WORDS)]
    if rng.random() < 0.35:
        words.insert(0, rng.choice(CONNECTORS))
    else:
        words[0] = words[0][0].upper() + words[0][1:]
    if rng.random() < 0.3:
        words.append(f"di Kelurahan {rng.choice(KELURAHAN)}")
    return " ".join(words) + "."


def paragraph(rng, words_wanted, inline):
    """Sentences until about words_wanted words; `inline` is a list of markup snippets to weave in."""
    parts, count = [], 0
    while count < words_wanted:
        s = sentence(rng)
        parts.append(s)
        count += len(s.split())
    for snippet in inline:
        k = rng.randrange(len(parts))
        parts[k] = parts[k][:-1] + " " + snippet + "."
    return " ".join(parts)


def inline_markup(rng):
    out = []
    if rng.random() < 0.8:
        out.append(f"secara *{rng.choice(EMPHASIS_WORDS)}*")
    if rng.random() < 0.6:
        out.append(f"dengan **{rng.choice(OBJECT_WORDS)}**")
    if rng.random() < 0.4:
        text, url = rng.choice(LINKS)
        out.append(f"melalui [{text}]({url})")
    return out


def body(rng):
    target = rng.randint(400, 1000)
    sections = rng.sample(SECTION_TITLES, rng.randint(2, 4))
    has_quote = rng.random() < 0.35
    has_code = rng.random() < 0.15
    # The section each extra block goes into.
    bullets_at, numbers_at, quote_at, code_at = (rng.randrange(len(sections)) for _ in range(4))

    lead = paragraph(rng, 45, [])
    text, url = rng.choice(LINKS)
    blocks = [f"**KOTA CONTOH** – {lead}",
              paragraph(rng, 30, inline_markup(rng)) + f" Informasi lengkap tersedia di [{text}]({url})."]
    words = sum(len(b.split()) for b in blocks)
    per_section = max(60, (target - words) // len(sections))
    for n, heading in enumerate(sections):
        extras, extra_words = [], 0
        if n == bullets_at:
            items = rng.sample(LIST_ITEMS, rng.randint(3, 5))
            extras.append("Warga yang ingin mengikuti kegiatan ini diminta untuk:\n\n"
                          + "\n".join(f"- {item}" for item in items))
        if n == numbers_at:
            steps = STEPS[: rng.randint(3, len(STEPS))]
            extras.append("Tahapan kegiatan:\n\n" + "\n".join(f"{k}. {step}" for k, step in enumerate(steps, 1)))
        if has_quote and n == quote_at:
            extras.append(f"> {rng.choice(QUOTES)}\n>\n> — {rng.choice(SUBJECTS)}")
        if has_code and n == code_at:
            lang, lines = rng.choice(CODE_BLOCKS)
            extras.append(f"```{lang}\n" + "\n".join(lines) + "\n```")
        extra_words = sum(len(e.split()) for e in extras)
        paragraphs, section_words = [], extra_words
        while not paragraphs or section_words < per_section:
            p = paragraph(rng, max(20, min(rng.randint(40, 90), per_section - section_words + 10)), inline_markup(rng))
            paragraphs.append(p)
            section_words += len(p.split())
        for e in extras:
            paragraphs.insert(rng.randint(1, len(paragraphs)), e)
        blocks.append(f"## {heading}")
        blocks += paragraphs
    return "\n\n".join(blocks) + "\n"


START = datetime.datetime(2021, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))
DAYS = (datetime.date(2025, 12, 31) - datetime.date(2021, 1, 1)).days + 1


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S+07:00")


def item(i):
    """(section, file name, text) of item i: a function of (SEED, i) alone."""
    rng = random.Random(f"{SEED}:{i}")
    is_event = rng.random() < 0.30
    date = START + datetime.timedelta(days=rng.randrange(DAYS), hours=rng.randint(7, 17), minutes=5 * rng.randrange(12))
    department = rng.choice(DEPARTMENTS)
    tags = rng.sample(TAGS, rng.randint(1, 3))
    author = rng.choice(AUTHORS)
    subject = rng.choice(SUBJECTS)
    obj = rng.choice(OBJECTS)
    place = rng.choice(KELURAHAN)
    title = f"{subject} {rng.choice(VERBS)} {obj} di {place}"
    summary = (f"{subject} {rng.choice(VERB_WORDS)} {obj} di Kelurahan {place} "
               f"yang melibatkan {rng.randint(20, 2000)} warga {rng.choice(TAIL_WORDS)}.")
    head = [
        f'title: "{title}"',
        f"date: {iso(date)}",
        f'summary: "{summary}"',
        f'department: "{department}"',
        "tags: [" + ", ".join(tags) + "]",
        f'author: "{author}"',
    ]
    if is_event:
        start = (date + datetime.timedelta(days=rng.randint(3, 30))).replace(hour=rng.randint(7, 15),
                                                                           minute=15 * rng.randrange(4))
        end = start + datetime.timedelta(hours=rng.randint(1, 6))
        location = f"{rng.choice(PLACES)}, {rng.choice(STREETS)} No. {rng.randint(1, 120)}"
        head += [f"event_start: {iso(start)}", f"event_end: {iso(end)}", f'location: "{location}"']
    name = f"{date:%Y-%m-%d}-{slug(subject + ' ' + obj)}-{i:05d}.md"
    text = body(rng)
    while not 400 <= len(text.split()) <= 1000:  # the same rng: still a function of (SEED, i)
        text = body(rng)
    text = "---\n" + "\n".join(head) + "\n---\n" + text
    return ("events" if is_event else "press"), name, text


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_corpus.py OUTDIR N")
    outdir, n = sys.argv[1], int(sys.argv[2])
    for section in ("press", "events"):
        os.makedirs(os.path.join(outdir, "content", section), exist_ok=True)
    counts = {"press": 0, "events": 0}
    words = 0
    for i in range(n):
        section, name, text = item(i)
        with open(os.path.join(outdir, "content", section, name), "w", encoding="utf-8") as f:
            f.write(text)
        counts[section] += 1
        words += len(text.split("\n---\n", 1)[1].split())
    print(f"{n} items ({counts['press']} press releases, {counts['events']} events), "
          f"{words // max(n, 1)} words per body on average -> {outdir}")


if __name__ == "__main__":
    main()
