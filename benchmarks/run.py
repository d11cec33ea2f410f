"""Measure the knowledge base's speed and weight targets, side by side, and print a table.

Run on demand (``make bench``), never as part of ``make test``. It needs the project's venv and
Debian's chromium. Each figure is the median of several runs where a run takes seconds; the
targets come from the project's issues:

- validation under 1.0 s on the real data and under 5 s on 100 times the data (process start
  included), growing linearly;
- every check O(n log n) or better: 20,000 events of one distro validate in under 2 s, 3,199
  two-cycles in lineage in under 5 s;
- a clean site build at most 1.3 times the floor (the same notebooks run with nbclient alone);
- a rebuild with nothing changed at most 25% of a clean build;
- after a one-row CSV change the rebuilt page shows the new value;
- under ``mkdocs serve`` a CSV edit shows on the page within 10 s, and on the notebook pages that
  read the table within 15 s (edits made to a server at rest, its kernels warm);
- notebook pages at most 150 KB of HTML, a first visit at most 2 MB, charts drawn within 1 s.
"""

from __future__ import annotations

import contextlib
import csv
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATA = ROOT / "data"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import crowded_events, lineage_cycles, scale  # noqa: E402

from kb import dates  # noqa: E402
from kb.site.kernels import WarmKernels  # noqa: E402
from kb.site.notebooks import execute  # noqa: E402

ENV = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
UPDATING = 'admonition-title">Updating'  # the banner on a notebook page whose run is not over
LIVERELOAD = re.compile(r"livereload\([0-9.]+, [0-9]+\);")
rows: list[tuple[str, str, str, str]] = []  # (measure, figure, target, verdict)


def record(measure: str, figure: str, target: str = "", ok: bool | None = None) -> None:
    rows.append((measure, figure, target, "" if ok is None else ("met" if ok else "MISSED")))
    print(f"  {measure}: {figure}", flush=True)


def timed(command: list[str], runs: int = 1, exits: tuple[int, ...] = (0,), **environment: str) -> list[float]:
    """Wall-clock seconds of ``command`` as a whole process, ``runs`` times; it must end with one of ``exits``."""
    return [run_once(command, exits, **environment)[0] for _ in range(runs)]


def run_once(command: list[str], exits: tuple[int, ...] = (0,), **environment: str) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user and system) of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=ENV | environment, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert result.returncode in exits, result.stderr.decode(errors="replace")[-2000:]
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def build(site: Path, data: Path, cache: Path) -> float:
    return timed([str(BIN / "mkdocs"), "build", "--site-dir", str(site)], KB_DATA=str(data), KB_CACHE=str(cache))[0]


def bench_validation(work: Path) -> None:
    print("validation", flush=True)
    per_row = {}
    for factor, limit in ((1, 1.0), (10, None), (100, 5.0)):
        data = DATA if factor == 1 else work / f"x{factor}"
        count = scale(DATA, data, factor) if factor > 1 else None
        seconds = statistics.median(timed([str(BIN / "kb"), "validate", str(data)], runs=5))
        from kb.validation import validate

        report = validate(data)
        count = report.rows
        per_row[factor] = seconds / count
        target = f"< {limit:.1f} s" if limit else ""
        ok = (seconds < limit and report.ok) if limit else report.ok
        record(f"kb validate, x{factor} ({count} rows, {len(report.issues)} errors)", f"{seconds:.2f} s", target, ok)
    growth = per_row[100] / per_row[10]
    record("validation cost per row, x100 against x10", f"{growth:.2f}x", "about 1 (linear)", 0.5 < growth < 1.5)


def bench_worst_cases(work: Path) -> None:
    """Shapes of data that once made a check quadratic: many events in one group, many cycles."""
    print("checks at scale", flush=True)
    from kb.validation import validate

    base = Counter(issue.code for issue in validate(DATA).issues)
    cases = [
        ("20,000 events of one distro", crowded_events, 20_000, 2.0, Counter()),
        ("3,199 two-cycles in lineage", lineage_cycles, 3_199, 5.0, Counter({"lineage-cycle": 3_199})),
    ]
    for name, make, count, limit, expected in cases:
        data = work / make.__name__
        make(DATA, data, count)
        runs = [run_once([str(BIN / "kb"), "validate", str(data)], exits=(0, 1)) for _ in range(3)]
        wall, cpu = (statistics.median(figures) for figures in zip(*runs, strict=True))
        found = Counter(issue.code for issue in validate(data).issues)
        ok = cpu < limit and found - base == expected  # CPU time: a busy machine neither hides nor fakes the cost
        figure = f"{cpu:.2f} s CPU ({wall:.2f} s wall)"
        record(f"kb validate, {name} ({sum(found.values())} errors)", figure, f"< {limit:.0f} s", ok)


def bench_builds(work: Path) -> None:
    print("site builds", flush=True)
    notebooks = sorted((ROOT / "notebooks").glob("*.py"))
    start = time.perf_counter()
    for notebook in notebooks:
        error = execute(notebook, work / f"{notebook.stem}.ipynb", WarmKernels(0, notebook.parent, dates.today(), DATA))
        assert error is None, error
    floor = time.perf_counter() - start
    record(f"floor: {len(notebooks)} notebooks run one by one with nbclient", f"{floor:.1f} s")

    cache = work / "cache"
    clean = build(work / "site", DATA, cache)
    record("clean build (empty caches)", f"{clean:.1f} s ({clean / floor:.2f} x floor)", "<= 1.3 x floor",
           clean <= 1.3 * floor)  # fmt: skip
    warm = statistics.median(build(work / "site", DATA, cache) for _ in range(3))
    record("rebuild with nothing changed", f"{warm:.1f} s ({warm / clean:.0%} of clean)", "<= 25%",
           warm <= 0.25 * clean)  # fmt: skip

    data = work / "data-edited"
    shutil.copytree(DATA, data)
    text = (data / "distros.csv").read_text(encoding="utf-8")
    (data / "distros.csv").write_text(text.replace(",Talos Linux,", ",Talos Linux (edited),"), encoding="utf-8")
    edited_cache = work / "cache-edited"  # keep the first cache for the live-reload run
    shutil.copytree(cache, edited_cache)
    changed = build(work / "site-edited", data, edited_cache)
    shows = all(
        "Talos Linux (edited)" in (work / "site-edited" / page / "index.html").read_text(encoding="utf-8")
        for page in ("distros/talos", "notebooks/02-timeline")
    )
    record("rebuild after a one-row CSV change", f"{changed:.1f} s; new value on the pages: {shows}", "shows", shows)

    # Incremental: a runtime row reruns only the notebooks that declare distro_runtimes.
    data = work / "data-runtime"
    shutil.copytree(DATA, data)
    edit_runtime_row(data)
    runtime_cache = work / "cache-runtime"
    shutil.copytree(cache, runtime_cache)
    changed = build(work / "site-runtime", data, runtime_cache)
    record("rebuild after a one-row distro_runtimes change", f"{changed:.1f} s ({changed / clean:.2f} x clean)",
           "<= 0.6 x clean", changed <= 0.6 * clean)  # fmt: skip


def edit_runtime_row(data: Path) -> None:
    """Change one row of distro_runtimes as the runtimes grid shows it: an optional runtime becomes included."""
    path = data / "distro_runtimes.csv"
    with open(path, newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        header, rows = reader.fieldnames, list(reader)
    row = next(row for row in rows if row["support"] == "optional")
    row["support"] = "included"
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(url: str, done, timeout: float) -> float | None:
    """Seconds until ``url`` serves a page for which ``done(page)`` holds, or None."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            if done(fetch(url)):
                return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.2)
    return None


def cpu_seconds(pid: int) -> float:
    """The CPU seconds used so far by process ``pid`` and its children (the kernels), those that
    ended included (their time moves to the parent that waited for them)."""
    server, total = psutil.Process(pid), 0.0
    for process in [server, *server.children(recursive=True)]:
        with contextlib.suppress(psutil.NoSuchProcess):  # a kernel may end meanwhile
            times = process.cpu_times()
            total += times.user + times.system + times.children_user + times.children_system
    return total


def wait_at_rest(pid: int, timeout: float = 180) -> None:
    """Wait until the server and its kernels use under a tenth of a core over a second: its
    kernels are warm, and it is ready for the next edit."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        before = cpu_seconds(pid)
        time.sleep(1)
        if cpu_seconds(pid) - before < 0.1:
            return
    raise AssertionError("mkdocs serve did not come to rest")


def settled(text: str):
    """A page that shows ``text`` and is not marked as updating."""
    return lambda page: text in page and UPDATING not in page


def bench_live_reload(work: Path) -> None:
    print("live reload", flush=True)
    data, cache = work / "data-live", work / "cache-live"
    shutil.copytree(DATA, data)
    shutil.copytree(work / "cache", cache)
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, env=ENV | {"KB_DATA": str(data), "KB_CACHE": str(cache)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/"
    try:
        started = wait_until(base + "distros/talos/", settled("Talos Linux"), 120)
        assert started is not None, "mkdocs serve did not start"
        wait_at_rest(server.pid)
        naming = [f"{base}notebooks/{n.stem}/" for n in sorted((ROOT / "notebooks").glob("*.py"))]
        naming = [url for url in naming if "Talos Linux" in fetch(url)]
        text = (data / "distros.csv").read_text(encoding="utf-8")
        edited = time.perf_counter()
        (data / "distros.csv").write_text(text.replace(",Talos Linux,", ",Talos Linux (live),"), encoding="utf-8")
        page = wait_until(base + "distros/talos/", settled("Talos Linux (live)"), 120)
        # every notebook page that named Talos names it anew (polled one after the other)
        notebooks = [wait_until(url, settled("Talos Linux (live)"), 240) for url in naming]
        notebook = time.perf_counter() - edited if None not in notebooks else None
        before = fetch(base + "notebooks/03-runtimes/")
        wait_at_rest(server.pid)
        edit_runtime_row(data)
        runtime = wait_until(base + "notebooks/03-runtimes/", lambda now: now != before and UPDATING not in now, 120)
    finally:
        server.terminate()
        server.wait(timeout=30)
    record("mkdocs serve: CSV edit on the distro page", f"{page:.1f} s" if page else "never", "< 10 s",
           page is not None and page < 10)  # fmt: skip
    record(f"mkdocs serve: same edit on the {len(naming)} notebook pages naming Talos",
           f"{notebook:.1f} s" if notebook else "never", "< 15 s", notebook is not None and notebook < 15)  # fmt: skip
    record("mkdocs serve: a distro_runtimes edit on the runtimes notebook", f"{runtime:.1f} s" if runtime else "never",
           "< 15 s", runtime is not None and runtime < 15)  # fmt: skip


def fetch(url: str) -> str:
    """The page at ``url``, without the live-reload call that mkdocs serve stamps on each response."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return LIVERELOAD.sub("", response.read().decode("utf-8", "replace"))


def bench_pages(work: Path) -> None:
    print("page weight", flush=True)
    from playwright.sync_api import sync_playwright

    site = work / "site"
    handler = ["-m", "http.server", "--bind", "127.0.0.1", "--directory", str(site)]
    port = free_port()
    server = subprocess.Popen([sys.executable, *handler, str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    time.sleep(1)
    results = []
    try:
        with sync_playwright() as driver:
            browser = driver.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
            )
            for html in sorted(site.rglob("index.html")):
                folder = html.relative_to(site).parent.as_posix()
                path = "" if folder == "." else folder + "/"  # the home page is the empty path
                context = browser.new_context()
                page = context.new_page()
                sizes = []
                page.on("requestfinished", lambda request, sizes=sizes: sizes.append(request.sizes()))
                page.goto(f"http://127.0.0.1:{port}/{path}", wait_until="load")
                charts = page.locator(".vega-embed").count()
                drawn = None
                if charts:
                    page.wait_for_function(
                        "n => document.querySelectorAll('.vega-embed svg.marks').length >= n", arg=charts
                    )
                    drawn = page.evaluate(
                        "[performance.now(), performance.getEntriesByType('navigation')[0].loadEventEnd]"
                    )
                    drawn = (drawn[0] / 1000, (drawn[0] - drawn[1]) / 1000)  # from navigation start, from load
                page.wait_for_load_state("networkidle")
                transfer = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes)
                results.append((path, html.stat().st_size, transfer, charts, drawn))
                context.close()
            browser.close()
    finally:
        server.terminate()
    notebooks = [r for r in results if r[0].startswith("notebooks/")]
    heaviest_html = max(notebooks, key=lambda r: r[1])
    heaviest = max(results, key=lambda r: r[2])
    slowest = max((r for r in results if r[4] is not None), key=lambda r: r[4][1])
    record(f"heaviest notebook page HTML (/{heaviest_html[0]})", f"{heaviest_html[1] / 1000:.0f} KB", "<= 150 KB",
           heaviest_html[1] <= 150_000)  # fmt: skip
    record(f"heaviest first visit (/{heaviest[0]})", f"{heaviest[2] / 1e6:.2f} MB", "<= 2 MB", heaviest[2] <= 2e6)
    record(f"slowest charts (/{slowest[0]}, {slowest[3]} charts)", f"drawn {slowest[4][1]:.2f} s after load "
           f"({slowest[4][0]:.2f} s after navigation start)", "<= 1 s of load", slowest[4][1] <= 1.0)  # fmt: skip
    for path, html, transfer, charts, drawn in sorted(results, key=lambda r: -r[2])[:5]:
        record(f"  page /{path}", f"HTML {html / 1000:.0f} KB, transfer {transfer / 1e6:.2f} MB, "
               f"{charts} charts" + (f" drawn {drawn[1]:.2f} s after load" if drawn else ""))  # fmt: skip


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        bench_validation(work)
        bench_worst_cases(work)
        bench_builds(work)
        bench_live_reload(work)
        bench_pages(work)
    width = max(len(row[0]) for row in rows)
    print(f"\n{'measure'.ljust(width)}  {'figure':<40}  {'target':<16}  verdict")
    for measure, figure, target, verdict in rows:
        print(f"{measure.ljust(width)}  {figure:<40}  {target:<16}  {verdict}")
    return 0 if all(row[3] != "MISSED" for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
