"""Notebooks as reports: one styled-table helper and Markdown findings with every value escaped."""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd
from IPython.display import Markdown

from kb.site.markup import inline, text

DISTRO_PAGE = "../distros/{}/"


def esc(value: object) -> str:
    """A value safe inside Markdown findings: HTML and Markdown link syntax escaped."""
    return inline(value)


def names(values) -> str:
    """A comma-separated list of escaped values ('none' when empty)."""
    values = list(values)
    return ", ".join(esc(v) for v in values) if values else "none"


def findings(rule: str, *lines: str) -> Markdown:
    """The findings of a section: the page's counting rule, then one bullet per (already escaped) line."""
    return Markdown("### Findings\n\n" + f"*Rule: {rule}*\n\n" + "\n".join(f"- {line}" for line in lines))


def _integral(column: pd.Series) -> bool:
    values = column.dropna()
    return pd.api.types.is_float_dtype(column) and len(values) > 0 and bool((values == values.round()).all())


def table(frame: pd.DataFrame, name: str = "name", distro: str = "distro", percent: tuple[str, ...] = ()):
    """A styled table: no index, text left-aligned, integers as integers, ``percent`` columns as
    percentages, every cell escaped; where ``frame`` has both ``name`` and ``distro`` columns the name
    links to the distribution's page and the id column is dropped."""
    data = frame.reset_index(drop=True).copy()
    linked = name in data and distro in data and name != distro
    for column in data.columns:
        if _integral(data[column]):
            data[column] = data[column].astype("Int64")
    if linked:
        data[name] = [
            f'<a href="{text(DISTRO_PAGE.format(quote(str(i))))}">{text(n)}</a>'
            for n, i in zip(data[name], data[distro], strict=True)
        ]
        data = data.drop(columns=distro)
    plain = [c for c in data.columns if not (linked and c == name)]
    styler = data.style.hide(axis="index").format(escape="html", na_rep="—", subset=plain, precision=1)
    shares = [c for c in percent if c in data]
    if shares:
        styler = styler.format("{:.0%}", subset=shares, na_rep="—")
    styler = styler.format_index(escape="html", axis=1)
    texts = [c for c in data.columns if not pd.api.types.is_numeric_dtype(data[c])]
    return styler.set_properties(subset=texts, **{"text-align": "left"}).set_table_styles(
        [{"selector": "th", "props": [("text-align", "left")]}]
    )
