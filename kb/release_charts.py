"""Altair charts of release lines and support windows (notebook 08).

They share kb.charts' theme (white background, Okabe-Ito) and its ``finish`` (title and alt text).
Each distribution keeps one colour in every chart here: ``distro_colours`` assigns them in id order.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from kb.charts import OKABE_ITO, finish

MAX_HEIGHT = 2400  # no chart taller than 2,500 px, title and axis included
# Okabe-Ito, then a second set of distinct tones; ids sorted, so a distro's colour is fixed by the data.
PALETTE = [*OKABE_ITO, "#882255", "#44AA99", "#999933", "#AA4499", "#332288", "#117733", "#88CCEE", "#DDCC77"]
OPACITY = {"ended": 1.0, "scheduled": 1.0, "rolling": 0.6, "end unknown": 0.3}


def distro_colours(distros: pd.Series) -> alt.Scale:
    """A colour per distro id, fixed by the order of the ids (pass every id, not only those drawn)."""
    ids = sorted(set(distros))
    return alt.Scale(domain=ids, range=[PALETTE[i % len(PALETTE)] for i in range(len(ids))])


def _step(rows: int, wanted: int) -> int:
    """A row height that keeps ``rows`` rows under MAX_HEIGHT."""
    return max(4, min(wanted, MAX_HEIGHT // max(rows, 1)))


def _iso(values: pd.Series) -> pd.Series:
    return values.dt.strftime("%Y-%m-%d")


def line_windows(windows: pd.DataFrame, today: pd.Timestamp) -> alt.Chart:
    """A bar per release line with a start, from start to end of support; lines with no end run to
    today, faded (rolling lines less than those whose end is unknown)."""
    data = windows.dropna(subset=["start"]).sort_values(["name", "start", "line"], kind="stable")
    end = data["end"].where(data["end"].notna(), today)
    data = pd.DataFrame(
        {
            "label": data["name"] + " " + data["line"],
            "distro": data["distro"],
            "start": _iso(data["start"]),
            "end": _iso(end),
            "ending": data["ending"],
        }
    )
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelFontSize=9)),
            x=alt.X("start:T", title="Year"),
            x2="end:T",
            color=alt.Color("distro:N", scale=distro_colours(windows["distro"]), legend=None),
            opacity=alt.Opacity("ending:N", scale=alt.Scale(domain=list(OPACITY), range=list(OPACITY.values()))),
            tooltip=[
                alt.Tooltip("label:N", title="Line"),
                alt.Tooltip("start:T", title="Started"),
                alt.Tooltip("end:T", title="Until"),
                alt.Tooltip("ending:N", title="End"),
            ],
        )
        .properties(width="container", height=alt.Step(_step(len(data), 11)))
    )
    counts = data["ending"].value_counts()
    return finish(
        chart,
        "Release lines over time",
        f"Gantt chart of {len(data)} release lines with a known start, grouped by distribution and coloured by it: "
        f"{counts.get('ended', 0)} ended, {counts.get('scheduled', 0)} with a scheduled end, "
        f"{counts.get('rolling', 0)} rolling and {counts.get('end unknown', 0)} with an unknown end, the last two "
        f"drawn faded up to {today.date().isoformat()}.",
    )


def cadence(cadence: pd.DataFrame) -> alt.Chart:
    """A grid of distros by year: how many lines each started that year."""
    chart = (
        alt.Chart(cadence[["name", "year", "lines"]])
        .mark_rect(stroke="white")
        .encode(
            x=alt.X("year:O", title="Year the line started"),
            y=alt.Y("name:N", title=None),
            color=alt.Color("lines:Q", title="Lines started", scale=alt.Scale(scheme="blues")),
            tooltip=[alt.Tooltip("name:N", title="Distro"), "year:O", alt.Tooltip("lines:Q", title="Lines")],
        )
        .properties(width="container", height=alt.Step(_step(cadence["name"].nunique(), 16)))
    )
    return finish(
        chart,
        "Release lines started per year",
        f"Heat map of {int(cadence['lines'].sum())} release lines of {cadence['name'].nunique()} distributions by the "
        "year they started; darker cells mean more lines that year. Lines without a start date are left out.",
    )


def support_lengths(windows: pd.DataFrame) -> alt.Chart:
    """A dot per line with both ends known: its support length in years, by distro."""
    known = windows.dropna(subset=["days"])
    data = pd.DataFrame(
        {
            "name": known["name"],
            "distro": known["distro"],
            "line": known["line"],
            "years": (known["days"] / 365.25).round(2),
            "ending": known["ending"],
        }
    )
    chart = (
        alt.Chart(data)
        .mark_circle(size=70, opacity=0.85)
        .encode(
            x=alt.X("years:Q", title="Years from start to end of support"),
            y=alt.Y("name:N", title=None),
            color=alt.Color("distro:N", scale=distro_colours(windows["distro"]), legend=None),
            tooltip=[alt.Tooltip("name:N", title="Distro"), "line:N", "years:Q", "ending:N"],
        )
        .properties(width="container", height=alt.Step(_step(data["name"].nunique(), 22)))
    )
    return finish(
        chart,
        "How long a release line is supported",
        f"Dot plot of {len(data)} release lines whose start and end of support are both known, one row per "
        f"distribution ({data['name'].nunique()}); the median is {data['years'].median():.1f} years.",
    )


def successor_gaps(gaps: pd.DataFrame, distros: pd.Series) -> alt.Chart:
    """A bar per line: days from its end of support to its successor's start (negative: overlap);
    ``distros`` are all the ids, for the colours."""
    data = pd.DataFrame(
        {
            "label": gaps["name"] + " " + gaps["line"] + " → " + gaps["successor"],
            "distro": gaps["distro"],
            "days": gaps["gap days"],
        }
    )
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("days:Q", title="Days from end of support to the successor's start (negative: overlap)"),
            y=alt.Y("label:N", sort=None, title=None),
            color=alt.Color("distro:N", scale=distro_colours(distros), legend=None),
            tooltip=[alt.Tooltip("label:N", title="Lines"), alt.Tooltip("days:Q", title="Days")],
        )
        .properties(width="container", height=alt.Step(_step(len(data), 16)))
    )
    overlapping = int((data["days"] < 0).sum())
    return finish(
        chart,
        "From a line's end to its successor's start",
        f"Bar chart of {len(data)} release lines with an end of support and a successor: {overlapping} end after "
        "their successor started (negative bars, an overlap in which to migrate), the rest leave a gap.",
    )
