#!/usr/bin/env python3
"""End to end: the default theme on a phone. A copy of the sample site, with one release more whose
table is wider than a phone, is built with its Pagefind index and served from this process; headless
Chromium at 390 px wide loads every public page type and every built page, and fails when a page is
wider than the screen (less its scroll bar), naming the element reaching furthest right.
Then the points a reader on a phone meets: amounts and units on one line in table cells, a hint on a
table wider than the screen, month view badges inside their cells with no word broken, the emergency
notice once, English pages in English, search results without page furniture; and on a desktop
(1,280 px) the navigation on one row.

Usage: phone_theme.py WARTA_BINARY REPOSITORY_ROOT [SCREENSHOT_FOLDER] (WARTA_PAGEFIND names Pagefind;
the Makefile sets it; the folder, when given, gets a PNG of each page to look at). Prints 'N passed, M failed'.
"""
import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading

import warta_e2e as e2e

warta, repo = sys.argv[1], sys.argv[2]
shots = sys.argv[3] if len(sys.argv) > 3 else None
checks = e2e.Checks()
check = checks.check

# One page of each public type, as a reader on a phone reaches them.
PAGES = {
    "home": "/",
    "release (with a table)": "/siaran-pers/2023/02/pemantauan-harga-bahan-pokok/",
    "release (with a photo)": "/siaran-pers/2023/02/peresmian-pabrik-pengolahan-ikan/",
    "event": "/agenda/2023/02/festival-layang-layang-pantai-lanuwasa/",
    "plain page": "/kontak/",
    "list": "/siaran-pers/",
    "tag": "/topik/budaya/",
    "department": "/dinas/dinkes/",
    "month view": "/agenda/2023/02/",
    "search": "/cari/",
    "corrections": "/ralat/",
    "withdrawals": "/dicabut/",
    "404": "/404.html",
    "English home": "/en/",
    "English release": "/en/press-releases/2023/02/fish-processing-plant-opens/",
    "release (with a wide table)": "/siaran-pers/2023/02/pengadaan-spanduk-hut-kota/",
}

# A release whose table is wider than a phone, with amounts and sizes in its cells.
WIDE_TABLE = """---
title: Pengadaan Spanduk dan Baliho HUT ke-77 Kota Wiramaya
date: 2023-02-20 10:00
department: setda
summary: Daftar harga spanduk dan baliho untuk peringatan HUT ke-77 Kota Wiramaya.
---
Bagian Umum menetapkan harga satuan berikut untuk spanduk dan baliho peringatan HUT ke-77.

| Barang | Ukuran | Bahan | Jumlah | Harga satuan | Jumlah harga | Lokasi pemasangan |
|:-------|:------:|:------|-------:|-------------:|-------------:|:------------------|
| Spanduk | 1,5 × 2 m | Flexi 280 gram | 40 | Rp 450.000 | Rp 18.000.000 | Simpang Lima Wiramaya |
| Baliho | 4 × 6 m | Flexi Korea | 6 | Rp 2.350.000 | Rp 14.100.000 | Alun-alun Kota |
| Umbul-umbul | 0,6 × 4,5 m | Kain satin | 300 | Rp 65.000 | Rp 19.500.000 | Jalan Protokol |
"""

# Every run of an amount or a size in the table cells of the page, and how many lines each takes.
AMOUNTS_IN_CELLS = """
const runs = /(Rp|IDR)[\\s\\u00a0]\\d[\\d.,]*|\\d[\\d,]*[\\s\\u00a0]\u00d7[\\s\\u00a0]\\d[\\d,]*([\\s\\u00a0](m|cm))?/g;
const out = [];
for (const cell of document.querySelectorAll('.content td')) {
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(runs)) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
      out.push([m[0], tops.size]);
    }
  }
}
return out;
"""

# Month view: badges and links reaching out of their cell, and words broken over two lines.
MONTH_CELLS = """
const outside = [], broken = [];
for (const cell of document.querySelectorAll('.month-calendar td.day-has-events')) {
  const box = cell.getBoundingClientRect();
  for (const el of cell.querySelectorAll('a, .status')) {
    const r = el.getBoundingClientRect();
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5) outside.push(el.textContent.trim());
  }
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) broken.push(m[0]);
    }
  }
}
return [document.querySelectorAll('.month-calendar td.day-has-events').length, outside, broken,
        getComputedStyle(document.querySelector('.month-calendar')).display];
"""

# How often each emergency notice is on the screen: as the strip above the header, in full on the page.
NOTICES = """
const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
return [[...document.querySelectorAll('.site-alerts .alert')].filter(shown).length,
        [...document.querySelectorAll('.alert-notice')].filter(shown).length,
        document.querySelectorAll('.site-alerts .alert').length];
"""

# The page's overflow and the element reaching furthest right (its tag, class and a little text).
OVERFLOW = """
const root = document.documentElement;
let widest = null, right = 0;
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  if (r.width > 0 && r.right > right) { right = r.right; widest = el; }
}
const name = widest ? widest.tagName.toLowerCase() + (widest.className && typeof widest.className === 'string' ? '.' + widest.className.trim().split(/\\s+/).join('.') : '')
  + ' "' + (widest.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60) + '"' : '';
return [root.scrollWidth, root.clientWidth, name, Math.round(right)];  // clientWidth: the screen less a scroll bar
"""


def quiet_server(public):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=public))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def screen(driver, width, height):
    """The page's viewport set through DevTools: a window's size may be refused below the browser's minimum."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def shot(driver, name):
    """The whole page as a PNG in the screenshot folder, when one is given (to look at, not checked)."""
    if not shots:
        return
    import base64
    os.makedirs(shots, exist_ok=True)
    size = driver.execute_script("return [document.documentElement.scrollWidth, document.documentElement.scrollHeight];")
    data = driver.execute_cdp_cmd("Page.captureScreenshot", {"captureBeyondViewport": True,
                                  "clip": {"x": 0, "y": 0, "width": size[0], "height": min(size[1], 6000), "scale": 1}})["data"]
    with open(os.path.join(shots, name + ".png"), "wb") as f:
        f.write(base64.b64decode(data))


work = tempfile.mkdtemp(prefix="warta-phone-")
server = driver = None
try:
    site = e2e.copy_sample(repo, prefix="warta-phone-site-")
    with open(os.path.join(site, "content", "press", "2023-02-20-pengadaan-spanduk-hut-kota.md"), "x", encoding="utf-8") as f:
        f.write(WIDE_TABLE)
    public = os.path.join(work, "public")
    built = subprocess.run([warta, "build", "--site", site, "--output", public, "--now", e2e.NOW], capture_output=True, text=True)
    shutil.rmtree(site, ignore_errors=True)
    check("the sample site builds", built.returncode == 0, built.stderr)
    server = quiet_server(public)
    base = f"http://127.0.0.1:{server.server_address[1]}"

    driver = e2e.chromium(390, 844)
    screen(driver, 390, 844)
    width = driver.execute_script("return window.innerWidth;")
    check("the window is a phone's, 390 px wide", width == 390, f"{width} px")

    for name, path in PAGES.items():
        driver.get(base + path)
        scroll, inner, widest, right = driver.execute_script(OVERFLOW)
        check(f"{name} ({path}) is no wider than the screen", scroll <= inner,
              f"{scroll} px > {inner} px; widest: {widest} reaching {right} px")
        shot(driver, "phone-" + (path.strip("/").replace("/", "-").replace(".html", "") or "home"))

    # Every other built page too: a page type missed above must not widen the screen either.
    too_wide = []
    for folder, _, files in os.walk(public):
        for file in files:
            if not file.endswith(".html"):
                continue
            path = "/" + os.path.relpath(os.path.join(folder, file), public).replace("index.html", "")
            if path in PAGES.values():
                continue
            driver.get(base + path)
            scroll, inner, widest, right = driver.execute_script(OVERFLOW)
            if scroll > inner:
                too_wide.append(f"{path}: {scroll} px, widest {widest}")
    check("no built page is wider than the screen", not too_wide, "\n  " + "\n  ".join(too_wide))

    # Amounts and sizes in table cells: never "Rp" at the end of a line and the number on the next.
    for path in (PAGES["release (with a table)"], PAGES["release (with a wide table)"]):
        driver.get(base + path)
        runs = driver.execute_script(AMOUNTS_IN_CELLS)
        check(f"{path} has amounts in its table cells", len(runs) >= 5, repr(runs))
        split = [text for text, lines in runs if lines != 1]
        check(f"... each on one line at 390 px", not split, repr(split))

    # A table wider than the screen scrolls inside its box, and a shadow at its edge says so.
    driver.get(base + PAGES["release (with a wide table)"])
    wide = driver.execute_script("""
        const box = document.querySelector('.content .table-scroll');
        return [box.scrollWidth, box.clientWidth, getComputedStyle(box).overflowX, getComputedStyle(box).backgroundImage];""")
    check("the wide table is wider than the screen, inside its own scrolling box",
          wide[0] > wide[1] and wide[2] == "auto", repr(wide[:3]))
    check("... whose edge carries a shadow that hints at the rest", wide[3].count("radial-gradient") == 2, wide[3])

    # The emergency notice: said once on the home page (in full, no strip), as a strip elsewhere.
    driver.get(base + "/")
    strips, notices, alerts = driver.execute_script(NOTICES)
    check("the sample has an emergency notice", alerts >= 1, f"{alerts}")
    check("the home page shows each emergency notice once", strips == 0 and notices == alerts, f"{strips} strips, {notices} in full")
    shot(driver, "phone-home")
    driver.get(base + PAGES["release (with a photo)"])
    strips, notices, alerts = driver.execute_script(NOTICES)
    check("another page shows it once, as the strip", strips == alerts and notices == 0, f"{strips} strips, {notices} in full")

    # English pages: the tags and the footer in English, as the rest of the page.
    driver.get(base + PAGES["English release"])
    english = driver.execute_script("""return [[...document.querySelectorAll('.tags a')].map(a => [a.textContent, a.lang]),
        [...document.querySelectorAll('.site-footer [lang]')].map(e => e.lang), document.querySelector('.site-footer address').innerText];""")
    driver.get(base + PAGES["release (with a photo)"])
    original = driver.execute_script("""return [[...document.querySelectorAll('.tags a')].map(a => a.textContent),
        document.querySelector('.site-footer address').innerText];""")
    check("the English release has tags", len(english[0]) >= 2, repr(english[0]))
    check("... each named in English", all(lang in ("", "en") for _, lang in english[0])
          and not {text for text, _ in english[0]} & set(original[0]), f"{english[0]} beside {original[0]}")
    check("its footer is in English", all(lang == "en" for lang in english[1]) and english[2].splitlines()[0] != original[1].splitlines()[0],
          f"{english[1]}, {english[2]!r} beside {original[1]!r}")

    # The month view on a desktop: badges inside their cells, no word broken inside.
    for width in (1280, 1024):
        screen(driver, width, 900)
        driver.get(base + PAGES["month view"])
        days, outside, broken, display = driver.execute_script(MONTH_CELLS)
        check(f"at {width} px the month view is a table with days of events", display == "table" and days >= 5, f"{display}, {days} days")
        check(f"... its links and badges inside their cells", not outside, repr(outside))
        check(f"... and no word broken inside", not broken, repr(broken))
        shot(driver, f"month-{width}")

    # The navigation on one row on a desktop, in both languages.
    screen(driver, 1280, 900)
    for path in ("/", "/en/"):
        driver.get(base + path)
        tops = driver.execute_script("return [...document.querySelectorAll('.site-nav a')].map(a => a.offsetTop);")
        check(f"at 1,280 px the navigation of {path} is one row", len(tops) >= 5 and len(set(tops)) == 1, repr(tops))

    # Search: what Pagefind keeps of a release is its text, without the page's furniture.
    if not os.path.isfile(os.path.join(public, "pagefind", "pagefind.js")):
        check("the search index is built (set WARTA_PAGEFIND)", False)
    else:
        driver.get(base + PAGES["release (with a photo)"])
        # Each line of the furniture as the screen shows it, leaving out lines the rest of the release holds.
        furniture = driver.execute_script("""
            const norm = t => t.replace(/\\s+/g, ' ').trim().toLowerCase();
            const article = document.querySelector('article').cloneNode(true);
            article.querySelectorAll('.kicker, .meta, .tags, .share').forEach(e => e.remove());
            const own = norm(article.textContent);
            return [...document.querySelectorAll('.site-header, .site-footer, .site-alerts, .kicker, .meta, .tags, .share')]
              .flatMap(e => e.innerText.split('\\n')).map(norm).filter(t => t.length >= 12 && !own.includes(t));""")
        driver.get(base + "/cari/")
        driver.set_script_timeout(30)
        content = driver.execute_async_script("""
            const done = arguments[0];
            import('/pagefind/pagefind.js').then(async pf => {
              const answer = await pf.search('"Samudra"');
              const pages = await Promise.all(answer.results.map(r => r.data()));
              const page = pages.find(p => p.url.includes('/siaran-pers/2023/02/peresmian-pabrik-pengolahan-ikan'));
              done(page ? page.content : 'not found: ' + pages.map(p => p.url).join(' '));
            }).catch(e => done('error: ' + e));""")
        check("the search index holds the release", "samudra" in content.lower(), content[:300])
        content = " ".join(content.split()).lower()
        kept = [text for text in furniture if text in content]
        check("... without its kicker, dates, tags, sharing links, notices, header or footer", not kept, repr(kept))
except Exception as error:  # report, never hang
    check("phone run", False, repr(error))
finally:
    if driver:
        driver.quit()
    if server:
        server.shutdown()
        server.server_close()
    shutil.rmtree(work, ignore_errors=True)

sys.exit(checks.finish())
