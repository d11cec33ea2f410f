"""The chooser page: requirement controls rendered here, the matrix drawn by docs/assets/chooser.js
from the data embedded in the page as JSON (so it works offline, from a file, with no request)."""

from __future__ import annotations

import pandas as pd

from kb.escaping import script_json, text
from kb.features import UNKNOWN, cells
from kb.site.context import WIDE, Site
from kb.site.infobox import STATUS_LABELS, kind
from kb.site.values import RANK, legend

URL = "choose/"
SHOWN_RUNTIMES = ("default", "included", "optional")  # a runtime it can run; "removed" is not


def data(site: Site) -> dict:
    """What the script needs: features, runtimes and each compared distro's values (inferred ones
    with their reasoning)."""
    grid = cells(site.tables)
    grid = grid[grid["value"] != UNKNOWN]
    values: dict[str, dict] = {}
    for cell in grid.to_dict("records"):
        entry = {"value": cell["value"], "inferred": cell["basis"] == "inferred"}
        if entry["inferred"]:
            entry["why"] = "" if pd.isna(cell["detail"]) else str(cell["detail"])
        values.setdefault(cell["distro"], {})[cell["feature"]] = entry
    runtimes = site.tables["distro_runtimes"]
    holds = runtimes["until"].isna() | (runtimes["ended"] == "distro-ended")
    current = runtimes[holds & runtimes["support"].isin(SHOWN_RUNTIMES)]
    by_distro = current.groupby("distro", observed=True)["runtime"].agg(lambda r: sorted(set(r)))
    return {
        "rank": list(RANK),
        "statuses": STATUS_LABELS,
        "kinds": {k: kind(k) for k in site.compared["kind"].unique()},
        "features": site.features[["id", "name", "category"]].to_dict("records"),
        "runtimes": site.runtime_names,
        "distros": [
            {
                "id": d["id"],
                "name": d["name"],
                "url": f"../distros/{d['id']}/",
                "status": d["status"],
                "kind": d["kind"],
                "runtimes": by_distro.get(d["id"], []),
                "values": values.get(d["id"], {}),
            }
            for d in site.compared.to_dict("records")
        ],
    }


def _choices(name: str, legend_text: str, options: list[tuple[str, str, str]], folded: bool = False) -> str:
    """A fieldset of checkboxes: (value, label, definition shown under the label); ``folded``, a
    disclosure that starts closed (the script opens it when one of its boxes is ticked)."""
    items = "".join(
        f'<label><input type="checkbox" name="{name}" value="{text(value)}"> {text(label)}'
        + (f'<span class="kb-definition">{text(definition)}</span>' if definition else "")
        + "</label>"
        for value, label, definition in options
    )
    if folded:
        return (
            f'<details class="kb-choices"><summary>{text(legend_text)}</summary>'
            f'<div role="group" aria-label="{text(legend_text)}">{items}</div></details>'
        )
    return f'<fieldset class="kb-choices"><legend>{text(legend_text)}</legend>{items}</fieldset>'


def chooser_page(site: Site) -> str:
    """The page: controls (features grouped by category with their definitions), then the results."""
    compared = site.compared
    kinds = sorted(compared["kind"].unique())
    used = sorted(set(site.tables["distro_runtimes"]["runtime"]), key=lambda r: site.runtime_names[r].lower())
    general = [
        _choices("status", "Status (any of)", [(s, label, "") for s, label in STATUS_LABELS.items()]),
        _choices("kind", "Kind (any of)", [(k, kind(k), "") for k in kinds]),
        _choices("runtime", "Container runtimes (all of)", [(r, site.runtime_names[r], "") for r in used], True),
    ]
    features = [
        _choices("feature", f"Features: {category}", [(f["id"], f["name"], f["description"]) for f in rows], True)
        for category, rows in (
            (category, group.to_dict("records")) for category, group in site.features.groupby("category", sort=True)
        )
    ]
    options = (
        '<fieldset class="kb-choices kb-options"><legend>How to count</legend>'
        '<label><input type="checkbox" name="partial" value="1"> Count partial and optional support as meeting a '
        "feature</label>"
        '<label><input type="checkbox" name="stated" value="1"> Stated values only: an inferred value counts as '
        "unknown</label>"
        '<label><input type="checkbox" name="only" value="1"> Show only the distributions that meet every '
        "requirement</label></fieldset>"
    )
    return "\n".join(
        [
            WIDE,
            "# Choose a distribution",
            "",
            "Tick what you need. Every distribution is checked against each requirement: ✔ meets it, ✘ does not, "
            "with the value behind it. The address of this page keeps your choice: bookmark or share it.",
            "",
            '<div class="kb-choose-layout"><form class="kb-chooser" id="kb-chooser" autocomplete="off">'
            + '<p class="kb-jump"><button type="button" class="md-button">Go to the results</button></p>'
            + options
            + '<div class="kb-general">'
            + "".join(general)
            + "</div>"
            + '<div class="kb-feature-groups">'
            + "".join(features)
            + '</div><p><button type="reset" class="md-button">Clear all</button></p></form>'
            + '<div class="kb-choose-output"><p class="kb-choose-summary" aria-live="polite">The chooser needs '
            'JavaScript; the <a href="../compare/">comparison</a> shows the same values.</p>'
            + legend()
            + '<div class="kb-matrix kb-choose-matrix" tabindex="0" role="region" aria-label="Distributions against '
            'the requirements"><table class="kb-choose-results"></table></div></div></div>',
            "",
            f'<script type="application/json" id="kb-chooser-data">{script_json(data(site))}</script>',
            "",
        ]
    )
