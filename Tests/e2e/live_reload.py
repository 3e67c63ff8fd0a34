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
from selenium.common.exceptions import WebDriverException
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


def raw_status(port, host):
    """Status code of GET / sent with exactly this Host header."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    return int(answer.split(b" ", 2)[1])


site = tempfile.mkdtemp(prefix="warta-e2e-")
# The server's own temporary folder, so its preview folder can be checked (and is never left behind).
server_tmp = tempfile.mkdtemp(prefix="warta-e2e-tmp-")
for item in ("site.yml", "content", "site-templates"):
    src = os.path.join(repo, item)
    (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(site, item))
port = free_port()
server = subprocess.Popen([warta, "serve", "--site", site, "--port", str(port), "--now", "2023-02-21T09:00:00+08:00"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          env={**os.environ, "TMPDIR": server_tmp})
driver = None
try:
    check("server starts", wait_for_server(port))
    previews = [name for name in os.listdir(server_tmp) if name.startswith(f"warta-preview-{server.pid}-")]
    check("the preview is built in a folder only its user can read",
          len(previews) == 1 and os.stat(os.path.join(server_tmp, previews[0])).st_mode & 0o777 == 0o700, repr(previews))
    check("a request addressed to a foreign name is refused (DNS rebinding)", raw_status(port, f"rebind.example:{port}") == 421)
    check("... and one addressed to localhost is answered", raw_status(port, f"localhost:{port}") == 200)
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
        # Read the heading in one script call: an element found by one call and read by the next
        # can belong to the page the reload just replaced (a stale element, not a failure).
        # A script may also run into the reload itself; that too is only a reason to ask again.
        WebDriverWait(driver, 15, poll_frequency=0.05, ignored_exceptions=(WebDriverException,)).until(
            lambda d: "Baru Diubah" in d.execute_script(
            "const h = document.querySelector('h1'); return h ? h.textContent : '';"))
        changed, why = True, ""
    except Exception as error:
        changed, why = False, repr(error)
    elapsed = time.time() - started
    check("page text changes after the Markdown file is edited", changed, why)
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
    # Ended through its own pid (the Popen object), never by name.
    server.terminate()
    try:
        out, _ = server.communicate(timeout=10)
        check("server stops cleanly on SIGTERM", server.returncode == 0, f"exit {server.returncode}\n{out}")
        check("... and removes its preview folder", os.listdir(server_tmp) == [], repr(os.listdir(server_tmp)))
    except subprocess.TimeoutExpired:
        server.kill()
        server.communicate()
        check("server stops cleanly on SIGTERM", False, "did not stop within 10 s")
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(server_tmp, ignore_errors=True)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
