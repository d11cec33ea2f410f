"""Altair chart builders sharing one accessible theme.

Every builder returns a chart with a title and a description (its alt text), passes only the
columns it draws, and uses the Okabe-Ito palette, which stays distinct under colour blindness.
Charts have a white background so that they read the same on light and dark pages.
"""

from __future__ import annotations

import altair as alt
import networkx as nx
import pandas as pd

from kb import escaping, lineage, spans

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
STATUS = {"active": "#009E73", "maintenance": "#E69F00", "discontinued": "#8C8C8C"}
VALUES = {"yes": "#0072B2", "partial": "#56B4E9", "optional": "#F0E442", "no": "#D55E00", "unknown": "#FFFFFF"}
EMBED_OPTIONS = {"actions": False}  # no "…" menu: its export links lead off the site
RELATION_DASH = [[1, 0], [6, 3], [2, 2], [8, 2, 2, 2], [1, 3], [4, 1, 1, 1], [10, 4]]  # in the schema's order
WIDE = 700
NARROW = 420  # plus axis labels, fits a notebook page's output area


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


# One call: enabling a renderer replaces its options. No "…" menu, and no data string can end the chart's <script>.
alt.renderers.enable("default", embed_options=EMBED_OPTIONS, json_kwds={"cls": escaping.ScriptSafeJSON})


def finish(chart: alt.TopLevelMixin, title: str, description: str, subtitle: str = "") -> alt.TopLevelMixin:
    """Give a chart its title and description (alt text); every builder ends here."""
    return chart.properties(
        title=alt.TitleParams(title, subtitle=subtitle) if subtitle else title,
        description=description,
    )


def _iso(values: pd.Series) -> pd.Series:
    """Dates as short ISO strings: lighter in the embedded JSON than timestamps."""
    return values.dt.strftime("%Y-%m-%d")


ENDINGS = {spans.ENDED: 1.0, spans.OPEN: 1.0, spans.NO_END: 0.35}
BOUNDS = {
    "both ends known": "square",
    "first release not sourced": "triangle-left",
    "end not sourced": "triangle-right",
}
# One fixed colour per runtime id, in every chart (a tab20-like set: 16 distinct colours).
RUNTIME_COLOURS = {
    "docker": "#1F77B4",
    "containerd": "#FF7F0E",
    "cri-o": "#2CA02C",
    "podman": "#D62728",
    "rkt": "#9467BD",
    "runc": "#8C564B",
    "crun": "#E377C2",
    "system-docker": "#7F7F7F",
    "balena-engine": "#BCBD22",
    "gvisor": "#17BECF",
    "kata-containers": "#AEC7E8",
    "lxd": "#FFBB78",
    "incus": "#98DF8A",
    "isulad": "#FF9896",
}
OTHER_RUNTIME = "#C5B0D5"
SUPPORT_OPACITY = {"default": 1.0, "included": 0.6, "optional": 0.3, "ended": 0.15}
MAX_HEIGHT = 2500
POSSIBLY = "possibly supported (a date not sourced)"


def runtime_scale(runtimes: pd.Series | list[str]) -> alt.Scale:
    """The fixed runtime colours, for the runtimes present (unlisted ones share OTHER_RUNTIME)."""
    present = sorted(set(runtimes))
    return alt.Scale(domain=present, range=[RUNTIME_COLOURS.get(r, OTHER_RUNTIME) for r in present])


def drawn_spans(distros: pd.DataFrame, today: pd.Timestamp) -> pd.DataFrame:
    """kb.spans.lifespans as drawn: id, name, status, start and end (ISO), ending and bound. A bar needs
    both ends; where one is not sourced the row keeps its known end only (start = end) and ``bound``
    says which is missing, so nothing is extended or dropped. Ordered by start (unknown last)."""
    life = spans.lifespans(distros, today)
    end = life["end"].where(life["ending"] != spans.OPEN, today)
    start = life["start"]
    bound = pd.Series("both ends known", index=life.index)
    bound = bound.mask(life["ending"] == spans.NO_END, "end not sourced").mask(
        ~life["start_known"], "first release not sourced"
    )
    start, end = start.fillna(end), end.fillna(start)
    data = pd.DataFrame(
        {
            "id": life["id"],
            "name": life["name"],
            "status": life["status"],
            "start": _iso(start),
            "end": _iso(end),
            "since": [
                spans.at_precision(v, p) or "not sourced"
                for v, p in zip(life["start"], life["start_precision"], strict=True)
            ],
            "until": [
                spans.at_precision(v, p) or ("open" if e == spans.OPEN else "not sourced")
                for v, p, e in zip(life["end"], life["end_precision"], life["ending"], strict=True)
            ],
            "ending": life["ending"],
            "bound": bound,
        }
    )
    return (
        data.assign(_unknown=~life["start_known"])
        .sort_values(["_unknown", "start"], kind="stable")
        .drop(columns="_unknown")
        .reset_index(drop=True)
    )


LIFESPAN_TOOLTIP = [
    alt.Tooltip("name:N", title="Distro"),
    alt.Tooltip("status:N", title="Status"),
    alt.Tooltip("since:N", title="First release"),
    alt.Tooltip("until:N", title="End of life"),
    alt.Tooltip("bound:N", title="Drawn"),
]


def _ending_opacity() -> alt.Opacity:
    """Faded marks for lifespans whose end is not sourced (an ordinal scale maps the values one to one)."""
    return alt.Opacity("ending:N", scale=_scale(ENDINGS, "ordinal"), legend=None)


def _lifespan_marks(data: pd.DataFrame, x: alt.X | None = None, y: alt.Y | alt.Y | None = None) -> alt.LayerChart:
    """Bars where both ends are known; a point at the known end where one is not sourced."""
    x = x or alt.X("start:T", title="Year")
    y = y or alt.Y("name:N", sort=None, title=None)
    base = alt.Chart(data).encode(
        x=x,
        y=y,
        color=alt.Color("status:N", title="Status", scale=_scale(STATUS)),
        opacity=_ending_opacity(),
        tooltip=LIFESPAN_TOOLTIP,
    )
    bars = base.transform_filter(alt.datum.bound == "both ends known").mark_bar(height=8, clip=True).encode(x2="end:T")
    points = (
        base.transform_filter(alt.datum.bound != "both ends known")
        .mark_point(size=70, filled=True, clip=True)
        .encode(shape=alt.Shape("bound:N", title="Drawn", scale=_scale(BOUNDS)))
    )
    return alt.layer(bars, points)


def _bounds_sentence(data: pd.DataFrame) -> str:
    unknown_start = data.loc[data["bound"] == "first release not sourced", "name"].tolist()
    no_end = data.loc[data["bound"] == "end not sourced", "name"].tolist()
    parts = []
    if unknown_start:
        parts.append(
            f"{len(unknown_start)} with no sourced first release ({', '.join(unknown_start)}) are a point at today"
        )
    if no_end:
        parts.append(
            f"{len(no_end)} discontinued with no sourced end ({', '.join(no_end)}) are a faded point "
            "at their first release"
        )
    return ("; ".join(parts) + ".") if parts else "Every lifespan has both ends sourced."


def _bounds_lines(data: pd.DataFrame) -> list[str]:
    """Short subtitle lines saying how missing bounds are drawn (the description names the distros)."""
    unknown_start = int((data["bound"] == "first release not sourced").sum())
    no_end = int((data["bound"] == "end not sourced").sum())
    lines = [f"{unknown_start} with no sourced first release: a point at today."] if unknown_start else []
    lines += [f"{no_end} discontinued, end not sourced: a faded point at first release."] if no_end else []
    return lines or ["Every lifespan has both ends sourced."]


def lifespans(distros: pd.DataFrame, today: pd.Timestamp) -> alt.LayerChart:
    """A bar per distro from first release to end of life (or today), coloured by status; a point
    where one end is not sourced."""
    data = drawn_spans(distros, today).drop(columns="id")
    x = alt.X("start:T", title="Year", scale=alt.Scale(domainMax=alt.DateTime(year=today.year + 1)))
    chart = _lifespan_marks(data, x=x).properties(width=NARROW, height=alt.Step(16))
    return finish(
        chart,
        "Lifespans of container operating systems",
        f"Horizontal bars for {len(data)} distributions from their first release to their end of life, "
        f"or to today for those still supported, coloured by status. {_bounds_sentence(data)}",
        subtitle=_bounds_lines(data),
    )


def active_per_year(distros: pd.DataFrame, today: pd.Timestamp) -> alt.Chart:
    """How many distros were certainly supported each year, and on top how many possibly were
    (unknown first release, or discontinued with no sourced end): kb.spans.supported_per_year."""
    counts = spans.supported_per_year(distros, today)
    data = counts.melt("year", ["certain", "possible"], var_name="support", value_name="distributions")
    data["support"] = data["support"].map({"certain": "supported", "possible": POSSIBLY})
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Year"),
            y=alt.Y("distributions:Q", stack=True, title="Distributions"),
            color=alt.Color(
                "support:N",
                title=None,
                scale=alt.Scale(domain=["supported", POSSIBLY], range=[OKABE_ITO[0], "#BBD7EA"]),
                legend=alt.Legend(labelLimit=0),
            ),
            order=alt.Order("support:N", sort="descending"),
            tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("support:N"), alt.Tooltip("distributions:Q")],
        )
        .properties(width="container", height=220)
    )
    now = spans.supported_now(distros, today)
    peak = counts.loc[counts["certain"].idxmax()]
    return finish(
        chart,
        "Supported distributions per year",
        f"Stacked bars per year from {counts['year'].min()} to {today.year}: distributions certainly supported at "
        "some point of the year, and above them those possibly supported because a first release or an end is not "
        f"sourced. Today {now} are supported; the certain peak is {peak['certain']} in {peak['year']}.",
        subtitle=f"Today {now} are supported. Pale: possibly supported that year (a date not sourced).",
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


LINK_TOOLTIP = [
    alt.Tooltip("parent:N", title="From"),
    alt.Tooltip("relation:N", title="Relation"),
    alt.Tooltip("child:N", title="To"),
    alt.Tooltip("when:N", title="Date"),
]


def _links(graph: nx.MultiDiGraph, drawn: pd.DataFrame, lane_of: dict[str, int]) -> pd.DataFrame:
    """One row per lineage edge: where its link stands and what its tooltip says. An undated edge
    stands at the later of the two starts (it cannot be true before both exist); edges sharing a
    date are moved apart by a few weeks each, in a fixed order."""
    rows = []
    for parent, child, relation, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        dated = data.get("date") is not None and not pd.isna(data["date"])
        starts = [pd.to_datetime(drawn.loc[d, "start"]) for d in (parent, child)]
        at = pd.to_datetime(data["date"]) if dated else max((s for s in starts if pd.notna(s)), default=pd.NaT)
        rows.append(
            {
                "relation": relation,
                "parent": graph.nodes[parent]["name"],
                "child": graph.nodes[child]["name"],
                "lane": lane_of[parent],
                "lane2": lane_of[child],
                "at": at,
                "when": str(at.date()) if dated else "date unknown",
                "head": "triangle-down" if lane_of[child] > lane_of[parent] else "triangle-up",
            }
        )
    edges = pd.DataFrame(rows, columns=["relation", "parent", "child", "lane", "lane2", "at", "when", "head"])
    apart = edges.groupby("at").cumcount() * pd.Timedelta(days=40)
    return edges.assign(x=_iso(edges["at"] + apart)).drop(columns="at")


def lineage_timeline(
    graph: nx.MultiDiGraph,
    today: pd.Timestamp,
    acquisitions: pd.DataFrame | None = None,
    start_year: int = 2012,
    pages: str = "../../distros/",
) -> alt.TopLevelMixin:
    """The family tree on a timeline: a lane per distro (grouped by family), its lifespan as a bar,
    links from parent to child styled by relation with an arrowhead at the child, and a strip of
    acquisitions below. The axis starts at ``start_year``; earlier lifespans are cut at the left edge
    (the subtitle says so). A link without a sourced date stands where it can be true, once both ends
    exist, and says "date unknown"; links that share a date stand side by side. Bars and names link
    to the distributions' pages (``pages``, relative to the page that shows the chart)."""
    distros = pd.DataFrame(
        [{"id": d, **{k: graph.nodes[d].get(k) for k in ("name", "status", "kind")}} for d in graph.nodes]
    )
    for column in ("first_release", "end_of_life"):
        values = [graph.nodes[d][column] for d in graph.nodes]
        distros[column] = pd.to_datetime(values)
        distros[f"{column}_precision"] = [graph.nodes[d].get(f"{column}_precision") or "day" for d in graph.nodes]
    drawn = drawn_spans(distros, today).set_index("id")
    lanes = [
        distro
        for family in lineage.families(graph)
        for distro in sorted(family, key=lambda d: (drawn.loc[d, "start"], d))
    ]
    lane_of = {distro: index for index, distro in enumerate(lanes)}
    nodes = drawn.loc[lanes].reset_index()
    nodes = nodes.assign(lane=nodes["id"].map(lane_of), at=nodes["start"].clip(lower=f"{start_year}-01-01"))
    nodes = nodes.assign(url=pages + nodes["id"] + "/").drop(columns="id")
    edges = _links(graph, drawn, lane_of)
    x = alt.Scale(
        domain=[alt.DateTime(year=max(int(nodes["start"].min()[:4]), start_year)), alt.DateTime(year=today.year + 1)]
    )
    lane_scale = alt.Scale(reverse=True, domain=[-0.5, len(lanes) - 0.5])
    y = alt.Y("lane:Q", axis=None, scale=lane_scale)
    bars = _lifespan_marks(nodes, x=alt.X("start:T", title=None, scale=x), y=y)
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
                "relation:N",
                title="Relation",
                scale=alt.Scale(domain=list(graph.graph["relations"]), range=RELATION_DASH),
            ),
            tooltip=LINK_TOOLTIP,
        )
    )
    arrows = alt.Scale(domain=["triangle-down", "triangle-up"], range=["triangle-down", "triangle-up"])
    heads = (
        alt.Chart(edges)
        .mark_point(filled=True, size=45, color="#444444", opacity=1)
        .encode(
            x=alt.X("x:T", scale=x),
            y=alt.Y("lane2:Q", axis=None, scale=lane_scale),
            shape=alt.Shape("head:N", legend=None, scale=arrows),
            tooltip=LINK_TOOLTIP,
        )
    )
    bars, labels = (layer.encode(href="url:N") for layer in (bars, labels))
    chart: alt.TopLevelMixin = alt.layer(links, heads, bars, labels).properties(width=WIDE, height=18 * len(lanes))
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
    lines = [family for family in lineage.families(graph) if len(family) > 1]
    cut = f"{early} lifespan(s) starting before {start_year} are cut at the left edge. " if early else ""
    return finish(
        chart,
        "Lineage of container operating systems",
        subtitle=([cut.strip()] if cut else []) + _bounds_lines(nodes),
        description=f"Timeline of {len(nodes)} distributions, one lane each, grouped by line ({len(lines)} lines of "
        f"two or more, joined by successor, fork and rebrand edges); {len(edges)} vertical links join parents to "
        f"successors, forks, derivatives and bases, dashed by relation; a strip below marks "
        f"{0 if acquisitions is None else len(acquisitions)} acquisitions. {_bounds_sentence(nodes)}",
    )


def _scale(mapping: dict, type: str | None = None) -> alt.Scale:
    """A scale mapping each key of ``mapping`` to its value."""
    return alt.Scale(domain=list(mapping), range=list(mapping.values()), type=type or alt.Undefined)


def runtime_shift(defaults: pd.DataFrame) -> alt.Chart:
    """Stacked bars: how many distros had each runtime as their default, year by year (each distro
    once a year, see kb.runtimes.defaults_per_year), in the fixed runtime colours."""
    chart = (
        alt.Chart(defaults[["year", "runtime", "distros"]])
        .mark_bar()
        .encode(
            x=alt.X("year:O", title="Year"),
            y=alt.Y("distros:Q", stack=True, title="Distributions (each once a year)"),
            color=alt.Color("runtime:N", title="Default runtime", scale=runtime_scale(defaults["runtime"])),
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
        "Stacked bars of the number of distributions whose default container runtime at the end of each year "
        f"(or at their end) is each of {defaults['runtime'].nunique()} runtimes, from {defaults['year'].min()} to "
        f"{defaults['year'].max()}; a distribution counts once a year.",
    )


def runtime_grid(cells: pd.DataFrame) -> alt.LayerChart:
    """A distribution × runtime grid (kb.runtimes.grid): each cell in the runtime's fixed colour, as
    opaque as its support (default, included, optional; faint once ended), labelled with its years."""
    data = cells[["name", "runtime", "support", "ended", "years"]].assign(
        short=cells["years"].str.replace(r"\b(?:19|20)(\d\d)\b", r"\1", regex=True)
    )
    base = alt.Chart(data).encode(
        x=alt.X("runtime:N", title=None, axis=alt.Axis(labelAngle=-50, orient="top")),
        y=alt.Y("name:N", title=None, axis=alt.Axis(labelLimit=130)),
        tooltip=[
            alt.Tooltip("name:N", title="Distro"),
            alt.Tooltip("runtime:N", title="Runtime"),
            alt.Tooltip("support:N", title="Support"),
            alt.Tooltip("ended:N", title="Ended"),
            alt.Tooltip("years:N", title="Years"),
        ],
    )
    rects = base.mark_rect(stroke="#BBBBBB", strokeWidth=0.5).encode(
        color=alt.Color("runtime:N", title="Runtime", scale=runtime_scale(data["runtime"]), legend=None),
        opacity=alt.Opacity("support:N", title="Support (opacity)", scale=_scale(SUPPORT_OPACITY, "ordinal")),
    )
    text = base.mark_text(fontSize=7, color="#111111").encode(text="short:N")
    height = min(MAX_HEIGHT, 18 * data["name"].nunique())
    chart = alt.layer(rects, text).properties(width=alt.Step(26), height=height)
    return finish(
        chart,
        "Runtimes of each distribution",
        f"Grid of {data['name'].nunique()} distributions by {data['runtime'].nunique()} runtimes; a cell is "
        "coloured by runtime, opaque for a default, lighter for included or optional, faint once ended, and "
        "labelled with the years it was shipped, as two digits (? where a date is not sourced).",
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


def share_by_family(shares: pd.DataFrame) -> alt.LayerChart:
    """For each line and feature (kb.features.share_by_family), the share of known cells that are yes,
    labelled 'yes/known' so that n is always on the chart (partial and optional in the tooltip)."""
    data = shares[["family", "feature", "share", "yes", "partial", "optional", "known"]].assign(
        label=lambda f: f["yes"].astype(int).astype(str) + "/" + f["known"].astype(int).astype(str)
    )
    base = alt.Chart(data).encode(
        x=alt.X("feature:N", title=None, axis=alt.Axis(labelAngle=-40, orient="top")),
        y=alt.Y("family:N", title=None),
        tooltip=[
            alt.Tooltip("family:N", title="Line"),
            alt.Tooltip("feature:N", title="Feature"),
            alt.Tooltip("share:Q", title="Yes among known", format=".0%"),
            alt.Tooltip("yes:Q", title="Yes"),
            alt.Tooltip("partial:Q", title="Partial"),
            alt.Tooltip("optional:Q", title="Optional"),
            alt.Tooltip("known:Q", title="Known (n)"),
        ],
    )
    rects = base.mark_rect(stroke="white").encode(
        color=alt.Color("share:Q", title="Yes among known", scale=alt.Scale(scheme="blues", domain=[0, 1]))
    )
    text = base.mark_text(fontSize=9).encode(
        text="label:N", color=alt.condition(alt.datum.share > 0.6, alt.value("white"), alt.value("#222222"))
    )
    chart = alt.layer(rects, text).properties(width=alt.Step(34), height=alt.Step(22))
    return finish(
        chart,
        "Update and provisioning mechanisms across lines",
        f"Grid of {data['family'].nunique()} lines by {data['feature'].nunique()} mechanisms, darker where more of "
        "the line's distributions with a known value have the mechanism (yes); each cell reads yes/known. Cells "
        "with nothing known are blank.",
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


def survival(curve: pd.DataFrame, median: float, events: int, censored: int) -> alt.LayerChart:
    """A Kaplan–Meier step curve with its 95% band (kb.survival.kaplan_meier)."""
    data = curve[["years", "survival", "lower", "upper"]]
    base = alt.Chart(data).encode(x=alt.X("years:Q", title="Years since first release"))
    band = base.mark_area(interpolate="step-after", opacity=0.25, color=OKABE_ITO[0]).encode(
        y=alt.Y("lower:Q", title="Share still supported", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
        y2="upper:Q",
    )
    line = base.mark_line(interpolate="step-after", color=OKABE_ITO[0]).encode(
        y="survival:Q",
        tooltip=[
            alt.Tooltip("years:Q", format=".1f"),
            alt.Tooltip("survival:Q", format=".0%", title="Still supported"),
        ],
    )
    said = "not reached" if median == float("inf") else f"{median:.1f} years"
    return finish(
        alt.layer(band, line).properties(width=NARROW + 100, height=240),
        "How long distributions stay supported (Kaplan–Meier)",
        f"Step curve of the estimated share of distributions still supported after a number of years, with a 95% band, "
        f"from {events} that ended and {censored} still supported (censored at today). The median lifespan is {said}.",
        subtitle=f"{events} ended, {censored} still supported (censored); median lifespan {said}.",
    )


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
