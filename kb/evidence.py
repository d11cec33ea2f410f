"""The quote checker: does each row's quote stand on the page its source links to?

Pages are fetched one at a time per host (hosts in parallel), with a timeout, and kept in a cache
folder, so a second run reads nothing from the network. HTML, Markdown and AsciiDoc are reduced to
plain text, and quotes are compared with whitespace, case and markup ignored.
"""

from __future__ import annotations

import hashlib
import html
import re
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kb.validation.catalogue import Issue, issue
from kb.validation.reader import Table

TIMEOUT = 30
MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = "container-os-kb evidence check"
MARKUP = re.compile(
    r"</?(?:html|body|div|p|span|a|b|i|em|strong|code|pre|li|ul|table|td|br|para|section|literal|title)\b[^<>]*>", re.I
)
GITHUB_BLOB = re.compile(r"https://(?:www\.)?github\.com/([^/]+)/([^/]+)/blob/(.+)")


@dataclass(frozen=True)
class Page:
    """A fetched page: its text, or why it could not be had."""

    text: str | None
    error: str = ""


def fetched_url(url: str) -> str:
    """The address to download for a cited URL: the raw file for a GitHub blob link, no fragment."""
    url = url.split("#", 1)[0]
    if match := GITHUB_BLOB.fullmatch(url):
        owner, repo, rest = match.groups()
        return f"https://raw.githubusercontent.com/{owner}/{repo}/{rest}"
    return url


class _TextOfHtml(HTMLParser):
    SKIPPED = frozenset({"script", "style", "noscript", "template", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        self.skipping += tag in self.SKIPPED
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.skipping -= tag in self.SKIPPED and self.skipping > 0
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)

    def handle_comment(self, data: str) -> None:  # a source file shows its comments
        self.parts.append(f" {data} ")


def plain_text(content: str) -> str:
    """The words of an HTML, XML, Markdown or AsciiDoc page, markup removed (a script or a source
    file without markup is left as it is: its ``<`` are not tags)."""
    if MARKUP.search(content):
        parser = _TextOfHtml()
        parser.feed(content)
        parser.close()
        content = "".join(parser.parts)
    content = html.unescape(content)
    content = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", content)  # Markdown links and images
    content = re.sub(r"\b(?:link|xref|https?):[^\s\[]*\[([^\]]*)\]", r"\1", content)  # AsciiDoc links
    return content


def normalized(text: str) -> str:
    """Text for comparison: markup characters and typographic quotes folded, whitespace collapsed."""
    text = text.translate(str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "}))
    text = re.sub(r"[*_`#>|\\\[\]]|\+{2,}|={2,}", "", text)
    return " ".join(text.split()).casefold()


def download(url: str, headers: Mapping[str, str] | None = None) -> Page:
    """GET ``url`` with a timeout and a size limit, and any extra request ``headers``."""
    request = urllib.request.Request(fetched_url(url), headers={"User-Agent": USER_AGENT, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            body = response.read(MAX_BYTES + 1)
            charset = response.headers.get_content_charset() or "utf-8"
    except urllib.error.HTTPError as error:
        return Page(None, f"answered HTTP {error.code}")
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        return Page(None, str(getattr(error, "reason", error)))
    if len(body) > MAX_BYTES:
        return Page(None, f"is larger than {MAX_BYTES} bytes")
    return Page(body.decode(charset, "replace"))


class Cache:
    """Pages kept on disk by URL, so that a rerun needs no network; ``offline`` reads the cache only."""

    def __init__(self, folder: Path, fetch: Callable[[str], Page] = download, offline: bool = False) -> None:
        self.folder, self.fetch, self.offline = folder, fetch, offline

    def page(self, url: str) -> Page:
        file = self.folder / hashlib.sha256(url.encode()).hexdigest()
        if file.is_file():
            return Page(file.read_text(encoding="utf-8"))
        if self.offline:
            return Page(None, "is not in the cache (offline run)")
        page = self.fetch(url)
        if page.text is not None:
            self.folder.mkdir(parents=True, exist_ok=True)
            file.write_text(page.text, encoding="utf-8")
        return page


def pages(urls: Iterable[str], cache: Cache, workers: int = 4) -> dict[str, Page]:
    """Every URL's page: one request at a time per host, hosts side by side."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for url in sorted(set(urls)):
        by_host[urllib.parse.urlsplit(fetched_url(url)).hostname or ""].append(url)

    def one_host(host_urls: list[str]) -> dict[str, Page]:
        return {url: cache.page(url) for url in host_urls}

    found: dict[str, Page] = {}
    with ThreadPoolExecutor(workers) as pool:
        for result in pool.map(one_host, by_host.values()):
            found |= result
    return found


def check(tables: Iterable[Table], sources: Table, cache: Cache) -> list[Issue]:
    """``quote-not-found`` at each quote missing from its page; ``page-unreachable`` at each source
    row whose page could not be had (its quotes are then not judged)."""
    urls = {row.cells["id"]: row.cells["url"] for row in sources.rows}
    quoted = [
        (table, row)
        for table in tables
        for row in table.rows
        if row.cells.get("quote") and row.cells.get("source") in urls
    ]
    found = pages((urls[row.cells["source"]] for _, row in quoted), cache)
    texts = {url: normalized(plain_text(page.text)) for url, page in found.items() if page.text is not None}
    issues = [
        issue(
            sources.path,
            row.line,
            sources.columns.get("url", 1),
            "page-unreachable",
            f"{row.cells['url']} {page.error}",
        )
        for row in sources.rows
        if (page := found.get(row.cells["url"])) is not None and page.text is None
    ]
    for table, row in quoted:
        url = urls[row.cells["source"]]
        if url in texts and normalized(plain_text(row.cells["quote"])) not in texts[url]:
            issues.append(
                issue(
                    table.path,
                    row.line,
                    table.columns.get("quote", 1),
                    "quote-not-found",
                    f"the quote is not on {url} (source {row.cells['source']})",
                )
            )
    return sorted(issues)
