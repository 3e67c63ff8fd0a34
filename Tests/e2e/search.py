#!/usr/bin/env python3
"""End to end: the sample site is built with `warta build` (which runs Pagefind), served by a plain
static file server (no server of Warta's), and searched in a real headless Chromium: through the
theme's search page (Pagefind's default interface) a word from a release's body finds that release,
and through Pagefind's JavaScript API the words found only in the embargoed, draft, expired and
withdrawn sample items find nothing. axe-core checks the labels and landmarks of both languages' home and
search pages; a build without Pagefind gets a search page that says search is unavailable.

Usage: search.py WARTA_BINARY REPOSITORY_ROOT (WARTA_PAGEFIND names Pagefind; the Makefile sets it).
Prints 'N passed, M failed'.
"""
import functools
import glob
import importlib.util
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

import warta_e2e as e2e

warta, repo = sys.argv[1], sys.argv[2]
NOW = "2023-02-21T09:00:00+08:00"
checks = e2e.Checks()
check = checks.check


def body(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") else text


def words(text):
    return set(re.findall(r"[A-Za-z]{7,}", text))


sources = sorted(glob.glob(os.path.join(repo, "content", "**", "*.md"), recursive=True))
vocabulary = {path: {w.lower() for w in words(body(path))} for path in sources}


def unique_words(path, limit=3):
    """Words of this file's body that no other content file holds, the longest first. Pagefind
    stems words and matches prefixes, so one may still find other pages: what matters is that it
    never finds this one."""
    others = set().union(*(v for p, v in vocabulary.items() if p != path))
    found = sorted({w for w in words(body(path)) if w.lower() not in others}, key=lambda w: (-len(w), w))
    return found[:limit]


def slug(path):
    return re.sub(r"^\d{4}-\d{2}-\d{2}-", "", os.path.basename(path)[:-3])


press = os.path.join(repo, "content", "press")
hidden = {
    "embargoed": os.path.join(press, "2023-02-22-penghargaan-kota-layak-anak.md"),
    "draft": os.path.join(press, "2023-02-20-jadwal-bantuan-pangan-tahap-dua.md"),
    "expired": os.path.join(press, "2023-01-16-pendaftaran-duta-wisata-2023.md"),
    "withdrawn": os.path.join(press, "2023-02-08-pendaftaran-stan-umkm-festival-layang-layang.md"),
}
shown = os.path.join(press, "2023-02-07-wifi-publik-gratis-45-titik.md")

work = tempfile.mkdtemp(prefix="warta-search-")
public = os.path.join(work, "public")
server = driver = None
try:
    build = subprocess.run([warta, "build", "--site", repo, "--no-cache", "--now", NOW, "--output", public],
                           capture_output=True, text=True)
    check("the sample builds", build.returncode == 0, build.stdout + build.stderr)
    check("... with its search index", os.path.isfile(os.path.join(public, "pagefind", "pagefind-entry.json")),
          build.stdout + build.stderr)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=public)
    http.server.SimpleHTTPRequestHandler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"

    driver = e2e.chromium()

    # The search page is reached from the navigation of the home page.
    driver.get(origin + "/")
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "nav.site-nav a")]
    check("the navigation links to the search page", origin + "/cari/" in links, repr(links))
    driver.get(origin + "/cari/")
    box = WebDriverWait(driver, 15).until(lambda d: d.find_element(By.CSS_SELECTOR, ".pagefind-ui__search-input"))
    # Labelled by a <label> of its own, as axe's label-title-only asks (Pagefind gives a title only).
    label = driver.execute_script("var i = document.querySelector('.pagefind-ui__search-input');"
                                  "return i && i.labels.length ? i.labels[0].textContent : null")
    check("the search box has a label", label == "Kata yang dicari", repr(label))
    word = unique_words(shown)[0]
    box.send_keys(word)
    try:
        found = WebDriverWait(driver, 15).until(lambda d: [a.get_attribute("href") for a in
                                                           d.find_elements(By.CSS_SELECTOR, ".pagefind-ui__result-link")] or None)
    except Exception as error:
        found = [repr(error)]
    check(f"typing '{word}' on the search page finds its release",
          any("wifi-publik-gratis-45-titik" in href for href in found), repr(found))

    # axe-core (PyPI's axe-playwright-python ships it; only its script is used) on both languages'
    # home and search pages: every form field labelled (label, label-title-only), no two landmarks
    # with one name (landmark-unique).
    axe_script = os.path.join(importlib.util.find_spec("axe_playwright_python").submodule_search_locations[0], "axe.min.js")
    with open(axe_script, encoding="utf-8") as f:
        axe_source = f.read()
    for path in ["/", "/en/", "/cari/", "/en/search/"]:
        driver.get(origin + path)
        if "search" in path or "cari" in path:
            WebDriverWait(driver, 15).until(lambda d: d.find_element(By.CSS_SELECTOR, ".pagefind-ui__search-input"))
        driver.execute_script(axe_source)
        found = driver.execute_async_script("""
            const done = arguments[0];
            axe.run(document, {runOnly: {type: 'rule', values: ['label', 'label-title-only', 'landmark-unique']}})
              .then(r => done(r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
              .catch(e => done(['error: ' + e]));
        """)
        check(f"axe finds no unlabelled field and no two landmarks with one name on {path}", found == [], repr(found))

    # The index itself, through Pagefind's API: nothing that is not public is in it.
    driver.get(origin + "/cari/")
    driver.set_script_timeout(30)

    def search(term):
        return driver.execute_async_script("""
            const [term, done] = arguments;
            import('/pagefind/pagefind.js').then(async pf => {
              const answer = await pf.search(term);
              const pages = await Promise.all(answer.results.map(r => r.data()));
              done(pages.map(p => p.url));
            }).catch(e => done(['error: ' + e]));
        """, term)

    check("the API finds the release too", any("wifi-publik-gratis-45-titik" in url for url in search(word)), repr(search(word)))
    # Quoted: the word as it is (unquoted, Pagefind also offers pages with a word it begins).
    check("the embargoed release's own word finds nothing", search('"Nindya"') == [], repr(search('"Nindya"')))
    for kind, path in hidden.items():
        terms = unique_words(path)
        check(f"the {kind} item has words of its own to look for", len(terms) == 3, path)
        for term in terms + ["Wiramaya"]:
            urls = search(term)
            check(f"'{term}' never finds the {kind} item", urls and not any(slug(path) in url for url in urls) if term == "Wiramaya"
                  else not any(slug(path) in url for url in urls), repr(urls))

    # Built without Pagefind: the search page loads nothing that is not there, and says why it
    # cannot search, with a link to the archive.
    bare = os.path.join(work, "bare")
    build = subprocess.run([warta, "build", "--site", repo, "--no-cache", "--now", NOW, "--output", bare],
                           capture_output=True, text=True, env=dict(os.environ, WARTA_PAGEFIND=os.path.join(work, "no-pagefind")))
    check("the sample builds without Pagefind", build.returncode == 0 and not os.path.exists(os.path.join(bare, "pagefind")),
          build.stdout + build.stderr)
    bare_server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler, directory=bare))
    threading.Thread(target=bare_server.serve_forever, daemon=True).start()
    try:
        driver.get(f"http://127.0.0.1:{bare_server.server_address[1]}/cari/")
        notice = WebDriverWait(driver, 15).until(lambda d: d.find_element(By.ID, "cari-tanpa-indeks").is_displayed()
                                                 and d.find_element(By.ID, "cari-tanpa-indeks"))
        archive = [a.get_attribute("href") for a in notice.find_elements(By.TAG_NAME, "a")]
        check("without an index the search page says so and links to the archive",
              "belum tersedia" in notice.text and any(href.endswith("/arsip/") for href in archive), notice.text + repr(archive))
        check("... and shows no search box", not driver.find_elements(By.CSS_SELECTOR, ".pagefind-ui__search-input"))
    finally:
        bare_server.shutdown()
except Exception as error:  # report, never hang
    check("end-to-end run", False, repr(error))
finally:
    if driver:
        driver.quit()
    if server:
        server.shutdown()
    shutil.rmtree(work, ignore_errors=True)

sys.exit(checks.finish())
