"""Safe text for generated pages: every value from the CSVs passes through here."""

from __future__ import annotations

import html
import re

import pandas as pd

from kb.dates import format_partial

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def text(value: object) -> str:
    """HTML-escaped text; missing values become the empty string."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value), quote=True)


def inline(value: object) -> str:
    """Text safe in a Markdown line (a heading, a list item): escaped for HTML and for Markdown."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text(value))


def link(href: str, label: object) -> str:
    return f'<a href="{text(href)}">{text(label)}</a>'


def date(row: pd.Series | dict, column: str) -> str:
    """A partial date shown at its precision (2014, 2014-07 or 2014-07-01); empty when missing."""
    value = row[column]
    if pd.isna(value):
        return ""
    return format_partial(value.date(), row[f"{column}_precision"])


def table(headers: list[str], rows: list[list[str]], css: str = "") -> str:
    """An HTML table from already-escaped cells, on one block with no blank lines."""
    head = "".join(f"<th>{cell}</th>" for cell in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
