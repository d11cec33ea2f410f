"""Checks of single cells: required values, types, formats, enums and unsafe text."""

from __future__ import annotations

import datetime as dt
import functools
import re
from urllib.parse import urlsplit

from kb.dates import parse_full, parse_partial
from kb.schema import Field
from kb.validation.catalogue import Issue, issue
from kb.validation.reader import Table
from kb.validation.wording import suggest

FORMULA_STARTS = ("=", "+", "-", "@")
PLAIN_URL = re.compile(r"https://[A-Za-z0-9.-]+(:[0-9]+)?([/?#][^\s]*)?")
WHITESPACE = re.compile(r"\s")
# A file on a repository branch: the text under the link moves, so a quote from it cannot be checked.
BRANCH_LINK = re.compile(
    r"https://(?:github\.com/[^/]+/[^/]+/(?:blob|tree|raw)|gitlab\.com/.+?/-/(?:blob|tree|raw)"
    r"|raw\.githubusercontent\.com/[^/]+/[^/]+)/(?:main|master|HEAD|develop|devel|development|trunk|gh-pages)(?:[/#?]|$)"
)


def check_cells(table: Table, today: dt.date) -> list[Issue]:
    """Check every cell of ``table`` against its field's constraints. Column by column, each distinct
    value is judged once: ids, enums, dates and sources repeat down a column."""
    issues: list[Issue] = []
    for field in table.resource.fields:
        if field.name not in table.columns:
            continue
        column, looks_fine = table.columns[field.name], _quick_check(field, today)
        values = [row.cells[field.name] for row in table.rows]
        suspect = {
            value
            for value in set(values)
            if not (value and value.isprintable() and value == value.strip() and looks_fine(value))
        }
        if not suspect:
            continue  # most columns: every value passes the quick check
        for row, value in zip(table.rows, values, strict=True):
            if value not in suspect:
                continue
            if value:
                for code, message in _problems(field, value, row.cells, today):
                    issues.append(issue(table.path, row.line, column, code, message))
            elif field.required:
                issues.append(issue(table.path, row.line, column, "required", f"{field.name} is required"))
    return issues


def _quick_check(field: Field, today: dt.date):
    """A fast test of a printable, trimmed value: true only when ``_problems`` would report
    nothing. Where it cannot tell (a date after today may be allowed by its row), it says false
    and lets ``_problems`` decide. The common kinds get a test that runs in C."""
    if field.max_length is None:
        if field.enum:  # the schema's own values: none starts like a formula
            return frozenset(field.enum).__contains__
        if field.is_date:  # starts with a digit, so never a formula
            return functools.lru_cache(maxsize=8192)(lambda value: not any(_date_problems(field, value, {}, today)))
        if field.is_url:  # starts with https://, and not a file on a branch
            return lambda value: PLAIN_URL.fullmatch(value) is not None and BRANCH_LINK.match(value) is None
    if field.enum or field.is_date or field.is_url:  # the same kinds with a length limit: rare
        return lambda value: not any(_problems(field, value, {}, today))
    pattern, limit = field.pattern, field.max_length

    def plain(value: str) -> bool:
        return (
            not value.startswith(FORMULA_STARTS)
            and (limit is None or len(value) <= limit)
            and (pattern is None or pattern.fullmatch(value) is not None)
        )

    return plain


def _problems(field: Field, value: str, row: dict[str, str], today: dt.date):
    """Yield (code, message) for each problem of a non-empty cell."""
    if not value.isprintable():
        if any("\udc80" <= char <= "\udcff" for char in value):
            yield "undecodable-bytes", f"{field.name} holds bytes that are not UTF-8"
            return
        bad = next(char for char in value if not char.isprintable())
        yield "control-character", f"{field.name} holds the invisible character U+{ord(bad):04X}"
    if value != value.strip():
        yield "surrounding-whitespace", f"{field.name} starts or ends with whitespace: {value!r}"
    if value.startswith(FORMULA_STARTS):
        yield "formula-cell", f"{field.name} starts with {value[0]!r}, which spreadsheets run as a formula"
    if field.max_length is not None and len(value) > field.max_length:
        yield "too-long", f"{field.name} has {len(value)} characters; at most {field.max_length} are allowed"
    if field.enum:
        if value not in field.enum:
            allowed = ", ".join(field.enum)
            yield "not-in-enum", f"{value!r} is not one of {allowed}{suggest(value, field.enum)}"
    elif field.is_date:
        yield from _date_problems(field, value, row, today)
    elif field.is_url:
        yield from _url_problems(field, value, row)
    elif field.pattern and not field.pattern.fullmatch(value):
        yield "pattern-mismatch", f"{value!r} is not a valid {field.name}: it must match {field.pattern.pattern}"


def _date_problems(field: Field, value: str, row: dict[str, str], today: dt.date):
    try:
        start = parse_partial(value).start if field.partial_date else parse_full(value)
    except ValueError as error:
        yield "invalid-date", f"{field.name}: {error}"
        return
    if start > today and not field.allows_future(row):
        yield "future-date", f"{field.name} {value} lies in the future"


def _url_problems(field: Field, value: str, row: dict[str, str]):
    if value.startswith("http://") and row.get("note"):  # a page with no https address, as the note says
        value = "https://" + value.removeprefix("http://")
    if not value.startswith("https://"):
        yield "insecure-url", f"{field.name} must start with https:// ({value[:40]!r} does not)"
        return
    if BRANCH_LINK.match(value):
        yield "unpinned-link", f"{field.name} {value[:80]!r} links a file on a branch, whose text can change"
        return
    if PLAIN_URL.fullmatch(value):
        return  # the common case, decided without parsing
    try:
        host = urlsplit(value).hostname
    except ValueError:  # such as an unclosed IPv6 bracket
        host = None
    if not host or WHITESPACE.search(value):
        yield "invalid-url", f"{field.name} {value!r} has no valid host or holds spaces"
