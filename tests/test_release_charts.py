"""Notebook 08's charts: a title, alt text, a white background, one colour per distro, and no chart
taller than 2,500 px when drawn (measured on the SVG that vl-convert renders)."""

from __future__ import annotations

import inspect
import re

import pandas as pd
import pytest
import vl_convert

import kb
from kb import release_charts, releases

TODAY = pd.Timestamp("2026-12-01")


def charts() -> dict[str, object]:
    tables = kb.load()
    windows = releases.windows(tables, TODAY)
    return {
        "line_windows": release_charts.line_windows(windows, TODAY),
        "cadence": release_charts.cadence(releases.cadence(windows)),
        "support_lengths": release_charts.support_lengths(windows),
        "successor_gaps": release_charts.successor_gaps(releases.successor_gaps(windows), windows["distro"]),
    }


CHARTS = charts()


def test_every_builder_is_drawn_here() -> None:
    builders = {
        name
        for name, function in inspect.getmembers(release_charts, inspect.isfunction)
        if function.__module__ == release_charts.__name__ and not name.startswith("_") and name != "distro_colours"
    }
    assert builders == set(CHARTS)


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_titled_described_white_and_at_most_2500_px(name: str) -> None:
    spec = CHARTS[name].to_dict()
    assert spec["title"] and len(spec["description"]) > 40
    assert spec["background"] == "white"
    svg = vl_convert.vegalite_to_svg(spec)
    height = float(re.search(r'<svg[^>]*\bheight="([\d.]+)"', svg).group(1))
    assert height <= 2500, height


def test_a_distro_keeps_its_colour_in_every_chart() -> None:
    ids = sorted(set(kb.load()["releases"]["distro"]))
    colours = {}
    for name, chart in CHARTS.items():
        scale = chart.to_dict()["encoding"].get("color", {}).get("scale", {})
        if scale.get("domain") and chart.to_dict()["encoding"]["color"]["field"] == "distro":
            colours[name] = dict(zip(scale["domain"], scale["range"], strict=True))
    assert len(colours) == 3 and all(mapping == colours["line_windows"] for mapping in colours.values())
    assert list(colours["line_windows"]) == ids  # every distro with a line has its colour, in id order
