"""Markdown pages generated from the data at build time: one per distro, the distro list, the
comparison matrix, the data page and the reference pages."""

from __future__ import annotations

import pandas as pd
from mkdocs.utils import get_relative_url

from kb.escaping import text
from kb.features import UNKNOWN, cells
from kb.site.context import Citations, Site
from kb.site.markup import date, href, link, table
from kb.validation.catalogue import CATALOGUE

STATUS_LABELS = {"active": "Active", "maintenance": "Maintenance only", "discontinued": "Discontinued"}
VALUE_MARKS = {"yes": "✔ yes", "partial": "◐ partial", "optional": "○ optional", "no": "✘ no", UNKNOWN: "?"}


def distro_url(distro: str) -> str:
    return f"distros/{distro}/"


def _to(site_url: str, page_url: str) -> str:
    return get_relative_url(site_url, page_url)


def _status(status: str) -> str:
    return f'<span class="kb-status kb-status-{text(status)}">{text(STATUS_LABELS[status])}</span>'


def _period(row: pd.Series) -> str:
    since, until = date(row, "since"), date(row, "until")
    if since and until:
        return f"{since} – {until}"
    return f"since {since}" if since else f"until {until}" if until else ""


def distro_page(site: Site, distro: str) -> str:
    """The page of one distro: summary, lineage, runtimes, features, events and numbered sources."""
    row = site.distros.loc[distro]
    url = distro_url(distro)
    cite = Citations(site.source_records)
    lines = [f"# {text(row['name'])}", ""]

    first, end = date(row, "first_release"), date(row, "end_of_life")
    facts = [
        ("Status", _status(row["status"])),
        ("Vendor", text(site.names[row["vendor"]]) + cite.cite(row["source"], row["quote"])),
        (
            "First release",
            text(first or "unknown")
            + (cite.cite(row["first_release_source"]) if pd.notna(row["first_release_source"]) else ""),
        ),
        (
            "End of life",
            text(end or ("none announced" if row["status"] != "discontinued" else "unknown"))
            + (cite.cite(row["end_of_life_source"]) if pd.notna(row["end_of_life_source"]) else ""),
        ),
        ("Based on", text(row["based_on"]) or "unknown"),
        ("Home page", link(row["homepage"], row["homepage"]) if pd.notna(row["homepage"]) else "unknown"),
    ]
    summary = "".join(f"<tr><th>{name}</th><td>{value}</td></tr>" for name, value in facts)
    lines += [
        f'<p class="kb-description">{text(row["description"])}</p>',
        "",
        f'<table class="kb-summary">{summary}</table>',
        "",
    ]
    if pd.notna(row["note"]):
        lines += [f'<p class="kb-note">Note: {text(row["note"])}</p>', ""]

    lines += ["## Lineage", "", _lineage(site, distro, url, cite), ""]
    lines += ["## Container runtimes", "", _runtimes(site, distro, cite), ""]
    lines += ["## Features", "", _features(site, distro, cite), ""]
    lines += ["## Events", "", _events(site, distro, cite), ""]
    lines += ["## Sources", "", cite.html(), ""]
    lines += [_contribute(site, distro, url), ""]
    return "\n".join(lines)


def _lineage(site: Site, distro: str, url: str, cite: Citations) -> str:
    items = []
    for match, other, verb in (("to", "from", "comes from"), ("from", "to", "leads to")):
        for edge in site.rows("lineage", match, distro).to_dict("records"):
            target = edge[other]
            when = f" ({date(edge, 'date')})" if pd.notna(edge["date"]) else ""
            note = f" — {text(edge['note'])}" if pd.notna(edge["note"]) else ""
            items.append(
                f"<li>{verb} {link(_to(distro_url(target), url), site.names[target])}: "
                f"<em>{text(edge['relation'])}</em>{when}{cite.cite(edge['source'], edge['quote'])}{note}</li>"
            )
    if not items:
        return '<p class="kb-empty">No lineage edges are recorded; the note above says why, where known.</p>'
    return '<ul class="kb-lineage">' + "".join(items) + "</ul>"


def _runtimes(site: Site, distro: str, cite: Citations) -> str:
    rows = site.rows("distro_runtimes", "distro", distro)
    if rows.empty:
        return '<p class="kb-empty">No runtime is recorded yet.</p>'
    body = [
        [
            text(site.runtime_names[r["runtime"]]),
            text(r["support"]),
            text(_period(r)),
            text(r["note"]) + cite.cite(r["source"], r["quote"]),
        ]
        for r in rows.to_dict("records")
    ]
    return table(["Runtime", "Support", "Period", "Note"], body, "kb-runtimes")


def _features(site: Site, distro: str, cite: Citations) -> str:
    by_feature: dict[str, list[dict]] = {}
    for row in site.rows("distro_features", "distro", distro).to_dict("records"):
        by_feature.setdefault(row["feature"], []).append(row)
    body = []
    for feature in site.features.to_dict("records"):
        name = f'<span title="{text(feature["description"])}">{text(feature["name"])}</span>'
        matches = by_feature.get(feature["id"], [])
        if not matches:
            body.append(
                [
                    name,
                    text(feature["category"]),
                    f'<span class="kb-value kb-unknown">{VALUE_MARKS[UNKNOWN]}</span>',
                    "not sourced yet",
                    "",
                ]
            )
        for match in matches:
            body.append(
                [
                    name,
                    text(feature["category"]),
                    f'<span class="kb-value kb-{text(match["value"])}">{text(VALUE_MARKS[match["value"]])}</span>',
                    text(match["detail"]) + cite.cite(match["source"], match["quote"]),
                    text(_period(match)),
                ]
            )
    return table(["Feature", "Category", "Value", "Detail", "Period"], body, "kb-features")


def _events(site: Site, distro: str, cite: Citations) -> str:
    rows = pd.concat([site.rows("events", "subject", distro), site.rows("events", "object", distro)])
    if rows.empty:
        return '<p class="kb-empty">No event is recorded yet.</p>'
    body = []
    for event in rows.sort_values("date").to_dict("records"):
        who = text(site.names[event["subject"]])
        if pd.notna(event["object"]):
            who += " → " + text(site.names[event["object"]])
        body.append(
            [
                text(date(event, "date")),
                text(event["kind"]),
                who,
                text(event["note"]) + cite.cite(event["source"], event["quote"]),
            ]
        )
    return table(["Date", "Kind", "Who", "What"], body, "kb-events")


def _contribute(site: Site, distro: str, url: str) -> str:
    edit, report = site.edit_url("distros"), site.report_url(distro, url)
    contributing = _to("contributing/", url)
    if edit and report:
        return (
            f'<p class="kb-contribute">{link(edit, "Edit this data")} · {link(report, "Report a wrong fact")} · '
            f"{link(contributing, 'How to contribute')}</p>"
        )
    return (
        '<p class="kb-contribute">This build names no repository (set KB_REPO_URL), so it has no edit or report '
        f"links. {link(contributing, 'How to contribute')}</p>"
    )


def distro_index(site: Site) -> str:
    """All distros in a sortable table."""
    url = "distros/"
    body = []
    for row in site.tables["distros"].sort_values("name").to_dict("records"):
        body.append(
            [
                link(_to(distro_url(row["id"]), url), row["name"]),
                text(site.names[row["vendor"]]),
                _status(row["status"]),
                text(date(row, "first_release")),
                text(date(row, "end_of_life")),
                text(row["based_on"]),
            ]
        )
    return "\n".join(
        [
            "# Distributions",
            "",
            f"{len(body)} container-optimized and immutable Linux distributions. Click a column to sort.",
            "",
            table(["Name", "Vendor", "Status", "First release", "End of life", "Based on"], body, "kb-sortable"),
            "",
        ]
    )


def compare_page(site: Site) -> str:
    """The full distro-by-feature matrix; each cell links to its source."""
    grid = cells(site.tables)
    url = "compare/"
    features = site.features
    header = ["Distribution", "Status"] + [
        f'<span title="{text(f["description"])}" data-category="{text(f["category"])}">{text(f["name"])}</span>'
        for f in features.to_dict("records")
    ]
    lookup = {(cell["distro"], cell["feature"]): cell for cell in grid.to_dict("records")}
    body = []
    for distro in site.tables["distros"].sort_values("name").to_dict("records"):
        row = [link(_to(distro_url(distro["id"]), url), distro["name"]), _status(distro["status"])]
        for feature in features["id"]:
            cell = lookup[(distro["id"], feature)]
            mark = text(VALUE_MARKS[cell["value"]])
            if cell["value"] == UNKNOWN:
                row.append(f'<span class="kb-value kb-unknown" title="not sourced yet">{mark}</span>')
            else:
                source = site.source_records[cell["source"]]
                hint = text(cell["detail"]) or text(source["title"])
                row.append(
                    f'<a class="kb-value kb-{text(cell["value"])}" href="{href(source["url"])}" title="{hint}" '
                    f'rel="nofollow noopener">{mark}</a>'
                )
        body.append(row)
    known = (grid["value"] != UNKNOWN).mean()
    categories = "".join(f'<option value="{text(c)}">{text(c)}</option>' for c in sorted(features["category"].unique()))
    controls = (
        '<div class="kb-filters"><label>Filter distributions <input type="search" class="kb-filter" '
        'placeholder="name or status"></label> <label>Features <select class="kb-category">'
        f'<option value="">all categories</option>{categories}</select></label></div>'
    )
    return "\n".join(
        [
            "# Compare",
            "",
            f"Every distribution against every feature of the catalogue: {len(body)} × {len(features)} cells, "
            f"{known:.0%} of them sourced. Each value links to its source; hover it for the detail. "
            "Click a column header to sort, type to filter.",
            "",
            "✔ yes · ◐ partial (with a qualifier) · ○ optional (available, not on by default) · ✘ no · "
            "? not sourced yet",
            "",
            controls,
            "",
            '<div class="kb-matrix">' + table(header, body, "kb-sortable kb-compare") + "</div>",
            "",
        ]
    )


def schema_page(site: Site) -> str:
    """The data package's tables and columns, from datapackage.json."""
    lines = [
        "# Data schema",
        "",
        "Generated from `data/datapackage.json`, a Frictionless Data Package. Partial dates are written "
        "YYYY, YYYY-MM or YYYY-MM-DD, at the precision the source gives.",
        "",
    ]
    for resource in site.package.resources:
        lines += [f"## {text(resource.name)}", "", text(resource.description), ""]
        keys = ", ".join(resource.primary_key)
        references = "; ".join(f"{fk.field} → {fk.resource}.{fk.reference}" for fk in resource.foreign_keys)
        lines += [f"Primary key: `{keys}`." + (f" References: {text(references)}." if references else ""), ""]
        body = []
        for field in resource.fields:
            rules = []
            if field.enum:
                rules.append("one of " + ", ".join(field.enum))
            if field.partial_date:
                rules.append("partial date")
            if field.future_allowed:
                rules.append("may lie in the future")
            for column, values in field.future_allowed_when:
                rules.append(f"may lie in the future when {column} is {' or '.join(values)}")
            if field.type == "date":
                rules.append("date YYYY-MM-DD")
            if field.is_url:
                rules.append("https URL")
            if field.max_length:
                rules.append(f"at most {field.max_length} characters")
            if field.references:
                rules.append("id in " + " or ".join(field.references))
            body.append(
                [
                    f"<code>{text(field.name)}</code>",
                    "required" if field.required else "optional",
                    text("; ".join(rules)),
                    text(field.description),
                ]
            )
        lines += [table(["Column", "", "Rules", "Meaning"], body, "kb-schema"), ""]
    return "\n".join(lines)


def errors_page() -> str:
    """The validator's error catalogue."""
    body = [
        [f"<code>{text(code.code)}</code>", *(text(part) for part in (code.title, code.meaning, code.fix)),
         text(", ".join(code.tags))]
        for code in CATALOGUE.values()
    ]  # fmt: skip
    return "\n".join(
        [
            "# Validation errors",
            "",
            "`kb validate` reports every problem at once, as `path:line:column: code: message; fix: …`, "
            "and `kb links` reports broken source links the same way. These are the codes they use; line 1 is "
            "the header row.",
            "",
            table(["Code", "Title", "What it means", "How to fix it", "Checks"], body, "kb-errors"),
            "",
        ]
    )


def data_page(site: Site) -> str:
    """Downloads, the JSON API's shape, the licence and how to cite."""
    package = site.package
    rows = []
    for resource in package.resources:
        count = len(site.tables[resource.name])
        rows.append(
            [
                text(resource.title),
                text(str(count)),
                f'<a href="../data/{text(resource.path)}">CSV</a> · '
                f'<a href="../data/{text(resource.name)}.json">JSON</a>',
                text(resource.description),
            ]
        )
    licenses = ", ".join(
        link(item.get("path", ""), item.get("title", item.get("name", ""))) for item in package.licenses
    )
    example = site.tables["distros"]["id"].sort_values().iloc[0]
    return "\n".join(
        [
            "# Data",
            "",
            "Everything on this site comes from these files. Download them, load them with any CSV or "
            "Frictionless tool, or call the static JSON API.",
            "",
            "## Downloads",
            "",
            table(["Table", "Rows", "Files", "What it holds"], rows, "kb-downloads"),
            "",
            '<p>The <a href="../data/datapackage.json">datapackage.json</a> describes every column, key and '
            'reference (see the <a href="../reference/schema/">schema</a>).</p>',
            "",
            "## JSON API",
            "",
            "Static files, regenerated at every build. Partial dates stay as written: `2014`, `2014-07` or "
            "`2014-07-01`. Empty values are `null`.",
            "",
            '- <a href="../api/distros.json">api/distros.json</a>: `{"api_version": 1, "count": n, "distros": [...]}`, '
            "one summary per distro: `id`, `name`, `vendor`, `status`, `first_release`, `end_of_life`, `homepage` and "
            "`api`, the path of its document.",
            f'- <a href="../api/distros/{text(example)}.json">api/distros/&lt;id&gt;.json</a>: `{{"api_version": 1, '
            '"distro": {...}, "lineage": [...], "runtimes": [...], "features": [...], "events": [...], '
            '"sources": {...}}`. Every fact names its `source`, and `sources` maps each cited id to its URL, '
            "title, publisher and access date.",
            "- `data/<table>.json`: each table as a list of rows, the same as its CSV.",
            "",
            "## Licence",
            "",
            f"The data is available under {licenses}; the code under the MIT licence. Facts cite their sources; "
            "quotes are short excerpts (at most 200 characters) kept as evidence.",
            "",
            "## How to cite",
            "",
            f"Cite the knowledge base as: *{text(package.title)}*, version of the data accessed on the date you "
            "used it, with the address of this site. The repository's `CITATION.cff` holds the same in a "
            "machine-readable form.",
            "",
        ]
    )
