#!/usr/bin/env python3
"""End to end: a real browser (headless Chromium through Selenium) shows a page of the preview
server, the test edits the Markdown file on disk, and the page text changes with no navigation
by the test: the live-reload script did it.

Usage: live_reload.py WARTA_BINARY REPOSITORY_ROOT. Prints 'N passed, M failed'.
"""
import os
import shutil
import socket
import sys
import tempfile
import time

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import WebDriverWait

import warta_e2e as e2e

warta, repo = sys.argv[1], sys.argv[2]
checks = e2e.Checks()
check = checks.check


def raw_status(port, host):
    """Status code of GET / sent with exactly this Host header."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    return int(answer.split(b" ", 2)[1])


site = e2e.copy_sample(repo)
# The server's own temporary folder, so its preview folder can be checked (and is never left behind).
server_tmp = tempfile.mkdtemp(prefix="warta-e2e-tmp-")
port = e2e.free_port()
server = e2e.start_serve(warta, site, port, env={**os.environ, "TMPDIR": server_tmp})
driver = None
try:
    check("server starts", e2e.wait_for_server(port))
    previews = [name for name in os.listdir(server_tmp) if name.startswith(f"warta-preview-{server.pid}-")]
    check("the preview is built in a folder only its user can read",
          len(previews) == 1 and os.stat(os.path.join(server_tmp, previews[0])).st_mode & 0o777 == 0o700, repr(previews))
    check("a request addressed to a foreign name is refused (DNS rebinding)", raw_status(port, f"rebind.example:{port}") == 421)
    check("... and one addressed to localhost is answered", raw_status(port, f"localhost:{port}") == 200)
    driver = e2e.chromium()
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
    if e2e.stop(server, checks) is not None:
        check("... and removes its preview folder", os.listdir(server_tmp) == [], repr(os.listdir(server_tmp)))
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(server_tmp, ignore_errors=True)

sys.exit(checks.finish())
