"""Record endoflife.date's release cycles for our distributions as rows of external_release_dates.csv.

Reads a local git clone of endoflife-date/endoflife.date (no network) at one commit, takes the
products that distros.csv's endoflife_date column names (upstream bases excluded: they have no release
lines here) and prints the rows and the sources.csv rows to append. Run it by hand; review the output.

    python scripts/endoflife_snapshot.py /path/to/endoflife.date.git HEAD 2026-12-01
"""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"
REGISTRY = "endoflife.date"
# Where the registry's cycle has another name than our line, or only some cycles are this distro.
LINE_NAMES = {("clear-linux", "current"): "rolling"}
ONLY_CYCLES = {"amazon-linux-2023": {"2023"}}  # the amazon-linux product also covers AL1 and AL2


def git(repo: str, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", repo, *args], capture_output=True, text=True, check=True).stdout


def product_files(repo: str, commit: str) -> dict[str, str]:
    """Product slug (its permalink) -> file name."""
    files = {}
    for name in git(repo, "ls-tree", "--name-only", commit, "products/").split():
        head = git(repo, "show", f"{commit}:{name}").split("\n---", 1)[0]
        permalink = yaml.safe_load(head.lstrip("-\n")).get("permalink", "").strip("/")
        files[permalink] = name
    return files


def quote(lines: list[str], start: int) -> str:
    """The cycle's lines from its releaseCycle on, whitespace collapsed, cut at a line within 200 characters."""
    words = ""
    for line in lines[start:]:
        if (line.lstrip().startswith("- releaseCycle") and words) or line.startswith("---"):
            break
        candidate = " ".join(f"{words} {line.strip().removeprefix('- ')}".split())
        if len(candidate) > 200:
            break
        words = candidate
    return words


def day(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else ""


def main(repo: str, commit: str, checked: str) -> None:
    sha = git(repo, "rev-parse", commit).strip()
    files = product_files(repo, sha)
    with open(DATA / "distros.csv", encoding="utf-8") as file:
        distros = [row for row in csv.DictReader(file) if row["endoflife_date"]]
    rows, sources = [], []
    for distro in distros:
        if distro["kind"] == "upstream-base":
            continue
        name = files[distro["endoflife_date"]]
        stem = Path(name).stem
        text = git(repo, "show", f"{sha}:{name}")
        front = yaml.safe_load(text.split("\n---", 1)[0].lstrip("-\n"))
        lines = text.splitlines()
        starts = [i for i, line in enumerate(lines) if line.lstrip().startswith("- releaseCycle")]
        published = git(repo, "log", "-1", "--format=%cs", sha, "--", name).strip()
        source = f"eol-{stem}"
        sources.append(
            [
                source,
                f"https://github.com/endoflife-date/endoflife.date/blob/{sha}/{name}",
                f"{name} ({front['title']} on endoflife.date)",
                "GitHub (endoflife-date/endoflife.date)",
                published,
                checked,
                "repository",
                "endoflife.date's data file, a third-party registry: recorded to compare its dates with ours, "
                "never used as the source of our own rows.",
            ]
        )
        for release, start in zip(front["releases"], starts, strict=True):
            cycle = str(release["releaseCycle"])
            if distro["id"] in ONLY_CYCLES and cycle not in ONLY_CYCLES[distro["id"]]:
                continue
            eol = release.get("eol")
            notes = []
            if eol is False:
                notes.append("eol: false (no end of support given)")
            elif eol is True:
                notes.append("eol: true (ended, no date given)")
            line = LINE_NAMES.get((distro["id"], cycle), cycle)
            if line != cycle:
                notes.append(f"The registry's cycle {cycle!r} is the line called {line!r} here.")
            if "eoas" in release:
                notes.append(f"end_of_support is eol (security support); eoas (active support) {day(release['eoas'])}.")
            rows.append(
                [
                    distro["id"],
                    line,
                    REGISTRY,
                    cycle,
                    day(release.get("releaseDate")),
                    day(eol),
                    str(release.get("latest", "")),
                    day(release.get("latestReleaseDate")),
                    " ".join(notes),
                    source,
                    checked,
                    quote(lines, start),
                    "stated",
                ]
            )
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerows(rows)
    print("--- sources")
    out.writerows(sources)


if __name__ == "__main__":
    main(*sys.argv[1:4])
