"""One treatment of time: lifespans, periods and values "as of" a date.

Two things are never guessed. An **unknown start** (no sourced first release) is not dropped and not
replaced by another date: the span is kept with ``start_known`` false. **No sourced end** (a
discontinued distro whose end of life no source gives) is not carried to today: its ``end`` stays
missing and its ``ending`` says so. Partial dates keep their precision: a bound given as ``2014`` covers
the whole year, so a date inside that year is *uncertain* against it, never silently 1 January.
"""

from __future__ import annotations

import pandas as pd

from kb import dates
from kb.features import compared
from kb.schema import ALIVE

ENDED, OPEN, NO_END = "ended", "still supported", "no sourced end"


def today() -> pd.Timestamp:
    """The run's one today (``kb.dates.today``: KB_TODAY when set) as a Timestamp, for frames."""
    return pd.Timestamp(dates.today())


def last_day(value: pd.Timestamp, precision: object) -> pd.Timestamp:
    """The last day a partial date covers (the date itself at day precision)."""
    if pd.isna(value):
        return pd.NaT
    if precision == "year":
        return pd.Timestamp(value.year, 12, 31)
    if precision == "month":
        return value + pd.offsets.MonthEnd(0)
    return value


def precision(frame: pd.DataFrame, column: str) -> pd.Series:
    """The precision column of a partial date column ('day' for frames made without one)."""
    name = f"{column}_precision"
    return frame[name].astype("string") if name in frame else pd.Series("day", index=frame.index, dtype="string")


def lifespans(distros: pd.DataFrame, today: pd.Timestamp) -> pd.DataFrame:
    """One row per distro: id, name, status, kind, start, start_precision, start_known, end,
    end_precision and ending (ended, still supported, or no sourced end). Nothing is dropped; ``end``
    is missing unless a sourced end of life has passed."""
    ended = distros["end_of_life"].notna() & (distros["end_of_life"] <= today)
    alive = distros["status"].isin(ALIVE)
    ending = pd.Series(NO_END, index=distros.index).mask(ended, ENDED).mask(alive & ~ended, OPEN)
    return pd.DataFrame(
        {
            "id": distros["id"],
            "name": distros["name"],
            "status": distros["status"].astype("string"),
            "kind": distros["kind"].astype("string") if "kind" in distros else pd.NA,
            "start": distros["first_release"],
            "start_precision": precision(distros, "first_release"),
            "start_known": distros["first_release"].notna(),
            "end": distros["end_of_life"].where(ended),
            "end_precision": precision(distros, "end_of_life").where(ended),
            "ending": ending,
        }
    ).reset_index(drop=True)


def supported_per_year(distros: pd.DataFrame, today: pd.Timestamp) -> pd.DataFrame:
    """For each year from the first sourced release to today's year, how many distros were
    ``certainly`` supported and how many ``possibly`` (an unknown start before a year they were alive
    in, or a year after a release whose end no source gives). The current year's certain count is
    the number of distros supported today. Upstream bases are not counted."""
    spans = lifespans(compared(distros), today)
    first = int(spans["start"].dt.year.min())
    rows = []
    for year in range(first, today.year + 1):
        certain = possible = 0
        for span in spans.itertuples():
            started = span.start_known and span.start.year <= year
            if span.ending == OPEN:
                alive_then = year == today.year or started
                maybe = not span.start_known
            elif span.ending == ENDED:
                alive_then = started and span.end.year >= year
                maybe = not span.start_known and span.end.year >= year
            else:  # no sourced end: alive in its first year, perhaps in the later ones
                alive_then = started and span.start.year == year
                maybe = (started and span.start.year < year) or not span.start_known
            certain += bool(alive_then)
            possible += bool(not alive_then and maybe)
        rows.append({"year": year, "certain": certain, "possible": possible})
    return pd.DataFrame(rows)


def supported_now(distros: pd.DataFrame, today: pd.Timestamp) -> int:
    """How many distros (upstream bases aside) are supported today: the last year's certain count of
    :func:`supported_per_year`, by construction."""
    return int((lifespans(compared(distros), today)["ending"] == OPEN).sum())


def _state(date: pd.Timestamp, since, since_p, until, until_p) -> str:
    """Whether a row with these bounds holds at ``date``: 'holds', 'uncertain' or 'no'.
    An empty since means from the start; an empty until means it still holds."""
    states = []
    if pd.notna(since):
        states.append("no" if date < since else "holds" if date > last_day(since, since_p) else "uncertain")
    if pd.notna(until):
        states.append("no" if date > last_day(until, until_p) else "holds" if date < until else "uncertain")
    if "no" in states:
        return "no"
    return "uncertain" if "uncertain" in states else "holds"


def as_of(rows: pd.DataFrame, subject: str, date: pd.Timestamp | str, value: str = "value") -> pd.DataFrame:
    """The value of every (distro, ``subject``) pair at ``date``, from the since/until of ``rows``
    (distro_features with subject 'feature', distro_runtimes with subject 'runtime' and value
    'support'). Columns: distro, subject, value, state ('holds' or 'uncertain' when the date lies
    within a bound's precision), source. Pairs with no row holding at the date are absent."""
    date = pd.Timestamp(date)
    bounds = zip(rows["since"], precision(rows, "since"), rows["until"], precision(rows, "until"), strict=True)
    state = [_state(date, *bound) for bound in bounds]
    held = rows.assign(state=state)
    held = held[held["state"] != "no"].assign(_sure=lambda f: f["state"] == "holds")
    held = held.sort_values(["distro", subject, "_sure", "since"], na_position="first")
    held = held.drop_duplicates(["distro", subject], keep="last")
    return held[["distro", subject, value, "state", "source"]].reset_index(drop=True)


def at_precision(value: pd.Timestamp, precision: object) -> str:
    """A date written at its precision ('2014', '2014-07', '2014-07-01'); '' when missing."""
    if pd.isna(value):
        return ""
    return {"year": f"{value.year}", "month": value.strftime("%Y-%m")}.get(str(precision), value.strftime("%Y-%m-%d"))


def values_at(tables: dict[str, pd.DataFrame], date: pd.Timestamp | str) -> pd.DataFrame:
    """Every feature value and runtime support of every distro at ``date``, in one frame: distro,
    table ('feature' or 'runtime'), subject (the feature or runtime id), value, state, source."""
    features = as_of(tables["distro_features"], "feature", date)
    runtimes = as_of(tables["distro_runtimes"], "runtime", date, value="support")
    return pd.concat(
        [
            features.rename(columns={"feature": "subject"}).assign(table="feature"),
            runtimes.rename(columns={"runtime": "subject", "support": "value"}).assign(table="runtime"),
        ],
        ignore_index=True,
    )[["distro", "table", "subject", "value", "state", "source"]].astype({"value": "string", "subject": "string"})
