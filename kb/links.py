"""Checking that every source URL still answers. Run on a schedule, never in a pull request: the
network is flaky, and a contributor should not be blocked by someone else's server."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from kb.validation.catalogue import Issue, issue
from kb.validation.reader import Table

TIMEOUT = 20
USER_AGENT = "container-os-kb link check (+https://github.com/)"


def status(url: str) -> int | str:
    """The HTTP status of ``url`` (following redirects), or the error that kept it from answering."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT}, method="GET")
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        return str(getattr(error, "reason", error))


def check(sources: Table, fetch: Callable[[str], int | str] = status, workers: int = 8) -> list[Issue]:
    """A ``broken-link`` issue for each source whose URL does not answer 2xx, at its row of sources.csv."""
    rows = [row for row in sources.rows if row.cells.get("url")]
    with ThreadPoolExecutor(workers) as pool:
        answers = list(pool.map(lambda row: fetch(row.cells["url"]), rows))
    column = sources.columns.get("url", 1)
    return [
        issue(sources.path, row.line, column, "broken-link", f"{row.cells['url']} answered {answer}")
        for row, answer in zip(rows, answers, strict=True)
        if not (isinstance(answer, int) and 200 <= answer < 300)
    ]
