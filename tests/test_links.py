"""kb links: broken source URLs are reported at their line of sources.csv."""

from __future__ import annotations

import functools
import http.server
import threading

from conftest import build_package

from kb.links import check, status
from kb.validation.descriptor import read_package
from kb.validation.reader import read_table


def sources_table(package):
    resource = read_package(package).resource("sources")
    table, _ = read_table(resource, package / "sources.csv", "sources.csv")
    return table


def test_broken_urls_are_located(tmp_path) -> None:
    package = build_package(tmp_path / "data")
    answers = {"https://acme.example.org/docs/": 200, "https://globex.example.org/news/acme": 404}
    issues = check(sources_table(package), fetch=answers.__getitem__)
    assert [(issue.path, issue.line, issue.column, issue.code) for issue in issues] == [
        ("sources.csv", 3, 2, "broken-link")
    ]
    assert "answered 404" in issues[0].message


def test_status_reads_real_answers(tmp_path) -> None:
    (tmp_path / "here.html").write_text("ok")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert status(f"{base}/here.html") == 200
        assert status(f"{base}/gone.html") == 404
    finally:
        server.shutdown()
        server.server_close()
    assert isinstance(status(f"{base}/after-shutdown"), str)  # refused: the reason, not a crash
