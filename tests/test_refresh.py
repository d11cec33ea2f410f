"""kb refresh, offline: recorded feed payloads on a local HTTP server, a small data package."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_package
from feeds import add_rows, feed_server, read_rows

from kb.cli import main
from kb.refresh.diff import ADDED, CHANGED, DISAGREES, SAME, UPDATED, compare
from kb.refresh.model import Feed, Proposal, version_key
from kb.validation import validate

TODAY = "2026-12-01"
DISTROS = ("fedora-coreos", "flatcar", "talos", "ubuntu-core", "bottlerocket")


@pytest.fixture
def package(tmp_path: Path, monkeypatch) -> Path:
    """The valid fixture package with the distributions the adapters feed."""
    monkeypatch.setenv("KB_TODAY", TODAY)
    monkeypatch.delenv("KB_FEEDS_URL", raising=False)
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    folder = build_package(tmp_path / "data")
    add_rows(
        folder / "distros.csv",
        [
            {"id": d, "name": d.title(), "vendor": "acme", "status": "active", "kind": "upstream-base",
             "description": "A test row.", "source": "acme-docs", "checked": "2024-05-01"}
            for d in DISTROS
        ],
    )  # fmt: skip
    assert validate(folder).ok
    return folder


def refresh(capsys, *args: str) -> tuple[int, list[str], list[str]]:
    code = main(["refresh", *args])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


def release(folder: Path, distro: str, line: str) -> dict[str, str]:
    return next(r for r in read_rows(folder / "releases.csv") if (r["distro"], r["line"]) == (distro, line))


def test_dry_run_prints_the_diff_with_sources_and_writes_nothing(package, capsys) -> None:
    before = {p.name: p.read_bytes() for p in package.iterdir()}
    with feed_server() as server:
        code, out, err = refresh(capsys, str(package), "--dry-run", "--feeds-url", server.base)
    assert (
        "+ releases flatcar stable: started ∅ → 2018-04-25, latest_version ∅ → 4593.2.5, latest_date ∅ → "
        "2026-08-13 (https://www.flatcar.org/releases-json/releases-stable.json)"
    ) in out
    assert (
        "+ releases fedora-coreos stable: latest_version ∅ → 33.20201201.3.0 "
        "(https://builds.coreos.fedoraproject.org/streams/stable.json)"
    ) in out
    assert (
        "+ releases talos 1.0: started ∅ → 2017-10-10, latest_version ∅ → 1.0.0, latest_date ∅ → 2017-10-10 "
        "(https://api.github.com/repos/siderolabs/talos/releases?per_page=100)"
    ) in out
    assert (
        "+ releases ubuntu-core 24: latest_version ∅ → 6.4, latest_date ∅ → 2019-04-17 "
        "(https://api.snapcraft.io/v2/snaps/info/core24?fields=version)"
    ) in out
    assert not any("stable-4593" in line for line in out)  # a tag that is not a Talos version
    assert out[-1].endswith("nothing written (--dry-run)")
    assert {p.name: p.read_bytes() for p in package.iterdir()} == before
    # Feeds with no recording answer 404: one line each, the others went on, and the exit code says so.
    assert code == 1
    assert "kb refresh: flatcar: https://www.flatcar.org/releases-json/releases-beta.json: answered HTTP 404" in err
    assert (
        "kb refresh: bottlerocket: https://api.github.com/repos/bottlerocket-os/bottlerocket/releases"
        "?per_page=100: answered HTTP 404"
    ) in err
    assert all(line.startswith("kb refresh: ") for line in err)


def test_rows_are_written_validated_with_the_feed_as_source(package, capsys) -> None:
    with feed_server() as server:
        code, out, _ = refresh(capsys, str(package), "--only", "flatcar", "--feeds-url", server.base)
    assert code == 1  # beta and alpha have no recording
    row = release(package, "flatcar", "stable")
    assert row | {"note": ""} == {
        "distro": "flatcar", "line": "stable", "kind": "channel", "started": "2018-04-25",
        "latest_version": "4593.2.5", "latest_date": "2026-08-13", "end_of_support": "", "rolling": "yes",
        "note": "", "source": "feed-flatcar-stable", "end_of_support_source": "", "checked": TODAY,
        "quote": "4593.2.5", "basis": "stated",
    }  # fmt: skip
    assert "earliest version" in row["note"]
    assert release(package, "flatcar", "lts")["latest_version"] == "4081.3.9"
    source = next(r for r in read_rows(package / "sources.csv") if r["id"] == "feed-flatcar-stable")
    assert source["url"] == "https://www.flatcar.org/releases-json/releases-stable.json"
    assert (source["type"], source["accessed"]) == ("feed", TODAY)
    # The quote stands in the payload, as kb evidence will look for it.
    assert (
        '"4593.2.5"'
        in (Path(__file__).parent / "fixtures/feeds/www.flatcar.org/releases-json/releases-stable.json").read_text()
    )
    assert validate(package).ok
    assert out[-1] == "2 added, 0 changed (0 stated rows moved on to a newer version), 0 disagreements, 2 feeds failed"


def test_a_stated_row_moves_on_only_to_a_newer_version(package, capsys) -> None:
    stated = {"distro": "flatcar", "kind": "channel", "rolling": "yes", "source": "acme-docs",
              "checked": "2024-05-01", "basis": "stated", "quote": "A test row's quote."}  # fmt: skip
    add_rows(
        package / "releases.csv",
        [
            stated
            | {"line": "stable", "latest_version": "4593.2.4", "latest_date": "2026-07-01", "started": "2018-04"},
            stated | {"line": "lts", "latest_version": "4081.3.10", "latest_date": "2026-08-13"},
        ],
    )
    with feed_server() as server:
        _, out, _ = refresh(capsys, str(package), "--only", "flatcar", "--feeds-url", server.base)
    marked = [line for line in out if line.startswith("~! releases flatcar stable:")]
    assert marked and "latest_version 4593.2.4 → 4593.2.5" in marked[0] and "stated, newer in the feed" in marked[0]
    assert "kept as stated: started 2018-04 (feed: 2018-04-25)" in marked[0]
    assert any(line.startswith("? releases flatcar lts:") and "older version" in line for line in out)
    stable, lts = release(package, "flatcar", "stable"), release(package, "flatcar", "lts")
    assert (stable["latest_version"], stable["started"], stable["source"]) == (
        "4593.2.5",
        "2018-04",
        "feed-flatcar-stable",
    )
    assert "started per source acme-docs." in stable["note"]
    assert (lts["latest_version"], lts["source"], lts["checked"]) == ("4081.3.10", "acme-docs", "2024-05-01")
    assert validate(package).ok


def test_a_malformed_payload_or_a_failing_host_costs_only_its_own_rows(package, capsys) -> None:
    bodies = {"builds.coreos.fedoraproject.org/streams/stable.json": '{"stream": "stable"}'}
    statuses = {"api.snapcraft.io": 503}
    with feed_server(statuses, bodies) as server:
        code, out, err = refresh(capsys, str(package), "--dry-run", "--feeds-url", server.base)
    assert code == 1
    assert any(line.startswith("kb refresh: fedora-coreos: https://builds.coreos.fedoraproject.org/streams/stable.json:"
                               " is not stream metadata") for line in err)  # fmt: skip
    assert (
        "kb refresh: ubuntu-core: https://api.snapcraft.io/v2/snaps/info/core24?fields=version: answered HTTP 503"
        in err
    )
    assert any(line.startswith("+ releases flatcar stable:") for line in out)


def test_a_feed_that_times_out_is_one_line(package, capsys, monkeypatch) -> None:
    monkeypatch.setattr("kb.evidence.TIMEOUT", 0.2)
    with feed_server(delays={"www.flatcar.org/releases-json/releases-stable.json": 1}) as server:
        code, out, err = refresh(capsys, str(package), "--dry-run", "--only", "flatcar", "--feeds-url", server.base)
    assert code == 1
    assert "kb refresh: flatcar: https://www.flatcar.org/releases-json/releases-stable.json: timed out" in err
    assert any(line.startswith("+ releases flatcar lts:") for line in out)


def test_the_snap_store_is_asked_with_its_series_header_and_the_variable_works(package, capsys, monkeypatch) -> None:
    with feed_server() as server:
        monkeypatch.setenv("KB_FEEDS_URL", server.base)
        code, out, _ = refresh(capsys, str(package), "--dry-run", "--only", "ubuntu-core")
    headers = [h for path, h in server.asked if path.startswith("/api.snapcraft.io/v2/snaps/info/core24")]
    assert headers and headers[0]["Snap-Device-Series"] == "16"
    assert any(line.startswith("+ releases ubuntu-core 24:") for line in out)
    assert code == 1  # core20 and core22 have no recording


def test_endoflife_date_only_reports(package, capsys) -> None:
    text = (package / "distros.csv").read_text(encoding="utf-8")
    (package / "distros.csv").write_text(text.replace("talos,Talos,acme", "talos,Talos,acme", 1), encoding="utf-8")
    rows = read_rows(package / "distros.csv")
    for row in rows:
        if row["id"] == "ubuntu-core":
            row["endoflife_date"] = "ubuntu"
    header = list(rows[0])
    (package / "distros.csv").write_text(",".join(header) + "\n", encoding="utf-8")
    add_rows(package / "distros.csv", rows)
    add_rows(package / "releases.csv", [{"distro": "ubuntu-core", "line": "22.04", "kind": "lts", "rolling": "no",
             "latest_version": "22.04.1", "source": "acme-docs", "checked": "2024-05-01", "basis": "inferred",
             "note": "A test row."}])  # fmt: skip
    before = (package / "releases.csv").read_bytes()
    with feed_server() as server:
        code, out, _ = refresh(capsys, str(package), "--only", "endoflife-date", "--feeds-url", server.base)
    assert code == 0
    line = next(line for line in out if line.startswith("? releases ubuntu-core 22.04:"))
    assert "latest_version 22.04.1 → 22.04.2" in line and "endoflife.date says otherwise" in line
    assert (package / "releases.csv").read_bytes() == before


def test_rows_of_a_distro_the_data_lacks_are_left_out_and_said(package, capsys) -> None:
    rows = [row for row in read_rows(package / "distros.csv") if row["id"] != "fedora-coreos"]
    (package / "distros.csv").write_text(",".join(rows[0]) + "\n", encoding="utf-8")
    add_rows(package / "distros.csv", rows)
    before = (package / "releases.csv").read_bytes()
    with feed_server() as server:
        _, out, err = refresh(capsys, str(package), "--only", "fedora-coreos", "--feeds-url", server.base)
    assert "kb refresh: fedora-coreos: fedora-coreos is not in distros; skipped" in err
    assert (package / "releases.csv").read_bytes() == before and out[-1].startswith("0 added")


def test_an_unknown_adapter_is_a_usage_error(package, capsys) -> None:
    code, _, err = refresh(capsys, str(package), "--only", "flatcat")
    assert code == 2 and "no adapter 'flatcat'; the adapters are fedora-coreos, flatcar, talos" in err[0]


FEED = Feed("feed-x", "https://example.org/x.json", "X", "X")


def proposal(version: str, date: str = "2026-01-02", started: str = "") -> Proposal:
    return Proposal("flatcar", "stable", "channel", "yes", FEED, version, date, started=started, quote=version)


@pytest.mark.parametrize(
    ("row", "new", "verdict"),
    [
        (None, proposal("2.0.0"), ADDED),
        ({"latest_version": "2.0.0", "latest_date": "2026-01-02", "basis": "stated"}, proposal("2.0.0"), SAME),
        ({"latest_version": "1.9.9", "latest_date": "2025-12-01", "basis": "stated"}, proposal("2.0.0"), UPDATED),
        ({"latest_version": "2.0.1", "latest_date": "2026-02-01", "basis": "stated"}, proposal("2.0.0"), DISAGREES),
        ({"latest_version": "2.0.0", "latest_date": "2026-01-03", "basis": "stated"}, proposal("2.0.0"), DISAGREES),
        ({"latest_version": "2.0.0", "latest_date": "2026-01-03", "basis": "inferred"}, proposal("2.0.0"), CHANGED),
        ({"latest_version": "2.0.1", "basis": "inferred"}, proposal("2.0.0"), DISAGREES),
        ({"latest_version": "2.0.0", "latest_date": "", "basis": "stated"}, proposal("2.0.0"), CHANGED),
        ({"latest_version": "1.0", "started": "2020", "basis": "stated"}, proposal("1.0", "", "2019-05-01"), DISAGREES),
    ],
)
def test_the_verdicts(row, new, verdict) -> None:
    assert compare(new, row).verdict == verdict


def test_versions_order_by_their_numbers() -> None:
    assert version_key("4593.2.10") > version_key("4593.2.9")
    assert version_key("v1.11.3") > version_key("1.9.0")
