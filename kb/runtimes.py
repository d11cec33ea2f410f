"""Container runtimes over time: the periods each distro shipped each runtime, and how they ended.

Periods follow kb.spans: an empty since means from the distro's first release (unknown when that is
unknown); an empty until ends at the distro's end of life, stays open while the distro is supported,
and is missing ("no sourced end") for a discontinued distro whose end no source gives.
"""

from __future__ import annotations

import pandas as pd

from kb import spans
from kb.schema import ALIVE

NOT_GIVEN = "not given"


def periods(tables: dict[str, pd.DataFrame], today: pd.Timestamp) -> pd.DataFrame:
    """One row per distro_runtimes row that shipped the runtime (removed rows are left out): distro,
    name, runtime, support, start (NaT when unknown), end (NaT while open or when no end is sourced),
    ending (ended, still supported or no sourced end) and ended (why, from the data)."""
    life = spans.lifespans(tables["distros"], today).set_index("id")
    rows = tables["distro_runtimes"]
    rows = rows[rows["support"] != "removed"]
    life_end = rows["distro"].map(life["end"])
    own_end = rows["until"].where(rows["until"] <= today)
    end = own_end.fillna(life_end)
    ending = rows["distro"].map(life["ending"]).astype("string").mask(own_end.notna(), spans.ENDED)
    ended = rows["ended"].astype("string") if "ended" in rows else pd.Series(pd.NA, index=rows.index)
    return pd.DataFrame(
        {
            "distro": rows["distro"],
            "name": rows["distro"].map(life["name"]),
            "runtime": rows["runtime"].astype("string"),
            "support": rows["support"].astype("string"),
            "start": rows["since"].fillna(rows["distro"].map(life["start"])),
            "end": end,
            "ending": ending,
            "ended": ended,
        }
    ).reset_index(drop=True)


def defaults_per_year(tables: dict[str, pd.DataFrame], today: pd.Timestamp) -> pd.DataFrame:
    """For each year and runtime, how many distros had it as their default at the end of that year
    (or at their end, in their last year): each distro counts once a year. Periods with an unknown
    start or no sourced end count only in the years they certainly cover."""
    data = periods(tables, today)
    data = data[(data["support"] == "default") & data["start"].notna()]
    rows = []
    for row in data.itertuples():
        last = row.end.year if pd.notna(row.end) else today.year if row.ending == spans.OPEN else row.start.year
        rows += [
            {"year": y, "runtime": row.runtime, "distro": row.distro, "start": row.start}
            for y in range(row.start.year, last + 1)
        ]
    frame = pd.DataFrame(rows, columns=["year", "runtime", "distro", "start"])
    frame = frame.sort_values(["distro", "year", "start"]).drop_duplicates(["distro", "year"], keep="last")
    return frame.groupby(["year", "runtime"]).size().rename("distros").reset_index()


def defaults_today(tables: dict[str, pd.DataFrame], today: pd.Timestamp) -> pd.DataFrame:
    """The default runtime of each supported distro today: distro, runtime, state (from kb.spans.as_of)."""
    rows = tables["distro_runtimes"]
    held = spans.as_of(rows, "runtime", today, value="support")
    alive = set(tables["distros"].loc[tables["distros"]["status"].isin(ALIVE), "id"])
    return held[(held["support"] == "default") & held["distro"].isin(alive)].reset_index(drop=True)


def endings(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """How runtime rows ended, by kind (distro_runtimes.ended; 'not given' for an until without one),
    counting each (distro, runtime, kind) once, with the runtimes concerned."""
    rows = tables["distro_runtimes"]
    rows = rows[rows["until"].notna() | (rows["support"] == "removed")]
    kind = rows["ended"].astype("string") if "ended" in rows else pd.Series(pd.NA, index=rows.index, dtype="string")
    kind = kind.fillna(pd.Series("removed", index=rows.index).where(rows["support"] == "removed")).fillna(NOT_GIVEN)
    merged = pd.DataFrame({"distro": rows["distro"], "runtime": rows["runtime"].astype("string"), "kind": kind})
    merged = merged.drop_duplicates()
    return (
        merged.groupby("kind")
        .agg(
            rows=("distro", "size"),
            distros=("distro", "nunique"),
            runtimes=("runtime", lambda r: ", ".join(sorted(set(r)))),
        )
        .reset_index()
        .sort_values(["rows", "kind"], ascending=[False, True])
        .reset_index(drop=True)
    )


def grid(tables: dict[str, pd.DataFrame], today: pd.Timestamp) -> pd.DataFrame:
    """One row per (distro, runtime) ever recorded: name, runtime, support (its latest row's support, or
    'ended' when every row has ended), ended (why, when given) and years ('2015–2020', '2019–' while open,
    '?' for a date not sourced)."""
    rows = tables["distro_runtimes"]
    life = spans.lifespans(tables["distros"], today).set_index("id")
    records = []
    for (distro, runtime), group in rows.groupby(["distro", "runtime"], observed=True):
        group = group.sort_values("since", na_position="first")
        latest = group.iloc[-1]
        shipped = group[group["support"] != "removed"]
        over = latest["support"] == "removed" or (pd.notna(latest["until"]) and latest["until"] <= today)
        start = shipped["since"].min() if len(shipped) and shipped["since"].notna().all() else life.loc[distro, "start"]
        first = "?" if pd.isna(start) else f"{start.year}"
        ends = group["until"].dropna()
        last = f"{ends.max().year}" if over and len(ends) else "" if not over else "?"
        if not over and life.loc[distro, "ending"] != spans.OPEN:
            over, last = True, (f"{life.loc[distro, 'end'].year}" if pd.notna(life.loc[distro, "end"]) else "?")
        why = (
            latest["ended"]
            if "ended" in group and pd.notna(latest["ended"])
            else ("removed" if latest["support"] == "removed" else "")
        )
        records.append(
            {
                "distro": distro,
                "name": life.loc[distro, "name"],
                "runtime": str(runtime),
                "support": "ended" if over else str(latest["support"]),
                "ended": why
                or ("distro ended" if life.loc[distro, "ending"] != spans.OPEN else NOT_GIVEN if over else ""),
                "years": f"{first}–{last}",
            }
        )
    return pd.DataFrame(records, columns=["distro", "name", "runtime", "support", "ended", "years"])
