"""Altair chart builders sharing one accessible theme.

Every builder returns a chart with a title and a description (its alt text), passes only the
columns it draws, and uses the Okabe-Ito palette, which stays distinct under colour blindness.
Charts have a white background so that they read the same on light and dark pages.
"""

from __future__ import annotations

import altair as alt
import networkx as nx
import pandas as pd

from kb import lineage

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
STATUS = {"active": "#009E73", "maintenance": "#E69F00", "discontinued": "#8C8C8C"}
VALUES = {"yes": "#0072B2", "partial": "#56B4E9", "optional": "#F0E442", "no": "#D55E00", "unknown": "#FFFFFF"}
RELATIONS = ["successor", "fork", "derivative", "rebrand", "merge"]
RELATION_DASH = [[1, 0], [6, 3], [2, 2], [8, 2, 2, 2], [1, 3]]


@alt.theme.register("kb", enable=True)
def theme() -> alt.theme.ThemeConfig:
    """Readable defaults: a white card, left-aligned titles, the Okabe-Ito range."""
    return {
        "background": "white",
        "padding": 8,
        "config": {
            "font": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
            "title": {"anchor": "start", "fontSize": 15, "subtitleColor": "#555555", "color": "#222222"},
            "axis": {"labelFontSize": 11, "titleFontSize": 12, "labelColor": "#333333", "titleColor": "#222222"},
            "legend": {"labelFontSize": 11, "titleFontSize": 12, "orient": "bottom", "columns": 5},
            "range": {"category": OKABE_ITO},
            "view": {"stroke": None},
        },
    }


def finish(chart: alt.TopLevelMixin, title: str, description: str, subtitle: str = "") -> alt.TopLevelMixin:
    """Give a chart its title and description (alt text); every builder ends here."""
    return chart.properties(
        title=alt.TitleParams(title, subtitle=subtitle) if subtitle else title,
        description=description,
    )


def _iso(values: pd.Series) -> pd.Series:
    """Dates as short ISO strings: lighter in the embedded JSON than timestamps."""
    return values.dt.strftime("%Y-%m-%d")


def _end(distros: pd.DataFrame, today: pd.Timestamp) -> pd.Series:
    """End of each lifespan: end of life if it has passed, else today."""
    return distros["end_of_life"].where(distros["end_of_life"] < today, today)


def lifespans(distros: pd.DataFrame, today: pd.Timestamp) -> alt.Chart:
    """A bar per distro from first release to end of life (or today), coloured by status."""
    data = distros.dropna(subset=["first_release"]).assign(end=lambda d: _end(d, today))
    data = data.sort_values("first_release")[["name", "status", "first_release", "end"]]
    data = data.assign(start=_iso(data["first_release"]), end=_iso(data["end"]))[["name", "status", "start", "end"]]
    chart = (
        alt.Chart(data)
        .mark_bar(height=10, cornerRadius=2)
        .encode(
            y=alt.Y("name:N", sort=None, title=None),
            x=alt.X("start:T", title="Year"),
            x2="end:T",
            color=alt.Color("status:N", title="Status", scale=_scale(STATUS)),
            tooltip=[
                alt.Tooltip("name:N", title="Distro"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("start:T", title="First release"),
                alt.Tooltip("end:T", title="Until"),
            ],
        )
        .properties(width="container", height=alt.Step(16))
    )
    return finish(
        chart,
        "Lifespans of container operating systems",
        f"Horizontal bars for {len(data)} distributions from their first release to their end of life, "
        "or to today for those still supported, coloured by status.",
    )


def active_per_year(distros: pd.DataFrame, today: pd.Timestamp) -> alt.Chart:
    """How many distros were supported in each year."""
    end = _end(distros, today)
    years = range(int(distros["first_release"].dt.year.min()), today.year + 1)
    counts = pd.DataFrame(
        {
            "year": list(years),
            "active": [int(((distros["first_release"].dt.year <= y) & (end.dt.year >= y)).sum()) for y in years],
        }
    )
    chart = (
        alt.Chart(counts)
        .mark_bar(color=OKABE_ITO[0])
        .encode(
            x=alt.X("year:O", title="Year"),
            y=alt.Y("active:Q", title="Supported distributions"),
            tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("active:Q", title="Supported")],
        )
        .properties(width="container", height=220)
    )
    peak = counts.loc[counts["active"].idxmax()]
    return finish(
        chart,
        "Supported distributions per year",
        f"Bar chart of the number of supported distributions each year from {years.start} to "
        f"{years.stop - 1}; the peak is {peak['active']} in {peak['year']}.",
    )


def events_timeline(events: pd.DataFrame) -> alt.Chart:
    """Events on a time axis, one row per kind."""
    data = events.assign(
        date=_iso(events["date"]),
        label=events["subject"] + events["object"].fillna("").map(lambda o: f" / {o}" if o else ""),
    )[["date", "kind", "label"]]
    chart = (
        alt.Chart(data)
        .mark_point(filled=True, size=70, opacity=0.8)
        .encode(
            x=alt.X("date:T", title="Year"),
            y=alt.Y("kind:N", title=None),
            color=alt.Color("kind:N", legend=None),
            tooltip=[
                alt.Tooltip("date:T", title="Date"),
                alt.Tooltip("kind:N", title="Kind"),
                alt.Tooltip("label:N", title="Who"),
            ],
        )
        .properties(width="container", height=alt.Step(28))
    )
    return finish(
        chart,
        "Events by kind",
        f"Dot plot of {len(data)} dated events (releases, ends of life, acquisitions, renames) by kind.",
    )


def lineage_timeline(
    graph: nx.MultiDiGraph, today: pd.Timestamp, acquisitions: pd.DataFrame | None = None
) -> alt.LayerChart:
    """The family tree on a timeline: a lane per distro (grouped by family), its lifespan as a bar,
    edges from parent to child styled by relation, and acquisitions as labelled rules."""
    lanes = []
    for family_number, family in enumerate(lineage.families(graph)):
        members = sorted(family, key=lambda d: (graph.nodes[d]["first_release"] or today, d))
        lanes += [(d, family_number) for d in members]
    lane_of = {distro: index for index, (distro, _) in enumerate(lanes)}
    nodes = pd.DataFrame(
        [
            {
                "id": d,
                "name": graph.nodes[d]["name"],
                "status": graph.nodes[d]["status"],
                "lane": lane_of[d],
                "start": graph.nodes[d]["first_release"],
                "end": graph.nodes[d]["end_of_life"],
            }
            for d, _ in lanes
        ]
    ).dropna(subset=["start"])
    nodes["end"] = nodes["end"].where(nodes["end"].notna() & (nodes["end"] < today), today)
    start_of = dict(zip(nodes["id"], nodes["start"], strict=True))
    edges = pd.DataFrame(
        [
            {
                "relation": relation,
                "y": lane_of[a],
                "y2": lane_of[b],
                "x": data["date"] if data["date"] is not None else start_of.get(b),
            }
            for a, b, relation, data in graph.edges(keys=True, data=True)
        ]
    ).dropna(subset=["x"])
    nodes = nodes.assign(start=_iso(nodes["start"]), end=_iso(nodes["end"]))
    edges = edges.assign(x=_iso(edges["x"]))
    y = alt.Y("lane:Q", axis=None, scale=alt.Scale(reverse=True, domain=[-0.5, len(lanes) - 0.5]))
    bars = (
        alt.Chart(nodes)
        .mark_bar(height=8, cornerRadius=2)
        .encode(
            x=alt.X("start:T", title="Year"),
            x2="end:T",
            y=y,
            color=alt.Color("status:N", title="Status", scale=_scale(STATUS)),
            tooltip=[
                alt.Tooltip("name:N", title="Distro"),
                alt.Tooltip("status:N", title="Status"),
                alt.Tooltip("start:T", title="First release"),
                alt.Tooltip("end:T", title="Until"),
            ],
        )
    )
    labels = (
        alt.Chart(nodes)
        .mark_text(align="left", dx=4, dy=-9, fontSize=10, color="#222222")
        .encode(x="start:T", y=y, text="name:N")
    )
    links = (
        alt.Chart(edges)
        .mark_rule(strokeWidth=1.6)
        .encode(
            x="x:T",
            y=alt.Y("y:Q", scale=alt.Scale(reverse=True)),
            y2="y2:Q",
            strokeDash=alt.StrokeDash(
                "relation:N", title="Relation", scale=alt.Scale(domain=RELATIONS, range=RELATION_DASH)
            ),
            color=alt.value("#444444"),
            tooltip=[alt.Tooltip("relation:N", title="Relation"), alt.Tooltip("x:T", title="Date")],
        )
    )
    layers = [links, bars, labels]
    if acquisitions is not None and len(acquisitions):
        deals = acquisitions.assign(
            date=_iso(acquisitions["date"]), label=acquisitions["subject_name"] + " buys " + acquisitions["object_name"]
        )
        deals = deals[["date", "label"]]
        rule = (
            alt.Chart(deals)
            .mark_rule(color=OKABE_ITO[5], strokeDash=[3, 3])
            .encode(
                x="date:T", tooltip=[alt.Tooltip("label:N", title="Acquisition"), alt.Tooltip("date:T", title="Date")]
            )
        )
        text = (
            alt.Chart(deals)
            .mark_text(angle=270, align="right", baseline="bottom", dy=-2, fontSize=10, color=OKABE_ITO[5])
            .encode(x="date:T", y=alt.value(0), text="label:N")
        )
        layers += [rule, text]
    chart = alt.layer(*layers).resolve_scale(y="shared").properties(width="container", height=18 * len(lanes))
    return finish(
        chart,
        "Lineage of container operating systems",
        f"Timeline of {len(nodes)} distributions, one lane each, grouped into {len(lineage.families(graph))} "
        f"families; {len(edges)} vertical links join parents to successors, forks and derivatives, "
        "dashed by relation; dashed red rules mark acquisitions.",
    )


def _scale(colours: dict[str, str]) -> alt.Scale:
    return alt.Scale(domain=list(colours), range=list(colours.values()))


def runtime_shift(defaults: pd.DataFrame) -> alt.Chart:
    """Stacked area: how many distros ran each runtime by default, year by year.

    ``defaults`` has one row per year and runtime with a ``distros`` count (see kb.analysis)."""
    chart = (
        alt.Chart(defaults[["year", "runtime", "distros"]])
        .mark_area(opacity=0.85)
        .encode(
            x=alt.X("year:O", title="Year"),
            y=alt.Y("distros:Q", stack=True, title="Distributions running it by default"),
            color=alt.Color("runtime:N", title="Runtime"),
            tooltip=[
                alt.Tooltip("year:O", title="Year"),
                alt.Tooltip("runtime:N", title="Runtime"),
                alt.Tooltip("distros:Q", title="Distributions"),
            ],
        )
        .properties(width="container", height=260)
    )
    return finish(
        chart,
        "Default container runtime, year by year",
        "Stacked area chart of the number of supported distributions whose default container runtime is "
        f"each of {defaults['runtime'].nunique()} runtimes, from {defaults['year'].min()} to "
        f"{defaults['year'].max()}.",
    )


def runtime_periods(periods: pd.DataFrame) -> alt.Chart:
    """A bar per distro and runtime over the period it shipped, coloured by runtime, shaded by support."""
    data = periods.assign(start=_iso(periods["start"]), end=_iso(periods["end"]))[
        ["name", "runtime", "support", "start", "end"]
    ]
    chart = (
        alt.Chart(data)
        .mark_bar(height=6)
        .encode(
            y=alt.Y("name:N", title=None, sort=None),
            yOffset=alt.YOffset("runtime:N"),
            x=alt.X("start:T", title="Year"),
            x2="end:T",
            color=alt.Color("runtime:N", title="Runtime"),
            opacity=alt.Opacity(
                "support:N",
                title="Support",
                scale=alt.Scale(domain=["default", "included", "optional"], range=[1, 0.6, 0.3]),
            ),
            tooltip=[
                alt.Tooltip("name:N", title="Distro"),
                alt.Tooltip("runtime:N", title="Runtime"),
                alt.Tooltip("support:N", title="Support"),
                alt.Tooltip("start:T", title="From"),
                alt.Tooltip("end:T", title="Until"),
            ],
        )
        .properties(width="container", height=alt.Step(22))
    )
    return finish(
        chart,
        "Runtimes each distribution ships, over time",
        f"Timeline bars for {data['name'].nunique()} distributions and {data['runtime'].nunique()} runtimes; "
        "opaque bars are defaults, lighter bars included or optional runtimes.",
    )


def feature_heatmap(cells: pd.DataFrame, title: str, distro_order: list[str] | None = None) -> alt.Chart:
    """A distro-by-feature grid coloured by value; ``cells`` has name, feature, value and detail."""
    data = cells[["name", "feature", "value", "detail"]]
    chart = (
        alt.Chart(data)
        .mark_rect(stroke="#BBBBBB", strokeWidth=0.5)
        .encode(
            x=alt.X("feature:N", title=None, axis=alt.Axis(labelAngle=-40, orient="top")),
            y=alt.Y("name:N", title=None, sort=distro_order),
            color=alt.Color("value:N", title="Value", scale=_scale(VALUES)),
            tooltip=[
                alt.Tooltip("name:N", title="Distro"),
                alt.Tooltip("feature:N", title="Feature"),
                alt.Tooltip("value:N", title="Value"),
                alt.Tooltip("detail:N", title="Detail"),
            ],
        )
        .properties(width=alt.Step(26), height=alt.Step(18))
    )
    known = (data["value"] != "unknown").mean()
    return finish(
        chart,
        title,
        f"Grid of {data['name'].nunique()} distributions by {data['feature'].nunique()} features, each cell "
        f"coloured yes, partial, optional, no or unknown; {known:.0%} of the cells are known.",
    )


def similarity_heatmap(similarity: pd.DataFrame, order: list[str]) -> alt.Chart:
    """Pairwise Jaccard similarity of feature sets; ``similarity`` has a, b and jaccard."""
    data = similarity[["a", "b", "jaccard"]]
    chart = (
        alt.Chart(data)
        .mark_rect()
        .encode(
            x=alt.X("a:N", title=None, sort=order, axis=alt.Axis(labelAngle=-50)),
            y=alt.Y("b:N", title=None, sort=order),
            color=alt.Color("jaccard:Q", title="Jaccard", scale=alt.Scale(scheme="blues", domain=[0, 1])),
            tooltip=[alt.Tooltip("a:N"), alt.Tooltip("b:N"), alt.Tooltip("jaccard:Q", format=".2f")],
        )
        .properties(width=alt.Step(16), height=alt.Step(16))
    )
    return finish(
        chart,
        "Similarity of security feature sets",
        f"Square grid of {len(order)} distributions against each other, darker where their sets of "
        "security features overlap more (Jaccard index), ordered so that clusters sit together.",
    )


def share_by_family(shares: pd.DataFrame) -> alt.Chart:
    """For each family and feature, the share of its distros that have the feature."""
    data = shares[["family", "feature", "share"]]
    chart = (
        alt.Chart(data)
        .mark_rect(stroke="white")
        .encode(
            x=alt.X("feature:N", title=None, axis=alt.Axis(labelAngle=-40, orient="top")),
            y=alt.Y("family:N", title=None),
            color=alt.Color("share:Q", title="Share of the family", scale=alt.Scale(scheme="blues", domain=[0, 1])),
            tooltip=[
                alt.Tooltip("family:N", title="Family"),
                alt.Tooltip("feature:N", title="Feature"),
                alt.Tooltip("share:Q", title="Share", format=".0%"),
            ],
        )
        .properties(width=alt.Step(30), height=alt.Step(22))
    )
    return finish(
        chart,
        "Update and provisioning mechanisms across families",
        f"Grid of {data['family'].nunique()} lineage families by {data['feature'].nunique()} mechanisms, "
        "darker where more of the family's distributions have the mechanism.",
    )


def coverage_bars(coverage: pd.DataFrame, by: str, title: str) -> alt.Chart:
    """Horizontal bars of the share of known values, for each distro or each feature."""
    data = coverage[[by, "known"]]
    chart = (
        alt.Chart(data)
        .mark_bar(color=OKABE_ITO[0])
        .encode(
            y=alt.Y(f"{by}:N", title=None, sort="-x"),
            x=alt.X(
                "known:Q", title="Share of values known", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")
            ),
            tooltip=[alt.Tooltip(f"{by}:N"), alt.Tooltip("known:Q", title="Known", format=".0%")],
        )
        .properties(width="container", height=alt.Step(14))
    )
    return finish(
        chart,
        title,
        f"Bar chart of the share of sourced feature values for each of {len(data)} {by}s, "
        f"from {data['known'].max():.0%} down to {data['known'].min():.0%}.",
    )


def counts(data: pd.DataFrame, category: str, title: str, description: str) -> alt.Chart:
    """Horizontal bars of a count per category (``data`` has ``category`` and ``count``)."""
    chart = (
        alt.Chart(data[[category, "count"]])
        .mark_bar(color=OKABE_ITO[0])
        .encode(
            y=alt.Y(f"{category}:N", title=None, sort="-x"),
            x=alt.X("count:Q", title="Count"),
            tooltip=[alt.Tooltip(f"{category}:N"), alt.Tooltip("count:Q")],
        )
        .properties(width="container", height=alt.Step(16))
    )
    return finish(chart, title, description)


def chooser(wide: pd.DataFrame, requirements: dict[str, str]) -> alt.Chart:
    """An interactive chooser: a checkbox per requirement, and the distros that meet all ticked ones.

    ``wide`` has one row per distro: name, status and a column per feature id holding its value.
    ``requirements`` maps feature ids (or "active") to the checkbox labels. It needs no server:
    the parameters are bound to inputs that Vega evaluates in the page.
    """
    features = [f for f in requirements if f != "active"]
    data = wide[["name", "status", *features]]
    accept_partial = alt.param(
        name="accept_partial", value=False, bind=alt.binding_checkbox(name="Count partial and optional as yes ")
    )
    params = {
        f: alt.param(name=_param(f), value=False, bind=alt.binding_checkbox(name=f"{label} "))
        for f, label in requirements.items()
    }
    tests = [
        f"(!{_param(f)} || datum.status != 'discontinued')"
        if f == "active"
        else f"(!{_param(f)} || datum['{f}'] == 'yes' || (accept_partial && "
        f"(datum['{f}'] == 'partial' || datum['{f}'] == 'optional')))"
        for f in requirements
    ]
    chart = (
        alt.Chart(data)
        .transform_calculate(qualifies=" && ".join(tests))
        .transform_calculate(result="datum.qualifies ? 'meets every ticked requirement' : 'misses one or more'")
        .mark_bar(height=12)
        .encode(
            y=alt.Y("name:N", title=None, sort=alt.EncodingSortField("qualifies", order="descending")),
            x=alt.value(0),
            x2=alt.value(24),
            color=alt.Color(
                "result:N",
                title=None,
                scale=alt.Scale(
                    domain=["meets every ticked requirement", "misses one or more"], range=[STATUS["active"], "#DDDDDD"]
                ),
            ),
            tooltip=[
                alt.Tooltip("name:N", title="Distro"),
                alt.Tooltip("status:N", title="Status"),
                *[alt.Tooltip(f"{f}:N", title=requirements[f]) for f in features],
            ],
        )
        .add_params(accept_partial, *params.values())
        .properties(width=160, height=alt.Step(15))
    )
    return finish(
        chart,
        "Which distributions meet your requirements?",
        f"Interactive list of {len(data)} distributions; ticking requirements greys out those that miss any of them.",
        subtitle="Tick the boxes below the chart.",
    )


def _param(feature: str) -> str:
    return "need_" + feature.replace("-", "_")
