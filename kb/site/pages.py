"""Markdown pages generated from the data at build time: one per distro, the distro list, the
comparison matrix, the data page and the reference pages."""

from __future__ import annotations

import pandas as pd
from mkdocs.utils import get_relative_url

from kb.escaping import text
from kb.features import UNKNOWN
from kb.schema import UPSTREAM_BASE
from kb.site import words
from kb.site.context import Site
from kb.site.infobox import infobox, kind, status
from kb.site.markup import Citations, apart, date, link, table
from kb.site.values import inferred, mark
from kb.validation.catalogue import CATALOGUE

HISTORICAL = "discontinued"


def distro_url(distro: str) -> str:
    return f"distros/{distro}/"


def _to(site_url: str, page_url: str) -> str:
    return get_relative_url(site_url, page_url)


def _period(row: dict, ended: str = "") -> str:
    """The period of a fact; a fact of a discontinued distro that began at some date held until ``ended``."""
    since = date(row, "since")
    until = date(row, "until") or (ended if since else "")
    if since and until:
        return f"{since} – {until}"
    return f"since {since}" if since else f"until {until}" if until else ""


def _reason(row: dict, column: str, cite: Citations) -> tuple[str, str]:
    """(cell, marker): the row's explanation with its citation, or, for an inferred row, an empty cell
    and the inferred marker that holds the explanation as its reasoning."""
    citation = cite.cite(row["source"], row["quote"])
    if row.get("basis") == "inferred":
        return citation, inferred(row[column])
    return text(row[column]) + citation, ""


def distro_page(site: Site, distro: str) -> str:
    """The page of one distro: infobox, lineage, releases, runtimes, features, events, sourcing notes
    and numbered sources. An upstream base gets a short page: what it is and what derives from it."""
    row = site.distros.loc[distro]
    url = distro_url(distro)
    cite = Citations(site.source_records)
    lines = [f"# {text(row['name'])}", "", f'<p class="kb-description">{text(row["description"])}</p>', ""]
    lines += [infobox(site, distro, cite), ""]
    lines += ["## Lineage", "", _lineage(site, distro, url, cite), ""]
    if row["kind"] != UPSTREAM_BASE:
        ended = (date(row, "end_of_life") or "its end") if row["status"] == HISTORICAL else ""
        releases = site.rows("releases", "distro", distro)
        if not releases.empty:
            lines += ["## Releases", "", _releases(releases, cite), ""]
        lines += ["## Container runtimes", "", _runtimes(site, distro, cite, ended), ""]
        lines += ["## Features", "", _features(site, distro, cite, ended), ""]
        lines += ["## Events", "", _events(site, distro, url, cite), ""]
    if pd.notna(row["note"]):
        lines += [
            '<details class="kb-sourcing"><summary>Sourcing notes</summary>',
            f"<p>{text(row['note'])}</p></details>",
            "",
        ]
    lines += ["## Sources", "", cite.html(), ""]
    lines += [_contribute(site, distro, url), ""]
    return "\n".join(lines)


def _lineage(site: Site, distro: str, url: str, cite: Citations) -> str:
    items = []
    for match, other, on_to_page in (("to", "from", True), ("from", "to", False)):
        for edge in site.records("lineage", match, distro):
            target = edge[other]
            phrase = words.lineage(
                edge["relation"], on_to_page=on_to_page, other=link(_to(distro_url(target), url), site.names[target])
            )
            when = f" ({date(edge, 'date')})" if pd.notna(edge["date"]) else ""
            note, marker = _reason(edge, "note", cite)
            dash = " — " if pd.notna(edge["note"]) and not marker else ""
            items.append(f"<li>{phrase[0].upper()}{phrase[1:]}{when}{dash}{note}{marker}</li>")
    if not items:
        return '<p class="kb-empty">No lineage edges are recorded; the sourcing notes say why, where known.</p>'
    return '<ul class="kb-lineage">' + apart(items) + "</ul>"


def _releases(releases: pd.DataFrame, cite: Citations) -> str:
    body = []
    for line in releases.sort_values(["started", "line"]).to_dict("records"):
        note, marker = _reason(line, "note", cite)
        end = date(line, "end_of_support") or ("rolling" if line["rolling"] == "yes" else "")
        body.append(
            [
                text(line["line"]) + marker,
                text(line["kind"]),
                text(date(line, "started")),
                text(line["latest_version"]),
                text(date(line, "latest_date")),
                text(end),
                note,
            ]
        )
    return table(
        ["Line", "Kind", "Started", "Latest version", "Released", "End of support", "Note"], body, "kb-releases"
    )


def _runtimes(site: Site, distro: str, cite: Citations, ended: str) -> str:
    rows = site.records("distro_runtimes", "distro", distro)
    if not rows:
        return '<p class="kb-empty">No runtime is recorded yet.</p>'
    body = []
    for r in rows:
        note, marker = _reason(r, "note", cite)
        body.append(
            [text(site.runtime_names[r["runtime"]]), text(r["support"]) + marker, text(_period(r, ended)), note]
        )
    return table(["Runtime", "Had" if ended else "Support", "Period", "Note"], body, "kb-runtimes")


def _features(site: Site, distro: str, cite: Citations, ended: str) -> str:
    by_feature: dict[str, list[dict]] = {}
    for row in site.records("distro_features", "distro", distro):
        by_feature.setdefault(row["feature"], []).append(row)
    body = []
    for feature in site.features.to_dict("records"):
        name = f'<abbr title="{text(feature["description"])}">{text(feature["name"])}</abbr>'
        matches = by_feature.get(feature["id"], [])
        if not matches:
            body.append([name, text(feature["category"]), mark(UNKNOWN), "", ""])
        for match in matches:
            detail, marker = _reason(match, "detail", cite)
            body.append(
                [name, text(feature["category"]), mark(match["value"]) + marker, detail, text(_period(match, ended))]
            )
    lead = f'<p class="kb-historical">What it had while it was supported, until {text(ended)}.</p>' if ended else ""
    features = table(["Feature", "Category", "Had" if ended else "Value", "Detail", "Period"], body, "kb-features")
    return f"{lead}\n\n{features}" if ended else features


def _events(site: Site, distro: str, url: str, cite: Citations) -> str:
    rows = pd.concat([site.rows("events", "subject", distro), site.rows("events", "object", distro)])
    if rows.empty:
        return '<p class="kb-empty">No event is recorded yet.</p>'
    body = []
    for event in rows.sort_values("date").to_dict("records"):
        subject_page = event["subject"] == distro
        other_id = event["object"] if subject_page else event["subject"]
        other = None if pd.isna(other_id) else _name(site, other_id, url)
        note, marker = _reason(event, "note", cite)
        body.append(
            [
                text(date(event, "date")),
                words.event(event["kind"], subject_page=subject_page, other=other) + marker,
                note,
            ]
        )
    return table(["Date", "Event", "What"], body, "kb-events")


def _name(site: Site, key: str, url: str) -> str:
    """A distro's or organization's name, linked to its page when it is a distro."""
    if key in site.distros.index:
        return link(_to(distro_url(key), url), site.names[key])
    return text(site.names[key])


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


INDEX_COLUMNS = ["Name", "Vendor", "Status", "Kind", "First release", "End of life", "Based on"]


def distro_index(site: Site) -> str:
    """All distros in a sortable table."""
    url = "distros/"
    body = []
    for row in site.tables["distros"].sort_values("name").to_dict("records"):
        body.append(
            [
                link(_to(distro_url(row["id"]), url), row["name"]),
                text(site.names[row["vendor"]]),
                status(row["status"]),
                text(kind(row["kind"])),
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
            table(INDEX_COLUMNS, body, "kb-sortable"),
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
            '"distro": {...}, "identifiers": {...}, "lineage": [...], "runtimes": [...], "features": [...], '
            '"events": [...], "releases": [...], "sources": {...}}`. Every fact names its `source`, and `sources` '
            "maps each cited id to its URL, title, publisher and access date; `identifiers` gives the distro's id "
            "and URL in Wikidata, DistroWatch, endoflife.date and the CNCF landscape, where it has one.",
            '- <a href="../api/releases.json">api/releases.json</a>: `{"api_version": 1, "count": n, '
            '"releases": [...], "sources": {...}}`, every release line with its latest version and end of support.',
            "- `api/v1/...`: the same documents under a versioned path; the unversioned paths stay, and always "
            "serve the current version.",
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
