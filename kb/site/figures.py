"""Charts as figures: a keyboard-reachable frame that scrolls sideways on a narrow screen instead of
shrinking the drawing, named by the chart's title and described by a visible caption (the chart's
description, its alt text) with a link to the data behind it."""

from __future__ import annotations

import json
import re

from kb.escaping import text

# Altair's HTML output: an empty element that vega-embed fills, then the script that fills it; the
# spec is the script's last call argument but one.
CHART = re.compile(r'<div id="(altair-viz-[\w-]+)"></div>\s*<script type="text/javascript">(.*?)</script>', re.DOTALL)
SPEC_CALL = "})("


def wrap_charts(html: str, data_url: str) -> str:
    """Every chart of ``html`` in a figure with a focusable, scrolling frame and a caption linking to
    ``data_url``."""
    return CHART.sub(lambda match: _figure(match, data_url), html)


def _figure(match: re.Match, data_url: str) -> str:
    element, script = match.group(1), match.group(2)
    title, description = _labels(script)
    caption_id = f"{element}-caption"
    chart = match.group(0).replace(script, _without_actions(script))
    return (
        f'<figure class="kb-chart"><div class="kb-chart-frame" tabindex="0" role="group" '
        f'aria-label="Chart: {text(title)}" aria-describedby="{caption_id}">{chart}</div>'
        f'<figcaption class="kb-chart-caption" id="{caption_id}">{text(description)} '
        f'<a href="{text(data_url)}">The data behind the chart</a>.</figcaption></figure>'
    )


def _arguments(script: str) -> tuple[dict, dict, int, int]:
    """The spec and the embed options the ``script`` passes to vega-embed, and where the options lie."""
    decoder = json.JSONDecoder()
    spec, end = decoder.raw_decode(script, script.rfind(SPEC_CALL) + len(SPEC_CALL))
    start = script.index("{", end)
    options, end = decoder.raw_decode(script, start)
    return spec, options, start, end


def _without_actions(script: str) -> str:
    """The ``script`` with vega-embed's "…" menu turned off: its links lead off the site, and its
    unnamed <summary> fails accessibility checks."""
    try:
        _, options, start, end = _arguments(script)
    except ValueError:
        return script
    return script[:start] + json.dumps(options | {"actions": False}) + script[end:]


def _labels(script: str) -> tuple[str, str]:
    """The title and description of the chart whose embedding ``script`` is."""
    try:
        spec = _arguments(script)[0]
    except ValueError:
        return "untitled", ""
    title = spec.get("title", "untitled")
    if isinstance(title, dict):
        title = title.get("text", "untitled")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return str(title), str(spec.get("description", ""))
