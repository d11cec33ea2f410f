"""Lifespans with censoring: a Kaplan–Meier estimate of how long distributions stay supported.

A distribution that ended contributes its lifespan as an event; one still supported contributes the
time from its first release to today, censored (it has lasted at least that long). Distributions with
no sourced first release, or discontinued with no sourced end, cannot be placed and are listed apart.
Durations run from the first day each date covers, so a year-precision date is uncertain by up to a year.
"""

from __future__ import annotations

import pandas as pd

from kb import spans

YEAR = 365.25


def durations(distros: pd.DataFrame, today: pd.Timestamp) -> pd.DataFrame:
    """One row per distro: name, years (to its end of life, or to today while supported), observed
    (true when it ended) and usable (false when the start or the end is not sourced)."""
    life = spans.lifespans(distros, today)
    end = life["end"].where(life["ending"] == spans.ENDED, today)
    usable = life["start_known"] & (life["ending"] != spans.NO_END)
    return pd.DataFrame(
        {
            "id": life["id"],
            "name": life["name"],
            "years": ((end - life["start"]).dt.days / YEAR).where(usable),
            "observed": life["ending"] == spans.ENDED,
            "usable": usable,
            "year_precision": ((life["start_precision"] == "year") | (life["end_precision"] == "year")).fillna(False),
        }
    )


def kaplan_meier(data: pd.DataFrame) -> tuple[pd.DataFrame, float]:
    """The survival curve (years, survival, lower, upper: 95% interval) of the usable rows of
    :func:`durations`, and the median lifespan in years (inf when the curve never falls to 0.5)."""
    from lifelines import KaplanMeierFitter

    rows = data[data["usable"]]
    fitter = KaplanMeierFitter().fit(rows["years"], event_observed=rows["observed"])
    interval = fitter.confidence_interval_survival_function_
    curve = pd.DataFrame(
        {
            "years": fitter.survival_function_.index.to_numpy(),
            "survival": fitter.survival_function_.iloc[:, 0].to_numpy(),
            "lower": interval.iloc[:, 0].to_numpy(),
            "upper": interval.iloc[:, 1].to_numpy(),
        }
    )
    return curve, float(fitter.median_survival_time_)
