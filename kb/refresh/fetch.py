"""Reading a feed: its JSON, from the project or, for tests, from a local mirror of every host."""

from __future__ import annotations

import json
import os
import urllib.parse
from collections.abc import Mapping

from kb.evidence import download
from kb.refresh.model import FeedError

BASE_VARIABLE = "KB_FEEDS_URL"


def located(url: str, base: str | None) -> str:
    """Where to ask for ``url``: itself, or under ``base`` as BASE/host/path?query, so one local server
    can stand in for every host."""
    if not base:
        return url
    parts = urllib.parse.urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    return f"{base.rstrip('/')}/{parts.hostname}{parts.path}{query}"


def get_json(url: str, headers: Mapping[str, str], base: str | None = None) -> object:
    """The JSON document at ``url``, or FeedError saying what went wrong. Credentials go only to the
    real host, never to a stand-in under ``base``."""
    if base:
        headers = {name: value for name, value in headers.items() if name.lower() != "authorization"}
    page = download(located(url, base), headers)
    if page.text is None:
        raise FeedError(page.error)
    try:
        return json.loads(page.text)
    except json.JSONDecodeError as error:
        raise FeedError(f"is not JSON ({error.msg} at line {error.lineno})") from None


def base_url(option: str | None) -> str | None:
    """The --feeds-url option, or the KB_FEEDS_URL variable, or None for the real hosts."""
    return option or os.environ.get(BASE_VARIABLE) or None
