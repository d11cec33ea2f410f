"""Markup for generated pages, built only from values escaped by kb.escaping."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from kb.escaping import safe_url, text
from kb.frames import partial


def href(url: object) -> str:
    """An escaped attribute value for href or src: empty unless the URL is http, https, mailto or relative."""
    return text(safe_url(url) or "")


def link(url: object, label: object) -> str:
    """A link, or the bare label when the URL is not http, https, mailto or relative."""
    return f'<a href="{href(url)}">{text(label)}</a>' if safe_url(url) is not None else text(label)


def date(row: pd.Series | dict, column: str) -> str:
    """A partial date shown at its precision (2014, 2014-07 or 2014-07-01); empty when missing."""
    value = partial(row, column)
    return "" if value is None else str(value)


def apart(elements: Iterable[str]) -> str:
    """Sibling elements (cells, rows, items) a space apart: layout ignores the space, and the search
    index, which keeps text without its tags, then does not run one element's words into the next's."""
    return " ".join(elements)


def table(headers: list[str], rows: list[list[str]], css: str = "") -> str:
    """An HTML table from already-escaped cells, on one block with no blank lines. A column whose
    cells are all empty is left out."""
    if rows:
        kept = [i for i in range(len(headers)) if any(row[i].strip() for row in rows)]
        headers, rows = [headers[i] for i in kept], [[row[i] for i in kept] for row in rows]
    head = apart(f"<th>{cell}</th>" for cell in headers)
    body = apart("<tr>" + apart(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return (
        f'<table class="kb-table {css}">'
        + apart([f"<thead><tr>{head}</tr></thead>", f"<tbody>{body}</tbody>"])
        + "</table>"
    )


class Citations:
    """Numbered citations of one page: [n] markers in the text, the list of sources at the end."""

    def __init__(self, sources: dict[str, dict]) -> None:
        self.sources = sources
        self.order: list[str] = []

    def cite(self, source: str, quote: object = None) -> str:
        """The marker of ``source``; hovering it shows the fact's quote, or the source's title."""
        if source not in self.order:
            self.order.append(source)
        number = self.order.index(source) + 1
        hint = text(quote) or text(self.sources[source]["title"])
        return f'<sup class="kb-cite"><a href="#ref-{number}" title="{hint}">[{number}]</a></sup>'

    def html(self) -> str:
        items = []
        for number, source in enumerate(self.order, start=1):
            row = self.sources[source]
            published = f", {date(row, 'published')}" if pd.notna(row["published"]) else ""
            items.append(
                f'<li id="ref-{number}"><a href="{href(row["url"])}" rel="nofollow noopener">{text(row["title"])}</a>. '
                f"{text(row['publisher'])}{published}; accessed {row['accessed'].date().isoformat()}. "
                f'<span class="kb-source-type">{text(row["type"])}</span></li>'
            )
        # the titles of the sources are not what readers search for: out of the search index
        return '<ol class="kb-references" data-search-exclude="sources">' + "".join(items) + "</ol>"
