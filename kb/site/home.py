"""The home page's headline numbers and charts, computed from the data."""

from __future__ import annotations

from kb.escaping import text
from kb.site.context import Site


def counts(site: Site) -> str:
    """A line of headline numbers."""
    from kb import features, spans

    tables = site.tables
    distros = features.compared(tables["distros"])
    numbers = [
        (len(distros), "distributions"),
        (spans.supported_now(tables["distros"], site.today), "still supported"),
        (len(tables["features"]), "features compared"),
        (sum(len(tables[resource.name]) for resource in site.package.fact_resources), "sourced facts"),
        (len(tables["sources"]), "sources cited"),
        (len(tables["events"]), "events"),
    ]
    items = "".join(f'<li><span class="kb-number">{n}</span> {text(label)}</li>' for n, label in numbers)
    return f'<ul class="kb-counts">{items}</ul>'


def _lineage(site: Site):
    from kb import charts, lineage

    return charts.lineage_timeline(site.graph, site.today, lineage.acquisitions(site.tables), pages="distros/")


def _active(site: Site):
    from kb import charts

    return charts.active_per_year(site.tables["distros"], site.today)


CHARTS = {"lineage": _lineage, "active": _active}


def chart_html(name: str, site: Site) -> str:
    """The chart as HTML with Altair's inline loader, which finds Vega already in the page's head."""
    import altair as alt
    from altair.utils.html import spec_to_html

    from kb.charts import EMBED_OPTIONS
    from kb.escaping import ScriptSafeJSON

    return spec_to_html(
        CHARTS[name](site).to_dict(),
        mode="vega-lite",
        vega_version=alt.VEGA_VERSION,
        vegaembed_version=alt.VEGAEMBED_VERSION,
        vegalite_version=alt.VEGALITE_VERSION,
        template="universal",
        fullhtml=False,
        output_div=f"altair-viz-{name}",
        embed_options=EMBED_OPTIONS,
        json_kwds={"cls": ScriptSafeJSON},
    )
