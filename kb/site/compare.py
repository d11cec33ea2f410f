"""The comparison page: every compared distro against every feature, each value linked to its source,
sortable best first (yes > partial > optional > no > unknown), with inferred values marked and hideable."""

from __future__ import annotations

from mkdocs.utils import get_relative_url

from kb.escaping import text
from kb.features import UNKNOWN, cells
from kb.site.context import WIDE, Site
from kb.site.infobox import status
from kb.site.markup import apart, href, link, table
from kb.site.values import MARKS, inferred, legend, rank

URL = "compare/"


def definitions(site: Site) -> str:
    """Every feature's definition, grouped by category, as visible text (one block per paragraph)."""
    parts = []
    for category, features in site.features.groupby("category", sort=True):
        items = apart(
            apart([f'<dt id="def-{text(f["id"])}">{text(f["name"])}</dt>', f"<dd>{text(f['description'])}</dd>"])
            for f in features.to_dict("records")
        )
        parts += [f"<h3>{text(category)}</h3>", f'<dl class="kb-definitions">{items}</dl>']
    return "\n\n".join(parts)


def _cell(site: Site, cell: dict) -> str:
    value = cell["value"]
    inferred_ = cell["basis"] == "inferred"
    attributes = f'class="kb-cell" data-sort="{rank(value)}" data-basis="{"inferred" if inferred_ else "stated"}"'
    if value == UNKNOWN:
        return f'<span {attributes}><span class="kb-value kb-unknown">{text(MARKS[value])}</span></span>'
    source = site.source_records[cell["source"]]
    hint = text(cell["detail"]) or text(source["title"])
    value_link = (
        f'<a class="kb-value kb-{text(value)}" href="{href(source["url"])}" title="{hint}" rel="nofollow noopener">'
        f"{text(MARKS[value])}</a>"
    )
    return f"<span {attributes}>{value_link}{inferred(cell['detail']) if inferred_ else ''}</span>"


def compare_page(site: Site) -> str:
    """The full distro-by-feature matrix, its legend, its controls and the features' definitions."""
    grid = cells(site.tables)
    features = site.features
    header = ["Distribution", "Status"] + [
        f'<abbr title="{text(f["description"])}" data-category="{text(f["category"])}">{text(f["name"])}</abbr>'
        for f in features.to_dict("records")
    ]
    lookup = {(cell["distro"], cell["feature"]): cell for cell in grid.to_dict("records")}
    body = []
    for distro in site.compared.to_dict("records"):
        row = [link(get_relative_url(f"distros/{distro['id']}/", URL), distro["name"]), status(distro["status"])]
        row += [_cell(site, lookup[(distro["id"], feature)]) for feature in features["id"]]
        body.append(row)
    shown = grid[grid["distro"].isin(site.compared["id"])]
    known = (shown["value"] != UNKNOWN).mean() if len(shown) else 0.0
    categories = "".join(f'<option value="{text(c)}">{text(c)}</option>' for c in sorted(features["category"].unique()))
    controls = (
        '<div class="kb-filters"><label>Filter distributions <input type="search" class="kb-filter" '
        'placeholder="name or status"></label> <label>Features <select class="kb-category">'
        f'<option value="">all categories</option>{categories}</select></label> '
        '<label><input type="checkbox" class="kb-hide-inferred-toggle"> Hide inferred values</label></div>'
    )
    return "\n".join(
        [
            WIDE,
            "# Compare",
            "",
            f"Every distribution against every feature of the catalogue: {len(body)} × {len(features)} cells, "
            f"{known:.0%} of them sourced. Each value links to its source. Click a column header to sort "
            "(best first: yes, partial, optional, no, unknown), type to filter; the matrix scrolls sideways. "
            "A value marked <em>inferred</em> is a conclusion drawn from its source: open the mark for the reasoning.",
            "",
            legend(),
            "",
            controls,
            "",
            # the matrix repeats every distribution page: search finds those, and this page by its prose
            '<div class="kb-matrix" tabindex="0" role="region" aria-label="Comparison matrix" '
            'data-search-exclude="matrix">' + table(header, body, "kb-sortable kb-compare") + "</div>",
            "",
            "## Definitions",
            "",
            definitions(site),
            "",
        ]
    )
