"""Altair chart builders sharing one accessible theme.

Every builder returns a chart with a title and a description (its alt text), passes only the
columns it draws, and uses the Okabe-Ito palette, which stays distinct under colour blindness.
Charts have a white background so that they read the same on light and dark pages.
"""

from __future__ import annotations

import altair as alt
import networkx as nx
import pandas as pd

from kb import escaping, lineage

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
STATUS = {"active": "#009E73", "maintenance": "#E69F00", "discontinued": "#8C8C8C"}
VALUES = {"yes": "#0072B2", "partial": "#56B4E9", "optional": "#F0E442", "no": "#D55E00", "unknown": "#FFFFFF"}
EMBED_OPTIONS = {"actions": False}  # no "…" menu: its export links lead off the site
RELATION_DASH = [[1, 0], [6, 3], [2, 2], [8, 2, 2, 2], [1, 3], [4, 1, 1, 1], [10, 4]]  # in the schema's order
WIDE = 700


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


alt.renderers.set_embed_options(**EMBED_OPTIONS)
alt.renderers.enable(
    "default", json_kwds={"cls": escaping.ScriptSafeJSON}
)  # no data string can end the chart's <script>


def finish(chart: alt.TopLevelMixin, title: str, description: str, subtitle: str = "") -> alt.TopLevelMixin:
    """Give a chart its title and description (alt text); every builder ends here."""
    return chart.properties(
        title=alt.TitleParams(title, subtitle=subtitle) if subtitle else title,
        description=description,
    )


def _iso(values: pd.Series) -> pd.Series:
    """Dates as short ISO strings: lighter in the embedded JSON than timestamps."""
    return values.dt.strftime("%Y-%m-%d")


ENDINGS = {"ended": 1.0, "still supported": 1.0, "end of life unknown": 0.35}


def spans(distros: pd.DataFrame, today: pd.Timestamp) -> pd.DataFrame:
    """Lifespans as name, status, start, end (ISO dates) and ending: a discontinued distro whose end
    of life no source gives is drawn to today but marked "end of life unknown"."""
    data = distros.dropna(subset=["first_release"])
    ended = data["end_of_life"].notna() & (data["end_of_life"] < today)
    ending = pd.Series("still supported", index=data.index).mask(ended, "ended")
    ending = ending.mask((data["status"] == "discontinued") & data["end_of_life"].isna(), "end of life unknown")
    end = data["end_of_life"].where(ended, today)
    columns = {"id": data["id"]} if "id" in data else {}
    columns |= {
        "name": data["name"],
        "status": data["status"].astype("string"),
        "start": _iso(data["first_release"]),
        "end": _iso(end),
        "ending": ending,
    }
    return pd.DataFrame(columns).sort_values("start", kind="stable").reset_index(drop=True)


LIFESPAN_TOOLTIP = [
    alt.Tooltip("name:N", title="Distro"),
    alt.Tooltip("status:N", title="Status"),
    alt.Tooltip("start:T", title="First release"),
    alt.Tooltip("end:T", title="Until"),
    alt.Tooltip("ending:N", title="End"),
]


def _ending_opacity() -> alt.Opacity:
    """Faded bars for lifespans whose end is unknown (an ordinal scale maps the values one to one)."""
    return alt.Opacity("ending:N", scale=_scale(ENDINGS, "ordinal"), legend=None)


def lifespans(distros: pd.DataFrame, today: pd.Timestamp) -> alt.Chart:
    """A bar per distro from first release to end of life (or today), coloured by status."""
    data = spans(distros, today).drop(columns="id", errors="ignore")
    chart = (
        alt.Chart(data)
        .mark_bar(height=10)
        .encode(
            y=alt.Y("name:N", sort=None, title=None),
            x=alt.X("start:T", title="Year"),
            x2="end:T",
            color=alt.Color("status:N", title="Status", scale=_scale(STATUS)),
            opacity=_ending_opacity(),
            tooltip=LIFESPAN_TOOLTIP,
        )
        .properties(width="container", height=alt.Step(16))
    )
    unknown = int((data["ending"] == "end of life unknown").sum())
    return finish(
        chart,
        "Lifespans of container operating systems",
        f"Horizontal bars for {len(data)} distributions from their first release to their end of life, "
        f"or to today for those still supported, coloured by status; {unknown} discontinued distributions "
        "whose end of life is not sourced are drawn faded up to today.",
    )


def active_per_year(distros: pd.DataFrame, today: pd.Timestamp) -> alt.Chart:
    """How many distros were supported in each year (those with an unknown end are left out)."""
    data = spans(distros, today)
    known = data[data["ending"] != "end of life unknown"]
    first, last = pd.to_datetime(known["start"]).dt.year, pd.to_datetime(known["end"]).dt.year
    years = range(int(first.min()), today.year + 1)
    counts = pd.DataFrame({"year": list(years), "active": [int(((first <= y) & (last >= y)).sum()) for y in years]})
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
    left_out = len(data) - len(known)
    return finish(
        chart,
        "Supported distributions per year",
        f"Bar chart of the number of supported distributions each year from {years.start} to {years.stop - 1}; "
        f"the peak is {peak['active']} in {peak['year']}. {left_out} discontinued distributions with no sourced "
        "end of life are left out.",
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
    graph: nx.MultiDiGraph, today: pd.Timestamp, acquisitions: pd.DataFrame | None = None, start_year: int = 2012
) -> alt.TopLevelMixin:
    """The family tree on a timeline: a lane per distro (grouped by family), its lifespan as a bar,
    links from parent to child styled by relation, and a strip of acquisitions below. The axis starts
    at ``start_year``; earlier lifespans are cut at the left edge (the subtitle says so)."""
    dated = [d for d in graph.nodes if graph.nodes[d]["first_release"] is not None]
    lanes = [
        distro
        for family in lineage.families(graph.subgraph(dated))
        for distro in sorted(family, key=lambda d: (graph.nodes[d]["first_release"], d))
    ]
    lane_of = {distro: index for index, distro in enumerate(lanes)}
    relations = list(graph.graph["relations"])
    nodes = spans(pd.DataFrame([{"id": d, **graph.nodes[d]} for d in lanes]), today)
    nodes = nodes.assign(lane=nodes["id"].map(lane_of), at=nodes["start"].clip(lower=f"{start_year}-01-01"))
    nodes = nodes.drop(columns="id")
    edges = pd.DataFrame(
        [
            {
                "relation": relation,
                "lane": lane_of[a],
                "lane2": lane_of[b],
                "x": data["date"] or graph.nodes[b]["first_release"],
            }
            for a, b, relation, data in graph.edges(keys=True, data=True)
            if a in lane_of and b in lane_of
        ]
    ).dropna(subset=["x"])
    edges = edges.assign(x=_iso(edges["x"]))
    x = alt.Scale(
        domain=[alt.DateTime(year=max(int(nodes["start"].min()[:4]), start_year)), alt.DateTime(year=today.year + 1)]
    )
    y = alt.Y("lane:Q", axis=None, scale=alt.Scale(reverse=True, domain=[-0.5, len(lanes) - 0.5]))
    bars = (
        alt.Chart(nodes)
        .mark_bar(height=8, clip=True)
        .encode(
            x=alt.X("start:T", title=None, scale=x),
            x2="end:T",
            y=y,
            color=alt.Color("status:N", title="Status", scale=_scale(STATUS)),
            opacity=_ending_opacity(),
            tooltip=LIFESPAN_TOOLTIP,
        )
    )
    labels = (
        alt.Chart(nodes)
        .mark_text(align="left", dx=4, dy=-9, fontSize=10, color="#222222")
        .encode(x=alt.X("at:T", scale=x), y=y, text="name:N")
    )
    links = (
        alt.Chart(edges)
        .mark_rule(strokeWidth=1.6, color="#444444")
        .encode(
            x=alt.X("x:T", scale=x),
            y=y,
            y2="lane2:Q",
            strokeDash=alt.StrokeDash(
                "relation:N", title="Relation", scale=alt.Scale(domain=relations, range=RELATION_DASH[: len(relations)])
            ),
            tooltip=[alt.Tooltip("relation:N", title="Relation"), alt.Tooltip("x:T", title="Date")],
        )
    )
    chart: alt.TopLevelMixin = alt.layer(links, bars, labels).properties(width=WIDE, height=18 * len(lanes))
    if acquisitions is not None and len(acquisitions):
        deals = acquisitions.sort_values("date")
        strip_data = pd.DataFrame(
            {
                "date": _iso(deals["date"]),
                "label": (deals["subject_name"] + " buys " + deals["object_name"]).to_numpy(),
                "row": range(len(deals)),
            }
        )
        strip = alt.Chart(strip_data).encode(
            x=alt.X("date:T", title="Year", scale=x),
            y=alt.Y("row:O", axis=None),
            tooltip=[alt.Tooltip("label:N", title="Acquisition"), alt.Tooltip("date:T", title="Date")],
        )
        marks = strip.mark_point(shape="diamond", filled=True, size=60, color=OKABE_ITO[5]) + strip.mark_text(
            align="left", dx=7, fontSize=10, color="#8A3A00"
        ).encode(text="label:N")
        chart = alt.vconcat(
            chart, marks.properties(width=WIDE, height=14 * len(strip_data) + 6), spacing=6
        ).resolve_scale(x="shared")
    early = int((nodes["start"] < f"{start_year}").sum())
    families = len(lineage.families(graph))
    return finish(
        chart,
        "Lineage of container operating systems",
        subtitle=f"{early} lifespan(s) starting before {start_year} are cut at the left edge." if early else "",
        description=f"Timeline of {len(nodes)} distributions, one lane each, grouped into {families} "
        f"families; {len(edges)} vertical links join parents to successors, forks and derivatives, dashed by "
        f"relation; a strip below marks {0 if acquisitions is None else len(acquisitions)} acquisitions.",
    )


def _scale(mapping: dict, type: str | None = None) -> alt.Scale:
    """A scale mapping each key of ``mapping`` to its value."""
    return alt.Scale(domain=list(mapping), range=list(mapping.values()), type=type or alt.Undefined)


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
                scale=_scale({"default": 1.0, "included": 0.6, "optional": 0.3}, "ordinal"),
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


def _coded(data: pd.DataFrame, columns: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Replace repeated labels by small integer codes, returning the coded rows and one lookup table
    (code -> label) to join back in the browser: charts embed each long name once, not per cell."""
    labels = pd.Index(sorted(set().union(*(data[c].dropna() for c in columns))))
    coded = data.assign(**{f"{c}_code": labels.get_indexer(data[c]) for c in columns}).drop(columns=columns)
    return coded, pd.DataFrame({"code": range(len(labels)), "label": labels})


def _decode(chart: alt.Chart, lookup: pd.DataFrame, columns: list[str]) -> alt.Chart:
    for column in columns:
        chart = chart.transform_lookup(
            lookup=f"{column}_code", from_=alt.LookupData(lookup, key="code", fields=["label"]), as_=[column]
        )
    return chart


def feature_heatmap(cells: pd.DataFrame, title: str, distro_order: list[str] | None = None) -> alt.Chart:
    """A distro-by-feature grid coloured by value; ``cells`` has name, feature, value and detail."""
    data = cells[["name", "feature", "value", "detail"]]
    coded, lookup = _coded(data, ["name"])
    chart = (
        _decode(alt.Chart(coded), lookup, ["name"])
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
    """Pairwise Jaccard similarity of feature sets, as the lower triangle of a grid in ``order``;
    ``similarity`` has a, b and jaccard."""
    rank = {name: index for index, name in enumerate(order)}
    pairs = similarity[similarity["a"].map(rank) < similarity["b"].map(rank)]
    coded, lookup = _coded(pairs.assign(jaccard=pairs["jaccard"].round(2))[["a", "b", "jaccard"]], ["a", "b"])
    chart = (
        _decode(alt.Chart(coded), lookup, ["a", "b"])
        .mark_rect()
        .encode(
            x=alt.X("a:N", title=None, sort=order[:-1], axis=alt.Axis(labelAngle=-50)),
            y=alt.Y("b:N", title=None, sort=order[1:]),
            color=alt.Color("jaccard:Q", title="Jaccard", scale=alt.Scale(scheme="blues", domain=[0, 1])),
            tooltip=[alt.Tooltip("a:N"), alt.Tooltip("b:N"), alt.Tooltip("jaccard:Q", format=".2f")],
        )
        .properties(width=alt.Step(16), height=alt.Step(16))
    )
    return finish(
        chart,
        "Similarity of security feature sets",
        f"Triangular grid of {len(order)} distributions against each other, darker where their sets of "
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
