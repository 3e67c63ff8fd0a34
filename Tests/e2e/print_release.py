#!/usr/bin/env python3
"""End to end: a short press release of the sample site, printed to PDF on A4 by headless Chromium
(DevTools Page.printToPDF, the browser's own print path with print.css), read back with pypdf. It
must fit on one page, carry the letterhead, the release's number, title, date and media contact, and
no navigation text at all.

Usage: print_release.py WARTA_BINARY REPOSITORY_ROOT. Prints 'N passed, M failed'.
"""
import base64
import functools
import http.server
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading

from pypdf import PdfReader

import warta_e2e as e2e

warta, repo = sys.argv[1], sys.argv[2]
checks = e2e.Checks()
check = checks.check


def words(text):
    """Text with runs of white space as one space: PDF text breaks lines where the page did."""
    return re.sub(r"\s+", " ", text).strip()


NUMBER = "045/HUMAS-PROKOPIM/II/2023"
RELEASE = f"""---
title: Pemkot Wiramaya Buka Posko Pengaduan Air Bersih di Lima Kecamatan
date: 2023-02-21 08:00
nomor: {NUMBER}
summary: Warga dapat melaporkan gangguan air bersih di lima posko kecamatan sampai akhir Maret.
department: setda
contact:
  name: Nurhayati Lamato, S.Sos., M.Si.
  role: Kepala Bagian Protokol dan Komunikasi Pimpinan
  phone: "+62 451 421 010"
  email: prokopim@wiramayakota.go.id
---
Pemerintah Kota Wiramaya membuka posko pengaduan air bersih di kantor lima kecamatan mulai Selasa,
21 Februari 2023. Warga dapat melaporkan air keruh, tekanan rendah atau meteran rusak setiap hari kerja
pukul 08.00–15.00 WITA.

Laporan diteruskan kepada Perumda Air Minum Wiramaya dan ditindaklanjuti paling lambat dua hari kerja.
"""

work = tempfile.mkdtemp(prefix="warta-print-")
server = driver = None
try:
    site = os.path.join(work, "site")
    os.makedirs(site)
    for item in ("site.yml", "content", "site-templates"):
        src = os.path.join(repo, item)
        (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(site, item))
    release = os.path.join(site, "content", "press", "2023-02-21-posko-air-bersih.md")
    with open(release, "x", encoding="utf-8") as f:
        f.write(RELEASE)
    public = os.path.join(work, "public")

    def build():
        return subprocess.run([warta, "build", "--site", site, "--output", public, "--now", "2023-02-21T09:00:00+08:00"],
                              capture_output=True, text=True)

    built = build()
    # The release number (`nomor`, issue 11 point 5) comes with the release anatomy. A Warta built
    # before it refuses the field by name: then the release prints without a number, and this run
    # says so on a line of its own instead of passing the number check.
    has_number = "unknown field 'nomor'" not in built.stderr
    if not has_number:
        print("NOT CHECKED: the release number (this Warta has no 'nomor' field yet)")
        with open(release, "w", encoding="utf-8") as f:
            f.write(RELEASE.replace(f"nomor: {NUMBER}\n", ""))
        built = build()
    check("the site builds", built.returncode == 0, built.stderr)

    # The built files as a web server gives them (root-relative links, print.css), in this process.
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=public)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/siaran-pers/2023/02/posko-air-bersih/"

    driver = e2e.chromium()
    driver.get(url)
    # What a reader navigates with, as the screen shows it; and the release's own text, so a word
    # both in a menu and in the release (its kind, "Siaran Pers") is not taken for navigation.
    navigation = driver.execute_script("""
        return [...document.querySelectorAll('.skip-link, .site-nav a, .breadcrumbs a, .tags a, .footer-feed a, .footer-records a')]
            .map(a => a.textContent.trim()).filter(t => t);""")
    article = words(driver.execute_script("return document.querySelector('article').innerText;")).lower()
    nav_only = sorted({t for t in navigation if t.lower() not in article})
    check("the page has navigation to look for", len(nav_only) >= 6, repr(nav_only))

    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False})["data"])
    reader = PdfReader(io.BytesIO(pdf))
    check("a short release prints on one page", len(reader.pages) == 1, f"{len(reader.pages)} pages")
    box = reader.pages[0].mediabox
    # A4 is 210 x 297 mm: 595 x 842 points.
    check("on A4", abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2, f"{box.width} x {box.height}")
    text = words(" ".join(page.extract_text() for page in reader.pages))
    check("the letterhead names the city", "PEMERINTAH KOTA WIRAMAYA" in text, text[:300])
    check("... with its address", "Jl. Merdeka No. 1, Wiramaya 94111" in text and "humas@wiramayakota.go.id" in text, text[:300])
    if has_number:
        check("the release's number is printed", NUMBER in text, text[:400])
    check("its title", "Posko Pengaduan Air Bersih di Lima Kecamatan" in text, text[:400])
    check("its date", "Selasa, 21 Februari 2023" in text, text[:500])
    check("its media contact", "Nurhayati Lamato" in text and "+62 451 421 010" in text, text[-400:])
    printed_nav = [t for t in nav_only if t.lower() in text.lower()]
    check("no navigation text", not printed_nav, repr(printed_nav))
    check("no emergency strip", "Selengkapnya" not in text and "Berlaku sampai" not in text, text[:400])
except Exception as error:  # report, never hang
    check("print run", False, repr(error))
finally:
    if driver:
        driver.quit()
    if server:
        server.shutdown()
        server.server_close()
    shutil.rmtree(work, ignore_errors=True)

sys.exit(checks.finish())
