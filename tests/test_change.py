"""Writers: kb rm and kb edit, the data folder's lock, and files written only where they belong."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import build_package, read_rows

from kb.cli import main
from kb.csvfile import TEMPORARY_SUFFIX, WriteRefused, locked, write_text
from kb.validation import validate


def test_rm_removes_one_row_by_its_cells(tmp_path, capsys) -> None:
    package = build_package(tmp_path / "data")
    assert main(["rm", "distro_runtimes", "distro=acme-next", "runtime=containerd", "--data", str(package)]) == 0
    assert [row["runtime"] for row in read_rows("distro_runtimes", package)] == ["docker", "docker"]
    assert "removed from" in capsys.readouterr().out
    assert validate(package).ok


def test_rm_refuses_what_would_break_a_reference(tmp_path, capsys) -> None:
    package = build_package(tmp_path / "data")
    before = (package / "organizations.csv").read_bytes()
    assert main(["rm", "organizations", "id=globex", "--data", str(package)]) == 1
    assert "unknown-reference" in capsys.readouterr().out
    assert (package / "organizations.csv").read_bytes() == before


def test_rm_and_edit_want_exactly_one_row_unless_told(tmp_path, capsys) -> None:
    package = build_package(tmp_path / "data")
    assert main(["rm", "distro_runtimes", "distro=acme-os", "--data", str(package)]) == 2
    assert main(["rm", "distro_runtimes", "distro=nobody", "--data", str(package)]) == 2
    err = capsys.readouterr().err
    assert "2 rows of distro_runtimes have distro=acme-os; name more columns (distro, runtime, since)" in err
    assert "no row of distro_runtimes has distro=nobody" in err


def test_edit_changes_cells_through_validation(tmp_path, capsys) -> None:
    package = build_package(tmp_path / "data")
    arguments = ["edit", "distros", "id=acme-next", "--data", str(package)]
    assert main([*arguments, "--set", "status=retired"]) == 1  # not in the enum: refused
    assert "not-in-enum" in capsys.readouterr().out
    assert main([*arguments, "--set", "name=Acme Next Generation", "homepage=https://acme.example.org/ng/"]) == 0
    row = next(row for row in read_rows("distros", package) if row["id"] == "acme-next")
    assert (row["name"], row["homepage"]) == ("Acme Next Generation", "https://acme.example.org/ng/")
    assert main([*arguments, "--set", "colour=red"]) == 2
    assert "distros has no column 'colour'" in capsys.readouterr().err


def _add_rows(package: Path, first: int, count: int) -> subprocess.Popen:
    """A separate process adding ``count`` events, one kb add after another."""
    code = (
        "import sys\nfrom kb.cli import main\n"
        f"for n in range({first}, {first + count}):\n"
        "    assert main(['add', 'events', f'date=2021-{n:02d}', 'kind=release', 'subject=acme-next',"
        " 'source=acme-docs', 'basis=inferred', 'note=A release month.', "
        f"'--data', {str(package)!r}]) == 0\n"
    )
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)


def test_concurrent_writers_lose_no_row(tmp_path) -> None:
    package = build_package(tmp_path / "data")
    before = len(read_rows("events", package))
    writers = [_add_rows(package, first, 4) for first in (1, 5, 9)]
    assert [writer.wait(timeout=300) for writer in writers] == [0, 0, 0]
    assert len(read_rows("events", package)) == before + 12
    assert validate(package).ok


def test_a_second_writer_waits_then_fails_plainly(tmp_path) -> None:
    package = build_package(tmp_path / "data")
    with locked(package), pytest.raises(WriteRefused, match="another kb command"), locked(package, wait=0.2):
        pass


def test_symlinks_are_never_written_through(tmp_path, capsys) -> None:
    package = build_package(tmp_path / "data")
    outside = tmp_path / "outside.csv"
    outside.write_text("precious\n")
    (package / "distros.csv").unlink()
    (package / "distros.csv").symlink_to(outside)
    with pytest.raises(WriteRefused, match="symbolic link"):
        write_text(package / "distros.csv", "x\n")
    assert main(["fmt", str(package)]) in (1, 2)
    assert main(
        ["add", "events", "date=2021", "kind=release", "subject=acme-os", "source=acme-docs", "--data", str(package)]
    ) in (1, 2)
    assert outside.read_text() == "precious\n"
    assert "Traceback" not in capsys.readouterr().err


def test_a_planted_temporary_path_is_not_used(tmp_path) -> None:
    package = build_package(tmp_path / "data")
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n")
    for name in ("distros.csv.tmp", ".distros.csv.tmp"):
        (package / name).symlink_to(outside)
    text = (package / "distros.csv").read_text().replace("Acme OS,", "Acme OS Classic,")
    with locked(package):
        write_text(package / "distros.csv", text)
    assert outside.read_text() == "precious\n"
    assert "Acme OS Classic" in (package / "distros.csv").read_text()


def test_temporary_files_of_a_crashed_writer_are_cleared(tmp_path) -> None:
    package = build_package(tmp_path / "data")
    leftover = package / f".distros.csv.0123456789ab{TEMPORARY_SUFFIX}"
    leftover.write_text("half a file")
    with locked(package):
        pass
    assert not leftover.exists()
    write_text(package / "sources.csv", (package / "sources.csv").read_text())
    assert not [name for name in os.listdir(package) if name.endswith(TEMPORARY_SUFFIX)]
