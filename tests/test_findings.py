"""Every notebook's key findings, recomputed from the CSVs by an independent route (the csv module and
plain Python, none of the kb helpers under test) and compared with what kb reports to the notebooks
and the home page."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from html import unescape

import pandas as pd
import pytest
from conftest import read_rows

import kb
from kb import charts, comparison, features, lineage, runtimes, spans, survival
from kb.schema import locate_data
from kb.site import home
from kb.validation.descriptor import read_package

TODAY = dt.date(2026, 12, 1)
STAMP = pd.Timestamp(TODAY)
ALIVE = {"active", "maintenance"}


def first_day(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


@pytest.fixture(scope="module")
def tables():
    return kb.load()


@pytest.fixture(scope="module")
def distros() -> list[dict[str, str]]:
    return [d for d in read_rows("distros") if d["kind"] != "upstream-base"]


def current_values() -> dict[tuple[str, str], dict[str, str]]:
    """(distro, feature) -> the row in force now, or the one that ended last."""
    chosen: dict[tuple[str, str], dict[str, str]] = {}
    for row in read_rows("distro_features"):
        key = (row["distro"], row["feature"])
        old = chosen.get(key)
        rank = (row["until"] == "", row["until"], row["since"])
        if old is None or rank > (old["until"] == "", old["until"], old["since"]):
            chosen[key] = row
    return chosen


def test_home_still_supported_matches_the_chart_and_the_data(tables, distros) -> None:
    expected = sum(
        1 for d in distros if d["status"] in ALIVE and (not d["end_of_life"] or first_day(d["end_of_life"]) > TODAY)
    )
    assert spans.supported_now(tables["distros"], STAMP) == expected
    site = type("S", (), {"tables": tables, "today": STAMP, "package": read_package(locate_data())})()
    assert f'<span class="kb-number">{expected}</span> still supported' in home.counts(site)
    assert (
        f"Today {expected} are supported"
        in charts.active_per_year(tables["distros"], STAMP).to_dict()["title"]["subtitle"]
    )


def test_timeline_counts_nobody_twice_and_drops_nobody(tables, distros) -> None:
    no_start = {d["id"] for d in distros if not d["first_release"]}
    no_end = {d["id"] for d in distros if d["status"] == "discontinued" and not d["end_of_life"]}
    life = spans.lifespans(features.compared(tables["distros"]), STAMP)
    assert set(life.loc[~life["start_known"], "id"]) == no_start
    assert set(life.loc[life["ending"] == spans.NO_END, "id"]) == no_end
    drawn = set(charts.drawn_spans(features.compared(tables["distros"]), STAMP)["id"])
    compared = {d["id"] for d in read_rows("distros") if d["kind"] != "upstream-base"}
    assert compared == drawn  # every distribution is on the lifespans chart; upstream bases are not compared


def test_kaplan_meier_by_hand(tables, distros) -> None:
    times = []
    for d in distros:
        if not d["first_release"] or (d["status"] == "discontinued" and not d["end_of_life"]):
            continue
        start = first_day(d["first_release"])
        ended = bool(d["end_of_life"]) and first_day(d["end_of_life"]) <= TODAY
        end = first_day(d["end_of_life"]) if ended else TODAY
        times.append(((end - start).days / 365.25, ended))
    survival_at, at_risk = 1.0, len(times)
    curve = {}
    for t in sorted({t for t, _ in times}):
        deaths = sum(1 for u, e in times if u == t and e)
        survival_at *= 1 - deaths / at_risk
        at_risk -= sum(1 for u, _ in times if u == t)
        curve[t] = survival_at
    data = survival.durations(tables["distros"], STAMP)
    fitted, median = survival.kaplan_meier(data)
    assert int(data["observed"].sum()) == sum(e for _, e in times)
    for t, value in curve.items():
        assert fitted.set_index("years")["survival"][t] == pytest.approx(value)
    below = [t for t, v in curve.items() if v <= 0.5]
    assert median == (min(below) if below else float("inf"))


def test_security_ranking_shows_yes_and_partial_apart(tables) -> None:
    catalogue = {f["id"] for f in read_rows("features") if f["category"] == "security"}
    compared = {d["id"] for d in read_rows("distros") if d["kind"] != "upstream-base"}
    counts: dict[str, Counter] = defaultdict(Counter)
    for (distro, feature), row in current_values().items():
        if feature in catalogue and distro in compared:
            counts[distro][row["value"]] += 1
    tally = features.tally(features.cells(tables, "security"), "distro").set_index("distro")
    for distro in compared:
        for value in ("yes", "partial", "optional", "no"):
            assert tally.loc[distro, value] == counts[distro][value], (distro, value)
        assert tally.loc[distro, "known"] == sum(counts[distro].values())


def test_feature_shares_divide_by_the_known_cells(tables) -> None:
    compared = {d["id"] for d in read_rows("distros") if d["kind"] != "upstream-base"}
    values = {k: r["value"] for k, r in current_values().items() if k[0] in compared}
    tally = features.tally(features.cells(tables), "feature").set_index("feature")
    for feature in ("fips", "dm-verity", "apparmor", "ignition", "image-based-updates"):
        known = [v for (d, f), v in values.items() if f == feature]
        assert tally.loc[feature, "known"] == len(known)
        assert tally.loc[feature, "yes share"] == pytest.approx(known.count("yes") / len(known))


def test_lines_follow_successor_fork_and_rebrand_only(tables) -> None:
    parent = {d["id"]: d["id"] for d in read_rows("distros")}

    def root(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    for edge in read_rows("lineage"):
        if edge["relation"] in ("successor", "fork", "rebrand"):
            parent[root(edge["from"])] = root(edge["to"])
    groups: dict[str, set[str]] = defaultdict(set)
    for distro in parent:
        groups[root(distro)].add(distro)
    assert sorted(map(sorted, groups.values())) == sorted(map(sorted, lineage.families(lineage.build(tables))))


def test_defaults_today(tables) -> None:
    alive = {d["id"] for d in read_rows("distros") if d["status"] in ALIVE}
    expected = set()
    for row in read_rows("distro_runtimes"):
        starts = not row["since"] or first_day(row["since"]) <= TODAY
        goes_on = not row["until"] or last_day(row["until"]) >= TODAY
        if row["support"] == "default" and row["distro"] in alive and starts and goes_on:
            expected.add((row["distro"], row["runtime"]))
    found = runtimes.defaults_today(tables, STAMP)
    assert set(zip(found["distro"], found["runtime"], strict=True)) == expected


def test_defaults_per_year_never_count_a_distro_twice(tables) -> None:
    defaults = runtimes.defaults_per_year(tables, STAMP)
    per_year = defaults.groupby("year")["distros"].sum()
    with_default = {r["distro"] for r in read_rows("distro_runtimes") if r["support"] == "default"}
    assert per_year.max() <= len(with_default)


def test_runtime_endings_by_kind(tables) -> None:
    seen = set()
    for row in read_rows("distro_runtimes"):
        if row["until"] or row["support"] == "removed":
            kind = row["ended"] or ("removed" if row["support"] == "removed" else "not given")
            seen.add((row["distro"], row["runtime"], kind))
    counted = runtimes.endings(tables).set_index("kind")["rows"]
    assert counted.to_dict() == dict(Counter(kind for _, _, kind in seen))


def test_updates_ignition_and_image_based_counted_alike(tables) -> None:
    compared = {d["id"] for d in read_rows("distros") if d["kind"] != "upstream-base"}
    values = {k: r["value"] for k, r in current_values().items() if k[0] in compared}
    tally = features.tally(features.cells(tables), "feature").set_index("feature")
    for feature in ("ignition", "image-based-updates", "ab-partitions"):
        for value in ("yes", "partial", "optional"):
            expected = sum(1 for (d, f), v in values.items() if f == feature and v == value)
            assert tally.loc[feature, value] == expected


def test_chooser_strict_example(tables) -> None:
    values = {k: r["value"] for k, r in current_values().items()}
    supported = [d for d in read_rows("distros") if d["status"] != "discontinued" and d["kind"] != "upstream-base"]
    strict = ["selinux", "no-ssh", "automatic-updates", "image-based-updates"]
    expected = sorted(d["name"] for d in supported if all(values.get((d["id"], f)) == "yes" for f in strict))
    wide = features.wide(tables)
    rows = wide[wide["status"] != "discontinued"]
    for feature in strict:
        rows = rows[rows[feature] == "yes"]
    assert sorted(rows["name"]) == expected


def test_data_quality_basis_counts(tables) -> None:
    compared = {d["id"] for d in read_rows("distros") if d["kind"] != "upstream-base"}
    rows = [r for k, r in current_values().items() if k[0] in compared]
    grid = features.cells(tables)
    assert len(grid) == len(compared) * len(read_rows("features"))
    assert int((grid["basis"] == "stated").sum()) == sum(r["basis"] == "stated" for r in rows)
    assert int((grid["basis"] == "inferred").sum()) == sum(r["basis"] == "inferred" for r in rows)


CLASSIC = ["coreos-container-linux", "ubuntu-core", "fedora-atomic-host", "rancheros", "photon-os"]


def test_the_classic_lineup_date_and_its_values(tables) -> None:
    firsts = {d["id"]: d["first_release"] for d in read_rows("distros") if d["id"] in CLASSIC}
    latest = max(firsts.values(), key=last_day)
    then, text = comparison.lineup_date(tables, CLASSIC)
    assert text == latest and then.date() == last_day(latest)
    report = comparison.compare(tables, comparison_work(), CLASSIC, ["read-only-root"], then, STAMP)
    for claim in read_rows("claims"):
        row = report[(report["distro"] == claim["distro"]) & (report["subject"] == claim["subject"])]
        assert row["article"].tolist() == [claim["value"]]
    rows = {(r["distro"], r["feature"]): r for r in read_rows("distro_features")}
    for distro in CLASSIC:
        source = [
            r
            for (d, f), r in rows.items()
            if d == distro
            and f == "read-only-root"
            and (not r["since"] or last_day(r["since"]) < then.date())
            and (not r["until"] or first_day(r["until"]) > then.date())
        ]
        shown = report[(report["distro"] == distro) & (report["subject"] == "read-only-root")]["then"].item()
        assert shown == (source[0]["value"] if source else comparison.NO_ROW)


def comparison_work() -> str:
    return read_rows("claims")[0]["work"]


def test_claims_quote_the_article_in_its_language() -> None:
    for claim in read_rows("claims"):
        assert re.search(r"[\u4e00-\u9fff]", claim["quote"]) and len(claim["quote"]) <= 200
        assert claim["note"] and claim["value"]
    subjects = {f["id"] for f in read_rows("features")} | {r["id"] for r in read_rows("runtimes")}
    assert {c["subject"] for c in read_rows("claims")} <= subjects


def page_text(site, notebook: str) -> str:
    """The visible text of a built notebook page, whitespace collapsed."""
    html = (site / "notebooks" / notebook / "index.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


@pytest.mark.slow
def test_the_published_notebooks_say_what_the_data_says(site) -> None:
    """The findings as published, against the independent counts (today as the build saw it)."""
    today = dt.date.today()
    compared = [d for d in read_rows("distros") if d["kind"] != "upstream-base"]
    alive = [
        d for d in compared if d["status"] in ALIVE and (not d["end_of_life"] or first_day(d["end_of_life"]) > today)
    ]
    assert f"{len(alive)} are supported today" in page_text(site, "02-timeline")

    values = {k: r["value"] for k, r in current_values().items() if k[0] in {d["id"] for d in compared}}
    talos = Counter(values.get(("talos", f), "unknown") for f in SECURITY)
    row = " ".join(str(talos[v]) for v in ("yes", "partial", "optional", "no", "unknown"))
    assert f"Talos Linux {row} {len(SECURITY) - talos['unknown']} " in page_text(site, "04-security")

    ignition = Counter(v for (d, f), v in values.items() if f == "ignition")
    known = sum(ignition.values())
    expected = (
        f"Ignition ({ignition['yes']} yes, {ignition['partial']} partial, {ignition['optional']} optional "
        f"of {known} known)"
    )
    assert expected in page_text(site, "05-updates-provisioning")

    cells = len(compared) * len(read_rows("features"))
    assert f"{len(values)} of {cells} distribution × feature cells" in page_text(site, "07-data-quality")
    supported_now = [d["id"] for d in compared if d["status"] in ALIVE]
    dated = {r["distro"] for r in read_rows("releases") if r["latest_version"] and r["latest_date"]}
    with_release = sum(d in dated for d in supported_now)
    assert (
        f"{with_release} of {len(supported_now)} supported distributions have a dated latest release; "
        f"the other {len(supported_now) - with_release} have none"
    ) in page_text(site, "07-data-quality")

    strict = ["selinux", "no-ssh", "automatic-updates", "image-based-updates"]
    supported = [d for d in compared if d["status"] != "discontinued"]
    qualify = [d for d in supported if all(values.get((d["id"], f)) == "yes" for f in strict)]
    assert f"updates all required: {len(qualify)} qualify" in page_text(site, "06-chooser")


SECURITY = {f["id"] for f in read_rows("features") if f["category"] == "security"}
