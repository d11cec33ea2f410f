"""A local HTTP server standing in for every feed host: it serves tests/fixtures/feeds/<host>/<path>."""

from __future__ import annotations

import csv
import http.server
import io
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import serving

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"
WIKIDATA = "www.wikidata.org/w/wbgetentities-Q6-Q42.json"


@contextmanager
def feed_server(
    statuses: dict[str, int] | None = None, bodies: dict[str, str] | None = None, delays: dict[str, float] | None = None
) -> Iterator:
    """Serve the recorded payloads; ``statuses``, ``bodies`` and ``delays`` (seconds before answering)
    override the answer for a path prefix.
    The server records (path, headers) of every request in ``asked``. wbgetentities requests that
    name Q42 get the recorded Wikidata answer."""
    asked: list[tuple[str, dict[str, str]]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urllib.parse.urlsplit(self.path)
            asked.append((self.path, dict(self.headers)))
            path = parts.path.lstrip("/")
            for prefix, seconds in (delays or {}).items():
                if path.startswith(prefix):
                    time.sleep(seconds)
            for prefix, code in (statuses or {}).items():
                if path.startswith(prefix):
                    return self.answer(code, b"")
            for prefix, body in (bodies or {}).items():
                if path.startswith(prefix):
                    return self.answer(200, body.encode())
            if path == "www.wikidata.org/w/api.php":
                ids = urllib.parse.parse_qs(parts.query).get("ids", [""])[0].split("|")
                path = WIKIDATA if "Q42" in ids else "none"
            file = FEEDS / path / "index.json" if path.endswith("/") else FEEDS / path
            if file.is_file():
                return self.answer(200, file.read_bytes())
            return self.answer(404, b"not found")

        def answer(self, code: int, body: bytes) -> None:
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    with serving(Handler) as server:
        server.asked = asked
        yield server


def add_rows(file: Path, rows: list[dict[str, str]]) -> None:
    """Append rows to a CSV file, in its header's order."""
    with file.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header, lineterminator="\n")
    writer.writerows({name: row.get(name, "") for name in header} for row in rows)
    with file.open("a", encoding="utf-8", newline="") as handle:
        handle.write(buffer.getvalue())


def read_rows(file: Path) -> list[dict[str, str]]:
    with file.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
