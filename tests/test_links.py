"""kb links: broken source URLs are reported at their line of sources.csv."""

from __future__ import annotations

import functools
import http.server

from conftest import build_package, serving

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


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def test_status_reads_real_answers(tmp_path) -> None:
    (tmp_path / "here.html").write_text("ok")
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    with serving(handler) as server:
        assert status(f"{server.base}/here.html") == 200
        assert status(f"{server.base}/gone.html") == 404
    assert isinstance(status(f"{server.base}/after-shutdown"), str)  # refused: the reason, not a crash
