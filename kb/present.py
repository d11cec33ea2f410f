"""Notebooks as reports: one styled-table helper and Markdown findings with every value escaped."""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd
from IPython.display import HTML, Markdown

from kb.escaping import text
from kb.site.markup import link
from kb.site.markup import table as markup_table

DISTRO_PAGE = "../../distros/{}/"  # from a notebook page, notebooks/<name>/


def esc(value: object) -> str:
    """A value safe inside Markdown findings: HTML and Markdown link syntax escaped."""
    return text(value)


def names(values) -> str:
    """A comma-separated list of escaped values ('none' when empty)."""
    values = list(values)
    return ", ".join(esc(v) for v in values) if values else "none"


def findings(rule: str, *lines: str) -> Markdown:
    """The findings of a section: the page's counting rule, then one bullet per (already escaped) line."""
    return Markdown("### Findings\n\n" + f"*Rule: {rule}*\n\n" + "\n".join(f"- {line}" for line in lines))


def _cell(value: object, percent: bool) -> str:
    """One escaped cell; numbers right-aligned (wrapped in kb-num), integers without a decimal point."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    if isinstance(value, bool):
        return text("yes" if value else "no")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if percent:
            shown = f"{value:.0%}"
        elif float(value).is_integer():
            shown = f"{int(value)}"
        else:
            shown = f"{value:.1f}"
        return f'<span class="kb-num">{shown}</span>'
    return text(value)


def table(frame: pd.DataFrame, name: str = "name", distro: str = "distro", percent: tuple[str, ...] = ()) -> HTML:
    """A report table: no index, text left-aligned, numbers right-aligned, integers as integers,
    ``percent`` columns as percentages, every cell escaped; where ``frame`` has both ``name`` and
    ``distro`` columns, the name links to the distribution's page and the id column is dropped."""
    data = frame.reset_index(drop=True)
    linked = name in data and distro in data and name != distro
    columns = [c for c in data.columns if not (linked and c == distro)]
    rows = []
    for record in data.to_dict("records"):
        row = []
        for column in columns:
            if linked and column == name:
                row.append(link(DISTRO_PAGE.format(quote(str(record[distro]))), record[name]))
            else:
                value = record[column]
                value = value.item() if hasattr(value, "item") else value
                row.append(_cell(value, column in percent))
        rows.append(row)
    return HTML(markup_table([text(c) for c in columns], rows, css="kb-report"))
