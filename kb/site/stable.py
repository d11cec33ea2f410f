"""Deterministic identifiers in executed notebooks, so that two builds of one commit are identical.

nbformat gives every cell a random id and Altair gives every chart a random ``altair-viz-<uuid>``
element id; both reach the published HTML. Here cell ids derive from the cell's position and
source, and chart ids from the notebook's name and the chart's rank in it.
"""

from __future__ import annotations

import hashlib
import re

ALTAIR_ID = re.compile(r"altair-viz-[0-9a-f]{32}")


def stabilize(document, name: str) -> None:
    """Replace the random cell and chart ids of an executed notebook ``document`` in place."""
    charts: dict[str, str] = {}

    def chart_id(match: re.Match) -> str:
        return charts.setdefault(match.group(0), f"altair-viz-{name}-{len(charts) + 1}")

    for index, cell in enumerate(document.cells):
        cell["id"] = hashlib.sha256(f"{index}\0{cell.source}".encode()).hexdigest()[:12]
        for output in cell.get("outputs", ()):
            for mime, value in output.get("data", {}).items():
                if isinstance(value, str):
                    output["data"][mime] = ALTAIR_ID.sub(chart_id, value)
