#!/usr/bin/env python3
"""Benchmark (not a test): Warta against Hugo on the same generated corpus. Prints a table; asserts nothing.

Usage: run.py --warta BINARY [--n 10000] [--runs 5] [--reload-runs 7] [--quick] [--no-hugo-server] [--keep]

Everything happens in a temporary folder (removed at the end unless --keep):
  corpus   bench/gen_corpus.py, for 1,000 items and for N (the first is a prefix of the second)
  warta    bench/corpus_site.py turns a corpus into a Warta site (this repository's theme)
  hugo     a copy of bench/hugo-site/ with the corpus's content/ copied in

Full builds alternate Warta and Hugo in one loop (the order flips every round), each into an emptied
output folder; the 1,000-item row gets at least 5 rounds (they are cheap), the others --runs. Each command is timed from outside: wall clock around
the child, user CPU and peak RSS from the kernel's rusage of that child (os.wait4). Medians are shown.
"""
import argparse
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = "2026-01-01T00:00:00+07:00"  # after every date in the corpus: the same site on every run


# ---------------------------------------------------------------------------------------------------
# Measuring


class Sample:
    def __init__(self, wall, user, system, rss_kib, output, status):
        self.wall, self.user, self.system, self.rss_kib = wall, user, system, rss_kib
        self.output, self.status = output, status


def run(cmd, cwd=None, env=None, check=True):
    """Runs cmd to the end; wall time around it, user/system CPU and peak RSS of that child alone."""
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    if check and child.returncode != 0:
        sys.exit(f"failed ({child.returncode}): {' '.join(cmd)}\n{text}")
    return Sample(wall, usage.ru_utime, usage.ru_stime, usage.ru_maxrss, text, child.returncode)


def empty(folder):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)


def median(values):
    return statistics.median(values) if values else float("nan")


def files_in(folder):
    found = []
    for root, _, names in os.walk(folder):
        for name in names:
            found.append(os.path.relpath(os.path.join(root, name), folder))
    return found


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------
# The two tools


class Warta:
    def __init__(self, binary):
        self.binary = binary

    def build(self, site, output, cache=True):
        """`warta build`; without the cache (`--no-cache`) for full builds, which then read every file
        and make every output, as a first build does."""
        return run([self.binary, "build", "--site", site, "--output", output, "--now", NOW] + ([] if cache else ["--no-cache"]))

    @staticmethod
    def written(sample):
        """(written, unchanged) from `built X items into Y files (W written, U unchanged)`."""
        m = re.search(r"\((\d+) written, (\d+) unchanged\)", sample.output)
        return (int(m.group(1)), int(m.group(2))) if m else (None, None)


class Hugo:
    def __init__(self):
        self.binary = shutil.which("hugo")

    def version(self):
        return subprocess.run([self.binary, "version"], capture_output=True, text=True).stdout.strip()

    def build(self, site, output):
        return run([self.binary, "--source", site, "--destination", output, "--quiet"])


# ---------------------------------------------------------------------------------------------------
# Preview servers


def warta_serve(warta, site, runs):
    """bench/reload_latency.py: save to `event: reload` over SSE, and the start-up time."""
    result = subprocess.run([sys.executable, os.path.join(HERE, "reload_latency.py"), warta, site, str(runs)],
                            capture_output=True, text=True, timeout=1800)
    start = re.search(r"start-up[^:]*: (\d+) ms", result.stdout)
    med = re.search(r"median (\d+) ms", result.stdout)
    stop = re.search(r"stop \(SIGTERM to exit\): (\d+) ms", result.stdout)
    return ((int(med.group(1)) if med else None), (int(start.group(1)) if start else None),
            (int(stop.group(1)) if stop else None), (result.stdout + result.stderr).strip())


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hugo_serve(hugo, site, runs):
    """`hugo server` (fast render, rendered to memory): start-up until it listens, and for each save the
    rebuild time it reports ("Total in X ms") and the wall time from the save to that line."""
    port = free_port()
    press = os.path.join(site, "content", "press")
    names = sorted(os.listdir(press))
    target = os.path.join(press, names[len(names) // 2])
    with open(target, encoding="utf-8") as f:
        original = f.read()
    lines = queue.Queue()
    started = time.perf_counter()
    server = subprocess.Popen([hugo.binary, "server", "--source", site, "--bind", "127.0.0.1", "--port", str(port)],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def pump():
        for line in server.stdout:
            lines.put((time.perf_counter(), line))
        lines.put((time.perf_counter(), None))

    threading.Thread(target=pump, daemon=True).start()

    def wait_for(pattern, timeout):
        deadline = time.perf_counter() + timeout
        while True:
            try:
                at, line = lines.get(timeout=max(0.01, deadline - time.perf_counter()))
            except queue.Empty:
                raise TimeoutError(pattern)
            if line is None:
                raise RuntimeError("hugo server stopped")
            m = re.search(pattern, line)
            if m:
                return at, m

    totals, walls = [], []
    try:
        at, _ = wait_for(r"Web Server is available", 900)
        startup = (at - started) * 1000
        for n in range(runs):
            time.sleep(0.5)
            while not lines.empty():
                lines.get_nowait()
            with open(target, "a", encoding="utf-8") as f:
                t0 = time.perf_counter()
                f.write(f"\nKalimat tambahan nomor {n} untuk mengukur waktu pratinjau.\n")
            at, m = wait_for(r"Total in (\d+) ms", 120)
            totals.append(int(m.group(1)))
            walls.append((at - t0) * 1000)
        return median(totals), startup, median(walls)
    except (TimeoutError, RuntimeError) as e:
        log(f"hugo server: {e}")
        return None, None, None
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        with open(target, "w", encoding="utf-8") as f:
            f.write(original)


# ---------------------------------------------------------------------------------------------------
# What each tool wrote

WARTA_KINDS = [
    ("item pages", r"^(siaran-pers|agenda)/\d{4}/\d{2}/[^/]+/index\.html$"),
    ("per-event .ics", r"^agenda/\d{4}/\d{2}/[^/]+/event\.ics$"),
    ("month views", r"^agenda/\d{4}/\d{2}/index\.html$"),
    ("department calendars", r"^dinas/[^/]+/events\.ics$"),
    ("site calendar", r"^events\.ics$"),
    ("department feeds", r"^dinas/[^/]+/feed\.xml$"),
    ("site feed", r"^feed\.xml$"),
    ("sitemap", r"^sitemap\.xml$"),
    ("yearly archive pages", r"^arsip/.*index\.html$"),
    ("department list pages", r"^dinas/.*index\.html$"),
    ("tag list pages", r"^topik/.*index\.html$"),
    ("section list pages", r"^(siaran-pers|agenda)/.*index\.html$"),
    ("home pages", r"^index\.html$"),
    ("404 page", r"^404\.html$"),
    ("robots.txt", r"^robots\.txt$"),
    ("output marker", r"^\.warta-output$"),
    ("static assets", r".*\.(css|js|svg|png|jpg|ico|woff2?)$"),
]
HUGO_KINDS = [
    ("item pages", r"^(press|events)/[^/]+/index\.html$"),
    ("site feed", r"^index\.xml$"),
    ("sitemap", r"^sitemap\.xml$"),
    ("department list pages", r"^department/.*index\.html$"),
    ("tag list pages", r"^tags/.*index\.html$"),
    ("section list pages", r"^(press|events)/.*index\.html$"),
    ("home pages", r"^(page/\d+/)?index\.html$"),
]


def is_redirect(path):
    if not path.endswith(".html") or os.path.getsize(path) > 2048:
        return False
    with open(path, encoding="utf-8", errors="replace") as f:
        return 'http-equiv="refresh"' in f.read()


def classify(folder, kinds):
    counts = {}
    files = files_in(folder)
    for rel in files:
        if is_redirect(os.path.join(folder, rel)):
            kind = "redirect stubs (page/1/ aliases)"
        else:
            kind = next((k for k, pattern in kinds if re.match(pattern, rel)), None)
            if kind is None:
                kind = "other (" + (os.path.splitext(rel)[1] or "no extension") + ")"
        counts[kind] = counts.get(kind, 0) + 1
    return counts, len(files), sum(1 for f in files if f.endswith(".html")), sum(
        os.path.getsize(os.path.join(folder, f)) for f in files)


# ---------------------------------------------------------------------------------------------------


def fmt_ms(seconds):
    return f"{seconds * 1000:,.0f} ms"


def fmt_full(samples):
    return (f"{fmt_ms(median([s.wall for s in samples]))} wall, {fmt_ms(median([s.user for s in samples]))} user, "
            f"{median([s.rss_kib for s in samples]) / 1024:,.0f} MiB")


def ratio(a, b):
    return f"{a / b:.2f}×" if b else "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--warta", required=True, help="the warta binary (a release build)")
    ap.add_argument("--n", type=int, help="corpus size (default 10000; 1000 with --quick)")
    ap.add_argument("--runs", type=int, default=3, help="rounds per figure (default 3; at least 5 for full builds of 1,000)")
    ap.add_argument("--reload-runs", type=int, help="edits for the preview servers (default 7; 5 with --quick)")
    ap.add_argument("--quick", action="store_true", help="a fast look: N=1000, fewer rounds")
    ap.add_argument("--no-hugo-server", action="store_true", help="skip `hugo server`")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("--tmp", help="where the temporary folder goes, for both tools and warta publish's own build "
                                  "(default: the system's, $TMPDIR or /tmp; /dev/shm measures without the disk)")
    args = ap.parse_args()
    n = args.n or (1000 if args.quick else 10000)
    runs = args.runs
    reload_runs = args.reload_runs or (5 if args.quick else 7)
    warta = Warta(os.path.abspath(args.warta))
    hugo = Hugo()
    if not os.access(warta.binary, os.X_OK):
        sys.exit(f"no warta binary at {warta.binary}: swift build -c release --scratch-path .build-release")
    if not hugo.binary:
        sys.exit("hugo is not installed (Debian/Ubuntu: apt-get install hugo)")
    sizes = sorted({min(1000, n), n})
    # Hugo makes no search index: Warta's builds are timed without Pagefind (a path that is not there
    # turns it off), and one Pagefind pass over the largest output is timed apart, as a note.
    pagefind = os.environ.get("WARTA_PAGEFIND") or shutil.which("pagefind")
    os.environ["WARTA_PAGEFIND"] = os.path.join(os.sep, "nonexistent", "pagefind")
    if args.tmp:
        os.environ["TMPDIR"] = os.path.abspath(args.tmp)  # the children's too (warta publish, warta serve)
        tempfile.tempdir = None
    work = tempfile.mkdtemp(prefix="warta-bench-")
    began = time.perf_counter()
    rows = []  # (work, warta, hugo, ratio)
    notes = []
    try:
        # ---- corpora and sites
        sites = {}
        for size in sizes:
            corpus = os.path.join(work, f"corpus-{size}")
            log(f"corpus of {size:,} items")
            run([sys.executable, os.path.join(HERE, "gen_corpus.py"), corpus, str(size)])
            wsite = os.path.join(work, f"warta-site-{size}")
            run([sys.executable, os.path.join(HERE, "corpus_site.py"), corpus, wsite])
            hsite = os.path.join(work, f"hugo-site-{size}")
            shutil.copytree(os.path.join(HERE, "hugo-site"), hsite)
            shutil.copytree(os.path.join(corpus, "content"), os.path.join(hsite, "content"))
            shutil.rmtree(corpus)
            sites[size] = (wsite, hsite)

        # ---- full builds, interleaved
        full = {}
        for size in sizes:
            wsite, hsite = sites[size]
            wout, hout = os.path.join(work, f"warta-out-{size}"), os.path.join(work, f"hugo-out-{size}")
            samples = {"warta": [], "hugo": []}
            rounds = runs if size == n else max(runs, 5)
            for r in range(rounds):
                order = [("warta", warta, wsite, wout), ("hugo", hugo, hsite, hout)]
                if r % 2:
                    order.reverse()
                for name, tool, site, out in order:
                    empty(out)
                    samples[name].append(tool.build(site, out, cache=False) if tool is warta else tool.build(site, out))
                log(f"full build N={size:,} round {r + 1}/{rounds}: " + ", ".join(
                    f"{k} {v[-1].wall:.2f} s" for k, v in samples.items()))
            notes.append(f"full build N={size:,}, each round (wall s): " + "; ".join(
                f"{k} " + " ".join(f"{x.wall:.1f}" for x in v) for k, v in samples.items()))
            full[size] = (samples, wout, hout)
            w, h = samples["warta"], samples["hugo"]
            rows.append((f"full build, N={size:,}", fmt_full(w), fmt_full(h),
                         f"{ratio(median([s.wall for s in w]), median([s.wall for s in h]))} wall, "
                         f"{ratio(median([s.user for s in w]), median([s.user for s in h]))} user, "
                         f"{ratio(median([s.rss_kib for s in w]), median([s.rss_kib for s in h]))} memory"))

        wsite, hsite = sites[n]
        _, wout, hout = full[n]

        if pagefind and os.access(pagefind, os.X_OK):
            index = run([pagefind, "--site", wout, "--output-path", os.path.join(work, "pagefind-index")])
            notes.append(f"Pagefind (the search index `warta build` makes after a build that wrote something), "
                         f"one pass over the {n:,}-item output: {fmt_ms(index.wall)} wall, {fmt_ms(index.user)} user CPU")

        # ---- Warta again, nothing changed (into the full build left by the last round): the first build
        # with the cache fills it (and makes every output once), the ones after are timed.
        warm = warta.build(wsite, wout)
        notes.append(f"first `warta build` with the build cache after the full builds (fills .warta/cache/): {fmt_ms(warm.wall)} wall")
        again = [warta.build(wsite, wout) for _ in range(runs)]
        written = [Warta.written(s) for s in again]
        log(f"no-change rebuild: {median([s.wall for s in again]):.2f} s")
        rows.append((f"`warta build` again, nothing changed, N={n:,}",
                     f"{fmt_ms(median([s.wall for s in again]))} wall (files written: {written[-1][0]}, "
                     f"kept: {written[-1][1]:,})", "-", "-"))

        # ---- Warta after editing one release
        press = os.path.join(wsite, "content", "press")
        names = sorted(os.listdir(press))
        target = os.path.join(press, names[len(names) // 3])
        edited = []
        for k in range(runs):
            with open(target, "a", encoding="utf-8") as f:
                f.write(f"\nRalat kecil nomor {k}: jadwal layanan diperpanjang satu jam.\n")
            edited.append(warta.build(wsite, wout))
        written = [Warta.written(s) for s in edited]
        log(f"edit-one rebuild: {median([s.wall for s in edited]):.2f} s")
        rows.append((f"`warta build` after editing one release, N={n:,}",
                     f"{fmt_ms(median([s.wall for s in edited]))} wall (files written: {written[-1][0]})", "-", "-"))

        # ---- publish --if-due with nothing due, to a local folder prepared with --init
        dest = os.path.join(work, "publish-dest")
        os.makedirs(dest)
        # A publish builds as of the real clock (--now is for --dry-run only); NOW is after every date
        # in the corpus, and so is the real clock: the same site.
        publish = [warta.binary, "publish", "--site", wsite, "--to", dest + "/"]
        run(publish + ["--init"])
        first = run(publish)
        due = [run(publish + ["--if-due"]) for _ in range(runs)]
        sent = [s for s in due if "nothing changed" not in s.output]
        log(f"publish --if-due: {median([s.wall for s in due]):.2f} s (first publish {first.wall:.2f} s)")
        rows.append((f"`warta publish --if-due`, nothing due (local folder target), N={n:,}",
                     f"{fmt_ms(median([s.wall for s in due]))} wall" + (
                         f" (!! {len(sent)} of {len(due)} runs sent files)" if sent else ""), "-", "-"))
        notes.append(f"first `warta publish` to the empty local target (build, checks, rsync): {fmt_ms(first.wall)} wall")

        # ---- preview servers
        log("warta serve")
        w_reload, w_start, w_stop, w_text = warta_serve(warta.binary, wsite, reload_runs)
        if w_reload is None or w_stop is None:
            notes.append("warta serve: " + w_text.replace("\n", " / "))
        else:
            notes.append(f"`warta serve` took {w_stop:,} ms to exit after SIGTERM (it removes its private output folder)")
        if args.no_hugo_server:
            h_cell = "(skipped)"
        else:
            log("hugo server")
            h_runs = reload_runs if n <= 1000 else min(reload_runs, 3)  # each save is a long rebuild at 10,000
            h_total, h_start, h_wall = hugo_serve(hugo, hsite, h_runs)
            h_cell = (f"{h_total:,.0f} ms \"Total in\" median over {h_runs} saves (save to that line "
                      f"{h_wall:,.0f} ms), start-up {h_start:,.0f} ms"
                      if h_total is not None else "(failed)")
        w_cell = (f"{w_reload:,} ms median over {reload_runs} saves, start-up {w_start:,} ms"
                  if w_reload is not None else "(failed)")
        rows.append((f"`warta serve`, save to reload event, N={n:,}", w_cell,
                     f"`hugo server` fast render: {h_cell}", "-"))
        # Memory over many rebuilds in one server, on the small corpus (200 saves at 10,000 would take long).
        log("warta serve, 200 rebuilds (N=1,000)")
        growth = subprocess.run([sys.executable, os.path.join(HERE, "reload_latency.py"), warta.binary, sites[1000][0], "200"],
                                capture_output=True, text=True, timeout=1800).stdout
        rss_line = re.search(r"server RSS after the first rebuild (\d+) MiB, after rebuild 200 (\d+) MiB \(([-+0-9.]+) %\)", growth)
        rows.append(("`warta serve`, RSS over 200 rebuilds in one server, N=1,000",
                     f"{rss_line.group(1)} MiB after the first, {rss_line.group(2)} MiB after the 200th ({rss_line.group(3)} %)"
                     if rss_line else "(failed)", "-", "-"))

        # ---- the floor: copying Warta's output tree
        copies = []
        for _ in range(runs):
            copy = os.path.join(work, "cp-copy")
            shutil.rmtree(copy, ignore_errors=True)
            copies.append(run(["cp", "-r", wout, copy]))
        shutil.rmtree(os.path.join(work, "cp-copy"), ignore_errors=True)
        rows.append((f"`cp -r` of Warta's output tree (floor for file creation), N={n:,}",
                     f"{fmt_ms(median([s.wall for s in copies]))} wall", "", ""))

        # ---- what each wrote (the edits above changed bytes, not which files there are)
        w_kinds, w_files, w_html, w_bytes = classify(wout, WARTA_KINDS)
        h_kinds, h_files, h_html, h_bytes = classify(hout, HUGO_KINDS)

        # ---- print
        print()
        print(f"Warta vs Hugo: {n:,}-item corpus (bench/gen_corpus.py), medians of {runs} rounds "
              f"(full builds of 1,000: {max(runs, 5)}); "
              f"{os.cpu_count()} cores; {hugo.version().split(' BuildDate')[0]}; files under {os.path.dirname(work)}")
        print()
        widths = [max(len(r[i]) for r in rows + [("work", "Warta", "Hugo", "ratio (Warta ÷ Hugo)")]) for i in range(4)]
        header = ("work", "Warta", "Hugo", "ratio (Warta ÷ Hugo)")
        print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
        print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
        for r in rows:
            print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
        print()
        for note in notes:
            print("- " + note)
        print(f"- files written, N={n:,}: Warta {w_files:,} files ({w_html:,} .html pages, {w_bytes / 2**20:,.0f} MiB); "
              f"Hugo {h_files:,} files ({h_html:,} .html pages, {h_bytes / 2**20:,.0f} MiB)")
        for name, kinds in (("Warta", w_kinds), ("Hugo", h_kinds)):
            print(f"  {name}: " + ", ".join(f"{v:,} {k}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])))
        only_warta = [k for k in w_kinds if k not in h_kinds]
        only_hugo = [k for k in h_kinds if k not in w_kinds]
        print("- what differs: both write one page per item "
              f"(Warta {w_kinds.get('item pages', 0):,}, Hugo {h_kinds.get('item pages', 0):,}), paginated lists "
              "(10 per page) per section, tag and department, tag and department indexes, one RSS feed of the 20 "
              "newest items with full content, and sitemap.xml, from the same Markdown. "
              f"Only Warta writes: {', '.join(f'{w_kinds[k]:,} {k}' for k in sorted(only_warta, key=lambda k: -w_kinds[k])) or 'nothing else'}; "
              "its home shows the latest releases and upcoming events (not every item paginated), events are "
              "split into upcoming and past (agenda/arsip/), and releases get yearly archives; its pages are "
              "heavier (JSON-LD, breadcrumbs, the full theme). "
              f"Only Hugo writes: {', '.join(f'{h_kinds[k]:,} {k}' for k in only_hugo) or 'nothing else'}; "
              "its home paginates every item, and its templates are minimal (bench/hugo-site/).")
        print(f"- total bench time {time.perf_counter() - began:,.0f} s")
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
