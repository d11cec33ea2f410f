"""The validator against one tiny fixture per error code, compared as (file, line, code) tables."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import DEFECTS, FILES, FIXTURES, build_package

from kb.validation import validate
from kb.validation.catalogue import CATALOGUE, TAGS

TODAY = dt.date(2026, 1, 15)


def expected_issues(defect: str) -> list[tuple[str, int, str]]:
    with open(FIXTURES / "defects" / defect / "expected.csv", newline="") as file:
        return sorted((row["file"], int(row["line"]), row["code"]) for row in csv.DictReader(file))


def found_issues(package: Path) -> list[tuple[str, int, str]]:
    report = validate(package, today=TODAY)
    return sorted((Path(issue.path).name, issue.line, issue.code) for issue in report.issues)


def test_the_valid_fixture_is_clean(valid_package: Path) -> None:
    report = validate(valid_package, today=TODAY)
    assert report.issues == []
    assert report.rows == 21 and report.files == FILES


@pytest.mark.parametrize("defect", DEFECTS)
def test_each_defect_is_reported_where_it_is(defect: str, tmp_path: Path) -> None:
    assert found_issues(build_package(tmp_path / "data", defect)) == expected_issues(defect)


def test_every_code_has_a_description_and_a_fixture() -> None:
    for code in CATALOGUE.values():
        assert code.title and len(code.meaning) > 20 and code.fix, code.code
        assert code.tags and set(code.tags) <= set(TAGS), code.code
    # codes of the commands that read the network have their own tests (test_links, test_evidence)
    assert sorted(name for name, code in CATALOGUE.items() if "network" not in code.tags) == DEFECTS
    for defect in DEFECTS:
        assert defect in {code for _, _, code in expected_issues(defect)}


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    package = build_package(tmp_path / "data", "required")
    for defect in ("unknown-reference", "blank-line", "insecure-url"):
        for file in (FIXTURES / "defects" / defect).glob("*.csv"):
            if file.name != "expected.csv" and file.name != "distros.csv":
                (package / file.name).write_bytes(file.read_bytes())
    codes = {code for _, _, code in found_issues(package)}
    assert {"required", "blank-line", "insecure-url"} <= codes


def test_positions_are_physical_lines_and_schema_columns(tmp_path: Path) -> None:
    package = build_package(tmp_path / "data")
    text = (package / "distros.csv").read_text()
    # a quoted cell spanning two lines pushes the next row one line down
    text = text.replace("A tiny container host. It updated itself.", '"A tiny container host.\nIt updated itself."')
    (package / "distros.csv").write_text(text.replace("acme-next,Acme Next,globex", "acme-next,Acme Next,globexx"))
    issues = validate(package, today=TODAY).issues
    located = [(issue.line, issue.column, issue.code) for issue in issues]
    assert (2, 10, "control-character") in located  # description is the 10th column
    assert (4, 3, "unknown-reference") in located  # vendor, on the row's physical line


def test_did_you_mean(tmp_path: Path) -> None:
    issues = validate(build_package(tmp_path / "data", "unknown-reference"), today=TODAY).issues
    assert "did you mean 'globex'?" in issues[0].message


def test_future_end_of_life_is_allowed_but_future_history_is_not(tmp_path: Path) -> None:
    package = build_package(tmp_path / "data")
    events = (package / "events.csv").read_text()
    events += (
        "2027-06,end-of-life,acme-next,,,acme-docs,2024-05-01,It ends in June 2027.,stated\n"
        "2027-06,release,acme-next,,,acme-docs,2024-05-01,It comes out in June 2027.,stated\n"
    )
    (package / "events.csv").write_text(events)
    assert found_issues(package) == [("events.csv", 5, "future-date")]


def test_identifiers_follow_their_registry_patterns(tmp_path: Path) -> None:
    package = build_package(tmp_path / "data")
    text = (package / "distros.csv").read_text()
    # wikidata, distrowatch, endoflife_date, cncf_landscape follow end_of_life_source
    text = text.replace(",globex-news,,,,,2024-05-01,", ",globex-news,Q0,acme os,acme..os,acme---os,2024-05-01,")
    (package / "distros.csv").write_text(
        text.replace(",acme-docs,,,,,,,2024-05-01,", ",acme-docs,,,Q42,acme,acme-os,acme--os,2024-05-01,")
    )
    issues = validate(package, today=TODAY).issues
    assert [(issue.line, issue.column, issue.code) for issue in issues] == [
        (2, column, "pattern-mismatch") for column in (15, 16, 17, 18)
    ]
    assert "it must match Q[1-9][0-9]*" in issues[0].message


def test_a_required_organization_source_comes_from_the_schema(tmp_path: Path) -> None:
    package = build_package(tmp_path / "data")
    text = (package / "organizations.csv").read_text()
    (package / "organizations.csv").write_text(
        text.replace("https://globex.example.org/,acme-docs,", "https://globex.example.org/,,")
    )
    assert validate(package, today=TODAY).ok  # optional in this descriptor
    descriptor = json.loads((package / "datapackage.json").read_text())
    organizations = next(resource for resource in descriptor["resources"] if resource["name"] == "organizations")
    source = next(field for field in organizations["schema"]["fields"] if field["name"] == "source")
    source["constraints"]["required"] = True
    (package / "datapackage.json").write_text(json.dumps(descriptor))
    assert found_issues(package) == [("organizations.csv", 3, "required")]


def test_each_cycle_is_blamed_on_its_latest_edge(tmp_path: Path) -> None:
    package = build_package(tmp_path / "data")
    edge = ",successor,2019,,acme-docs,2024-05-01,The page says so.,stated\n"
    rows = ["acme-os,acme-next", "acme-next,acme-os", "acme-os,acme-next-2", "acme-next-2,acme-next-3",
            "acme-next-3,acme-os", "acme-next-2,acme-os"]  # fmt: skip
    header = (package / "lineage.csv").read_text().splitlines()[0]
    (package / "lineage.csv").write_text(header + "\n" + "".join(row + edge for row in rows))
    cycles = [issue for issue in validate(package, today=TODAY).issues if issue.code == "lineage-cycle"]
    assert [(issue.line, issue.message) for issue in cycles] == [
        (3, "lineage cycle: acme-os -> acme-next -> acme-os"),
        (6, "lineage cycle: acme-os -> acme-next-2 -> acme-next-3 -> acme-os"),
        (7, "lineage cycle: acme-os -> acme-next-2 -> acme-os"),
    ]


def test_a_coarser_event_is_flagged_for_any_finer_one_within_it(tmp_path: Path) -> None:
    package = build_package(tmp_path / "data")
    tail = ",acquisition,globex,acme,,globex-news,2024-05-01,Globex buys Acme.,stated\n"
    text = (package / "events.csv").read_text()
    (package / "events.csv").write_text(text + "".join(date + tail for date in ("2019", "2019-03", "2019-04", "2020")))
    duplicates = [(issue.line, issue.message) for issue in validate(package, today=TODAY).issues]
    assert duplicates == [
        (4, "this acquisition event repeats line 2 at a coarser date"),  # 2019 holds 2019-03-01 and 2019-03
        (5, "this acquisition event repeats line 2 at a coarser date"),  # 2019-03 holds 2019-03-01
    ]
