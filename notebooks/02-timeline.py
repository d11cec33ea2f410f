# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Timeline
#
# **Question:** when did each container operating system live, how long do they last, and how does
# the classic five-way comparison of CoreOS, Ubuntu Core, Atomic, RancherOS and Photon OS look against
# the data, then and now?
#
# **How time is treated on this page** (`kb.spans`): a distribution with no sourced first release
# is kept, never dropped, and is drawn as a point at today; a discontinued distribution whose end no
# source gives is not carried to today: it is a faded point at its first release and counts as
# *possibly* supported after its first year. Dates keep their precision (a year stays a year).

# %%
import pandas as pd

import kb
from kb import charts, comparison, features, lineage, spans, survival
from kb.present import esc, findings, names, table

TABLES = (
    "distros",
    "lineage",
    "events",
    "organizations",
    "claims",
    "features",
    "distro_features",
    "distro_runtimes",
)  # what this report reads; a change elsewhere does not rerun it
tables = kb.load(tables=TABLES)
distros = features.compared(tables["distros"])  # the container OSes; upstream bases are roots of lineage only
events = tables["events"]
today = spans.today()
life = spans.lifespans(distros, today)

# %% [markdown]
# ## Lifespans

# %%
charts.lifespans(distros, today)

# %% [markdown]
# Distributions with a date not sourced, shown as points above:

# %%
drawn = charts.drawn_spans(distros, today)
table(drawn[drawn["bound"] != "both ends known"][["id", "name", "status", "since", "until", "bound"]], distro="id")

# %% [markdown]
# ## Supported distributions per year
#
# Certainly supported, and on top, possibly supported (a first release or an end not sourced). The
# last bar's certain count is the home page's "still supported": both come from `kb.spans`.

# %%
charts.active_per_year(distros, today)

# %% [markdown]
# ## How long they last
#
# A Kaplan–Meier estimate: distributions that ended count as events, those still supported are
# censored at today (they have lasted at least that long). The median of the ended ones alone would
# ignore the survivors, which are most of the data.

# %%
durations = survival.durations(distros, today)
curve, median = survival.kaplan_meier(durations)
usable = durations[durations["usable"]]
charts.survival(curve, median, int(usable["observed"].sum()), int((~usable["observed"]).sum()))

# %% [markdown]
# The distributions that ended, with their lifespans (year-precision dates make a lifespan uncertain
# by up to a year):

# %%
ended = durations[durations["observed"]].merge(drawn[["id", "since", "until"]], on="id")
table(
    ended.sort_values("years")
    .assign(years=ended["years"].round(1))
    .rename(columns={"since": "first release", "until": "end of life", "year_precision": "a date is a year only"})[
        ["id", "name", "first release", "end of life", "years", "a date is a year only"]
    ],
    distro="id",
)

# %% [markdown]
# ## Events

# %%
charts.events_timeline(events)

# %%
known_start = life[life["start_known"]].sort_values("start")
left_out = durations[~durations["usable"]]["name"]
busiest = events["date"].dt.year.value_counts()
median_said = (
    "is not reached (more than half are still supported)" if median == float("inf") else f"is {median:.1f} years"
)
findings(
    "every distribution counts; one with a date not sourced is counted as uncertain, never dropped or extended.",
    f"{len(life)} distributions; {len(known_start)} have a sourced first release, the oldest "
    f"{esc(known_start.iloc[0]['name'])} ({known_start.iloc[0]['start'].year}), the newest "
    f"{esc(known_start.iloc[-1]['name'])} ({known_start.iloc[-1]['start'].year}); "
    f"{int((~life['start_known']).sum())} have none: {names(life.loc[~life['start_known'], 'name'])}.",
    f"{spans.supported_now(distros, today)} are supported today; "
    f"{int((life['ending'] == spans.NO_END).sum())} are discontinued with no sourced end: "
    f"{names(life.loc[life['ending'] == spans.NO_END, 'name'])}.",
    f"{int(usable['observed'].sum())} of {len(usable)} datable distributions have ended and "
    f"{int((~usable['observed']).sum())} are still supported (censored); the Kaplan–Meier median lifespan "
    f"{median_said}. The ended ones alone lasted a median of {usable.loc[usable['observed'], 'years'].median():.1f} "
    f"years, a figure that leaves out every survivor. Not datable: {names(left_out)}.",
    f"The busiest year for recorded events is {busiest.idxmax()}, with {busiest.max()} of {len(events)} events; "
    f"{int((events['kind'] == 'acquisition').sum())} are acquisitions.",
)

# %% [markdown]
# ## The classic five-way comparison, against the data
#
# A Chinese article (titled "docker版本升级(linux docker安装部署)"; its public address was not found, so
# its claims carry no source link) compares CoreOS, Ubuntu Snappy (Core), Atomic, RancherOS and
# Photon on seven traits of a container OS: a minimal footprint, atomic updates, clusters by default,
# a Docker daemon that starts by itself, a read-only root, and rollback with dual-partition (A/B)
# updates. It states the traits for container OSes in general; what it says of each system is in
# `data/claims.csv`, each claim with its Chinese words and an English translation. "Atomic" is read as
# Fedora Atomic Host.
#
# For each system: what the article claims, the value at the date of the line-up (the first date by
# which all five had been released, from the data), and today's value.

# %%
CLASSIC = ["coreos-container-linux", "ubuntu-core", "fedora-atomic-host", "rancheros", "photon-os"]
TRAITS = [
    "minimal-footprint",
    "atomic-updates",
    "cluster-ready",
    "container-runtime-autostart",
    "read-only-root",
    "rollback",
    "ab-partitions",
]
WORK = "docker版本升级(linux docker安装部署)"
then, then_text = comparison.lineup_date(tables, CLASSIC)
compared = comparison.compare(tables, WORK, CLASSIC, TRAITS, then, today)
table(compared)

# %% [markdown]
# What explains the changes: ends of life, successors and the acquisitions of the companies behind them.

# %%
graph = lineage.build(tables)
renamed = events[(events["kind"] == "rename") & events["subject"].isin(CLASSIC)]
renamed_in = ", ".join(
    spans.at_precision(v, p) for v, p in zip(renamed["date"], renamed["date_precision"], strict=True)
)
fates = pd.DataFrame(
    [
        {
            "distro": d,
            "name": graph.nodes[d]["name"],
            "status": graph.nodes[d]["status"],
            "end of life": spans.at_precision(*life.set_index("id").loc[d, ["end", "end_precision"]]) or "—",
            "continued by": ", ".join(graph.nodes[c]["name"] for c in lineage.continuations(graph, d)) or "—",
        }
        for d in CLASSIC
    ]
)
table(fates)

# %%
deals = comparison.deals(tables, CLASSIC)
table(deals.assign(date=deals["date"].dt.strftime("%Y-%m-%d"))[["date", "subject_name", "object_name"]])

# %%
claims = tables["claims"][tables["claims"]["work"] == WORK]
stated = compared[compared["article"] != comparison.NOT_STATED]
differs = stated[stated["change"].str.contains("article")]
changed = compared[compared["change"].str.contains("changed")]
gone = fates[fates["status"] == "discontinued"]
findings(
    "a value is compared as written (yes, partial and optional stay apart); 'then' is the value at "
    f"{esc(then_text)}, with '(uncertain)' where that date falls within a bound's precision.",
    f"The line-up dates from {esc(then_text)}, when the last of the five (by first release) came out; CoreOS "
    f"was renamed Container Linux in {esc(renamed_in or 'no recorded year')}, "
    "and the article still calls it CoreOS.",
    f"The article makes {len(claims)} claims about the five; {len(stated) - len(differs)} match the data at the "
    f"line-up date and {len(differs)} do not: "
    + names(
        f"{n} {s} (article {a}, data {t})"
        for n, s, a, t in differs[["name", "subject", "article", "then"]].itertuples(index=False)
    )
    + ".",
    f"{len(changed)} of {len(compared)} system × subject values changed between the line-up and today: "
    f"{int(changed['today'].str.startswith('discontinued').sum())} because the system itself is discontinued, "
    f"{int((~changed['today'].str.startswith('discontinued')).sum())} because the value changed: "
    + names(
        f"{n} {s} ({t} → {w})"
        for n, s, t, w in changed[~changed["today"].str.startswith("discontinued")][
            ["name", "subject", "then", "today"]
        ].itertuples(index=False)
    )
    + ".",
    f"{len(gone)} of the five are discontinued: "
    + names(f"{n} ({e}) → {c}" for n, e, c in gone[["name", "end of life", "continued by"]].itertuples(index=False))
    + ".",
)
