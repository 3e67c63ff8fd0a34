#!/usr/bin/env python3
"""End to end: a real browser (headless Chromium through Selenium) shows a page of the preview
server, the test edits the Markdown file on disk, and the page text changes with no navigation
by the test: the live-reload script did it.

Usage: live_reload.py WARTA_BINARY REPOSITORY_ROOT. Prints 'N passed, M failed'.
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

warta, repo = sys.argv[1], sys.argv[2]
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok: {name}")
    else:
        failed += 1
        print(f"FAILED: {name} {detail}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_server(port, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.1)
    return False


site = tempfile.mkdtemp(prefix="warta-e2e-")
for item in ("site.yml", "content", "site-templates"):
    src = os.path.join(repo, item)
    (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(site, item))
port = free_port()
server = subprocess.Popen([warta, "serve", "--site", site, "--port", str(port), "--now", "2023-02-21T09:00:00+08:00"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
driver = None
try:
    check("server starts", wait_for_server(port))
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        options.binary_location = chromium
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.get(f"http://127.0.0.1:{port}/tentang/")
    heading = driver.find_element("tag name", "h1").text
    check("page opens", "Wiramaya" in heading, heading)
    # A marker that a reload wipes: proves the page reloaded by itself.
    driver.execute_script("window.__wartaMarker = 'before-edit';")
    # Wait until the page's EventSource is connected before editing.
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return window.wartaLiveReload === 'connected';"))

    path = os.path.join(site, "content", "pages", "tentang.md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    started = time.time()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace("title: Tentang Kota Wiramaya", "title: Tentang Kota Wiramaya yang Baru Diubah"))
    try:
        WebDriverWait(driver, 15, poll_frequency=0.05).until(
            lambda d: "Baru Diubah" in d.find_element("tag name", "h1").text)
        changed = True
    except Exception:
        changed = False
    elapsed = time.time() - started
    check("page text changes after the Markdown file is edited", changed)
    check("the page reloaded itself (no navigation by the test)",
          driver.execute_script("return window.__wartaMarker === undefined;"))
    # A CSS-only change swaps the stylesheet without reloading the page.
    driver.execute_script("window.__wartaMarker = 'before-css';")
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return window.wartaLiveReload === 'connected';"))
    css = os.path.join(site, "site-templates", "static", "style.css")
    with open(css, "a", encoding="utf-8") as f:
        f.write("\nh1 { letter-spacing: 0.01em; }\n")
    try:
        WebDriverWait(driver, 15, poll_frequency=0.05).until(lambda d: d.execute_script(
            "return [...document.querySelectorAll('link[rel=stylesheet]')].some(l => l.href.includes('v='));"))
        swapped = True
    except Exception:
        swapped = False
    check("a stylesheet change swaps the stylesheet", swapped)
    check("... without reloading the page", driver.execute_script("return window.__wartaMarker === 'before-css';"))
    print(f"edit to new text in the browser: {elapsed * 1000:.0f} ms")
    check("the browser stayed on the same address", driver.current_url == f"http://127.0.0.1:{port}/tentang/", driver.current_url)
except Exception as error:  # report, never hang
    check("end-to-end run", False, repr(error))
finally:
    if driver:
        driver.quit()
    server.terminate()
    try:
        out, _ = server.communicate(timeout=10)
        check("server stops cleanly on SIGTERM", server.returncode == 0, f"exit {server.returncode}\n{out}")
    except subprocess.TimeoutExpired:
        server.kill()
        check("server stops cleanly on SIGTERM", False, "did not stop within 10 s")
    shutil.rmtree(site, ignore_errors=True)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
