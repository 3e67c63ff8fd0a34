#!/usr/bin/env python3
"""Turns the benchmark corpus (bench/gen_corpus.py, Hugo-style) into a Warta site.

Usage: corpus_site.py CORPUS_DIR SITE_DIR

The corpus names departments by their full name (a Hugo taxonomy term) and events by
event_start/event_end; Warta wants department slugs listed in site.yml and start/end. Everything else
(title, date, summary, tags, author, location as a plain name, the Markdown body) is copied as it is,
so both tools render the same Markdown bodies. The theme is this repository's site-templates/.
"""
import os
import re
import shutil
import sys

corpus, site = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
departments = {}


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


for section in ("press", "events"):
    src = os.path.join(corpus, "content", section)
    dst = os.path.join(site, "content", section)
    os.makedirs(dst, exist_ok=True)
    for name in sorted(os.listdir(src)):
        with open(os.path.join(src, name), encoding="utf-8") as f:
            text = f.read()
        head, body = text[4:].split("\n---\n", 1)
        lines = []
        for line in head.split("\n"):
            if line.startswith("department: "):
                dept = line[len("department: "):].strip().strip('"')
                departments[slug(dept)] = dept
                line = "department: " + slug(dept)
            line = re.sub(r"^event_start:", "start:", line)
            line = re.sub(r"^event_end:", "end:", line)
            lines.append(line)
        with open(os.path.join(dst, name), "w", encoding="utf-8") as f:
            f.write("---\n" + "\n".join(lines) + "\n---\n" + body)

with open(os.path.join(site, "site.yml"), "w", encoding="utf-8") as f:
    f.write("title: Kota Benchmark\nbase_url: https://kota.example.go.id/\nlanguage: id\n")
    f.write("timezone: Asia/Jakarta\nper_page: 10\ndepartments:\n")
    for s, name in sorted(departments.items()):
        f.write(f"  - slug: {s}\n    name: \"{name}\"\n")
shutil.copytree(os.path.join(here, "..", "site-templates"), os.path.join(site, "site-templates"), dirs_exist_ok=True)
