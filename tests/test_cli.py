"""The kb command line: output forms, exit statuses, and files left untouched."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DEFECTS, FILES, build_package

from kb.cli import main
from kb.validation.catalogue import CATALOGUE


def snapshot(folder: Path) -> dict[str, str]:
    return {file.name: hashlib.sha256(file.read_bytes()).hexdigest() for file in sorted(folder.iterdir())}


@pytest.mark.parametrize("defect", DEFECTS)
def test_bad_input_gives_a_located_error_exit_1_and_changes_nothing(defect, tmp_path, capsys) -> None:
    package = build_package(tmp_path / "data", defect)
    before = snapshot(package)
    assert main(["validate", str(package)]) == 1
    out, err = capsys.readouterr()
    assert re.search(rf"^{re.escape(str(package))}/[\w.]+:\d+:\d+: {defect}: \S", out, re.MULTILINE), out
    assert re.search(r"^checked \d+ files, \d+ rows: [1-9]\d* errors?$", out.splitlines()[-1])
    assert "Traceback" not in out + err
    assert snapshot(package) == before


def test_clean_data_exits_0(valid_package, capsys) -> None:
    assert main(["validate", str(valid_package)]) == 0
    assert capsys.readouterr().out == f"checked {FILES} files, 21 rows: 0 errors\n"


def test_github_annotations(tmp_path, capsys) -> None:
    package = build_package(tmp_path / "data", "unknown-reference")
    assert main(["validate", str(package), "--format", "github"]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(f"::error file={package}/distros.csv,line=3,col=3,title=unknown-reference::")
    assert "did you mean 'globex'?" in first


def test_github_annotations_escape_newlines_and_separators() -> None:
    from kb.validation.catalogue import Issue
    from kb.validation.render import github_annotation

    line = github_annotation(Issue("a,b:c.csv", 2, 3, "required", "50% done\nnext"))
    assert line == "::error file=a%2Cb%3Ac.csv,line=2,col=3,title=required::50%25 done%0Anext Fix: Fill it in."


def test_json_output_serves_tools(tmp_path, capsys) -> None:
    package = build_package(tmp_path / "data", "date-order")
    assert main(["validate", str(package), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == 2 and report["files"] == FILES
    assert report["issues"][0] | {"message": ""} == {
        "path": f"{package}/distros.csv",
        "line": 2,
        "column": 6,
        "code": "date-order",
        "message": "",
        "fix": CATALOGUE["date-order"].fix,
    }


def test_a_missing_folder_is_a_usage_error(tmp_path, capsys) -> None:
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    assert "no datapackage.json" in capsys.readouterr().err


def test_an_unknown_option_is_a_usage_error(capsys) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["validate", "--format", "xml"])
    assert exit.value.code == 2


def test_the_installed_command_runs(valid_package) -> None:
    kb = Path(sys.executable).with_name("kb")
    result = subprocess.run([kb, "validate", valid_package], capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, f"checked {FILES} files, 21 rows: 0 errors\n")


def test_a_closed_pipe_ends_quietly(tmp_path) -> None:
    package = build_package(tmp_path / "data", "unknown-reference")
    kb = Path(sys.executable).with_name("kb")
    command = f"'{kb}' validate '{package}' | head -c 0"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True)
    assert "Traceback" not in result.stderr
