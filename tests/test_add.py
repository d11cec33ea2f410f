"""kb add: a row is validated with the whole package before it is written, in canonical place."""

from __future__ import annotations

import io

from conftest import build_package, read_rows

from kb.cli import main
from kb.validation import validate

DISTRO = ["id=acme-mini", "name=Acme Mini", "vendor=acme", "status=active", "kind=container-host",
          "description=A small host.",
          "source=acme-docs", "checked=2024-05-02"]  # fmt: skip


def test_a_valid_row_is_written_in_canonical_place(tmp_path, capsys) -> None:
    package = build_package(tmp_path / "data")
    assert main(["add", "distros", *DISTRO, "--data", str(package)]) == 0
    ids = [row["id"] for row in read_rows("distros", package)]
    assert ids == ["acme-mini", "acme-next", "acme-os"]  # the whole table in primary-key order
    assert validate(package).ok
    assert "added to" in capsys.readouterr().out


def test_an_invalid_row_is_refused_and_nothing_is_written(tmp_path, capsys) -> None:
    package = build_package(tmp_path / "data")
    before = (package / "distros.csv").read_bytes()
    cells = [cell.replace("vendor=acme", "vendor=acmee") for cell in DISTRO]
    assert main(["add", "distros", *cells, "--data", str(package)]) == 1
    out = capsys.readouterr().out
    assert "unknown-reference: 'acmee' is not an id in organizations (did you mean 'acme'?)" in out
    assert "nothing written" in out
    assert (package / "distros.csv").read_bytes() == before


def test_a_new_source_may_wait_for_the_facts_that_cite_it(tmp_path) -> None:
    package = build_package(tmp_path / "data")
    source = [
        "id=acme-blog",
        "url=https://acme.example.org/blog/",
        "title=Acme blog",
        "publisher=Acme",
        "type=blog",
        "note=Acme publishes release dates only on its blog.",
    ]
    assert main(["add", "sources", *source, "--data", str(package)]) == 0
    added = next(row for row in read_rows("sources", package) if row["id"] == "acme-blog")
    assert added["accessed"]  # defaults to today
    assert [issue.code for issue in validate(package).issues] == ["unused-source"]
    # the next row may be added while the source waits, and once a fact cites it all is clean
    event = [
        "date=2021-01",
        "kind=release",
        "subject=acme-next",
        "source=acme-blog",
        "basis=stated",
        "quote=Acme Next 2021.1 is out.",
    ]
    assert main(["add", "events", *event, "--data", str(package)]) == 0
    assert validate(package).ok


def test_existing_errors_are_fixed_first(tmp_path, capsys) -> None:
    package = build_package(tmp_path / "data", "required")
    assert main(["add", "distros", *DISTRO, "--data", str(package)]) == 1
    assert "distros.csv:3:2: required" in capsys.readouterr().out


def test_usage_errors(tmp_path, capsys) -> None:
    package = build_package(tmp_path / "data")
    assert main(["add", "distroz", "id=x", "--data", str(package)]) == 2
    assert main(["add", "distros", "colour=red", "--data", str(package)]) == 2
    assert main(["add", "distros", "justtext", "--data", str(package)]) == 2
    err = capsys.readouterr().err
    assert "no table 'distroz'" in err and "has no column 'colour'" in err


def test_interactive_questions(tmp_path, monkeypatch, capsys) -> None:
    package = build_package(tmp_path / "data")
    answers = ["Acme Mini", "acme", "active", "container-host", "", "", "", "", "A small host.", "", "acme-docs"]
    answers += [""] * 9  # the optional columns after source
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(answers) + "\n"))
    assert main(["add", "distros", "id=acme-mini", "--interactive", "--data", str(package)]) == 0
    assert "name (required)" in capsys.readouterr().err
    assert any(row["name"] == "Acme Mini" for row in read_rows("distros", package))
