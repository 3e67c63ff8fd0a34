#!/usr/bin/env python3
"""End to end: the writing desk of `warta serve` in a real headless Chromium. It creates a release
with an embargo and an uploaded attachment, edits an event to `rescheduled`, and tries a save with an
error; each time the file on disk, the rebuilt preview and the page shown are checked. The desk's
pages also go through the Nu HTML checker and the outline checks of the public theme, and are looked
at on a phone-sized screen.

Usage: desk.py WARTA_BINARY REPOSITORY_ROOT [SCREENSHOT.png]. Prints 'N passed, M failed'.
"""
import os
import re
import shutil
import sys
import tempfile
import urllib.error
import urllib.request
from html.parser import HTMLParser

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

import warta_e2e as e2e

warta, repo = sys.argv[1], sys.argv[2]
screenshot = sys.argv[3] if len(sys.argv) > 3 else None
checks = e2e.Checks()
check = checks.check


def status(url, cookie=None):
    try:
        request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def read(path):
    with open(path, "rb") as f:
        return f.read()


class Outline(HTMLParser):
    """Heading levels and main landmarks, as validate_site.py checks the theme's pages."""
    def __init__(self):
        super().__init__()
        self.levels, self.mains, self.lang = [], 0, None

    def handle_starttag(self, tag, attrs):
        if tag == "html":
            self.lang = dict(attrs).get("lang")
        elif len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.levels.append(int(tag[1]))
        elif tag == "main":
            self.mains += 1


def set_value(driver, element_id, value):
    """A date picker's value as the browser keeps it (typing into one depends on the locale)."""
    driver.execute_script("""
        const el = document.getElementById(arguments[0]);
        el.value = arguments[1];
        el.dispatchEvent(new Event('input', {bubbles: true}));
        el.dispatchEvent(new Event('change', {bubbles: true}));""", element_id, value)


def type_into(driver, element_id, text):
    el = driver.find_element(By.ID, element_id)
    el.clear()
    el.send_keys(text)


def wait(driver, condition, timeout=15):
    WebDriverWait(driver, timeout, poll_frequency=0.1, ignored_exceptions=(WebDriverException,)).until(condition)


def labelled(driver):
    """Form controls a user can reach that have no label."""
    return driver.execute_script("""
        return [...document.querySelectorAll('input, select, textarea')]
          .filter(el => el.type !== 'hidden' && el.labels.length === 0 && !el.getAttribute('aria-label'))
          .map(el => el.name || el.id);""")


site = e2e.copy_sample(repo, prefix="warta-desk-")
work = tempfile.mkdtemp(prefix="warta-desk-work-")
port = e2e.free_port()
base = f"http://127.0.0.1:{port}"
desk = base + "/.warta/desk/"
server = e2e.start_serve(warta, site, port)
driver = None
pages = {}
try:
    check("server starts", e2e.wait_for_server(port))
    link = e2e.printed_link(server)
    check("the server prints the desk's link with a key", bool(link) and re.fullmatch(re.escape(desk) + r"\?key=[0-9a-f]{64}", link), repr(link))
    driver = e2e.chromium(1280, 1600)

    # Without the link (another account on this machine): refused, with no draft's text and no token.
    for url in (desk, desk + "edit?path=content/press/2023-02-20-jadwal-bantuan-pangan-tahap-dua.md", desk + "?key=" + "0" * 64):
        code, answer = status(url)
        check(f"{url[len(base):]} without the link is refused", code == 403 and "terminal" in answer
              and "Bantuan Pangan Tahap II" not in answer and "token" not in answer, repr((code, answer[:200])))
    driver.get(desk)
    check("... in the browser too", "terminal" in driver.find_element(By.TAG_NAME, "main").text and not driver.find_elements(By.CSS_SELECTOR, ".row"))
    # Opened once, the link leaves a cookie no script can read, and the address without the key.
    driver.get(link)
    wait(driver, lambda d: d.current_url == desk)
    cookies = {c["name"]: c for c in driver.get_cookies()}
    cookie = cookies.get(f"warta-key-{port}", {})
    check("opening the link sets an HttpOnly, SameSite=Strict cookie and drops the key from the address",
          cookie.get("httpOnly") and cookie.get("sameSite") == "Strict" and cookie.get("path") == "/" and "key=" not in driver.current_url,
          repr((cookies, driver.current_url)))
    cookie_header = f"warta-key-{port}={cookie.get('value', '')}"

    # The list: every item with its state at the preview clock, filterable.
    states = driver.execute_script("return [...document.querySelectorAll('.row')].map(r => r.dataset.state);")
    check("the list shows every item", len(states) == sum(
        len([f for f in os.listdir(os.path.join(site, "content", k)) if f.endswith(".md")]) for k in ("press", "events", "pages")), repr(len(states)))
    check("... with their states at the preview clock", {"public", "draft", "embargoed", "expired", "withdrawn"} <= set(states), repr(set(states)))
    pages["list"] = driver.page_source
    Select(driver.find_element(By.ID, "filter-state")).select_by_value("embargoed")
    driver.find_element(By.CSS_SELECTOR, ".filters button").click()
    wait(driver, lambda d: "state=embargoed" in d.current_url)
    shown = driver.execute_script("return [...document.querySelectorAll('.row')].map(r => r.dataset.state);")
    check("filtering by state shows only that state", shown and set(shown) == {"embargoed"}, repr(shown))
    check("... and says until when", "embargo sampai 2023-02-22" in driver.find_element(By.TAG_NAME, "main").text)

    # 1. A new release with an embargo and an uploaded attachment.
    driver.get(desk + "new?kind=press")
    pages["new"] = driver.page_source
    check("a new release starts as a draft, and the form says so", driver.find_element(By.ID, "f-draft").is_selected()
          and "draf" in driver.find_element(By.ID, "item-state").text and driver.find_element(By.ID, "ready").is_displayed())
    check("every field of the form has a label", labelled(driver) == [], repr(labelled(driver)))
    type_into(driver, "f-title", "Pendaftaran Beasiswa Kota Wiramaya 2023 Dibuka")
    set_value(driver, "f-publish_at", "2023-02-22T10:00")
    Select(driver.find_element(By.ID, "f-department")).select_by_value("dinkes")
    type_into(driver, "f-tags", "pendidikan, beasiswa")
    pdf = os.path.join(work, "Syarat Beasiswa (Final).pdf")
    with open(pdf, "wb") as f:
        f.write(b"%PDF-1.4\n% Warta desk test\n%%EOF\n")
    driver.find_element(By.ID, "upload-attachment").send_keys(pdf)
    wait(driver, lambda d: d.find_element(By.ID, "f-attachments-0-file").get_attribute("value").startswith("/lampiran/"))
    attachment = driver.find_element(By.ID, "f-attachments-0-file").get_attribute("value")
    check("the upload is named with a slug, for content/lampiran", attachment == "/lampiran/syarat-beasiswa-final.pdf", attachment)
    waiting = os.path.join(site, ".warta", "uploads", attachment.lstrip("/"))
    check("... and waits outside content/ until its release is saved", os.path.exists(waiting) and read(waiting) == read(pdf)
          and not os.path.exists(os.path.join(site, "content", attachment.lstrip("/"))))
    body = driver.find_element(By.ID, "f-body")
    body.clear()
    body.send_keys("Pemerintah Kota Wiramaya membuka pendaftaran beasiswa bagi 200 pelajar.\n\n## Syarat\n\n- Warga Kota Wiramaya\n")
    # The live preview: the theme's page of the text being written.
    try:
        wait(driver, lambda d: "membuka pendaftaran beasiswa" in (d.find_element(By.ID, "preview").get_attribute("srcdoc") or ""))
        srcdoc = driver.find_element(By.ID, "preview").get_attribute("srcdoc")
        check("the live preview shows the text in the theme's page", "<h2" in srcdoc and "Syarat" in srcdoc and "<article" in srcdoc)
    except Exception as error:
        check("the live preview shows the text in the theme's page", False, repr(error))
    # A new item is a draft; "Siap terbit" saves it ready, so its embargo alone holds it back.
    driver.find_element(By.ID, "ready").click()
    wait(driver, lambda d: "saved=1" in d.current_url)
    check("the save leads to the saved file's form", "Tersimpan" in driver.find_element(By.TAG_NAME, "main").text)
    path = os.path.join(site, "content", "press", "2023-02-21-pendaftaran-beasiswa-kota-wiramaya-2023-dibuka.md")
    check("the release is written where warta new puts it", os.path.exists(path), repr(os.listdir(os.path.join(site, "content", "press"))))
    text = read(path).decode() if os.path.exists(path) else ""
    check("... in warta new's format", text.startswith("---\ntitle: Pendaftaran Beasiswa Kota Wiramaya 2023 Dibuka\ndate: 2023-02-21 09:00\n")
          and "# Kolom pilihan" in text, text[:400])
    check("... ready: \"Siap terbit\" left no draft line", "\ndraft:" not in text, text[:400])
    check("... with its embargo, department, tags and attachment",
          "\npublish_at: 2023-02-22 10:00\n" in text and "\ndepartment: dinkes\n" in text and "\ntags: [pendidikan, beasiswa]\n" in text
          and "attachments:\n  - file: /lampiran/syarat-beasiswa-final.pdf\n    title: Syarat Beasiswa (Final)\n" in text, text)
    check("... and the body as typed", text.endswith("\n---\nPemerintah Kota Wiramaya membuka pendaftaran beasiswa bagi 200 pelajar.\n\n## Syarat\n\n- Warga Kota Wiramaya\n"), text[-300:])
    moved = os.path.join(site, "content", attachment.lstrip("/"))
    check("the save moves the upload into content/lampiran", os.path.exists(moved) and read(moved) == read(pdf) and not os.path.exists(waiting))
    check("no temporary file is left beside it", not [f for f in os.listdir(os.path.join(site, "content", "press")) if f.startswith(".") or ".tmp" in f]
          and not [f for f in os.listdir(os.path.join(site, "content", "lampiran")) if f.startswith(".")]
          and os.listdir(os.path.dirname(waiting)) == [])
    # The preview rebuilt: embargoed, so neither its page nor its attachment is served; the list says so.
    code, _ = status(base + "/siaran-pers/2023/02/pendaftaran-beasiswa-kota-wiramaya-2023-dibuka/")
    check("the embargoed release has no page in the rebuilt preview", code == 404, repr(code))
    code, _ = status(base + attachment)
    check("... nor its attachment (files follow their items)", code == 404, repr(code))
    code, listing = status(desk + "?state=embargoed", cookie_header)
    check("the desk lists it as embargoed until 22 February, 10:00", "pendaftaran-beasiswa-kota-wiramaya-2023-dibuka.md" in listing
          and "embargo sampai 2023-02-22 10:00 WITA" in listing)

    # 2. An event edited to `rescheduled`.
    event = "content/events/2023-03-04-pawai-budaya-hut-ke-77.md"
    original = read(os.path.join(site, event))
    driver.get(desk + "edit?path=" + event)
    pages["edit"] = driver.page_source
    check("previous_start is hidden while the event is on schedule",
          not driver.find_element(By.ID, "f-previous_start").is_displayed())
    Select(driver.find_element(By.ID, "f-status")).select_by_value("rescheduled")
    check("... and shown, and required, once it is rescheduled", driver.find_element(By.ID, "f-previous_start").is_displayed()
          and driver.execute_script("return document.getElementById('f-previous_start').required;"))
    set_value(driver, "f-previous_start", "2023-03-04T07:30")
    set_value(driver, "f-start", "2023-03-11T07:30")
    set_value(driver, "f-end", "2023-03-11T11:30")
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(driver, lambda d: "saved=1" in d.current_url)
    edited = read(os.path.join(site, event))
    before_lines, after_lines = original.decode().split("\n"), edited.decode().split("\n")
    expected = [
        "start: 2023-03-11 07:30" if l.startswith("start:") else "end: 2023-03-11 11:30" if l.startswith("end:") else l
        for l in before_lines]
    # The new fields go where the front matter ends; every other line stays as it was, in order.
    close = expected.index("---", 1)
    expected[close:close] = ["status: rescheduled", "previous_start: 2023-03-04 07:30"]
    check("the event file changes only in the fields edited", after_lines == expected,
          "\n".join(l for l in after_lines if l not in before_lines))
    check("... its body byte for byte", edited.split(b"\n---\n", 1)[1] == original.split(b"\n---\n", 1)[1])
    code, page = status(base + "/agenda/2023/03/pawai-budaya-hut-ke-77/")
    check("the rebuilt event page says it was rescheduled, with the start it had before",
          code == 200 and "Dijadwalkan ulang" in page and "4 Maret 2023" in page and "11 Maret 2023" in page, repr(code))

    # 3. A save with an error: refused, the error beside its field, nothing written, the text kept.
    driver.get(desk + "edit?path=" + event)
    before = read(os.path.join(site, event))
    set_value(driver, "f-previous_start", "")
    # And an image without its description.
    set_value(driver, "f-image-alt", "")
    body = driver.find_element(By.ID, "f-body")
    body.send_keys("\nKalimat baru yang tidak boleh hilang.")
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(driver, lambda d: d.find_elements(By.ID, "save-errors"))
    pages["refused"] = driver.page_source
    field = driver.find_element(By.ID, "f-previous_start")
    described = field.get_attribute("aria-describedby") or ""
    error = driver.find_element(By.ID, "err-previous_start").text if driver.find_elements(By.ID, "err-previous_start") else ""
    check("the refused save shows the error beside its field", "previous_start" in error and "err-previous_start" in described,
          f"{error!r} {described!r}")
    check("... the error list links to the field", driver.find_elements(By.CSS_SELECTOR, "#save-errors a[href='#f-previous_start']"))
    alt = driver.find_element(By.ID, "f-image-alt")
    check("an image without alt text is refused too, the error pointed at from its fields",
          "err-image" in (alt.get_attribute("aria-describedby") or "") and "alt" in driver.find_element(By.ID, "err-image").text
          and alt.get_attribute("aria-invalid") == "true")
    check("... the file on disk is unchanged", read(os.path.join(site, event)) == before)
    check("... and the writer's text is kept", "Kalimat baru yang tidak boleh hilang." in driver.find_element(By.ID, "f-body").get_attribute("value"))

    # Usable on a phone: one column, nothing wider than the screen.
    driver.set_window_size(390, 844)
    for url in (desk, desk + "new?kind=events"):
        driver.get(url)
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth;")
        check(f"{url[len(base):]} fits a phone's width", overflow <= 0, f"{overflow}px too wide")
    if screenshot:
        driver.set_window_size(1100, 860)
        driver.get(desk + "edit?path=content/press/2023-02-13-jadwal-musrenbang-kecamatan-2024.md")
        wait(driver, lambda d: d.execute_script(
            "const p = document.getElementById('preview').contentDocument; return !!(p && p.querySelector('main h1'));"))
        # The text and its preview side by side with the fields.
        driver.execute_script("""
            const page = document.getElementById('preview').contentDocument;
            const heading = page && page.querySelector('main h1');
            if (heading) page.defaultView.scrollTo(0, heading.getBoundingClientRect().top - 12);
            document.querySelector('.columns').scrollIntoView(); window.scrollBy(0, -8);""")
        driver.save_screenshot(screenshot)

    # The same checks as the public theme's pages: the Nu HTML checker, one main, headings in order.
    files = []
    for name, html in pages.items():
        file = os.path.join(work, name + ".html")
        with open(file, "w", encoding="utf-8") as f:
            # The page as the browser holds it (the script's changes included); the DOM has no doctype.
            f.write("<!DOCTYPE html>\n" + html)
        files.append(file)
        outline = Outline()
        outline.feed(html)
        ordered = all(b <= a + 1 for a, b in zip(outline.levels, outline.levels[1:])) and outline.levels[:1] == [1]
        check(f"the desk's {name} page has one main landmark, a language and headings in order",
              outline.mains == 1 and outline.lang == "id" and ordered, repr((outline.mains, outline.lang, outline.levels)))
    errors = e2e.nu_errors(files)
    check("the desk's pages pass the Nu HTML checker", errors == [], "\n".join(errors))
except Exception as error:  # report, never hang
    check("end-to-end run", False, repr(error))
finally:
    if driver:
        driver.quit()
    e2e.stop(server, checks)
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)

sys.exit(checks.finish())
