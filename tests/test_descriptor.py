"""datapackage.json is input like any CSV: every malformed descriptor gets a located error, never a
traceback; paths never leave data/; only the files it names are read; patterns cannot backtrack."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import build_package
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kb
from kb.cli import main
from kb.validation import locate, validate
from kb.validation.descriptor import REQUIRED_RESOURCES
from kb.validation.patterns import UnsafePattern, compile_safe


def descriptor(package: Path) -> dict:
    return json.loads((package / "datapackage.json").read_text(encoding="utf-8"))


def rewrite(package: Path, spec: dict) -> None:
    (package / "datapackage.json").write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")


def located(package: Path) -> list[tuple[int, int, str, str]]:
    """(line, column, code, message) of each issue, which must all be in datapackage.json."""
    issues = validate(package).issues
    assert {Path(issue.path).name for issue in issues} == {"datapackage.json"}, issues
    return [(issue.line, issue.column, issue.code, issue.message) for issue in issues]


def line_of(package: Path, text: str) -> int:
    lines = (package / "datapackage.json").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def test_no_resources_is_invalid_and_loading_says_so(tmp_path: Path) -> None:
    package = build_package(tmp_path / "data")
    rewrite(package, descriptor(package) | {"resources": []})
    line = line_of(package, '"resources": []')
    assert located(package) == [(line, 16, "invalid-descriptor", "resources must list at least 1")]
    with pytest.raises(kb.DataError):
        kb.load(package)


def test_each_table_the_code_reads_must_be_described(tmp_path: Path) -> None:
    package = build_package(tmp_path / "data")
    spec = descriptor(package)
    rewrite(package, spec | {"resources": [r for r in spec["resources"] if r["name"] != "releases"]})
    [(_, _, code, message)] = located(package)
    assert code == "invalid-descriptor" and "'releases' is missing" in message
    assert "releases" in REQUIRED_RESOURCES


@pytest.mark.parametrize(
    ("change", "marker", "message"),
    [
        (lambda spec: spec["resources"][0]["schema"]["fields"][0]["constraints"].update(maxLength="200"),
         '"maxLength": "200"', "constraints.maxLength must be a whole number"),
        (lambda spec: spec["resources"][1].update(path=["sources.csv"]), '"path": [', "path must be a string"),
        (lambda spec: spec["resources"][0]["schema"]["fields"][1].update(name=7), '"name": 7', "name must be a string"),
        (lambda spec: spec["resources"][0]["schema"].pop("fields"), '"schema": {', "lacks the property 'fields'"),
        (lambda spec: spec["resources"][2].update(name="sources"), '"name": "sources"', "a second resource"),
    ],
    ids=["string-maxLength", "list-path", "number-name", "no-fields", "repeated-name"],
)  # fmt: skip
def test_wrong_types_are_located(tmp_path: Path, change, marker: str, message: str) -> None:
    package = build_package(tmp_path / "data")
    spec = descriptor(package)
    change(spec)
    rewrite(package, spec)
    issues = located(package)
    lines = (package / "datapackage.json").read_text(encoding="utf-8").splitlines()
    assert any(marker in lines[line - 1] and message in text for line, _, _, text in issues), issues


def test_deep_nesting_is_located_not_a_recursion_error(tmp_path: Path, capsys) -> None:
    package = build_package(tmp_path / "data")
    (package / "datapackage.json").write_text('{"name": "x", "resources": ' + "[" * 100_000 + "]" * 100_000 + "}")
    [(line, column, code, message)] = located(package)
    assert (line, code) == (1, "invalid-descriptor") and column == 28 + 15 and "nested deeper" in message
    assert main(["fmt", str(package)]) == 1  # the other commands report it the same way
    assert "datapackage.json:1:43: invalid-descriptor" in capsys.readouterr().out


@pytest.mark.parametrize("path", ["/proc/self/environ", "../../../etc/passwd", "C:\\data\\x.csv", "sub/../../x.csv"])
def test_paths_never_leave_the_data_folder(tmp_path: Path, path: str, capsys) -> None:
    package = build_package(tmp_path / "data")
    spec = descriptor(package)
    spec["resources"][1]["path"] = path
    rewrite(package, spec)
    [(_, _, code, _)] = located(package)
    assert code == "unsafe-path"
    assert main(["validate", str(package)]) == 1
    out = capsys.readouterr().out
    assert "PATH=" not in out and "root:" not in out  # nothing of the file is echoed


def test_a_csv_symlinked_out_of_the_data_folder_is_refused(tmp_path: Path) -> None:
    package = build_package(tmp_path / "data")
    outside = tmp_path / "secret.csv"
    outside.write_text("id,name,homepage,source,checked\nsecret-value,x,https://x.org/,,\n")
    (package / "organizations.csv").unlink()
    os.symlink(outside, package / "organizations.csv")
    issues = validate(package).issues
    assert [issue.code for issue in issues] == ["unsafe-path"]
    assert "secret-value" not in issues[0].message


def test_stray_files_and_links_are_reported_not_read(tmp_path: Path) -> None:
    package = build_package(tmp_path / "data")
    (package / "old.csv").write_text("not,read\n")
    os.symlink(tmp_path, package / "elsewhere")
    (package / "README.md").write_text("Files other than CSV may sit beside the data.\n")
    assert [(Path(issue.path).name, issue.code) for issue in validate(package).issues] == [
        ("elsewhere", "stray-file"),
        ("old.csv", "stray-file"),
    ]


@pytest.mark.parametrize(
    "pattern", [r"[a-z0-9]+(-[a-z0-9]+)*", r"[a-z0-9]+(-{1,2}[a-z0-9]+)*", r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?",
                r"https://\S+", r"(ab|cd)*"]
)  # fmt: skip
def test_unambiguous_patterns_are_allowed(pattern: str) -> None:
    assert compile_safe(pattern).fullmatch("") is None or pattern == r"(ab|cd)*"


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [(r"(a+)+$", "nests"), (r"([a-z]+-?)*", "nests"), (r"(a|a)*b", "nests"), (r"(.*)*", "nests"),
     (r"(a)\1", "backreference"), (r"(?=a)a", "lookahead"), (r"(?<!a)b", "lookbehind"), ("(", "compile")],
)  # fmt: skip
def test_backtracking_patterns_are_refused(pattern: str, reason: str) -> None:
    with pytest.raises(UnsafePattern, match=reason):
        compile_safe(pattern)


def test_a_backtracking_pattern_never_reaches_a_cell(tmp_path: Path) -> None:
    package = build_package(tmp_path / "data")
    spec = descriptor(package)
    spec["resources"][0]["schema"]["fields"][1]["constraints"] = {"pattern": "(a+)+$"}
    rewrite(package, spec)
    text = (package / "organizations.csv").read_text()
    (package / "organizations.csv").write_text(text.replace("Acme Systems", "a" * 40 + "!"))
    [(line, _, code, _)] = located(package)  # returns at once: the cells are not checked
    assert (line, code) == (line_of(package, '"pattern": "(a+)+$"'), "unsafe-pattern")


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 300) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)


@pytest.mark.slow  # 150 packages: make test runs it, the quick loop does not
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_any_value_anywhere_gets_a_clean_answer(tmp_path_factory, data) -> None:
    package = build_package(tmp_path_factory.mktemp("fuzz") / "data")
    text = (package / "datapackage.json").read_text(encoding="utf-8")
    paths = sorted(path for path in locate.positions(text) if path)
    spec = descriptor(package)
    for _ in range(data.draw(st.integers(1, 3))):
        *parents, last = data.draw(st.sampled_from(paths))
        node = spec
        try:
            for part in parents:
                node = node[part]
            node[last] = data.draw(VALUES)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier replacement removed this place
    rewrite(package, spec)
    report = validate(package)
    try:
        kb.load(package)
    except kb.DataError as error:
        assert not report.ok and error.issues
    else:
        assert report.ok
