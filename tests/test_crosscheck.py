"""kb crosscheck, offline: a recorded wbgetentities answer (Wikidata Toolkit's Q6/Q42 fixture) on a
local server. That item is Douglas Adams, whose claims include no P571, P178 or P144; the end-to-end
tests read his date of birth (P569), employer (P108) and citizenship (P27) through the same paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import build_package
from feeds import FEEDS, WIKIDATA, add_rows, feed_server, read_rows

import kb.crosscheck as crosscheck
from kb.cli import main


@pytest.fixture
def package(tmp_path: Path, monkeypatch) -> Path:
    """The valid package with acme-os pointing at Q42 and acme-next at Q6 (a missing item)."""
    monkeypatch.setattr(crosscheck, "INCEPTION", "P569")
    monkeypatch.setattr(crosscheck, "DEVELOPER", "P108")
    monkeypatch.setattr(crosscheck, "BASED_ON", "P27")
    folder = build_package(tmp_path / "data")
    rows = read_rows(folder / "distros.csv")
    for row, qid in zip(rows, ("Q42", "Q6"), strict=True):
        row["wikidata"] = qid
    (folder / "distros.csv").write_text(",".join(rows[0]) + "\n", encoding="utf-8")
    add_rows(folder / "distros.csv", rows)
    return folder


def run(capsys, *args: str) -> tuple[int, list[str], list[str]]:
    code = main(["crosscheck", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


def test_disagreements_are_listed_at_the_distro_row(package, capsys) -> None:
    with feed_server() as server:
        code, out, err = run(capsys, str(package), "--feeds-url", server.base)
    lines = [line for line in out if "wikidata-disagrees" in line]
    assert len(lines) == 3 and all(
        line.startswith(f"{package}/distros.csv:2:15: wikidata-disagrees: acme-os (Q42): ") for line in lines
    )
    assert "inception (P571) 1952-03-11; first_release here 2014" in lines[0]
    assert "developer (P178) Q9531; vendor here Acme Systems" in lines[1]
    assert "based on (P144) Q145 (Q145); lineage here: no lineage edge" in lines[2]
    # The labels of Q9531 and Q145 were asked for in a second request, which has no recording.
    assert len(err) == 1 and err[0].startswith(
        "kb crosscheck: https://www.wikidata.org/w/api.php?action=wbgetentities&ids=Q145|Q9531"
    )
    assert err[0].endswith("answered HTTP 404")
    assert out[-1] == "checked 2 Wikidata items: 3 disagreements, 1 failed requests"
    assert code == 1
    asked = [path for path, _ in server.asked]
    assert "ids=Q42|Q6" in asked[0] and "props=claims|labels" in asked[0].replace("%7C", "|")


def test_agreement_is_silent(package, capsys, monkeypatch) -> None:
    text = (package / "distros.csv").read_text(encoding="utf-8")
    (package / "distros.csv").write_text(text.replace(",2014,", ",1952,", 1), encoding="utf-8")
    monkeypatch.setattr(crosscheck, "DEVELOPER", "P9999")
    monkeypatch.setattr(crosscheck, "BASED_ON", "P9999")
    with feed_server() as server:
        code, out, err = run(capsys, str(package), "--feeds-url", server.base)
    assert (code, err, out) == (0, [], ["checked 2 Wikidata items: 0 disagreements, 0 failed requests"])


def test_github_annotations_are_warnings(package, capsys) -> None:
    with feed_server() as server:
        _, out, _ = run(capsys, str(package), "--feeds-url", server.base, "--format", "github")
    annotations = [line for line in out if line.startswith("::warning file=")]
    assert len(annotations) == 3 and all("title=wikidata-disagrees::acme-os (Q42)" in line for line in annotations)


def test_time_values_keep_their_precision() -> None:
    recorded = json.loads((FEEDS / WIKIDATA).read_text())["entities"]["Q42"]
    (born,) = crosscheck.values(recorded, "P569")
    assert crosscheck.time_text(born) == "1952-03-11"
    assert crosscheck.time_text(born | {"precision": 9}) == "1952"
    assert crosscheck.time_text(born | {"precision": 7}) is None  # a century says nothing about a release
    (employer,) = crosscheck.values(recorded, "P108")
    assert crosscheck.item_id(employer) == "Q9531"
    assert crosscheck.same_date("2014-07", "2014") and not crosscheck.same_date("2014-07", "2014-08-01")
