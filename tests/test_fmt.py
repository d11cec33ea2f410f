"""kb fmt: canonical form without losing a cell; --check only reports; broken files are left alone."""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from pathlib import Path

from conftest import build_package
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.cli import main
from kb.validation import validate


def rows_of(path: Path) -> Counter:
    with open(path, newline="", encoding="utf-8-sig") as file:
        return Counter(tuple(sorted(row.items())) for row in csv.DictReader(file))


def scramble(path: Path, seed: int) -> None:
    """Shuffle rows and columns, quote everything, use CRLF and add a BOM: same content, other form."""
    with open(path, newline="", encoding="utf-8") as file:
        header, *rows = list(csv.reader(file))
    generator = random.Random(seed)
    order = list(range(len(header)))
    generator.shuffle(order)
    generator.shuffle(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([header[i] for i in order])
    writer.writerows([[row[i] for i in order] for row in rows])
    path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8", newline="")


def canonical_package(folder: Path) -> Path:
    """The valid fixture package, formatted once."""
    package = build_package(folder / "data")
    assert main(["fmt", str(package)]) == 0
    return package


def test_fmt_restores_the_canonical_form_and_loses_nothing(tmp_path, capsys) -> None:
    package = canonical_package(tmp_path)
    canonical = {file.name: file.read_bytes() for file in package.glob("*.csv")}
    for number, file in enumerate(sorted(package.glob("*.csv"))):
        before = rows_of(file)
        scramble(file, number)
        assert rows_of(file) == before
    assert main(["fmt", "--check", str(package)]) == 1
    assert main(["fmt", str(package)]) == 0
    assert {file.name: file.read_bytes() for file in package.glob("*.csv")} == canonical
    assert main(["fmt", "--check", str(package)]) == 0
    assert "0 would reformat" in capsys.readouterr().out


def test_check_writes_nothing(tmp_path, capsys) -> None:
    package = canonical_package(tmp_path)
    scramble(package / "distros.csv", 1)
    scrambled = (package / "distros.csv").read_bytes()
    assert main(["fmt", "--check", str(package)]) == 1
    assert (package / "distros.csv").read_bytes() == scrambled
    assert "distros.csv: not in canonical form" in capsys.readouterr().out


def test_files_with_structural_errors_are_left_alone(tmp_path, capsys) -> None:
    package = build_package(tmp_path / "data", "ragged-row")
    broken = (package / "events.csv").read_bytes()
    assert main(["fmt", str(package)]) == 1
    assert (package / "events.csv").read_bytes() == broken
    assert "events.csv:3:9: ragged-row" in capsys.readouterr().out


def test_blank_lines_and_a_bom_are_repaired(tmp_path) -> None:
    package = build_package(tmp_path / "data", "blank-line")
    (package / "features.csv").write_bytes(b"\xef\xbb\xbf" + (package / "features.csv").read_bytes())
    assert main(["fmt", str(package)]) == 0
    assert validate(package).ok


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000))
def test_any_reordering_formats_back_to_the_same_bytes(seed) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        package = canonical_package(Path(folder))
        target = package / "distro_runtimes.csv"
        canonical = target.read_bytes()
        scramble(target, seed)
        assert main(["fmt", str(package)]) == 0
        assert target.read_bytes() == canonical
