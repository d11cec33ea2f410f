"""Container runtimes over time: the periods each distro shipped each runtime."""

from __future__ import annotations

import pandas as pd


def periods(tables: dict[str, pd.DataFrame], today: pd.Timestamp) -> pd.DataFrame:
    """One row per distro_runtimes row with a concrete start and end: an open start falls back to
    the distro's first release, an open end to its end of life or today. Removed rows are left out."""
    distros = tables["distros"].set_index("id")
    rows = tables["distro_runtimes"]
    rows = rows[rows["support"] != "removed"]
    first = rows["distro"].map(distros["first_release"])
    last = rows["distro"].map(distros["end_of_life"])
    end = rows["until"].fillna(last).fillna(today)
    data = pd.DataFrame(
        {
            "distro": rows["distro"],
            "name": rows["distro"].map(distros["name"]),
            "runtime": rows["runtime"].astype("string"),
            "support": rows["support"].astype("string"),
            "start": rows["since"].fillna(first),
            "end": end.where(end < today, today),
        }
    )
    return data.dropna(subset=["start"]).reset_index(drop=True)


def defaults_per_year(tables: dict[str, pd.DataFrame], today: pd.Timestamp) -> pd.DataFrame:
    """For each year and runtime, how many distros ran it by default at some point of that year."""
    data = periods(tables, today)
    data = data[data["support"] == "default"]
    rows = [
        {"year": year, "runtime": row.runtime, "distro": row.distro}
        for row in data.itertuples()
        for year in range(row.start.year, row.end.year + 1)
    ]
    frame = pd.DataFrame(rows, columns=["year", "runtime", "distro"]).drop_duplicates()
    return frame.groupby(["year", "runtime"]).size().rename("distros").reset_index()
