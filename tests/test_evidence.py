"""kb evidence, offline: fixture pages served by a local HTTP server, a tiny data package citing them."""

from __future__ import annotations

import csv
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import build_package, serving

from kb.cli import main
from kb.evidence import Cache, Page, fetched_url, normalized, pages, plain_text

PAGES = {
    "docs.html": "<html><body><nav>menu</nav><p>The root file system is <b>mounted\n  read-only</b>"
    " at boot.</p><script>var hidden = 'not text';</script></body></html>",
    "README.md": "Updates are **atomic**: the [new image](https://example.org/x) is written to the other partition.\n",
    "guide.adoc": "== Install\n\nUse link:https://example.org/ign[Ignition configs] to provision the host.\n",
}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 serving PAGES, recording every path it is asked for."""
    root = tmp_path / "www"
    root.mkdir()
    for name, text in PAGES.items():
        (root / name).write_text(text, encoding="utf-8")
    asked: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            super().do_GET()

        def log_message(self, *args) -> None:
            pass

    with serving(functools.partial(Handler, directory=root)) as httpd:
        httpd.asked = asked
        yield httpd


def package(folder: Path, base: str, rows: list[tuple[str, str]]) -> Path:
    """The valid fixture package whose sources point at the local server and whose event rows quote
    (source, quote); the rows' line in events.csv is their position in ``rows`` plus 2."""
    build_package(folder)
    sources = [("docs", f"{base}/docs.html"), ("readme", f"{base}/README.md"), ("guide", f"{base}/guide.adoc")]
    sources.append(("gone", f"{base}/missing.html"))
    write_rows(folder / "sources.csv", [{"id": i, "url": u, "title": i, "publisher": "x"} for i, u in sources])
    events = [{"date": f"2020-01-{n + 1:02d}", "kind": "release", "subject": "acme-os", "source": source,
               "quote": quote, "basis": "stated"} for n, (source, quote) in enumerate(rows)]  # fmt: skip
    write_rows(folder / "events.csv", events)
    for table in folder.glob("*.csv"):  # no other quotes
        if table.stem not in ("sources", "events") and "quote" in table.read_text(encoding="utf-8").split("\n", 1)[0]:
            write_rows(table, [])
    return folder


def write_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, newline="", encoding="utf-8") as file:
        header = next(csv.reader(file))
    with open(path, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def run(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(["evidence", *args])
    return code, capsys.readouterr().out.splitlines()


def test_quotes_are_found_across_markup_and_whitespace(tmp_path: Path, server, capsys) -> None:
    base = server.base
    rows = [
        ("docs", "The root file system is mounted read-only at boot."),
        ("readme", "Updates are atomic: the new image is written to the other partition."),
        ("guide", "Use Ignition configs to provision the host."),
    ]
    data = package(tmp_path / "data", base, rows)
    code, lines = run(capsys, str(data), "--cache", str(tmp_path / "cache"))
    assert (code, lines) == (0, ["checked 3 quotes: 0 problems"])


def test_a_missing_quote_and_an_unreachable_page_have_their_own_codes(tmp_path: Path, server, capsys) -> None:
    base = server.base
    rows = [
        ("docs", "The root file system is read-write."),
        ("docs", "var hidden"),  # script text is not page text
        ("gone", "anything"),
        ("readme", "Updates are atomic"),
    ]
    data = package(tmp_path / "data", base, rows)
    code, lines = run(capsys, str(data), "--cache", str(tmp_path / "cache"))
    assert code == 1
    assert lines[0].startswith(f"{data}/events.csv:2:8: quote-not-found: the quote is not on {base}/docs.html (source")
    assert lines[1].startswith(f"{data}/events.csv:3:8: quote-not-found: the quote is not on {base}/docs.html (source")
    assert "fix: Copy the quote from the page again" in lines[0]
    assert lines[2].startswith(f"{data}/sources.csv:5:2: page-unreachable: {base}/missing.html answered HTTP 404")
    assert lines[-1] == "checked 4 quotes: 3 problems"


def test_pages_are_cached_and_an_offline_run_needs_no_server(tmp_path: Path, server, capsys) -> None:
    base = server.base
    data = package(tmp_path / "data", base, [("docs", "mounted read-only"), ("readme", "written to the other")])
    cache = str(tmp_path / "cache")
    assert run(capsys, str(data), "--cache", cache)[0] == 0
    first = sorted(server.asked)
    assert first == ["/README.md", "/docs.html"]
    assert run(capsys, str(data), "--cache", cache)[0] == 0
    assert sorted(server.asked) == first  # nothing fetched again
    server.shutdown()
    code, lines = run(capsys, str(data), "--cache", cache, "--offline", "--format", "github")
    assert (code, lines) == (0, ["checked 2 quotes: 0 problems"])


def test_offline_without_a_cache_reports_pages_as_unreachable(tmp_path: Path, capsys) -> None:
    data = package(tmp_path / "data", "https://example.invalid", [("docs", "x")])
    code, lines = run(capsys, str(data), "--cache", str(tmp_path / "empty"), "--offline", "--format", "github")
    assert code == 1
    assert lines[0].startswith("::error file=") and "title=page-unreachable::" in lines[0]
    assert "not in the cache" in lines[0]


def test_one_request_at_a_time_per_host() -> None:
    active: dict[str, int] = {}
    most: dict[str, int] = {}
    lock = threading.Lock()

    def fetch(url: str) -> Page:
        host = url.split("/")[2]
        with lock:
            active[host] = active.get(host, 0) + 1
            most[host] = max(most.get(host, 0), active[host])
        threading.Event().wait(0.01)
        with lock:
            active[host] -= 1
        return Page("text")

    class Memory(Cache):
        def __init__(self) -> None:
            super().__init__(Path("/nonexistent"), fetch)

        def page(self, url: str) -> Page:
            return self.fetch(url)

    urls = [f"https://host{h}.example/{n}" for h in range(3) for n in range(5)]
    assert len(pages(urls, Memory())) == 15
    assert most == {f"host{h}.example": 1 for h in range(3)}


def test_github_blob_links_are_read_as_raw_files() -> None:
    url = "https://github.com/o/r/blob/0123456789abcdef0123456789abcdef01234567/docs/a.md#L12"
    assert (
        fetched_url(url) == "https://raw.githubusercontent.com/o/r/0123456789abcdef0123456789abcdef01234567/docs/a.md"
    )
    assert fetched_url("https://example.org/page#part") == "https://example.org/page"


def test_text_reduction_folds_markup_and_typography() -> None:
    assert normalized(plain_text("It’s <em>read-only</em>&nbsp;by   default")) == "it's read-only by default"
    assert normalized(plain_text("`ostree` is **required**")) == "ostree is required"
    script = normalized(plain_text("cat <<EOF > /etc/x\n# Make <root> read-only and set up verity.\nEOF"))
    assert normalized("Make <root> read-only and set up verity.") in script  # no tags in a script
    control = normalized(plain_text("<para>x</para><!-- Use SELinux by default -->\n<lsm>"))
    assert normalized("Use SELinux by default") in control  # a source file shows its comments
