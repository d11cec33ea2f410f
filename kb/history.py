"""Corrections of the data: the commits that changed data/*.csv, read from git's history.

Each commit keeps its date, its message, the tables it changed and the distros whose rows it
added, removed or changed. Without git, or outside a repository, there is no history (an empty list).
"""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

from kb.schema import Resource
from kb.validation.descriptor import read_package

_START = "\x1e"  # record separator: begins each commit in the log
_FIELDS = "\x1f"  # unit separator: between a commit's fields


@dataclass(frozen=True)
class Commit:
    """One commit that changed the data."""

    sha: str
    date: dt.datetime  # the committer date, with its offset
    subject: str
    body: str
    tables: tuple[str, ...]  # the resources whose CSV it changed, sorted
    distros: tuple[str, ...]  # the distros whose rows it touched, sorted


def data_commits(data: Path) -> list[Commit]:
    """The commits that changed a CSV file of the package in ``data``, newest first."""
    data = data.resolve()
    command = ["git", "-C", str(data), "log", "--no-merges", "--no-color", "--no-ext-diff", "--unified=0"]
    command += ["--format=" + _START + _FIELDS.join(["%H", "%cI", "%s", "%b"]) + _FIELDS, "-p", "--", "*.csv"]
    try:
        log = subprocess.run(command, capture_output=True, check=False, text=True, encoding="utf-8", errors="replace")
    except OSError:  # no git
        return []
    if log.returncode != 0:  # not a repository, or no commit yet
        return []
    package = read_package(data)
    files = {resource.path: resource for resource in package.resources}
    commits = []
    for record in log.stdout.split(_START)[1:]:
        sha, date, subject, body, patch = record.split(_FIELDS, 4)
        tables, distros = _touched(patch, data, files)
        if tables:
            commits.append(Commit(sha, dt.datetime.fromisoformat(date), subject, body.strip(), tables, distros))
    return commits


def _touched(patch: str, data: Path, files: dict[str, Resource]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The resources a patch changed and the distro ids in its changed rows, read by the columns that
    refer to distros (at today's positions, or the positions of a header the patch changes)."""
    prefix = _prefix(data)
    tables: set[str] = set()
    distros: set[str] = set()
    resource: Resource | None = None
    headers: dict[str, list[str]] = {}
    for line in patch.splitlines():
        if line.startswith("diff --git "):
            path = line.rsplit(" b/", 1)[-1]
            resource = files.get(path.removeprefix(prefix)) if path.startswith(prefix) else None
            headers = {}
            if resource is not None:
                tables.add(resource.name)
            continue
        sign = line[:1]
        if resource is None or sign not in "+-" or line.startswith(("+++ ", "--- ")):
            continue
        cells = next(csv.reader([line[1:]]), [])
        if set(cells) & set(resource.field_names) == set(cells) and resource.primary_key[0] in cells:
            headers[sign] = cells  # the header row itself changed
            continue
        header = headers.get(sign, list(resource.field_names))
        columns = resource.referring_to("distros") + (("id",) if resource.name == "distros" else ())
        for column in columns:
            if column in header and header.index(column) < len(cells) and cells[header.index(column)]:
                distros.add(cells[header.index(column)])
    return tuple(sorted(tables)), tuple(sorted(distros))


def _prefix(data: Path) -> str:
    """The path of ``data`` inside its repository, with a trailing slash, as the patch names files."""
    top = subprocess.run(["git", "-C", str(data), "rev-parse", "--show-toplevel"], capture_output=True, text=True)
    root = Path(top.stdout.strip()).resolve() if top.returncode == 0 else data
    relative = data.relative_to(root).as_posix() if data != root else ""
    return f"{relative}/" if relative else ""
