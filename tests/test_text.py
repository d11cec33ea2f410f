"""Text as the validator meets it: ASCII dates, look-alike names, control characters and output
encodings that must not forge or lose a report, canonical line ends, and dates at the edge of time."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import FILES, build_package

import kb
from kb.cli import main
from kb.dates import parse_partial
from kb.spans import lifespans
from kb.validation import validate
from kb.validation.confusables import skeleton

TODAY = dt.date(2026, 1, 15)
KB = str(Path(sys.executable).with_name("kb"))


@pytest.mark.parametrize("text", ["٢٠١٤", "２０１４", "2014-٠٧", "۲۰۱۴-07-01", "2014-07-0１"])
def test_dates_are_ascii_digits_only(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY"):
        parse_partial(text)


def test_a_date_in_other_digits_is_an_invalid_date(tmp_path: Path) -> None:
    package = build_package(tmp_path / "data")
    text = (package / "lineage.csv").read_text(encoding="utf-8")
    (package / "lineage.csv").write_text(text.replace(",2019,", ",٢٠١٩,"), encoding="utf-8")
    assert [(issue.line, issue.code) for issue in validate(package, TODAY).issues] == [(2, "invalid-date")]


@pytest.mark.parametrize(
    ("first", "second"),
    [("Acme", "Аcme"), ("Flatcar", "FIatcar"), ("OS", "0S"), ("Talos", "Ta1os"), ("modern", "rnodern"),
     ("Azure Linux", "Azure Lınux"), ("é", "e\u0301")],
)  # fmt: skip
def test_look_alike_names_share_a_skeleton(first: str, second: str) -> None:
    assert skeleton(first) == skeleton(second)


@pytest.mark.parametrize(("first", "second"), [("Acme", "Acne"), ("Talos", "Talis"), ("k3OS", "k8OS")])
def test_different_names_keep_different_skeletons(first: str, second: str) -> None:
    assert skeleton(first) != skeleton(second)


def test_a_name_differing_only_in_case_stays_a_duplicate(tmp_path: Path) -> None:
    package = build_package(tmp_path / "data")
    text = (package / "organizations.csv").read_text(encoding="utf-8")
    (package / "organizations.csv").write_text(text.replace("globex,Globex,", "globex,ACME SYSTEMS,"))
    assert [(issue.line, issue.code) for issue in validate(package, TODAY).issues] == [(3, "duplicate-fact")]


FORGERY = "acme\n/data/x.csv:1:1: required: forged\x1b[2K\u2028"


def test_control_characters_cannot_forge_a_report_line(tmp_path: Path, capsys) -> None:
    package = build_package(tmp_path / "data")
    text = (package / "distros.csv").read_text(encoding="utf-8")
    (package / "distros.csv").write_text(text.replace(",acme,discontinued,", f',"{FORGERY}",discontinued,'))
    (package / "stray\nx.csv:1:1: required: forged\x1b[2K.csv").write_text("a file name with a line of its own\n")
    for format in ("text", "github"):
        assert main(["validate", str(package), "--format", format]) == 1
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\u2028" not in out
        assert "\\x1b[2K" in out
        lines = out.splitlines()
        assert len(lines) == len(validate(package, TODAY).issues) + 1  # one line per issue, and the summary
        assert not any(line.startswith(("/data/x.csv", "x.csv")) for line in lines)


@pytest.mark.parametrize("encoding", ["utf-8", "ascii", "latin-1"])
def test_no_output_encoding_loses_the_report(tmp_path: Path, encoding: str) -> None:
    package = build_package(tmp_path / "data")
    raw = (package / "organizations.csv").read_bytes()
    raw = raw.replace(b"globex,Globex,", b"globex,Gl\xffbex \xe2\x80\x94 \xc3\xa9,").replace(b"\nacme,", b"\nac\xffme,")
    (package / "organizations.csv").write_bytes(raw)
    text = (package / "distros.csv").read_text(encoding="utf-8")
    (package / "distros.csv").write_text(text.replace(",acme,discontinued,", ",acmé,discontinued,"), encoding="utf-8")
    env = os.environ | {"PYTHONIOENCODING": encoding, "KB_TODAY": "2026-01-15"}
    result = subprocess.run([KB, "validate", str(package)], capture_output=True, env=env)
    out = result.stdout.decode(encoding)
    assert result.returncode == 1 and "Traceback" not in result.stderr.decode(encoding, "replace")
    assert "undecodable-bytes" in out and out.splitlines()[-1].startswith(f"checked {FILES} files")
    assert "'acmé' is not an id" in out or "'acm\\xe9' is not an id" in out


def test_fmt_flags_crlf_line_ends_and_fixes_them(tmp_path: Path, capsys) -> None:
    package = build_package(tmp_path / "data")
    (package / "features.csv").write_bytes((package / "features.csv").read_bytes().replace(b"\n", b"\r\n"))
    assert main(["fmt", "--check", str(package)]) == 1
    assert "features.csv: not in canonical form" in capsys.readouterr().out
    assert main(["fmt", str(package)]) == 0
    assert b"\r" not in (package / "features.csv").read_bytes()
    assert main(["fmt", "--check", str(package)]) == 0


def test_an_end_of_life_in_december_9999_is_a_date_like_any_other(tmp_path: Path) -> None:
    assert parse_partial("9999-12").end == dt.date(9999, 12, 31)
    package = build_package(tmp_path / "data")
    text = (package / "distros.csv").read_text(encoding="utf-8")
    (package / "distros.csv").write_text(
        text.replace(",active,container-host,2020-01,,", ",active,container-host,2020-01,9999-12,")
    )
    assert validate(package, TODAY).ok
    distros = kb.load(package)["distros"]
    assert distros.set_index("id").loc["acme-next", "end_of_life"].year == 9999
    life = lifespans(distros, pd.Timestamp(TODAY)).set_index("id")
    assert life.loc["acme-next", "ending"] == "still supported" and pd.isna(life.loc["acme-next", "end"])
